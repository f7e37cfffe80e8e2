// Workbooks in and out (issue 17): the survey workbook round trip, workbooks and CSV folders that
// other programs wrote (python3-openpyxl; GBK and UTF-16 CSV), the mistakes people make in them,
// and the limits against hostile packages.
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <fstream>

#include "../support/test_support.hpp"
#include "../support/workbooks.hpp"
#include "qchain/graphs/chain_csv_writer.hpp"
#include "qchain/graphs/chain_xlsx_writer.hpp"
#include "qchain/graphs/table_columns.hpp"
#include "qchain/core/text_encoding.hpp"
#include "qchain/graphs/xlsx_writer.hpp"

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

using test::has_openpyxl;
const std::string& fixtures() { return test::workbook_fixtures(); }

// --- values as people write them -----------------------------------------------------------------

TEST(TableColumns, NumbersPercentagesAndThePercentageMistake) {
  std::string e;
  EXPECT_DOUBLE_EQ(*read_number("95%", CellKind::fraction, e), 0.95);
  EXPECT_DOUBLE_EQ(*read_number(" 12.5 ％", CellKind::fraction, e), 0.125);
  EXPECT_DOUBLE_EQ(*read_number("0.95", CellKind::fraction, e), 0.95);
  EXPECT_DOUBLE_EQ(*read_number("1,234,567.5", CellKind::number, e), 1234567.5);
  EXPECT_FALSE(read_number("95", CellKind::fraction, e));
  EXPECT_EQ(e, "must be between 0 and 1, got 95 (if 95 % is meant, write 0.95 or 95%)");
  EXPECT_FALSE(read_number("5%", CellKind::integer, e));
  EXPECT_FALSE(read_number("1,23", CellKind::number, e));  // not a thousands grouping
  EXPECT_DOUBLE_EQ(*read_number("150", CellKind::fraction, e), 150);  // far out of range: the builder says so
  EXPECT_DOUBLE_EQ(*read_number("1", CellKind::fraction, e), 1);
}

TEST(TableColumns, DatesInEveryUsualForm) {
  EXPECT_EQ(read_date("2024/6/1"), "2024-06-01");
  EXPECT_EQ(read_date("2024年6月1日"), "2024-06-01");
  EXPECT_EQ(read_date("2024-06-01"), "2024-06-01");
  EXPECT_EQ(read_date("2024.6.1"), "2024-06-01");
  EXPECT_EQ(read_date("2024-06-01 00:00:00"), "2024-06-01");
  EXPECT_EQ(read_date("45444"), "2024-06-01");  // a 1900-system serial
  EXPECT_EQ(read_date("45444.5"), "2024-06-01");
  EXPECT_EQ(read_date("2024/13/45"), "2024/13/45");  // left as written, for the message
  EXPECT_EQ(read_date("June 1"), "June 1");
  EXPECT_EQ(*date_serial("2024-06-01"), 45444);
  EXPECT_EQ(*date_serial("1900-03-01"), 61);
}

TEST(TableColumns, ChineseEnumerationsAndHeaders) {
  EXPECT_EQ(*english_value(CellKind::role, "链主"), "chain_leader");
  EXPECT_EQ(*english_value(CellKind::role, "微型企业"), "micro");
  EXPECT_EQ(*english_value(CellKind::role, "Chain Leader"), "chain_leader");
  EXPECT_EQ(*english_value(CellKind::status, "认证中"), "in_progress");
  EXPECT_EQ(*english_value(CellKind::category, "测"), "measurement");
  EXPECT_EQ(*english_value(CellKind::boolean, "否"), "false");
  EXPECT_EQ(*english_value(CellKind::maturity, "跨越级"), "leaping");
  EXPECT_FALSE(english_value(CellKind::role, "巨型"));
  EXPECT_EQ(chinese_value(CellKind::status, "expired"), "过期");
  bool exact = false;
  EXPECT_EQ(*find_column(table_spec(TableId::firms), "一次合格率", exact), 5u);
  EXPECT_TRUE(exact);
  EXPECT_EQ(*find_column(table_spec(TableId::firms), "First Pass-Yield", exact), 5u);
  EXPECT_FALSE(exact);
  EXPECT_EQ(find_table("企业")->id, TableId::firms);
  EXPECT_EQ(find_table("Links")->id, TableId::links);
}

