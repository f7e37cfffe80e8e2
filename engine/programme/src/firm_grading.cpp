#include "qchain/engine/programme/firm_grading.hpp"

#include <algorithm>
#include <cmath>

#include "qchain/graphs/name_match.hpp"

namespace qchain::engine {

using namespace qchain::graphs;

Rubric default_rubric() {
  // Kept equal to data/rubrics/default.json (a test compares them); the reasoning is in
  // data/rubrics/README.md.
  Rubric r;
  r.name = "默认分级规则 default rubric";
  r.developing.min_yield = 0.90;
  r.developing.min_certifications = 1;
  r.developing.max_severity = 3;
  r.developing.in_progress_counts_if_assisted = true;
  r.leaping.min_yield = 0.96;
  r.leaping.min_certifications = 2;
  r.leaping.max_open_issues = 1;
  r.leaping.max_severity = 2;
  return r;
}

namespace {

// Every criterion of the rung for firm v with own yield `yield` and open issues `issues` (the firm's
// own, or what assistance would leave of them).
std::vector<CriterionCheck> check_state(const ChainGraph& g, const GradeCriteria& rung, FirmId v, double yield,
                                        const std::vector<FirmIssue>& issues) {
  const Firm& f = g.firm(v);
  const bool assisted = f.assisted != kNone;
  std::vector<std::string> held;
  for (const Certification& c : f.certifications)
    if (g.in_force(c) || (rung.in_progress_counts_if_assisted && assisted && c.status == CertStatus::in_progress))
      held.push_back(scheme_key(g.schemes()[c.scheme]));
  std::vector<CriterionCheck> out;
  if (!std::isnan(rung.min_yield))
    out.push_back({Criterion::yield, yield >= rung.min_yield, yield, rung.min_yield, {}});
  if (rung.min_certifications > 0)
    out.push_back({Criterion::certifications, held.size() >= rung.min_certifications, double(held.size()),
                   double(rung.min_certifications), {}});
  if (!rung.required_schemes.empty()) {
    CriterionCheck c{Criterion::schemes, true, 0, double(rung.required_schemes.size()), {}};
    for (const std::string& s : rung.required_schemes) {
      if (std::find(held.begin(), held.end(), scheme_key(s)) != held.end()) c.value += 1;
      else c.missing.push_back(s);
    }
    c.met = c.missing.empty();
    out.push_back(std::move(c));
  }
  if (rung.max_open_issues != kNone) {
    CriterionCheck c{Criterion::open_issues, issues.size() <= rung.max_open_issues, double(issues.size()),
                     double(rung.max_open_issues), {}};
    if (!c.met)
      for (const FirmIssue& x : issues) c.missing.push_back(g.issues()[x.issue].code);
    out.push_back(std::move(c));
  }
  if (rung.max_severity != kNone) {
    CriterionCheck c{Criterion::severity, true, 0, double(rung.max_severity), {}};
    for (const FirmIssue& x : issues) {
      c.value = std::max(c.value, double(x.severity));
      if (x.severity > rung.max_severity) c.missing.push_back(g.issues()[x.issue].code);
    }
    c.met = c.missing.empty();
    out.push_back(std::move(c));
  }
  return out;
}

Maturity grade_of(const ChainGraph& g, const Rubric& rubric, FirmId v, double yield, const std::vector<FirmIssue>& issues) {
  const auto meets = [&](const GradeCriteria& rung) {
    for (const CriterionCheck& c : check_state(g, rung, v, yield, issues))
      if (!c.met) return false;
    return true;
  };
  if (!meets(rubric.developing)) return Maturity::startup;
  return meets(rubric.leaping) ? Maturity::leaping : Maturity::developing;
}

}  // namespace

std::vector<CriterionCheck> check_rung(const ChainGraph& g, const GradeCriteria& rung, FirmId v) {
  return check_state(g, rung, v, g.firm(v).first_pass_yield, g.firm(v).issues);
}

Maturity grade_with(const ChainGraph& g, const Rubric& rubric, FirmId v, double yield, bool issues_fixed) {
  static const std::vector<FirmIssue> none;
  return grade_of(g, rubric, v, yield, issues_fixed ? none : g.firm(v).issues);
}

const GradeCriteria* next_rung(const Rubric& r, Maturity grade) {
  if (grade == Maturity::startup || grade == Maturity::unknown) return &r.developing;
  if (grade == Maturity::developing) return &r.leaping;
  return nullptr;
}

GradingResult grade_firms(const ChainGraph& g, const Rubric& rubric) {
  GradingResult r;
  r.grade.resize(g.firm_count());
  r.by_segment.resize(g.segments().size() + 1);
  for (FirmId v = 0; v < g.firm_count(); ++v) {
    const Firm& f = g.firm(v);
    const Maturity m = grade_of(g, rubric, v, f.first_pass_yield, f.issues);
    r.grade[v] = m;
    const int k = static_cast<int>(m) - 1;
    ++r.by_segment[g.segment_slot(f.segment)].by_grade[k];
    ++r.by_role[static_cast<int>(f.role)].by_grade[k];
    ++r.all.by_grade[k];
    if (f.maturity != Maturity::unknown && f.maturity != m) r.mismatched.push_back(v);
  }
  return r;
}

}  // namespace qchain::engine
