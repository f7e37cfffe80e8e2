#include "../../support/test_support.hpp"
#include "qchain/engine/io/scenario_reader.hpp"
#include "qchain/engine/programme/assistance_plan.hpp"
#include "qchain/engine/production/disruption_risk.hpp"
#include "qchain/engine/scenario/scenario.hpp"
#include "qchain/engine/scenario/whatif.hpp"

namespace {

using namespace qchain;
using namespace qchain::graphs;
using namespace qchain::engine;

const char* kChain = R"({"format": "qchain-chain/1", "chain": {"id": "c", "name": "C"},
  "segments": [{"id": "cast", "name": "铸件", "order": 0}, {"id": "mach", "name": "整机", "order": 1}],
  "issues": [{"code": "MAT-01", "name": "批次", "category": "material", "yield_loss": 0.04},
             {"code": "MTH-02", "name": "工艺", "category": "method"}],
  "firms": [
    {"id": "A", "name": "a", "role": "micro", "segment": "cast", "first_pass_yield": 0.90, "revenue": 10, "issues": [{"code": "MAT-01", "severity": 3}],
     "certifications": [{"scheme": "IATF16949", "status": "valid"}]},
    {"id": "B", "name": "b", "role": "small", "segment": "cast", "first_pass_yield": 0.95, "revenue": 20, "issues": [{"code": "MTH-02", "severity": 2}]},
    {"id": "L", "name": "l", "role": "chain_leader", "segment": "mach", "first_pass_yield": 0.98, "revenue": 100}],
  "links": [{"supplier": "A", "customer": "L", "input": "casting", "requires": ["IATF16949"], "value": 5},
            {"supplier": "B", "customer": "L", "input": "casting", "value": 5}]})";

ScenarioInputs apply(const ChainGraph& g, const std::string& json) {
  const Scenario s = parse_scenario(json, "s.json", g);
  const OwnDefects own = own_defects(g);
  return apply_scenario(g, s, own, attribute_issues(g, own.rate));
}

TEST(Scenario, EveryEventType) {
  const ChainGraph g = test::load_text(kChain);
  auto in = apply(g, R"({"format": "qchain-scenario/1", "events": [
      {"type": "set_yield", "firms": ["A"], "value": 0.8},
      {"type": "set_yield", "segment": "mach", "delta": -0.05},
      {"type": "stop", "firms": ["B"], "level": 0.25},
      {"type": "decertify", "firm": "A", "scheme": "IATF16949"},
      {"type": "perturb", "firm": "L", "inoperability": 0.1}]})");
  EXPECT_NEAR(in.own[0], 0.2, 1e-15);
  EXPECT_NEAR(in.own[2], 0.07, 1e-15);
  EXPECT_DOUBLE_EQ(in.psi[1], 0.75);
  EXPECT_EQ(in.cut, (std::vector<std::uint8_t>{1, 0}));
  EXPECT_DOUBLE_EQ(in.perturb[2], 0.1);
  EXPECT_EQ(in.shocked, (std::vector<FirmId>{0, 1, 2}));

  // spread_issue: B gets MAT-01 (its catalogue loss 0.04); A has it already and is unchanged.
  in = apply(g, R"({"format": "qchain-scenario/1", "events": [{"type": "spread_issue", "code": "MAT-01", "segment": "cast", "severity": 3}]})");
  EXPECT_NEAR(in.own[0], 0.10, 1e-15);
  EXPECT_NEAR(in.own[1], 0.09, 1e-15);
  // spread of an issue without a catalogue loss: per severity point of where it is (B: 0.05 over severity 2).
  in = apply(g, R"({"format": "qchain-scenario/1", "events": [{"type": "spread_issue", "code": "MTH-02", "segment": "cast", "severity": 4}]})");
  EXPECT_NEAR(in.own[0], 0.10 + 0.05 / 2 * 4, 1e-15);
  // fix_issue everywhere removes the issue's share; assist raises the yield.
  in = apply(g, R"({"format": "qchain-scenario/1", "events": [{"type": "fix_issue", "code": "MAT-01"}, {"type": "assist", "firms": ["B"], "yield_gain": 0.03}]})");
  EXPECT_NEAR(in.own[0], 0.06, 1e-15);
  EXPECT_NEAR(in.own[1], 0.02, 1e-15);
  // set_yield by issue: every firm that has it.
  in = apply(g, R"({"format": "qchain-scenario/1", "events": [{"type": "set_yield", "issue": "MTH-02", "value": 0.5}]})");
  EXPECT_NEAR(in.own[1], 0.5, 1e-15);
  EXPECT_NEAR(in.own[0], 0.1, 1e-15);
}

