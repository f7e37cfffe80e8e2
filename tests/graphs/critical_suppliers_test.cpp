#include <algorithm>
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/dominator_tree.hpp>

#include "../support/random_chain.hpp"
#include "../support/test_support.hpp"
#include "qchain/graphs/critical_suppliers.hpp"
#include "qchain/graphs/supply_base.hpp"

namespace {

using namespace qchain;
using namespace qchain::graphs;
using Mode = test::RandomChainSpec::Mode;

std::vector<FirmId> ids(const LeaderCriticalSuppliers& l) {
  std::vector<FirmId> out;
  for (const CriticalSupplier& c : l.suppliers) out.push_back(c.firm);
  return out;
}

// Each step of a path: firms[k] is a source of essential input inputs[k] of firms[k+1].
void expect_valid_path(const ChainGraph& g, const CriticalSupplier& c, FirmId leader) {
  ASSERT_EQ(c.firms.front(), c.firm);
  ASSERT_EQ(c.firms.back(), leader);
  ASSERT_EQ(c.inputs.size() + 1, c.firms.size());
  const SupplyNetwork& n = g.network();
  for (std::size_t k = 0; k < c.inputs.size(); ++k) {
    const std::uint32_t grp = c.inputs[k];
    ASSERT_GE(grp, n.firm_group_begin[c.firms[k + 1]]);
    ASSERT_LT(grp, n.firm_group_begin[c.firms[k + 1] + 1]);
    ASSERT_TRUE(n.group_essential[grp]);
    bool source = false;
    for (std::uint32_t j = n.group_begin[grp]; j < n.group_begin[grp + 1]; ++j) source |= n.in_supplier[j] == c.firms[k];
    ASSERT_TRUE(source);
  }
}

TEST(CriticalSuppliers, MatchesBruteForceOnRandomChainsWithCyclesAlternativesAndOptionalInputs) {
  int checked = 0, critical_found = 0;
  for (std::uint64_t seed = 1; seed <= 300; ++seed) {
    test::RandomChainSpec spec{12 + static_cast<std::uint32_t>(seed % 20), 0, 3, 0.35, 0.15, false, Mode::mixed, seed};
    spec.links = spec.firms * 2;
    const ChainGraph g = test::random_chain(spec);
    const CriticalSuppliersResult r = critical_suppliers(g);
    const std::vector<FirmId> leaders = g.leaders();
    ASSERT_EQ(r.leaders.size(), leaders.size());
    for (std::size_t i = 0; i < leaders.size(); ++i) {
      std::vector<FirmId> expected;
      for (FirmId u = 0; u < g.firm_count(); ++u) {
        if (u == leaders[i]) continue;
        std::vector<std::uint8_t> stopped(g.firm_count(), 0);
        stopped[u] = 1;
        if (stop_cascade(g, stopped)[leaders[i]]) expected.push_back(u);
      }
      ASSERT_EQ(ids(r.leaders[i]), expected) << "seed " << seed << " leader " << leaders[i];
      for (const CriticalSupplier& c : r.leaders[i].suppliers) expect_valid_path(g, c, leaders[i]);
      critical_found += static_cast<int>(expected.size());
      ++checked;
    }
  }
  EXPECT_GT(checked, 800);
  EXPECT_GT(critical_found, 100);  // the test exercises real cases, not only empty sets
}

// The whole stop cascade from u, breadth-first, with no cut: the path each stopped leader gets.
std::vector<std::vector<FirmId>> full_cascade_paths(const ChainGraph& g, FirmId u) {
  const SupplyNetwork& net = g.network();
  const std::uint32_t n = g.firm_count();
  std::vector<std::uint32_t> live(net.group_essential.size());
  for (std::uint32_t grp = 0; grp < live.size(); ++grp) live[grp] = static_cast<std::uint32_t>(g.group_suppliers(grp).size());
  std::vector<std::uint8_t> dead(n, 0);
  std::vector<FirmId> parent(n, kNone), queue{u};
  dead[u] = 1;
  for (std::size_t head = 0; head < queue.size(); ++head)
    for (const LinkEnd sale : g.customer_links_of(queue[head])) {
      const std::uint32_t grp = net.link_group[sale.link];
      if (dead[sale.firm] || !net.group_essential[grp] || net.group_outside[grp] > 0.0) continue;
      if (--live[grp] == 0) dead[sale.firm] = 1, parent[sale.firm] = queue[head], queue.push_back(sale.firm);
    }
  std::vector<std::vector<FirmId>> paths(n);
  for (FirmId v : queue) {
    for (FirmId x = v; x != u; x = parent[x]) paths[v].push_back(x);
    paths[v].push_back(u);
    std::reverse(paths[v].begin(), paths[v].end());
  }
  return paths;
}

// The cascade is cut once every leader within reach is stopped; with few or more than 64 leaders,
// reachable or not, the suppliers and their paths are those of the uncut cascade.
TEST(CriticalSuppliers, CutCascadeKeepsSuppliersAndPathsForAnyLeaderCount) {
  int compared = 0;
  for (std::uint64_t seed = 1; seed <= 60; ++seed) {
    const std::uint32_t firms = 20 + static_cast<std::uint32_t>(seed * 7 % 90);
    const std::uint32_t leaders = 1 + static_cast<std::uint32_t>(seed * 13 % (firms - 1));
    test::RandomChainSpec spec{firms, firms * 2, leaders, 0.3, 0.1, false, Mode::mixed, seed};
    const ChainGraph g = test::random_chain(spec);
    const CriticalSuppliersResult r = critical_suppliers(g);
    const std::vector<FirmId> ls = g.leaders();
    std::vector<std::vector<CriticalSupplier>> expected(ls.size());
    for (FirmId u = 0; u < g.firm_count(); ++u) {
      const std::vector<std::vector<FirmId>> paths = full_cascade_paths(g, u);
      for (std::size_t i = 0; i < ls.size(); ++i)
        if (ls[i] != u && !paths[ls[i]].empty()) expected[i].push_back({u, paths[ls[i]], {}});
    }
    ASSERT_EQ(r.leaders.size(), ls.size());
    for (std::size_t i = 0; i < ls.size(); ++i) {
      ASSERT_EQ(r.leaders[i].suppliers.size(), expected[i].size()) << "seed " << seed;
      for (std::size_t k = 0; k < expected[i].size(); ++k) {
        ASSERT_EQ(r.leaders[i].suppliers[k].firm, expected[i][k].firm) << "seed " << seed;
        ASSERT_EQ(r.leaders[i].suppliers[k].firms, expected[i][k].firms) << "seed " << seed;
        ++compared;
      }
    }
  }
  EXPECT_GT(compared, 200);
}

TEST(CriticalSuppliers, CycleThatFeedsItselfKeepsRunning) {
  // A and B supply each other (essential); C supplies A as an alternative source of the same input.
  // Stopping C leaves A and B feeding each other: nothing else stops.
  const ChainGraph g = test::load_text(R"({"format": "qchain-chain/1", "chain": {"id": "c", "name": "C"},
    "firms": [{"id": "A", "name": "a", "role": "micro"}, {"id": "B", "name": "b", "role": "micro"},
              {"id": "C", "name": "c", "role": "micro"}, {"id": "L", "name": "l", "role": "chain_leader"}],
    "links": [{"supplier": "B", "customer": "A", "input": "x"}, {"supplier": "C", "customer": "A", "input": "x"},
              {"supplier": "A", "customer": "B"}, {"supplier": "B", "customer": "L"}]})");
  const CriticalSuppliersResult r = critical_suppliers(g);
  EXPECT_EQ(ids(r.leaders[0]), (std::vector<FirmId>{0, 1}));  // A and B, not C
  const CriticalSupplier& a = r.leaders[0].suppliers[0];
  EXPECT_EQ(a.firms, (std::vector<FirmId>{0, 1, 3}));
}

