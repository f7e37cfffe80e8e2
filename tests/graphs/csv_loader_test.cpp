#include <fstream>

#include "../support/test_support.hpp"
#include "qchain/graphs/chain_csv_writer.hpp"

namespace {

using namespace qchain;
using namespace qchain::graphs;

void write(const std::string& path, const std::string& text) { std::ofstream(path, std::ios::binary) << text; }

TEST(CsvLoader, JsonAndCsvGiveTheSameModelForEveryPilot) {
  for (const std::string& path : test::pilot_files()) {
    SCOPED_TRACE(path);
    const ChainGraph from_json = require_chain(load_chain(path));
    test::TempDir dir;
    write_chain_csv(from_json, dir.path());
    const ChainGraph from_csv = require_chain(load_chain(dir.path()));
    EXPECT_TRUE(test::same_chain(from_json, from_csv));
  }
}

TEST(CsvLoader, BundledCsvExampleMatchesItsJson) {
  const ChainGraph csv = require_chain(load_chain(test::source_path("data/pilots/csv/huangpu-smart-equipment")));
  const ChainGraph json = require_chain(load_chain(test::source_path("data/pilots/huangpu-smart-equipment.json")));
  EXPECT_TRUE(test::same_chain(csv, json));
}

TEST(CsvLoader, BomCrlfQuotesAndAnyColumnOrder) {
  test::TempDir dir;
  write(dir.file("firms.csv"),
        "\xEF\xBB\xBFrole,id,name,certifications,issues\r\n"
        "micro,A,\"甲, \"\"精密\"\"\nline two\",ISO9001:valid:2026-05-01;IATF16949:in_progress:,\r\n"
        "\r\n"
        "chain_leader,L,链主,,\r");
  write(dir.file("links.csv"), "customer,supplier,share,essential,requires\nL,A,0.5,yes,ISO9001;IATF16949\n");
  const ChainGraph g = require_chain(load_chain(dir.path()));
  ASSERT_EQ(g.firm_count(), 2u);
  EXPECT_EQ(g.firm(0).name, "甲, \"精密\"\nline two");
  ASSERT_EQ(g.firm(0).certifications.size(), 2u);
  EXPECT_EQ(g.firm(0).certifications[0].expires, "2026-05-01");
  EXPECT_EQ(g.firm(1).role, Role::chain_leader);
  EXPECT_DOUBLE_EQ(g.link(0).share, 0.5);
  EXPECT_EQ(g.requirement_sets()[g.link(0).requires_set].size(), 2u);
  const auto slash = dir.path().find_last_of('/');
  EXPECT_EQ(g.info().id, dir.path().substr(slash + 1));  // no chain.csv: the folder names the chain
}

TEST(CsvLoader, ProblemsNameFileLineAndField) {
  test::TempDir dir;
  write(dir.file("firms.csv"), "id,name,role,first_pass_yield,issues\nA,甲,micro,0.9,\nB,\"乙\n二\",micro,1.2,\nL,链主,chain_leader,,MAT:2\n");
  write(dir.file("links.csv"), "supplier,customer\nA,L\nQ,L\nB,L\n");
  const ChainLoad load = load_chain(dir.path());
  std::vector<std::string> m;
  for (const Diagnostic& d : load.diagnostics)
    if (d.severity == Severity::error) m.push_back(format_diagnostic(d));
  ASSERT_EQ(load.errors, 3u) << ::testing::PrintToString(m);
  // The firm is named by id and name, control characters in the name made visible.
  EXPECT_EQ(m[0], dir.path() + "/firms.csv:3: first_pass_yield: must be between 0 and 1, got 1.2 (if 1.2 % is meant, write 0.012 or 1.2%) [firm \"B\" (乙\\x0a二)]");
  EXPECT_EQ(m[1], dir.path() + "/firms.csv:5: issues[0].code: unknown issue code \"MAT\" [firm \"L\" (链主)]");
  EXPECT_EQ(m[2], dir.path() + "/links.csv:3: supplier: unknown firm \"Q\"");
}

TEST(CsvLoader, WriterRefusesSeparatorsInListValues) {
  const ChainGraph g = test::load_text(R"({"format": "qchain-chain/1", "chain": {"id": "c", "name": "C"},
    "firms": [{"id": "A", "name": "a", "role": "micro", "certifications": [{"scheme": "GB:T", "status": "valid"}]}]})");
  EXPECT_THROW(chain_to_csv(g), UsageError);
}

}  // namespace
