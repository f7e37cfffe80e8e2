#include <cmath>

#include "../../support/random_chain.hpp"
#include "../../support/test_support.hpp"
#include "qchain/engine/programme/assistance_plan.hpp"
#include "qchain/core/number_format.hpp"
#include "qchain/graphs/chain_csv_writer.hpp"

namespace {

using namespace qchain;
using namespace qchain::graphs;
using namespace qchain::engine;

// The best `budget` firms among the plan's candidates by trying every subset.
double exhaustive_best(const DefectPropagator& prop, const QualityBaseline& base, const PlanOptions& o) {
  const ChainGraph& g = prop.chain();
  std::vector<FirmId> pool;
  for (FirmId v = 0; v < g.firm_count(); ++v)
    if (std::find(o.candidates.begin(), o.candidates.end(), g.firm(v).role) != o.candidates.end()) pool.push_back(v);
  double best = -1;
  const auto n = static_cast<std::uint32_t>(pool.size());
  for (std::uint32_t mask = 0; mask < (1u << n); ++mask) {
    if (static_cast<std::uint32_t>(__builtin_popcount(mask)) != std::min(o.budget, n)) continue;
    std::vector<FirmId> s;
    for (std::uint32_t k = 0; k < n; ++k)
      if (mask >> k & 1) s.push_back(pool[k]);
    best = std::max(best, assisted_yield(prop, base, o, s));
  }
  return best;
}

TEST(AssistancePlan, WithinTheGreedyBoundOfExhaustiveSearch) {
  int equal = 0;
  for (std::uint64_t seed = 1; seed <= 60; ++seed) {
    test::RandomChainSpec spec{14, 26, 2, 0.3, 0.1, true, test::RandomChainSpec::Mode::mixed, seed};
    spec.inspection = 0.5;
    const ChainGraph g = test::random_chain(spec);
    const StrongComponentsResult scc = strong_components(g);
    const DefectPropagator prop(g, scc);
    const QualityBaseline base = quality_baseline(prop);
    PlanOptions o;
    o.budget = 3;
    o.candidates = {Role::small};
    o.gain = 0.05;
    const PlanResult r = plan_assistance(prop, base, o);
    ASSERT_FALSE(r.steps.empty()) << seed;
    const double optimum = exhaustive_best(prop, base, o) - r.baseline;
    const double greedy = r.steps.back().cumulative_gain;
    EXPECT_NEAR(greedy, assisted_yield(prop, base, o, [&] {
                  std::vector<FirmId> s;
                  for (const PlanStep& p : r.steps) s.push_back(p.firm);
                  return s;
                }()) - r.baseline, 1e-12);
    EXPECT_GE(greedy, (1 - 1 / M_E) * optimum - 1e-12) << seed;
    equal += std::fabs(greedy - optimum) < 1e-12;
    EXPECT_GE(greedy + 1e-12, r.lowest_yield_gain);
    for (std::size_t k = 1; k < r.steps.size(); ++k) EXPECT_GE(r.steps[k].cumulative_gain, r.steps[k - 1].cumulative_gain);
  }
  EXPECT_GT(equal, 40);  // greedy is usually optimal on chains this small
}

TEST(AssistancePlan, EqualsTheOptimumWhenTheObjectiveIsAdditive) {
  // Four leaders, each with one supplier of its own: every firm's gain is independent of the others.
  std::string firms, links;
  const double yields[] = {0.80, 0.90, 0.85, 0.95};
  for (int i = 0; i < 4; ++i) {
    firms += std::string(i ? "," : "") + R"({"id": "S)" + std::to_string(i) + R"(", "name": "s", "role": "micro", "first_pass_yield": )" +
             qchain::number_text(yields[i]) + R"(}, {"id": "L)" + std::to_string(i) + R"(", "name": "l", "role": "chain_leader", "first_pass_yield": 0.99, "revenue": )" +
             std::to_string(100 * (i + 1)) + "}";
    links += std::string(i ? "," : "") + R"({"supplier": "S)" + std::to_string(i) + R"(", "customer": "L)" + std::to_string(i) + R"(", "inspection": 0.5})";
  }
  const ChainGraph g = test::load_text(R"({"format": "qchain-chain/1", "chain": {"id": "c", "name": "C"}, "firms": [)" + firms +
                                       R"(], "links": [)" + links + "]}");
  const StrongComponentsResult scc = strong_components(g);
  const DefectPropagator prop(g, scc);
  const QualityBaseline base = quality_baseline(prop);
  for (std::uint32_t budget = 1; budget <= 4; ++budget) {
    PlanOptions o;
    o.budget = budget;
    const PlanResult r = plan_assistance(prop, base, o);
    EXPECT_NEAR(r.steps.back().cumulative_gain, exhaustive_best(prop, base, o) - r.baseline, 1e-14) << budget;
  }
  PlanOptions fix;
  fix.budget = 2;
  fix.action = PlanOptions::Action::fix_issues;
  EXPECT_TRUE(plan_assistance(prop, base, fix).steps.empty());  // nobody has issues to fix
  EXPECT_EQ(plan_assistance(prop, base, fix).stopped_short, PlanStop::no_more_gain);
}

// S1 (yield 0.80) and S2 (0.90) deliver L's two essential inputs; nobody detects or inspects, so
// L's delivered yield is (1 − p1)(1 − p2) = 0.72. L requires ISO 9001 of S2, which holds none: one
// certification gap.
const char* kTwoSuppliers = R"({"format": "qchain-chain/1", "chain": {"id": "t", "name": "T"},
  "firms": [{"id": "S1", "name": "s1", "role": "micro", "first_pass_yield": 0.80, "detection": 0},
            {"id": "S2", "name": "s2", "role": "small", "first_pass_yield": 0.90, "detection": 0},
            {"id": "L", "name": "l", "role": "chain_leader", "first_pass_yield": 1.0, "detection": 0}],
  "links": [{"supplier": "S1", "customer": "L", "input": "a"},
            {"supplier": "S2", "customer": "L", "input": "b", "requires": ["ISO9001"]}]})";

