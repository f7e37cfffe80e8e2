// End-to-end tests of the qchain executable: exit codes, messages, outputs.
#include <rapidjson/document.h>
#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "../support/test_support.hpp"
#include "cli_support.hpp"

namespace {

using namespace qchain;
using test::qchain_run;
using test::read;
using test::CmdResult;

const std::string kPilot = test::source_path("data/pilots/huangpu-smart-equipment.json");
const std::string kBad = test::source_path("tests/data/bad/");

// A command's JSON output as a document (an empty object when it does not parse, with a failure).
rapidjson::Document parse_json(const std::string& text) {
  rapidjson::Document d;
  if (d.Parse(text.c_str()).HasParseError() || !d.IsObject()) {
    ADD_FAILURE() << "not a JSON object: " << text.substr(0, 200);
    d.SetObject();
  }
  return d;
}

TEST(Cli, VersionAndHelp) {
  EXPECT_EQ(qchain_run("--version").out, "qchain 0.1.0\n");
  const CmdResult help = qchain_run("--lang en help");
  EXPECT_EQ(help.code, 0);
  EXPECT_NE(help.out.find("check"), std::string::npos);
  EXPECT_NE(help.out.find("Exit codes"), std::string::npos);
  const CmdResult sub = qchain_run("help summary");
  EXPECT_EQ(sub.code, 0);
  EXPECT_NE(sub.out.find("--json"), std::string::npos);
  EXPECT_EQ(qchain_run("help nosuch").code, 2);
}

TEST(Cli, UnknownFlagsAndCommandsAreUsageErrors) {
  const CmdResult r = qchain_run("summary " + kPilot + " --bogus");
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("--bogus"), std::string::npos);
  EXPECT_EQ(qchain_run("frobnicate").code, 2);
  EXPECT_EQ(qchain_run("--lang fr summary " + kPilot).code, 2);
}

TEST(Cli, CheckExitCodes) {
  EXPECT_EQ(qchain_run("check " + kBad + "valid.json").code, 0);
  EXPECT_EQ(qchain_run("check " + kBad + "warn-isolated.json").code, 1);
  const CmdResult bad = qchain_run("--lang en check " + kBad + "unknown-firm.json");
  EXPECT_EQ(bad.code, 2);
  EXPECT_NE(bad.out.find("unknown-firm.json:63:4: links[2].supplier: unknown firm \"F9999\""), std::string::npos);
  EXPECT_EQ(qchain_run("check /nonexistent/file.json").code, 3);
  EXPECT_EQ(qchain_run("check " + kBad + "csv-missing-links").code, 2);
}

// A chain with certification gaps is never reported as clean: check counts them and exits 1.
TEST(Cli, CheckCountsCertificationGaps) {
  test::TempDir dir;
  std::ofstream(dir.file("c.json")) << R"({"format": "qchain-chain/1", "chain": {"id": "c", "name": "C", "as_of": "2025-01-01"},
    "firms": [{"id": "A", "name": "a", "role": "micro", "certifications": [{"scheme": "ISO9001", "status": "in_progress"}]},
              {"id": "L", "name": "l", "role": "chain_leader"}],
    "links": [{"supplier": "A", "customer": "L", "requires": ["ISO9001"]}]})";
  const CmdResult zh = qchain_run("check " + dir.file("c.json"));
  EXPECT_EQ(zh.code, 1);
  EXPECT_NE(zh.out.find("1 条供应关系的供应商未持有客户要求的有效认证（认证缺口），`qchain analyze` 可列出"), std::string::npos) << zh.out;
  const CmdResult en = qchain_run("--lang en check " + dir.file("c.json"));
  EXPECT_EQ(en.code, 1);
  EXPECT_NE(en.out.find("warning: 1 link comes from a supplier without a certificate in force that the customer requires (certification gaps)"),
            std::string::npos) << en.out;
  const CmdResult json = qchain_run("analyze " + dir.file("c.json") + " --only gaps --json -");
  EXPECT_EQ(json.code, 0) << json.err;
  rapidjson::Document d;
  ASSERT_FALSE(d.Parse(json.out.c_str()).HasParseError());
  EXPECT_EQ(d["certification_gaps"]["gap_links"].GetUint(), 1u);
  EXPECT_DOUBLE_EQ(d["certification_gaps"]["leaders"][0]["output_at_risk"].GetDouble(), 1.0);
  EXPECT_FALSE(d.HasMember("structure"));
  EXPECT_NE(qchain_run("analyze " + kPilot).out.find("【认证缺口】"), std::string::npos);
}

