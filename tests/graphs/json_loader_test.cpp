#include <cmath>
#include <fstream>
#include <sstream>

#include "../support/test_support.hpp"

namespace {

using namespace qchain;
using namespace qchain::graphs;

const char* kChain = R"({
  "format": "qchain-chain/1",
  "chain": {"id": "hp", "name": "黄埔智能装备", "region": "广州市黄埔区", "industry": "智能装备", "as_of": "2025-06-30"},
  "segments": [{"id": "parts", "name": "上游关键零部件", "order": 0}, {"id": "machines", "name": "中游整机", "order": 1}],
  "issues": [{"code": "MAT-01", "name": "原材料批次一致性差", "category": "material", "yield_loss": 0.02},
             {"code": "MTH-02", "name": "工艺文件不完善", "category": "method"}],
  "firms": [
    {"id": "P1", "name": "广州精工", "role": "small", "segment": "parts", "first_pass_yield": 0.9,
     "certifications": [{"scheme": "ISO9001", "status": "valid", "expires": "2026-05-01"}, {"scheme": "IATF16949", "status": "in_progress"}],
     "issues": [{"code": "MTH-02", "severity": 2}, {"code": "MAT-01", "severity": 3}], "employees": 40, "revenue": 1250.5},
    {"id": "P2", "name": "黄埔伺服", "role": "micro", "segment": "parts", "maturity": "startup",
     "assisted": {"by": "认证机构", "since": "2024-03-01", "programme": "提升行动"}},
    {"id": "P3", "name": "萝岗铸造", "role": "micro", "segment": "parts", "region": null},
    {"id": "L", "name": "链主整机", "role": "chain_leader", "segment": "machines", "first_pass_yield": 0.95}
  ],
  "links": [
    {"supplier": "P1", "customer": "L", "input": "servo", "share": 0.6, "inspection": 0.5, "requires": ["ISO9001"]},
    {"supplier": "P2", "customer": "L", "input": "servo"},
    {"supplier": "P3", "customer": "L", "essential": false, "weight": 0.1, "value": 12},
    {"supplier": "P3", "customer": "P1"}
  ]})";

TEST(JsonLoader, ReadsEveryField) {
  const ChainGraph g = test::load_text(kChain);
  EXPECT_EQ(g.info().name, "黄埔智能装备");
  EXPECT_EQ(g.info().as_of, "2025-06-30");
  ASSERT_EQ(g.firm_count(), 4u);
  ASSERT_EQ(g.link_count(), 4u);
  const Firm& p1 = g.firm(*g.find_firm("P1"));
  EXPECT_EQ(p1.name, "广州精工");
  EXPECT_EQ(p1.role, Role::small);
  EXPECT_EQ(g.segments()[p1.segment].id, "parts");
  EXPECT_DOUBLE_EQ(p1.first_pass_yield, 0.9);
  EXPECT_EQ(p1.employees, 40);
  EXPECT_DOUBLE_EQ(p1.revenue, 1250.5);
  ASSERT_EQ(p1.certifications.size(), 2u);
  EXPECT_EQ(g.schemes()[p1.certifications[0].scheme], "ISO9001");
  EXPECT_EQ(p1.certifications[1].status, CertStatus::in_progress);
  ASSERT_EQ(p1.issues.size(), 2u);  // sorted by catalogue order
  EXPECT_EQ(g.issues()[p1.issues[0].issue].code, "MAT-01");
  EXPECT_EQ(p1.issues[0].severity, 3);
  const Firm& p2 = g.firm(1);
  EXPECT_TRUE(std::isnan(p2.first_pass_yield));
  EXPECT_EQ(p2.maturity, Maturity::startup);
  ASSERT_NE(g.assistance_of(p2), nullptr);
  EXPECT_EQ(g.assistance_of(p2)->since, "2024-03-01");
  EXPECT_EQ(g.assistance_of(p1), nullptr);
  EXPECT_EQ(g.region_of(g.firm(2)), "");  // null is the same as absent
  EXPECT_EQ(g.leaders(), std::vector<FirmId>{3});
  const SupplyLink& l0 = g.link(0);
  EXPECT_DOUBLE_EQ(l0.inspection, 0.5);
  EXPECT_EQ(g.requirement_sets()[l0.requires_set].size(), 1u);
  EXPECT_EQ(g.input_of(0), "servo");
  EXPECT_EQ(g.input_of(2), "P3");  // the default input is the supplier's id
  EXPECT_FALSE(g.link(2).essential);
  EXPECT_DOUBLE_EQ(g.link(2).weight, 0.1);
  EXPECT_DOUBLE_EQ(g.link(2).value, 12);
}

