// The optional input catalogue (`inputs`: id, name): read from JSON, the CSV folder and the workbook,
// checked by the builder (duplicates are errors, ids no link uses are warnings, each located in its
// file), written back by every writer, and absent from the files of a chain that has none.
#include <algorithm>
#include <fstream>

#include "../support/test_support.hpp"
#include "qchain/graphs/chain_csv_writer.hpp"
#include "qchain/graphs/chain_export.hpp"
#include "qchain/graphs/chain_xlsx_writer.hpp"

namespace {

using namespace qchain;
using namespace qchain::graphs;

void write(const std::string& path, const std::string& text) { std::ofstream(path, std::ios::binary) << text; }

std::vector<std::string> messages(const ChainLoad& load, Severity s) {
  std::vector<std::string> m;
  for (const Diagnostic& d : load.diagnostics)
    if (d.severity == s) m.push_back(format_diagnostic(d));
  return m;
}

bool has(const std::vector<std::string>& m, const std::string& e) { return std::find(m.begin(), m.end(), e) != m.end(); }

// A supplies the encoder (named), B a default input of its own (named by B's id), C bearings (not named).
const char* kChain = R"({"format": "qchain-chain/1", "chain": {"id": "c", "name": "c"},
 "inputs": [{"id": "custom-encoder", "name": "定制编码器"}, {"id": "B", "name": "伺服电机"}],
 "firms": [{"id": "A", "name": "a", "role": "micro"}, {"id": "B", "name": "b", "role": "micro"},
           {"id": "C", "name": "c", "role": "micro"}, {"id": "L", "name": "l", "role": "chain_leader"}],
 "links": [{"supplier": "A", "customer": "L", "input": "custom-encoder"}, {"supplier": "B", "customer": "L"},
           {"supplier": "C", "customer": "L", "input": "bearings"}]})";

TEST(InputCatalogue, NamesInputsWhereItHasThem) {
  const ChainGraph g = test::load_text(kChain);
  ASSERT_EQ(g.input_catalogue().size(), 2u);
  EXPECT_EQ(g.input_label_of(0), "定制编码器");
  EXPECT_EQ(g.input_of(0), "custom-encoder");  // the id stays the id
  EXPECT_EQ(g.input_label_of(1), "伺服电机");    // a default input, named by its supplier's id
  EXPECT_EQ(g.input_label_of(2), "bearings");    // no entry: the id itself
  const ChainGraph plain = require_chain(load_chain(test::source_path("data/pilots/huangpu-smart-equipment.json")));
  EXPECT_FALSE(plain.input_catalogue().empty());
  const auto e = std::find_if(plain.links().begin(), plain.links().end(), [&](const SupplyLink& l) {
    return l.input_name != kNone && plain.input_names()[l.input_name] == "custom-encoder";
  });
  ASSERT_NE(e, plain.links().end());
  EXPECT_EQ(plain.input_label_of(static_cast<LinkId>(e - plain.links().begin())), "定制编码器");
}

TEST(InputCatalogue, DuplicatesAreErrorsAndUnusedIdsWarnings) {
  const auto load = load_chain_json_text(R"({"format": "qchain-chain/1", "chain": {"id": "x", "name": "X"},
 "inputs": [{"id": "gear", "name": "齿轮"}, {"id": "gear", "name": "齿轮二"}, {"id": "gaer", "name": "错字"},
            {"id": "", "name": "空"}, {"id": "nut"}],
 "firms": [{"id": "A", "name": "a", "role": "micro"}, {"id": "L", "name": "l", "role": "chain_leader"}],
 "links": [{"supplier": "A", "customer": "L", "input": "gear"}]})",
                                         "t.json");
  EXPECT_FALSE(load.chain);
  const auto errors = messages(load, Severity::error);
  EXPECT_EQ(load.errors, 3u) << ::testing::PrintToString(errors);
  EXPECT_TRUE(has(errors, "t.json:2:44: inputs[1].id: duplicate input id \"gear\" (first at inputs[0])")) << ::testing::PrintToString(errors);
  EXPECT_TRUE(has(errors, "t.json:3:14: inputs[3].id: must not be empty")) << ::testing::PrintToString(errors);
  EXPECT_TRUE(has(errors, "t.json:3:38: inputs[4].name: required field is missing")) << ::testing::PrintToString(errors);
  const auto warnings = messages(load, Severity::warning);
  // The misspelt id and the entry without a name are warned about; the duplicate, an error already, is not.
  EXPECT_EQ(warnings, (std::vector<std::string>{"t.json:2:75: warning: inputs[2].id: input \"gaer\" is used by no link",
                                                "t.json:3:39: warning: inputs[4].id: input \"nut\" is used by no link"}));
}

TEST(InputCatalogue, CsvFolderNamesFileAndLine) {
  test::TempDir dir;
  write(dir.file("firms.csv"), "id,name,role,first_pass_yield\nA,a,micro,0.9\nL,l,chain_leader,0.95\n");
  write(dir.file("links.csv"), "supplier,customer,input\nA,L,gear\n");
  write(dir.file("inputs.csv"), "id,name\ngear,齿轮\ngear,又一个齿轮\nbolt,螺栓\n");
  const ChainLoad load = load_chain(dir.path());
  EXPECT_FALSE(load.chain);
  const auto errors = messages(load, Severity::error);
  EXPECT_TRUE(has(errors, dir.file("inputs.csv") + ":3: id: duplicate input id \"gear\" (first at line 2)")) << ::testing::PrintToString(errors);
  const auto warnings = messages(load, Severity::warning);
  EXPECT_EQ(warnings, std::vector<std::string>{dir.file("inputs.csv") + ":4: warning: id: input \"bolt\" is used by no link"});
}

TEST(InputCatalogue, EveryWriterRoundTripsIt) {
  const ChainGraph g = test::load_text(kChain);
  test::TempDir dir;
  write_chain_csv(g, dir.file("csv"));
  const ChainGraph csv = require_chain(load_chain(dir.file("csv")));
  write_chain_xlsx(g, dir.file("c.xlsx"), true);
  const ChainGraph xlsx = require_chain(load_chain(dir.file("c.xlsx")));
  const std::string json = chain_to_json(g);
  const ChainGraph back = require_chain(load_chain_json_text(json, "back.json"));
  for (const ChainGraph* r : {&csv, &xlsx, &back}) {
    ASSERT_EQ(r->input_catalogue().size(), 2u);
    EXPECT_EQ(r->input_catalogue()[0].id, "custom-encoder");
    EXPECT_EQ(r->input_catalogue()[0].name, "定制编码器");
    EXPECT_EQ(r->input_label_of(1), "伺服电机");
  }
  EXPECT_NE(json.find("\"inputs\""), std::string::npos);
}

TEST(InputCatalogue, ChainWithoutOneIsWrittenWithoutOne) {
  const ChainGraph g = test::load_text(R"({"format": "qchain-chain/1", "chain": {"id": "c", "name": "c"},
   "firms": [{"id": "A", "name": "a", "role": "micro"}, {"id": "L", "name": "l", "role": "chain_leader"}],
   "links": [{"supplier": "A", "customer": "L", "input": "gear"}]})");
  EXPECT_EQ(chain_to_json(g).find("\"inputs\""), std::string::npos);
  test::TempDir dir;
  write_chain_csv(g, dir.file("csv"));
  EXPECT_FALSE(std::filesystem::exists(dir.file("csv/inputs.csv")));
  EXPECT_EQ(g.input_label_of(0), "gear");
}

}  // namespace