TEST(Scenario, EveryProblemNamesTheEventAndItsPlace) {
  const ChainGraph g = test::load_text(kChain);
  try {
    parse_scenario(R"({"format": "qchain-scenario/1", "events": [
  {"type": "stop", "firms": ["F9999"]},
  {"type": "decertify", "firm": "A", "scheme": "CCC"},
  {"type": "spread_issue", "code": "XXX", "segment": "cast", "severity": 9},
  {"type": "explode"},
  {"type": "set_yield", "firms": ["A"]}]})",
                   "bad.json", g);
    FAIL() << "expected an InputError";
  } catch (const InputError& e) {
    std::vector<std::string> m;
    for (const auto& d : e.diagnostics()) m.push_back(format_diagnostic(d));
    const std::vector<std::string> expected = {
        "bad.json:2:30: events[0].firms[0]: unknown firm \"F9999\"",
        "bad.json:3:38: events[1].scheme: unknown certification scheme \"CCC\"",
        "bad.json:4:28: events[2].code: unknown issue code \"XXX\"",
        "bad.json:4:62: events[2].severity: must be between 1 and 5, got 9",
        "bad.json:5:4: events[3].type: unknown event type \"explode\" (expected set_yield, stop, decertify, spread_issue, fix_issue, assist, perturb, require or drop_requirement)",
        "bad.json:6:3: events[4]: set_yield needs exactly one of value or delta"};
    EXPECT_EQ(m, expected);
  }
  EXPECT_THROW(parse_scenario("{\"format\": \"qchain-scenario/1\", \"events\": [", "t.json", g), InputError);
  EXPECT_THROW(parse_scenario(R"({"format": "other", "events": []})", "t.json", g), InputError);
}

TEST(WhatIf, BothChannelsReported) {
  const ChainGraph g = test::load_text(kChain);
  const StrongComponentsResult scc = strong_components(g);
  const DefectPropagator prop(g, scc);
  const QualityBaseline base = quality_baseline(prop);
  const ProductionModel production(g);
  const WhatIfResult r = run_whatif(prop, base, production, parse_scenario(R"({"format": "qchain-scenario/1", "name": "铸件停产",
    "events": [{"type": "stop", "firms": ["A"]}, {"type": "set_yield", "firms": ["B"], "value": 0.85}]})", "s.json", g));
  EXPECT_EQ(r.name, "铸件停产");
  ASSERT_EQ(r.leader_yield.size(), 1u);
  EXPECT_LT(r.leader_yield[0].after, r.leader_yield[0].before);
  EXPECT_EQ(r.changed[0].firm, 1u);  // B moved most
  EXPECT_DOUBLE_EQ(r.leader_level[0], 0.5);  // half of L's casting is gone
  EXPECT_EQ(r.stopped, (std::vector<FirmId>{0}));
  EXPECT_EQ(r.reduced, (std::vector<FirmId>{2}));
  EXPECT_NEAR(r.total_loss, (10 * 1.0 + 100 * 0.5) / 130, 1e-12);  // revenue weights
}

TEST(Risk, SameResultForAnyThreadCountAndSensibleExtremes) {
  const ChainGraph g = test::load_text(kChain);
  const ProductionModel m(g);
  RiskOptions o;
  o.runs = 400;
  o.seed = 7;
  o.stop_probability = {0.0, 0.0, 0.0, 0.3, 0.3};
  o.threads = 1;
  const RiskResult one = disruption_risk(m, o);
  o.threads = 3;
  const RiskResult three = disruption_risk(m, o);
  EXPECT_EQ(one.leaders[0].mean, three.leaders[0].mean);
  EXPECT_EQ(one.cause_runs, three.cause_runs);
  // L loses half when one of A, B stops and everything when both do: mean ≈ 0.5·(2·0.3·0.7) + 0.09.
  EXPECT_NEAR(one.leaders[0].mean, 0.5 * 0.42 + 0.09, 0.05);
  EXPECT_NEAR(one.leaders[0].stop_probability, 0.09, 0.04);
  o.stop_probability = {0, 0, 0, 0, 0};
  const RiskResult none = disruption_risk(m, o);
  EXPECT_EQ(none.leaders[0].mean, 0.0);
  EXPECT_TRUE(none.ranking.empty());
}

}  // namespace

namespace {

std::vector<std::string> problems_of(const ChainGraph& g, const std::string& json) {
  std::vector<std::string> m;
  try {
    parse_scenario(json, "s.json", g);
  } catch (const InputError& e) {
    for (const auto& d : e.diagnostics()) m.push_back(d.field + ": " + d.message);
  }
  return m;
}

// A misspelt key used to be ignored: "levl": 0.9 became a full stop, "upsteam": true read as false.
TEST(Scenario, UnknownKeysAreErrorsWithTheClosestKnownKey) {
  const ChainGraph g = test::load_text(kChain);
  const auto m = problems_of(g, R"({"format": "qchain-scenario/1", "upsteam": true, "events": [
      {"type": "stop", "firms": ["B"], "levl": 0.9},
      {"type": "fix_issue", "code": "MAT-01", "segmnet": "cast"},
      {"type": "asist", "firms": ["B"], "yield_gain": 0.1}]})");
  ASSERT_EQ(m.size(), 4u) << ::testing::PrintToString(m);
  EXPECT_EQ(m[0].rfind("upsteam: unknown key (did you mean \"upstream\"?)", 0), 0u) << m[0];
  EXPECT_EQ(m[1].rfind("events[0].levl: unknown key (did you mean \"level\"?)", 0), 0u) << m[1];
  EXPECT_EQ(m[2].rfind("events[1].segmnet: unknown key (did you mean \"segment\"?)", 0), 0u) << m[2];
  EXPECT_EQ(m[3].rfind("events[2].type: unknown event type \"asist\" (did you mean \"assist\"?)", 0), 0u) << m[3];
  // Documentation keys are allowed.
  EXPECT_TRUE(problems_of(g, R"({"format": "qchain-scenario/1", "description": "x", "events": [
      {"type": "stop", "firms": ["B"], "description": "y"}]})").empty());
}

