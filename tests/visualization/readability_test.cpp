// What a person sees: the fishbone's geometry, wrapped names, text contrast against its fill in the
// rendered SVG of every view of every pilot, one meaning per mark, the legends.
#include <rapidjson/document.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <random>
#include <regex>
#include <set>

#include "../support/test_support.hpp"
#include "view_measures.hpp"
#include "qchain/engine/io/scenario_reader.hpp"
#include "qchain/engine/programme/firm_grading.hpp"
#include "qchain/engine/production/production_cascade.hpp"
#include "qchain/engine/scenario/scenario.hpp"
#include "qchain/engine/structure/structure_analysis.hpp"
#include "qchain/engine/programme/chain_comparison.hpp"
#include "qchain/report/labels.hpp"
#include "qchain/visualization/chain_map.hpp"
#include "qchain/visualization/colour.hpp"
#include "qchain/visualization/fishbone.hpp"
#include "qchain/visualization/graphviz_renderer.hpp"
#include "qchain/visualization/issue_map.hpp"
#include "qchain/visualization/overview_map.hpp"
#include "qchain/visualization/portfolio_map.hpp"
#include "qchain/engine/programme/portfolio.hpp"
#include "qchain/graphs/strong_components.hpp"
#include "qchain/visualization/progress_chart.hpp"
#include "qchain/engine/quality/defect_propagation.hpp"
#include "qchain/engine/scenario/whatif.hpp"

