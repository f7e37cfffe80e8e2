#include "qchain/engine/structure/yield_mean.hpp"

#include <cmath>

#include "../../support/test_support.hpp"
#include "qchain/engine/programme/chain_comparison.hpp"
#include "qchain/engine/structure/chain_summary.hpp"

namespace {

using namespace qchain;
using namespace qchain::graphs;
using namespace qchain::engine;

TEST(YieldMean, LeavesOutFirmsWithoutAYield) {
  YieldMean m;
  EXPECT_TRUE(std::isnan(m.mean()));
  m.add(kAbsent);
  EXPECT_TRUE(std::isnan(m.mean()));
  EXPECT_EQ(m.known, 0u);
  m.add(0.9);
  m.add(kAbsent);
  m.add(0.7);
  EXPECT_EQ(m.known, 2u);
  EXPECT_DOUBLE_EQ(m.mean(), 0.8);
}

const char* kDoc = R"({"format": "qchain-chain/1", "chain": {"id": "c", "name": "C"},
  "firms": [{"id": "A", "name": "a", "role": "micro", "first_pass_yield": 0.81},
            {"id": "B", "name": "b", "role": "small", "first_pass_yield": 0.93},
            {"id": "C", "name": "c", "role": "small"},
            {"id": "L", "name": "l", "role": "chain_leader", "first_pass_yield": 0.97}],
  "links": [{"supplier": "A", "customer": "L"}, {"supplier": "B", "customer": "L"}, {"supplier": "C", "customer": "L"}]})";

TEST(YieldMean, TheChainsMeanIsTheSameNumberEverywhereItIsShown) {
  const ChainGraph g = test::load_text(kDoc);
  const double m = mean_first_pass_yield(g);
  EXPECT_EQ(m, (0.81 + 0.93 + 0.97) / 3);
  EXPECT_EQ(summarize_chain(g).all.mean_yield, m);  // summary
  const ChainGraph before = test::load_text(kDoc);
  EXPECT_EQ(compare_chains(before, g).indicators.mean_yield[1], m);  // before/after comparison
  const ChainGraph none = test::load_text(R"({"format": "qchain-chain/1", "chain": {"id": "c", "name": "C"},
    "firms": [{"id": "A", "name": "a", "role": "chain_leader"}], "links": []})");
  EXPECT_TRUE(std::isnan(mean_first_pass_yield(none)));
}

}  // namespace