// Assisting HP0035 twice in one event raised its yield twice (89.10 % → 99.10 %).
TEST(Scenario, AFirmRepeatedWithinOneEventIsAnError) {
  const ChainGraph g = test::load_text(kChain);
  const auto m = problems_of(g, R"({"format": "qchain-scenario/1", "events": [{"type": "assist", "firms": ["B", "A", "B"], "yield_gain": 0.1}]})");
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0], "events[0].firms[2]: firm \"B\" is listed twice in this event");
}

TEST(Scenario, EachEventSaysWhatItNamedAndWhatItChanged) {
  const ChainGraph g = test::load_text(kChain);
  // spread_issue over "cast": A has MAT-01 already (named, unchanged); B gets it.
  const auto in = apply(g, R"({"format": "qchain-scenario/1", "events": [
      {"type": "spread_issue", "code": "MAT-01", "segment": "cast", "severity": 3},
      {"type": "decertify", "firm": "A", "scheme": "IATF16949"},
      {"type": "stop", "firms": ["L"], "level": 1}]})");
  ASSERT_EQ(in.effects.size(), 3u);
  EXPECT_EQ(in.effects[0].named, 2u);
  EXPECT_EQ(in.effects[0].changed, 1u);
  EXPECT_EQ(in.effects[1].changed, 1u);
  EXPECT_EQ(in.effects[2].changed, 0u);  // level 1: no change
  EXPECT_EQ(in.shocked, (std::vector<FirmId>{0, 1}));  // L named but unchanged
}

// "What if the leader demands IATF 16949 of its suppliers", and "what if it waives it".
TEST(Scenario, RequireStopsSuppliersWithoutTheSchemeAndDropRequirementWaivesIt) {
  const ChainGraph g = test::load_text(kChain);
  // B lacks IATF16949: required of every supplier of L, B's link stops; A holds it and delivers.
  auto in = apply(g, R"({"format": "qchain-scenario/1", "events": [{"type": "require", "firms": ["L"], "scheme": "IATF16949"}]})");
  EXPECT_EQ(in.cut, (std::vector<std::uint8_t>{0, 1}));
  EXPECT_EQ(in.effects[0].changed, 1u);
  // A scheme nobody in the chain holds yet: every supplier of the segment's customers stops.
  in = apply(g, R"({"format": "qchain-scenario/1", "events": [{"type": "require", "segment": "mach", "scheme": "ISO 45001"}]})");
  EXPECT_EQ(in.cut, (std::vector<std::uint8_t>{1, 1}));
  // Waived, a withdrawn certificate no longer stops the link; without the waiver it does.
  in = apply(g, R"({"format": "qchain-scenario/1", "events": [{"type": "decertify", "firm": "A", "scheme": "IATF16949"},
      {"type": "drop_requirement", "firms": ["L"], "scheme": "iatf 16949"}]})");
  EXPECT_EQ(in.cut, (std::vector<std::uint8_t>{0, 0}));
  EXPECT_EQ(in.effects[0].changed, 0u);
  EXPECT_EQ(in.effects[1].changed, 1u);
  // Gaps the survey shows deliver in the baseline, and an unrelated scenario leaves them so.
  std::string with_gap = kChain;
  const std::string b_link = R"({"supplier": "B", "customer": "L", "input": "casting", "value": 5})";
  with_gap.replace(with_gap.find(b_link), b_link.size(),
                   R"({"supplier": "B", "customer": "L", "input": "casting", "value": 5, "requires": ["IATF16949"]})");
  const ChainGraph gap = test::load_text(with_gap);
  in = apply(gap, R"({"format": "qchain-scenario/1", "events": [{"type": "stop", "firms": ["A"], "level": 0.5}]})");
  EXPECT_EQ(in.cut, (std::vector<std::uint8_t>{0, 0}));
  const auto m = problems_of(g, R"({"format": "qchain-scenario/1", "events": [{"type": "require", "scheme": "X"},
      {"type": "drop_requirement", "firms": ["L"], "scheme": "NOPE"}]})");
  ASSERT_EQ(m.size(), 2u) << ::testing::PrintToString(m);
  EXPECT_EQ(m[0], "events[0]: require needs exactly one of firms or segment");
  EXPECT_EQ(m[1], "events[1].scheme: unknown certification scheme \"NOPE\"");
}

}  // namespace
