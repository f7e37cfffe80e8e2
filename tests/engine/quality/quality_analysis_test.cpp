#include <cmath>
#include <numeric>
#include <regex>

#include "../../support/test_support.hpp"
#include "qchain/engine/quality/quality_analysis.hpp"
#include "qchain/core/number_format.hpp"
#include "qchain/graphs/chain_csv_writer.hpp"

namespace {

using namespace qchain;
using namespace qchain::graphs;
using namespace qchain::engine;

// Two upstream segments feed a leader; MAT-01 (stated loss 0.02) is shared by A and B, MTH-02
// (no stated loss) by B and C. Detection 0 everywhere, so that the hand-worked figures stay short.
const char* kDoc = R"({"format": "qchain-chain/1", "chain": {"id": "c", "name": "C", "defaults": {"detection": 0}},
  "segments": [{"id": "raw", "name": "原料", "order": 0}, {"id": "parts", "name": "零件", "order": 1}, {"id": "final", "name": "整机", "order": 2}],
  "issues": [{"code": "MAT-01", "name": "批次", "category": "material", "yield_loss": 0.02},
             {"code": "MTH-02", "name": "工艺", "category": "method"},
             {"code": "MSR-03", "name": "检测", "category": "measurement", "yield_loss": 0.5}],
  "firms": [
    {"id": "A", "name": "a", "role": "micro", "segment": "raw", "first_pass_yield": 0.90, "issues": [{"code": "MAT-01", "severity": 3}]},
    {"id": "B", "name": "b", "role": "small", "segment": "raw", "first_pass_yield": 0.92,
     "issues": [{"code": "MAT-01", "severity": 2}, {"code": "MTH-02", "severity": 4}]},
    {"id": "C", "name": "c", "role": "small", "segment": "parts", "first_pass_yield": 0.97,
     "issues": [{"code": "MTH-02", "severity": 1}, {"code": "MSR-03", "severity": 5}]},
    {"id": "L", "name": "l", "role": "chain_leader", "segment": "final", "first_pass_yield": 0.99, "revenue": 100},
    {"id": "M", "name": "m", "role": "chain_leader", "segment": "final", "first_pass_yield": 0.98, "revenue": 300}],
  "links": [{"supplier": "A", "customer": "C", "input": "ore", "share": 0.5}, {"supplier": "B", "customer": "C", "input": "ore", "share": 0.5},
            {"supplier": "C", "customer": "L", "inspection": 0.3}, {"supplier": "B", "customer": "M"}, {"supplier": "C", "customer": "M"}]})";

TEST(IssueAttribution, StatedLossesThenSeverityThenUnexplained) {
  const ChainGraph g = test::load_text(kDoc);
  const std::vector<double> p = own_defects(g).rate;
  const IssueAttribution a = attribute_issues(g, p);
  // A: only MAT-01 (0.02 stated) of p = 0.10: 0.08 unexplained.
  EXPECT_NEAR(a.of(0, 0), 0.02, 1e-15);
  EXPECT_NEAR(a.unexplained[0], 0.08, 1e-15);
  // B: MAT-01 takes 0.02, MTH-02 the remaining 0.06 of p = 0.08; nothing unexplained.
  EXPECT_NEAR(a.of(1, 0), 0.02, 1e-15);
  EXPECT_NEAR(a.of(1, 1), 0.06, 1e-15);
  EXPECT_NEAR(a.unexplained[1], 0.0, 1e-15);
  // C: MSR-03 states 0.5 > p = 0.03: scaled down to 0.03; MTH-02 gets nothing.
  EXPECT_NEAR(a.of(2, 0), 0.0, 1e-15);
  EXPECT_NEAR(a.of(2, 1), 0.03, 1e-15);
  // Firms without issues keep everything unexplained.
  EXPECT_NEAR(a.unexplained[3], 0.01, 1e-15);
}

TEST(QualityAnalysis, IssueGainsMatchReloadingTheChainWithTheIssueGone) {
  const ChainGraph g = test::load_text(kDoc);
  const QualityAnalysis q = analyze_quality(g, strong_components(g));
  ASSERT_EQ(q.issues.size(), 3u);
  const IssueAttribution& a = q.attribution;
  for (const IssueImpact& m : q.issues) {
    // Brute force: rewrite the firms' yields in the document, load it again, propagate from scratch.
    std::string doc = kDoc;
    for (FirmId v = 0; v < g.firm_count(); ++v) {
      double gain = 0;
      for (std::size_t k = 0; k < g.firm(v).issues.size(); ++k)
        if (g.firm(v).issues[k].issue == m.issue) gain += a.of(v, k);
      if (gain == 0) continue;
      const std::string from = "\"first_pass_yield\": " + qchain::number_text(g.firm(v).first_pass_yield);
      const auto at = doc.find(from, doc.find("\"id\": \"" + g.firm(v).id + "\""));
      doc.replace(at, from.size(), "\"first_pass_yield\": " + qchain::number_text(g.firm(v).first_pass_yield + gain));
    }
    const ChainGraph fixed = test::load_text(doc);
    const Propagation r = DefectPropagator(fixed, strong_components(fixed)).forward(own_defects(fixed).rate);
    for (std::size_t i = 0; i < q.leaders.size(); ++i)
      EXPECT_NEAR(m.leader_gain[i], q.state.delivered[q.leaders[i]] - r.delivered[q.leaders[i]], 1e-12) << g.issues()[m.issue].code;
  }
  // Ranked by the revenue-weighted gain (L 1/4, M 3/4).
  EXPECT_DOUBLE_EQ(q.leader_weight[0], 0.25);
  for (std::size_t k = 1; k < q.issues.size(); ++k) EXPECT_GE(q.issues[k - 1].total_gain, q.issues[k].total_gain);
  EXPECT_EQ(q.issues[0].firms, 2u);
  EXPECT_EQ(q.issues[0].by_segment.size(), 4u);
}

