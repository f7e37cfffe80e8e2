// The countermeasure ecosystem map: what it draws for a ledger and projects, how it aggregates,
// and that it renders.
#include <gtest/gtest.h>

#include <algorithm>

#include "../support/test_support.hpp"
#include "qchain/visualization/ecosystem_map.hpp"
#include "qchain/visualization/graphviz_renderer.hpp"

namespace {

using namespace qchain;
using namespace qchain::graphs;
using namespace qchain::visualization;
using workspace::LedgerEntry;
using workspace::LedgerStatus;
using workspace::ProviderKind;

// X concerns A, B and C; Y concerns A; Z concerns C and D; W concerns nobody.
const char* kChain = R"({"format": "qchain-chain/1", "chain": {"id": "c", "name": "测试链", "as_of": "2025-06-30"},
 "segments": [{"id": "up", "name": "上游", "order": 0}, {"id": "down", "name": "下游", "order": 1}],
 "issues": [{"code": "X", "name": "来料不稳", "category": "material"}, {"code": "Y", "name": "培训不足", "category": "man"},
            {"code": "Z", "name": "量具未校准", "category": "measurement"}, {"code": "W", "name": "无人有", "category": "method"}],
 "firms": [
  {"id": "A", "name": "甲厂", "role": "micro", "segment": "up", "issues": [{"code": "X", "severity": 1}, {"code": "Y", "severity": 1}]},
  {"id": "B", "name": "乙厂", "role": "small", "segment": "up", "issues": [{"code": "X", "severity": 2}]},
  {"id": "C", "name": "丙厂", "role": "small", "segment": "up", "issues": [{"code": "X", "severity": 1}, {"code": "Z", "severity": 1}]},
  {"id": "D", "name": "丁厂", "role": "micro", "segment": "down", "issues": [{"code": "Z", "severity": 1}]},
  {"id": "L", "name": "链主", "role": "chain_leader", "segment": "down"}],
 "links": [{"supplier": "A", "customer": "L"}, {"supplier": "B", "customer": "L"}, {"supplier": "C", "customer": "L"},
           {"supplier": "D", "customer": "L"}]})";

LedgerEntry entry(const char* firm, std::vector<std::string> issues, LedgerStatus s, const char* provider, ProviderKind k) {
  LedgerEntry e;
  e.firm_id = firm;
  e.issues = std::move(issues);
  e.status = s;
  e.provider.name = provider;
  e.provider.kind = k;
  e.measures = {"来料检验规程"};
  return e;
}

EcosystemInput input() {
  EcosystemInput in;
  in.ledger = {entry("A", {"X"}, LedgerStatus::in_progress, "检测院", ProviderKind::testing_lab),
               entry("B", {"X"}, LedgerStatus::in_progress, "检测院", ProviderKind::testing_lab),
               entry("C", {"X", "Z"}, LedgerStatus::done, "认证中心", ProviderKind::certification_body),
               entry("GONE", {"NOPE"}, LedgerStatus::planned, "", ProviderKind::expert)};
  workspace::Project p;
  p.id = 1;
  p.title = "来料一致性攻关";
  p.issue_code = "X";
  p.leader_firm_id = "L";
  p.firms = {"A", "B"};
  p.providers = {{"检测院", ProviderKind::testing_lab, ""}};
  p.status = LedgerStatus::in_progress;
  in.projects = {p};
  return in;
}

const DiagramNode* node(const Diagram& d, const std::string& id) {
  for (const DiagramNode& n : d.nodes)
    if (n.id == id) return &n;
  return nullptr;
}

std::size_t edges_between(const Diagram& d, const std::string& tail, const std::string& head) {
  return static_cast<std::size_t>(std::count_if(d.edges.begin(), d.edges.end(),
                                                [&](const DiagramEdge& e) { return e.tail == tail && e.head == head; }));
}

