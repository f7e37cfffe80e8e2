// The ledger summed up: every count and sum worked by hand from the six entries below.
#include <cmath>

#include "../../support/test_support.hpp"
#include "qchain/core/error.hpp"
#include "qchain/engine/programme/ledger_summary.hpp"

namespace {

using namespace qchain;
using namespace qchain::graphs;
using namespace qchain::engine;

// s1: A, B, C; s2: the leader L; U has no segment.
const char* kChain = R"({"format": "qchain-chain/1", "chain": {"id": "c", "name": "c", "as_of": "2024-06-30"},
 "segments": [{"id": "s1", "name": "上游", "order": 0}, {"id": "s2", "name": "下游", "order": 1}],
 "firms": [
  {"id": "A", "name": "a", "role": "micro", "segment": "s1", "first_pass_yield": 0.8},
  {"id": "B", "name": "b", "role": "small", "segment": "s1", "first_pass_yield": 0.9},
  {"id": "C", "name": "c", "role": "small", "segment": "s1", "first_pass_yield": 0.9},
  {"id": "U", "name": "u", "role": "micro", "first_pass_yield": 0.9},
  {"id": "L", "name": "l", "role": "chain_leader", "segment": "s2", "first_pass_yield": 0.95}],
 "links": [{"supplier": "A", "customer": "L"}, {"supplier": "B", "customer": "L"}, {"supplier": "C", "customer": "L"},
           {"supplier": "U", "customer": "L"}]})";

using S = LedgerItemStatus;
const double kNo = std::nan("");

std::vector<LedgerItem> entries() {
  return {{"A", S::done, "P1", "财政补贴", 3},     {"A", S::in_progress, "P2", "财政补贴", 2},
          {"B", S::dropped, "P1", "认证贷", 5},    {"C", S::planned, "", "", kNo},
          {"Z", S::planned, "P2", "认证贷", 1.5},  {"U", S::done, "P1", "企业自筹", kNo}};
}

TEST(LedgerSummary, CountsStatusesCostsAndFirmsReached) {
  const ChainGraph g = test::load_text(kChain);
  const std::vector<LedgerItem> e = entries();
  const LedgerSummaryResult r = ledger_summary({&g, &e});
  EXPECT_EQ(r.entries, 6u);
  EXPECT_EQ(r.by_status[0], 2u);  // C, Z
  EXPECT_EQ(r.by_status[1], 1u);
  EXPECT_EQ(r.by_status[2], 2u);  // A, U
  EXPECT_EQ(r.by_status[3], 1u);
  EXPECT_EQ(r.without_cost, 2u);
  EXPECT_DOUBLE_EQ(r.cost, 11.5);  // 3 + 2 + 5 + 1.5, dropped entries' costs included

  ASSERT_EQ(r.by_funding.size(), 4u);
  EXPECT_EQ(r.by_funding[0].name, "认证贷");
  EXPECT_DOUBLE_EQ(r.by_funding[0].cost, 6.5);
  EXPECT_EQ(r.by_funding[0].entries, 2u);
  EXPECT_EQ(r.by_funding[1].name, "财政补贴");
  EXPECT_DOUBLE_EQ(r.by_funding[1].cost, 5);
  EXPECT_EQ(r.by_funding[2].name, "企业自筹");
  EXPECT_EQ(r.by_funding[2].entries, 1u);
  EXPECT_EQ(r.by_funding[2].without_cost, 1u);
  EXPECT_DOUBLE_EQ(r.by_funding[2].cost, 0);
  EXPECT_EQ(r.by_funding[3].name, "");  // not given: last
  EXPECT_EQ(r.by_funding[3].without_cost, 1u);

  ASSERT_EQ(r.by_provider.size(), 3u);
  EXPECT_EQ(r.by_provider[0].name, "P1");
  EXPECT_EQ(r.by_provider[0].entries, 3u);
  EXPECT_EQ(r.by_provider[0].without_cost, 1u);
  EXPECT_DOUBLE_EQ(r.by_provider[0].cost, 8);
  EXPECT_EQ(r.by_provider[1].name, "P2");
  EXPECT_DOUBLE_EQ(r.by_provider[1].cost, 3.5);
  EXPECT_EQ(r.by_provider[2].name, "");

  // s1: A and C (B's only entry is dropped); s2: none; the firms without a segment: U.
  ASSERT_EQ(r.segments.size(), 3u);
  EXPECT_EQ(r.segments[0].segment, 0u);
  EXPECT_EQ(r.segments[0].firms, 3u);
  EXPECT_EQ(r.segments[0].assisted, 2u);
  EXPECT_EQ(r.segments[1].firms, 1u);
  EXPECT_EQ(r.segments[1].assisted, 0u);
  EXPECT_EQ(r.segments[2].segment, kNone);
  EXPECT_EQ(r.segments[2].firms, 1u);
  EXPECT_EQ(r.segments[2].assisted, 1u);
  EXPECT_EQ(r.firms_assisted, 3u);      // A counted once
  EXPECT_EQ(r.firms_not_in_chain, 1u);  // Z
}

TEST(LedgerSummary, TiesGoToMoreEntriesThenName) {
  const ChainGraph g = test::load_text(kChain);
  const std::vector<LedgerItem> e = {{"A", S::planned, "Q", "y", 2}, {"A", S::planned, "P", "x", 1},
                                     {"B", S::planned, "P", "x", 1}, {"C", S::planned, "R", "z", 2}};
  const LedgerSummaryResult r = ledger_summary({&g, &e});
  ASSERT_EQ(r.by_provider.size(), 3u);
  EXPECT_EQ(r.by_provider[0].name, "P");  // 2 over two entries before Q's 2 over one
  EXPECT_EQ(r.by_provider[1].name, "Q");
  EXPECT_EQ(r.by_provider[2].name, "R");
  // U has no entry, but the firms without a segment are still listed: U is one of the snapshot.
  EXPECT_EQ(r.segments.size(), 3u);
  EXPECT_EQ(r.segments[2].assisted, 0u);
}

TEST(LedgerSummary, AnEmptyLedgerAndMissingInputs) {
  const ChainGraph g = test::load_text(kChain);
  const std::vector<LedgerItem> none;
  const LedgerSummaryResult r = ledger_summary({&g, &none});
  EXPECT_EQ(r.entries, 0u);
  EXPECT_TRUE(r.by_funding.empty());
  EXPECT_EQ(r.firms_assisted, 0u);
  EXPECT_EQ(r.segments[0].firms, 3u);
  EXPECT_THROW(ledger_summary({&g, nullptr}), Error);
  EXPECT_THROW(ledger_summary({nullptr, &none}), Error);
}

}  // namespace
