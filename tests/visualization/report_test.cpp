// The HTML report (`qchain report`): its sections, its escaping and its determinism, from the
// analyses directly (tests/cli/ runs it end to end and opens it in a browser).
#include "qchain/visualization/report.hpp"

#include <regex>

#include "../support/test_support.hpp"
#include "qchain/engine/context/analysis_context.hpp"
#include "qchain/engine/quality/bottlenecks.hpp"
#include "qchain/engine/structure/structure_analysis.hpp"
#include "qchain/visualization/report_files.hpp"

namespace {

using namespace qchain;
using namespace qchain::graphs;
using namespace qchain::visualization;
using report::Lang;

// Markup and CSS-string syntax in every name the report shows.
const char* kChain = R"({"format": "qchain-chain/1",
  "chain": {"id": "c", "name": "</style><script>alert(\"链\")</script> \\ 链", "region": "安平县 & <b>", "as_of": "2024-06-30"},
  "segments": [{"id": "s0", "name": "上游 <i>", "order": 0}, {"id": "s1", "name": "整机", "order": 1}],
  "issues": [{"code": "MAT-01", "name": "批次 <b>粗</b>", "category": "material"}],
  "firms": [{"id": "A", "name": "甲 <img src=x>", "role": "micro", "segment": "s0", "first_pass_yield": 0.9,
             "issues": [{"code": "MAT-01", "severity": 2}]},
            {"id": "L", "name": "链主 & 子", "role": "chain_leader", "segment": "s1", "first_pass_yield": 0.99}],
  "links": [{"supplier": "A", "customer": "L", "input": "x"}]})";

struct Analysed {
  ChainGraph g = test::load_text(kChain);
  engine::ChainSummary summary = engine::summarize_chain(g);
  engine::StructureAnalysis st = engine::analyze_structure(g);
  engine::QualityAnalysis q = engine::analyze_quality(g, st.components);
  std::vector<engine::Bottleneck> bottlenecks = engine::find_bottlenecks(g, q, &st.critical);
  engine::Rubric rubric = engine::default_rubric();
  engine::GradingResult grades = engine::grade_firms(g, rubric);

  // What every report has; the optional sections are added by the tests.
  ReportInputs inputs(Lang lang) const {
    ReportInputs in;
    in.chain = &g;
    in.summary = &summary;
    in.quality = &q;
    in.bottlenecks = &bottlenecks;
    in.map_svg = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\">\n<svg id=\"map\"></svg>\n";
    in.issues_svg = "<svg id=\"issues\"></svg>";
    in.fishbone_svgs = {"<svg id=\"fishbone\"></svg>"};
    in.lang = lang;
    in.version = "9.9.9";
    return in;
  }
};

std::vector<std::string> headings(const std::string& html) {
  std::vector<std::string> out;
  static const std::regex h2("<h2>([^<]*)</h2>");
  for (auto it = std::sregex_iterator(html.begin(), html.end(), h2); it != std::sregex_iterator(); ++it) out.push_back((*it)[1]);
  return out;
}

TEST(HtmlReport, SectionsAreNumberedAsTheyCome) {
  const Analysed a;
  const ReportInputs minimal = a.inputs(Lang::zh);
  EXPECT_EQ(headings(report_html(minimal)), (std::vector<std::string>{"一、产业链概况", "二、产业链图谱", "三、链主企业交付质量",
                                                                     "四、共性质量问题清单", "五、质量瓶颈", "六、链主质量问题鱼骨图"}));
  ReportInputs more = a.inputs(Lang::zh);
  more.structure = &a.st;
  more.rubric = &a.rubric;
  more.grades = &a.grades;
  const std::vector<std::string> h = headings(report_html(more));
  ASSERT_EQ(h.size(), 8u);
  EXPECT_EQ(h[6], "七、关键供应商（单点断供风险）");
  EXPECT_EQ(h[7], "八、企业质量分级");
  ReportInputs en = a.inputs(Lang::en);
  en.structure = &a.st;
  const std::vector<std::string> e = headings(report_html(en));
  ASSERT_EQ(e.size(), 7u);
  EXPECT_EQ(e[0], "1. The chain");
  EXPECT_EQ(e[6], "7. Critical suppliers (single points of supply failure)");
}

