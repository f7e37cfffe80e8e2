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
