#include <rapidjson/document.h>

#include <regex>

#include "../support/test_support.hpp"
#include "qchain/engine/structure/structure_analysis.hpp"
#include "qchain/report/labels.hpp"
#include "qchain/visualization/chain_map.hpp"
#include "qchain/visualization/fishbone.hpp"
#include "qchain/visualization/graphviz_renderer.hpp"
#include "qchain/visualization/issue_map.hpp"

namespace {

using namespace qchain;
using namespace qchain::graphs;
using namespace qchain::visualization;

// Names full of markup and DOT syntax, Chinese text and a newline.
const char* kHostile = R"({"format": "qchain-chain/1", "chain": {"id": "c", "name": "测试 <链> & \"链\""},
  "segments": [{"id": "s0", "name": "上游 {a|b}", "order": 0}, {"id": "s1", "name": "下游 \\N", "order": 1}],
  "issues": [{"code": "MAT-01", "name": "批次 <b>粗</b>", "category": "material", "yield_loss": 0.02}],
  "firms": [{"id": "A", "name": "甲 \"引号\" <b>&amp; \\l {x|y}\n第二行", "role": "micro", "segment": "s0", "first_pass_yield": 0.9,
             "issues": [{"code": "MAT-01", "severity": 2}]},
            {"id": "B", "name": "乙 ]; node [shape=star", "role": "small", "segment": "s0", "first_pass_yield": 0.95},
            {"id": "L", "name": "链主 \\G", "role": "chain_leader", "segment": "s1", "first_pass_yield": 0.99}],
  "links": [{"supplier": "A", "customer": "L", "input": "x"}, {"supplier": "B", "customer": "L", "input": "x"}]})";

struct Fixture {
  ChainGraph g = test::load_text(kHostile);
  engine::StructureAnalysis st = engine::analyze_structure(g);
  engine::QualityAnalysis q = engine::analyze_quality(g, st.components);
  Diagram map() const {
    MapOptions o;
    o.quality = &q;
    o.critical = &st.critical;
    return chain_map(g, o);
  }
};

TEST(Render, HostileNamesRenderLiterally) {
  const Fixture f;
  const std::string svg = render(f.map(), Format::svg);
  // Every character of the names arrives as text: markup escaped for XML, nothing interpreted.
  // (wrapped at about 12 CJK characters: the name arrives as two lines, broken at a space)
  EXPECT_NE(svg.find(">甲 &quot;引号&quot;</text>"), std::string::npos);
  EXPECT_NE(svg.find(">&lt;b&gt;&amp;amp; \\l {x|y}</text>"), std::string::npos);
  EXPECT_NE(svg.find("第二行"), std::string::npos);
  EXPECT_NE(svg.find("乙 ]; node [shape=star"), std::string::npos);
  EXPECT_NE(svg.find("链主 \\G"), std::string::npos);
  EXPECT_NE(svg.find("上游 {a|b}"), std::string::npos);
  EXPECT_NE(svg.find("测试 &lt;链&gt; &amp; &quot;链&quot;"), std::string::npos);
  EXPECT_EQ(svg.find("<b>"), std::string::npos);
  // In DOT the hostile name stays inside its HTML-like label; it adds no node and no attribute.
  const std::string dot = render(f.map(), Format::dot);
  EXPECT_NE(dot.find(">乙 ]; node [shape=star</TD>"), std::string::npos);
  EXPECT_EQ(dot.find("shape=star,"), std::string::npos);
  EXPECT_EQ(dot.find("shape=star]"), std::string::npos);
}

// cgraph interns equal strings once: a label equal to an attribute set before it (a tooltip) must
// still be read as an HTML-like label, not drawn with its markup as text.
TEST(Render, LabelEqualToATooltipStaysMarkup) {
  Diagram d;
  for (const char* id : {"a", "b"}) {
    DiagramNode n;
    n.id = id;
    n.label = "<B>粗体</B><BR/>第二行";
    n.attributes = {{"tooltip", n.label}, {"group", "<B>粗体</B>"}};
    d.nodes.push_back(n);
  }
  d.nodes[1].label = "<B>粗体</B>";  // equal to node a's group, interned plain before it
  const std::string svg = render(d, Format::svg);
  EXPECT_FALSE(std::regex_search(svg, std::regex("<text[^>]*>[^<]*&lt;"))) << svg;  // markup only in the tooltips
  EXPECT_NE(svg.find(">第二行</text>"), std::string::npos);
  EXPECT_NE(svg.find("font-weight=\"bold\""), std::string::npos);
}

TEST(Render, DeterministicSvgAndDot) {
  const Fixture f;
  EXPECT_EQ(render(f.map(), Format::svg), render(f.map(), Format::svg));
  EXPECT_EQ(render(f.map(), Format::dot), render(f.map(), Format::dot));
}

