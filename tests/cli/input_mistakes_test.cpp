// The planner's mistakes that used to pass in silence or destroy data: each must now be refused or
// named. Runs the executable as a user would (English messages where a test reads them).
#include <rapidjson/document.h>

#include <filesystem>
#include <fstream>
#include <regex>

#include "../support/test_support.hpp"
#include "cli_support.hpp"

namespace {

using namespace qchain;
using test::CmdResult;
using test::qchain_run;
using test::read;

const std::string kUmbrella = test::source_path("tests/data/umbrella/umbrella-38.json");

void write(const std::string& path, const std::string& text) { std::ofstream(path, std::ios::binary) << text; }

// A small CSV folder chain: A and B supply the leader L.
void csv_chain(const std::string& dir, const std::string& firms_header = "id,name,role,first_pass_yield",
               const std::string& extra_firm_cells = "") {
  write(dir + "/firms.csv", firms_header + "\nA,甲厂,micro,0.9" + extra_firm_cells + "\nB,乙厂,small,0.92" + extra_firm_cells +
                                "\nL,链主厂,chain_leader,0.97" + extra_firm_cells + "\n");
  write(dir + "/links.csv", "supplier,customer\nA,L\nB,L\n");
}

rapidjson::Document parse(const std::string& text) {
  rapidjson::Document d;
  d.Parse(text.c_str());
  EXPECT_FALSE(d.HasParseError()) << text.substr(0, 200);
  return d;
}

// 1. An output inside a CSV-folder chain never overwrites the chain's files.
TEST(InputMistakes, OutputOverAFileOfTheInputFolderIsRefused) {
  test::TempDir dir;
  csv_chain(dir.path());
  const std::string before = read(dir.file("links.csv"));
  const CmdResult r = qchain_run("--lang en render " + dir.path() + " --format svg -o " + dir.file("links.csv"));
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("refusing"), std::string::npos) << r.err;
  EXPECT_EQ(read(dir.file("links.csv")), before);
  // Also a chain file that does not exist yet (chain.csv is optional, and would be read next time),
  // the folder itself as an export target, and JSON outputs.
  EXPECT_EQ(qchain_run("render " + dir.path() + " -o " + dir.file("chain.csv") + " --format dot").code, 2);
  EXPECT_FALSE(std::filesystem::exists(dir.file("chain.csv")));
  EXPECT_EQ(qchain_run("export " + dir.path() + " --format csv -o " + dir.path()).code, 2);
  EXPECT_EQ(qchain_run("summary " + dir.path() + " --json " + dir.file("firms.csv")).code, 2);
  EXPECT_EQ(read(dir.file("links.csv")), before);
  // Other files in the folder are fine.
  EXPECT_EQ(qchain_run("summary " + dir.path() + " --json " + dir.file("summary.json")).code, 0);
}

// 2. One rule for "in force": a valid certificate past its expiry date counts as expired in summary.
TEST(InputMistakes, ExpiredCertificatesDoNotCountAsCoverage) {
  test::TempDir dir;
  write(dir.file("c.json"), R"({"format": "qchain-chain/1", "chain": {"id": "c", "name": "c", "as_of": "2025-06-30"},
    "firms": [{"id": "A", "name": "a", "role": "micro", "certifications": [{"scheme": "ISO9001", "status": "valid", "expires": "2024-01-01"}]},
              {"id": "B", "name": "b", "role": "micro", "certifications": [{"scheme": "ISO9001", "status": "valid", "expires": "2026-01-01"}]},
              {"id": "L", "name": "l", "role": "chain_leader"}],
    "links": [{"supplier": "A", "customer": "L"}, {"supplier": "B", "customer": "L"}]})");
  const rapidjson::Document d = parse(qchain_run("summary " + dir.file("c.json") + " --json -").out);
  const auto& iso = d["certifications"][0];
  EXPECT_NEAR(iso["coverage"].GetDouble(), 1.0 / 3, 1e-12);
  EXPECT_EQ(iso["expired"].GetUint(), 1u);
  EXPECT_EQ(iso["valid"].GetUint(), 1u);
}

