// End-to-end: what qchain prints for a person is Chinese by default and English with --lang en.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "../support/test_support.hpp"
#include "cli_support.hpp"
#include "qchain/report/messages.hpp"

namespace {

using namespace qchain;
using report::Lang;
using test::CmdResult;
using test::qchain_run;

const std::string kBad = test::source_path("tests/data/bad/");
const std::string kPilot = test::source_path("data/pilots/huangpu-smart-equipment.json");

using test::has_cjk;

std::vector<std::string> lines(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream in(s);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

bool has_line(const std::string& text, const std::string& line) {
  const auto all = lines(text);
  return std::find(all.begin(), all.end(), line) != all.end();
}

std::vector<std::string> bad_cases() {
  std::vector<std::string> out;
  for (const auto& e : std::filesystem::directory_iterator(kBad))
    if (e.path().filename() != "expected.tsv") out.push_back(e.path().filename().string());
  std::sort(out.begin(), out.end());
  return out;
}

// Every file and folder of the bad-input corpus: each diagnostic `check` prints (standard output)
// and `summary` prints (standard error) is Chinese by default, its message translated by the
// catalogue; with --lang en it is the English of the loader, unchanged.
TEST(CliMessages, EveryBadInputIsReportedInChinese) {
  const std::vector<std::string> cases = bad_cases();
  ASSERT_GE(cases.size(), 50u);
  std::size_t diagnostics = 0;
  for (const std::string& name : cases) {
    SCOPED_TRACE(name);
    const std::string path = kBad + name;
    const graphs::ChainLoad load = graphs::load_chain(path);  // what the command loads, in English
    const CmdResult zh = qchain_run("check " + path);
    const CmdResult en = qchain_run("--lang en check " + path);
    EXPECT_EQ(zh.code, en.code);
    EXPECT_EQ(lines(zh.out).size(), lines(en.out).size());
    for (const Diagnostic& d : load.diagnostics) {
      ++diagnostics;
      const report::LocalisedMessage m = report::localise(d.message, Lang::zh);
      EXPECT_TRUE(m.matched) << "no Chinese for: " << d.message;
      EXPECT_TRUE(has_cjk(m.text)) << m.text;
      EXPECT_TRUE(has_line(zh.out, report::localise_diagnostic(d, Lang::zh))) << zh.out;
      EXPECT_TRUE(has_line(en.out, format_diagnostic(d))) << en.out;
    }
    // Nothing the loader said is left in English: every line, the closing verdict too, is Chinese.
    for (const std::string& line : lines(zh.out)) EXPECT_TRUE(has_cjk(line)) << line;

    if (load.errors == 0) continue;
    const CmdResult zh_err = qchain_run("summary " + path);
    const CmdResult en_err = qchain_run("--lang en summary " + path);
    EXPECT_EQ(zh_err.code, 2);
    EXPECT_EQ(zh_err.out, "");
    ASSERT_FALSE(lines(zh_err.err).empty());
    for (const std::string& line : lines(zh_err.err)) EXPECT_TRUE(has_cjk(line)) << line;
    for (const Diagnostic& d : load.diagnostics) {
      EXPECT_TRUE(has_line(zh_err.err, report::localise_diagnostic(d, Lang::zh))) << zh_err.err;
      EXPECT_TRUE(has_line(en_err.err, format_diagnostic(d))) << en_err.err;
    }
  }
  EXPECT_GE(diagnostics, 50u);
}

TEST(CliMessages, HelpIsChineseByDefault) {
  for (const std::string args : {"help", "help plan", "plan --help"}) {
    SCOPED_TRACE(args);
    const CmdResult zh = qchain_run(args);
    EXPECT_EQ(zh.code, 0);
    EXPECT_NE(zh.out.find("预算"), std::string::npos) << zh.out;
    EXPECT_NE(zh.out.find("用法"), std::string::npos);
    EXPECT_NE(zh.out.find("退出码"), std::string::npos);
    for (const char* english : {"Usage:", "Options:", "OPTIONS", "Exit codes", "Print this help"})
      EXPECT_EQ(zh.out.find(english), std::string::npos) << english << " in\n" << zh.out;
    const CmdResult en = qchain_run("--lang en " + args);
    EXPECT_EQ(en.code, 0);
    EXPECT_EQ(en.out.find("预算"), std::string::npos) << en.out;
    EXPECT_NE(en.out.find("Usage:"), std::string::npos);
    EXPECT_NE(en.out.find("Exit codes"), std::string::npos);
  }
  EXPECT_EQ(qchain_run("--lang=en help").out, qchain_run("--lang en help").out);
  EXPECT_NE(qchain_run("--lang en plan --help").out.find("firms to assist"), std::string::npos);
}

// Every command's help: headings and labels are localised, and every option has a Chinese text.
TEST(CliMessages, EveryCommandsHelpIsChinese) {
  for (const char* cmd : {"check", "summary", "analyze", "whatif", "risk", "plan", "render", "report", "compare", "grade",
                          "portfolio", "export", "help"}) {
    SCOPED_TRACE(cmd);
    const CmdResult zh = qchain_run(std::string("help ") + cmd);
    EXPECT_EQ(zh.code, 0);
    EXPECT_NE(zh.out.find("用法: qchain " + std::string(cmd)), std::string::npos) << zh.out;
    for (const char* english : {"Usage:", "Options:", "Positionals:", "REQUIRED", "TEXT", "Excludes"})
      EXPECT_EQ(zh.out.find(english), std::string::npos) << english << " in\n" << zh.out;
    // Option lines (indented, starting with a dash or a positional name) end in Chinese descriptions.
    const std::vector<std::string> all = lines(zh.out);
    for (std::size_t i = 0; i < all.size(); ++i) {
      const std::string& line = all[i];
      if (line.rfind("  ", 0) != 0 || line.size() < 3 || line[2] == ' ') continue;
      const bool wrapped = i + 1 < all.size() && all[i + 1].rfind("                              ", 0) == 0;
      EXPECT_TRUE(has_cjk(line) || (wrapped && has_cjk(all[i + 1]))) << line;
    }
    EXPECT_NE(qchain_run(std::string("--lang en help ") + cmd).out.find("Options:"), std::string::npos);
  }
}

TEST(CliMessages, ArgumentErrorsAreChineseByDefault) {
  // CLI11's own errors.
  for (const std::string& args : std::vector<std::string>{"plan " + kPilot + " --budget 0", "check a b", "frobnicate",
                                  "plan " + kPilot + " --budget 1 --gain 0.1 --fix-issues", "portfolio " + kPilot, "--lang fr check x"}) {
    SCOPED_TRACE(args);
    const CmdResult zh = qchain_run(args);
    const CmdResult en = qchain_run("--lang en " + args);
    EXPECT_EQ(zh.code, 2);
    EXPECT_EQ(en.code, 2);
    for (const std::string& line : lines(zh.err)) EXPECT_TRUE(has_cjk(line)) << line;
    EXPECT_FALSE(has_cjk(en.err)) << en.err;
    EXPECT_NE(en.err.find("Run with --help"), std::string::npos);
  }
  EXPECT_NE(qchain_run("--lang en plan " + kPilot).err.find("give --budget K (firms), --budget-money M (10k CNY), or both"), std::string::npos);
  EXPECT_NE(qchain_run("plan " + kPilot).err.find("--budget"), std::string::npos);
  // qchain's own checks of its arguments, prefixed "qchain: " (on a chain without warnings).
  const std::string valid = kBad + "valid.json";
  for (const std::string& args : std::vector<std::string>{"plan " + valid, "plan " + valid + " --budget 2 --candidates giant",
                                  "plan " + valid + " --budget 1 --cost micro=x", "plan " + valid + " --budget 1 --goal speed",
                                  "plan " + valid + " --budget 1 --rubric r.json", "risk " + valid + " --stop-prob micro", "risk " + valid + " --stop-prob micro=2",
                                  "grade " + valid + " --firm NOPE", "render " + valid + " --view issues --color grade -o x.svg",
                                  "render " + valid + " --before x.json -o x.svg", "render " + valid + " --rubric r.json -o x.svg",
                                  "render " + valid + " --color change -o x.svg", "render " + valid + " --view scenario -o x.svg",
                                  "render " + valid + " --focus NOPE -o x.svg", "render " + valid + " --view fishbone --leader A -o x.svg",
                                  "portfolio " + valid + " " + valid, "help nosuch"}) {
    SCOPED_TRACE(args);
    const CmdResult zh = qchain_run(args);
    const CmdResult en = qchain_run("--lang en " + args);
    EXPECT_EQ(zh.code, 2);
    ASSERT_EQ(lines(zh.err).size(), 1u) << zh.err;
    EXPECT_EQ(zh.err.rfind("qchain: ", 0), 0u);
    EXPECT_TRUE(has_cjk(zh.err)) << zh.err;
    EXPECT_FALSE(has_cjk(en.err)) << en.err;
    EXPECT_TRUE(report::localise(en.err.substr(8, en.err.size() - 9), Lang::zh).matched) << en.err;
    EXPECT_EQ(zh.err, "qchain: " + report::localise_message(en.err.substr(8, en.err.size() - 9), Lang::zh) + "\n");
  }
}

// Past ChainBuilder::kMaxProblems problems, the count of those not shown is Chinese too.
TEST(CliMessages, ProblemsNotShownAreCountedInChinese) {
  test::TempDir dir;
  std::ofstream out(dir.file("many.json"));
  out << R"({"format": "qchain-chain/1", "chain": {"id": "c", "name": "C"}, "firms": [{"id": "A", "name": "a", "role": "chain_leader"}], "links": [)";
  for (int i = 0; i < 1100; ++i) out << (i ? "," : "") << R"({"supplier": "X)" << i << R"(", "customer": "A"})";
  out << "]}";
  out.close();
  const CmdResult zh = qchain_run("check " + dir.file("many.json"));
  const CmdResult en = qchain_run("--lang en check " + dir.file("many.json"));
  EXPECT_EQ(zh.code, 2);
  const std::vector<std::string> zl = lines(zh.out), el = lines(en.out);
  ASSERT_GE(zl.size(), 2u);
  ASSERT_EQ(zl.size(), el.size());
  const std::string& count = el[el.size() - 2];
  ASSERT_EQ(count.rfind("... ", 0), 0u) << count;
  ASSERT_NE(count.find(" more problems not shown"), std::string::npos) << count;
  const std::string n = count.substr(4, count.find(' ', 4) - 4);
  EXPECT_GE(std::stoi(n), 100);  // 1,100 unknown firms and a warning, 1,000 shown
  EXPECT_TRUE(has_cjk(zl[zl.size() - 2]));
  EXPECT_NE(zl[zl.size() - 2].find(" " + n + " "), std::string::npos) << zl[zl.size() - 2];
}

TEST(CliMessages, IoErrorsAndScenarioProblemsAreChineseByDefault) {
  const CmdResult io = qchain_run("check /nonexistent/file.json");
  EXPECT_EQ(io.code, 3);
  EXPECT_EQ(io.err.rfind("qchain: /nonexistent/file.json: ", 0), 0u) << io.err;
  EXPECT_TRUE(has_cjk(io.err)) << io.err;
  const CmdResult io_en = qchain_run("--lang en check /nonexistent/file.json");
  EXPECT_EQ(io_en.err, "qchain: /nonexistent/file.json: cannot open: No such file or directory\n");

  test::TempDir dir;
  std::ofstream(dir.file("bad.json")) << R"({"format": "qchain-scenario/1", "events": [{"type": "stop", "firms": ["NOPE"]}, {"type": "x"}]})";
  const std::string valid = kBad + "valid.json";  // no warnings of its own
  const CmdResult zh = qchain_run("whatif " + valid + " " + dir.file("bad.json"));
  EXPECT_EQ(zh.code, 2);
  ASSERT_EQ(lines(zh.err).size(), 2u) << zh.err;
  for (const std::string& line : lines(zh.err)) {
    EXPECT_EQ(line.rfind(dir.file("bad.json") + ":1:", 0), 0u) << line;
    EXPECT_TRUE(has_cjk(line)) << line;
  }
  EXPECT_NE(zh.err.find("events[0].firms[0]: "), std::string::npos);  // field names stay English
  EXPECT_FALSE(has_cjk(qchain_run("--lang en whatif " + valid + " " + dir.file("bad.json")).err));
}

}  // namespace