TEST(JsonLoader, KeyOrderDoesNotMatter) {
  // Links before firms, firms before segments and issues.
  const ChainGraph g = test::load_text(R"({"links": [{"supplier": "A", "customer": "B"}],
    "firms": [{"id": "A", "name": "a", "role": "micro", "segment": "s", "issues": [{"code": "X", "severity": 1}]},
              {"id": "B", "name": "b", "role": "chain_leader", "segment": "t"}],
    "issues": [{"code": "X", "name": "x", "category": "man"}],
    "segments": [{"id": "t", "name": "T", "order": 1}, {"id": "s", "name": "S", "order": 0}],
    "chain": {"id": "c", "name": "C"}, "format": "qchain-chain/1"})");
  EXPECT_EQ(g.firm(0).segment, 1u);
  EXPECT_EQ(g.firm(0).issues.size(), 1u);
  EXPECT_EQ(g.link(0).supplier, 0u);
  EXPECT_EQ(g.link(0).customer, 1u);
}

TEST(JsonLoader, WholeNumberFloatsAreAccepted) {
  const ChainGraph g = test::load_text(R"({"format": "qchain-chain/1", "chain": {"id": "c", "name": "C"},
    "segments": [{"id": "s", "name": "S", "order": 1.0}],
    "firms": [{"id": "A", "name": "a", "role": "micro", "employees": 3.0}]})");
  EXPECT_EQ(g.firm(0).employees, 3);
  EXPECT_EQ(g.segments()[0].order, 1u);
}

TEST(JsonLoader, LoadsEveryBundledPilot) {
  for (const std::string& path : test::pilot_files()) {
    SCOPED_TRACE(path);
    const ChainLoad load = load_chain(path);
    EXPECT_EQ(load.errors, 0u) << (load.diagnostics.empty() ? "" : format_diagnostic(load.diagnostics[0]));
    ASSERT_TRUE(load.chain.has_value());
    EXPECT_GE(load.chain->firm_count(), 60u);
    EXPECT_LE(load.chain->firm_count(), 400u);
    EXPECT_GE(load.chain->leaders().size(), 2u);
    EXPECT_LE(load.chain->leaders().size(), 6u);
  }
}

TEST(JsonLoader, FileAndTextGiveTheSameModel) {
  const std::string path = test::pilot_files().front();
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  EXPECT_TRUE(test::same_chain(require_chain(load_chain_json(path)), require_chain(load_chain_json_text(ss.str(), path))));
}

}  // namespace