// 3. Headers as spreadsheets write them.
TEST(InputMistakes, CsvHeadersAreReadDespiteCaseSpacesAndFullWidth) {
  test::TempDir dir;
  csv_chain(dir.path(), "ID, Name ,ＲＯＬＥ,First_Pass_Yield ,,,", ",,");
  const CmdResult r = qchain_run("--lang en check " + dir.path());
  EXPECT_EQ(r.code, 1) << r.out;  // warnings only
  EXPECT_NE(r.out.find("First_Pass_Yield: column header read as first_pass_yield"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("unknown column"), std::string::npos) << r.out;  // the blank header cells say nothing
  const rapidjson::Document d = parse(qchain_run("analyze " + dir.path() + " --only quality --json -").out);
  EXPECT_FALSE(d["quality"]["firms"]["A"]["imputed"].GetBool());  // the yield was read, not imputed
}

TEST(InputMistakes, AnUnknownColumnThatDropsTheYieldIsAnError) {
  test::TempDir dir;
  csv_chain(dir.path(), "id,name,role,first_pass_yeild");
  const CmdResult r = qchain_run("--lang en check " + dir.path());
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.out.find("first_pass_yeild: unknown column, and first_pass_yield, which every analysis needs, is missing "
                       "(did you mean first_pass_yield?)"),
            std::string::npos)
      << r.out;
  // With the yield column present an unknown extra column is only a warning.
  csv_chain(dir.path(), "id,name,role,first_pass_yield,remarks", ",x");
  EXPECT_EQ(qchain_run("check " + dir.path()).code, 1);
}

// 4. One scheme however it is spelt; decertify must name a certificate the firm holds.
TEST(InputMistakes, SchemeSpellingsAreOneSchemeAndDecertifyIsChecked) {
  test::TempDir dir;
  write(dir.file("c.json"), R"({"format": "qchain-chain/1", "chain": {"id": "c", "name": "c"},
    "firms": [{"id": "A", "name": "a", "role": "micro", "certifications": [{"scheme": "ISO 9001", "status": "valid"}]},
              {"id": "B", "name": "b", "role": "micro", "certifications": [{"scheme": "iso9001", "status": "valid"}]},
              {"id": "C", "name": "c", "role": "micro", "certifications": [{"scheme": "ISO14001", "status": "valid"}]},
              {"id": "L", "name": "l", "role": "chain_leader"}],
    "links": [{"supplier": "A", "customer": "L", "input": "x", "requires": ["ISO-9001"]},
              {"supplier": "B", "customer": "L", "input": "x", "requires": ["ISO9001"]},
              {"supplier": "C", "customer": "L", "input": "y"}]})");
  const CmdResult check = qchain_run("--lang en check " + dir.file("c.json"));
  EXPECT_NE(check.out.find("certification scheme \"iso9001\" read as \"ISO 9001\""), std::string::npos) << check.out;
  const rapidjson::Document s = parse(qchain_run("summary " + dir.file("c.json") + " --json -").out);
  EXPECT_EQ(s["certifications"].Size(), 2u);  // ISO 9001 and ISO14001

  write(dir.file("not-held.json"), R"({"format": "qchain-scenario/1", "events": [{"type": "decertify", "firm": "C", "scheme": "ISO 9001"}]})");
  const CmdResult bad = qchain_run("--lang en whatif " + dir.file("c.json") + " " + dir.file("not-held.json"));
  EXPECT_EQ(bad.code, 2);
  EXPECT_NE(bad.err.find("does not hold ISO 9001"), std::string::npos) << bad.err;

  // Held, spelt another way, and required: the link stops. Held but required by no link: a warning.
  write(dir.file("held.json"), R"({"format": "qchain-scenario/1", "events": [{"type": "decertify", "firm": "A", "scheme": "iso 9001"}]})");
  rapidjson::Document w = parse(qchain_run("whatif " + dir.file("c.json") + " " + dir.file("held.json") + " --json -").out);
  EXPECT_EQ(w["scenarios"][0]["warnings"].Size(), 0u);
  write(dir.file("idle.json"), R"({"format": "qchain-scenario/1", "events": [{"type": "decertify", "firm": "C", "scheme": "ISO14001"}]})");
  w = parse(qchain_run("whatif " + dir.file("c.json") + " " + dir.file("idle.json") + " --json -").out);
  ASSERT_EQ(w["scenarios"][0]["warnings"].Size(), 1u);
  EXPECT_STREQ(w["scenarios"][0]["warnings"][0]["code"].GetString(), "decertify_without_effect");
  EXPECT_NE(qchain_run("--lang en whatif " + dir.file("c.json") + " " + dir.file("idle.json")).out.find("ISO14001 stops no delivery: no customer requires it"),
            std::string::npos);
}

