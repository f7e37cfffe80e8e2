// `qchain pack` end to end: every command reads the snapshot as it reads the source chain, byte for
// byte, and a damaged snapshot stops a command with exit 2 and a message naming the file.
#include <fstream>

#include "cli_support.hpp"

namespace {

using qchain::test::qchain_run;
using qchain::test::source_path;
using qchain::test::TempDir;

// Every command's JSON, a rendered map and the text of summary, from CHAIN.
std::vector<std::string> outputs(const std::string& chain, const std::string& scenario, const TempDir& dir) {
  const std::vector<std::string> commands = {
      "summary " + chain + " --json -",
      "analyze " + chain + " --json - --threads 2",
      "analyze " + chain + " --json - --threads 1 --only systemic --systemic on",
      "risk " + chain + " --runs 200 --json -",
      "plan " + chain + " --budget 3 --json -",
      "--lang en summary " + chain};
  std::vector<std::string> out;
  for (const std::string& c : commands) {
    const auto r = qchain_run(c);
    out.push_back(std::to_string(r.code) + "\n" + r.out);
  }
  if (!scenario.empty()) {
    const auto r = qchain_run("whatif " + chain + " " + source_path("data/scenarios/" + scenario) + " --json -");
    EXPECT_EQ(r.code, 0) << r.err;
    out.push_back(r.out);
  }
  const auto r = qchain_run("render " + chain + " --format dot -o " + dir.file("map.dot"));
  out.push_back(std::to_string(r.code) + "\n" + qchain::test::read(dir.file("map.dot")));
  return out;
}

void expect_same_outputs(const std::string& source, const std::string& scenario, const TempDir& dir) {
  const std::string packed = dir.file("chain.qcsr");
  const auto pack = qchain_run("pack " + source + " -o " + packed);
  ASSERT_EQ(pack.code, 0) << pack.err;
  const auto a = outputs(source, scenario, dir), b = outputs(packed, scenario, dir);
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t k = 0; k < a.size(); ++k) EXPECT_EQ(a[k], b[k]) << "command " << k << " of " << source;
  // Packing twice, and packing the snapshot itself, give the same bytes.
  ASSERT_EQ(qchain_run("pack " + source + " -o " + dir.file("again.qcsr")).code, 0);
  ASSERT_EQ(qchain_run("pack " + packed + " -o " + dir.file("repacked.qcsr")).code, 0);
  const std::string bytes = qchain::test::read(packed);
  EXPECT_EQ(bytes, qchain::test::read(dir.file("again.qcsr")));
  EXPECT_EQ(bytes, qchain::test::read(dir.file("repacked.qcsr")));
}

TEST(PackCli, PilotsGiveTheSameOutputFromTheSnapshot) {
  const std::pair<const char*, const char*> pilots[] = {
      {"anping-wire-mesh", "anping-wire-mesh--wire-rod-supplier-stop.json"},
      {"fengxian-nev", "fengxian-nev--cell-consistency-spread.json"},
      {"huangpu-smart-equipment", "huangpu-smart-equipment--casting-batch-issue.json"}};
  for (const auto& [pilot, scenario] : pilots) {
    TempDir dir;
    expect_same_outputs(source_path(std::string("data/pilots/") + pilot + ".json"), scenario, dir);
  }
}

TEST(PackCli, AGeneratedChainGivesTheSameOutputFromTheSnapshot) {
  TempDir dir;
  const std::string chain = dir.file("gen.json");
  ASSERT_EQ(std::system((std::string(QCHAIN_GENERATE) + " --firms 4000 --seed 5 -o " + chain + " >/dev/null").c_str()), 0);
  expect_same_outputs(chain, "", dir);
}

TEST(PackCli, CheckListsTheSourcesWarnings) {
  TempDir dir;
  const std::string source = source_path("data/pilots/shaxian-snacks.json");
  ASSERT_EQ(qchain_run("pack " + source + " -o " + dir.file("s.qcsr")).code, 0);
  const auto a = qchain_run("--lang en check " + source), b = qchain_run("--lang en check " + dir.file("s.qcsr"));
  EXPECT_EQ(a.code, b.code);
  EXPECT_NE(b.out.find("16 warnings"), std::string::npos) << b.out;
  EXPECT_NE(b.out.find(source + ":"), std::string::npos) << "warnings point into the source file";
}

TEST(PackCli, DamagedSnapshotsExitTwoNamingTheFile) {
  TempDir dir;
  const std::string good = dir.file("good.qcsr");
  ASSERT_EQ(qchain_run("pack " + source_path("data/pilots/shaxian-snacks.json") + " -o " + good).code, 0);
  const std::string bytes = qchain::test::read(good);
  const auto write = [&](const std::string& name, const std::string& content) {
    std::ofstream(dir.file(name), std::ios::binary) << content;
    return dir.file(name);
  };
  std::string flipped = bytes;
  flipped[bytes.size() - 100] ^= 4;
  const std::pair<std::string, std::string> cases[] = {
      {write("cut.qcsr", bytes.substr(0, bytes.size() / 3)), "truncated"},
      {write("flip.qcsr", flipped), "checksum does not match"},
      {write("empty.qcsr", ""), "empty file"},
      {write("foreign.qcsr", "PK\x03\x04 not a snapshot at all"), "not a qchain snapshot"}};
  for (const auto& [file, why] : cases) {
    const auto en = qchain_run("--lang en analyze " + file);
    EXPECT_EQ(en.code, 2) << file;
    EXPECT_NE(en.err.find(file), std::string::npos) << en.err;
    EXPECT_NE(en.err.find(why), std::string::npos) << en.err;
    const auto zh = qchain_run("summary " + file);
    EXPECT_EQ(zh.code, 2);
    EXPECT_TRUE(qchain::test::has_cjk(zh.err)) << zh.err;
  }
  EXPECT_EQ(qchain_run("pack " + good + " -o -").code, 2);
  EXPECT_EQ(qchain_run("pack " + good + " -o " + good).code, 2);  // never over its input
}

}  // namespace
