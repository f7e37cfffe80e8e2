#include "qchain/engine/programme/project_progress.hpp"

#include <cmath>
#include <optional>
#include <unordered_set>

#include "qchain/engine/quality/issue_attribution.hpp"
#include "qchain/engine/quality/own_defects.hpp"

namespace qchain::engine {

using namespace qchain::graphs;

namespace {

std::optional<std::uint32_t> issue_index(const ChainGraph& g, const std::string& code) {
  for (std::uint32_t k = 0; k < g.issues().size(); ++k)
    if (g.issues()[k].code == code) return k;
  return std::nullopt;
}

// The index of the issue in the firm's list, or -1.
int firm_issue(const Firm& f, std::optional<std::uint32_t> issue) {
  if (!issue) return -1;
  for (std::size_t k = 0; k < f.issues.size(); ++k)
    if (f.issues[k].issue == *issue) return static_cast<int>(k);
  return -1;
}

// The issue's attributed loss summed over the firms in scope that have it; and how many they are.
double scope_loss(const ChainGraph& g, std::optional<std::uint32_t> issue, const std::unordered_set<std::string>& scope,
                  std::uint32_t* having) {
  if (!issue) return 0.0;
  const OwnDefects own = own_defects(g);
  const IssueAttribution a = attribute_issues(g, own.rate);
  double sum = 0.0;
  for (FirmId v = 0; v < g.firm_count(); ++v) {
    if (!scope.empty() && !scope.count(g.firm(v).id)) continue;
    const int k = firm_issue(g.firm(v), issue);
    if (k < 0) continue;
    sum += a.of(v, static_cast<std::size_t>(k));
    if (having) ++*having;
  }
  return sum;
}

}  // namespace

ProjectProgressResult project_progress(const ChainGraph& before, const ChainGraph& latest, const ProjectProgressOptions& o) {
  ProjectProgressResult r;
  const std::unordered_set<std::string> scope(o.firms.begin(), o.firms.end());
  const std::optional<std::uint32_t> ib = issue_index(before, o.issue_code), il = issue_index(latest, o.issue_code);
  r.issue_in_before = ib.has_value();
  r.issue_in_latest = il.has_value();
  for (FirmId v = 0; v < before.firm_count(); ++v) {
    const Firm& f = before.firm(v);
    if (!scope.empty() && !scope.count(f.id)) continue;
    ++r.scope_before;
    if (firm_issue(f, ib) < 0) continue;
    ++r.had_before;
    const std::optional<FirmId> now = latest.find_firm(f.id);
    if (!now) ++r.gone;
    else if (firm_issue(latest.firm(*now), il) < 0) ++r.cleared;
    else ++r.still;
  }
  r.loss_before = scope_loss(before, ib, scope, nullptr);
  r.loss_latest = scope_loss(latest, il, scope, &r.has_latest);
  if (r.loss_before > 0) r.loss_reduced = 1.0 - r.loss_latest / r.loss_before;
  if (o.target == ProjectProgressOptions::Target::firms_cleared && o.target_value > 0) r.attained = r.cleared / o.target_value;
  if (o.target == ProjectProgressOptions::Target::loss_reduction && o.target_value > 0 && !std::isnan(r.loss_reduced))
    r.attained = r.loss_reduced / o.target_value;
  r.met = r.attained >= 1.0 - 1e-9;  // a reduction of exactly the target meets it despite rounding
  return r;
}

}  // namespace qchain::engine
