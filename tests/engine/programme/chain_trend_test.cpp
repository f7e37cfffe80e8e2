// The trend over snapshots: each point worked by hand, each step what the comparison of the two says.
#include <cmath>

#include "../../support/test_support.hpp"
#include "qchain/core/error.hpp"
#include "qchain/engine/programme/chain_trend.hpp"

namespace {

using namespace qchain;
using namespace qchain::graphs;
using namespace qchain::engine;

const char* kHead = R"({"format": "qchain-chain/1", "chain": {"id": "c", "name": "c", "as_of": ")";
const char* kIssues = R"(", "defaults": {"detection": 0}}, "issues": [{"code": "X", "name": "x", "category": "man"}],)";

// 2023: A and B upstream, leader L downstream.
const std::string k2023 = std::string(kHead) + "2023-06-30" + kIssues + R"(
 "segments": [{"id": "s1", "name": "上游", "order": 0}, {"id": "s2", "name": "下游", "order": 1}],
 "firms": [
  {"id": "A", "name": "a", "role": "micro", "segment": "s1", "first_pass_yield": 0.8, "issues": [{"code": "X", "severity": 2}],
   "certifications": [{"scheme": "ISO9001", "status": "valid"}]},
  {"id": "B", "name": "b", "role": "small", "segment": "s1", "first_pass_yield": 0.9},
  {"id": "L", "name": "l", "role": "chain_leader", "segment": "s2", "first_pass_yield": 0.95}],
 "links": [{"supplier": "A", "customer": "L"}, {"supplier": "B", "customer": "L"}]})";

// 2024: A assisted and cleared of X, B has it now and its certificate lapsed; N joins a new segment
// without a yield.
const std::string k2024 = std::string(kHead) + "2024-06-30" + kIssues + R"(
 "segments": [{"id": "s1", "name": "上游", "order": 0}, {"id": "s2", "name": "下游", "order": 1},
              {"id": "s3", "name": "新环节", "order": 2}],
 "firms": [
  {"id": "A", "name": "a", "role": "micro", "segment": "s1", "first_pass_yield": 0.85,
   "assisted": {"by": "o", "since": "2023-09-01", "programme": "p"}, "certifications": [{"scheme": "ISO9001", "status": "valid"}]},
  {"id": "B", "name": "b", "role": "small", "segment": "s1", "first_pass_yield": 0.9, "issues": [{"code": "X", "severity": 1}],
   "certifications": [{"scheme": "ISO9001", "status": "expired"}]},
  {"id": "L", "name": "l", "role": "chain_leader", "segment": "s2", "first_pass_yield": 0.96},
  {"id": "N", "name": "n", "role": "micro", "segment": "s3"}],
 "links": [{"supplier": "A", "customer": "L"}, {"supplier": "B", "customer": "L"}, {"supplier": "N", "customer": "L"}]})";

// 2025: the new segment is gone; a second leader L2 buys from A.
const std::string k2025 = std::string(kHead) + "2025-06-30" + kIssues + R"(
 "segments": [{"id": "s1", "name": "上游", "order": 0}, {"id": "s2", "name": "下游", "order": 1}],
 "firms": [
  {"id": "A", "name": "a", "role": "micro", "segment": "s1", "first_pass_yield": 0.9},
  {"id": "B", "name": "b", "role": "small", "segment": "s1", "first_pass_yield": 0.9},
  {"id": "L", "name": "l", "role": "chain_leader", "segment": "s2", "first_pass_yield": 0.96},
  {"id": "L2", "name": "l2", "role": "chain_leader", "segment": "s2", "first_pass_yield": 0.9}],
 "links": [{"supplier": "A", "customer": "L"}, {"supplier": "B", "customer": "L"}, {"supplier": "A", "customer": "L2"}]})";

struct Snapshots {
  std::vector<ChainGraph> chains;
  std::vector<std::vector<double>> delivered;
  std::vector<TrendInput> in;
  explicit Snapshots(std::initializer_list<std::string> texts) {
    for (const std::string& t : texts) chains.push_back(test::load_text(t));
    for (const ChainGraph& g : chains) delivered.push_back(delivered_defects(g));
    for (std::size_t k = 0; k < chains.size(); ++k) in.push_back({&chains[k], &delivered[k]});
  }
};