struct PlanChain {
  explicit PlanChain(const std::string& json) : g(test::load_text(json)), scc(strong_components(g)), prop(g, scc), base(quality_baseline(prop)) {}
  ChainGraph g;
  StrongComponentsResult scc;
  DefectPropagator prop;
  QualityBaseline base;
  std::string id(FirmId v) const { return g.firm(v).id; }
  std::vector<std::string> ids(const PlanResult& r) const {
    std::vector<std::string> out;
    for (const PlanStep& s : r.steps) out.push_back(id(s.firm));
    return out;
  }
};

TEST(AssistancePlan, GoalLeadersByHand) {
  const PlanChain t(kTwoSuppliers);
  PlanOptions o;
  o.gain = 0.05;
  o.budget = 1;
  PlanResult r = plan_assistance(t.prop, t.base, o);
  EXPECT_NEAR(r.baseline, 0.8 * 0.9, 1e-12);
  ASSERT_EQ(t.ids(r), (std::vector<std::string>{"S1"}));  // 0.85 · 0.90 beats 0.80 · 0.95
  EXPECT_NEAR(r.steps[0].marginal_gain, 0.85 * 0.9 - 0.72, 1e-12);
  EXPECT_NEAR(r.steps[0].gains.leaders, r.steps[0].marginal_gain, 1e-15);
  EXPECT_EQ(r.stopped_short, PlanStop::none);
  EXPECT_FALSE(r.normalised);
  o.budget = 2;
  r = plan_assistance(t.prop, t.base, o);
  ASSERT_EQ(t.ids(r), (std::vector<std::string>{"S1", "S2"}));
  EXPECT_NEAR(r.steps[1].marginal_gain, 0.85 * 0.95 - 0.85 * 0.9, 1e-12);
  EXPECT_NEAR(r.goal_max.leaders, 0.85 * 0.95 - 0.72, 1e-12);
  EXPECT_NEAR(plan_objective(t.prop, t.base, o, {t.g.find_firm("S2").value()}), 0.8 * 0.95 - 0.72, 1e-12);
}