TEST(CsvChinese, HeadersValuesAndSegmentsByName) {
  test::TempDir dir;
  write(dir.file("segments.csv"), "环节编号,环节名称,顺序\nS1,零部件,0\nS2,整机,1\n");
  write(dir.file("issues.csv"), "问题代码,问题名称,类别\nM1,设备老化,机\n");
  write(dir.file("firms.csv"),
        "企业编号,企业名称,规模,环节,一次合格率,成熟度,认证,质量问题,帮扶开始日期\n"
        "A,甲,小型,零部件,95%,初创级,ISO9001：有效：2026/5/1；CCC:过期:,M1:2,2024年6月1日\n"
        "L,链主,链主,S2,0.97,,,,\n");
  write(dir.file("links.csv"), "供应商编号,客户编号,必需,份额\nA,L,否,100%\n");
  const ChainLoad load = load_chain(dir.path());
  ASSERT_TRUE(load.chain) << ::testing::PrintToString(test::messages(load));
  const ChainGraph& g = *load.chain;
  EXPECT_EQ(g.firm(0).role, Role::small);
  EXPECT_EQ(g.segments()[g.firm(0).segment].id, "S1");
  EXPECT_DOUBLE_EQ(g.firm(0).first_pass_yield, 0.95);
  EXPECT_EQ(g.firm(0).maturity, Maturity::startup);
  ASSERT_EQ(g.firm(0).certifications.size(), 2u);
  EXPECT_EQ(g.issues()[0].category, IssueCategory::machine);
  EXPECT_EQ(g.assistance_of(g.firm(0))->since, "2024-06-01");
  EXPECT_FALSE(g.link(0).essential);
  EXPECT_EQ(g.firm(1).role, Role::chain_leader);
}

TEST(CsvChinese, CertificationsAndFirmIssuesAsTablesOfTheirOwn) {
  test::TempDir dir;
  write(dir.file("firms.csv"), "id,name,role\nA,甲,micro\nL,链主,chain_leader\n");
  write(dir.file("certifications.csv"), "firm,scheme,status,expires\nA,ISO9001,valid,2026-01-01\nQ,ISO9001,valid,\n");
  write(dir.file("links.csv"), "supplier,customer\nA,L\n");
  const ChainLoad load = load_chain(dir.path());
  const auto m = errors_of(load);
  ASSERT_EQ(m.size(), 1u) << ::testing::PrintToString(m);
  EXPECT_EQ(m[0], dir.path() + "/certifications.csv:3: firm: unknown firm \"Q\"");
}

// --- encodings ------------------------------------------------------------------------------------

TEST(CsvEncoding, GbkAndUtf16FoldersFromOtherPrograms) {
  if (!has_openpyxl()) GTEST_SKIP() << "python3-openpyxl is not installed";
  const ChainLoad gbk = load_chain(fixtures() + "/gbk");
  ASSERT_TRUE(gbk.chain) << ::testing::PrintToString(test::messages(gbk));
  EXPECT_EQ(gbk.chain->firm(0).name, "恒达丝网");
  EXPECT_DOUBLE_EQ(gbk.chain->firm(0).first_pass_yield, 0.95);
  EXPECT_EQ(gbk.warnings, 2u);
  EXPECT_EQ(test::messages(gbk)[0],
            fixtures() + "/gbk/firms.csv: warning: not UTF-8: read as GB18030 (GBK), as Chinese Excel and WPS save CSV; --encoding names another");
  LoadOptions forced;
  forced.encoding = "GBK";
  const ChainLoad named = load_chain(fixtures() + "/gbk", forced);
  ASSERT_TRUE(named.chain);
  EXPECT_EQ(named.warnings, 0u);  // asked for: nothing to say
  for (const char* folder : {"/utf16le", "/utf16be"}) {
    const ChainLoad u = load_chain(fixtures() + folder);
    ASSERT_TRUE(u.chain) << folder << ::testing::PrintToString(test::messages(u));
    EXPECT_EQ(u.warnings, 0u);
    ASSERT_EQ(u.chain->firm_count(), 2u);
    EXPECT_EQ(u.chain->firm(0).name, "恒达丝网") << folder;
    EXPECT_DOUBLE_EQ(u.chain->firm(0).first_pass_yield, 0.95) << folder;
  }
  // A forced encoding the bytes are not in is an error, not a garbled chain.
  forced.encoding = "UTF-16BE";
  const ChainLoad wrong = load_chain(fixtures() + "/gbk", forced);
  EXPECT_FALSE(wrong.chain);
}

