#include "qchain/engine/quality/bottlenecks.hpp"

#include <algorithm>

#include "../../support/test_support.hpp"

namespace {

using namespace qchain;
using namespace qchain::graphs;
using namespace qchain::engine;
using Kind = Bottleneck::Kind;

// S is M's only source of ore and M the only source of both leaders' part: each stops L1 and L2.
// T is L1's only source of bolts: it stops L1 alone. X and Y are shared issues.
const char* kChain = R"({"format": "qchain-chain/1", "chain": {"id": "b", "name": "B"},
  "segments": [{"id": "raw", "name": "原料", "order": 0}, {"id": "parts", "name": "零件", "order": 1}, {"id": "final", "name": "整机", "order": 2}],
  "issues": [{"code": "X", "name": "x", "category": "material"}, {"code": "Y", "name": "y", "category": "method"}],
  "firms": [
    {"id": "S", "name": "s", "role": "micro", "segment": "raw", "first_pass_yield": 0.90, "issues": [{"code": "X", "severity": 3}]},
    {"id": "M", "name": "m", "role": "small", "segment": "parts", "first_pass_yield": 0.95,
     "issues": [{"code": "X", "severity": 1}, {"code": "Y", "severity": 2}]},
    {"id": "T", "name": "t", "role": "micro", "segment": "raw", "first_pass_yield": 0.97, "issues": [{"code": "Y", "severity": 1}]},
    {"id": "L1", "name": "l1", "role": "chain_leader", "segment": "final", "first_pass_yield": 0.99, "revenue": 100},
    {"id": "L2", "name": "l2", "role": "chain_leader", "segment": "final", "first_pass_yield": 0.99, "revenue": 100}],
  "links": [{"supplier": "S", "customer": "M", "input": "ore"}, {"supplier": "M", "customer": "L1", "input": "part"},
            {"supplier": "M", "customer": "L2", "input": "part"}, {"supplier": "T", "customer": "L1", "input": "bolt"}]})";

struct Fixture {
  ChainGraph g = test::load_text(kChain);
  QualityAnalysis q = analyze_quality(g, strong_components(g));
  CriticalSuppliersResult critical = critical_suppliers(g);
};

std::vector<Bottleneck> of_kind(const std::vector<Bottleneck>& all, Kind k) {
  std::vector<Bottleneck> out;
  std::copy_if(all.begin(), all.end(), std::back_inserter(out), [k](const Bottleneck& b) { return b.kind == k; });
  return out;
}