TEST(Cli, SummaryTableAndJson) {
  const CmdResult table = qchain_run("summary " + kPilot);
  EXPECT_EQ(table.code, 0);
  EXPECT_NE(table.out.find("链主企业"), std::string::npos);
  const CmdResult json = qchain_run("summary " + kPilot + " --json -");
  EXPECT_EQ(json.code, 0);
  EXPECT_EQ(json.out.rfind("{", 0), 0u);
  EXPECT_EQ(json.out, qchain_run("summary " + kPilot + " --json -").out);  // deterministic
  const rapidjson::Document d = parse_json(json.out);
  ASSERT_TRUE(d.HasMember("certifications"));
  EXPECT_TRUE(d["certifications"].IsArray());
}

TEST(Cli, SummaryOnInvalidInputExitsTwo) {
  const CmdResult r = qchain_run("--lang en summary " + kBad + "shares-sum.json");
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("add up to 1.2"), std::string::npos);
}

TEST(Cli, OutputsAreWrittenAtomicallyAndNeverOverInput) {
  test::TempDir dir;
  const std::string out = dir.file("s.json");
  ASSERT_EQ(qchain_run("summary " + kPilot + " --json " + out).code, 0);
  const std::string first = read(out);
  EXPECT_TRUE(parse_json(first).HasMember("firms"));
  // A failing run leaves the earlier file untouched.
  EXPECT_EQ(qchain_run("summary " + kBad + "shares-sum.json --json " + out).code, 2);
  EXPECT_EQ(read(out), first);
  // Writing over the input is refused.
  const std::string copy = dir.file("chain.json");
  std::ofstream(copy) << read(kPilot);
  EXPECT_EQ(qchain_run("summary " + copy + " --json " + copy).code, 2);
  EXPECT_EQ(read(copy), read(kPilot));
  // A folder that cannot be written, or a full disk, is an I/O failure.
  EXPECT_EQ(qchain_run("summary " + kPilot + " --json /nonexistent-dir/s.json").code, 3);
  EXPECT_EQ(qchain_run("summary " + kPilot + " --json - > /dev/full").code, 3);
}

TEST(Cli, ExportCsvRoundTrips) {
  test::TempDir dir;
  ASSERT_EQ(qchain_run("export " + kPilot + " --format csv -o " + dir.file("csv")).code, 0);
  const CmdResult r = qchain_run("summary " + dir.file("csv") + " --json -");
  EXPECT_EQ(r.code, 0);
  EXPECT_EQ(r.out, qchain_run("summary " + kPilot + " --json -").out);
}

}  // namespace

namespace {

TEST(Cli, AnalyzeStructure) {
  const CmdResult text = qchain_run("analyze " + kPilot);
  EXPECT_EQ(text.code, 0);
  EXPECT_NE(text.out.find("关键供应商"), std::string::npos);
  const CmdResult json = qchain_run("analyze " + kPilot + " --json - --threads 1");
  EXPECT_EQ(json.code, 0);
  const rapidjson::Document d = parse_json(json.out);
  ASSERT_TRUE(d.HasMember("structure"));
  ASSERT_TRUE(d["structure"]["leaders"].IsArray());
  for (const auto& l : d["structure"]["leaders"].GetArray()) EXPECT_TRUE(l["critical_suppliers"].IsArray());
  EXPECT_EQ(json.out, qchain_run("analyze " + kPilot + " --json - --threads 2").out);
  EXPECT_EQ(qchain_run("analyze " + kPilot + " --samples 0").code, 2);
}

}  // namespace

namespace {

TEST(Cli, AnalyzeQualityOnly) {
  const CmdResult r = qchain_run("--lang en analyze " + kPilot + " --only quality --json -");
  EXPECT_EQ(r.code, 0);
  const rapidjson::Document d = parse_json(r.out);
  EXPECT_TRUE(d.HasMember("quality"));
  EXPECT_TRUE(d.HasMember("bottlenecks"));
  EXPECT_FALSE(d.HasMember("structure"));
  EXPECT_EQ(qchain_run("analyze " + kPilot + " --only nonsense").code, 2);
}

}  // namespace