// 5. --top is honoured, and the stopped firms are named, not only counted.
TEST(InputMistakes, WhatIfTextNamesStoppedFirmsAndHonoursTop) {
  const std::string pilot = test::source_path("data/pilots/anping-wire-mesh.json");
  const std::string scenario = test::source_path("data/scenarios/anping-wire-mesh--filter-cloth-iso9001-withdrawn.json");
  const rapidjson::Document d = parse(qchain_run("whatif " + pilot + " " + scenario + " --json -").out);
  const auto& stopped = d["scenarios"][0]["production"]["stopped"];
  ASSERT_GT(stopped.Size(), 0u);
  const CmdResult text = qchain_run("--lang en whatif " + pilot + " " + scenario + " --top 50");
  EXPECT_NE(text.out.find("Firms stopped:"), std::string::npos);
  for (const auto& id : stopped.GetArray()) EXPECT_NE(text.out.find(std::string("  ") + id.GetString() + " "), std::string::npos);
  // A long list is cut at --top and says so; a larger --top shows more than ten rows.
  const CmdResult one = qchain_run("--lang en whatif " + pilot + " " + scenario + " --top 1");
  EXPECT_NE(one.out.find("more (--top shows more)"), std::string::npos) << one.out;
  const CmdResult risk = qchain_run("--lang en risk " + pilot + " --runs 200 --seed 1 --top 15");
  const auto start = risk.out.find("Firms by expected attributable loss");
  ASSERT_NE(start, std::string::npos);
  // The heading, the table's two header lines, 15 rows and the line that says the list was cut.
  EXPECT_EQ(std::count(risk.out.begin() + static_cast<std::ptrdiff_t>(start), risk.out.end(), '\n'), 1 + 2 + 15 + 1);
  EXPECT_NE(risk.out.find("more (--top shows more)", start), std::string::npos);
}

// 6. A plan needs leaders.
TEST(InputMistakes, PlanWithoutLeadersIsAnError) {
  test::TempDir dir;
  write(dir.file("c.json"), R"({"format": "qchain-chain/1", "chain": {"id": "c", "name": "c"},
    "firms": [{"id": "A", "name": "a", "role": "micro", "first_pass_yield": 0.9}, {"id": "B", "name": "b", "role": "large", "first_pass_yield": 0.95}],
    "links": [{"supplier": "A", "customer": "B"}]})");
  const CmdResult r = qchain_run("--lang en plan " + dir.file("c.json") + " --budget 1");
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("no chain_leader"), std::string::npos) << r.err;
  EXPECT_EQ(r.out.find("0.000"), std::string::npos);
}