namespace {

using namespace qchain;
using namespace qchain::graphs;
using namespace qchain::visualization;
using test::low_contrast_texts;
using test::measure_in_chromium;

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

TEST(Text, WrappingLosesNothingWhateverTheBytes) {
  std::mt19937 rng(7);
  const char* pieces[] = {"甲", "）", "，", " ", "\n", "ab", "\xE4\xB8", "\xFF", "x", "…", "12", "（"};
  for (int round = 0; round < 2000; ++round) {
    std::string text;
    for (int k = static_cast<int>(rng() % 40); k > 0; --k) text += pieces[rng() % std::size(pieces)];
    std::string joined;
    for (const std::string& l : wrap_lines(text, 1 + rng() % 14)) joined += l;
    std::string expected;
    for (char c : text)
      if (c != ' ' && c != '\n') expected += c;
    joined.erase(std::remove(joined.begin(), joined.end(), ' '), joined.end());
    ASSERT_EQ(joined, expected) << text;
  }
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
    EXPECT_NE(node(d, id).label.find(report::category_label(static_cast<IssueCategory>(c), report::Lang::zh)), std::string::npos);
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
  o.lang = report::Lang::en;
  const Diagram d = fishbone(g, q, 0, o);
  EXPECT_NE(node(d, "unexplained").label.find("not attributed 100.0%"), std::string::npos);
  EXPECT_NE(node(d, "bone0_none").label.find("no issue recorded"), std::string::npos);
  EXPECT_NE(render(d, Format::svg).find("Measurement"), std::string::npos);
}

// ---- one meaning per mark ---------------------------------------------------------------------

TEST(Marks, LeadersCriticalSuppliersAndTopRisksAreToldApart) {
  const Pilot& p = shangyu();
  MapOptions mo;
  mo.quality = &p.q;
  mo.critical = &p.st.critical;
  const Diagram d = chain_map(p.g, mo);
  std::set<FirmId> critical;
  for (const auto& l : p.st.critical.leaders)
    for (const auto& c : l.suppliers) critical.insert(c.firm);
  std::size_t risk_marks = 0, vermillion = 0;
  for (const DiagramNode& n : d.nodes) {
    if (n.id[0] != 'f') continue;
    const FirmId v = static_cast<FirmId>(std::stoul(n.id.substr(1)));
    const bool leader = p.g.firm(v).role == Role::chain_leader;
    const std::string& frame = n.attributes.at("color");
    if (critical.count(v)) EXPECT_EQ(frame, okabe_ito::vermillion) << n.id;
    else if (leader) EXPECT_EQ(frame, "#000000") << n.id;
    else EXPECT_EQ(frame, "#666666") << n.id;
    vermillion += frame == okabe_ito::vermillion;
    if (leader) {
      EXPECT_EQ(n.attributes.at("penwidth"), "4");
      EXPECT_NE(n.label.find("<B>"), std::string::npos);
    }
    const bool marked = n.label.find("▲") != std::string::npos;
    risk_marks += marked;
    std::vector<FirmId> others;  // the risk ranking without the leaders
    for (FirmId u : p.q.risk_ranking)
      if (p.g.firm(u).role != Role::chain_leader) others.push_back(u);
    const auto rank = std::find(others.begin(), others.end(), v) - others.begin();
    EXPECT_EQ(marked, !leader && rank < 5) << n.id;
    if (marked) {
      EXPECT_NE(n.label.find("质量风险第 " + std::to_string(rank + 1) + " 位"), std::string::npos) << n.label;
    }
  }
  EXPECT_EQ(risk_marks, 5u);  // only the top few
  EXPECT_EQ(vermillion, critical.size());
  EXPECT_LT(vermillion + risk_marks + p.g.leaders().size(), p.g.firm_count() / 3);
  const std::string legend = node(d, "legend").label;
  for (const char* says : {"链主企业", "关键供应商", "链主以外质量风险指数前 5 名", "非必需投入", "≥ 99%", "未知"})
    EXPECT_NE(legend.find(says), std::string::npos) << says;
}

TEST(Marks, PalettesAreColourBlindSafe) {
  // The yield scale is sequential: luminance rises with yield, so it reads in grey and with any colour vision.
  const LegendRows rows = yield_legend_rows();
  for (std::size_t k = 1; k < rows.size(); ++k)
    EXPECT_GT(relative_luminance(*parse_colour(rows[k - 1].first)), relative_luminance(*parse_colour(rows[k].first)) + 0.03) << rows[k].second;
  // Grades: Okabe–Ito colours, not shades of one hue.
  const Pilot& p = shangyu();
  const engine::GradingResult grades = engine::grade_firms(p.g, engine::default_rubric());
  MapOptions mo;
  mo.grades = &grades;
  const Diagram d = chain_map(p.g, mo);
  std::set<std::string> fills;
  for (const DiagramNode& n : d.nodes)
    if (n.id[0] == 'f') fills.insert(n.attributes.at("fillcolor"));
  for (const std::string& f : fills)
    EXPECT_TRUE(f == okabe_ito::orange || f == okabe_ito::sky_blue || f == okabe_ito::bluish_green) << f;
  EXPECT_GE(fills.size(), 2u);
  EXPECT_NE(node(d, "legend").label.find(okabe_ito::bluish_green), std::string::npos);
}

// ---- contrast of every text in every view ------------------------------------------------------

TEST(Contrast, TheCheckFindsDarkTextOnMaroon) {
  const std::string svg = R"(<svg><g id="graph0" class="graph"><polygon fill="white" points="0,0 0,-100 100,-100 100,0 0,0"/>
<g id="node1" class="node"><path fill="#67000d" stroke="black" d="M10,-10C10,-10 60,-10 60,-10 60,-40 10,-40 10,-10"/>
<text text-anchor="middle" x="35" y="-20" font-size="10.00">stopped</text></g>
<g id="node2" class="node"><text text-anchor="middle" x="80" y="-60" font-size="10.00" fill="#ffffff">white on white</text></g>
<g id="node3" class="node"><path fill="#67000d" d="M10,-60C10,-60 60,-60 60,-60 60,-90 10,-90 10,-60"/>
<text text-anchor="middle" x="35" y="-70" font-size="10.00" fill="#ffffff">fine</text></g></g></svg>)";
  std::size_t texts = 0;
  const std::vector<std::string> bad = low_contrast_texts(svg, &texts);
  EXPECT_EQ(texts, 3u);
  ASSERT_EQ(bad.size(), 2u) << ::testing::PrintToString(bad);
  EXPECT_EQ(bad[0].rfind("stopped", 0), 0u);
  EXPECT_EQ(bad[1].rfind("white on white", 0), 0u);
}