TEST(EcosystemMap, IssuesMeasuresProvidersFirms) {
  const ChainGraph g = test::load_text(kChain);
  const Diagram d = ecosystem_map(g, input(), {});
  // X (index 0) has the in-progress group of two entries, the done entry and the project; Z the done entry.
  const DiagramNode* x = node(d, "i0");
  ASSERT_NE(x, nullptr);
  EXPECT_NE(x->label.find("3 家企业"), std::string::npos) << x->label;
  EXPECT_EQ(x->attributes.at("style"), "rounded,filled");
  ASSERT_NE(node(d, "m0_1"), nullptr);  // X, in progress
  EXPECT_NE(node(d, "m0_1")->label.find("帮扶措施 2 项"), std::string::npos) << node(d, "m0_1")->label;
  EXPECT_NE(node(d, "m0_1")->label.find("如："), std::string::npos);
  EXPECT_NE(node(d, "m0_2"), nullptr);  // X, done
  EXPECT_NE(node(d, "m2_2"), nullptr);  // Z, done: the entry aims at both
  EXPECT_NE(node(d, "mx_0"), nullptr);  // an unknown code is drawn under "other", not dropped
  EXPECT_NE(node(d, "i_other"), nullptr);
  ASSERT_NE(node(d, "p1"), nullptr);
  EXPECT_NE(node(d, "p1")->label.find("攻关项目 #1"), std::string::npos);
  EXPECT_EQ(edges_between(d, "i0", "p1"), 1u);
  EXPECT_EQ(edges_between(d, "i0", "m0_1"), 1u);
  // Y concerns a firm and has no measure: dashed; W concerns nobody: not drawn.
  ASSERT_NE(node(d, "i1"), nullptr);
  EXPECT_EQ(node(d, "i1")->attributes.at("style"), "rounded,dashed");
  EXPECT_EQ(node(d, "i3"), nullptr);
  // Providers: the testing lab carries three actions (two entries and the project), then the
  // certification centre, then the entries without a provider.
  ASSERT_NE(node(d, "v0"), nullptr);
  EXPECT_NE(node(d, "v0")->label.find("检测院"), std::string::npos);
  EXPECT_NE(node(d, "v_none"), nullptr);
  // Five firms reached (A, B, C, L and one no longer in the chain): each drawn.
  std::size_t firms = 0;
  for (const DiagramNode& n : d.nodes) firms += n.rank == "firms";
  EXPECT_EQ(firms, 5u);
}

TEST(EcosystemMap, ALargeLedgerIsAggregated) {
  const ChainGraph g = test::load_text(kChain);
  EcosystemMapOptions o;
  o.max_providers = 1;
  o.max_firms = 2;
  const Diagram d = ecosystem_map(g, input(), o);
  EXPECT_NE(node(d, "v0"), nullptr);
  // The rest one node per kind: alone in its kind, the certification centre keeps its name; with a
  // second one, the node says how many.
  const DiagramNode* other = node(d, "v_kind0");
  ASSERT_NE(other, nullptr);
  EXPECT_NE(other->label.find("认证中心"), std::string::npos) << other->label;
  EcosystemInput more = input();
  more.ledger.push_back(entry("D", {"Z"}, LedgerStatus::done, "另一认证中心", ProviderKind::certification_body));
  const Diagram with_more = ecosystem_map(g, more, o);
  const DiagramNode* two = node(with_more, "v_kind0");
  ASSERT_NE(two, nullptr);
  EXPECT_NE(two->label.find("其他认证机构 2 家"), std::string::npos) << two->label;
  // Firms per segment: up (A, B, C), down (L), and the one gone.
  ASSERT_NE(node(d, "s0"), nullptr);
  EXPECT_NE(node(d, "s0")->label.find("3 家企业"), std::string::npos) << node(d, "s0")->label;
  EXPECT_NE(node(d, "s1"), nullptr);
  EXPECT_NE(node(d, "s_gone"), nullptr);
  EXPECT_EQ(node(d, "f_0"), nullptr);
}

TEST(EcosystemMap, EnglishAndRendered) {
  const ChainGraph g = test::load_text(kChain);
  EcosystemMapOptions o;
  o.lang = report::Lang::en;
  const Diagram d = ecosystem_map(g, input(), o);
  EXPECT_NE(node(d, "m0_1")->label.find("Assistance: 2 entries"), std::string::npos);
  EXPECT_NE(d.label.find("Countermeasure ecosystem"), std::string::npos);
  const std::string svg = render(d, Format::svg);
  EXPECT_NE(svg.find("<svg"), std::string::npos);
  EXPECT_EQ(svg, render(ecosystem_map(g, input(), o), Format::svg));  // deterministic
  // An empty ledger still draws the issues that need help.
  const Diagram empty = ecosystem_map(g, {}, {});
  EXPECT_NE(node(empty, "i0"), nullptr);
  EXPECT_EQ(node(empty, "i0")->attributes.at("style"), "rounded,dashed");
}

}  // namespace