namespace {

// Every bundled scenario runs against its pilot (named before "--") and has a visible effect.
TEST(Cli, EveryBundledScenarioRunsOnItsPilot) {
  int files = 0;
  std::set<std::string> types;
  for (const auto& e : std::filesystem::directory_iterator(test::source_path("data/scenarios"))) {
    if (e.path().extension() != ".json") continue;
    const std::string name = e.path().filename().string();
    const std::string pilot = test::source_path("data/pilots/" + name.substr(0, name.find("--")) + ".json");
    SCOPED_TRACE(name);
    const CmdResult r = qchain_run("whatif " + pilot + " " + e.path().string() + " --json -");
    ASSERT_EQ(r.code, 0) << r.err;
    rapidjson::Document d;
    ASSERT_FALSE(d.Parse(r.out.c_str()).HasParseError());
    const auto& s = d["scenarios"][0];
    bool effect = s["production"]["total_loss"].GetDouble() > 0;
    for (const auto& l : s["quality"]["leaders"].GetArray()) effect |= l["before"].GetDouble() != l["after"].GetDouble();
    EXPECT_TRUE(effect);
    const std::string text = read(e.path().string());
    for (const char* t : {"set_yield", "stop", "decertify", "spread_issue", "fix_issue", "assist", "perturb"})
      if (text.find(std::string("\"") + t + "\"") != std::string::npos) types.insert(t);
    ++files;
  }
  EXPECT_GE(files, 10);
  EXPECT_EQ(types.size(), 7u);  // every event type is exemplified
}

TEST(Cli, WhatIfRejectsBadScenarios) {
  test::TempDir dir;
  std::ofstream(dir.file("bad.json")) << R"({"format": "qchain-scenario/1", "events": [{"type": "stop", "firms": ["NOPE"]}]})";
  const CmdResult r = qchain_run("--lang en whatif " + kPilot + " " + dir.file("bad.json"));
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("bad.json:1:71: events[0].firms[0]: unknown firm \"NOPE\""), std::string::npos) << r.err;
  EXPECT_EQ(qchain_run("whatif " + kPilot + " /nonexistent.json").code, 3);
}

TEST(Cli, RiskIsDeterministicForASeedAcrossThreads) {
  const CmdResult one = qchain_run("risk " + kPilot + " --runs 200 --seed 5 --threads 1 --json -");
  EXPECT_EQ(one.code, 0) << one.err;
  EXPECT_EQ(one.out, qchain_run("risk " + kPilot + " --runs 200 --seed 5 --threads 2 --json -").out);
  EXPECT_NE(one.out, qchain_run("risk " + kPilot + " --runs 200 --seed 6 --threads 2 --json -").out);
  const rapidjson::Document d = parse_json(one.out);
  ASSERT_TRUE(d.HasMember("leaders") && d.HasMember("total_loss"));
  for (const auto& l : d["leaders"].GetArray()) EXPECT_TRUE(l["p95"].IsNumber());
  EXPECT_TRUE(d["total_loss"]["p95"].IsNumber());
  EXPECT_EQ(qchain_run("risk " + kPilot + " --runs 10 --stop-prob micro=2").code, 2);
  EXPECT_EQ(qchain_run("risk " + kPilot + " --runs 10 --stop-prob giant=0.1").code, 2);
  const CmdResult text = qchain_run("risk " + kPilot + " --runs 50 --stop-prob micro=0.2,small=0.1");
  EXPECT_EQ(text.code, 0);
  EXPECT_NE(text.out.find("蒙特卡洛"), std::string::npos);
}

