// The trend chart: one series per leader, the mean yield and one per segment; a value missing in a
// snapshot breaks the line; both languages; the same trend gives the same bytes.
#include "qchain/visualization/trend_chart.hpp"

#include <memory>
#include <regex>

#include "../support/test_support.hpp"
#include "qchain/engine/context/analysis_context.hpp"

namespace {

using namespace qchain;
using namespace qchain::graphs;
using namespace qchain::visualization;
using report::Lang;

std::string snapshot(const char* as_of, const char* segments, const char* firms, const char* links) {
  return std::string(R"({"format": "qchain-chain/1", "chain": {"id": "c", "name": "c", "as_of": ")") + as_of +
         R"("}, "segments": [)" + segments + R"(], "firms": [)" + firms + R"(], "links": [)" + links + "]}";
}

const char* kTwo = R"({"id": "s1", "name": "上游", "order": 0}, {"id": "s2", "name": "下游", "order": 1})";

// 2023 and 2025: A upstream, leader L; 2024 adds segment s3 with N (no yield). 2025 adds leader L2.
struct Trend {
  std::vector<ChainGraph> chains;
  std::vector<std::unique_ptr<engine::AnalysisContext>> contexts;
  std::vector<const ChainGraph*> snapshots;
  engine::TrendResult t;
  Trend() {
    chains.push_back(test::load_text(snapshot("2023-06-30", kTwo,
        R"({"id": "A", "name": "a", "role": "micro", "segment": "s1", "first_pass_yield": 0.8},
           {"id": "L", "name": "甲链主", "role": "chain_leader", "segment": "s2", "first_pass_yield": 0.95})",
        R"({"supplier": "A", "customer": "L"})")));
    chains.push_back(test::load_text(snapshot("2024-06-30",
        R"({"id": "s1", "name": "上游", "order": 0}, {"id": "s2", "name": "下游", "order": 1}, {"id": "s3", "name": "新环节", "order": 2})",
        R"({"id": "A", "name": "a", "role": "micro", "segment": "s1", "first_pass_yield": 0.85},
           {"id": "N", "name": "n", "role": "micro", "segment": "s3"},
           {"id": "L", "name": "甲链主", "role": "chain_leader", "segment": "s2", "first_pass_yield": 0.96})",
        R"({"supplier": "A", "customer": "L"}, {"supplier": "N", "customer": "L"})")));
    chains.push_back(test::load_text(snapshot("2025-06-30", kTwo,
        R"({"id": "A", "name": "a", "role": "micro", "segment": "s1", "first_pass_yield": 0.9},
           {"id": "L", "name": "甲链主", "role": "chain_leader", "segment": "s2", "first_pass_yield": 0.96},
           {"id": "L2", "name": "乙链主", "role": "chain_leader", "segment": "s2", "first_pass_yield": 0.9})",
        R"({"supplier": "A", "customer": "L"}, {"supplier": "A", "customer": "L2"})")));
    std::vector<const engine::AnalysisContext*> ctx;
    for (const ChainGraph& g : chains) {
      contexts.push_back(std::make_unique<engine::AnalysisContext>(g));
      ctx.push_back(contexts.back().get());
      snapshots.push_back(&g);
    }
    t = engine::snapshot_trend(ctx);
  }
};

std::size_t count(const std::string& s, const std::string& re) {
  const std::regex r(re);
  return static_cast<std::size_t>(std::distance(std::sregex_iterator(s.begin(), s.end(), r), std::sregex_iterator()));
}