TEST(AssistancePlan, GoalGapsByHand) {
  const PlanChain t(kTwoSuppliers);
  PlanOptions o;
  o.goals = {0.0, 0.0, 1.0};
  o.budget = 2;
  const PlanResult r = plan_assistance(t.prop, t.base, o);
  ASSERT_EQ(t.ids(r), (std::vector<std::string>{"S2"}));  // S1 has no gap to close
  EXPECT_EQ(r.steps[0].marginal_gain, 1.0);
  EXPECT_EQ(r.steps[0].gains.gaps, 1.0);
  EXPECT_EQ(r.goal_max.gaps, 1.0);
  EXPECT_EQ(r.candidates, 2u);
  EXPECT_EQ(r.candidates_with_gain, 1u);
  EXPECT_EQ(r.stopped_short, PlanStop::no_more_gain);
}

TEST(AssistancePlan, GoalMixNormalisesEachGoalByItsMaximum) {
  const PlanChain t(kTwoSuppliers);
  PlanOptions o;
  o.gain = 0.05;
  o.goals = {0.5, 0.0, 0.5};
  o.budget = 1;
  PlanResult r = plan_assistance(t.prop, t.base, o);
  EXPECT_TRUE(r.normalised);
  const double max_yield = 0.85 * 0.95 - 0.72;
  EXPECT_NEAR(r.goal_max.leaders, max_yield, 1e-12);
  EXPECT_EQ(r.goal_max.gaps, 1.0);
  // S1: 0.5 · 0.045 / max; S2: 0.5 · 0.04 / max + 0.5 · 1 / 1. The gap tips it to S2.
  ASSERT_EQ(t.ids(r), (std::vector<std::string>{"S2"}));
  EXPECT_NEAR(r.steps[0].marginal_gain, 0.5 * (0.8 * 0.95 - 0.72) / max_yield + 0.5, 1e-12);
  o.budget = 2;
  r = plan_assistance(t.prop, t.base, o);
  EXPECT_NEAR(r.steps.back().cumulative_gain, 1.0, 1e-12);  // every candidate: each goal at its maximum
  EXPECT_EQ(r.stopped_short, PlanStop::none);                 // the firm budget is used, nothing to say
}

TEST(AssistancePlan, GoalGradesByHand) {
  // Default rubric, developing: yield ≥ 0.90, a certificate in force, no issue above severity 3.
  const PlanChain t(R"({"format": "qchain-chain/1", "chain": {"id": "g", "name": "G"},
    "issues": [{"code": "MAT-01", "name": "m", "category": "material", "yield_loss": 0.02}],
    "firms": [
      {"id": "G1", "name": "g1", "role": "micro", "first_pass_yield": 0.88, "certifications": [{"scheme": "ISO9001", "status": "valid"}]},
      {"id": "G2", "name": "g2", "role": "micro", "first_pass_yield": 0.80, "certifications": [{"scheme": "ISO9001", "status": "valid"}]},
      {"id": "G3", "name": "g3", "role": "micro", "first_pass_yield": 0.95},
      {"id": "G4", "name": "g4", "role": "small", "first_pass_yield": 0.87, "certifications": [{"scheme": "ISO9001", "status": "valid"}]},
      {"id": "G5", "name": "g5", "role": "small"},
      {"id": "G6", "name": "g6", "role": "small", "first_pass_yield": 0.93, "certifications": [{"scheme": "ISO9001", "status": "valid"}],
       "issues": [{"code": "MAT-01", "severity": 4}]},
      {"id": "L", "name": "l", "role": "chain_leader", "first_pass_yield": 0.99}],
    "links": [{"supplier": "G1", "customer": "L", "input": "a"}, {"supplier": "G2", "customer": "L", "input": "b"},
              {"supplier": "G3", "customer": "L", "input": "c"}, {"supplier": "G4", "customer": "L", "input": "d"},
              {"supplier": "G5", "customer": "L", "input": "e"}, {"supplier": "G6", "customer": "L", "input": "f"}]})");
  PlanOptions o;
  o.goals = {0.0, 1.0, 0.0};
  o.budget = 6;
  // +3 points: G1 reaches 0.91 and G4 exactly 0.90; G2 stays below, G3 has no certificate, G5 no
  // yield, G6 keeps its severity-4 issue.
  PlanResult r = plan_assistance(t.prop, t.base, o);
  std::vector<std::string> got = t.ids(r);
  std::sort(got.begin(), got.end());
  EXPECT_EQ(got, (std::vector<std::string>{"G1", "G4"}));
  EXPECT_EQ(r.goal_max.grades, 2.0);
  EXPECT_EQ(r.steps.back().cumulative_gain, 2.0);
  EXPECT_EQ(r.stopped_short, PlanStop::no_more_gain);
  // Fixing issues instead: only G6 has one, and without it (yield 0.95) it is developing.
  o.action = PlanOptions::Action::fix_issues;
  r = plan_assistance(t.prop, t.base, o);
  EXPECT_EQ(t.ids(r), (std::vector<std::string>{"G6"}));
  // A stricter rubric moves nobody.
  Rubric strict = default_rubric();
  strict.developing.min_certifications = 3;
  o.rubric = &strict;
  EXPECT_TRUE(plan_assistance(t.prop, t.base, o).steps.empty());
}

