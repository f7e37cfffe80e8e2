#include "../../support/test_support.hpp"
#include "qchain/engine/programme/portfolio.hpp"
#include "qchain/report/portfolio_report.hpp"

namespace {

using namespace qchain;
using namespace qchain::graphs;
using namespace qchain::engine;
using namespace qchain::report;

std::string chain(const std::string& id, const std::string& firms, const std::string& links, const std::string& issues) {
  return R"({"format": "qchain-chain/1", "chain": {"id": ")" + id + R"(", "name": ")" + id + R"("},
   "segments": [{"id": "up", "name": "up", "order": 0}, {"id": "down", "name": "down", "order": 1}],
   "issues": [)" + issues + R"(], "firms": [)" + firms + R"(], "links": [)" + links + "]}";
}

struct Fixture {
  std::vector<ChainGraph> graphs;
  std::vector<QualityAnalysis> quality;
  ChainList chains;
  std::vector<const QualityAnalysis*> qs;
  explicit Fixture(const std::vector<std::string>& texts) {
    for (const auto& t : texts) graphs.push_back(test::load_text(t));
    for (const auto& g : graphs) quality.push_back(analyze_quality(g, strong_components(g)));
    for (std::size_t i = 0; i < graphs.size(); ++i) chains.push_back(&graphs[i]), qs.push_back(&quality[i]);
  }
  PortfolioResult run() const { return build_portfolio(chains, qs); }
};

// Chain a and b share supplier S (same name), firm T (different names), issue P (same name) and
// code Q (different names); chain c shares nothing.
const std::string kA = chain("a",
    R"({"id": "S", "name": "shared co", "role": "small", "segment": "up", "first_pass_yield": 0.9, "issues": [{"code": "P", "severity": 2}]},
       {"id": "T", "name": "t one", "role": "micro", "segment": "up", "first_pass_yield": 0.8, "issues": [{"code": "Q", "severity": 2}]},
       {"id": "LA", "name": "la", "role": "chain_leader", "segment": "down", "first_pass_yield": 0.99})",
    R"({"supplier": "S", "customer": "LA"}, {"supplier": "T", "customer": "LA"})",
    R"({"code": "P", "name": "paperwork", "category": "method", "yield_loss": 0.05}, {"code": "Q", "name": "quirk", "category": "man", "yield_loss": 0.05})");
const std::string kB = chain("b",
    R"({"id": "S", "name": "shared co", "role": "small", "segment": "up", "first_pass_yield": 0.9, "issues": [{"code": "P", "severity": 2}]},
       {"id": "T", "name": "t two", "role": "micro", "segment": "up", "first_pass_yield": 0.95, "issues": [{"code": "Q", "severity": 2}]},
       {"id": "U", "name": "u", "role": "micro", "segment": "up", "first_pass_yield": 0.95, "issues": [{"code": "P", "severity": 3}]},
       {"id": "LB", "name": "lb", "role": "chain_leader", "segment": "down", "first_pass_yield": 0.98})",
    R"({"supplier": "S", "customer": "LB"}, {"supplier": "T", "customer": "LB"}, {"supplier": "U", "customer": "LB"})",
    R"({"code": "P", "name": "paperwork", "category": "method", "yield_loss": 0.05}, {"code": "Q", "name": "quality staff", "category": "man", "yield_loss": 0.05})");
const std::string kC = chain("c",
    R"({"id": "X", "name": "x", "role": "small", "segment": "up", "first_pass_yield": 0.9}, {"id": "LC", "name": "lc", "role": "chain_leader", "first_pass_yield": 0.97})",
    R"({"supplier": "X", "customer": "LC"})", "");

TEST(Portfolio, SharedFirmsByIdWithNameCheck) {
  const Fixture f({kA, kB, kC});
  const PortfolioResult r = f.run();
  ASSERT_EQ(r.shared_firms.size(), 2u);
  EXPECT_EQ(r.shared_firms[0].id, "S");
  EXPECT_TRUE(r.shared_firms[0].same_name);
  EXPECT_EQ(r.shared_firms[0].in, (std::vector<std::pair<std::uint32_t, FirmId>>{{0, 0}, {1, 0}}));
  EXPECT_EQ(r.shared_firms[1].id, "T");
  EXPECT_FALSE(r.shared_firms[1].same_name);
  // What S supplies in each chain.
  EXPECT_EQ(customers_text(f.graphs[0], 0), "la");
  EXPECT_EQ(customers_text(f.graphs[1], 0), "lb");
}

