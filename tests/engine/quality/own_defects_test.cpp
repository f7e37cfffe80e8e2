#include "qchain/engine/quality/own_defects.hpp"

#include "../../support/test_support.hpp"

namespace {

using namespace qchain;
using namespace qchain::graphs;
using namespace qchain::engine;

TEST(OwnDefects, ImputesSegmentMedianThenChainMedian) {
  const ChainGraph g = test::load_text(R"({"format": "qchain-chain/1", "chain": {"id": "c", "name": "C"},
    "segments": [{"id": "s", "name": "s", "order": 0}, {"id": "t", "name": "t", "order": 1}],
    "firms": [{"id": "A", "name": "a", "role": "micro", "segment": "s", "first_pass_yield": 0.8},
              {"id": "B", "name": "b", "role": "micro", "segment": "s", "first_pass_yield": 0.9},
              {"id": "C", "name": "c", "role": "micro", "segment": "s"},
              {"id": "D", "name": "d", "role": "micro", "segment": "t"},
              {"id": "E", "name": "e", "role": "micro", "first_pass_yield": 0.96}]})");
  const OwnDefects o = own_defects(g);
  EXPECT_NEAR(o.rate[2], 1 - 0.85, 1e-15);  // median of s: (0.8 + 0.9) / 2
  EXPECT_NEAR(o.rate[3], 1 - 0.9, 1e-15);   // t has no yields: chain median of 0.8, 0.9, 0.96
  EXPECT_EQ(o.imputed, (std::vector<std::uint8_t>{0, 0, 1, 1, 0}));
  EXPECT_EQ(o.imputed_count, 2u);
}

// Nothing surveyed anywhere: no own defects are assumed, and every firm says it is imputed.
TEST(OwnDefects, NoYieldAnywhereAssumesNone) {
  const ChainGraph g = test::load_text(R"({"format": "qchain-chain/1", "chain": {"id": "c", "name": "C"},
    "firms": [{"id": "A", "name": "a", "role": "micro"}, {"id": "L", "name": "l", "role": "chain_leader"}],
    "links": [{"supplier": "A", "customer": "L"}]})");
  const OwnDefects o = own_defects(g);
  EXPECT_EQ(o.rate, (std::vector<double>{0.0, 0.0}));
  EXPECT_EQ(o.imputed_count, 2u);
}

// An odd count takes the middle yield; a firm without a segment takes the chain's median.
TEST(OwnDefects, OddMedianAndUnsegmentedFirms) {
  const ChainGraph g = test::load_text(R"({"format": "qchain-chain/1", "chain": {"id": "c", "name": "C"},
    "segments": [{"id": "s", "name": "s", "order": 0}],
    "firms": [{"id": "A", "name": "a", "role": "micro", "segment": "s", "first_pass_yield": 0.7},
              {"id": "B", "name": "b", "role": "micro", "segment": "s", "first_pass_yield": 0.99},
              {"id": "C", "name": "c", "role": "micro", "segment": "s", "first_pass_yield": 0.9},
              {"id": "D", "name": "d", "role": "micro", "segment": "s"},
              {"id": "E", "name": "e", "role": "micro", "first_pass_yield": 0.6},
              {"id": "F", "name": "f", "role": "micro"}]})");
  const OwnDefects o = own_defects(g);
  EXPECT_NEAR(o.rate[3], 1 - 0.9, 1e-15);   // median of 0.7, 0.99, 0.9
  EXPECT_NEAR(o.rate[5], 1 - 0.8, 1e-15);   // chain median of 0.6, 0.7, 0.9, 0.99
  EXPECT_NEAR(o.rate[4], 1 - 0.6, 1e-15);   // surveyed: its own
  EXPECT_EQ(o.imputed, (std::vector<std::uint8_t>{0, 0, 0, 1, 0, 1}));
}

}  // namespace
