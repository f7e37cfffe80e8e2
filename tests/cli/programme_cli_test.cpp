// End-to-end tests of the programme views: compare, grade, portfolio, report --before, render --color.
#include <rapidjson/document.h>

#include "../support/test_support.hpp"
#include "cli_support.hpp"

namespace {

using namespace qchain;
using test::qchain_run;
using test::read;

const std::string kAnping = test::source_path("data/pilots/anping-wire-mesh.json");
const std::string kAnpingBefore = test::source_path("data/pilots/anping-wire-mesh.before.json");
const std::string kWuxing = test::source_path("data/pilots/wuxing-childrens-clothing.json");
const std::string kWuxingBefore = test::source_path("data/pilots/wuxing-childrens-clothing.before.json");
const std::string kYuhuatai = test::source_path("data/portfolio/yuhuatai-software.json");
const std::string kDeqing = test::source_path("data/portfolio/deqing-geoinfo.json");

rapidjson::Document parse(const std::string& text) {
  rapidjson::Document d;
  d.Parse(text.c_str());
  EXPECT_FALSE(d.HasParseError());
  return d;
}

TEST(CliCompare, BundledBaselinesShowAProgrammeEffect) {
  for (auto [before, after] : {std::pair{kAnpingBefore, kAnping}, {kWuxingBefore, kWuxing}}) {
    const test::CmdResult r = qchain_run("compare " + before + " " + after + " --json -");
    ASSERT_EQ(r.code, 0) << r.err;
    const rapidjson::Document d = parse(r.out);
    const auto& i = d["indicators"];
    // Assisted firms gained several points, clearly more than the others.
    EXPECT_GT(i["assisted_mean_yield_change"].GetDouble(), 0.03);
    EXPECT_GT(i["difference"].GetDouble(), 0.03);
    EXPECT_GT(i["assisted_improved_share"].GetDouble(), 0.8);
    EXPECT_GT(d["pairs_resolved"].GetUint(), 50u);
    EXPECT_GE(d["issues_solved"].Size(), 1u);
    EXPECT_EQ(d["firms"].MemberCount(), d["matching"]["matched"].GetUint());
    EXPECT_EQ(r.out, qchain_run("compare " + before + " " + after + " --json -").out);  // deterministic
  }
  const test::CmdResult en = qchain_run("--lang en compare " + kAnpingBefore + " " + kAnping);
  EXPECT_NE(en.out.find("Programme indicators"), std::string::npos);
  EXPECT_NE(en.out.find("2024-06-30 → 2025-06-30"), std::string::npos);
}

// The Anping pair carries illustrative outcome fields, the Wuxing pair none: the section and the
// table appear for the first only.
TEST(CliCompare, EffectIndicatorsOnlyWhereFirmsHaveOutcomeFields) {
  const test::CmdResult r = qchain_run("compare " + kAnpingBefore + " " + kAnping + " --json -");
  ASSERT_EQ(r.code, 0) << r.err;
  const rapidjson::Document d = parse(r.out);
  ASSERT_TRUE(d.HasMember("effect_indicators"));
  const auto& a = d["effect_indicators"]["assisted"];
  const auto& o = d["effect_indicators"]["others"];
  EXPECT_EQ(a["firms"].GetUint() + o["firms"].GetUint(), d["matching"]["matched"].GetUint());
  // The generator's shape: assisted margins up and costs down, more than the others'; some firms left a field out.
  EXPECT_GT(a["profit_margin_change"]["value"].GetDouble(), o["profit_margin_change"]["value"].GetDouble());
  EXPECT_LT(a["operating_cost_change"]["value"].GetDouble(), o["operating_cost_change"]["value"].GetDouble());
  EXPECT_LT(a["operating_cost_change"]["firms"].GetUint(), a["firms"].GetUint());
  const test::CmdResult zh = qchain_run("compare " + kAnpingBefore + " " + kAnping);
  EXPECT_NE(zh.out.find("经营效果指标"), std::string::npos);
  const test::CmdResult plain = qchain_run("compare " + kWuxingBefore + " " + kWuxing + " --json -");
  ASSERT_EQ(plain.code, 0) << plain.err;
  EXPECT_FALSE(parse(plain.out).HasMember("effect_indicators"));
  EXPECT_EQ(qchain_run("compare " + kWuxingBefore + " " + kWuxing).out.find("经营效果指标"), std::string::npos);
}

TEST(CliCompare, WrongOrderAndBadInput) {
  const test::CmdResult swapped = qchain_run("--lang en compare " + kAnping + " " + kAnpingBefore);
  EXPECT_EQ(swapped.code, 2);
  EXPECT_NE(swapped.err.find("give the earlier snapshot first"), std::string::npos) << swapped.err;
  EXPECT_EQ(qchain_run("compare " + kAnping).code, 2);
  EXPECT_EQ(qchain_run("compare " + kAnpingBefore + " /nonexistent.json").code, 3);
}

TEST(CliGrade, DefaultAndFileRubrics) {
  const test::CmdResult r = qchain_run("grade " + kAnping + " --json -");
  ASSERT_EQ(r.code, 0) << r.err;
  const rapidjson::Document d = parse(r.out);
  const auto& c = d["counts"];
  EXPECT_EQ(c["startup"].GetUint() + c["developing"].GetUint() + c["leaping"].GetUint(), d["firms"].Size());
  EXPECT_GT(c["developing"].GetUint(), 0u);
  EXPECT_GT(c["leaping"].GetUint(), 0u);
  const test::CmdResult firm = qchain_run("grade " + kAnping + " --firm AP0006");
  EXPECT_NE(firm.out.find("AP0006 安平县鑫佳金属材料有限公司：发展级"), std::string::npos) << firm.out;
  const test::CmdResult strict =
      qchain_run("grade " + test::source_path("data/pilots/fengxian-nev.json") + " --rubric " + test::source_path("data/rubrics/automotive.json"));
  EXPECT_EQ(strict.code, 0) << strict.err;
  EXPECT_NE(strict.out.find("汽车零部件分级规则"), std::string::npos);
}

TEST(CliGrade, BadRubricAndFirm) {
  test::TempDir dir;
  std::ofstream(dir.file("r.json")) << R"({"format": "qchain-rubric/1", "grades": {"developing": {"min_first_pass_yield": "high"}, "leaping": {}}})";
  const test::CmdResult bad = qchain_run("--lang en grade " + kAnping + " --rubric " + dir.file("r.json"));
  EXPECT_EQ(bad.code, 2);
  EXPECT_NE(bad.err.find(dir.file("r.json") + ":1:57: grades.developing.min_first_pass_yield: expected a number"), std::string::npos) << bad.err;
  EXPECT_EQ(qchain_run("grade " + kAnping + " --firm NOPE").code, 2);
}

TEST(CliPortfolio, BundledCooperationExample) {
  test::TempDir dir;
  const test::CmdResult r = qchain_run("portfolio " + kYuhuatai + " " + kDeqing + " --json - -o " + dir.file("out"));
  ASSERT_EQ(r.code, 0) << r.err;
  const rapidjson::Document d = parse(r.out);
  EXPECT_EQ(d["chains"].Size(), 2u);
  EXPECT_EQ(d["shared_firms"].Size(), 5u);
  EXPECT_GE(d["shared_issues"].Size(), 5u);
  for (const char* f : {"portfolio.html", "portfolio.json", "portfolio-map.svg"}) EXPECT_GT(read(dir.file("out/") + f).size(), 1000u) << f;
  const std::string svg = read(dir.file("out/portfolio-map.svg"));
  // (names wrap at about 12 CJK characters: this one of 13 on two balanced lines)
  EXPECT_NE(svg.find(">南京图灵云数据</text>"), std::string::npos);
  EXPECT_NE(svg.find(">服务有限公司</text>"), std::string::npos);
  const test::CmdResult again = qchain_run("portfolio " + kYuhuatai + " " + kDeqing + " -o " + dir.file("again"));
  EXPECT_EQ(svg, read(dir.file("again/portfolio-map.svg")));
  EXPECT_EQ(qchain_run("portfolio " + kYuhuatai).code, 2);               // two or more chains
  EXPECT_EQ(qchain_run("portfolio " + kYuhuatai + " " + kYuhuatai).code, 2);  // the same chain twice
}

TEST(CliReport, BeforeAddsTheProgrammeEffect) {
  test::TempDir dir;
  const test::CmdResult r = qchain_run("report " + kWuxing + " --before " + kWuxingBefore + " -o " + dir.file("rep"));
  ASSERT_EQ(r.code, 0) << r.err;
  const std::string html = read(dir.file("rep/report.html"));
  EXPECT_NE(html.find("提升成效（前后对比）"), std::string::npos);
  EXPECT_NE(html.find("企业质量分级"), std::string::npos);
  EXPECT_NE(read(dir.file("rep/progress.svg")).find("提升行动前后对比"), std::string::npos);
  EXPECT_NE(read(dir.file("rep/change-map.svg")).find("提升前后对比"), std::string::npos);
  const rapidjson::Document d = parse(read(dir.file("rep/report.json")));
  EXPECT_TRUE(d["comparison"].IsObject());
  EXPECT_TRUE(d["grades"].IsObject());
  // Without --before: no such section, comparison null.
  ASSERT_EQ(qchain_run("report " + kWuxing + " -o " + dir.file("plain")).code, 0);
  EXPECT_EQ(read(dir.file("plain/report.html")).find("提升成效"), std::string::npos);
}

TEST(CliRender, ColourByGradeOrChange) {
  test::TempDir dir;
  ASSERT_EQ(qchain_run("render " + kWuxing + " --color grade -o " + dir.file("g.svg")).code, 0);
  EXPECT_NE(read(dir.file("g.svg")).find("测算质量等级"), std::string::npos);
  ASSERT_EQ(qchain_run("render " + kWuxing + " --color change --before " + kWuxingBefore + " -o " + dir.file("c.svg")).code, 0);
  EXPECT_NE(read(dir.file("c.svg")).find("新进入企业"), std::string::npos);
  EXPECT_EQ(qchain_run("render " + kWuxing + " --color change -o " + dir.file("x.svg")).code, 2);
  EXPECT_EQ(qchain_run("render " + kWuxing + " --before " + kWuxingBefore + " -o " + dir.file("x.svg")).code, 2);
  EXPECT_EQ(qchain_run("render " + kWuxing + " --view issues --color grade -o " + dir.file("x.svg")).code, 2);
}

}  // namespace

