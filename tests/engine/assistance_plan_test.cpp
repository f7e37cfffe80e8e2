#include <cmath>

#include "../support/random_chain.hpp"
#include "../support/test_support.hpp"
#include "qchain/engine/assistance_plan.hpp"
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
             format_number(yields[i]) + R"(}, {"id": "L)" + std::to_string(i) + R"(", "name": "l", "role": "chain_leader", "first_pass_yield": 0.99, "revenue": )" +
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
}

}  // namespace
