#include "qchain/engine/programme/firm_grading.hpp"

#include <algorithm>
#include <cmath>

#include "json_in.hpp"
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

constexpr const char* kCriteriaKeys[] = {"min_first_pass_yield", "min_certifications", "required_schemes", "max_open_issues",
                                         "max_severity", "in_progress_counts_if_assisted"};

std::uint32_t whole(json_in::Reader& r, const json_in::Value& obj, const char* key, const std::string& path, double lo, double hi,
                    std::uint32_t absent) {
  auto x = r.number(obj, key, path, false, lo, hi);
  if (!x) return absent;
  if (*x != std::floor(*x)) {
    r.problem(path + "." + key, "expected a whole number, got " + json_in::Reader::format(*x));
    return absent;
  }
  return static_cast<std::uint32_t>(*x);
}

GradeCriteria read_rung(json_in::Reader& r, const json_in::Value& v, const std::string& path) {
  GradeCriteria c;
  if (!v.IsObject()) {
    r.problem(path, "expected an object");
    return c;
  }
  r.unique_keys(v, path);
  for (auto it = v.MemberBegin(); it != v.MemberEnd(); ++it) {
    const std::string k(it->name.GetString(), it->name.GetStringLength());
    if (std::find(std::begin(kCriteriaKeys), std::end(kCriteriaKeys), k) == std::end(kCriteriaKeys))
      r.problem(path + "." + k, "unknown criterion (known: min_first_pass_yield, min_certifications, required_schemes, "
                                "max_open_issues, max_severity, in_progress_counts_if_assisted)");
  }
  if (auto y = r.number(v, "min_first_pass_yield", path, false, 0, 1)) c.min_yield = *y;
  c.min_certifications = whole(r, v, "min_certifications", path, 0, 1000, 0);
  c.max_open_issues = whole(r, v, "max_open_issues", path, 0, 1000000, kNone);
  c.max_severity = whole(r, v, "max_severity", path, 1, 5, kNone);  // severities run 1..5
  if (auto b = r.boolean(v, "in_progress_counts_if_assisted", path)) c.in_progress_counts_if_assisted = *b;
  if (const json_in::Value* s = r.member(v, "required_schemes", path, false)) {
    if (!s->IsArray()) r.problem(path + ".required_schemes", "expected an array of scheme names");
    else
      for (rapidjson::SizeType k = 0; k < s->Size(); ++k) {
        const std::string p = path + ".required_schemes[" + std::to_string(k) + "]";
        if (!(*s)[k].IsString() || (*s)[k].GetStringLength() == 0) r.problem(p, "expected a scheme name");
        else c.required_schemes.emplace_back((*s)[k].GetString(), (*s)[k].GetStringLength());
      }
  }
  return c;
}

}  // namespace

Rubric parse_rubric(const std::string& text, const std::string& name) {
  rapidjson::Document d;
  json_in::parse(d, text, name);
  json_in::Reader r;
  Rubric rubric;
  if (!d.IsObject()) {
    r.problem("", "the document must be a JSON object");
  } else {
    r.unique_keys(d, "");
    r.format_is(d, "qchain-rubric/1");
    for (auto it = d.MemberBegin(); it != d.MemberEnd(); ++it) {
      const std::string k(it->name.GetString(), it->name.GetStringLength());
      if (k != "format" && k != "name" && k != "description" && k != "grades")
        r.problem("." + k, "unknown key (known: format, name, description, grades)");
    }
    if (auto n = r.text(d, "name", "", false)) rubric.name = *n;
    r.text(d, "description", "", false);  // checked to be a string, not used
    if (const json_in::Value* grades = r.member(d, "grades", "", true)) {
      if (!grades->IsObject()) {
        r.problem(".grades", "expected an object with \"developing\" and \"leaping\"");
      } else {
        r.unique_keys(*grades, ".grades");
        for (auto it = grades->MemberBegin(); it != grades->MemberEnd(); ++it) {
          const std::string k(it->name.GetString(), it->name.GetStringLength());
          if (k != "developing" && k != "leaping")
            r.problem(".grades." + k, "unknown grade (the rungs above startup are \"developing\" and \"leaping\")");
        }
        if (const json_in::Value* v = r.member(*grades, "developing", ".grades", true)) rubric.developing = read_rung(r, *v, ".grades.developing");
        if (const json_in::Value* v = r.member(*grades, "leaping", ".grades", true)) rubric.leaping = read_rung(r, *v, ".grades.leaping");
      }
    }
  }
  json_in::throw_problems(r, text, name);
  return rubric;
}

Rubric load_rubric(const std::string& path) { return parse_rubric(json_in::read_file(path), path); }

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
    ++r.by_segment[f.segment == kNone ? g.segments().size() : f.segment].by_grade[k];
    ++r.by_role[static_cast<int>(f.role)].by_grade[k];
    ++r.all.by_grade[k];
    if (f.maturity != Maturity::unknown && f.maturity != m) r.mismatched.push_back(v);
  }
  return r;
}

}  // namespace qchain::engine