TEST(Cli, PlanLedgerBesideNaivePlans) {
  const CmdResult r = qchain_run("plan " + kPilot + " --budget 5 --json -");
  EXPECT_EQ(r.code, 0) << r.err;
  rapidjson::Document d;
  ASSERT_FALSE(d.Parse(r.out.c_str()).HasParseError());
  ASSERT_EQ(d["plan"].Size(), 5u);
  const double best = d["plan"][4]["cumulative_gain"].GetDouble();
  EXPECT_GE(best + 1e-12, d["naive"]["lowest_yield_first"]["gain"].GetDouble());
  EXPECT_GE(best + 1e-12, d["naive"]["most_customers_first"]["gain"].GetDouble());
  EXPECT_EQ(qchain_run("plan " + kPilot + " --budget 3 --fix-issues --json -").code, 0);
  EXPECT_EQ(qchain_run("plan " + kPilot + " --budget 3 --fix-issues --gain 0.1").code, 2);
  EXPECT_EQ(qchain_run("plan " + kPilot + " --budget 3 --candidates micro,boss").code, 2);
  EXPECT_NE(qchain_run("plan " + kPilot + " --budget 3").out.find("帮扶台账"), std::string::npos);
}

// Plans by money and by goal, and every plan says why it stops short (issue 14).
TEST(Cli, PlanByMoneyAndGoalSaysWhyItStopsShort) {
  const CmdResult big = qchain_run("plan " + kPilot + " --budget 200 --json -");
  ASSERT_EQ(big.code, 0) << big.err;
  rapidjson::Document d;
  ASSERT_FALSE(d.Parse(big.out.c_str()).HasParseError());
  EXPECT_STREQ(d["stopped_short"]["reason"].GetString(), "no_more_gain");
  EXPECT_EQ(d["candidate_count"].GetUint(), 77u);
  EXPECT_EQ(d["plan"].Size(), d["candidates_with_gain"].GetUint());
  EXPECT_NE(qchain_run("--lang en plan " + kPilot + " --budget 200").out.find("only 38 of the 77 candidates (micro, small) raise the objective"),
            std::string::npos);
  const CmdResult zero = qchain_run("--lang en plan " + kPilot + " --budget 10 --gain 0");
  EXPECT_EQ(zero.code, 0);
  EXPECT_NE(zero.out.find("The plan is empty (budget 10 firms): assisting any candidate raises the objective by nothing"), std::string::npos)
      << zero.out;
  EXPECT_NE(zero.out.find("--gain is 0, so no gain is possible"), std::string::npos);
  EXPECT_NE(qchain_run("plan " + kPilot + " --budget 10 --gain 0").out.find("计划为空"), std::string::npos);

  const CmdResult money = qchain_run("plan " + kPilot + " --budget-money 3 --cost micro=0.5,small=1.5 --json -");
  ASSERT_EQ(money.code, 0) << money.err;
  rapidjson::Document m;
  ASSERT_FALSE(m.Parse(money.out.c_str()).HasParseError());
  EXPECT_TRUE(m["budget"].IsNull());
  EXPECT_LE(m["money_spent"].GetDouble(), 3.0 + 1e-9);
  EXPECT_TRUE(m["stopped_short"].IsNull());
  EXPECT_GE(m["plan"].Size(), 2u);
  const CmdResult gaps = qchain_run("plan " + kPilot + " --budget 3 --goal gaps --json -");
  rapidjson::Document gd;
  ASSERT_FALSE(gd.Parse(gaps.out.c_str()).HasParseError());
  ASSERT_EQ(gd["plan"].Size(), 3u);
  EXPECT_EQ(gd["plan"][0]["gains"]["gaps"].GetDouble(), 2.0);
  const CmdResult mix = qchain_run("plan " + kPilot + " --budget 3 --goal leaders=0.5,gaps=0.5,grades --json -");
  rapidjson::Document md;
  ASSERT_FALSE(md.Parse(mix.out.c_str()).HasParseError()) << mix.err;
  EXPECT_TRUE(md["normalised"].GetBool());
  EXPECT_EQ(md["goals"]["grades"].GetDouble(), 1.0);
  EXPECT_EQ(qchain_run("plan " + kPilot + " --budget 3 --goal grades --rubric " + test::source_path("data/rubrics/default.json")).code, 0);

  EXPECT_EQ(qchain_run("plan " + kPilot).code, 2);  // no budget
  EXPECT_EQ(qchain_run("plan " + kPilot + " --budget 3 --goal profit").code, 2);
  EXPECT_EQ(qchain_run("plan " + kPilot + " --budget 3 --cost micro=0").code, 2);
  EXPECT_EQ(qchain_run("plan " + kPilot + " --budget 3 --cost tiny=1").code, 2);
  EXPECT_EQ(qchain_run("plan " + kPilot + " --budget 3 --rubric " + test::source_path("data/rubrics/default.json")).code, 2);
}