TEST(CsvEncoding, WrittenWithBomUnlessAskedNot) {
  const ChainGraph g = require_chain(load_chain(test::source_path("data/pilots/shaxian-snacks.json")));
  test::TempDir dir;
  write_chain_csv(g, dir.file("bom"));
  write_chain_csv(g, dir.file("plain"), false);
  EXPECT_EQ(test::read(dir.file("bom/firms.csv")).substr(0, 3), std::string(kUtf8Bom));
  EXPECT_EQ(test::read(dir.file("plain/firms.csv")).substr(0, 2), "id");
  EXPECT_TRUE(test::same_chain(g, require_chain(load_chain(dir.file("bom")))));
  EXPECT_TRUE(test::same_chain(g, require_chain(load_chain(dir.file("plain")))));
}

// --- the survey workbook ------------------------------------------------------------------------

TEST(Xlsx, EveryPilotRoundTripsInBothLanguages) {
  for (const std::string& path : test::pilot_files()) {
    SCOPED_TRACE(path);
    const ChainGraph g = require_chain(load_chain(path));
    test::TempDir dir;
    for (const bool zh : {true, false}) {
      const std::string out = dir.file(zh ? "zh.xlsx" : "en.xlsx");
      write_chain_xlsx(g, out, zh);
      const ChainLoad back = load_chain(out);
      ASSERT_TRUE(back.chain) << ::testing::PrintToString(errors_of(back));
      EXPECT_TRUE(test::same_chain(g, *back.chain));
      EXPECT_EQ(back.warnings, load_chain(path).warnings);
    }
  }
}

TEST(Xlsx, BigChainsGoOutRowByRowAndComeBack) {
  // Above 50,000 firms and links the writer uses libxlsxwriter's constant-memory mode, whose
  // inline strings liborcus 0.17 cannot read by itself (the reader makes them shared strings).
  test::TempDir dir;
  ASSERT_EQ(std::system((std::string(QCHAIN_GENERATE) + " --firms 12000 --seed 5 -o " + dir.file("big.json") + " >/dev/null").c_str()), 0);
  const ChainGraph g = require_chain(load_chain(dir.file("big.json")));
  ASSERT_GT(g.firm_count() + g.link_count(), 50000u);
  write_chain_xlsx(g, dir.file("big.xlsx"), true);
  const ChainLoad back = load_chain(dir.file("big.xlsx"));
  ASSERT_TRUE(back.chain) << ::testing::PrintToString(errors_of(back));
  EXPECT_TRUE(test::same_chain(g, *back.chain));
}

TEST(Xlsx, SameChainSameBytes) {
  const ChainGraph g = require_chain(load_chain(test::source_path("data/pilots/huangpu-smart-equipment.json")));
  test::TempDir dir;
  write_chain_xlsx(g, dir.file("a.xlsx"), true);
  write_chain_xlsx(g, dir.file("b.xlsx"), true);
  EXPECT_EQ(test::read(dir.file("a.xlsx")), test::read(dir.file("b.xlsx")));
}

