#include "qchain/engine/quality/issue_attribution.hpp"

#include "../../support/test_support.hpp"
#include "qchain/engine/quality/own_defects.hpp"

namespace {

using namespace qchain;
using namespace qchain::graphs;
using namespace qchain::engine;

// A: two issues without a stated loss, severities 1 and 3; B: an unstated issue and a stated loss;
// C: only stated losses, together less than its defect rate; D: none. The own defect rates are
// given directly, as the scenarios hand them over. (A firm's issues are in catalogue order.)
const char* kChain = R"({"format": "qchain-chain/1", "chain": {"id": "c", "name": "C"},
  "issues": [{"code": "X", "name": "x", "category": "man"}, {"code": "Y", "name": "y", "category": "method"},
             {"code": "S", "name": "s", "category": "material", "yield_loss": 0.01},
             {"code": "T", "name": "t", "category": "machine", "yield_loss": 0.02}],
  "firms": [
    {"id": "A", "name": "a", "role": "micro", "issues": [{"code": "X", "severity": 1}, {"code": "Y", "severity": 3}]},
    {"id": "B", "name": "b", "role": "micro", "issues": [{"code": "S", "severity": 2}, {"code": "X", "severity": 5}]},
    {"id": "C", "name": "c", "role": "micro", "issues": [{"code": "S", "severity": 1}, {"code": "T", "severity": 1}]},
    {"id": "D", "name": "d", "role": "chain_leader"}],
  "links": [{"supplier": "A", "customer": "D"}, {"supplier": "B", "customer": "D"}, {"supplier": "C", "customer": "D"}]})";

TEST(IssueAttribution, SeveritySharesWhatNoLossIsStatedFor) {
  const ChainGraph g = test::load_text(kChain);
  const std::vector<double> own = {0.08, 0.05, 0.10, 0.02};
  const IssueAttribution a = attribute_issues(g, own);
  ASSERT_EQ(a.begin, (std::vector<std::uint32_t>{0, 2, 4, 6, 6}));
  EXPECT_NEAR(a.of(0, 0), 0.02, 1e-15);  // 1/4 of 0.08
  EXPECT_NEAR(a.of(0, 1), 0.06, 1e-15);  // 3/4
  EXPECT_EQ(a.unexplained[0], 0.0);
  EXPECT_NEAR(a.of(1, 0), 0.04, 1e-15);  // X: the rest, whatever its severity
  EXPECT_NEAR(a.of(1, 1), 0.01, 1e-15);  // S: stated
  EXPECT_EQ(a.unexplained[1], 0.0);
  EXPECT_NEAR(a.of(2, 0), 0.01, 1e-15);
  EXPECT_NEAR(a.of(2, 1), 0.02, 1e-15);
  EXPECT_NEAR(a.unexplained[2], 0.07, 1e-15);  // only stated losses: the rest is unexplained
  EXPECT_NEAR(a.unexplained[3], 0.02, 1e-15);
  // Every firm's rate is accounted for, once.
  for (FirmId v = 0; v < g.firm_count(); ++v) {
    double sum = a.unexplained[v];
    for (std::size_t k = 0; k < g.firm(v).issues.size(); ++k) sum += a.of(v, k);
    EXPECT_NEAR(sum, own[v], 1e-15) << g.firm(v).id;
  }
}

// Stated losses above the firm's defect rate are scaled down together; nothing is left over.
TEST(IssueAttribution, StatedLossesBeyondTheRateAreScaledDown) {
  const ChainGraph g = test::load_text(kChain);
  const IssueAttribution a = attribute_issues(g, {0.0, 0.004, 0.015, 0.0});
  EXPECT_NEAR(a.of(1, 0), 0.0, 1e-15);  // X: nothing left
  EXPECT_NEAR(a.of(1, 1), 0.004, 1e-15);  // S: all of it
  EXPECT_NEAR(a.of(2, 0), 0.005, 1e-15);  // 0.01 and 0.02 scaled by 0.015 / 0.03
  EXPECT_NEAR(a.of(2, 1), 0.010, 1e-15);
  EXPECT_NEAR(a.unexplained[2], 0.0, 1e-15);
  EXPECT_EQ(a.of(0, 0), 0.0);  // a firm without defects: nothing to share
  EXPECT_EQ(a.unexplained[0], 0.0);
}

TEST(IssueAttribution, WithoutAnIssueRemovesItsShareFromEveryFirmThatHasIt) {
  const ChainGraph g = test::load_text(kChain);
  const std::vector<double> own = {0.08, 0.05, 0.10, 0.02};
  const IssueAttribution a = attribute_issues(g, own);
  const auto x = without_issue(g, a, own, 0);  // X: A and B
  EXPECT_NEAR(x[0], 0.06, 1e-15);
  EXPECT_NEAR(x[1], 0.01, 1e-15);
  EXPECT_EQ(x[2], own[2]);
  EXPECT_EQ(x[3], own[3]);
  const auto s = without_issue(g, a, own, 2);  // S: B and C
  EXPECT_NEAR(s[1], 0.04, 1e-15);
  EXPECT_NEAR(s[2], 0.09, 1e-15);
  EXPECT_EQ(without_issue(g, a, own, 3)[0], own[0]);  // T: C only
  // No firm of this chain states a yield, so the analysis assumes no own defects: nothing to remove.
  const std::vector<double> p = own_defects(g).rate;
  EXPECT_EQ(without_issue(g, attribute_issues(g, p), p, 1), p);
}

}  // namespace