TEST(Cli, AnalyzeSystemicSection) {
  const CmdResult r = qchain_run("analyze " + kPilot + " --only systemic --json -");
  EXPECT_EQ(r.code, 0) << r.err;
  rapidjson::Document d;
  ASSERT_FALSE(d.Parse(r.out.c_str()).HasParseError());
  EXPECT_EQ(d["systemic"]["firms"].MemberCount(), 20u);
  const CmdResult all = qchain_run("analyze " + kPilot + " --only systemic --all --weights uniform --json -");
  rapidjson::Document e;
  ASSERT_FALSE(e.Parse(all.out.c_str()).HasParseError());
  EXPECT_EQ(e["systemic"]["firms"].MemberCount(), 118u);
  EXPECT_STREQ(e["systemic"]["weights"].GetString(), "uniform");
  EXPECT_FALSE(parse_json(qchain_run("analyze " + kPilot + " --systemic off --json -").out).HasMember("systemic"));
}

}  // namespace

namespace {

// A Graphviz failure is an internal error: exit code 4, the message in the reader's language, and
// no output file. Graphviz without its plugins (GVBINDIR naming an empty folder) lays out nothing.
TEST(Cli, GraphvizFailureExitsWithFourAndWritesNothing) {
  test::TempDir dir;
  std::filesystem::create_directories(dir.file("no-plugins"));
  const std::string env = "GVBINDIR=" + dir.file("no-plugins");
  const CmdResult en = qchain_run("--lang en render " + kPilot + " -o " + dir.file("map.svg"), env);
  EXPECT_EQ(en.code, 4);
  EXPECT_NE(en.err.find("qchain: Graphviz could not lay out the diagram with dot\n"), std::string::npos) << en.err;
  EXPECT_FALSE(std::filesystem::exists(dir.file("map.svg")));
  const CmdResult zh = qchain_run("report " + kPilot + " -o " + dir.file("report"), env);
  EXPECT_EQ(zh.code, 4);
  EXPECT_NE(zh.err.find("qchain: Graphviz 无法用 dot 为该图布局"), std::string::npos) << zh.err;
  EXPECT_FALSE(std::filesystem::exists(dir.file("report/report.html")));
  // The same command with Graphviz whole.
  EXPECT_EQ(qchain_run("--lang en render " + kPilot + " -o " + dir.file("map.svg")).code, 0);
}

TEST(Cli, RenderEveryViewAndFormat) {
  test::TempDir dir;
  for (const char* view : {"map", "issues", "fishbone"}) {
    const CmdResult r = qchain_run(std::string("render ") + kPilot + " --view " + view + " -o " + dir.file(std::string(view) + ".svg"));
    EXPECT_EQ(r.code, 0) << view << r.err;
    EXPECT_NE(read(dir.file(std::string(view) + ".svg")).find("</svg>"), std::string::npos) << view;
  }
  const std::string scenario = test::source_path("data/scenarios/huangpu-smart-equipment--casting-batch-issue.json");
  EXPECT_EQ(qchain_run("render " + kPilot + " --view scenario --scenario " + scenario + " -o " + dir.file("s.png")).code, 0);
  EXPECT_EQ(read(dir.file("s.png")).substr(1, 3), "PNG");
  EXPECT_EQ(qchain_run("render " + kPilot + " -o " + dir.file("m.pdf")).code, 0);
  EXPECT_EQ(read(dir.file("m.pdf")).substr(0, 4), "%PDF");
  EXPECT_EQ(qchain_run("render " + kPilot + " --format dot -o " + dir.file("m.dot")).code, 0);
  EXPECT_EQ(read(dir.file("m.dot")), (qchain_run("render " + kPilot + " --format dot -o " + dir.file("m2.dot")), read(dir.file("m2.dot"))));
  EXPECT_EQ(qchain_run("render " + kPilot + " --focus HP0060 --depth 1 -o " + dir.file("f.svg")).code, 0);
  EXPECT_EQ(qchain_run("render " + kPilot + " --focus NOPE -o " + dir.file("x.svg")).code, 2);
  EXPECT_EQ(qchain_run("render " + kPilot + " --view scenario -o " + dir.file("x.svg")).code, 2);
  EXPECT_EQ(qchain_run("render " + kPilot + " --view fishbone --leader HP0001 -o " + dir.file("x.svg")).code, 2);
  EXPECT_EQ(qchain_run("render " + kPilot + " -o " + dir.file("x.gif")).code, 2);
}

// The report opens in headless Chromium without console errors and with every diagram.
TEST(Cli, ReportOpensInAHeadlessBrowser) {
  test::TempDir dir;
  const std::string scenario = test::source_path("data/scenarios/huangpu-smart-equipment--casting-batch-issue.json");
  const CmdResult r = qchain_run("report " + kPilot + " --scenario " + scenario + " --plan 3 -o " + dir.file("report"));
  ASSERT_EQ(r.code, 0) << r.err;
  const std::string html = read(dir.file("report/report.html"));
  std::size_t svgs = 0;
  for (std::size_t p = 0; (p = html.find("<svg", p)) != std::string::npos; ++p) ++svgs;
  EXPECT_EQ(svgs, 1u + 1u + 4u + 1u);  // map, issue map, one fishbone per leader, the scenario map
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_NE(html.find("、认证缺口</h2>"), std::string::npos);  // the certification-gap section with its tables
  EXPECT_NE(html.find("一张证书补齐缺口最多的企业"), std::string::npos);
  EXPECT_EQ(html.find("http://"), html.find("http://www.w3.org"));  // nothing fetched: only SVG namespaces
  EXPECT_EQ(html, (qchain_run("report " + kPilot + " --scenario " + scenario + " --plan 3 -o " + dir.file("again")),
                   read(dir.file("again/report.html"))));
  rapidjson::Document d;
  EXPECT_FALSE(d.Parse(read(dir.file("report/report.json")).c_str()).HasParseError());

  if (std::system("command -v chromium >/dev/null 2>&1") != 0) GTEST_SKIP() << "chromium is not installed (scripts/setup installs it)";
  const std::string shot = dir.file("report.png");
  const std::string cmd = "timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run "
                          "--disable-background-networking --disable-component-update --disable-sync --user-data-dir=" +
                          dir.file("profile") + " --window-size=1280,3000 --enable-logging=stderr --v=0 --screenshot=" + shot +
                          " file://" + dir.file("report/report.html") + " 2>" + dir.file("chromium.log") + " >/dev/null";
  ASSERT_EQ(std::system(cmd.c_str()), 0) << read(dir.file("chromium.log"));
  EXPECT_GT(read(shot).size(), 50000u);
  const std::string log = read(dir.file("chromium.log"));
  EXPECT_EQ(log.find("CONSOLE"), std::string::npos) << log;
  EXPECT_EQ(log.find("Uncaught"), std::string::npos) << log;
}

// The demo reports print on A4 from Chromium: every page A4, none blank, the chain and the data date
// on every page with its number, no section heading left alone at the foot of a page.
TEST(Cli, ReportPrintsOnA4) {
  if (std::system("command -v chromium >/dev/null 2>&1") != 0) GTEST_SKIP() << "chromium is not installed (scripts/setup installs it)";
  if (std::system("command -v pdfinfo >/dev/null 2>&1 && command -v pdftotext >/dev/null 2>&1") != 0)
    GTEST_SKIP() << "pdfinfo/pdftotext are not installed (poppler-utils; scripts/setup installs it)";
  test::TempDir dir;
  const std::string scenario = test::source_path("data/scenarios/huangpu-smart-equipment--casting-batch-issue.json");
  const std::string anping = test::source_path("data/pilots/anping-wire-mesh.json");
  const std::vector<std::pair<std::string, std::string>> reports = {
      {"huangpu", kPilot + " --scenario " + scenario + " --plan 10"},
      {"anping", anping + " --before " + test::source_path("data/pilots/anping-wire-mesh.before.json")}};
  for (const auto& [name, args] : reports) {
    const CmdResult r = qchain_run("report " + args + " -o " + dir.file(name));
    ASSERT_EQ(r.code, 0) << r.err;
    const std::string pdf = dir.file(name + ".pdf");
    const std::string cmd = "timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run "
                            "--disable-background-networking --disable-component-update --disable-sync --no-pdf-header-footer --user-data-dir=" +
                            dir.file("profile") + " --print-to-pdf=" + pdf + " file://" + dir.file(name + "/report.html") + " 2>" +
                            dir.file("chromium.log") + " >/dev/null";
    ASSERT_EQ(std::system(cmd.c_str()), 0) << read(dir.file("chromium.log"));
    ASSERT_EQ(std::system(("pdfinfo -f 1 -l 10000 " + pdf + " > " + dir.file("info.txt")).c_str()), 0);
    const std::string info = read(dir.file("info.txt"));
    EXPECT_NE(info.find("(A4)"), std::string::npos) << info;
    const auto pages_at = info.find("Pages:");
    ASSERT_NE(pages_at, std::string::npos);
    const int pages = std::stoi(info.substr(pages_at + 6));
    EXPECT_GE(pages, 5) << name;
    // Each page alone: every page of one size, the running header and "n / pages", and more than them.
    const std::string header = name == "huangpu" ? "黄埔智能装备 · 产业链质量分析报告 · 数据日期" : "安平丝网 · 产业链质量分析报告 · 数据日期";
    for (int k = 1; k <= pages; ++k) {
      const std::string page = dir.file("page.txt");
      ASSERT_EQ(std::system(("pdftotext -layout -f " + std::to_string(k) + " -l " + std::to_string(k) + " " + pdf + " " + page).c_str()), 0);
      std::string text = read(page);
      EXPECT_NE(text.find(header), std::string::npos) << name << " page " << k;
      const std::string number = std::to_string(k) + " / " + std::to_string(pages);
      EXPECT_NE(text.find(number), std::string::npos) << name << " page " << k;
      // The lines other than the header and the page number.
      std::vector<std::string> lines;
      for (std::size_t at = 0, end; at < text.size(); at = end + 1) {
        end = text.find('\n', at);
        if (end == std::string::npos) end = text.size();
        std::string line = text.substr(at, end - at);
        line.erase(0, line.find_first_not_of(" \f\t"));
        line.erase(line.find_last_not_of(" \f\t") + 1);  // npos + 1: all of a blank line
        if (line.empty() || line.find(header) != std::string::npos || line == number) continue;
        lines.push_back(line);
      }
      EXPECT_GE(lines.size(), 3u) << name << " page " << k << " is (nearly) blank";
      // A section heading ("三、…") is never the last line of a page.
      if (!lines.empty()) {
        static const std::regex heading("^(一|二|三|四|五|六|七|八|九|十)+、\\S+$");
        EXPECT_FALSE(std::regex_match(lines.back(), heading)) << name << " page " << k << " ends with the heading " << lines.back();
      }
    }
    std::size_t a4 = 0;  // "Page    3 size: 594.96 x 841.92 pts (A4)", one line per page
    for (std::size_t at = 0; (at = info.find("841.92 pts (A4)", at)) != std::string::npos; ++at) ++a4;
    EXPECT_EQ(a4, static_cast<std::size_t>(pages)) << info;
  }
}

}  // namespace

namespace {

// Found by fuzzing: names such as "-." reach tooltips; the DOT output must still parse.
TEST(Render, DotOfNumberLikeNamesParses) {
  test::TempDir dir;
  std::ofstream(dir.file("c.json")) << R"({"format": "qchain-chain/1", "chain": {"id": "c", "name": "-."},
    "segments": [{"id": "s", "name": "-", "order": 0}, {"id": "t", "name": ".", "order": 1}],
    "issues": [{"code": "X", "name": ".-", "category": "man"}],
    "firms": [{"id": "A", "name": "-.", "role": "micro", "segment": "s", "issues": [{"code": "X", "severity": 1}]},
              {"id": "L", "name": ".", "role": "chain_leader", "segment": "t"}],
    "links": [{"supplier": "A", "customer": "L"}]})";
  for (const char* view : {"map", "issues", "fishbone"}) {
    const std::string out = dir.file(std::string(view) + ".dot");
    ASSERT_EQ(qchain_run("render " + dir.file("c.json") + " --view " + view + " --format dot -o " + out).code, 0) << view;
    EXPECT_EQ(std::system(("dot -Tcanon " + out + " >/dev/null 2>&1").c_str()), 0) << view;
  }
}

}  // namespace
