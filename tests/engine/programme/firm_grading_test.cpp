#include "../../support/test_support.hpp"
#include "qchain/engine/io/rubric_reader.hpp"
#include "qchain/engine/programme/firm_grading.hpp"
#include "qchain/report/grade_report.hpp"

namespace {

using namespace qchain;
using namespace qchain::graphs;
using namespace qchain::engine;
using namespace qchain::report;

// One firm per case, named by what it tests against the default rubric (as_of 2025-06-30).
const char* kChain = R"({"format": "qchain-chain/1", "chain": {"id": "g", "name": "g", "as_of": "2025-06-30"},
 "segments": [{"id": "s", "name": "s", "order": 0}],
 "issues": [{"code": "A", "name": "a", "category": "man"}, {"code": "B", "name": "b", "category": "method"}],
 "firms": [
  {"id": "on-dev", "name": "n", "role": "small", "segment": "s", "first_pass_yield": 0.90, "maturity": "developing",
   "certifications": [{"scheme": "ISO9001", "status": "valid"}], "issues": [{"code": "A", "severity": 3}]},
  {"id": "below-dev", "name": "n", "role": "small", "segment": "s", "first_pass_yield": 0.8999, "maturity": "developing",
   "certifications": [{"scheme": "ISO9001", "status": "valid"}]},
  {"id": "sev4", "name": "n", "role": "micro", "first_pass_yield": 0.99,
   "certifications": [{"scheme": "ISO9001", "status": "valid"}], "issues": [{"code": "A", "severity": 4}]},
  {"id": "no-yield", "name": "n", "role": "micro", "certifications": [{"scheme": "ISO9001", "status": "valid"}]},
  {"id": "expired", "name": "n", "role": "micro", "first_pass_yield": 0.95,
   "certifications": [{"scheme": "ISO9001", "status": "valid", "expires": "2025-06-29"}]},
  {"id": "expires-today", "name": "n", "role": "micro", "first_pass_yield": 0.95,
   "certifications": [{"scheme": "ISO9001", "status": "valid", "expires": "2025-06-30"}]},
  {"id": "in-progress-assisted", "name": "n", "role": "micro", "first_pass_yield": 0.95,
   "certifications": [{"scheme": "ISO9001", "status": "in_progress"}], "assisted": {"by": "o", "since": "2025-01-01", "programme": "p"}},
  {"id": "in-progress-alone", "name": "n", "role": "micro", "first_pass_yield": 0.95,
   "certifications": [{"scheme": "ISO9001", "status": "in_progress"}]},
  {"id": "on-leap", "name": "n", "role": "medium", "segment": "s", "first_pass_yield": 0.96, "maturity": "leaping",
   "certifications": [{"scheme": "ISO9001", "status": "valid"}, {"scheme": "ISO14001", "status": "valid"}],
   "issues": [{"code": "B", "severity": 2}]},
  {"id": "two-issues", "name": "n", "role": "medium", "first_pass_yield": 0.99, "maturity": "startup",
   "certifications": [{"scheme": "ISO9001", "status": "valid"}, {"scheme": "ISO14001", "status": "valid"}],
   "issues": [{"code": "A", "severity": 1}, {"code": "B", "severity": 1}]},
  {"id": "L", "name": "l", "role": "chain_leader", "first_pass_yield": 0.99}],
 "links": []})";

Maturity grade_of(const ChainGraph& g, const GradingResult& r, const char* id) { return r.grade[*g.find_firm(id)]; }

TEST(FirmGrading, ThresholdsAreInclusiveAndExact) {
  const ChainGraph g = test::load_text(kChain);
  const GradingResult r = grade_firms(g, default_rubric());
  EXPECT_EQ(grade_of(g, r, "on-dev"), Maturity::developing);  // yield 0.90, severity 3: exactly on both bounds
  EXPECT_EQ(grade_of(g, r, "below-dev"), Maturity::startup);
  EXPECT_EQ(grade_of(g, r, "sev4"), Maturity::startup);
  EXPECT_EQ(grade_of(g, r, "no-yield"), Maturity::startup);   // grading does not impute
  EXPECT_EQ(grade_of(g, r, "on-leap"), Maturity::leaping);    // 0.96, two certificates, one issue of severity 2
  EXPECT_EQ(grade_of(g, r, "two-issues"), Maturity::developing);
  EXPECT_EQ(grade_of(g, r, "L"), Maturity::startup);          // no certificate at all
}

TEST(FirmGrading, CertificatesInForceAndAssistance) {
  const ChainGraph g = test::load_text(kChain);
  const GradingResult r = grade_firms(g, default_rubric());
  EXPECT_EQ(grade_of(g, r, "expired"), Maturity::startup);          // expired the day before as_of
  EXPECT_EQ(grade_of(g, r, "expires-today"), Maturity::developing);  // still in force on as_of
  EXPECT_EQ(grade_of(g, r, "in-progress-assisted"), Maturity::developing);
  EXPECT_EQ(grade_of(g, r, "in-progress-alone"), Maturity::startup);
  Rubric strict = default_rubric();
  strict.developing.in_progress_counts_if_assisted = false;
  EXPECT_EQ(grade_of(g, grade_firms(g, strict), "in-progress-assisted"), Maturity::startup);
}