// Every view of one pilot: the map by yield, by grade, by the change since its baseline; a map per
// scenario; the issue map; a fishbone per leader; the before/after chart; the overview and its drill-downs.
class EveryView : public ::testing::TestWithParam<std::string> {};

// (name, SVG) of every view of the pilot `name`; with `check`, also the wrapping and the check's own sanity.
std::vector<std::pair<std::string, std::string>> every_view(const std::string& name, bool check) {
  const Pilot p(test::source_path("data/pilots/" + name + ".json"));
  std::vector<std::pair<std::string, std::string>> views;  // (name, svg)
  MapOptions mo;
  mo.quality = &p.q;
  mo.critical = &p.st.critical;
  const Diagram map = chain_map(p.g, mo);
  views.emplace_back("map", render(map, Format::svg));
  if (check) {
    // Names wrap: no line of a firm's label wider than about 12 CJK characters.
    static const std::regex cell("<TD[^>]*>(.*?)</TD>"), markup("<[^>]*>");
    for (const DiagramNode& n : map.nodes) {
      if (n.id[0] != 'f') continue;
      for (auto it = std::sregex_iterator(n.label.begin(), n.label.end(), cell); it != std::sregex_iterator(); ++it) {
        const std::string text = std::regex_replace((*it)[1].str(), markup, "");
        EXPECT_LE(text_em(text), kWrapEm + 0.01) << n.id << ": " << text;
      }
    }
    // The check sees the real fills: the same map with its white text made black fails it.
    std::string blackened = views.back().second;
    for (std::size_t at; (at = blackened.find("fill=\"#ffffff\">")) != std::string::npos;) blackened.replace(at, 15, "fill=\"#000000\">");
    EXPECT_GT(low_contrast_texts(blackened).size(), 10u);
  }
  const engine::GradingResult grades = engine::grade_firms(p.g, engine::default_rubric());
  MapOptions go = mo;
  go.grades = &grades;
  views.emplace_back("grade map", render(chain_map(p.g, go), Format::svg));
  const std::string before_file = test::source_path("data/pilots/" + name + ".before.json");
  if (std::filesystem::exists(before_file)) {
    const ChainGraph before = require_chain(load_chain(before_file));
    const engine::ChainComparison c = engine::compare_chains(before, p.g);
    const std::vector<double> change = engine::delivered_yield_change(c, p.g.firm_count());
    MapOptions co = mo;
    co.change = &change;
    co.change_title = "change";
    views.emplace_back("change map", render(chain_map(p.g, co), Format::svg));
    views.emplace_back("progress chart", progress_chart_svg(before, p.g, c, report::Lang::zh));
  }
  const engine::DefectPropagator prop(p.g, p.st.components);
  const engine::ProductionModel production(p.g);
  for (const auto& e : std::filesystem::directory_iterator(test::source_path("data/scenarios"))) {
    const std::string file = e.path().filename().string();
    if (file.rfind(name + "--", 0) != 0) continue;
    const engine::Scenario s = engine::load_scenario(e.path().string(), p.g);
    const engine::WhatIfResult r = engine::run_whatif(prop, engine::quality_baseline(prop), production, s);
    MapOptions so = mo;
    so.scenario = &r;
    views.emplace_back("scenario " + file, render(chain_map(p.g, so), Format::svg));
  }
  views.emplace_back("issue map", render(issue_map(p.g, p.q, {}), Format::svg));
  for (std::size_t li = 0; li < p.q.leaders.size(); ++li) views.emplace_back("fishbone " + std::to_string(li), render(fishbone(p.g, p.q, li, {}), Format::svg));
  // The overview, whole and drilled into each segment (at pilot size a segment is drawn firm by firm).
  views.emplace_back("overview", render(overview_map(p.g, {}), Format::svg));
  for (std::uint32_t k = 0; k < p.g.segments().size(); ++k) {
    OverviewOptions oo;
    oo.segment = k;
    views.emplace_back("overview of segment " + p.g.segments()[k].id, render(overview_map(p.g, oo), Format::svg));
  }
  return views;
}

