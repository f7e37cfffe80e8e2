// The firms' optional outcome fields (profit, operating_cost, quality_cost, satisfaction): read from
// JSON, CSV and the workbook, checked by the builder, absent where not given, written back by every
// writer that round-trips, and left out of the files of a chain that has none.
#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <fstream>

#include "../support/test_support.hpp"
#include "../support/workbooks.hpp"
#include "qchain/graphs/chain_csv_writer.hpp"
#include "qchain/graphs/chain_export.hpp"
#include "qchain/graphs/chain_xlsx_writer.hpp"

namespace {

using namespace qchain;
using namespace qchain::graphs;

void write(const std::string& path, const std::string& text) { std::ofstream(path, std::ios::binary) << text; }

std::vector<std::string> errors_of(const ChainLoad& load) {
  std::vector<std::string> m;
  for (const Diagnostic& d : load.diagnostics)
    if (d.severity == Severity::error) m.push_back(format_diagnostic(d));
  return m;
}

// A with all four (a loss), B with two, C with none, L with a zero operating cost.
const char* kChain = R"({"format": "qchain-chain/1", "chain": {"id": "o", "name": "o", "as_of": "2025-06-30"},
 "firms": [
  {"id": "A", "name": "a", "role": "micro", "revenue": 120, "profit": -7.5, "operating_cost": 118.25, "quality_cost": 3.5, "satisfaction": 0.92},
  {"id": "B", "name": "b", "role": "small", "revenue": 300, "profit": 21, "satisfaction": 1},
  {"id": "C", "name": "c", "role": "small", "revenue": 80},
  {"id": "L", "name": "l", "role": "chain_leader", "operating_cost": 0}],
 "links": [{"supplier": "A", "customer": "L"}, {"supplier": "B", "customer": "L"}, {"supplier": "C", "customer": "L"}]})";

const FirmOutcomes& outcomes(const ChainGraph& g, const char* id) { return g.outcomes_of(g.firm(*g.find_firm(id))); }

TEST(OutcomeFields, ReadFromJsonAndAbsentWhereNotGiven) {
  const ChainGraph g = test::load_text(kChain);
  const FirmOutcomes& a = outcomes(g, "A");
  EXPECT_EQ(a.profit, -7.5);
  EXPECT_EQ(a.operating_cost, 118.25);
  EXPECT_EQ(a.quality_cost, 3.5);
  EXPECT_EQ(a.satisfaction, 0.92);
  const FirmOutcomes& b = outcomes(g, "B");
  EXPECT_EQ(b.profit, 21.0);
  EXPECT_TRUE(std::isnan(b.operating_cost));  // not 0
  EXPECT_TRUE(std::isnan(b.quality_cost));
  EXPECT_EQ(b.satisfaction, 1.0);
  EXPECT_EQ(g.firm(*g.find_firm("C")).outcomes, kNone);
  EXPECT_FALSE(outcomes(g, "C").any());
  EXPECT_TRUE(std::isnan(outcomes(g, "C").profit));
  EXPECT_EQ(outcomes(g, "L").operating_cost, 0.0);  // zero is a value
  EXPECT_EQ(g.outcomes().size(), 3u);
  // A chain without them has no side table at all.
  const ChainGraph plain = require_chain(load_chain(test::source_path("data/pilots/huangpu-smart-equipment.json")));
  EXPECT_TRUE(plain.outcomes().empty());
}

TEST(OutcomeFields, OutOfRangeValuesNameFieldAndFirm) {
  const auto load = load_chain_json_text(R"({"format": "qchain-chain/1", "chain": {"id": "x", "name": "X"},
    "firms": [{"id": "A", "name": "a", "role": "micro", "operating_cost": -1, "quality_cost": -0.5},
              {"id": "B", "name": "b", "role": "micro", "satisfaction": 1.2, "profit": -1e6},
              {"id": "C", "name": "c", "role": "micro", "profit": "many"}],
    "links": [{"supplier": "A", "customer": "B"}, {"supplier": "C", "customer": "B"}]})",
                                         "t.json");
  const auto m = errors_of(load);
  EXPECT_FALSE(load.chain);
  EXPECT_EQ(load.errors, 4u) << ::testing::PrintToString(m);
  const std::vector<std::string> expected = {
      "t.json:2:57: firms[0].operating_cost: must not be negative, got -1 [firm \"A\" (a)]",
      "t.json:2:79: firms[0].quality_cost: must not be negative, got -0.5 [firm \"A\" (a)]",
      "t.json:3:57: firms[1].satisfaction: must be between 0 and 1, got 1.2 [firm \"B\" (b)]"};
  for (const auto& e : expected) EXPECT_NE(std::find(m.begin(), m.end(), e), m.end()) << e << "\nin " << ::testing::PrintToString(m);
  // A negative profit is a loss, not an error; a profit that is not a number is.
  EXPECT_EQ(std::count_if(m.begin(), m.end(), [](const std::string& s) { return s.find("firms[1].profit") != std::string::npos; }), 0);
  EXPECT_EQ(std::count_if(m.begin(), m.end(), [](const std::string& s) { return s.find("firms[2].profit") != std::string::npos; }), 1)
      << ::testing::PrintToString(m);
}

