// qchain-mpi against qchain: the same arguments give byte-identical output (standard output and the
// JSON file) for 1, 2 and 4 ranks, on a pilot and on a generated 3,000-firm chain; a bad input on
// any rank ends every rank with one message and a non-zero exit.
#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <string>

#include "../support/test_support.hpp"

namespace {

using qchain::test::read;
using qchain::test::source_path;
using qchain::test::TempDir;

struct Outcome {
  int code = -1;
  std::string out, err;
};

// Runs a shell command line, its standard error to a file; bounded by ctest's timeout.
Outcome run(const std::string& cmd) {
  TempDir dir;
  const std::string line = cmd + " 2>" + dir.file("err");
  FILE* p = ::popen(line.c_str(), "r");
  Outcome r;
  char buf[4096];
  std::size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) r.out.append(buf, n);
  const int status = ::pclose(p);
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.err = read(dir.file("err"));
  return r;
}

std::string mpirun(int ranks) {
  return std::string(QCHAIN_MPIRUN) + " --oversubscribe --allow-run-as-root -n " + std::to_string(ranks) + " ";
}

std::size_t occurrences(const std::string& text, const std::string& what) {
  std::size_t count = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + what.size())) ++count;
  return count;
}

const std::string kPilot = source_path("data/pilots/huangpu-smart-equipment.json");

class SameOutput : public ::testing::TestWithParam<int> {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir;
    generated_ = dir_->file("generated.json");
    const std::string cmd = std::string(QCHAIN_GENERATE) + " --firms 3000 --seed 7 -o " + generated_;
    ASSERT_EQ(std::system(cmd.c_str()), 0);
  }
  static void TearDownTestSuite() { delete dir_; }

  // `qchain ARGS --json A` against `mpirun -n R qchain-mpi ARGS --json B`: the same exit code 0,
  // standard output and JSON, and the JSON not empty.
  void expect_same(const std::string& args) {
    TempDir out;
    const Outcome single = run(std::string(QCHAIN_BINARY) + " " + args + " --json " + out.file("single.json"));
    const Outcome spread = run(mpirun(GetParam()) + QCHAIN_MPI + " " + args + " --json " + out.file("spread.json"));
    ASSERT_EQ(single.code, 0) << single.err;
    EXPECT_EQ(spread.code, 0) << spread.err;
    EXPECT_EQ(spread.out, single.out);
    EXPECT_GT(read(out.file("single.json")).size(), 100u);
    EXPECT_EQ(read(out.file("spread.json")), read(out.file("single.json")));
  }

  static TempDir* dir_;
  static std::string generated_;
};

TempDir* SameOutput::dir_ = nullptr;
std::string SameOutput::generated_;

TEST_P(SameOutput, AnalyzePilot) { expect_same("analyze " + kPilot + " --systemic on --all"); }

TEST_P(SameOutput, AnalyzeGenerated) {
  expect_same("--lang en analyze " + generated_ + " --systemic on --all --no-brokers");
  ASSERT_NE(read(generated_).find("chain_leader"), std::string::npos);
}

TEST_P(SameOutput, SystemicOnlyGenerated) { expect_same("analyze " + generated_ + " --only systemic --top 200"); }

TEST_P(SameOutput, RiskPilot) { expect_same("risk " + kPilot + " --runs 300 --seed 5"); }

TEST_P(SameOutput, RiskGenerated) { expect_same("risk " + generated_ + " --runs 120 --upstream --top 50"); }

TEST_P(SameOutput, WhatIfBatch) {
  std::string scenarios;
  for (const char* s : {"casting-batch-issue", "cnc-leader-demand-drop", "integration-waives-iso9001",
                        "key-components-quality-upgrade", "leaders-require-iso9001"})
    scenarios += " " + source_path(std::string("data/scenarios/huangpu-smart-equipment--") + s + ".json");
  expect_same("whatif " + kPilot + scenarios);
}

INSTANTIATE_TEST_SUITE_P(Ranks, SameOutput, ::testing::Values(1, 2, 4), [](const auto& info) {
  return "n" + std::to_string(info.param);
});

// A chain file that does not parse: every rank fails alike; one message, exit 2.
TEST(BadInput, CorruptChainOnEveryRank) {
  TempDir dir;
  {
    std::FILE* f = std::fopen(dir.file("bad.json").c_str(), "w");
    std::fputs("{\"format\": \"qchain-chain/1\", \"firms\": [", f);
    std::fclose(f);
  }
  const Outcome single = run(std::string(QCHAIN_BINARY) + " --lang en analyze " + dir.file("bad.json"));
  const Outcome spread = run(mpirun(4) + QCHAIN_MPI + " --lang en analyze " + dir.file("bad.json"));
  ASSERT_EQ(single.code, 2);
  EXPECT_EQ(spread.code, 2) << spread.err;
  EXPECT_TRUE(spread.out.empty()) << spread.out;
  ASSERT_FALSE(single.err.empty());
  EXPECT_EQ(occurrences(spread.err, single.err), 1u) << spread.err;
}

// Rank 1 alone cannot read its chain while rank 0 has entered the systemic index: rank 1's message
// once, a non-zero exit from both, no hang (the test's timeout bounds it).
TEST(BadInput, MissingChainOnOneRank) {
  TempDir dir;
  const std::string missing = dir.file("missing.json");
  const std::string good = std::string(QCHAIN_MPI) + " --lang en analyze " + kPilot + " --only systemic";
  const std::string bad = std::string(QCHAIN_MPI) + " --lang en analyze " + missing + " --only systemic";
  const Outcome single = run(std::string(QCHAIN_BINARY) + " --lang en analyze " + missing);
  ASSERT_NE(single.code, 0);
  const std::string launch = std::string(QCHAIN_MPIRUN) + " --oversubscribe --allow-run-as-root ";
  const Outcome one = run(launch + "-n 1 " + good + " : -n 1 " + bad);
  EXPECT_EQ(one.code, single.code) << one.err;
  EXPECT_TRUE(one.out.empty()) << one.out;
  EXPECT_EQ(occurrences(one.err, single.err), 1u) << one.err;
  // And the other way round: rank 0 fails, rank 1 waits in the systemic index.
  const Outcome zero = run(launch + "-n 1 " + bad + " : -n 1 " + good);
  EXPECT_EQ(zero.code, single.code) << zero.err;
  EXPECT_EQ(occurrences(zero.err, single.err), 1u) << zero.err;
}

TEST(BadInput, OtherCommandsAreRefused) {
  const Outcome r = run(mpirun(2) + QCHAIN_MPI + " --lang en summary " + kPilot);
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(occurrences(r.err, "qchain-mpi runs analyze, risk and whatif; run summary with qchain"), 1u) << r.err;
  const Outcome zh = run(mpirun(1) + QCHAIN_MPI + " render " + kPilot + " -o map.svg");
  EXPECT_EQ(zh.code, 2);
  EXPECT_EQ(occurrences(zh.err, "qchain-mpi 只运行 analyze、risk 和 whatif；render 请用 qchain 运行"), 1u) << zh.err;
}

}  // namespace
