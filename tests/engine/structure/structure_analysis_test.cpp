// The structure section runs each structural unit of graphs/ once, as that unit alone would.
#include "qchain/engine/structure/structure_analysis.hpp"

#include "../../support/test_support.hpp"

namespace {

using namespace qchain;
using namespace qchain::graphs;
using namespace qchain::engine;

TEST(StructureAnalysis, EveryUnitAsItWouldRunAlone) {
  const ChainGraph g = require_chain(load_chain(test::source_path("data/pilots/huangpu-smart-equipment.json")));
  const StructureAnalysis a = analyze_structure(g);
  const StrongComponentsResult scc = strong_components(g);
  EXPECT_EQ(a.components.component, scc.component);
  EXPECT_EQ(a.components.firms, scc.firms);
  const TiersResult t = compute_tiers(g, scc);
  EXPECT_EQ(a.tiers.tier, t.tier);
  EXPECT_EQ(a.tiers.cycles, t.cycles);
  EXPECT_EQ(a.tiers.order_warnings, t.order_warnings);
  const SupplyBasesResult b = compute_supply_bases(g);
  ASSERT_EQ(a.supply_bases.bases.size(), b.bases.size());
  for (std::size_t i = 0; i < b.bases.size(); ++i) EXPECT_EQ(a.supply_bases.bases[i].size, b.bases[i].size);
  const CriticalSuppliersResult c = critical_suppliers(g);
  ASSERT_EQ(a.critical.leaders.size(), c.leaders.size());
  for (std::size_t i = 0; i < c.leaders.size(); ++i) EXPECT_EQ(a.critical.leaders[i].suppliers.size(), c.leaders[i].suppliers.size());
  const CutFirmsResult cut = cut_firms(g);
  ASSERT_EQ(a.cut.firms.size(), cut.firms.size());
  for (std::size_t i = 0; i < cut.firms.size(); ++i) EXPECT_EQ(a.cut.firms[i].firm, cut.firms[i].firm);
  const BrokersResult br = brokers(g);
  EXPECT_EQ(a.brokers.ranking, br.ranking);
  EXPECT_EQ(a.brokers.betweenness, br.betweenness);
}

// Betweenness is the costliest step: off, the brokers are left empty and nothing else changes.
TEST(StructureAnalysis, WithoutBetweenness) {
  const ChainGraph g = require_chain(load_chain(test::source_path("data/pilots/shaxian-snacks.json")));
  StructureOptions o;
  o.betweenness = false;
  const StructureAnalysis quick = analyze_structure(g, o), full = analyze_structure(g);
  EXPECT_TRUE(quick.brokers.betweenness.empty());
  EXPECT_TRUE(quick.brokers.ranking.empty());
  EXPECT_FALSE(full.brokers.betweenness.empty());
  EXPECT_EQ(quick.tiers.tier, full.tiers.tier);
  EXPECT_EQ(quick.critical.leaders.size(), full.critical.leaders.size());
}

}  // namespace