TEST(Portfolio, IssuesSharedOnlyUnderTheSameName) {
  const Fixture f({kA, kB, kC});
  const PortfolioResult r = f.run();
  ASSERT_EQ(r.shared_issues.size(), 1u);
  EXPECT_EQ(r.shared_issues[0].code, "P");
  EXPECT_EQ(r.shared_issues[0].name, "paperwork");
  EXPECT_EQ(r.shared_issues[0].chains, (std::vector<std::uint32_t>{0, 1}));
  EXPECT_EQ(r.shared_issues[0].firms, (std::vector<std::uint32_t>{1, 2}));
  double gain = 0;
  for (int i = 0; i < 2; ++i)
    for (const IssueImpact& x : f.quality[i].issues)
      if (f.graphs[i].issues()[x.issue].code == "P") gain += x.total_gain;
  EXPECT_GT(gain, 0);
  EXPECT_DOUBLE_EQ(r.shared_issues[0].gain, gain);
  EXPECT_EQ(r.code_clashes, std::vector<std::string>{"Q"});
}

TEST(Portfolio, ChainRowsAndCategories) {
  const Fixture f({kA, kB, kC});
  const PortfolioResult r = f.run();
  ASSERT_EQ(r.chains.size(), 3u);
  EXPECT_EQ(r.chains[1].firms, 4u);
  EXPECT_NEAR(r.chains[0].mean_yield, (0.9 + 0.8 + 0.99) / 3, 1e-12);
  ASSERT_EQ(r.chains[0].leaders.size(), 1u);
  EXPECT_NEAR(r.chains[0].leaders[0].second, f.quality[0].leader_quality[0].delivered_yield, 0);
  EXPECT_EQ(r.chains[0].category_pairs[static_cast<int>(IssueCategory::method)], 1u);
  EXPECT_EQ(r.chains[1].category_pairs[static_cast<int>(IssueCategory::method)], 2u);
  // method (P) and man (Q) are the two sources in a and b; c has no issues at all.
  EXPECT_EQ(r.categories[static_cast<int>(IssueCategory::method)].chains, (std::vector<std::uint32_t>{0, 1}));
  EXPECT_EQ(r.categories[static_cast<int>(IssueCategory::man)].chains, (std::vector<std::uint32_t>{0, 1}));
  EXPECT_TRUE(r.categories[static_cast<int>(IssueCategory::material)].chains.empty());
}

TEST(Portfolio, RegionIndustryGrid) {
  std::string b = kB, c = kC;
  b.replace(b.find(R"("name": "b"})"), 12, R"("name": "b", "region": "R2", "industry": "I1"})");
  c.replace(c.find(R"("name": "c"})"), 12, R"("name": "c", "region": "R2", "industry": "I2"})");
  const Fixture f({kA, b, c});
  const RegionIndustryGrid grid = region_industry_grid(f.chains);
  EXPECT_EQ(grid.regions, (std::vector<std::string>{"", "R2"}));
  EXPECT_EQ(grid.industries, (std::vector<std::string>{"", "I1", "I2"}));
  EXPECT_EQ(grid.cell[0][0], std::vector<std::uint32_t>{0});
  EXPECT_EQ(grid.cell[1][1], std::vector<std::uint32_t>{1});
  EXPECT_EQ(grid.cell[1][2], std::vector<std::uint32_t>{2});
  EXPECT_TRUE(grid.cell[0][1].empty());
  EXPECT_EQ(grid_cell_text(f.chains, f.run(), grid.cell[1][2], Lang::en), "c 2 firms 93.5%");
}

TEST(Portfolio, RefusesTheSameChainTwice) {
  const Fixture f({kA, kA});
  EXPECT_THROW(f.run(), UsageError);
}

TEST(Portfolio, JsonIsStable) {
  const Fixture f({kA, kB, kC});
  const std::string j = portfolio_json(f.chains, f.run());
  EXPECT_EQ(j, portfolio_json(f.chains, f.run()));
  for (const char* k : {"\"shared_issues\"", "\"code_clashes\"", "\"shared_categories\"", "\"shared_firms\"", "\"same_name\": false"})
    EXPECT_NE(j.find(k), std::string::npos) << k;
}

}  // namespace
