// The hooks through which qchain-mpi supplies its own runners (ContextOptions::systemic_runner and
// whatif_runner, RiskOptions::runner): each is called in place of the local computation, and a
// runner that does every piece once, split in any way, gives the local result exactly.
#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

#include "../../support/test_support.hpp"
#include "qchain/engine/context/analysis_context.hpp"
#include "qchain/engine/io/scenario_reader.hpp"
#include "qchain/engine/production/disruption_risk.hpp"
#include "qchain/report/scenario_report.hpp"

using namespace qchain;
using namespace qchain::graphs;
using namespace qchain::engine;

namespace {

ChainGraph pilot(const std::string& name) { return require_chain(load_chain(test::source_path("data/pilots/" + name + ".json"))); }

TEST(RunnerHooks, SystemicRunnerReplacesTheLocalIndex) {
  const ChainGraph g = pilot("huangpu-smart-equipment");
  int calls = 0;
  ContextOptions co;
  // A runner whose result is told apart from the local one: the local index, every value doubled.
  co.systemic_runner = [&](const ProductionModel& m, const SystemicOptions& o) {
    ++calls;
    SystemicResult r = systemic_index(m, o);
    for (double& x : r.index) x *= 2;
    return r;
  };
  const AnalysisContext hooked(g, co), local(g);
  ASSERT_EQ(hooked.systemic().index.size(), g.firm_count());
  EXPECT_EQ(calls, 1);
  hooked.systemic();
  EXPECT_EQ(calls, 1);  // computed once, like every product
  bool some_nonzero = false;
  for (FirmId v = 0; v < g.firm_count(); ++v) {
    EXPECT_EQ(hooked.systemic().index[v], 2 * local.systemic().index[v]) << v;
    some_nonzero = some_nonzero || local.systemic().index[v] > 0;
  }
  EXPECT_TRUE(some_nonzero);
}

TEST(RunnerHooks, WhatIfRunnerReplacesTheBatch) {
  const ChainGraph g = pilot("huangpu-smart-equipment");
  const std::vector<Scenario> scenarios = {
      load_scenario(test::source_path("data/scenarios/huangpu-smart-equipment--casting-batch-issue.json"), g),
      load_scenario(test::source_path("data/scenarios/huangpu-smart-equipment--leaders-require-iso9001.json"), g)};
  const AnalysisContext local(g);
  const std::vector<WhatIfResult> batch = run_whatifs(local, scenarios);
  ASSERT_EQ(batch.size(), 2u);
  EXPECT_EQ(batch[0].name, run_whatif(local, scenarios[0]).name);
  EXPECT_NE(batch[0].name, batch[1].name);
  ContextOptions co;
  // In reverse order, then put back: the batch's order is the scenarios'.
  co.whatif_runner = [](const AnalysisContext& ctx, const std::vector<Scenario>& s) {
    std::vector<WhatIfResult> r;
    for (auto it = s.rbegin(); it != s.rend(); ++it) r.push_back(run_whatif(ctx, *it));
    std::reverse(r.begin(), r.end());
    return r;
  };
  const AnalysisContext hooked(g, co);
  const std::vector<WhatIfResult> spread = run_whatifs(hooked, scenarios);
  EXPECT_EQ(report::whatif_json(g, spread, 20), report::whatif_json(g, batch, 20));
}

// Runs split into uneven ranges, done last range first, each into a tally of its own, then summed:
// what qchain-mpi's ranks do.
void split_runner(std::uint32_t runs, const RiskRunRange& run_range, RiskTally& tally) {
  const RiskTally zero = tally;  // sized, nothing run yet
  std::vector<std::uint32_t> cuts = {0, 1, 7, runs / 2, runs / 2 + 3, runs};
  for (std::size_t k = cuts.size() - 1; k > 0; --k) {
    RiskTally part = zero;
    run_range(cuts[k - 1], cuts[k], part);
    for (std::size_t i = 0; i < tally.loss.size(); ++i) tally.loss[i] += part.loss[i];
    for (std::size_t i = 0; i < tally.total.size(); ++i) {
      tally.total[i] += part.total[i];
      tally.run_loss[i] += part.run_loss[i];
      tally.run_loss_sq[i] += part.run_loss_sq[i];
    }
    for (std::size_t v = 0; v < tally.stops.size(); ++v) {
      tally.causes[v] += part.causes[v];
      tally.stops[v] += part.stops[v];
      tally.stop_loss[v] += part.stop_loss[v];
      tally.stop_loss_sq[v] += part.stop_loss_sq[v];
    }
  }
}

TEST(RunnerHooks, RiskRunnerSplittingTheRunsGivesTheSameResult) {
  for (const char* name : {"huangpu-smart-equipment", "anping-wire-mesh"}) {
    const ChainGraph g = pilot(name);
    const ProductionModel m(g);
    RiskOptions o;
    o.runs = 400;
    o.seed = 9;
    o.threads = 2;
    const RiskResult local = disruption_risk(m, o);
    o.runner = split_runner;
    const RiskResult spread = disruption_risk(m, o);
    EXPECT_EQ(report::risk_json(g, spread, o, 1000), report::risk_json(g, local, o, 1000)) << name;
    EXPECT_GT(local.leaders_loss_mean, 0.0) << name;
    // A runner that drops runs is seen: the tally is not what the runs make.
    o.runner = [](std::uint32_t runs, const RiskRunRange& run_range, RiskTally& tally) { run_range(0, runs / 2, tally); };
    EXPECT_NE(report::risk_json(g, disruption_risk(m, o), o, 1000), report::risk_json(g, local, o, 1000)) << name;
  }
}

}  // namespace