// 7. The output's extension and --format must agree.
TEST(InputMistakes, FormatContradictingTheExtensionIsAnError) {
  test::TempDir dir;
  const std::string pilot = test::source_path("data/pilots/shaxian-snacks.json");
  const CmdResult r = qchain_run("--lang en render " + pilot + " --format png -o " + dir.file("x.svg"));
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("contradicts"), std::string::npos) << r.err;
  EXPECT_FALSE(std::filesystem::exists(dir.file("x.svg")));
  EXPECT_EQ(qchain_run("export " + pilot + " --format graphml -o " + dir.file("x.json")).code, 2);
  EXPECT_EQ(qchain_run("render " + pilot + " --format dot -o " + dir.file("x.gv")).code, 0);  // not a format's name: fine
}

// 8. A repeated firm is one error that names both CSV lines, and no "no supply links" besides.
TEST(InputMistakes, DuplicatedFirmInCsvNamesBothLines) {
  test::TempDir dir;
  write(dir.file("firms.csv"), "id,name,role,first_pass_yield\nA,甲厂,micro,0.9\nL,链主,chain_leader,0.97\nA,甲厂二,small,0.91\n");
  write(dir.file("links.csv"), "supplier,customer\nA,L\n");
  const CmdResult r = qchain_run("--lang en check " + dir.path());
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.out.find("firms.csv:4: id: duplicate firm id \"A\" (甲厂二) (first at line 2)"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("no supply links"), std::string::npos) << r.out;
}

// 9. A number past double's range names its field, in CSV as in JSON.
TEST(InputMistakes, NumberOutOfRangeNamesItsField) {
  test::TempDir dir;
  csv_chain(dir.path(), "id,name,role,first_pass_yield,revenue", ",1e999");
  const CmdResult r = qchain_run("--lang en check " + dir.path());
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.out.find("firms.csv:2: revenue: number out of range: \"1e999\""), std::string::npos) << r.out;
  const CmdResult j = qchain_run("--lang en check " + test::source_path("tests/data/bad/huge-number.json"));
  EXPECT_NE(j.out.find("firms[0].first_pass_yield: number out of range"), std::string::npos) << j.out;
}

// 10. Messages name the firm by id and name.
TEST(InputMistakes, MessagesNameTheFirm) {
  test::TempDir dir;
  write(dir.file("firms.csv"), "id,name,role,first_pass_yield\nA,恒达丝网,micro,95\nL,链主,chain_leader,0.97\n");
  write(dir.file("links.csv"), "supplier,customer\nA,L\n");
  const CmdResult r = qchain_run("--lang en check " + dir.path());
  // A yield written as a percentage is an error that says so, never a silent guess.
  EXPECT_NE(r.out.find("first_pass_yield: must be between 0 and 1, got 95 (if 95 % is meant, write 0.95 or 95%) [firm \"A\" (恒达丝网)]"),
            std::string::npos)
      << r.out;
}

// Shares that leave part of an input open: the rest comes from outside the chain.
TEST(InputMistakes, SharesBelowOneLeaveTheRestToSourcesOutsideTheChain) {
  test::TempDir dir;
  write(dir.file("c.json"), R"({"format": "qchain-chain/1", "chain": {"id": "c", "name": "c"},
    "firms": [{"id": "A", "name": "伞骨厂", "role": "micro", "first_pass_yield": 0.9},
              {"id": "L", "name": "链主", "role": "chain_leader", "first_pass_yield": 0.97}],
    "links": [{"supplier": "A", "customer": "L", "input": "伞骨架", "share": 0.2}]})");
  const CmdResult check = qchain_run("--lang en check " + dir.file("c.json"));
  EXPECT_EQ(check.code, 1);
  EXPECT_NE(check.out.find("shares of input \"伞骨架\" into \"L\" (链主) add up to 0.2, less than 1"), std::string::npos) << check.out;
  const rapidjson::Document a = parse(qchain_run("analyze " + dir.file("c.json") + " --only structure --json -").out);
  EXPECT_EQ(a["structure"]["leaders"][0]["critical_suppliers"].Size(), 0u);  // no longer a single point of failure
  write(dir.file("stop.json"), R"({"format": "qchain-scenario/1", "events": [{"type": "stop", "firms": ["A"]}]})");
  const rapidjson::Document w = parse(qchain_run("whatif " + dir.file("c.json") + " " + dir.file("stop.json") + " --json -").out);
  EXPECT_NEAR(w["scenarios"][0]["production"]["leaders"][0]["level"].GetDouble(), 0.8, 1e-12);
  // Quality as before: the recorded source's defects are the input's.
  const rapidjson::Document q = parse(qchain_run("analyze " + dir.file("c.json") + " --only quality --json -").out);
  EXPECT_NEAR(q["quality"]["leaders"][0]["delivered_yield"].GetDouble(), 1 - 0.1 * (1 - 0.97 * (1 - 0.1 * 0.1)), 1e-12);
}