TEST(Xlsx, TemplateReadsAsAnEmptyChainAndHasWhatAPlannerNeeds) {
  test::TempDir dir;
  write_survey_template(dir.file("survey.xlsx"), true);
  const ChainLoad load = load_chain(dir.file("survey.xlsx"));
  ASSERT_TRUE(load.chain) << ::testing::PrintToString(errors_of(load));
  EXPECT_EQ(load.chain->firm_count(), 0u);
  if (!has_openpyxl()) GTEST_SKIP() << "python3-openpyxl is not installed";
  // What Excel will show, checked by another program's reader.
  const std::string check = std::string(QCHAIN_PYTHON) + " -c \"import sys, openpyxl\n"
      "wb = openpyxl.load_workbook(sys.argv[1])\n"
      "assert wb.sheetnames == ['说明', '产业链', '环节', '问题目录', '企业', '认证', '企业质量问题', '供应关系', '投入品目录'], wb.sheetnames\n"
      "ws = wb['企业']\n"
      "assert [c.value for c in ws[1]][:6] == ['企业编号', '企业名称', '规模', '环节', '地区', '一次合格率'], [c.value for c in ws[1]]\n"
      "assert ws.freeze_panes == 'A2', ws.freeze_panes\n"
      "lists = {str(v.sqref): v.formula1 for v in ws.data_validations.dataValidation}\n"
      "assert lists['C2:C100001'] == '\\\"链主,大型,中型,小型,微型\\\"', lists\n"
      "assert ws.column_dimensions['F'].number_format == '0.0%' or ws['F2'].number_format == '0.0%'\n"
      "e = wb['说明']\n"
      "assert any(c.value == '某某精密机械有限公司' for row in e.iter_rows() for c in row)\n"
      "v = {str(x.sqref): x.formula1 for x in wb['认证'].data_validations.dataValidation}\n"
      "assert v['C2:C100001'] == '\\\"有效,暂停,过期,认证中\\\"', v\n"
      "print('ok')\" " + dir.file("survey.xlsx");
  EXPECT_EQ(std::system(check.c_str()), 0);
}

// --- workbooks that other programs wrote ---------------------------------------------------------

// A workbook LibreOffice Calc opened and saved again (make_libreoffice.sh; committed, since an office
// suite is too heavy for CI): the same chain as the pilot it came from.
TEST(XlsxFromOtherPrograms, LibreOfficeResavedSurveyIsThePilot) {
  const ChainLoad load = load_chain(test::source_path("tests/data/workbooks/libreoffice-shaxian.xlsx"));
  ASSERT_TRUE(load.chain) << ::testing::PrintToString(test::messages(load));
  const ChainGraph pilot = require_chain(load_chain(test::source_path("data/pilots/shaxian-snacks.json")));
  EXPECT_TRUE(test::same_chain(pilot, *load.chain));
}

TEST(XlsxFromOtherPrograms, OpenpyxlSurveyWithEveryQuirk) {
  if (!has_openpyxl()) GTEST_SKIP() << "python3-openpyxl is not installed";
  const ChainLoad load = load_chain(fixtures() + "/survey.xlsx");
  ASSERT_TRUE(load.chain) << ::testing::PrintToString(test::messages(load));
  EXPECT_EQ(load.warnings, 0u) << ::testing::PrintToString(test::messages(load));
  const ChainGraph& g = *load.chain;
  EXPECT_EQ(g.info().id, "T1");                   // below a merged title row
  EXPECT_EQ(g.info().as_of, "2024-06-01");        // a date cell
  EXPECT_DOUBLE_EQ(g.info().default_detection, 0.85);
  ASSERT_EQ(g.segments().size(), 2u);
  EXPECT_EQ(g.segments()[1].order, 1u);           // a number stored as text
  EXPECT_DOUBLE_EQ(g.issues()[0].yield_loss, 0.02);
  ASSERT_EQ(g.firm_count(), 2u);
  const Firm& a = g.firm(0);
  EXPECT_EQ(a.name, "甲精密");                     // rich-text runs, joined
  EXPECT_EQ(a.role, Role::small);
  EXPECT_EQ(g.segments()[a.segment].id, "S1");    // by name
  EXPECT_DOUBLE_EQ(a.first_pass_yield, 0.95);     // a percent cell
  EXPECT_DOUBLE_EQ(a.detection, 0.9);             // "90%"
  EXPECT_EQ(a.maturity, Maturity::developing);
  EXPECT_EQ(a.employees, 12);
  EXPECT_EQ(g.assistance_of(a)->since, "2024-06-01");
  ASSERT_EQ(a.certifications.size(), 1u);
  EXPECT_EQ(a.certifications[0].expires, "2026-05-01");
  ASSERT_EQ(a.issues.size(), 1u);
  EXPECT_EQ(a.issues[0].severity, 3);
  const Firm& l = g.firm(1);
  EXPECT_EQ(l.role, Role::chain_leader);
  EXPECT_DOUBLE_EQ(l.first_pass_yield, 0.97);
  EXPECT_EQ(g.assistance_of(l)->by, "某检测站");  // a plain shared string
  ASSERT_EQ(g.link_count(), 1u);
  EXPECT_DOUBLE_EQ(g.link(0).share, 1.0);
  EXPECT_EQ(g.requirement_sets()[g.link(0).requires_set].size(), 2u);  // full-width ；
}

