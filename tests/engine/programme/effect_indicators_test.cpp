// Effect indicators (docs/programme-views.md) on two hand-worked snapshots: assisted firms and the
// others apart, every figure a mean over firms, firms missing a value left out of that figure.
#include <cmath>

#include <rapidjson/document.h>

#include "../../support/test_support.hpp"
#include "qchain/engine/programme/chain_comparison.hpp"
#include "qchain/engine/programme/effect_indicators.hpp"
#include "qchain/report/comparison_report.hpp"
#include "qchain/report/messages.hpp"

namespace {

using namespace qchain;
using namespace qchain::graphs;
using namespace qchain::engine;

// A: assisted only after. B: assisted only before (a loss before). C: revenue 0 before, not assisted.
// D: no profit at all, no quality cost after. L: no outcome fields. F: only before. E: only after.
const char* kBefore = R"({"format": "qchain-chain/1", "chain": {"id": "e", "name": "e", "as_of": "2024-06-30"},
 "firms": [
  {"id": "A", "name": "a", "role": "micro", "revenue": 100, "profit": 5, "operating_cost": 80, "quality_cost": 4, "satisfaction": 0.85},
  {"id": "B", "name": "b", "role": "small", "revenue": 200, "profit": -10, "quality_cost": 10,
   "assisted": {"by": "o", "since": "2024-01-01", "programme": "p"}},
  {"id": "C", "name": "c", "role": "small", "revenue": 0, "profit": 1, "operating_cost": 0, "quality_cost": 1, "satisfaction": 0.7},
  {"id": "D", "name": "d", "role": "micro", "revenue": 100, "operating_cost": 90, "quality_cost": 2, "satisfaction": 0.92},
  {"id": "F", "name": "f", "role": "micro", "revenue": 10, "profit": 1, "satisfaction": 0.1},
  {"id": "L", "name": "l", "role": "chain_leader"}],
 "links": [{"supplier": "A", "customer": "L"}, {"supplier": "B", "customer": "L"}, {"supplier": "C", "customer": "L"},
           {"supplier": "D", "customer": "L"}, {"supplier": "F", "customer": "L"}]})";

const char* kAfter = R"({"format": "qchain-chain/1", "chain": {"id": "e", "name": "e", "as_of": "2025-06-30"},
 "firms": [
  {"id": "E", "name": "e", "role": "micro", "revenue": 10, "profit": 9, "satisfaction": 0.2,
   "assisted": {"by": "o", "since": "2024-09-01", "programme": "p"}},
  {"id": "A", "name": "a", "role": "micro", "revenue": 120, "profit": 9, "operating_cost": 76, "quality_cost": 3, "satisfaction": 0.95,
   "assisted": {"by": "o", "since": "2024-09-01", "programme": "p"}},
  {"id": "B", "name": "b", "role": "small", "revenue": 180, "profit": 9, "operating_cost": 150, "quality_cost": 9, "satisfaction": 0.9},
  {"id": "C", "name": "c", "role": "small", "revenue": 50, "profit": 5, "operating_cost": 40, "quality_cost": 2, "satisfaction": 0.89},
  {"id": "D", "name": "d", "role": "micro", "revenue": 100, "operating_cost": 99},
  {"id": "L", "name": "l", "role": "chain_leader"}],
 "links": [{"supplier": "A", "customer": "L"}, {"supplier": "B", "customer": "L"}, {"supplier": "C", "customer": "L"},
           {"supplier": "D", "customer": "L"}, {"supplier": "E", "customer": "L"}]})";

void expect(const EffectMeasure& m, double value, std::uint32_t firms, const char* what) {
  EXPECT_EQ(m.firms, firms) << what;
  if (std::isnan(value)) EXPECT_TRUE(std::isnan(m.value)) << what << " = " << m.value;
  else EXPECT_NEAR(m.value, value, 1e-12) << what;
}

TEST(EffectIndicators, AssistedFirmsByHand) {
  const ChainGraph b = test::load_text(kBefore), a = test::load_text(kAfter);
  const EffectIndicators e = effect_indicators(b, a);
  ASSERT_TRUE(e.any);
  const EffectGroup& g = e.assisted;
  EXPECT_EQ(g.firms, 2u);  // A and B; E is not matched
  // A: 120/100 − 1 = 0.2; B: 180/200 − 1 = −0.1.
  expect(g.revenue_growth, 0.05, 2, "revenue growth");
  // A: 9/120 − 5/100 = 0.025; B (a loss before): 9/180 − (−10/200) = 0.1.
  expect(g.profit_margin_change, 0.0625, 2, "margin change");
  // A: 76/80 − 1 = −0.05; B has no operating cost before: left out, not counted as zero.
  expect(g.operating_cost_change, -0.05, 1, "operating cost change");
  // A: 3/120 − 4/100 = −0.015; B: 9/180 − 10/200 = 0.
  expect(g.quality_cost_rate_change, -0.0075, 2, "quality-cost rate change");
  expect(g.satisfaction[0], 0.85, 1, "satisfaction before");  // B gave none before
  expect(g.satisfaction[1], 0.925, 2, "satisfaction after");
  expect(g.satisfied_share[0], 0.0, 1, "satisfied before");
  expect(g.satisfied_share[1], 1.0, 2, "satisfied after");  // 0.9 counts: at or above
}