TEST_P(EveryView, EveryTextContrastsWithItsFill) {
  const std::vector<std::pair<std::string, std::string>> views = every_view(GetParam(), true);
  for (const auto& [name, svg] : views) {
    std::size_t texts = 0;
    const std::vector<std::string> bad = low_contrast_texts(svg, &texts);
    EXPECT_GT(texts, 5u) << name;
    EXPECT_EQ(svg.find("&lt;BR"), std::string::npos) << name << ": label markup drawn as text";
    EXPECT_TRUE(bad.empty()) << name << ": " << bad.size() << " texts below " << kMinContrast << ":1, e.g. " << bad.front();
  }
}

TEST(Contrast, PortfolioMap) {
  std::vector<ChainGraph> graphs;
  for (const char* f : {"data/portfolio/yuhuatai-software.json", "data/portfolio/deqing-geoinfo.json"})
    graphs.push_back(require_chain(load_chain(test::source_path(f))));
  report::ChainList chains;
  std::vector<engine::QualityAnalysis> quality;
  quality.reserve(graphs.size());
  std::vector<const engine::QualityAnalysis*> qs;
  for (const ChainGraph& g : graphs) {
    chains.push_back(&g);
    quality.push_back(engine::analyze_quality(g, strong_components(g)));
    qs.push_back(&quality.back());
  }
  const std::string svg = render(portfolio_map(chains, engine::build_portfolio(chains, qs), {}), Format::svg);
  std::size_t texts = 0;
  const std::vector<std::string> bad = low_contrast_texts(svg, &texts);
  EXPECT_GT(texts, 10u);
  EXPECT_TRUE(bad.empty()) << bad.size() << " texts below " << kMinContrast << ":1, e.g. " << bad.front();
}

// ---- text boxes as Chromium lays them out (view_measures.hpp) -----------------------------------------

TEST(Browser, TheMeasureFindsCollisions) {
  const std::string svg = R"(<svg xmlns="http://www.w3.org/2000/svg" width="300" height="100" font-family="Noto Sans CJK SC">
<text x="10" y="30" font-size="12">甲乙丙丁戊己庚</text><text x="40" y="34" font-size="12">子丑寅卯</text>
<g class="node"><title>f1</title><polygon fill="#ffffff" stroke="black" points="150,50 190,50 190,70 150,70 150,50"/><text x="155" y="65" font-size="12">很长很长的名称</text></g>
<text x="10" y="80" font-size="12">上一行</text><text x="10" y="96" font-size="12">下一行</text></svg>)";
  const auto r = measure_in_chromium({{"sample", svg}});
  if (!r) GTEST_SKIP() << "chromium is not installed (scripts/setup installs it)";
  const std::vector<std::string>& problems = r->first;
  ASSERT_EQ(problems.size(), 2u) << ::testing::PrintToString(problems);
  EXPECT_NE(problems[0].find("overlaps"), std::string::npos);
  EXPECT_NE(problems[1].find("leaves its node"), std::string::npos);
  EXPECT_EQ(r->second.at("sample"), 5);
}

TEST_P(EveryView, NoTextCollidesInChromium) {
  const std::vector<std::pair<std::string, std::string>> views = every_view(GetParam(), false);
  const auto r = measure_in_chromium(views);
  if (!r) GTEST_SKIP() << "chromium is not installed (scripts/setup installs it)";
  EXPECT_TRUE(r->first.empty()) << r->first.size() << " problems, e.g. " << ::testing::PrintToString(std::vector<std::string>(
                                                                            r->first.begin(), r->first.begin() + std::min<std::size_t>(10, r->first.size())));
  for (const auto& view : views) {
    const auto it = r->second.find(view.first);
    EXPECT_TRUE(it != r->second.end() && it->second > 5) << view.first;
  }
}

INSTANTIATE_TEST_SUITE_P(Pilots, EveryView,
                         ::testing::Values("anping-wire-mesh", "fengxian-nev", "huangpu-smart-equipment", "shangyu-umbrella", "shaxian-snacks",
                                           "wuxing-childrens-clothing"),
                         [](const auto& info) {
                           std::string n = info.param;
                           std::replace(n.begin(), n.end(), '-', '_');
                           return n;
                         });

}  // namespace