// Three micro suppliers of L, every link requiring ISO 9001 that none holds: A closes three gaps, B
// and C two each. D holds the certificate: nothing to close.
PlanChain gap_chain() {
  std::string links;
  const std::pair<const char*, int> per[] = {{"A", 3}, {"B", 2}, {"C", 2}, {"D", 1}};
  for (const auto& [firm, count] : per)
    for (int k = 0; k < count; ++k)
      links += std::string(links.empty() ? "" : ", ") + R"({"supplier": ")" + firm + R"(", "customer": "L", "input": ")" + firm +
               std::to_string(k) + R"(", "requires": ["ISO9001"]})";
  return PlanChain(R"({"format": "qchain-chain/1", "chain": {"id": "k", "name": "K"}, "firms": [
    {"id": "A", "name": "a", "role": "micro"}, {"id": "B", "name": "b", "role": "micro"}, {"id": "C", "name": "c", "role": "micro"},
    {"id": "D", "name": "d", "role": "micro", "certifications": [{"scheme": "ISO9001", "status": "valid"}]},
    {"id": "L", "name": "l", "role": "chain_leader"}], "links": [)" + links + "]}");
}

PlanOptions gap_options(double money, std::vector<double> costs) {
  PlanOptions o;
  o.goals = {0.0, 0.0, 1.0};
  o.budget = kNone;
  o.budget_money = money;
  o.firm_cost = std::move(costs);  // the ledger hook: one cost per firm
  return o;
}

TEST(AssistancePlan, GainPerCostGreedyWeighsCost) {
  const PlanChain t = gap_chain();
  // A costs 3, B and C 1 each; 3 to spend. By gain alone A fills the budget (3 gaps); by gain per cost
  // B and C close 4. Ignoring cost, the second greedy would repeat the first.
  PlanResult r = plan_assistance(t.prop, t.base, gap_options(3.0, {3, 1, 1, 1, kAbsent}));
  std::vector<std::string> got = t.ids(r);
  std::sort(got.begin(), got.end());
  EXPECT_EQ(got, (std::vector<std::string>{"B", "C"}));
  EXPECT_EQ(r.steps.back().cumulative_gain, 4.0);
  EXPECT_EQ(r.greedy, PlanGreedy::gain_per_cost);
  EXPECT_EQ(r.other_greedy_gain, 3.0);
  EXPECT_DOUBLE_EQ(r.money_spent, 2.0);
  // And the paper's reason to run both: B is cheap (0.1) but small; A (3 gaps) alone fills the budget.
  r = plan_assistance(t.prop, t.base, gap_options(3.0, {3, 0.1, 5, 5, kAbsent}));
  EXPECT_EQ(t.ids(r), (std::vector<std::string>{"A"}));
  EXPECT_EQ(r.greedy, PlanGreedy::unit_cost);
  EXPECT_EQ(r.other_greedy_gain, 2.0);  // B, then nothing fits
  EXPECT_EQ(r.stopped_short, PlanStop::none);  // a money budget alone, all of it spent
  // 2.5 to spend on firms of cost 1: two firms, and 0.5 left that buys nobody is said.
  r = plan_assistance(t.prop, t.base, gap_options(2.5, {}));
  EXPECT_EQ(r.steps.size(), 2u);
  EXPECT_EQ(r.stopped_short, PlanStop::budget_money);
  // Nothing affordable at all: an empty plan that says why.
  r = plan_assistance(t.prop, t.base, gap_options(0.5, {}));
  EXPECT_TRUE(r.steps.empty());
  EXPECT_EQ(r.stopped_short, PlanStop::budget_money);
  // With no costs given, --budget-money counts firms.
  PlanOptions flat = gap_options(2.0, {});
  r = plan_assistance(t.prop, t.base, flat);
  EXPECT_EQ(t.ids(r), (std::vector<std::string>{"A", "B"}));  // ties by firm index
  EXPECT_DOUBLE_EQ(r.money_spent, 2.0);
}

