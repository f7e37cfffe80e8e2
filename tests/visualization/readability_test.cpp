// What a person sees: the fishbone's geometry, wrapped names, text contrast against its fill in the
// rendered SVG of every view of every pilot, one meaning per mark, the legends.
#include <rapidjson/document.h>

#include <cmath>
#include <filesystem>
#include <map>
#include <optional>
#include <regex>

#include "../support/test_support.hpp"
#include "qchain/engine/firm_grading.hpp"
#include "qchain/engine/production_cascade.hpp"
#include "qchain/engine/scenario.hpp"
#include "qchain/engine/structure_analysis.hpp"
#include "qchain/engine/chain_comparison.hpp"
#include "qchain/engine/summary_report.hpp"
#include "qchain/visualization/chain_map.hpp"
#include "qchain/visualization/colour.hpp"
#include "qchain/visualization/fishbone.hpp"
#include "qchain/visualization/graphviz_renderer.hpp"
#include "qchain/visualization/issue_map.hpp"

namespace {

using namespace qchain;
using namespace qchain::graphs;
using namespace qchain::visualization;

struct Pilot {
  ChainGraph g;
  engine::StructureAnalysis st;
  engine::QualityAnalysis q;
  explicit Pilot(const std::string& file)
      : g(require_chain(load_chain(file))), st(analyze_st(g)), q(engine::analyze_quality(g, st.components)) {}
  static engine::StructureAnalysis analyze_st(const ChainGraph& g) {
    engine::StructureOptions so;
    so.betweenness = false;
    return engine::analyze_structure(g, so);
  }
};

const Pilot& shangyu() {
  static const Pilot p(test::source_path("data/pilots/shangyu-umbrella.json"));
  return p;
}

const DiagramNode& node(const Diagram& d, const std::string& id) {
  const auto it = std::find_if(d.nodes.begin(), d.nodes.end(), [&](const DiagramNode& n) { return n.id == id; });
  if (it == d.nodes.end()) throw std::runtime_error("no node " + id);
  return *it;
}

std::pair<double, double> pos_of(const DiagramNode& n) {
  const std::string& p = n.attributes.at("pos");
  return {std::stod(p.substr(0, p.find(','))), std::stod(p.substr(p.find(',') + 1))};
}

// ---- text helpers -----------------------------------------------------------------------------

TEST(Text, WrapsAtAboutTwelveCjkCharacters) {
  const std::vector<std::string> lines = wrap_lines("外协加工（共富工坊）质量要求传递不到位有限公司");
  ASSERT_GE(lines.size(), 2u);
  for (const std::string& l : lines) EXPECT_LE(text_em(l), kWrapEm) << l;
  std::string joined;
  for (const std::string& l : lines) joined += l;
  EXPECT_EQ(joined, "外协加工（共富工坊）质量要求传递不到位有限公司");
  // Balanced: no line of one character; closing punctuation never starts a line.
  for (const std::string& l : wrap_lines("抗风及开合寿命测试能力不足")) EXPECT_GT(text_em(l), 2.0) << l;
  for (const std::string& l : wrap_lines("一二三四五六七八九十一二）三四")) EXPECT_NE(l.rfind("）", 0), 0u) << l;
  // Latin words are not split, spaces are where lines break.
  const std::vector<std::string> en = wrap_lines("Zhejiang Shangyu Umbrella Frame Manufacturing Company", 12);
  ASSERT_GE(en.size(), 3u);
  EXPECT_EQ(en[0], "Zhejiang Shangyu");
  for (const std::string& l : en) EXPECT_LE(text_em(l), 12.0) << l;
  // Short text stays one line; a cap on lines ends with an ellipsis.
  EXPECT_EQ(wrap_lines("上虞伞件"), std::vector<std::string>{"上虞伞件"});
  const std::vector<std::string> two = wrap_lines("一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十", 12, 2);
  ASSERT_EQ(two.size(), 2u);
  EXPECT_EQ(two[1].substr(two[1].size() - 3), "…");
  EXPECT_EQ(wrapped("甲<乙>\n丙"), "甲&lt;乙&gt;<BR/>丙");
}

TEST(Text, ContrastFollowsWcag) {
  EXPECT_NEAR(contrast_ratio(*parse_colour("#000000"), *parse_colour("#ffffff")), 21.0, 1e-9);
  EXPECT_NEAR(contrast_ratio(*parse_colour("#777777"), *parse_colour("#ffffff")), 4.48, 0.01);  // the classic just-failing grey
  EXPECT_NEAR(relative_luminance(*parse_colour("#fff")), 1.0, 1e-12);
  EXPECT_FALSE(parse_colour("none"));
  EXPECT_FALSE(parse_colour("#12345"));
  EXPECT_STREQ(text_colour_on("#67000d"), "#ffffff");  // the scenario map's stopped maroon
  EXPECT_STREQ(text_colour_on("#fde0dd"), "#000000");
  EXPECT_STREQ(text_colour_on("#440154"), "#ffffff");
}

// ---- the fishbone -----------------------------------------------------------------------------

TEST(Fishbone, IsAnIshikawaDiagram) {
  const Pilot& p = shangyu();
  const Diagram d = fishbone(p.g, p.q, 0, {});
  EXPECT_EQ(d.graph.at("layout"), "nop2");
  for (const DiagramNode& n : d.nodes) EXPECT_TRUE(n.attributes.count("pos")) << n.id;
  // The head on the right of everything, on the spine.
  const auto head = pos_of(node(d, "head"));
  EXPECT_DOUBLE_EQ(head.second, 0);
  for (const DiagramNode& n : d.nodes)
    if (n.id != "head" && n.id != "spine_head") {
      EXPECT_LT(pos_of(n).first, head.first) << n.id;
    }
  // Six bones in 人机料法测环 order alternating above and below, each leaning back from the spine.
  const engine::LeaderQuality& lq = p.q.leader_quality[0];
  double sum = lq.unexplained;
  for (int c = 0; c < 6; ++c) {
    const std::string id = "bone" + std::to_string(c);
    const auto end = pos_of(node(d, id + "_end"));
    EXPECT_EQ(end.second > 0, c % 2 == 0) << id;
    const auto it = std::find_if(d.edges.begin(), d.edges.end(), [&](const DiagramEdge& e) { return e.head == id + "_end"; });
    ASSERT_NE(it, d.edges.end());
    const auto start = pos_of(node(d, it->tail));
    EXPECT_DOUBLE_EQ(start.second, 0);
    EXPECT_NEAR((start.first - end.first) / std::fabs(end.second), 1 / std::sqrt(3.0), 1e-3);  // 60°
    EXPECT_NE(node(d, id).label.find(engine::category_label(static_cast<IssueCategory>(c), engine::Lang::zh)), std::string::npos);
    for (std::uint32_t k = 0; k < p.g.issues().size(); ++k)
      if (static_cast<int>(p.g.issues()[k].category) == c) sum += lq.by_issue[k];
  }
  EXPECT_NEAR(sum, 1.0, 1e-9);  // six bones + the unattributed part: all of the leader's delivered defects
  EXPECT_NE(node(d, "unexplained").label.find("未归因"), std::string::npos);
  // Each cause a horizontal rib; its code and name in separate rows of its label.
  std::size_t ribs = 0;
  for (const DiagramEdge& e : d.edges) {
    if (e.tail.size() < 2 || e.tail.substr(e.tail.size() - 2) != "_l") continue;
    ++ribs;
    EXPECT_DOUBLE_EQ(pos_of(node(d, e.tail)).second, pos_of(node(d, e.head)).second);
    const std::string label = node(d, e.tail.substr(0, e.tail.size() - 2)).label;
    const std::regex code_row("<TD ALIGN=\"LEFT\"><B>[A-Z]+-[0-9]+</B>  [<0-9.]+%</TD></TR><TR><TD ALIGN=\"LEFT\">[^<]");
    EXPECT_TRUE(std::regex_search(label, code_row)) << label;
  }
  std::size_t causes = 0;  // Shangyu has at most two issue codes per class: every one is a rib
  for (double x : lq.by_issue) causes += x > 0;
  EXPECT_EQ(ribs, causes);
  EXPECT_GE(ribs, 5u);
  // Wider with the share: the widest bone is the largest class.
  std::map<std::string, double> width;
  for (const DiagramEdge& e : d.edges)
    if (e.head.rfind("bone", 0) == 0 && e.head.size() > 4 && e.head.substr(e.head.size() - 4) == "_end") width[e.head] = std::stod(e.attributes.at("penwidth"));
  const auto widest = std::max_element(width.begin(), width.end(), [](auto& a, auto& b) { return a.second < b.second; });
  EXPECT_EQ(widest->first, "bone2_end");  // 料 is Shangyu's largest class
}

TEST(Fishbone, SameInSvgPngPdfAndNoTextCollides) {
  const Pilot& p = shangyu();
  for (std::size_t li = 0; li < p.q.leaders.size(); ++li) {
    const Diagram d = fishbone(p.g, p.q, li, {});
    EXPECT_NE(render(d, Format::svg).find("MAT&#45;01"), std::string::npos);
    EXPECT_EQ(render(d, Format::png).substr(1, 3), "PNG");
    EXPECT_EQ(render(d, Format::pdf).substr(0, 4), "%PDF");
    // Graphviz's own measure of every label (its real font metrics): no two text boxes overlap,
    // and no line crosses a text box other than the head's over the spine's end.
    rapidjson::Document j;
    const std::string json = render(d, Format::json);
    ASSERT_FALSE(j.Parse(json.c_str()).HasParseError());
    struct Box {
      std::string id;
      double x0, y0, x1, y1;
    };
    std::vector<Box> boxes;
    std::vector<std::pair<double, double>> at;
    for (const auto& o : j["objects"].GetArray()) {
      const std::string pos = o["pos"].GetString();
      const double x = std::stod(pos.substr(0, pos.find(','))), y = std::stod(pos.substr(pos.find(',') + 1));
      at.emplace_back(x, y);
      const double w = std::stod(o["width"].GetString()) * 72 / 2, h = std::stod(o["height"].GetString()) * 72 / 2;
      if (std::string(o["shape"].GetString()) != "point") boxes.push_back({o["name"].GetString(), x - w, y - h, x + w, y + h});
    }
    for (std::size_t a = 0; a < boxes.size(); ++a)
      for (std::size_t b = a + 1; b < boxes.size(); ++b) {
        const Box &u = boxes[a], &v = boxes[b];
        EXPECT_FALSE(u.x0 < v.x1 && v.x0 < u.x1 && u.y0 < v.y1 && v.y0 < u.y1) << u.id << " overlaps " << v.id;
      }
    for (const auto& e : j["edges"].GetArray()) {
      const auto [ax, ay] = at[e["tail"].GetUint()];
      const auto [bx, by] = at[e["head"].GetUint()];
      for (const Box& u : boxes) {
        if (u.id == "head") continue;
        // Sample the segment; a label keeps 1 pt clear of the line's centre.
        for (int s = 0; s <= 200; ++s) {
          const double x = ax + (bx - ax) * s / 200, y = ay + (by - ay) * s / 200;
          if (x > u.x0 + 1 && x < u.x1 - 1 && y > u.y0 + 1 && y < u.y1 - 1) {
            ADD_FAILURE() << "a line crosses " << u.id << " at " << x << "," << y;
            break;
          }
        }
      }
    }
  }
}

TEST(Fishbone, EnglishAndAChainWithoutIssues) {
  const ChainGraph g = test::load_text(R"({"format": "qchain-chain/1", "chain": {"id": "c", "name": "c"},
    "firms": [{"id": "A", "name": "A", "role": "micro", "first_pass_yield": 0.9},
              {"id": "L", "name": "Leader", "role": "chain_leader", "first_pass_yield": 0.99}],
    "links": [{"supplier": "A", "customer": "L", "input": "x"}]})");
  const engine::StructureAnalysis st = engine::analyze_structure(g);
  const engine::QualityAnalysis q = engine::analyze_quality(g, st.components);
  FishboneOptions o;
  o.lang = engine::Lang::en;
  const Diagram d = fishbone(g, q, 0, o);
  EXPECT_NE(node(d, "unexplained").label.find("not attributed 100.0%"), std::string::npos);
  EXPECT_NE(node(d, "bone0_none").label.find("no issue recorded"), std::string::npos);
  EXPECT_NE(render(d, Format::svg).find("Measurement"), std::string::npos);
}

}  // namespace
