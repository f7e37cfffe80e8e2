#include "qchain/engine/programme/chain_comparison.hpp"

#include <algorithm>
#include <cmath>

#include "qchain/engine/quality/defect_propagation.hpp"
#include "qchain/engine/quality/own_defects.hpp"
#include "qchain/core/error.hpp"
#include "qchain/engine/structure/yield_mean.hpp"
#include "qchain/graphs/strong_components.hpp"

namespace qchain::engine {

using namespace qchain::graphs;

namespace {

std::uint32_t index_of(const std::vector<std::string>& sorted, const std::string& s) {
  return static_cast<std::uint32_t>(std::lower_bound(sorted.begin(), sorted.end(), s) - sorted.begin());
}

std::vector<std::string> sorted_union(std::vector<std::string> a, const std::vector<std::string>& b) {
  a.insert(a.end(), b.begin(), b.end());
  std::sort(a.begin(), a.end());
  a.erase(std::unique(a.begin(), a.end()), a.end());
  return a;
}

std::vector<std::string> issue_codes(const ChainGraph& g) {
  std::vector<std::string> out;
  for (const IssueType& t : g.issues()) out.push_back(t.code);
  return out;
}

// A firm's open issues and certificates in force, as ascending indices into the shared lists.
struct FirmState {
  std::vector<std::uint32_t> issues, certs;
};
FirmState state_of(const ChainGraph& g, const Firm& f, const std::vector<std::uint32_t>& code_map,
                   const std::vector<std::uint32_t>& scheme_map) {
  FirmState s;
  for (const FirmIssue& x : f.issues) s.issues.push_back(code_map[x.issue]);
  for (const Certification& c : f.certifications)
    if (g.in_force(c)) s.certs.push_back(scheme_map[c.scheme]);
  std::sort(s.issues.begin(), s.issues.end());
  std::sort(s.certs.begin(), s.certs.end());
  return s;
}

std::vector<std::uint32_t> minus(const std::vector<std::uint32_t>& a, const std::vector<std::uint32_t>& b) {
  std::vector<std::uint32_t> out;
  std::set_difference(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
  return out;
}

}  // namespace

std::vector<double> delivered_defects(const ChainGraph& g) {
  const DefectPropagator prop(g, strong_components(g));
  return prop.forward(own_defects(g).rate).delivered;
}

std::vector<double> delivered_yields(const ChainGraph& g) {
  std::vector<double> y = delivered_defects(g);
  for (double& d : y) d = 1.0 - d;
  return y;
}

namespace {

std::vector<double> yields_of(const std::vector<double>& delivered_defects) {
  std::vector<double> y(delivered_defects.size());
  for (std::size_t v = 0; v < y.size(); ++v) y[v] = 1.0 - delivered_defects[v];
  return y;
}

}  // namespace

std::vector<double> delivered_yield_change(const ChainComparison& c, std::uint32_t after_firms) {
  std::vector<double> out(after_firms, kAbsent);
  for (const FirmChange& f : c.firms) out[f.after] = f.delivered_yield[1] - f.delivered_yield[0];
  return out;
}

void check_comparable(const ChainGraph& before, const ChainGraph& after) {
  const std::string& b_as_of = before.info().as_of;
  const std::string& a_as_of = after.info().as_of;
  if (!b_as_of.empty() && !a_as_of.empty() && b_as_of > a_as_of)
    throw UsageError("compare: the BEFORE snapshot (as_of " + b_as_of + ") is dated after the AFTER one (as_of " + a_as_of +
                     "); give the earlier snapshot first");
  if (!before.info().id.empty() && !after.info().id.empty() && before.info().id != after.info().id)
    throw UsageError("compare: BEFORE is chain \"" + before.info().id + "\" and AFTER is chain \"" + after.info().id +
                     "\"; a comparison needs two snapshots of one chain (qchain portfolio puts different chains side by side)");
}

ChainComparison compare_chains(const ChainGraph& before, const ChainGraph& after) {
  check_comparable(before, after);
  return compare_chains(before, after, delivered_defects(before), delivered_defects(after));
}

ChainComparison compare_chains(const ChainGraph& before, const ChainGraph& after, const std::vector<double>& before_delivered,
                               const std::vector<double>& after_delivered) {
  check_comparable(before, after);
  if (before_delivered.size() != before.firm_count() || after_delivered.size() != after.firm_count())
    throw UsageError("compare: the delivered defect rates do not match the snapshots' firms");
  const ChainGraph* g[2] = {&before, &after};
  ChainComparison r;
  r.codes = sorted_union(issue_codes(before), issue_codes(after));
  r.schemes = sorted_union(before.schemes(), after.schemes());
  std::vector<std::uint32_t> code_map[2], scheme_map[2];
  for (int s = 0; s < 2; ++s) {
    for (const IssueType& t : g[s]->issues()) code_map[s].push_back(index_of(r.codes, t.code));
    for (const std::string& name : g[s]->schemes()) scheme_map[s].push_back(index_of(r.schemes, name));
  }

  r.after_of_before.assign(before.firm_count(), kNone);
  r.before_of_after.assign(after.firm_count(), kNone);
  for (FirmId v = 0; v < after.firm_count(); ++v) {
    const auto u = before.find_firm(after.firm(v).id);
    if (!u) continue;
    r.before_of_after[v] = *u;
    r.after_of_before[*u] = v;
  }
  r.added = static_cast<std::uint32_t>(std::count(r.before_of_after.begin(), r.before_of_after.end(), kNone));
  r.removed = static_cast<std::uint32_t>(std::count(r.after_of_before.begin(), r.after_of_before.end(), kNone));
  r.matched = after.firm_count() - r.added;

  const std::vector<double> delivered[2] = {yields_of(before_delivered), yields_of(after_delivered)};
  r.firms.reserve(r.matched);
  ProgrammeIndicators& ind = r.indicators;
  double sum[2] = {0, 0}, sum_new = 0;
  std::uint32_t improved[2] = {0, 0};
  for (FirmId v = 0; v < after.firm_count(); ++v) {
    const FirmId u = r.before_of_after[v];
    if (u == kNone) continue;
    const Firm& fb = before.firm(u);
    const Firm& fa = after.firm(v);
    FirmChange c;
    c.before = u;
    c.after = v;
    c.own_yield[0] = fb.first_pass_yield;
    c.own_yield[1] = fa.first_pass_yield;
    c.delivered_yield[0] = delivered[0][u];
    c.delivered_yield[1] = delivered[1][v];
    c.assisted = assisted_in_period(fb, fa);
    const FirmState sb = state_of(before, fb, code_map[0], scheme_map[0]);
    const FirmState sa = state_of(after, fa, code_map[1], scheme_map[1]);
    c.issues_resolved = minus(sb.issues, sa.issues);
    c.issues_new = minus(sa.issues, sb.issues);
    c.certifications_gained = minus(sa.certs, sb.certs);
    c.certifications_lost = minus(sb.certs, sa.certs);
    r.pairs_resolved += c.issues_resolved.size();
    r.pairs_new += c.issues_new.size();
    const double d = c.own_change();
    if (!std::isnan(d)) {
      const int k = c.assisted ? 0 : 1;
      sum[k] += d;
      improved[k] += d > 0;
      ++(c.assisted ? ind.assisted : ind.others);
      if (fb.assisted == kNone && fa.assisted != kNone) sum_new += d, ++ind.newly_assisted;
    }
    r.firms.push_back(std::move(c));
  }
  if (ind.assisted) ind.assisted_mean_change = sum[0] / ind.assisted, ind.assisted_improved_share = double(improved[0]) / ind.assisted;
  if (ind.others) ind.others_mean_change = sum[1] / ind.others, ind.others_improved_share = double(improved[1]) / ind.others;
  ind.difference = ind.assisted_mean_change - ind.others_mean_change;
  if (ind.newly_assisted) ind.newly_assisted_mean_change = sum_new / ind.newly_assisted;
  ind.mean_yield[0] = mean_first_pass_yield(before);
  ind.mean_yield[1] = mean_first_pass_yield(after);
  r.effects = effect_indicators(before, after, r.before_of_after);

  for (FirmId v : after.leaders()) {
    LeaderChange l;
    l.after = v;
    l.before = r.before_of_after[v];
    l.delivered_yield[1] = delivered[1][v];
    if (l.before != kNone) l.delivered_yield[0] = delivered[0][l.before];
    r.leaders.push_back(l);
  }
  for (FirmId u : before.leaders()) {
    if (r.after_of_before[u] != kNone && after.firm(r.after_of_before[u]).role == Role::chain_leader) continue;
    LeaderChange l;
    l.before = u;
    l.after = r.after_of_before[u];
    l.delivered_yield[0] = delivered[0][u];
    if (l.after != kNone) l.delivered_yield[1] = delivered[1][l.after];
    r.leaders.push_back(l);
  }

  // Issue codes over the whole chain (firms added or removed count too: a code is solved only when
  // no firm has it any more).
  std::vector<std::uint32_t> firms_with[2];
  for (int s = 0; s < 2; ++s) {
    firms_with[s].assign(r.codes.size(), 0);
    for (const Firm& f : g[s]->firms())
      for (const FirmIssue& x : f.issues) ++firms_with[s][code_map[s][x.issue]];
  }
  for (std::uint32_t k = 0; k < r.codes.size(); ++k) {
    const std::uint32_t b = firms_with[0][k], a = firms_with[1][k];
    if (a == 0 && b == 0) continue;
    IssueChange c;
    c.code = k;
    c.firms[0] = b;
    c.firms[1] = a;
    c.trend = a == 0 ? IssueTrend::solved : b == 0 ? IssueTrend::appeared : a < b ? IssueTrend::shrank : a > b ? IssueTrend::grew : IssueTrend::unchanged;
    r.issues.push_back(c);
  }

  std::vector<std::uint32_t> holders[2];
  for (int s = 0; s < 2; ++s) {
    holders[s].assign(r.schemes.size(), 0);
    for (const Firm& f : g[s]->firms())
      for (const Certification& c : f.certifications)
        if (g[s]->in_force(c)) ++holders[s][scheme_map[s][c.scheme]];
  }
  for (std::uint32_t k = 0; k < r.schemes.size(); ++k) {
    SchemeChange c;
    c.scheme = k;
    for (int s = 0; s < 2; ++s) {
      c.holders[s] = holders[s][k];
      c.coverage[s] = g[s]->firm_count() ? double(holders[s][k]) / g[s]->firm_count() : 0.0;
    }
    r.certifications.push_back(c);
  }
  return r;
}

}  // namespace qchain::engine