TEST(AssistancePlan, EveryStopShortReason) {
  const PlanChain t = gap_chain();
  PlanOptions o = gap_options(kAbsent, {});
  o.budget = 2;
  EXPECT_EQ(plan_assistance(t.prop, t.base, o).stopped_short, PlanStop::none);  // the firm budget is used
  o.budget = 10;
  PlanResult r = plan_assistance(t.prop, t.base, o);
  EXPECT_EQ(r.stopped_short, PlanStop::no_more_gain);  // D has nothing to close
  EXPECT_EQ(r.steps.size(), 3u);
  EXPECT_EQ(r.candidates, 4u);
  EXPECT_EQ(r.candidates_with_gain, 3u);
  o.candidates = {Role::small};
  r = plan_assistance(t.prop, t.base, o);
  EXPECT_EQ(r.stopped_short, PlanStop::no_more_candidates);  // there are none of that role
  EXPECT_EQ(r.candidates, 0u);
  // Only A and B, both with a gap: --budget 200 takes every candidate.
  const PlanChain two(R"({"format": "qchain-chain/1", "chain": {"id": "k", "name": "K"}, "firms": [
    {"id": "A", "name": "a", "role": "micro"}, {"id": "B", "name": "b", "role": "micro"}, {"id": "L", "name": "l", "role": "chain_leader"}],
    "links": [{"supplier": "A", "customer": "L", "input": "x", "requires": ["ISO9001"]},
              {"supplier": "B", "customer": "L", "input": "y", "requires": ["ISO9001"]}]})");
  PlanOptions p = gap_options(kAbsent, {});
  p.budget = 200;
  r = plan_assistance(two.prop, two.base, p);
  EXPECT_EQ(r.stopped_short, PlanStop::no_more_candidates);
  EXPECT_EQ(r.steps.size(), 2u);
  // Firms and money: the money runs out before the firm count.
  o = gap_options(2.0, {});
  o.budget = 3;
  r = plan_assistance(t.prop, t.base, o);
  EXPECT_EQ(r.stopped_short, PlanStop::budget_money);
  EXPECT_EQ(r.steps.size(), 2u);
  // The leaders' goal with --gain 0: no gain is possible.
  const PlanChain y(kTwoSuppliers);
  PlanOptions zero;
  zero.gain = 0.0;
  r = plan_assistance(y.prop, y.base, zero);
  EXPECT_TRUE(r.steps.empty());
  EXPECT_EQ(r.stopped_short, PlanStop::no_more_gain);
  EXPECT_EQ(r.candidates_with_gain, 0u);
}

TEST(AssistancePlan, BadOptionsAreUsageErrors) {
  const PlanChain t(kTwoSuppliers);
  PlanOptions o;
  o.budget = kNone;
  EXPECT_THROW(plan_assistance(t.prop, t.base, o), UsageError);  // no budget at all
  o.budget = 1;
  o.goals = {0, 0, 0};
  EXPECT_THROW(plan_assistance(t.prop, t.base, o), UsageError);
  o.goals = {1, 0, 0};
  o.cost_default = 0;
  EXPECT_THROW(plan_assistance(t.prop, t.base, o), UsageError);
  o.cost_default = 1;
  o.budget_money = -1;
  EXPECT_THROW(plan_assistance(t.prop, t.base, o), UsageError);
  o.budget_money = kAbsent;
  o.firm_cost = {1.0};  // not one per firm
  EXPECT_THROW(plan_assistance(t.prop, t.base, o), UsageError);
}

}  // namespace