TEST(FirmGrading, LadderCannotBeSkipped) {
  const ChainGraph g = test::load_text(kChain);
  Rubric r = default_rubric();
  r.developing.required_schemes = {"CCC"};  // nobody holds it
  r.leaping = GradeCriteria{};              // asks nothing
  const GradingResult res = grade_firms(g, r);
  for (Maturity m : res.grade) EXPECT_EQ(m, Maturity::startup);
  r.developing = GradeCriteria{};
  const GradingResult all = grade_firms(g, r);
  for (Maturity m : all.grade) EXPECT_EQ(m, Maturity::leaping);
}

TEST(FirmGrading, CountsAndMismatches) {
  const ChainGraph g = test::load_text(kChain);
  const GradingResult r = grade_firms(g, default_rubric());
  EXPECT_EQ(r.all.by_grade[0] + r.all.by_grade[1] + r.all.by_grade[2], g.firm_count());
  EXPECT_EQ(r.by_segment[0].by_grade, (std::array<std::uint32_t, 3>{1, 1, 1}));  // below-dev, on-dev, on-leap
  EXPECT_EQ(r.by_role[static_cast<int>(Role::medium)].by_grade, (std::array<std::uint32_t, 3>{0, 1, 1}));
  std::vector<std::string> mism;
  for (FirmId v : r.mismatched) mism.push_back(g.firm(v).id);
  EXPECT_EQ(mism, (std::vector<std::string>{"below-dev", "two-issues"}));
}

TEST(FirmGrading, ReasonsNameWhatIsMissing) {
  const ChainGraph g = test::load_text(kChain);
  const auto checks = check_rung(g, default_rubric().leaping, *g.find_firm("two-issues"));
  ASSERT_EQ(checks.size(), 4u);
  EXPECT_EQ(checks[2].criterion, Criterion::open_issues);
  EXPECT_FALSE(checks[2].met);
  EXPECT_EQ(checks[2].missing, (std::vector<std::string>{"A", "B"}));
  EXPECT_EQ(describe(checks[2], Lang::en), "open issues: 2 (needs ≤ 1): A B");
  const std::string j = grading_json(g, default_rubric(), grade_firms(g, default_rubric()));
  EXPECT_NE(j.find("\"criterion\": \"max_open_issues\""), std::string::npos);
}

TEST(Rubric, DefaultFileEqualsTheBuiltInRubric) {
  const Rubric f = load_rubric(test::source_path("data/rubrics/default.json"));
  const Rubric d = default_rubric();
  EXPECT_EQ(f.name, d.name);
  for (auto [a, b] : {std::pair{&f.developing, &d.developing}, {&f.leaping, &d.leaping}}) {
    EXPECT_EQ(a->min_yield, b->min_yield);
    EXPECT_EQ(a->min_certifications, b->min_certifications);
    EXPECT_EQ(a->required_schemes, b->required_schemes);
    EXPECT_EQ(a->max_open_issues, b->max_open_issues);
    EXPECT_EQ(a->max_severity, b->max_severity);
    EXPECT_EQ(a->in_progress_counts_if_assisted, b->in_progress_counts_if_assisted);
  }
  EXPECT_NO_THROW(load_rubric(test::source_path("data/rubrics/automotive.json")));
}

TEST(Rubric, EveryProblemIsLocated) {
  const std::string text = R"({"format": "qchain-rubric/1",
  "grades": {
    "developing": {"min_first_pass_yield": 1.5, "max_severty": 3, "min_certifications": 1.5},
    "leaping": {"max_severity": 0, "required_schemes": ["ISO9001", 3]},
    "expert": {}
  }})";
  try {
    parse_rubric(text, "r.json");
    FAIL() << "no error";
  } catch (const InputError& e) {
    std::vector<std::string> got;
    for (const auto& d : e.diagnostics()) got.push_back(format_diagnostic(d));
    EXPECT_EQ(got, (std::vector<std::string>{
                       "r.json:5:5: grades.expert: unknown grade (the rungs above startup are \"developing\" and \"leaping\")",
                       "r.json:3:49: grades.developing.max_severty: unknown criterion (known: min_first_pass_yield, min_certifications, required_schemes, max_open_issues, max_severity, in_progress_counts_if_assisted)",
                       "r.json:3:20: grades.developing.min_first_pass_yield: must be between 0 and 1, got 1.5",
                       "r.json:3:67: grades.developing.min_certifications: expected a whole number, got 1.5",
                       "r.json:4:17: grades.leaping.max_severity: must be between 1 and 5, got 0",
                       "r.json:4:69: grades.leaping.required_schemes[1]: expected a scheme name"}));
  }
  // A key written twice would otherwise silently take its first value.
  try {
    parse_rubric(R"({"format": "qchain-rubric/1", "description": 5, "grades": {"developing": {"min_first_pass_yield": 0.5,
      "min_first_pass_yield": 0.99}, "leaping": {}}})", "d.json");
    FAIL() << "no error";
  } catch (const InputError& e) {
    ASSERT_EQ(e.diagnostics().size(), 2u);
    EXPECT_EQ(e.diagnostics()[0].field, "description");
    EXPECT_EQ(e.diagnostics()[1].field, "grades.developing.min_first_pass_yield");
    EXPECT_EQ(e.diagnostics()[1].message, "duplicate key");
  }
  EXPECT_THROW(parse_rubric(R"({"format": "qchain-rubric/2", "grades": {"developing": {}, "leaping": {}}})", "r"), InputError);
  EXPECT_THROW(parse_rubric(R"({"format": "qchain-rubric/1"})", "r"), InputError);
  EXPECT_THROW(parse_rubric(R"({"format": "qchain-rubric/1", "grades": {"developing": {}, "leaping": {}})", "r"), InputError);
}

}  // namespace