TEST(CriticalSuppliers, PureOrEqualsDominatorsFromVirtualRoot) {
  for (std::uint64_t seed = 1; seed <= 150; ++seed) {
    const ChainGraph g = test::random_chain({25, 45, 2, 0, 0, true, Mode::pure_or, seed});
    const std::uint32_t n = g.firm_count();
    using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS>;
    Graph bg(n + 1);  // vertex n: the virtual root, feeding every firm without suppliers
    for (const SupplyLink& l : g.links()) boost::add_edge(l.supplier, l.customer, bg);
    for (FirmId v = 0; v < n; ++v)
      if (g.network().in_begin[v] == g.network().in_begin[v + 1]) boost::add_edge(n, v, bg);
    std::vector<Graph::vertex_descriptor> idom(n + 1, boost::graph_traits<Graph>::null_vertex());
    boost::lengauer_tarjan_dominator_tree(
        bg, static_cast<Graph::vertex_descriptor>(n),
        boost::make_iterator_property_map(idom.begin(), boost::get(boost::vertex_index, bg)));
    const CriticalSuppliersResult r = critical_suppliers(g);
    for (const LeaderCriticalSuppliers& l : r.leaders) {
      std::vector<FirmId> doms;
      for (auto d = idom[l.leader]; d != boost::graph_traits<Graph>::null_vertex() && d != n; d = idom[d])
        doms.push_back(static_cast<FirmId>(d));
      std::sort(doms.begin(), doms.end());
      EXPECT_EQ(ids(l), doms) << "seed " << seed;
    }
  }
}