TEST(Render, EveryFormat) {
  const Fixture f;
  EXPECT_EQ(render(f.map(), Format::png).substr(1, 3), "PNG");
  EXPECT_EQ(render(f.map(), Format::pdf).substr(0, 4), "%PDF");
  rapidjson::Document d;
  const std::string json = render(f.map(), Format::json);
  EXPECT_FALSE(d.Parse(json.c_str()).HasParseError());
  EXPECT_THROW(parse_format("gif"), UsageError);
}

TEST(Render, MapMarksLeadersCriticalSuppliersAndLegend) {
  const Fixture f;
  const Diagram d = f.map();
  const auto node = [&](const std::string& id) {
    return *std::find_if(d.nodes.begin(), d.nodes.end(), [&](const DiagramNode& n) { return n.id == id; });
  };
  EXPECT_EQ(node("f2").attributes.at("penwidth"), "4");                   // the leader
  EXPECT_NE(node("f2").label.find("<B>"), std::string::npos);
  EXPECT_EQ(node("f0").attributes.at("fillcolor"), yield_colour(0.9));   // fill by first-pass yield
  EXPECT_NE(node("f0").attributes.at("tooltip").find("MAT-01"), std::string::npos);
  EXPECT_EQ(node("f0").rank, "s0");                                       // one column per segment
  EXPECT_EQ(node("f2").rank, "s1");
  EXPECT_NE(node("legend").label.find("一次合格率"), std::string::npos);
}

TEST(Render, FirmsWithoutASegmentAreLabelledAsEverywhereElse) {
  const ChainGraph g = test::load_text(R"({"format": "qchain-chain/1", "chain": {"id": "c", "name": "C"},
    "segments": [{"id": "s0", "name": "上游", "order": 0}],
    "firms": [{"id": "A", "name": "a", "role": "micro", "segment": "s0"}, {"id": "L", "name": "l", "role": "chain_leader"}],
    "links": [{"supplier": "A", "customer": "L"}]})");
  for (const report::Lang lang : {report::Lang::zh, report::Lang::en}) {
    MapOptions o;
    o.lang = lang;
    const Diagram d = chain_map(g, o);
    const auto none = std::find_if(d.clusters.begin(), d.clusters.end(), [](const DiagramCluster& c) { return c.id == "none"; });
    ASSERT_NE(none, d.clusters.end());
    EXPECT_EQ(none->label, "<B>" + html(report::segment_label(g, kNone, lang)) + "</B>");
  }
}

TEST(Render, BigChainsAreAggregatedAndFocusDrawsANeighbourhood) {
  test::TempDir dir;
  ASSERT_EQ(std::system((std::string(QCHAIN_GENERATE) + " --firms 3000 --seed 2 -o " + dir.file("g.json")).c_str()), 0);
  const ChainGraph g = require_chain(load_chain(dir.file("g.json")));
  const engine::StructureAnalysis st = engine::analyze_structure(g);
  const engine::QualityAnalysis q = engine::analyze_quality(g, st.components);
  MapOptions o;
  o.quality = &q;
  o.critical = &st.critical;
  o.max_nodes = 300;
  const Diagram d = chain_map(g, o);
  std::size_t firms = 0, groups = 0;
  for (const DiagramNode& n : d.nodes) firms += n.id[0] == 'f', groups += n.id[0] == 'g';
  EXPECT_GT(groups, 5u);
  EXPECT_LE(firms, 300u);
  for (FirmId l : g.leaders()) EXPECT_TRUE(std::any_of(d.nodes.begin(), d.nodes.end(), [&](const DiagramNode& n) { return n.id == "f" + std::to_string(l); }));
  EXPECT_NE(render(d, Format::svg).find("</svg>"), std::string::npos);
  o.focus = g.leaders()[0];
  o.depth = 1;
  const Diagram focus = chain_map(g, o);
  const SupplyNetwork& net = g.network();
  const std::size_t neighbourhood = 1 + (net.in_begin[*o.focus + 1] - net.in_begin[*o.focus]);
  EXPECT_LE(focus.nodes.size(), neighbourhood + 1);  // + the legend
}

TEST(Render, IssueMapAndFishbone) {
  const Fixture f;
  const std::string issues = render(issue_map(f.g, f.q, {}), Format::svg);
  EXPECT_NE(issues.find("MAT&#45;01"), std::string::npos);  // SVG writes - as &#45;
  EXPECT_NE(issues.find("批次 &lt;b&gt;粗&lt;/b&gt;"), std::string::npos);
  const std::string fish = render(fishbone(f.g, f.q, 0, {}), Format::svg);
  for (const char* rib : {"人", "机", "料", "法", "测", "环"}) EXPECT_NE(fish.find(std::string(">") + rib), std::string::npos) << rib;
  EXPECT_NE(fish.find("交付缺陷率"), std::string::npos);
}

}  // namespace