TEST(ChainTrend, EachSnapshotWorkedByHand) {
  const Snapshots s{k2023, k2024, k2025};
  const TrendResult t = chain_trend(s.in);
  EXPECT_EQ(t.chain_id, "c");
  EXPECT_EQ(t.segments, (std::vector<std::string>{"s1", "s2", "s3"}));  // the latest's, then the earlier ones
  EXPECT_EQ(t.leaders, (std::vector<std::string>{"L", "L2"}));
  ASSERT_EQ(t.points.size(), 3u);
  const TrendPoint& p0 = t.points[0];
  EXPECT_EQ(p0.as_of, "2023-06-30");
  EXPECT_EQ(p0.firms, 3u);
  EXPECT_EQ(p0.links, 2u);
  EXPECT_NEAR(p0.mean_yield, (0.8 + 0.9 + 0.95) / 3, 1e-12);
  EXPECT_NEAR(p0.segment_yield[0], 0.85, 1e-12);
  EXPECT_NEAR(p0.segment_yield[1], 0.95, 1e-12);
  EXPECT_TRUE(std::isnan(p0.segment_yield[2]));  // no such segment yet
  EXPECT_EQ(p0.issue_pairs, 1u);
  EXPECT_EQ(p0.certified, 1u);
  EXPECT_NEAR(p0.certified_share, 1.0 / 3, 1e-12);
  EXPECT_EQ(p0.assisted, 0u);
  // With detection 0 the leader delivers what it receives times its own yield: 0.95 · (0.8 + 0.9) / 2
  // (two sources of one input each... here two inputs, so the product of both).
  EXPECT_NEAR(p0.leader_delivered[0], 0.95 * 0.8 * 0.9, 1e-12);
  EXPECT_TRUE(std::isnan(p0.leader_delivered[1]));  // not a leader yet

  const TrendPoint& p1 = t.points[1];
  EXPECT_EQ(p1.firms, 4u);
  EXPECT_NEAR(p1.mean_yield, (0.85 + 0.9 + 0.96) / 3, 1e-12);  // N gives none
  EXPECT_TRUE(std::isnan(p1.segment_yield[2]));                 // the segment's one firm gives none
  EXPECT_EQ(p1.certified, 1u);                                   // B's certificate lapsed
  EXPECT_NEAR(p1.certified_share, 0.25, 1e-12);
  EXPECT_EQ(p1.assisted, 1u);
  EXPECT_EQ(p1.firms_with_issues, 1u);

  const TrendPoint& p2 = t.points[2];
  EXPECT_TRUE(std::isnan(p2.segment_yield[2]));
  EXPECT_NEAR(p2.leader_delivered[1], 0.9 * 0.9, 1e-12);
  EXPECT_EQ(p2.issue_pairs, 0u);
  EXPECT_EQ(p2.certified, 0u);
}

TEST(ChainTrend, EachStepIsTheComparisonOfItsTwoSnapshots) {
  const Snapshots s{k2023, k2024, k2025};
  const TrendResult t = chain_trend(s.in);
  ASSERT_EQ(t.steps.size(), 2u);
  const TrendStep& first = t.steps[0];
  EXPECT_EQ(first.pairs_resolved, 1u);  // A cleared of X
  EXPECT_EQ(first.pairs_new, 1u);       // B has it now
  EXPECT_EQ(first.added, 1u);
  EXPECT_EQ(first.removed, 0u);
  EXPECT_EQ(first.indicators.assisted, 1u);
  EXPECT_NEAR(first.indicators.assisted_mean_change, 0.05, 1e-12);
  EXPECT_NEAR(first.indicators.others_mean_change, (0.0 + 0.01) / 2, 1e-12);
  for (std::size_t k = 0; k < 2; ++k) {
    const ChainComparison c = compare_chains(s.chains[k], s.chains[k + 1]);
    EXPECT_EQ(t.steps[k].pairs_resolved, c.pairs_resolved);
    EXPECT_EQ(t.steps[k].pairs_new, c.pairs_new);
    EXPECT_EQ(t.steps[k].matched, c.matched);
    EXPECT_EQ(t.steps[k].removed, c.removed);
    EXPECT_EQ(t.steps[k].indicators.assisted, c.indicators.assisted);
    EXPECT_EQ(t.steps[k].indicators.difference, c.indicators.difference);
  }
  EXPECT_EQ(t.steps[1].removed, 1u);  // N
}

TEST(ChainTrend, OneSnapshotHasNoStep) {
  const Snapshots s{k2024};
  const TrendResult t = chain_trend(s.in);
  EXPECT_EQ(t.points.size(), 1u);
  EXPECT_TRUE(t.steps.empty());
  EXPECT_EQ(t.segments.size(), 3u);
}

TEST(ChainTrend, PreconditionsAreChecked) {
  EXPECT_THROW(chain_trend({}), UsageError);
  const Snapshots backwards{k2024, k2023};
  EXPECT_THROW(chain_trend(backwards.in), UsageError);
  std::string other = k2025;
  other.replace(other.find("\"id\": \"c\""), 9, "\"id\": \"d\"");
  const Snapshots unrelated{k2024, other};
  EXPECT_THROW(chain_trend(unrelated.in), UsageError);
  Snapshots short_rates{k2023};
  short_rates.delivered[0].pop_back();
  EXPECT_THROW(chain_trend(short_rates.in), UsageError);
}

}  // namespace
