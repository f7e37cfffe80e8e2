// `qchain report FILE#CHAIN_ID`: the report from a workspace adds the sections 帮扶台账 and 历次调查趋势,
// the trend chart and the keys `ledger` and `trend` of report.json; the report of a file has none.
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <cstdlib>
#include <filesystem>
#include <regex>

#include "cli_support.hpp"

namespace qchain::test {
namespace {

std::string pilot(const std::string& name) { return source_path("data/pilots/" + name + ".json"); }

rapidjson::Document parse(const std::string& text) {
  rapidjson::Document d;
  d.Parse(text.c_str());
  EXPECT_FALSE(d.HasParseError()) << text.substr(0, 200);
  return d;
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// Both Anping snapshots and four entries: AP0006 done (2.5, 财政补贴) and dropped (no cost), AP0043 in
// progress (4, 认证贷), AP0053 dropped (1, 财政补贴).
struct Anping {
  TempDir dir;
  std::string ws = dir.file("ws.qcw");
  std::string ref = ws + "#anping-wire-mesh";
  Anping() {
    EXPECT_EQ(qchain_run("workspace init " + ws).code, 0);
    EXPECT_EQ(qchain_run("import " + ws + " " + pilot("anping-wire-mesh.before")).code, 0);
    EXPECT_EQ(qchain_run("import " + ws + " " + pilot("anping-wire-mesh")).code, 0);
    for (const char* add : {" add --firm AP0006 --provider 检测院 --provider-kind 检测机构 --status 完成 --cost 2.5 --funding 财政补贴",
                            " add --firm AP0043 --provider 认证中心 --provider-kind 认证机构 --status 进行中 --cost 4 --funding 认证贷",
                            " add --firm AP0006 --provider 检测院 --status 放弃",
                            " add --firm AP0053 --provider 认证中心 --status 放弃 --cost 1 --funding 财政补贴"}) {
      const CmdResult r = qchain_run("ledger " + ref + add);
      EXPECT_EQ(r.code, 0) << r.err;
    }
  }
};

// Firms of a segment in the bundled latest snapshot, counted from the file.
unsigned firms_in(const std::string& segment) {
  const rapidjson::Document d = parse(read(pilot("anping-wire-mesh")));
  unsigned n = 0;
  for (const auto& f : d["firms"].GetArray()) n += f.HasMember("segment") && f["segment"].GetString() == segment;
  return n;
}

TEST(WorkspaceReport, LedgerAndTrendSections) {
  Anping w;
  const std::string out = w.dir.file("report");
  const CmdResult r = qchain_run("report " + w.ref + " -o " + out);
  ASSERT_EQ(r.code, 0) << r.err;
  const rapidjson::Document d = parse(read(out + "/report.json"));
  ASSERT_TRUE(d.HasMember("ledger"));
  const auto& l = d["ledger"];
  EXPECT_EQ(l["entries"].GetUint(), 4u);
  EXPECT_EQ(l["by_status"]["planned"].GetUint(), 0u);
  EXPECT_EQ(l["by_status"]["in_progress"].GetUint(), 1u);
  EXPECT_EQ(l["by_status"]["done"].GetUint(), 1u);
  EXPECT_EQ(l["by_status"]["dropped"].GetUint(), 2u);
  EXPECT_DOUBLE_EQ(l["cost"].GetDouble(), 7.5);
  EXPECT_EQ(l["entries_without_cost"].GetUint(), 1u);
  const auto& funding = l["by_funding"];
  ASSERT_EQ(funding.Size(), 3u);
  EXPECT_STREQ(funding[0]["funding"].GetString(), "认证贷");
  EXPECT_DOUBLE_EQ(funding[0]["cost"].GetDouble(), 4);
  EXPECT_STREQ(funding[1]["funding"].GetString(), "财政补贴");
  EXPECT_DOUBLE_EQ(funding[1]["cost"].GetDouble(), 3.5);
  EXPECT_EQ(funding[1]["entries"].GetUint(), 2u);
  EXPECT_TRUE(funding[2]["funding"].IsNull());
  EXPECT_EQ(funding[2]["entries_without_cost"].GetUint(), 1u);
  const auto& providers = l["by_provider"];
  ASSERT_EQ(providers.Size(), 2u);
  EXPECT_STREQ(providers[0]["provider"].GetString(), "认证中心");
  EXPECT_DOUBLE_EQ(providers[0]["cost"].GetDouble(), 5);
  EXPECT_STREQ(providers[1]["provider"].GetString(), "检测院");
  EXPECT_EQ(providers[1]["entries_without_cost"].GetUint(), 1u);
  // AP0006 (线材) and AP0043 (拉丝); AP0053's only entry is dropped.
  EXPECT_EQ(l["firms_assisted"].GetUint(), 2u);
  EXPECT_EQ(l["firms_not_in_chain"].GetUint(), 0u);
  const auto& seg = l["segments"];
  ASSERT_EQ(seg.Size(), 5u);
  EXPECT_STREQ(seg[0]["segment"].GetString(), "wire-rod");
  EXPECT_EQ(seg[0]["firms"].GetUint(), firms_in("wire-rod"));
  EXPECT_EQ(seg[0]["firms_assisted"].GetUint(), 1u);
  EXPECT_STREQ(seg[1]["segment"].GetString(), "drawing");
  EXPECT_EQ(seg[1]["firms"].GetUint(), firms_in("drawing"));
  EXPECT_EQ(seg[1]["firms_assisted"].GetUint(), 1u);
  EXPECT_EQ(seg[2]["firms_assisted"].GetUint(), 0u);

  // The trend is what `qchain trend` says.
  ASSERT_TRUE(d.HasMember("trend"));
  const auto& t = d["trend"];
  ASSERT_EQ(t["snapshots"].Size(), 2u);
  EXPECT_STREQ(t["snapshots"][0]["as_of"].GetString(), "2024-06-30");
  EXPECT_STREQ(t["snapshots"][1]["as_of"].GetString(), "2025-06-30");
  const CmdResult trend = qchain_run("trend " + w.ref + " --json -");
  ASSERT_EQ(trend.code, 0) << trend.err;
  EXPECT_TRUE(t == parse(trend.out));

  const std::string html = read(out + "/report.html");
  EXPECT_TRUE(std::regex_search(html, std::regex("<h2>[一二三四五六七八九十]+、历次调查趋势</h2>"))) << html.substr(0, 300);
  EXPECT_TRUE(std::regex_search(html, std::regex("<h2>[一二三四五六七八九十]+、帮扶台账</h2>")));
  for (const char* part : {"<h3>按资金来源</h3>", "<h3>按服务机构</h3>", "<h3>各环节受帮扶企业</h3>", "<td>认证贷</td><td>1</td><td>4.00</td><td>0</td>",
                           "<td>进行中</td><td>1</td>", "其中 1 条未填写费用", "<g class=\"series\">"})
    EXPECT_TRUE(has(html, part)) << part;
  // The chart as a file too: well-formed XML with a series per leader, the mean and each segment.
  const std::string svg = out + "/trend.svg";
  ASSERT_TRUE(std::filesystem::exists(svg));
  const std::string check = std::string(QCHAIN_PYTHON) + " -c \"import sys, xml.etree.ElementTree as E\n"
      "r = E.parse(sys.argv[1]).getroot()\n"
      "print(len([g for g in r.iter('{http://www.w3.org/2000/svg}g') if g.get('class') == 'series']))\" " + svg;
  FILE* p = ::popen(check.c_str(), "r");
  char buf[64] = {};
  const std::size_t n = std::fread(buf, 1, sizeof buf - 1, p);
  EXPECT_EQ(::pclose(p), 0);
  const std::size_t series = t["leaders"].Size() + 1 + t["segments"].Size();
  EXPECT_EQ(std::string(buf, n), std::to_string(series) + "\n");
  EXPECT_GE(series, 7u);  // Anping: 2 leaders at least, the mean, 5 segments
}

// A project is listed with its progress, counted from the two snapshots: of the three firms having
// MTH-06 before, AP0088 and AP0097 no longer have it and AP0002 still does (read from the files here).
TEST(WorkspaceReport, ProjectsWithTheirProgress) {
  Anping w;
  const std::string out = w.dir.file("report");
  ASSERT_EQ(qchain_run("report " + w.ref + " -o " + out).code, 0);
  EXPECT_FALSE(parse(read(out + "/report.json")).HasMember("projects"));  // none yet
  const auto has_issue = [](const std::string& file, const char* firm) {
    const rapidjson::Document d = parse(read(file));
    for (const auto& f : d["firms"].GetArray())
      if (std::string(f["id"].GetString()) == firm && f.HasMember("issues"))
        for (const auto& i : f["issues"].GetArray())
          if (std::string(i["code"].GetString()) == "MTH-06") return true;
    return false;
  };
  unsigned had = 0, cleared = 0;
  for (const char* f : {"AP0088", "AP0097", "AP0002"}) {
    had += has_issue(pilot("anping-wire-mesh.before"), f);
    cleared += has_issue(pilot("anping-wire-mesh.before"), f) && !has_issue(pilot("anping-wire-mesh"), f);
  }
  ASSERT_EQ(had, 3u);
  const CmdResult add = qchain_run("project " + w.ref + " add --issue MTH-06 --leader AP0259 --title 作业指导书攻关 --firm AP0088"
                                   " --firm AP0097 --firm AP0002 --target-firms-cleared 4 --start 2024-07-01 --status 进行中");
  ASSERT_EQ(add.code, 0) << add.err;
  ASSERT_EQ(qchain_run("report " + w.ref + " -o " + out).code, 0);
  const rapidjson::Document d = parse(read(out + "/report.json"));
  ASSERT_TRUE(d.HasMember("projects") && d["projects"].IsArray() && d["projects"].Size() == 1u);
  const rapidjson::Value& progress = d["projects"][0]["progress"];
  ASSERT_TRUE(progress.IsObject());
  EXPECT_EQ(progress["had_issue_before"].GetUint(), had);
  EXPECT_EQ(progress["cleared"].GetUint(), cleared);
  EXPECT_DOUBLE_EQ(progress["attained"].GetDouble(), cleared / 4.0);
  EXPECT_FALSE(progress["met"].GetBool());
  // What `project show` says, number for number.
  const rapidjson::Document shown = parse(qchain_run("project " + w.ref + " show 1 --json -").out);
  EXPECT_TRUE(shown["progress"] == progress);
  const std::string html = read(out + "/report.html");
  EXPECT_TRUE(has(html, "<h3>质量攻关项目</h3>"));
  EXPECT_TRUE(has(html, "已消除 " + std::to_string(cleared) + "/3 家")) << html.substr(html.find("质量攻关项目"), 600);
}

TEST(WorkspaceReport, EnglishAndAnEarlierSnapshot) {
  Anping w;
  const std::string out = w.dir.file("en");
  const CmdResult r = qchain_run("--lang en report " + w.ref + "@2024-06-30 -o " + out);
  ASSERT_EQ(r.code, 0) << r.err;
  const std::string html = read(out + "/report.html");
  for (const char* part : {". Trend over the snapshots</h2>", ". Assistance ledger</h2>", "<h3>Cost by funding source</h3>",
                           "<td>in progress</td><td>1</td>", "(not given)", ">Snapshot date</text>"})
    EXPECT_TRUE(has(html, part)) << part;
  EXPECT_FALSE(has(html, "历次调查趋势"));
  // The trend stops at the snapshot reported on.
  const rapidjson::Document d = parse(read(out + "/report.json"));
  ASSERT_EQ(d["trend"]["snapshots"].Size(), 1u);
  EXPECT_STREQ(d["trend"]["snapshots"][0]["as_of"].GetString(), "2024-06-30");
  EXPECT_EQ(d["ledger"]["entries"].GetUint(), 4u);
}

TEST(WorkspaceReport, AFileHasNeitherSection) {
  TempDir dir;
  const std::string out = dir.file("file");
  const CmdResult r = qchain_run("report " + pilot("anping-wire-mesh") + " -o " + out);
  ASSERT_EQ(r.code, 0) << r.err;
  const rapidjson::Document d = parse(read(out + "/report.json"));
  EXPECT_FALSE(d.HasMember("ledger"));
  EXPECT_FALSE(d.HasMember("trend"));
  EXPECT_TRUE(d.HasMember("benchmark"));
  EXPECT_FALSE(std::filesystem::exists(out + "/trend.svg"));
  const std::string html = read(out + "/report.html");
  EXPECT_FALSE(has(html, "历次调查趋势"));
  EXPECT_FALSE(std::regex_search(html, std::regex("、帮扶台账</h2>")));
}

TEST(WorkspaceReport, AnEmptyLedgerSaysSo) {
  TempDir dir;
  const std::string ws = dir.file("ws.qcw");
  ASSERT_EQ(qchain_run("workspace init " + ws).code, 0);
  ASSERT_EQ(qchain_run("import " + ws + " " + pilot("anping-wire-mesh")).code, 0);
  const CmdResult r = qchain_run("report " + ws + "#anping-wire-mesh -o " + dir.file("r"));
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_TRUE(has(read(dir.file("r") + "/report.html"), "本链的帮扶台账中尚无条目"));
  const rapidjson::Document d = parse(read(dir.file("r") + "/report.json"));
  EXPECT_EQ(d["ledger"]["entries"].GetUint(), 0u);
  EXPECT_EQ(d["trend"]["snapshots"].Size(), 1u);
}

}  // namespace
}  // namespace qchain::test

namespace qchain::test {
namespace {

// The README demo's workspace part: the ledger its five entries and the plan's three picks make, and
// the same bytes when run again (it starts from an empty workspace each time).
TEST(WorkspaceReport, TheDemoBuildsTheWorkspaceAndItsReportAgainAlike) {
  TempDir dir;
  const std::string cmd = source_path("scripts/demo-workspace") + " " + dir.path() + " " + QCHAIN_BINARY + " >/dev/null 2>&1";
  ASSERT_EQ(std::system(cmd.c_str()), 0);
  const std::string json = read(dir.file("anping-workspace/report.json"));
  const std::string html = read(dir.file("anping-workspace/report.html"));
  const rapidjson::Document d = parse(json);
  const auto& l = d["ledger"];
  EXPECT_EQ(l["entries"].GetUint(), 8u);
  EXPECT_EQ(l["by_status"]["planned"].GetUint(), 4u);  // AP0039 and the plan's three picks
  EXPECT_EQ(l["by_status"]["in_progress"].GetUint(), 1u);
  EXPECT_EQ(l["by_status"]["done"].GetUint(), 2u);
  EXPECT_EQ(l["by_status"]["dropped"].GetUint(), 1u);
  EXPECT_NEAR(l["cost"].GetDouble(), 9.3, 1e-9);  // 1.5 + 3 + 4 + 0.8
  ASSERT_EQ(l["by_funding"].Size(), 3u);
  EXPECT_STREQ(l["by_funding"][0]["funding"].GetString(), "财政补贴");
  EXPECT_NEAR(l["by_funding"][0]["cost"].GetDouble(), 5.3, 1e-9);
  EXPECT_EQ(l["by_funding"][2]["entries"].GetUint(), 4u);
  ASSERT_EQ(l["by_provider"].Size(), 3u);
  EXPECT_STREQ(l["by_provider"][0]["provider"].GetString(), "中国质量认证中心石家庄分中心");
  EXPECT_NEAR(l["by_provider"][0]["cost"].GetDouble(), 7, 1e-9);
  EXPECT_EQ(l["by_provider"][1]["entries_without_cost"].GetUint(), 1u);  // AP0039's training
  EXPECT_TRUE(l["by_provider"][2]["provider"].IsNull());
  EXPECT_EQ(d["trend"]["snapshots"].Size(), 2u);
  EXPECT_TRUE(has(html, "、帮扶台账</h2>"));
  ASSERT_EQ(std::system(cmd.c_str()), 0);
  EXPECT_EQ(read(dir.file("anping-workspace/report.json")), json);
  EXPECT_EQ(read(dir.file("anping-workspace/report.html")), html);
}

}  // namespace
}  // namespace qchain::test