TEST(TrendChart, ASeriesPerLeaderTheMeanAndEachSegment) {
  const Trend f;
  ASSERT_EQ(f.t.leaders.size(), 2u);
  ASSERT_EQ(f.t.segments.size(), 3u);
  const std::string svg = trend_chart_svg(f.snapshots, f.t, Lang::zh);
  EXPECT_EQ(svg.rfind("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"900\" height=\"", 0), 0u);
  EXPECT_NE(svg.find("font-family=\"Noto Sans CJK SC, sans-serif\""), std::string::npos);
  EXPECT_EQ(svg.substr(svg.size() - 7), "</svg>\n");
  std::smatch m;
  ASSERT_TRUE(std::regex_search(svg, m, std::regex("height=\"([0-9]+)\" viewBox=\"0 0 900 ([0-9]+)\"")));
  EXPECT_EQ(m[1], m[2]);
  // Two leaders, the mean, three segments.
  EXPECT_EQ(count(svg, "<g class=\"series\">"), 6u);
  EXPECT_EQ(count(svg, "</g>"), 6u);
  // Lines: L, the mean, s1, s2 over three dates; L2 has one point, s3 none (N gives no yield).
  EXPECT_EQ(count(svg, "<polyline "), 4u);
  EXPECT_EQ(count(svg, "<circle "), 3u + 1u + 3u + 3u + 3u);
  for (const char* text : {">历次调查趋势 2023-06-30 → 2025-06-30</text>", ">链主企业交付合格率</text>",
                           ">一次合格率均值：全链与各环节</text>", ">调查日期</text>", ">2024-06-30</text>", ">新环节 -</text>",
                           ">全链一次合格率均值 ", "<title>乙链主</title>"})
    EXPECT_NE(svg.find(text), std::string::npos) << text;
  EXPECT_EQ(count(svg, ">调查日期</text>"), 2u);  // one x axis per panel
  EXPECT_EQ(svg, trend_chart_svg(f.snapshots, f.t, Lang::zh));
}

TEST(TrendChart, EnglishLabels) {
  const Trend f;
  const std::string svg = trend_chart_svg(f.snapshots, f.t, Lang::en);
  for (const char* text : {">Trend over the snapshots 2023-06-30 → 2025-06-30</text>", ">Mean first-pass yield: whole chain and each segment</text>",
                           ">Snapshot date</text>", "<title>甲链主</title>", ">Leaders' delivered yield</text>", "<title>Whole chain</title>", ">Legend (latest)</text>"})
    EXPECT_NE(svg.find(text), std::string::npos) << text;
  EXPECT_EQ(svg.find("调查日期"), std::string::npos);
}

// The yields panel's axis: its values run from 80 % (s1, 2023) to 96 % (s2, 2024), a span of 16
// points: steps of 5 % (16 / 2 = 8 steps of 2 % would be too many), from 75 % (a quarter step below 80 %)
// to 100 %.
TEST(TrendChart, AxisCoversTheValuesInStepsOfFivePercent) {
  const Trend f;
  const std::string svg = trend_chart_svg(f.snapshots, f.t, Lang::zh);
  const std::string segments = svg.substr(svg.find(">一次合格率均值：全链与各环节</text>"));
  std::vector<std::string> ticks;
  const std::regex tick(">([0-9]+)%</text>");
  for (auto it = std::sregex_iterator(segments.begin(), segments.end(), tick); it != std::sregex_iterator(); ++it) ticks.push_back((*it)[1]);
  // The ticks come first, then the legend's latest values (90.0 % and 93.0 % carry a decimal).
  EXPECT_EQ(ticks, (std::vector<std::string>{"75", "80", "85", "90", "95", "100"}));
}

}  // namespace

namespace {

// Delivered yields of 99.73 % and 99.90 %, a span of 0.17 points: steps of 0.1 % from 99.7 % (a
// quarter step below 99.73 %) to 100.0 %, so that the leaders' tenths of a point show.
TEST(TrendChart, TheLeadersAxisResolvesTenthsOfAPoint) {
  const Trend f;
  engine::TrendResult t;
  t.leaders = {"L"};
  t.segments = {"s1"};
  for (const auto& [as_of, leader] : {std::pair{"2024-06-30", 0.9973}, std::pair{"2025-06-30", 0.9990}}) {
    engine::TrendPoint p;
    p.as_of = as_of;
    p.mean_yield = 0.9;
    p.segment_yield = {0.9};
    p.leader_delivered = {leader};
    t.points.push_back(p);
  }
  const std::string svg = trend_chart_svg(f.snapshots, t, Lang::zh);
  const std::string leaders = svg.substr(0, svg.find(">一次合格率均值：全链与各环节</text>"));
  std::vector<std::string> ticks;
  const std::regex tick(">([0-9.]+)%</text>");
  for (auto it = std::sregex_iterator(leaders.begin(), leaders.end(), tick); it != std::sregex_iterator(); ++it) ticks.push_back((*it)[1]);
  EXPECT_EQ(ticks, (std::vector<std::string>{"99.7", "99.8", "99.9", "100.0"}));
  EXPECT_NE(leaders.find(">甲链主 99.90%</text>"), std::string::npos);
  EXPECT_EQ(count(svg, "<g class=\"series\">"), 3u);
}

}  // namespace
