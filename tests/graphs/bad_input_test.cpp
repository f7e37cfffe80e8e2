// The bad-input corpus: one file (or CSV folder) per validation rule, with the exit code of
// `qchain check` and the first message it must print (tests/data/bad/expected.tsv).
#include <fstream>
#include <sstream>

#include "../support/test_support.hpp"
#include "qchain/graphs/chain_builder.hpp"

namespace {

using namespace qchain;

struct Case {
  std::string name;
  int exit_code;
  std::string first_message;
};

std::vector<Case> read_cases() {
  std::ifstream in(test::source_path("tests/data/bad/expected.tsv"));
  std::vector<Case> out;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream row(line);
    Case c;
    std::string code;
    std::getline(row, c.name, '\t');
    std::getline(row, code, '\t');
    std::getline(row, c.first_message);
    c.exit_code = std::stoi(code);
    out.push_back(c);
  }
  return out;
}

TEST(BadInputCorpus, HasAtLeastOneCasePerRule) { EXPECT_GE(read_cases().size(), 40u); }

TEST(BadInputCorpus, EachCaseGivesItsMessageAndExitCode) {
  const std::string dir = test::source_path("tests/data/bad/");
  for (const Case& c : read_cases()) {
    SCOPED_TRACE(c.name);
    const graphs::ChainLoad load = graphs::load_chain(dir + c.name);
    const int code = load.errors > 0 ? 2 : load.warnings > 0 ? 1 : 0;
    EXPECT_EQ(code, c.exit_code);
    EXPECT_EQ(load.chain.has_value(), load.errors == 0);
    if (c.first_message.empty()) {
      EXPECT_TRUE(load.diagnostics.empty());
      continue;
    }
    ASSERT_FALSE(load.diagnostics.empty());
    std::string first = format_diagnostic(load.diagnostics.front());
    ASSERT_EQ(first.rfind(dir, 0), 0u) << first;
    EXPECT_EQ(first.substr(dir.size()), c.first_message);
  }
}

TEST(BadInput, EveryProblemIsReportedNotOnlyTheFirst) {
  const auto load = graphs::load_chain_json_text(R"({"format": "qchain-chain/1", "chain": {"id": "x", "name": "X"},
    "firms": [{"id": "A", "name": "a", "role": "boss", "first_pass_yield": 2},
              {"id": "A", "name": "b", "role": "micro"}],
    "links": [{"supplier": "A", "customer": "Q", "share": 1.5}]})",
                                                "t.json");
  const auto m = test::messages(load);
  EXPECT_EQ(load.errors, 5u);
  const std::vector<std::string> expected = {
      "t.json:2:40: firms[0].role: unknown role \"boss\" (expected chain_leader, large, medium, small or micro) [firm \"A\" (a)]",
      "t.json:2:56: firms[0].first_pass_yield: must be between 0 and 1, got 2 [firm \"A\" (a)]",
      "t.json:3:16: firms[1].id: duplicate firm id \"A\" (b) (first at firms[0])",
      "t.json:4:33: links[0].customer: unknown firm \"Q\"",
      "t.json:4:50: links[0].share: must be between 0 and 1, got 1.5"};
  for (const auto& e : expected) EXPECT_NE(std::find(m.begin(), m.end(), e), m.end()) << e << "\nin " << ::testing::PrintToString(m);
}

TEST(BadInput, MillionDeepNestingIsRejectedWithoutOverflow) {
  const std::string deep = R"({"format": "qchain-chain/1", "x": )" + std::string(1000000, '[') + std::string(1000000, ']') + "}";
  const auto load = graphs::load_chain_json_text(deep, "deep.json");
  EXPECT_GT(load.errors, 0u);
  EXPECT_FALSE(load.chain.has_value());
}

TEST(BadInput, NulByteInTextIsReported) {
  const auto load = graphs::load_chain_json_text(std::string("{\"format\": \"qc\0\"}", 17), "nul.json");
  ASSERT_EQ(load.errors, 1u);
  EXPECT_NE(load.diagnostics[0].message.find("NUL"), std::string::npos);
}

TEST(BadInput, ProblemsAreCappedButCounted) {
  std::string doc = R"({"format": "qchain-chain/1", "chain": {"id": "x", "name": "X"}, "firms": [)";
  for (int i = 0; i < 3000; ++i) doc += std::string(i ? "," : "") + R"({"id": "F)" + std::to_string(i) + R"(", "name": "n", "role": "bad"})";
  doc += "]}";
  const auto load = graphs::load_chain_json_text(doc, "many.json");
  EXPECT_EQ(load.errors, 3000u);
  EXPECT_LE(load.diagnostics.size(), graphs::ChainBuilder::kMaxProblems);
}

TEST(BadInput, MissingFileIsAnIoError) {
  EXPECT_THROW(graphs::load_chain("/nonexistent/chain.json"), IoError);
}

}  // namespace

namespace {

// Found by fuzzing: a link without a supplier, in a file without firms, named "firm 0" in its
// message (reading past the empty firm list). A missing end names no firm.
TEST(BadInput, ALinkWithAMissingEndNamesNoFirm) {
  const auto load = graphs::load_chain_json_text(R"({"format": "qchain-chain/1", "chain": {"id": "x", "name": "X"},
    "links": [{"customer": "L", "share": 2}]})", "t.json");
  EXPECT_GT(load.errors, 0u);
  for (const std::string& m : test::messages(load)) EXPECT_EQ(m.find("[link"), std::string::npos) << m;
  const auto with_firms = graphs::load_chain_json_text(R"({"format": "qchain-chain/1", "chain": {"id": "x", "name": "X"},
    "firms": [{"id": "A", "name": "a", "role": "micro"}, {"id": "L", "name": "l", "role": "chain_leader"}],
    "links": [{"customer": "L", "share": 2}, {"supplier": "A", "customer": "L"}]})", "t.json");
  for (const std::string& m : test::messages(with_firms)) EXPECT_EQ(m.find("\"A\" ->"), std::string::npos) << m;
}

}  // namespace
