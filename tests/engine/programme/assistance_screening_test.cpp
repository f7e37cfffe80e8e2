#include "qchain/engine/programme/assistance_screening.hpp"

#include <algorithm>

#include "../../support/test_support.hpp"

namespace {

using namespace qchain;
using namespace qchain::graphs;
using namespace qchain::engine;

// B is the best pick by potential (lowest yield, sole source of an input), but says it is not keen.
const char* kChain = R"({"format": "qchain-chain/1", "chain": {"id": "c", "name": "C"},
  "firms": [
    {"id": "A", "name": "a", "role": "micro", "first_pass_yield": 0.92, "willingness": "strong"},
    {"id": "B", "name": "b", "role": "micro", "first_pass_yield": 0.80, "willingness": "弱"},
    {"id": "C", "name": "c", "role": "small", "first_pass_yield": 0.90, "willingness": "moderate"},
    {"id": "D", "name": "d", "role": "small", "first_pass_yield": 0.85},
    {"id": "E", "name": "e", "role": "micro", "first_pass_yield": 0.95, "willingness": "strong"},
    {"id": "L", "name": "l", "role": "chain_leader", "first_pass_yield": 0.98}],
  "links": [{"supplier": "A", "customer": "L"}, {"supplier": "B", "customer": "L"}, {"supplier": "C", "customer": "L"},
            {"supplier": "D", "customer": "L"}, {"supplier": "E", "customer": "L", "essential": false, "weight": 0.01}]})";

struct Fixture {
  ChainGraph g = test::load_text(kChain);
  StrongComponentsResult scc = strong_components(g);
  DefectPropagator prop{g, scc};
  QualityBaseline base = quality_baseline(prop);
};

const ScreenedFirm& of(const ChainGraph& g, const ScreeningResult& r, const char* id) {
  return *std::find_if(r.firms.begin(), r.firms.end(), [&](const ScreenedFirm& s) { return g.firm(s.firm).id == id; });
}

TEST(AssistanceScreening, OnlyWillingFirmsAreScreenedAndThePlanPicksAmongThem) {
  Fixture f;
  PlanOptions plan;
  plan.budget = 3;
  const ScreeningResult r = screen_candidates(f.prop, f.base, plan, {Willingness::strong});
  EXPECT_EQ(r.firms.size(), 5u);  // every firm of the candidate roles, each with its reason
  EXPECT_EQ(of(f.g, r, "A").reason, ScreenReason::screened);
  EXPECT_EQ(of(f.g, r, "E").reason, ScreenReason::screened);
  EXPECT_EQ(of(f.g, r, "B").reason, ScreenReason::willingness_low);
  EXPECT_EQ(of(f.g, r, "C").reason, ScreenReason::willingness_low);  // moderate < strong
  EXPECT_EQ(of(f.g, r, "D").reason, ScreenReason::willingness_unknown);  // listed apart, not dropped
  EXPECT_EQ(r.screened, 2u);
  EXPECT_EQ(r.willingness_unknown, 1u);
  // Ranked by potential: B would gain most of all, but the screened ones come first, A before E.
  EXPECT_GT(of(f.g, r, "B").potential, of(f.g, r, "A").potential);
  EXPECT_EQ(f.g.firm(r.firms[0].firm).id, "A");
  EXPECT_EQ(f.g.firm(r.firms[1].firm).id, "E");

  // Without screening the plan takes B first; with it, never.
  const PlanResult open = plan_assistance(f.prop, f.base, plan);
  ASSERT_FALSE(open.steps.empty());
  EXPECT_EQ(f.g.firm(open.steps[0].firm).id, "B");
  plan.allowed = r.allowed;
  const PlanResult screened = plan_assistance(f.prop, f.base, plan);
  ASSERT_EQ(screened.steps.size(), 2u);  // only two screened firms for a budget of three
  for (const PlanStep& s : screened.steps) EXPECT_EQ(f.g.firm(s.firm).willingness, Willingness::strong) << f.g.firm(s.firm).id;
  EXPECT_EQ(screened.stopped_short, PlanStop::no_more_candidates);
}

TEST(AssistanceScreening, AModerateThresholdAdmitsModerateFirms) {
  Fixture f;
  PlanOptions plan;
  const ScreeningResult r = screen_candidates(f.prop, f.base, plan, {Willingness::moderate});
  EXPECT_EQ(of(f.g, r, "C").reason, ScreenReason::screened);
  EXPECT_EQ(of(f.g, r, "B").reason, ScreenReason::willingness_low);
  EXPECT_EQ(r.screened, 3u);
  EXPECT_THROW(screen_candidates(f.prop, f.base, plan, {Willingness::weak}), UsageError);
}

}  // namespace