TEST(EffectIndicators, OthersLeaveOutWhatIsMissingOrUndefined) {
  const ChainGraph b = test::load_text(kBefore), a = test::load_text(kAfter);
  const EffectGroup g = effect_indicators(b, a).others;
  EXPECT_EQ(g.firms, 3u);  // C, D, L
  // C had no revenue before (growth undefined), L none at all: D alone, 100/100 − 1.
  expect(g.revenue_growth, 0.0, 1, "revenue growth");
  // C's margin before is undefined (revenue 0), D has no profit: no firm.
  expect(g.profit_margin_change, kAbsent, 0, "margin change");
  // C's operating cost before is 0 (no ratio); D: 99/90 − 1.
  expect(g.operating_cost_change, 99.0 / 90.0 - 1.0, 1, "operating cost change");
  // C: rate before undefined; D: no quality cost after.
  expect(g.quality_cost_rate_change, kAbsent, 0, "quality-cost rate change");
  expect(g.satisfaction[0], 0.81, 2, "satisfaction before");  // C 0.7, D 0.92
  expect(g.satisfaction[1], 0.89, 1, "satisfaction after");   // C; D gave none
  expect(g.satisfied_share[0], 0.5, 2, "satisfied before");
  expect(g.satisfied_share[1], 0.0, 1, "satisfied after");    // 0.89 is below 0.9
}

TEST(EffectIndicators, ThresholdAndMatchingGivenByTheCaller) {
  const ChainGraph b = test::load_text(kBefore), a = test::load_text(kAfter);
  EffectIndicatorOptions o;
  o.satisfied_at = 0.95;
  const EffectIndicators e = effect_indicators(b, a, o);
  EXPECT_EQ(e.satisfied_at, 0.95);
  expect(e.assisted.satisfied_share[1], 0.5, 2, "satisfied after at 0.95");  // A 0.95 yes, B 0.9 no
  // The comparison carries the same figures, from its own matching.
  const ChainComparison c = compare_chains(b, a);
  ASSERT_TRUE(c.effects.any);
  expect(c.effects.assisted.profit_margin_change, 0.0625, 2, "comparison's margin change");
  expect(c.effects.others.operating_cost_change, 99.0 / 90.0 - 1.0, 1, "comparison's operating cost change");
  EXPECT_THROW(effect_indicators(b, a, std::vector<FirmId>(1, kNone)), UsageError);
  o.satisfied_at = kAbsent;
  try {
    effect_indicators(b, a, o);
    ADD_FAILURE() << "a NaN threshold was taken";
  } catch (const UsageError& e) {
    EXPECT_TRUE(report::localise(e.what(), report::Lang::zh).matched) << e.what();
  }
}

TEST(EffectIndicators, NothingWithoutOutcomeFields) {
  const ChainGraph b = require_chain(load_chain(test::source_path("data/pilots/wuxing-childrens-clothing.before.json")));
  const ChainGraph a = require_chain(load_chain(test::source_path("data/pilots/wuxing-childrens-clothing.json")));
  ASSERT_TRUE(b.outcomes().empty() && a.outcomes().empty());
  const EffectIndicators e = effect_indicators(b, a);
  EXPECT_FALSE(e.any);  // revenue alone does not make the section
  EXPECT_EQ(e.assisted.firms, 0u);
  const ChainComparison c = compare_chains(b, a);
  EXPECT_FALSE(c.effects.any);
  EXPECT_EQ(report::comparison_json(b, a, c).find("effect_indicators"), std::string::npos);
  EXPECT_EQ(report::comparison_text(b, a, c, report::Lang::zh, 10).find("经营效果指标"), std::string::npos);
}

TEST(EffectIndicators, ReportedInJsonAndInBothLanguages) {
  const ChainGraph b = test::load_text(kBefore), a = test::load_text(kAfter);
  const ChainComparison c = compare_chains(b, a);
  rapidjson::Document d;
  d.Parse(report::comparison_json(b, a, c).c_str());
  ASSERT_FALSE(d.HasParseError());
  ASSERT_TRUE(d.HasMember("effect_indicators"));
  const auto& e = d["effect_indicators"];
  EXPECT_EQ(e["satisfied_at"].GetDouble(), 0.9);
  EXPECT_EQ(e["assisted"]["firms"].GetUint(), 2u);
  EXPECT_NEAR(e["assisted"]["revenue_growth"]["value"].GetDouble(), 0.05, 1e-12);
  EXPECT_EQ(e["assisted"]["operating_cost_change"]["firms"].GetUint(), 1u);
  EXPECT_NEAR(e["assisted"]["satisfaction_after"]["value"].GetDouble(), 0.925, 1e-12);
  EXPECT_TRUE(e["others"]["profit_margin_change"]["value"].IsNull());  // no firm: null, not 0
  EXPECT_EQ(e["others"]["profit_margin_change"]["firms"].GetUint(), 0u);
  EXPECT_NEAR(e["others"]["satisfied_share_before"]["value"].GetDouble(), 0.5, 1e-12);
  const std::string zh = report::comparison_text(b, a, c, report::Lang::zh, 10);
  EXPECT_NE(zh.find("经营效果指标"), std::string::npos);
  EXPECT_NE(zh.find("+6.25"), std::string::npos) << zh;  // the assisted firms' margin change, points
  EXPECT_NE(zh.find("-5.0%"), std::string::npos) << zh;  // their operating cost change
  const std::string en = report::comparison_text(b, a, c, report::Lang::en, 10);
  EXPECT_NE(en.find("Effect indicators"), std::string::npos);
  EXPECT_NE(en.find("Profit margin change (points)"), std::string::npos) << en;
}

}  // namespace
