#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/strong_components.hpp>

#include "../support/random_chain.hpp"
#include "../support/test_support.hpp"
#include "qchain/graphs/strong_components.hpp"
#include "qchain/graphs/tiers.hpp"

namespace {

using namespace qchain;
using namespace qchain::graphs;

TEST(StrongComponents, SamePartitionAsBoostAndTopologicallyNumbered) {
  for (std::uint64_t seed = 1; seed <= 200; ++seed) {
    const ChainGraph g = test::random_chain({30, 45, 2, 0.3, 0.1, false, test::RandomChainSpec::Mode::mixed, seed});
    const StrongComponentsResult r = strong_components(g);
    boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS> bg(g.firm_count());
    for (const SupplyLink& l : g.links()) boost::add_edge(l.supplier, l.customer, bg);
    std::vector<int> comp(g.firm_count());
    const int count = boost::strong_components(bg, comp.data());
    ASSERT_EQ(r.count, static_cast<std::uint32_t>(count)) << seed;
    for (FirmId a = 0; a < g.firm_count(); ++a)
      for (FirmId b = 0; b < g.firm_count(); ++b)
        ASSERT_EQ(r.component[a] == r.component[b], comp[a] == comp[b]) << seed;
    for (const SupplyLink& l : g.links()) ASSERT_LE(r.component[l.supplier], r.component[l.customer]);
    for (std::uint32_t c = 0; c < r.count; ++c)
      for (std::uint32_t k = r.begin[c]; k < r.begin[c + 1]; ++k) ASSERT_EQ(r.component[r.firms[k]], c);
  }
}

TEST(Tiers, LongestSupplierPathWithCyclesAsOneStep) {
  // A -> B <-> C -> D, E -> D; F isolated... and a segment-order violation D -> E.
  const ChainGraph g = test::load_text(R"({"format": "qchain-chain/1", "chain": {"id": "c", "name": "C"},
    "segments": [{"id": "up", "name": "up", "order": 0}, {"id": "down", "name": "down", "order": 1}],
    "firms": [{"id": "A", "name": "a", "role": "micro", "segment": "up"}, {"id": "B", "name": "b", "role": "micro", "segment": "up"},
              {"id": "C", "name": "c", "role": "micro", "segment": "up"}, {"id": "D", "name": "d", "role": "chain_leader", "segment": "down"},
              {"id": "E", "name": "e", "role": "micro", "segment": "up"}, {"id": "G", "name": "g", "role": "micro", "segment": "down"}],
    "links": [{"supplier": "A", "customer": "B"}, {"supplier": "B", "customer": "C"}, {"supplier": "C", "customer": "B"},
              {"supplier": "C", "customer": "D"}, {"supplier": "E", "customer": "D"}, {"supplier": "G", "customer": "E"}]})");
  const TiersResult t = compute_tiers(g);
  EXPECT_EQ(t.tier, (std::vector<std::uint32_t>{0, 1, 1, 2, 1, 0}));
  EXPECT_EQ(t.max_tier, 2u);
  ASSERT_EQ(t.cycles.size(), 1u);
  EXPECT_EQ(t.cycles[0], (std::vector<FirmId>{1, 2}));
  ASSERT_EQ(t.order_warnings.size(), 1u);
  EXPECT_EQ(g.link(t.order_warnings[0]).supplier, 5u);
}

TEST(Tiers, EveryFirmIsOneAboveItsDeepestOutsideSupplier) {
  for (std::uint64_t seed = 1; seed <= 100; ++seed) {
    const ChainGraph g = test::random_chain({40, 70, 2, 0.3, 0.1, false, test::RandomChainSpec::Mode::mixed, seed});
    const StrongComponentsResult scc = strong_components(g);
    const TiersResult t = compute_tiers(g, scc);
    // Tiers are constant on components; a component's tier is 1 + its deepest outside supplier's.
    std::vector<std::uint32_t> expected(scc.count, 0);
    for (const SupplyLink& l : g.links())
      if (scc.component[l.supplier] != scc.component[l.customer])
        expected[scc.component[l.customer]] = std::max(expected[scc.component[l.customer]], t.tier[l.supplier] + 1);
    for (FirmId v = 0; v < g.firm_count(); ++v) ASSERT_EQ(t.tier[v], expected[scc.component[v]]) << seed;
  }
}

}  // namespace