namespace {

using qchain::test::CmdResult;
using qchain::test::qchain_run;

// Issue 22: screening by willingness and benchmarking against advanced levels, end to end on a pilot.
TEST(ProgrammeCli, PlanScreenPicksOnlyWillingFirms) {
  const std::string pilot = qchain::test::source_path("data/pilots/anping-wire-mesh.json");
  const CmdResult r = qchain_run("plan " + pilot + " --budget 10 --screen --json -");
  ASSERT_EQ(r.code, 0) << r.err;
  rapidjson::Document d;
  ASSERT_FALSE(d.Parse(r.out.c_str()).HasParseError());
  const auto g = qchain::graphs::require_chain(qchain::graphs::load_chain(pilot));
  ASSERT_GT(d["plan"]["plan"].Size(), 0u);
  for (const auto& step : d["plan"]["plan"].GetArray()) {
    const auto v = g.find_firm(step["id"].GetString());
    ASSERT_TRUE(v);
    EXPECT_EQ(g.firm(*v).willingness, qchain::graphs::Willingness::strong) << step["id"].GetString();
  }
  std::size_t unknown = 0;
  for (const auto& f : d["screening"]["firms"].GetArray()) unknown += f["willingness"].IsNull();
  EXPECT_EQ(unknown, d["screening"]["willingness_unknown"].GetUint());
  EXPECT_GT(unknown, 0u);  // the pilot leaves some unrecorded: they are listed, not dropped
  const CmdResult text = qchain_run("plan " + pilot + " --budget 10 --screen --willingness moderate");
  EXPECT_NE(text.out.find("帮扶对象筛选清单"), std::string::npos);
  EXPECT_NE(text.out.find("待核实"), std::string::npos);
}

TEST(ProgrammeCli, BenchmarkAndTheReportSection) {
  const std::string pilot = qchain::test::source_path("data/pilots/shangyu-umbrella.json");
  const std::string bench = qchain::test::source_path("data/benchmarks/shangyu-umbrella.json");
  const CmdResult r = qchain_run("benchmark " + pilot + " --against " + bench + " --json -");
  ASSERT_EQ(r.code, 0) << r.err;
  rapidjson::Document d;
  ASSERT_FALSE(d.Parse(r.out.c_str()).HasParseError());
  EXPECT_TRUE(d["illustrative"].GetBool());
  EXPECT_GT(d["segments"].Size(), 0u);
  EXPECT_GT(d["firms_below_domestic"].Size(), 0u);
  const CmdResult text = qchain_run("benchmark " + pilot + " --against " + bench);
  EXPECT_NE(text.out.find("示意数据"), std::string::npos);  // an illustrative file says so
  qchain::test::TempDir dir;
  ASSERT_EQ(qchain_run("report " + pilot + " --benchmark " + bench + " -o " + dir.path()).code, 0);
  const std::string html = qchain::test::read(dir.file("report.html"));
  EXPECT_NE(html.find("与先进水平比对"), std::string::npos);
  rapidjson::Document rj;
  ASSERT_FALSE(rj.Parse(qchain::test::read(dir.file("report.json")).c_str()).HasParseError());
  EXPECT_TRUE(rj["benchmark"].IsObject());
  // Without --benchmark the section is absent and report.json says null.
  qchain::test::TempDir plain;
  ASSERT_EQ(qchain_run("report " + pilot + " -o " + plain.path()).code, 0);
  EXPECT_EQ(qchain::test::read(plain.file("report.html")).find("与先进水平比对"), std::string::npos);
}

}  // namespace
