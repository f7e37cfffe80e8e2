// `qchain report --pdf FILE --docx FILE`: the demo's report printed by headless Chromium (A4, a
// page count in range, no blank page) and as a Word document by pandoc (real tables, the diagrams as
// PNG images, the same bytes every run); without the program, a Chinese message and exit 3.
#include <cstdio>
#include <filesystem>
#include <sstream>

#include "cli_support.hpp"

namespace {

using namespace qchain::test;

const std::string kDemo = "report " + source_path("data/pilots/huangpu-smart-equipment.json") + " --scenario " +
                          source_path("data/scenarios/huangpu-smart-equipment--casting-batch-issue.json") + " --plan 10";

bool have(const char* program) { return std::system(("command -v " + std::string(program) + " >/dev/null 2>&1").c_str()) == 0; }

std::string shell(const std::string& cmd) {
  FILE* p = ::popen(cmd.c_str(), "r");
  std::string out;
  char buf[4096];
  for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, p)) > 0;) out.append(buf, n);
  ::pclose(p);
  return out;
}

TEST(ReportPrint, PdfIsA4WithNoBlankPage) {
  if (!have("chromium") || !have("pdfinfo")) GTEST_SKIP() << "chromium or pdfinfo not installed";
  TempDir dir;
  const std::string pdf = dir.file("报告.pdf");
  const CmdResult r = qchain_run(kDemo + " -o " + dir.file("out") + " --pdf " + pdf);
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find(pdf), std::string::npos);
  const std::string info = shell("pdfinfo '" + pdf + "'");
  int pages = 0;
  double w = 0, h = 0;
  std::istringstream lines(info);
  for (std::string l; std::getline(lines, l);) {
    if (l.rfind("Pages:", 0) == 0) pages = std::stoi(l.substr(6));
    if (l.rfind("Page size:", 0) == 0) std::sscanf(l.c_str() + 10, " %lf x %lf", &w, &h);
  }
  // A4 is 595.28 × 841.89 pt; Chromium rounds to its own units.
  EXPECT_NEAR(w, 595.3, 1.0) << info;
  EXPECT_NEAR(h, 841.9, 1.0) << info;
  // The 118-firm pilot with a scenario and a plan: about a dozen pages, never a handful or dozens.
  EXPECT_GE(pages, 8) << info;
  EXPECT_LE(pages, 30) << info;
  for (int p = 1; p <= pages; ++p) {
    std::string text = shell("pdftotext -f " + std::to_string(p) + " -l " + std::to_string(p) + " '" + pdf + "' - | tr -d '[:space:]'");
    EXPECT_GT(text.size(), 20u) << "page " << p << " is blank";
  }
  // The report's own chain and title are in the PDF's text.
  EXPECT_NE(shell("pdftotext '" + pdf + "' -").find("黄埔"), std::string::npos);
}

TEST(ReportPrint, WordDocumentHasTablesAndImagesAndIsTheSameEveryRun) {
  if (!have("pandoc") || !have("unzip")) GTEST_SKIP() << "pandoc or unzip not installed";
  TempDir dir;
  const CmdResult r = qchain_run(kDemo + " -o " + dir.file("out") + " --docx " + dir.file("a.docx"));
  ASSERT_EQ(r.code, 0) << r.err;
  ASSERT_EQ(qchain_run(kDemo + " -o " + dir.file("out2") + " --docx " + dir.file("b.docx")).code, 0);
  EXPECT_EQ(read(dir.file("a.docx")), read(dir.file("b.docx")));
  // The Word variant's files stay out of the report's folder.
  EXPECT_FALSE(std::filesystem::exists(dir.file("out/word")));
  const std::string xml = shell("unzip -p '" + dir.file("a.docx") + "' word/document.xml");
  std::size_t tables = 0;
  for (std::size_t at = xml.find("<w:tbl>"); at != std::string::npos; at = xml.find("<w:tbl>", at + 1)) ++tables;
  EXPECT_GE(tables, 8u);
  EXPECT_NE(xml.find("定制编码器"), std::string::npos);  // the input catalogue's names reach the document
  // map, issue map, one fishbone per leader (2), one scenario map: PNGs in the package.
  const std::string list = shell("unzip -l '" + dir.file("a.docx") + "'");
  std::size_t images = 0;
  for (std::size_t at = list.find("word/media/"); at != std::string::npos; at = list.find("word/media/", at + 1))
    if (list.compare(list.find_first_of(" \n", at) - 4, 4, ".png") == 0) ++images;
  EXPECT_GE(images, 5u) << list;
  EXPECT_EQ(shell("unzip -p '" + dir.file("a.docx") + "' '" + std::string("word/media/*") + "' | head -c 8 | od -An -c | tr -d ' '").substr(0, 4),
            "211P");  // a PNG's signature: \211 P N G
}

TEST(ReportPrint, MissingRendererIsAChineseIoError) {
  TempDir dir;
  const CmdResult r = qchain_run(kDemo + " -o " + dir.file("out") + " --pdf " + dir.file("r.pdf"), "PATH=/nonexistent");
  EXPECT_EQ(r.code, 3);
  EXPECT_NE(r.err.find("无法生成 PDF：未安装 chromium"), std::string::npos) << r.err;
  EXPECT_FALSE(std::filesystem::exists(dir.file("r.pdf")));
  const CmdResult w = qchain_run(kDemo + " -o " + dir.file("out") + " --docx " + dir.file("r.docx"), "PATH=/nonexistent");
  EXPECT_EQ(w.code, 3);
  EXPECT_NE(w.err.find("无法生成 Word 文档：未安装 pandoc"), std::string::npos) << w.err;
}

}  // namespace