// Names are data: they arrive as text wherever they are shown, never as markup, and the chain's
// name in the printed page header cannot end its style sheet.
TEST(HtmlReport, EveryNameIsText) {
  const Analysed a;
  ReportInputs in = a.inputs(Lang::zh);
  in.structure = &a.st;
  in.rubric = &a.rubric;
  in.grades = &a.grades;
  const std::string html = report_html(in);
  for (const char* markup : {"<script", "<img", "<i>", "<b>粗"}) EXPECT_EQ(html.find(markup), std::string::npos) << markup;
  EXPECT_NE(html.find("<h1>&lt;/style&gt;&lt;script&gt;alert(&quot;链&quot;)&lt;/script&gt; \\ 链 · 产业链质量分析报告</h1>"), std::string::npos);
  EXPECT_NE(html.find("安平县 &amp; &lt;b&gt;"), std::string::npos);
  EXPECT_NE(html.find("甲 &lt;img src=x&gt;"), std::string::npos);
  EXPECT_NE(html.find("链主 &amp; 子"), std::string::npos);
  // In the CSS string: quotes and backslashes escaped, '<' as the escape \3C.
  EXPECT_NE(html.find("@top-left { content: \"\\3C /style>\\3C script>alert(\\\"链\\\")\\3C /script> \\\\ 链 · 产业链质量分析报告 · 数据日期 2024-06-30\";"),
            std::string::npos) << html.substr(0, 3000);
  // One style sheet of our own and the print header's: nothing else closes a style element.
  std::size_t closes = 0;
  for (std::size_t p = 0; (p = html.find("</style>", p)) != std::string::npos; ++p) ++closes;
  EXPECT_EQ(closes, 2u);
}

TEST(HtmlReport, DiagramsInlineWithoutTheirPrologue) {
  const Analysed a;
  const std::string html = report_html(a.inputs(Lang::zh));
  EXPECT_NE(html.find("<div class=\"diagram\"><svg id=\"map\"></svg>\n</div>"), std::string::npos);
  EXPECT_NE(html.find("<div class=\"diagram\"><svg id=\"fishbone\"></svg></div>"), std::string::npos);
  EXPECT_EQ(html.find("<?xml"), std::string::npos);
  EXPECT_EQ(html.find("<!DOCTYPE svg"), std::string::npos);
  EXPECT_EQ(inline_svg("<?xml version=\"1.0\"?><svg/>"), "<svg/>");
  EXPECT_EQ(inline_svg("not a diagram"), "");
}

TEST(HtmlReport, SelfContainedDeterministicAndSigned) {
  const Analysed a;
  const std::string zh = report_html(a.inputs(Lang::zh));
  EXPECT_EQ(zh, report_html(a.inputs(Lang::zh)));
  EXPECT_EQ(zh.rfind("<!DOCTYPE html>\n<html lang=\"zh-CN\">", 0), 0u);
  EXPECT_EQ(zh.find("http"), std::string::npos);  // nothing fetched (the stand-in diagrams hold no namespace)
  EXPECT_NE(zh.find("<p class=\"note\">qchain 9.9.9 · 本报告由 qchain 根据产业链数据文件生成"), std::string::npos);
  const std::string en = report_html(a.inputs(Lang::en));
  EXPECT_EQ(en.rfind("<!DOCTYPE html>\n<html lang=\"en\">", 0), 0u);
  EXPECT_NE(en.find("qchain 9.9.9 · Generated by qchain from the chain file"), std::string::npos);
  EXPECT_EQ(en.substr(en.size() - 15), "</body></html>\n");
}

// A chain above max_nodes gets the overview first in the map section (the aggregated map alone is a
// hairball at that size); below it, no overview.
TEST(HtmlReport, LargeChainsOpenTheMapSectionWithTheOverview) {
  const ChainGraph g = require_chain(load_chain(test::source_path("data/pilots/shangyu-umbrella.json")));
  const engine::AnalysisContext ctx(g);
  const auto find = [](const std::vector<ReportFile>& files, const std::string& name) -> const ReportFile* {
    for (const ReportFile& f : files)
      if (f.name == name) return &f;
    return nullptr;
  };
  ReportRequest r;
  r.max_nodes = g.firm_count();
  const auto small = build_report(ctx, r);
  EXPECT_EQ(find(small, "overview.svg"), nullptr);
  r.max_nodes = g.firm_count() - 1;
  const auto large = build_report(ctx, r);
  const ReportFile* overview = find(large, "overview.svg");
  ASSERT_NE(overview, nullptr);
  EXPECT_NE(overview->content.find("产业链总览"), std::string::npos);
  const ReportFile* html = find(large, "report.html");
  ASSERT_NE(html, nullptr);
  const std::size_t section = html->content.find("产业链图谱</h2>");
  const std::size_t at = html->content.find("产业链总览", section);
  ASSERT_NE(section, std::string::npos);
  ASSERT_NE(at, std::string::npos);
  EXPECT_LT(at, html->content.find("<h2>", section));  // in the map section
}

}  // namespace