TEST(QualityAnalysis, OriginsSumToOneAndNameTheWeakSegment) {
  const ChainGraph g = test::load_text(kDoc);
  const QualityAnalysis q = analyze_quality(g, strong_components(g));
  for (const LeaderQuality& l : q.leader_quality) {
    EXPECT_NEAR(std::accumulate(l.origin.begin(), l.origin.end(), 0.0), 1.0, 1e-12);
    EXPECT_NEAR(std::accumulate(l.by_segment.begin(), l.by_segment.end(), 0.0), 1.0, 1e-12);
    EXPECT_NEAR(std::accumulate(l.by_issue.begin(), l.by_issue.end(), l.unexplained), 1.0, 1e-12);
    EXPECT_EQ(l.origin[*g.find_firm(l.leader == 3 ? "M" : "L")], 0.0);  // a leader is not upstream of the other
  }
  EXPECT_EQ(g.segments()[q.weak_segment].id, "raw");  // A and B have by far the lowest yields
  // The weak segment is read from what comes from upstream: the leaders' own share stays apart.
  for (const LeaderQuality& l : q.leader_quality) EXPECT_DOUBLE_EQ(l.own_share, l.origin[l.leader]);
  EXPECT_NEAR(std::accumulate(q.segment_share.begin(), q.segment_share.end(), 0.0), 1.0, 1e-12);
  EXPECT_EQ(q.segment_share[2], 0.0);  // "final" holds only the leaders
  EXPECT_NEAR(q.leader_quality[0].delivered_yield, 1 - q.state.delivered[3], 1e-15);
}

TEST(QualityAnalysis, RiskIndexIsTheFirstOrderEffectOfDoublingOwnDefects) {
  const ChainGraph g = test::load_text(kDoc);
  const StrongComponentsResult scc = strong_components(g);
  const QualityAnalysis q = analyze_quality(g, scc);
  const DefectPropagator prop(g, scc);
  const std::vector<double>& p = q.own.rate;
  const auto weighted = [&](const Propagation& r) {
    double y = 0;
    for (std::size_t i = 0; i < q.leaders.size(); ++i) y += q.leader_weight[i] * (1 - r.delivered[q.leaders[i]]);
    return y;
  };
  const double base = weighted(q.state);
  for (FirmId u = 0; u < g.firm_count(); ++u) {
    const double eps = 1e-7;
    std::vector<double> bumped = p;
    bumped[u] += eps * (std::min(2 * p[u], 1.0) - p[u]);
    EXPECT_NEAR(q.risk[u], (base - weighted(prop.forward(bumped))) / eps, 1e-6) << u;
  }
  // Doubling adds p itself: B (+0.08, feeds M directly and C) > A (+0.10 into half of C's ore)
  // > C (+0.03, feeds both) > M > L. By hand, A ≈ 0.1·0.5·0.97·(0.25·0.7·0.99 + 0.75·0.98·0.92) ≈ 0.041.
  std::vector<FirmId> expected;
  for (const char* id : {"B", "A", "C", "M", "L"}) expected.push_back(*g.find_firm(id));
  EXPECT_EQ(q.risk_ranking, expected);
  EXPECT_NEAR(q.risk[*g.find_firm("A")], 0.041, 0.001);
}

}  // namespace

namespace {

// With the default detection a leader's own defects often outweigh what its suppliers ship; the weak
// segment must still name the weakest segment of its supply chain, not the leaders' own.
TEST(QualityAnalysis, WeakSegmentLeavesTheLeadersOwnDefectsApart) {
  const ChainGraph g = test::load_text(R"({"format": "qchain-chain/1", "chain": {"id": "c", "name": "C"},
    "segments": [{"id": "a", "name": "a", "order": 0}, {"id": "b", "name": "b", "order": 0}, {"id": "final", "name": "f", "order": 1}],
    "firms": [{"id": "A", "name": "a", "role": "micro", "segment": "a", "first_pass_yield": 0.90},
              {"id": "B", "name": "b", "role": "micro", "segment": "b", "first_pass_yield": 0.97},
              {"id": "L", "name": "l", "role": "chain_leader", "segment": "final", "first_pass_yield": 0.95}],
    "links": [{"supplier": "A", "customer": "L"}, {"supplier": "B", "customer": "L"}]})");
  const QualityAnalysis q = analyze_quality(g, strong_components(g));
  const LeaderQuality& l = q.leader_quality[0];
  EXPECT_GT(l.own_share, 0.5);  // L's own 5 % dominate the 1 % and 0.3 % that A and B ship
  EXPECT_EQ(g.segments()[q.weak_segment].id, "a");
  EXPECT_NEAR(q.segment_share[0] + q.segment_share[1], 1.0, 1e-12);
  EXPECT_NEAR(q.segment_share[0] / q.segment_share[1], l.origin[0] / l.origin[1], 1e-12);
}

}  // namespace