TEST(OutcomeFields, CsvColumnsInChineseAndTheirMistakes) {
  test::TempDir dir;
  // Chinese headers, a percent satisfaction, thousands separators; one firm without any.
  write(dir.file("firms.csv"),
        "企业编号,企业名称,规模,一次合格率,营业收入,利润,营业成本,质量成本,满意度\n"
        "A,甲,micro,0.9,120,-7.5,\"1,180.5\",3.5,92%\n"
        "B,乙,micro,0.9,80,,,,\n"
        "L,链主,chain_leader,,,,,,0.9\n");
  write(dir.file("links.csv"), "supplier,customer\nA,L\nB,L\n");
  const ChainLoad load = load_chain(dir.path());
  ASSERT_TRUE(load.chain) << ::testing::PrintToString(errors_of(load));
  const ChainGraph& g = *load.chain;
  EXPECT_EQ(outcomes(g, "A").profit, -7.5);
  EXPECT_EQ(outcomes(g, "A").operating_cost, 1180.5);
  EXPECT_EQ(outcomes(g, "A").quality_cost, 3.5);
  EXPECT_DOUBLE_EQ(outcomes(g, "A").satisfaction, 0.92);
  EXPECT_FALSE(outcomes(g, "B").any());
  EXPECT_EQ(outcomes(g, "L").satisfaction, 0.9);
  EXPECT_TRUE(std::isnan(outcomes(g, "L").profit));

  test::TempDir bad;
  write(bad.file("firms.csv"),
        "id,name,role,first_pass_yield,satisfaction,quality_cost\nA,甲,micro,0.9,95,\nB,乙,micro,0.9,0.5,-3\nL,链主,chain_leader,,,\n");
  write(bad.file("links.csv"), "supplier,customer\nA,L\nB,L\n");
  const auto m = errors_of(load_chain(bad.path()));
  ASSERT_EQ(m.size(), 2u) << ::testing::PrintToString(m);
  EXPECT_EQ(m[0], bad.path() + "/firms.csv:2: satisfaction: must be between 0 and 1, got 95 (if 95 % is meant, write 0.95 or 95%) [firm \"A\" (甲)]");
  EXPECT_EQ(m[1], bad.path() + "/firms.csv:3: quality_cost: must not be negative, got -3 [firm \"B\" (乙)]");
}

TEST(OutcomeFields, RoundTripThroughJsonCsvAndWorkbook) {
  const ChainGraph g = test::load_text(kChain);
  const ChainGraph json = test::load_text(chain_to_json(g));
  EXPECT_TRUE(test::same_chain(g, json));
  EXPECT_TRUE(std::isnan(outcomes(json, "B").operating_cost));
  test::TempDir dir;
  write_chain_csv(g, dir.file("csv"));
  const ChainGraph csv = require_chain(load_chain(dir.file("csv")));
  EXPECT_TRUE(test::same_chain(g, csv));
  EXPECT_EQ(csv.firm(*csv.find_firm("C")).outcomes, kNone);
  for (const bool zh : {true, false}) {
    const std::string out = dir.file(zh ? "zh.xlsx" : "en.xlsx");
    write_chain_xlsx(g, out, zh);
    const ChainLoad back = load_chain(out);
    ASSERT_TRUE(back.chain) << ::testing::PrintToString(errors_of(back));
    EXPECT_TRUE(test::same_chain(g, *back.chain));
    EXPECT_EQ(back.chain->firm(*back.chain->find_firm("C")).outcomes, kNone);
  }
}

TEST(OutcomeFields, FilesOfAChainWithoutThemHaveNoSuchColumns) {
  const ChainGraph plain = require_chain(load_chain(test::source_path("data/pilots/shaxian-snacks.json")));
  const ChainGraph with = test::load_text(kChain);
  const auto firms_csv = [](const ChainGraph& g) {
    for (const auto& [name, text] : chain_to_csv(g))
      if (name == "firms.csv") return text.substr(0, text.find("\r\n"));
    return std::string();
  };
  EXPECT_EQ(firms_csv(plain),
            "id,name,role,segment,region,first_pass_yield,maturity,employees,revenue,certifications,issues,assisted_by,"
            "assisted_since,assisted_programme,detection,willingness");
  EXPECT_EQ(firms_csv(with),
            "id,name,role,segment,region,first_pass_yield,maturity,employees,revenue,certifications,issues,assisted_by,"
            "assisted_since,assisted_programme,detection,willingness,profit,operating_cost,quality_cost,satisfaction");
  for (const auto& [name, text] : chain_to_csv(with))
    if (name == "firms.csv") {
      EXPECT_NE(text.find("\r\nC,c,small,,,,,,80,,,,,,,,,,,\r\n"), std::string::npos) << text;
    }
  const std::string j = chain_to_json(plain);
  for (const char* key : {"\"profit\"", "\"operating_cost\"", "\"quality_cost\"", "\"satisfaction\""})
    EXPECT_EQ(j.find(key), std::string::npos) << key;
}

TEST(OutcomeFields, TemplateAndWorkbookColumns) {
  if (!test::has_openpyxl()) GTEST_SKIP() << "python3-openpyxl is not installed";
  test::TempDir dir;
  write_survey_template(dir.file("survey.xlsx"), true);
  write_chain_xlsx(test::load_text(kChain), dir.file("with.xlsx"), true);
  write_chain_xlsx(require_chain(load_chain(test::source_path("data/pilots/shaxian-snacks.json"))), dir.file("plain.xlsx"), true);
  const std::string check = std::string(QCHAIN_PYTHON) + " -c \"import sys, openpyxl\n"
      "head = lambda f: [c.value for c in openpyxl.load_workbook(f)['企业'][1]]\n"
      "want = ['利润', '营业成本', '质量成本', '满意度']\n"
      "assert head(sys.argv[1])[-4:] == want, head(sys.argv[1])\n"
      "assert head(sys.argv[2])[-4:] == want, head(sys.argv[2])\n"
      "assert not set(want) & set(head(sys.argv[3])), head(sys.argv[3])\n"
      "print('ok')\" " + dir.file("survey.xlsx") + " " + dir.file("with.xlsx") + " " + dir.file("plain.xlsx");
  EXPECT_EQ(std::system(check.c_str()), 0);
}

}  // namespace