namespace {

// A chain of `firms` firms, one record a line, every one supplying the leader X0. With `mistakes`,
// some records carry one at known indices: an unknown role (an error of the builder), an unknown
// key (a warning of the parser's handler), a link from a firm that does not exist (found only when
// every firm is in; its would-be supplier is then left without links, a warning too).
std::string big_chain(std::size_t firms, bool mistakes) {
  std::string doc = R"({"format": "qchain-chain/1", "chain": {"id": "big", "name": "Big"}, "segments": [{"id": "s", "name": "S", "order": 0}], "firms": [)";
  doc += "\n";
  for (std::size_t i = 0; i < firms; ++i) {
    const char* role = i == 0 ? "chain_leader" : mistakes && i % 4999 == 0 ? "boss" : "micro";
    doc += R"({"id": "X)" + std::to_string(i) + R"(", "name": "企业)" + std::to_string(i) + R"(", "role": ")" + role + R"(", "segment": "s")";
    if (mistakes && i % 3001 == 0 && i > 0) doc += R"(, "colour": "red")";
    doc += i + 1 < firms ? "},\n" : "}\n";
  }
  doc += "], \"links\": [\n";
  for (std::size_t i = 1; i < firms; ++i) {
    const std::string supplier = mistakes && i % 6007 == 0 ? "NOPE" : "X" + std::to_string(i);
    doc += R"({"supplier": ")" + supplier + R"(", "customer": "X0", "value": 1.5})";
    doc += i + 1 < firms ? ",\n" : "\n";
  }
  doc += "]}\n";
  return doc;
}

bool ends_with(const std::string& s, const std::string& tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

}  // namespace

// Past a few megabytes the builder runs on its own thread, fed in batches, and a regular file is
// parsed from its mapping: the same problems, in the same order and at the same places.
TEST(JsonLoader, BigFileIsReadAsASmallOne) {
  const std::size_t n = 60000;
  const std::string doc = big_chain(n, true);
  ASSERT_GT(doc.size(), std::size_t{5} << 20);
  const ChainLoad text = load_chain_json_text(doc, "big.json");
  std::size_t roles = 0, keys = 0, unlinked = 0, unknown = 0;
  for (const Diagnostic& d : text.diagnostics) {
    SCOPED_TRACE(format_diagnostic(d));
    const std::size_t index = std::stoul(d.field.substr(d.field.find('[') + 1));
    const std::string firm = "\"X" + std::to_string(index) + "\"";
    if (d.field.rfind("firms[", 0) == 0) {
      EXPECT_EQ(d.line, 2 + index);
      if (ends_with(d.field, ".role")) {
        ++roles;
        EXPECT_EQ(index % 4999, 0u);
        EXPECT_EQ(d.message, "unknown role \"boss\" (expected chain_leader, large, medium, small or micro) [firm " + firm +
                                 " (企业" + std::to_string(index) + ")]");
      } else if (ends_with(d.field, ".colour")) {
        ++keys;
        EXPECT_EQ(index % 3001, 0u);
        EXPECT_EQ(d.message, "unknown field (ignored) [firm " + firm + " (企业" + std::to_string(index) + ")]");
      } else {
        ++unlinked;
        EXPECT_EQ(index % 6007, 0u);
        EXPECT_EQ(d.message, "firm " + firm + " has no supply links");
      }
    } else {
      ++unknown;
      EXPECT_EQ(d.field, "links[" + std::to_string(index) + "].supplier");
      EXPECT_EQ(d.line, 2 + n + 1 + index);
      EXPECT_EQ((index + 1) % 6007, 0u);
      EXPECT_EQ(d.message, "unknown firm \"NOPE\"");
    }
  }
  EXPECT_EQ(roles, (n - 1) / 4999);
  EXPECT_EQ(keys, (n - 1) / 3001);
  EXPECT_EQ(unknown, (n - 1) / 6007);
  EXPECT_EQ(unlinked, unknown);
  EXPECT_EQ(text.errors, roles + unknown);
  EXPECT_EQ(text.warnings, keys + unlinked);
  for (std::size_t k = 1; k < text.diagnostics.size(); ++k) EXPECT_LE(text.diagnostics[k - 1].line, text.diagnostics[k].line);

  test::TempDir dir;
  const std::string path = dir.file("big.json");
  std::ofstream(path, std::ios::binary) << doc;
  const ChainLoad file = load_chain_json(path);
  ASSERT_EQ(file.diagnostics.size(), text.diagnostics.size());
  for (std::size_t k = 0; k < file.diagnostics.size(); ++k) {
    Diagnostic d = text.diagnostics[k];
    d.file = path;
    EXPECT_EQ(format_diagnostic(file.diagnostics[k]), format_diagnostic(d));
  }
  EXPECT_EQ(file.errors, text.errors);
  EXPECT_EQ(file.warnings, text.warnings);
}

// Without mistakes the big file gives the model its text gives, read through the mapping past a
// byte-order mark.
TEST(JsonLoader, BigFileWithABomGivesTheSameModel) {
  const std::string doc = big_chain(45000, false);
  const ChainLoad text = load_chain_json_text(doc, "big.json");
  ASSERT_TRUE(text.chain.has_value());
  EXPECT_EQ(text.chain->firm_count(), 45000u);
  EXPECT_EQ(text.chain->link_count(), 44999u);
  test::TempDir dir;
  const std::string path = dir.file("big.json");
  std::ofstream(path, std::ios::binary) << "\xEF\xBB\xBF" << doc;
  const ChainLoad file = load_chain_json(path);
  ASSERT_TRUE(file.chain.has_value());
  EXPECT_TRUE(file.diagnostics.empty());
  EXPECT_TRUE(test::same_chain(*file.chain, *text.chain));
}