// The umbrella case of the issue: believable delivered yields with the default detection, and the
// old figures (every first-pass failure shipped) when detection is set to 0.
TEST(QualityModel, UmbrellaLeadersDeliverAsAQualityEngineerWouldExpect) {
  const rapidjson::Document d = parse(qchain_run("analyze " + kUmbrella + " --only quality --json -").out);
  const auto& q = d["quality"];
  ASSERT_EQ(q["leaders"].Size(), 2u);
  for (const auto& l : q["leaders"].GetArray()) {
    const double y = l["delivered_yield"].GetDouble();
    EXPECT_GT(y, 0.98);
    EXPECT_LT(y, 0.995);
  }
  EXPECT_STREQ(q["defaults"]["detection"]["source"].GetString(), "built_in");
  EXPECT_EQ(q["defaults"]["detection"]["firms"].GetUint(), 38u);
  EXPECT_EQ(q["defaults"]["inspection"]["links"].GetUint(), graphs::require_chain(graphs::load_chain(kUmbrella)).link_count());
  // The range brackets the main figure: less detection, lower delivered yield.
  const auto& range = q["detection_range"];
  ASSERT_TRUE(range.IsObject());
  for (rapidjson::SizeType i = 0; i < 2; ++i) {
    const double y = q["leaders"][i]["delivered_yield"].GetDouble();
    EXPECT_LT(range["leaders"][i]["delivered_yield_low"].GetDouble(), y);
    EXPECT_GT(range["leaders"][i]["delivered_yield_high"].GetDouble(), y);
  }

  test::TempDir dir;
  std::string text = read(kUmbrella);
  const std::string key = "\"as_of\": \"2025-06-30\"";
  text.replace(text.find(key), key.size(), key + ", \"defaults\": {\"detection\": 0}");
  write(dir.file("u0.json"), text);
  const rapidjson::Document old = parse(qchain_run("analyze " + dir.file("u0.json") + " --only quality --json -").out);
  for (const auto& l : old["quality"]["leaders"].GetArray()) EXPECT_LT(l["delivered_yield"].GetDouble(), 0.35);
  EXPECT_STREQ(old["quality"]["defaults"]["detection"]["source"].GetString(), "chain");
}

TEST(QualityModel, NoRangeWhenEveryFirmHasItsDetection) {
  test::TempDir dir;
  write(dir.file("c.json"), R"({"format": "qchain-chain/1", "chain": {"id": "c", "name": "c"},
    "firms": [{"id": "A", "name": "a", "role": "micro", "first_pass_yield": 0.9, "detection": 0.7},
              {"id": "L", "name": "l", "role": "chain_leader", "first_pass_yield": 0.97, "detection": 0.95}],
    "links": [{"supplier": "A", "customer": "L", "inspection": 0.2}]})");
  const rapidjson::Document d = parse(qchain_run("analyze " + dir.file("c.json") + " --only quality --json -").out);
  EXPECT_TRUE(d["quality"]["detection_range"].IsNull());
  EXPECT_EQ(d["quality"]["defaults"]["detection"]["firms"].GetUint(), 0u);
  EXPECT_EQ(d["quality"]["defaults"]["inspection"]["links"].GetUint(), 0u);
  const double dA = 0.3 * 0.1;
  EXPECT_NEAR(d["quality"]["leaders"][0]["delivered_yield"].GetDouble(), 1 - 0.05 * (1 - 0.97 * (1 - dA * 0.8)), 1e-12);
}

