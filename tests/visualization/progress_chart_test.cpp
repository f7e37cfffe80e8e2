#include "qchain/visualization/progress_chart.hpp"

#include <regex>

#include "../support/test_support.hpp"

namespace {

using namespace qchain;
using namespace qchain::graphs;
using namespace qchain::visualization;
using report::Lang;

// Thirteen issue codes: Q00 affects both suppliers before, the others one each; the leader's name is markup.
std::string snapshot(const char* as_of, double yield_a, bool assisted) {
  std::string issues, firm_issues;
  for (int k = 0; k < 13; ++k) {
    const std::string code = "Q" + std::string(k < 10 ? "0" : "") + std::to_string(k);
    issues += std::string(k ? ", " : "") + R"({"code": ")" + code + R"(", "name": "问题)" + std::to_string(k) + R"(", "category": "man"})";
    firm_issues += std::string(k ? ", " : "") + R"({"code": ")" + code + R"(", "severity": 1})";
  }
  return std::string(R"({"format": "qchain-chain/1", "chain": {"id": "p", "name": "P", "as_of": ")") + as_of + R"("},
    "issues": [)" + issues + R"(],
    "firms": [{"id": "A", "name": "甲", "role": "micro", "first_pass_yield": )" + std::to_string(yield_a) +
         (assisted ? R"(, "assisted": {"by": "o", "since": "2024-09-01", "programme": "p"})" : "") + R"(, "issues": [)" + firm_issues + R"(]},
              {"id": "B", "name": "乙", "role": "small", "first_pass_yield": 0.9, "issues": [{"code": "Q00", "severity": 2}]},
              {"id": "L", "name": "<链主>", "role": "chain_leader", "first_pass_yield": 0.98}],
    "links": [{"supplier": "A", "customer": "L"}, {"supplier": "B", "customer": "L"}]})";
}

struct Fixture {
  ChainGraph before = test::load_text(snapshot("2024-06-30", 0.80, false));
  ChainGraph after = test::load_text(snapshot("2025-06-30", 0.90, true));
  engine::ChainComparison c = engine::compare_chains(before, after);
};

std::size_t count(const std::string& s, const std::regex& re) {
  return static_cast<std::size_t>(std::distance(std::sregex_iterator(s.begin(), s.end(), re), std::sregex_iterator()));
}

TEST(ProgressChart, ThreePanelsOfOneSelfContainedSvg) {
  const Fixture f;
  const std::string svg = progress_chart_svg(f.before, f.after, f.c, Lang::zh);
  EXPECT_EQ(svg.rfind("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"900\" height=\"", 0), 0u);
  EXPECT_EQ(svg.substr(svg.size() - 7), "</svg>\n");
  std::smatch m;
  ASSERT_TRUE(std::regex_search(svg, m, std::regex("height=\"([0-9]+)\" viewBox=\"0 0 900 ([0-9]+)\"")));
  EXPECT_EQ(m[1], m[2]);
  for (const char* title : {">提升行动前后对比 2024-06-30 → 2025-06-30</text>", ">链主企业交付合格率</text>",
                            ">一次合格率平均变化（百分点）</text>", ">共性质量问题涉及企业数</text>", ">之前 2024-06-30</text>",
                            ">受帮扶企业 1</text>", ">其他企业 2</text>"})  // the leader too
    EXPECT_NE(svg.find(title), std::string::npos) << title << "\n" << svg;
  EXPECT_NE(svg.find(">&lt;链主&gt;</text>"), std::string::npos);  // a name is text
  EXPECT_EQ(svg.find("<链主>"), std::string::npos);
  EXPECT_EQ(count(svg, std::regex("width=\"-")), 0u);  // no bar of negative width
  EXPECT_EQ(svg, progress_chart_svg(f.before, f.after, f.c, Lang::zh));
}

// At most twelve issue codes, the most widespread in either snapshot first.
TEST(ProgressChart, TwelveIssuesAtMostTheWidespreadFirst) {
  const Fixture f;
  const std::string svg = progress_chart_svg(f.before, f.after, f.c, Lang::en);
  EXPECT_EQ(count(svg, std::regex(">Q[0-9]{2} 问题[0-9]+</text>")), 12u);
  EXPECT_NE(svg.find(">Q00 问题0</text>"), std::string::npos);
  EXPECT_NE(svg.find(">Firms affected by each shared issue</text>"), std::string::npos);
  EXPECT_NE(svg.find(">before 2024-06-30</text>"), std::string::npos);
}

// The assisted firm gained ten points, the other none.
TEST(ProgressChart, ChangesAreSignedPoints) {
  const Fixture f;
  const std::string svg = progress_chart_svg(f.before, f.after, f.c, Lang::en);
  EXPECT_NE(svg.find(">+10.00</text>"), std::string::npos) << svg;
  EXPECT_NE(svg.find(">0.00</text>"), std::string::npos);
}

}  // namespace
