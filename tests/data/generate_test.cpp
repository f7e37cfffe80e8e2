// The synthetic chain generator: deterministic for a seed, valid, and shaped as documented.
#include <sys/wait.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "../support/test_support.hpp"

namespace {

using namespace qchain;
using namespace qchain::graphs;

std::string generate(const test::TempDir& dir, const std::string& name, const std::string& args) {
  const std::string out = dir.file(name);
  const std::string cmd = std::string(QCHAIN_GENERATE) + " " + args + " -o " + out;
  EXPECT_EQ(std::system(cmd.c_str()), 0) << cmd;
  std::ifstream in(out, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST(Generate, SameSeedSameBytesOtherSeedOtherChain) {
  test::TempDir dir;
  const std::string a = generate(dir, "a.json", "--firms 3000 --seed 11");
  EXPECT_EQ(a, generate(dir, "b.json", "--firms 3000 --seed 11"));
  EXPECT_NE(a, generate(dir, "c.json", "--firms 3000 --seed 12"));
}

// One record a line: a loader's message points at the record's own line, and an editor opens it.
TEST(Generate, OneRecordALine) {
  test::TempDir dir;
  const std::string text = generate(dir, "a.json", "--firms 300 --seed 5");
  const ChainGraph g = require_chain(load_chain(dir.file("a.json")));
  std::istringstream in(text);
  std::size_t firm_lines = 0, link_lines = 0, longest = 0;
  for (std::string line; std::getline(in, line);) {
    firm_lines += line.rfind("{\"id\":\"F", 0) == 0;
    link_lines += line.rfind("{\"supplier\":", 0) == 0 || line.rfind("{\"customer\":", 0) == 0;
    longest = std::max(longest, line.size());
  }
  EXPECT_EQ(firm_lines, g.firm_count());
  EXPECT_EQ(link_lines, g.link_count());
  EXPECT_LT(longest, 4096u);
}

TEST(Generate, StandardOutputGetsTheSameBytesAndAFailedRunLeavesNoFile) {
  test::TempDir dir;
  const std::string file = generate(dir, "a.json", "--firms 300 --seed 5 --chain-id pipe.test");
  const std::string piped = dir.file("piped.json");
  const std::string cmd = std::string(QCHAIN_GENERATE) + " --firms 300 --seed 5 --chain-id pipe.test -o - > " + piped;
  ASSERT_EQ(std::system(cmd.c_str()), 0);
  std::ifstream in(piped, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  EXPECT_EQ(ss.str(), file);
  // Into a folder: refused, and nothing written beside it.
  EXPECT_NE(std::system((std::string(QCHAIN_GENERATE) + " --firms 300 -o " + dir.path() + " 2>/dev/null").c_str()), 0);
  std::size_t entries = 0;
  for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir.path())) ++entries;
  EXPECT_EQ(entries, 2u);
}

TEST(Generate, ChainIdMakesAnotherSeedALaterSnapshot) {
  test::TempDir dir;
  const std::string text_a = generate(dir, "a.json", "--firms 2000 --seed 1");
  const std::string text_b = generate(dir, "b.json", "--firms 2000 --seed 2 --chain-id synthetic-2000-s1");
  EXPECT_NE(text_a, text_b);  // another chain state under the same id
  const ChainGraph a = require_chain(load_chain(dir.file("a.json")));
  const ChainGraph b = require_chain(load_chain(dir.file("b.json")));
  EXPECT_EQ(a.info().id, b.info().id);
  EXPECT_NE(std::system((std::string(QCHAIN_GENERATE) + " --firms 10 --chain-id 'a b' -o " + dir.file("x.json") + " 2>/dev/null").c_str()), 0);
}

TEST(Generate, ChainIsValidAndHasTheDocumentedShape) {
  test::TempDir dir;
  generate(dir, "g.json", "--firms 5000 --seed 3 --leaders 4 --links-per-firm 4");
  const ChainLoad load = load_chain(dir.file("g.json"));
  ASSERT_EQ(load.errors, 0u) << (load.diagnostics.empty() ? "" : format_diagnostic(load.diagnostics[0]));
  const ChainGraph& g = *load.chain;
  EXPECT_EQ(g.firm_count(), 5000u);
  EXPECT_EQ(g.link_count(), 20000u);
  EXPECT_EQ(g.leaders().size(), 4u);
  const SupplyNetwork& n = g.network();
  std::uint32_t max_out = 0, alternatives = 0, non_essential = 0;
  for (FirmId v = 0; v < g.firm_count(); ++v) max_out = std::max(max_out, n.out_begin[v + 1] - n.out_begin[v]);
  for (std::size_t k = 0; k + 1 < n.group_begin.size(); ++k) {
    alternatives += n.group_begin[k + 1] - n.group_begin[k] > 1;
    non_essential += n.group_essential[k] == 0;
  }
  EXPECT_GT(max_out, 50u);  // heavy-tailed: some small suppliers serve many customers
  EXPECT_GT(alternatives, 100u);
  EXPECT_GT(non_essential, 100u);
}

}  // namespace
