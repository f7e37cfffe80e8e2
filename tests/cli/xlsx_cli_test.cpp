// Workbooks and CSV folders through the qchain executable: the survey template, export, every
// command reading a workbook, --xlsx beside --json, --encoding.
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "../support/test_support.hpp"
#include "../support/workbooks.hpp"
#include "cli_support.hpp"
#include "qchain/core/text_encoding.hpp"

namespace {

using namespace qchain;
using test::has_openpyxl;

void write(const std::string& path, const std::string& text) { std::ofstream(path, std::ios::binary) << text; }

TEST(XlsxCli, TemplateExportAndEveryCommandTakesAWorkbook) {
  test::TempDir dir;
  EXPECT_EQ(test::qchain_run("template -o " + dir.file("survey.xlsx")).code, 0);
  EXPECT_EQ(test::qchain_run("--lang en template -o " + dir.file("en.xlsx")).code, 0);
  EXPECT_EQ(test::qchain_run("template -o -").code, 2);
  const std::string pilot = test::source_path("data/pilots/anping-wire-mesh.json");
  ASSERT_EQ(test::qchain_run("export " + pilot + " --format xlsx -o " + dir.file("anping.xlsx")).code, 0);
  const test::CmdResult a = test::qchain_run("--lang en summary " + dir.file("anping.xlsx"));
  EXPECT_EQ(a.code, 0) << a.err;
  EXPECT_EQ(a.out, test::qchain_run("--lang en summary " + pilot).out);
  EXPECT_EQ(test::qchain_run("report " + dir.file("anping.xlsx") + " -o " + dir.file("report")).code, 0);
  // CSV out with a BOM, and without.
  ASSERT_EQ(test::qchain_run("export " + pilot + " --format csv -o " + dir.file("csv")).code, 0);
  EXPECT_EQ(test::read(dir.file("csv/links.csv")).substr(0, 3), std::string(kUtf8Bom));
  ASSERT_EQ(test::qchain_run("export " + pilot + " --format csv --no-bom -o " + dir.file("csv2")).code, 0);
  EXPECT_EQ(test::read(dir.file("csv2/links.csv")).substr(0, 8), "supplier");
  // --encoding is a global option.
  write(dir.file("gbk/firms.csv"), "");
  std::filesystem::create_directories(dir.file("g"));
  write(dir.file("g/firms.csv"), "id,name,role\nA,\xBC\xD7,micro\nL,L,chain_leader\n");
  write(dir.file("g/links.csv"), "supplier,customer\nA,L\n");
  EXPECT_EQ(test::qchain_run("--encoding GBK check " + dir.file("g")).code, 0);
  EXPECT_EQ(test::qchain_run("check " + dir.file("g")).code, 1);  // the GB18030 warning
  const test::CmdResult bad = test::qchain_run("--lang en --encoding NOPE check " + dir.file("g"));
  EXPECT_EQ(bad.code, 2);
  EXPECT_NE(bad.err.find("--encoding: unknown encoding NOPE"), std::string::npos) << bad.err;
}

TEST(XlsxCli, EveryTableAsAWorkbook) {
  if (!has_openpyxl()) GTEST_SKIP() << "python3-openpyxl is not installed";
  test::TempDir dir;
  const std::string p = test::source_path("data/pilots/anping-wire-mesh.json");
  const std::string before = test::source_path("data/pilots/anping-wire-mesh.before.json");
  const std::pair<std::string, std::string> runs[] = {
      {"summary", "summary " + p}, {"analyze", "analyze " + p}, {"grade", "grade " + p}, {"plan", "plan " + p + " --budget 5"},
      {"compare", "compare " + before + " " + p}, {"portfolio", "--lang en portfolio " + p + " " + test::source_path("data/pilots/shaxian-snacks.json")}};
  for (const auto& [name, args] : runs) {
    const test::CmdResult r = test::qchain_run(args + " --xlsx " + dir.file(name + ".xlsx"));
    ASSERT_EQ(r.code, 0) << name << r.err;
    // The same input gives the same bytes.
    ASSERT_EQ(test::qchain_run(args + " --xlsx " + dir.file(name + "2.xlsx")).code, 0);
    EXPECT_EQ(test::read(dir.file(name + ".xlsx")), test::read(dir.file(name + "2.xlsx"))) << name;
  }
  // Sheets named by the printed headings, numbers as numbers, percent formats, autofilters.
  const std::string check = std::string(QCHAIN_PYTHON) + " -c \"import sys, openpyxl\n"
      "d = sys.argv[1]\n"
      "s = openpyxl.load_workbook(d + '/summary.xlsx')\n"
      "assert '认证覆盖' in s.sheetnames, s.sheetnames\n"
      "g = openpyxl.load_workbook(d + '/grade.xlsx')\n"
      "assert '各环节分级' in g.sheetnames, g.sheetnames\n"
      "for f in ['summary', 'analyze', 'grade', 'plan', 'compare', 'portfolio']:\n"
      "    wb = openpyxl.load_workbook(d + '/' + f + '.xlsx')\n"
      "    numbers = percents = 0\n"
      "    for ws in wb.worksheets:\n"
      "        assert ws.auto_filter.ref, (f, ws.title)\n"
      "        assert ws.freeze_panes == 'A2', (f, ws.title)\n"
      "        for row in ws.iter_rows(min_row=2):\n"
      "            for c in row:\n"
      "                numbers += isinstance(c.value, (int, float))\n"
      "                percents += c.number_format == '0.0%'\n"
      "    assert numbers > 0, f\n"
      "    if f in ('summary', 'analyze', 'compare'): assert percents > 0, f\n"
      "print('ok')\" " + dir.path();
  EXPECT_EQ(std::system(check.c_str()), 0);
}

TEST(XlsxCli, MistakesInAWorkbookAreListedInChinese) {
  if (!has_openpyxl()) GTEST_SKIP() << "python3-openpyxl is not installed";
  const test::CmdResult r = test::qchain_run("check " + test::workbook_fixtures() + "/mistakes.xlsx");
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.out.find(":企业!D2: first_pass_yield: 必须在 0 到 1 之间，实际为 95（如果指的是 95%，请写成 0.95 或 95%）"), std::string::npos) << r.out;
}

}  // namespace