// Detection and the chain defaults survive export in every form that can carry them.
TEST(QualityModel, DetectionAndDefaultsRoundTripThroughJsonAndCsv) {
  test::TempDir dir;
  write(dir.file("c.json"), R"({"format": "qchain-chain/1", "chain": {"id": "c", "name": "c", "defaults": {"detection": 0.85, "inspection": 0.1}},
    "firms": [{"id": "A", "name": "a", "role": "micro", "first_pass_yield": 0.9, "detection": 0.7},
              {"id": "L", "name": "l", "role": "chain_leader", "first_pass_yield": 0.97}],
    "links": [{"supplier": "A", "customer": "L", "inspection": 0.2}, {"supplier": "L", "customer": "A", "input": "back", "essential": false}]})");
  ASSERT_EQ(qchain_run("export " + dir.file("c.json") + " --format csv -o " + dir.file("csv")).code, 0);
  ASSERT_EQ(qchain_run("export " + dir.file("csv") + " --format json -o " + dir.file("back.json")).code, 0);
  const graphs::ChainGraph a = graphs::require_chain(graphs::load_chain(dir.file("c.json")));
  const graphs::ChainGraph b = graphs::require_chain(graphs::load_chain(dir.file("back.json")));
  EXPECT_TRUE(test::same_chain(a, b));
  EXPECT_DOUBLE_EQ(b.detection_of(1), 0.85);
  EXPECT_DOUBLE_EQ(b.link(1).inspection, 0.1);  // the chain's default, not written on the link
  EXPECT_FALSE(b.link(1).inspection_given);
}

}  // namespace

namespace {

// A spread over most of a 5,000-firm chain once ran 15 minutes inside Graphviz: the scenario view
// must aggregate like the map, keeping the firms hit hardest, the leaders and the groups affected.
TEST(ScenarioMap, ASpreadOverMostOfALargeChainRendersAggregated) {
  test::TempDir dir;
  const std::string chain = dir.file("g.json");
  ASSERT_EQ(std::system((std::string(QCHAIN_GENERATE) + " --firms 5000 --seed 3 -o " + chain).c_str()), 0);
  write(dir.file("s.json"), R"({"format": "qchain-scenario/1", "events": [
      {"type": "spread_issue", "code": "ISS-002", "segment": "seg0", "severity": 3},
      {"type": "stop", "firms": ["F0000001", "F0000002"]}]})");
  const CmdResult dot = qchain_run("render " + chain + " --view scenario --scenario " + dir.file("s.json") + " --format dot -o -");
  ASSERT_EQ(dot.code, 0) << dot.err;
  const std::regex node_line(R"(\n\s+[fg][0-9x][0-9a-z_]*\s+\[)");
  const auto nodes = static_cast<std::size_t>(std::distance(std::sregex_iterator(dot.out.begin(), dot.out.end(), node_line), std::sregex_iterator()));
  EXPECT_GT(nodes, 10u);
  EXPECT_LT(nodes, 400u) << "the scenario view was not aggregated";
  EXPECT_NE(dot.out.find("F0000001"), std::string::npos);  // a stopped firm stays individual
  EXPECT_NE(dot.out.find("_hit"), std::string::npos);      // the affected firms' groups
  const CmdResult svg = qchain_run("render " + chain + " --view scenario --scenario " + dir.file("s.json") + " -o " + dir.file("s.svg"));
  EXPECT_EQ(svg.code, 0) << svg.err;
  // No layout is started above the cap, whatever --max-nodes says.
  const CmdResult all = qchain_run("--lang en render " + chain + " --max-nodes 100000 -o " + dir.file("all.svg"));
  EXPECT_EQ(all.code, 2);
  EXPECT_NE(all.err.find("more than the 1500 a layout is started on"), std::string::npos) << all.err;
}

}  // namespace