TEST(CriticalSuppliers, PureAndEqualsWholeSupplyBase) {
  for (std::uint64_t seed = 1; seed <= 100; ++seed) {
    const ChainGraph g = test::random_chain({25, 40, 2, 0, 0, true, Mode::pure_and, seed});
    const CriticalSuppliersResult r = critical_suppliers(g);
    for (const LeaderCriticalSuppliers& l : r.leaders) {
      const std::vector<std::uint8_t> up = upstream_of(g, {l.leader});
      std::vector<FirmId> base;
      for (FirmId v = 0; v < g.firm_count(); ++v)
        if (up[v] && v != l.leader) base.push_back(v);
      EXPECT_EQ(ids(l), base) << "seed " << seed;
    }
  }
}

TEST(SupplyBase, CountsPerSegmentRoleAndDepth) {
  const ChainGraph g = test::load_text(R"({"format": "qchain-chain/1", "chain": {"id": "c", "name": "C"},
    "segments": [{"id": "s0", "name": "s0", "order": 0}, {"id": "s1", "name": "s1", "order": 1}],
    "firms": [{"id": "A", "name": "a", "role": "micro", "segment": "s0"}, {"id": "B", "name": "b", "role": "small", "segment": "s1"},
              {"id": "C", "name": "c", "role": "micro"}, {"id": "L", "name": "l", "role": "chain_leader", "segment": "s1"},
              {"id": "X", "name": "x", "role": "micro", "segment": "s0"}],
    "links": [{"supplier": "A", "customer": "B"}, {"supplier": "B", "customer": "L"}, {"supplier": "C", "customer": "L"},
              {"supplier": "A", "customer": "L"}, {"supplier": "L", "customer": "X"}]})");
  const SupplyBasesResult r = compute_supply_bases(g);
  ASSERT_EQ(r.bases.size(), 1u);
  const SupplyBase& b = r.bases[0];
  EXPECT_EQ(b.size, 3u);
  EXPECT_EQ(b.by_segment, (std::vector<std::uint32_t>{1, 1, 1}));
  EXPECT_EQ(b.by_role[static_cast<int>(Role::micro)], 2u);
  EXPECT_EQ(b.depth, 1u);  // A reaches L directly as well as through B
}

}  // namespace
