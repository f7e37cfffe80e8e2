#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/biconnected_components.hpp>

#include <functional>

#include "../support/random_chain.hpp"
#include "../support/test_support.hpp"
#include "qchain/graphs/cut_firms.hpp"

namespace {

using namespace qchain;
using namespace qchain::graphs;

// Sizes of the components that contain a neighbour of `removed` once it is gone, largest first.
std::vector<std::uint32_t> brute_pieces(const ChainGraph& g, FirmId removed) {
  std::vector<std::vector<FirmId>> adj(g.firm_count());
  for (const SupplyLink& l : g.links()) {
    adj[l.supplier].push_back(l.customer);
    adj[l.customer].push_back(l.supplier);
  }
  std::vector<int> comp(g.firm_count(), -1);
  std::vector<std::uint32_t> sizes;
  for (FirmId start : adj[removed]) {
    if (comp[start] >= 0) continue;
    std::vector<FirmId> stack{start};
    comp[start] = static_cast<int>(sizes.size());
    std::uint32_t size = 0;
    while (!stack.empty()) {
      const FirmId v = stack.back();
      stack.pop_back();
      ++size;
      for (FirmId w : adj[v])
        if (w != removed && comp[w] < 0) comp[w] = comp[start], stack.push_back(w);
    }
    sizes.push_back(size);
  }
  std::sort(sizes.begin(), sizes.end(), std::greater<>());
  return sizes;
}

TEST(CutFirms, SameFirmsAsBoostAndPiecesAsBruteForce) {
  int cut_seen = 0;
  for (std::uint64_t seed = 1; seed <= 200; ++seed) {
    const ChainGraph g = test::random_chain({30, 32, 2, 0.2, 0.1, false, test::RandomChainSpec::Mode::mixed, seed});
    const CutFirmsResult r = cut_firms(g);
    boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS> bg(g.firm_count());
    for (const SupplyLink& l : g.links()) boost::add_edge(l.supplier, l.customer, bg);
    std::vector<std::size_t> expected;
    boost::articulation_points(bg, std::back_inserter(expected));
    std::sort(expected.begin(), expected.end());
    std::vector<std::size_t> got;
    for (const CutFirm& c : r.firms) {
      got.push_back(c.firm);
      EXPECT_EQ(c.pieces, brute_pieces(g, c.firm)) << "seed " << seed << " firm " << c.firm;
    }
    std::sort(got.begin(), got.end());
    ASSERT_EQ(got, expected) << "seed " << seed;
    for (std::size_t i = 1; i < r.firms.size(); ++i) EXPECT_GE(r.firms[i - 1].separated(), r.firms[i].separated());
    cut_seen += static_cast<int>(got.size());
  }
  EXPECT_GT(cut_seen, 200);
}

}  // namespace