TEST(XlsxFromOtherPrograms, EveryMistakeNamesSheetCellAndField) {
  if (!has_openpyxl()) GTEST_SKIP() << "python3-openpyxl is not installed";
  const std::string f = fixtures() + "/mistakes.xlsx";
  const ChainLoad load = load_chain(f);
  EXPECT_FALSE(load.chain);
  const std::vector<std::string> expected = {
      f + ":企业!D2: first_pass_yield: must be between 0 and 1, got 95 (if 95 % is meant, write 0.95 or 95%) [firm \"A\" (甲)]",
      f + ":企业!C3: role: unknown role \"巨型\" (expected chain_leader, large, medium, small or micro) [firm \"B\" (乙)]",
      f + ":企业!E4: assisted.since: not a date (YYYY-MM-DD): \"2024/13/45\" [firm \"L\" (链主)]",
      f + ":企业!D4: first_pass_yield: expected a number, got \"abc\" [firm \"L\" (链主)]",
      f + ":供应关系!C2: share: must be between 0 and 1, got 60 (if 60 % is meant, write 0.6 or 60%) [link \"A\" -> \"L\"]",
      f + ":认证!A2: firm: unknown firm \"Z\"",
      f + ":认证!C3: status: unknown status \"好\" (expected valid, suspended, expired or in_progress) [firm \"A\" (甲)]",
  };
  EXPECT_EQ(errors_of(load), expected);  // tests/cli/xlsx_cli_test.cpp: the same in Chinese
}

TEST(XlsxLimits, ZipBombsAndFilesThatAreNoWorkbook) {
  if (!has_openpyxl()) GTEST_SKIP() << "python3-openpyxl is not installed";
  const auto first = [](const std::string& p) { return errors_of(load_chain(p)).at(0); };
  EXPECT_EQ(first(fixtures() + "/bomb.xlsx"),
            fixtures() + "/bomb.xlsx: refused: a part unpacks to 64 MiB from 63 KiB, more than 200 times its size (a zip bomb?)");
  EXPECT_EQ(first(fixtures() + "/notzip.xlsx"), fixtures() + "/notzip.xlsx: not a workbook (.xlsx is a zip package; this file is not one)");
  // Found by the fuzzer: liborcus 0.17 aborts on a character reference beyond Unicode, and takes
  // gigabytes unpacking a damaged stream; both are refused before liborcus sees them.
  const std::string charref = fixtures() + "/charref.xlsx";
  EXPECT_EQ(first(charref), charref + ": not a workbook (xl/worksheets/sheet5.xml holds a character reference that is no character)");
  for (const char* f : {"char-reference.xlsx", "damaged-stream.xlsx"}) {
    const std::string bad = test::source_path(std::string("tests/data/workbooks/bad/") + f);
    EXPECT_EQ(first(bad), bad + ": not a workbook (a damaged zip package)");
  }
  // A giant sheet in little space: 50,000 rows reaching column XFD, read sparsely, every row an
  // error located at its row (the first 1,000 kept).
  const ChainLoad sparse = load_chain(fixtures() + "/sparse.xlsx");
  EXPECT_FALSE(sparse.chain);
  EXPECT_GE(sparse.errors, 50000u);
  EXPECT_EQ(errors_of(sparse).at(1), fixtures() + "/sparse.xlsx:firms!2: row has 16384 cells, the header 3");  // after: no links sheet
  // A workbook cut short.
  test::TempDir dir;
  const std::string whole = test::read(fixtures() + "/survey.xlsx");
  write(dir.file("cut.xlsx"), whole.substr(0, whole.size() / 2));
  const auto cut = errors_of(load_chain(dir.file("cut.xlsx")));
  ASSERT_EQ(cut.size(), 1u);
  EXPECT_NE(cut[0].find("not a workbook (a damaged zip package"), std::string::npos) << cut[0];
}

}  // namespace