TEST(Bottlenecks, KindsInOrderEachCarryingItsNumbers) {
  const Fixture f;
  const std::vector<Bottleneck> all = find_bottlenecks(f.g, f.q, &f.critical);
  ASSERT_FALSE(all.empty());
  for (std::size_t k = 1; k < all.size(); ++k) EXPECT_LE(all[k - 1].kind, all[k].kind) << k;  // issues, firms, suppliers, segment

  const auto issues = of_kind(all, Kind::issue);
  ASSERT_EQ(issues.size(), 2u);
  for (std::size_t k = 0; k < issues.size(); ++k) {
    const IssueImpact& m = f.q.issues[k];
    const Bottleneck& b = issues[k];
    EXPECT_EQ(b.id, m.issue);
    EXPECT_EQ(b.firms, 2u);
    EXPECT_EQ(b.segments, 2u);  // X: raw and parts; Y: parts and raw
    const std::size_t best = static_cast<std::size_t>(std::max_element(m.leader_gain.begin(), m.leader_gain.end()) - m.leader_gain.begin());
    EXPECT_EQ(b.leader, f.q.leaders[best]);
    EXPECT_NEAR(b.yield_after - b.yield_before, m.leader_gain[best], 1e-15);
    EXPECT_NEAR(b.yield_before, f.q.leader_quality[best].delivered_yield, 1e-15);
  }

  const auto firms = of_kind(all, Kind::firm);
  ASSERT_EQ(firms.size(), std::min<std::size_t>(5, f.q.risk_ranking.size()));
  for (std::size_t k = 0; k < firms.size(); ++k) {
    EXPECT_EQ(firms[k].id, f.q.risk_ranking[k]);
    EXPECT_EQ(firms[k].risk, f.q.risk[firms[k].id]);
    EXPECT_NEAR(firms[k].own_yield, f.g.firm(firms[k].id).first_pass_yield, 1e-15);
    EXPECT_FALSE(firms[k].imputed);
  }

  // M and S stop both leaders (the riskier first), T only L1.
  const auto suppliers = of_kind(all, Kind::critical_supplier);
  ASSERT_EQ(suppliers.size(), 3u);
  const FirmId s = *f.g.find_firm("S"), m = *f.g.find_firm("M"), t = *f.g.find_firm("T");
  const FirmId l1 = *f.g.find_firm("L1"), l2 = *f.g.find_firm("L2");
  const bool m_first = f.q.risk[m] > f.q.risk[s];
  EXPECT_EQ(suppliers[0].id, m_first ? m : s);
  EXPECT_EQ(suppliers[1].id, m_first ? s : m);
  EXPECT_EQ(suppliers[2].id, t);
  EXPECT_EQ(suppliers[0].leaders_stopped, (std::vector<FirmId>{l1, l2}));
  EXPECT_EQ(suppliers[2].leaders_stopped, std::vector<FirmId>{l1});
  EXPECT_EQ(suppliers[2].via_link, 3u);  // T -> L1
  for (const Bottleneck& b : suppliers) {
    if (b.id == m) {
      EXPECT_EQ(b.via_link, 1u);  // M -> L1, its first leader
    }
  }

  const auto segments = of_kind(all, Kind::segment);
  ASSERT_EQ(segments.size(), 1u);
  EXPECT_EQ(segments[0].id, f.q.weak_segment);
  EXPECT_EQ(segments[0].share, f.q.segment_share[f.q.weak_segment]);
}

TEST(Bottlenecks, PerKindLimitAndNoStructureSection) {
  const Fixture f;
  const std::vector<Bottleneck> one = find_bottlenecks(f.g, f.q, &f.critical, {1});
  for (Kind k : {Kind::issue, Kind::firm, Kind::critical_supplier, Kind::segment}) EXPECT_EQ(of_kind(one, k).size(), 1u) << to_string(k);
  // Without the structure section there are no critical suppliers to name.
  const std::vector<Bottleneck> none = find_bottlenecks(f.g, f.q, nullptr);
  EXPECT_TRUE(of_kind(none, Kind::critical_supplier).empty());
  EXPECT_EQ(none.size(), find_bottlenecks(f.g, f.q, &f.critical).size() - 3);
}

// An issue that gains the leaders nothing is no bottleneck: here no firm states a yield, so no
// firm has own defects and nothing is at risk.
TEST(Bottlenecks, NothingToGainNothingListed) {
  std::string doc = kChain;
  for (const char* y : {R"("first_pass_yield": 0.90, )", R"("first_pass_yield": 0.95,)", R"("first_pass_yield": 0.97, )",
                        R"("first_pass_yield": 0.99, )", R"("first_pass_yield": 0.99, )"})
    doc.erase(doc.find(y), std::string(y).size());
  const ChainGraph g = test::load_text(doc);
  const QualityAnalysis q = analyze_quality(g, strong_components(g));
  const std::vector<Bottleneck> all = find_bottlenecks(g, q, nullptr);
  EXPECT_TRUE(of_kind(all, Kind::issue).empty());
  EXPECT_TRUE(of_kind(all, Kind::firm).empty());
}

TEST(Bottlenecks, KindNamesAreTheJsonValues) {
  EXPECT_STREQ(to_string(Kind::issue), "issue");
  EXPECT_STREQ(to_string(Kind::firm), "firm");
  EXPECT_STREQ(to_string(Kind::critical_supplier), "critical_supplier");
  EXPECT_STREQ(to_string(Kind::segment), "segment");
}

}  // namespace
