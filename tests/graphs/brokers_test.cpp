#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/betweenness_centrality.hpp>

#include <set>

#include "../support/random_chain.hpp"
#include "../support/test_support.hpp"
#include "qchain/graphs/brokers.hpp"

namespace {

using namespace qchain;
using namespace qchain::graphs;

TEST(Brokers, ExactMatchesBoostBrandes) {
  for (std::uint64_t seed = 1; seed <= 60; ++seed) {
    const ChainGraph g = test::random_chain({35, 80, 2, 0.3, 0.1, false, test::RandomChainSpec::Mode::mixed, seed});
    const BrokersResult r = brokers(g, {});
    ASSERT_TRUE(r.exact);
    using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS>;
    Graph bg(g.firm_count());
    std::set<std::pair<FirmId, FirmId>> arcs;
    for (const SupplyLink& l : g.links())
      if (arcs.insert({l.supplier, l.customer}).second) boost::add_edge(l.supplier, l.customer, bg);
    std::vector<double> c(g.firm_count());
    boost::brandes_betweenness_centrality(bg, boost::make_iterator_property_map(c.begin(), boost::get(boost::vertex_index, bg)));
    const double norm = (g.firm_count() - 1.0) * (g.firm_count() - 2.0);
    for (FirmId v = 0; v < g.firm_count(); ++v) ASSERT_NEAR(r.betweenness[v] * norm, c[v], 1e-9 * (1 + c[v])) << seed;
  }
}

TEST(Brokers, ParallelLinksCountOnce) {
  const ChainGraph g = test::load_text(R"({"format": "qchain-chain/1", "chain": {"id": "c", "name": "C"},
    "firms": [{"id": "A", "name": "a", "role": "micro"}, {"id": "B", "name": "b", "role": "micro"}, {"id": "C", "name": "c", "role": "micro"},
              {"id": "D", "name": "d", "role": "micro"}],
    "links": [{"supplier": "A", "customer": "B", "input": "x"}, {"supplier": "A", "customer": "B", "input": "y"},
              {"supplier": "B", "customer": "C"}, {"supplier": "A", "customer": "D"}, {"supplier": "D", "customer": "C"}]})");
  const BrokersResult r = brokers(g, {});
  // A->C has two shortest paths, through B and through D: each carries one half.
  EXPECT_DOUBLE_EQ(r.betweenness[1] * 3 * 2, 0.5);
  EXPECT_DOUBLE_EQ(r.betweenness[3] * 3 * 2, 0.5);
  EXPECT_EQ(r.ranking, (std::vector<FirmId>{1, 3}));
}

TEST(Brokers, SameResultForAnyThreadCountExactAndSampled) {
  const ChainGraph g = test::random_chain({400, 1200, 4, 0.3, 0.1, false, test::RandomChainSpec::Mode::mixed, 7});
  for (std::uint32_t limit : {1000u, 100u}) {  // exact, then sampled (64 sources)
    BrokersOptions o;
    o.exact_limit = limit;
    o.samples = 64;
    o.threads = 1;
    const BrokersResult one = brokers(g, o);
    EXPECT_EQ(one.exact, limit == 1000u);
    for (unsigned t : {2u, 3u, 8u}) {
      o.threads = t;
      const BrokersResult many = brokers(g, o);
      EXPECT_EQ(many.betweenness, one.betweenness);  // bitwise
      EXPECT_EQ(many.ranking, one.ranking);
    }
  }
}

TEST(Brokers, SampleEstimateIsCloseToExactOnAverage) {
  const ChainGraph g = test::random_chain({600, 2000, 4, 0.3, 0.1, false, test::RandomChainSpec::Mode::mixed, 3});
  const BrokersResult exact = brokers(g, {});
  BrokersOptions o;
  o.exact_limit = 10;
  o.samples = 300;
  const BrokersResult est = brokers(g, o);
  EXPECT_FALSE(est.exact);
  EXPECT_EQ(est.sources, 300u);
  double a = 0, b = 0;
  for (FirmId v = 0; v < g.firm_count(); ++v) a += exact.betweenness[v], b += est.betweenness[v];
  EXPECT_NEAR(b / a, 1.0, 0.15);  // the estimator is unbiased; 300 of 600 sources keeps it close
}

}  // namespace
