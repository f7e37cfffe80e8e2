// The ledger's texts: the list and one entry in both languages, and every message the ledger
// composes has a Chinese text.
#include <gtest/gtest.h>

#include <cmath>
#include <functional>

#include "../support/test_support.hpp"
#include "qchain/report/ledger_report.hpp"
#include "qchain/report/messages.hpp"
#include "qchain/workspace/workspace.hpp"

namespace {

using namespace qchain;
using namespace qchain::report;
using namespace qchain::workspace;

LedgerEntry entry() {
  LedgerEntry e;
  e.id = 7;
  e.chain_id = "anping-wire-mesh";
  e.firm_id = "AP0006";
  e.provider = {"河北省质检院", ProviderKind::testing_lab, "衡水"};
  e.issues = {"MAT-01", "MSR-08"};
  e.measures = {"来料检验规程", "卡尺校准"};
  e.start = "2024-07-01";
  e.end = "2025-05-31";
  e.status = LedgerStatus::in_progress;
  e.cost = 2.5;
  e.funding = "财政补贴";
  e.created_by = "tester";
  e.created_at = "2025-07-01T08:00:00Z";
  return e;
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

TEST(LedgerReport, OneEntryInBothLanguages) {
  LedgerYields y;
  y.before = SnapshotYield{"2024-06-30", true, 0.855};
  const std::vector<LedgerHistoryRow> history = {{1, "2025-07-01T08:00:00Z", "tester", "status", std::nullopt, std::string("planned")},
                                                 {2, "2025-08-01T08:00:00Z", "li", "status", std::string("planned"), std::string("in_progress")}};
  const std::string zh = ledger_entry_text(entry(), y, history, Lang::zh);
  EXPECT_TRUE(has(zh, "【帮扶台账条目 7】 anping-wire-mesh")) << zh;
  EXPECT_TRUE(has(zh, "状态：进行中")) << zh;
  EXPECT_TRUE(has(zh, "服务机构：河北省质检院（检测机构，衡水）")) << zh;
  EXPECT_TRUE(has(zh, "  2. 卡尺校准")) << zh;
  EXPECT_TRUE(has(zh, "费用：2.50 万元")) << zh;
  EXPECT_TRUE(has(zh, "帮扶前一次合格率：85.5%（2024-06-30 快照）")) << zh;
  EXPECT_TRUE(has(zh, "帮扶后一次合格率：尚无（结束后还没有快照）")) << zh;
  EXPECT_TRUE(has(zh, "计划")) << zh;  // the history's status values by their labels
  const std::string en = ledger_entry_text(entry(), y, history, Lang::en);
  EXPECT_TRUE(has(en, "Provider: 河北省质检院 (testing lab, 衡水)")) << en;
  EXPECT_TRUE(has(en, "First-pass yield after: not yet (no snapshot since the end)")) << en;
  EXPECT_TRUE(has(en, "in progress")) << en;
  EXPECT_FALSE(test::has_cjk(ledger_status_label(LedgerStatus::done, Lang::en)));
  const std::string json = ledger_entry_json(entry(), y, history);
  EXPECT_TRUE(has(json, "\"first_pass_yield\": 0.855")) << json;
  EXPECT_TRUE(has(json, "\"after\": null")) << json;
  EXPECT_TRUE(has(json, "\"kind\": \"testing_lab\"")) << json;
  EXPECT_TRUE(has(json, "\"old\": null")) << json;
}

TEST(LedgerReport, TheListCountsByStatusAndAddsTheCost) {
  std::vector<LedgerEntry> entries(3, entry());
  entries[1].status = LedgerStatus::done;
  entries[1].cost = 1.25;
  entries[2].cost = graphs::kAbsent;
  const std::string zh = ledger_list_text("ws.qcw#anping-wire-mesh", entries, Lang::zh);
  EXPECT_TRUE(has(zh, "ws.qcw#anping-wire-mesh：3 条")) << zh;
  EXPECT_TRUE(has(zh, "计划 0，进行中 2，完成 1，放弃 0；费用合计 3.75 万元")) << zh;
  const std::string en = ledger_list_text("ws.qcw#anping-wire-mesh", entries, Lang::en);
  EXPECT_TRUE(has(en, "planned 0, in progress 2, done 1, dropped 0; total cost 3.75 (10k CNY)")) << en;
  EXPECT_TRUE(has(ledger_list_text("x#y", {}, Lang::en), "x#y: 0 entries"));
}

TEST(LedgerReport, PlanMeasuresSayWhatThePlanAssumed) {
  engine::PlanOptions o;
  o.gain = 0.03;
  EXPECT_EQ(plan_measures(o, Lang::zh), std::vector<std::string>{"一次合格率提升 3.0 个百分点"});
  o.action = engine::PlanOptions::Action::fix_issues;
  o.goals.gaps = 1;
  EXPECT_EQ(plan_measures(o, Lang::en), (std::vector<std::string>{"fix all its quality issues", "obtain every certificate its customers require"}));
  EXPECT_EQ(plan_recorded_text("w#c", {4, 5, 6}, Lang::en), "w#c: recorded 3 planned entries in the ledger (entries 4–6)\n");
  EXPECT_EQ(plan_recorded_text("w#c", {4, 5, 6}, Lang::zh), "w#c：已把方案的 3 家企业记入帮扶台账（状态：计划，条目 4–6）\n");
}

// Every message the ledger composes, provoked, has a Chinese text.
TEST(LedgerReport, EveryLedgerMessageIsTranslated) {
  test::TempDir dir;
  const std::string ws = dir.file("ws.qcw");
  init_workspace(ws);
  import_snapshot(ws, graphs::require_chain(graphs::load_chain(test::source_path("data/pilots/anping-wire-mesh.json"))), {});
  const LedgerActor by{"t", ""};
  std::vector<std::string> messages;
  const auto provoke = [&](const std::function<void()>& f) {
    try {
      f();
      ADD_FAILURE() << "no error (after " << messages.size() << " messages)";
    } catch (const Error& e) {
      messages.emplace_back(e.what());
    }
  };
  const auto add = [&](const std::function<void(LedgerEntry&)>& edit) {
    provoke([&] {
      LedgerEntry e = entry();
      edit(e);
      add_ledger_entry(ws, "anping-wire-mesh", e, by);
    });
  };
  add([](LedgerEntry& e) { e.firm_id = "NOPE"; });
  add([](LedgerEntry& e) { e.firm_id.clear(); });
  add([](LedgerEntry& e) { e.issues = {"NOPE"}; });
  add([](LedgerEntry& e) { e.issues = {"MAT-01", "MAT-01"}; });
  add([](LedgerEntry& e) { e.planned_start = "2024-13-01"; });
  add([](LedgerEntry& e) { e.start = "x"; });
  add([](LedgerEntry& e) { e.end = "2024"; });
  add([](LedgerEntry& e) { e.end = "2024-01-01"; });
  add([](LedgerEntry& e) { e.cost = -2; });
  add([](LedgerEntry& e) { e.measures = {""}; });
  add([](LedgerEntry& e) { e.provider = {"新机构", std::nullopt, ""}; });
  add([](LedgerEntry& e) { e.provider = {"", std::nullopt, "衡水"}; });
  add_ledger_entry(ws, "anping-wire-mesh", entry(), by);
  add([](LedgerEntry& e) { e.provider.kind = ProviderKind::expert; });
  add([](LedgerEntry& e) { e.provider.region = "保定"; });
  add([](LedgerEntry& e) { e.chain_id = "ignored"; e.firm_id = "AP0001"; e.issues = {"ZZ"}; });
  provoke([&] { add_ledger_entry(ws, "nope", entry(), by); });
  provoke([&] { get_ledger_entry(ws, "anping-wire-mesh", 42); });
  LedgerChange c;
  c.firm_id = std::string("NOPE");
  provoke([&] { update_ledger_entry(ws, "anping-wire-mesh", 1, c, by); });
  c = {};
  c.start = std::string("2026-01-01");
  provoke([&] { update_ledger_entry(ws, "anping-wire-mesh", 1, c, by); });
  provoke([] { parse_ledger_status("finished"); });
  provoke([] { parse_provider_kind("lab"); });
  ASSERT_EQ(messages.size(), 21u);
  for (const std::string& m : messages) {
    const LocalisedMessage zh = localise(m, Lang::zh);
    EXPECT_TRUE(zh.matched) << m;
    EXPECT_TRUE(test::has_cjk(zh.text)) << m;
  }
  // And those the commands compose.
  for (const char* m : {"ledger: x.json is not a workspace reference (FILE#CHAIN_ID)",
                        "ledger: the ledger belongs to the chain, not to one snapshot: give w#c without @2024-06-30",
                        "--cost: \"abc\" is not a number (10k CNY)",
                        "ledger update: nothing to change (give at least one of --firm, --status, --end ...)",
                        "plan --record: the chain must be a workspace reference (FILE#CHAIN_ID), whose ledger the picks go to",
                        "w.qcw: the workspace has no schema version; it is damaged or not a qchain workspace"})
    EXPECT_TRUE(localise(m, Lang::zh).matched) << m;
  // The specific patterns win over the general ones: the field is named in Chinese.
  EXPECT_EQ(localise_message("ledger entry for firm \"AP0006\": start: \"x\" is not a date (YYYY-MM-DD)", Lang::zh),
            "台账条目（企业 \"AP0006\"）：开始日期 \"x\" 不是有效日期（YYYY-MM-DD）");
}

}  // namespace
