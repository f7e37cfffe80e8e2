// The assistance ledger: entries read back as written, a history row per changed field, a history
// that cannot be altered, validation that names what is wrong, all-or-nothing changes.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <cmath>

#include "records_support.hpp"
#include "qchain/core/error.hpp"
#include "qchain/workspace/ledger.hpp"
#include "qchain/workspace/workspace.hpp"

using namespace qchain;
using namespace qchain::graphs;
using namespace qchain::workspace;

namespace {

const char* const kChain = "anping-wire-mesh";

using Anping = test::AnpingWorkspace;
using test::sql_count;
using test::sql_exec;

LedgerEntry full_entry() {
  LedgerEntry e;
  e.firm_id = "AP0006";
  e.provider = {"河北省质检院", ProviderKind::testing_lab, "衡水"};
  e.issues = {"MAT-01", "MSR-08"};
  e.measures = {"来料检验规程", "卡尺 \"校准\"\n每月一次"};
  e.planned_start = "2024-06-01";
  e.start = "2024-07-01";
  e.end = "2025-05-31";
  e.status = LedgerStatus::in_progress;
  e.cost = 2.5;
  e.funding = "财政补贴";
  e.outcome = "一次合格率提高";
  return e;
}

std::string message_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const UsageError& e) {
    return e.what();
  }
  return "(no UsageError)";
}

TEST(Ledger, EntriesReadBackAsWritten) {
  Anping w;
  const LedgerEntry e = full_entry();
  const std::int64_t id = add_ledger_entry(w.ws, kChain, e, w.by);
  EXPECT_GT(id, 0);
  const LedgerEntry back = get_ledger_entry(w.ws, kChain, id);
  EXPECT_EQ(back.id, id);
  EXPECT_EQ(back.chain_id, kChain);
  EXPECT_EQ(back.firm_id, "AP0006");
  EXPECT_EQ(back.provider.name, "河北省质检院");
  ASSERT_TRUE(back.provider.kind);
  EXPECT_EQ(*back.provider.kind, ProviderKind::testing_lab);
  EXPECT_EQ(back.provider.region, "衡水");
  EXPECT_EQ(back.issues, e.issues);
  EXPECT_EQ(back.measures, e.measures);
  EXPECT_EQ(back.planned_start, "2024-06-01");
  EXPECT_EQ(back.start, "2024-07-01");
  EXPECT_EQ(back.end, "2025-05-31");
  EXPECT_EQ(back.status, LedgerStatus::in_progress);
  EXPECT_EQ(back.cost, 2.5);
  EXPECT_EQ(back.funding, "财政补贴");
  EXPECT_EQ(back.outcome, "一次合格率提高");
  EXPECT_EQ(back.created_by, "tester");
  EXPECT_EQ(back.created_at, "2025-07-01T08:00:00Z");

  // A bare entry: only the firm; the provider named again is the same provider (its kind not needed).
  LedgerEntry bare;
  bare.firm_id = "AP0001";
  bare.provider.name = "河北省质检院";
  const std::int64_t second = add_ledger_entry(w.ws, kChain, bare, w.by);
  const LedgerEntry b = get_ledger_entry(w.ws, kChain, second);
  EXPECT_EQ(b.status, LedgerStatus::planned);
  EXPECT_TRUE(std::isnan(b.cost));
  EXPECT_TRUE(b.issues.empty());
  EXPECT_TRUE(b.start.empty());
  EXPECT_EQ(sql_count(w.ws, "SELECT COUNT(*) FROM providers"), 1);

  const std::vector<LedgerEntry> all = list_ledger(w.ws, kChain);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].id, id);
  EXPECT_EQ(all[0].measures, e.measures);
  EXPECT_EQ(all[1].id, second);
  LedgerFilter planned;
  planned.status = LedgerStatus::planned;
  ASSERT_EQ(list_ledger(w.ws, kChain, planned).size(), 1u);
  EXPECT_EQ(list_ledger(w.ws, kChain, planned)[0].firm_id, "AP0001");
  LedgerFilter firm;
  firm.firm_id = "AP0006";
  ASSERT_EQ(list_ledger(w.ws, kChain, firm).size(), 1u);
  EXPECT_EQ(list_ledger(w.ws, kChain, firm)[0].issues, e.issues);
  LedgerFilter provider;
  provider.provider = "河北省质检院";
  EXPECT_EQ(list_ledger(w.ws, kChain, provider).size(), 2u);
  provider.provider = "别的机构";
  EXPECT_TRUE(list_ledger(w.ws, kChain, provider).empty());
}

TEST(Ledger, CreationIsInTheHistoryFieldByField) {
  Anping w;
  LedgerEntry e;
  e.firm_id = "AP0002";
  e.cost = 1.25;
  const std::int64_t id = add_ledger_entry(w.ws, kChain, e, w.by);
  const std::vector<LedgerHistoryRow> h = ledger_history(w.ws, kChain, id);
  // firm, status, cost: the fields given (status always is).
  ASSERT_EQ(h.size(), 3u);
  EXPECT_EQ(h[0].field, "firm");
  EXPECT_FALSE(h[0].old_value);
  EXPECT_EQ(h[0].new_value, std::optional<std::string>("AP0002"));
  EXPECT_EQ(h[1].field, "status");
  EXPECT_EQ(h[1].new_value, std::optional<std::string>("planned"));
  EXPECT_EQ(h[2].field, "cost");
  EXPECT_EQ(h[2].new_value, std::optional<std::string>("1.25"));
  for (const LedgerHistoryRow& r : h) {
    EXPECT_EQ(r.who, "tester");
    EXPECT_EQ(r.at, "2025-07-01T08:00:00Z");
  }
}

TEST(Ledger, EachChangedFieldIsOneHistoryRow) {
  Anping w;
  const std::int64_t id = add_ledger_entry(w.ws, kChain, full_entry(), w.by);
  const std::size_t created = ledger_history(w.ws, kChain, id).size();
  EXPECT_EQ(created, 11u);  // every field of the full entry
  LedgerChange c;
  c.status = LedgerStatus::done;                 // changes
  c.cost = 3.0;                                  // changes
  c.measures = std::vector<std::string>{"新规程"};  // changes
  c.funding = std::string("财政补贴");           // the same value: no row
  c.outcome = std::string();                     // cleared
  const LedgerActor later{"li", "2025-08-01T09:30:00Z"};
  EXPECT_EQ(update_ledger_entry(w.ws, kChain, id, c, later), 4u);
  const std::vector<LedgerHistoryRow> h = ledger_history(w.ws, kChain, id);
  ASSERT_EQ(h.size(), created + 4);
  const auto row = [&](std::size_t k) { return h[created + k]; };
  EXPECT_EQ(row(0).field, "measures");
  EXPECT_EQ(row(0).old_value, std::optional<std::string>("[\"来料检验规程\",\"卡尺 \\\"校准\\\"\\u000a每月一次\"]"));
  EXPECT_EQ(row(0).new_value, std::optional<std::string>("[\"新规程\"]"));
  EXPECT_EQ(row(1).field, "status");
  EXPECT_EQ(row(1).old_value, std::optional<std::string>("in_progress"));
  EXPECT_EQ(row(1).new_value, std::optional<std::string>("done"));
  EXPECT_EQ(row(2).field, "cost");
  EXPECT_EQ(row(2).old_value, std::optional<std::string>("2.5"));
  EXPECT_EQ(row(2).new_value, std::optional<std::string>("3"));
  EXPECT_EQ(row(3).field, "outcome");
  EXPECT_EQ(row(3).old_value, std::optional<std::string>("一次合格率提高"));
  EXPECT_FALSE(row(3).new_value);
  for (std::size_t k = 0; k < 4; ++k) {
    EXPECT_EQ(row(k).who, "li");
    EXPECT_EQ(row(k).at, "2025-08-01T09:30:00Z");
  }
  const LedgerEntry now = get_ledger_entry(w.ws, kChain, id);
  EXPECT_EQ(now.status, LedgerStatus::done);
  EXPECT_EQ(now.cost, 3.0);
  EXPECT_EQ(now.measures, std::vector<std::string>{"新规程"});
  EXPECT_EQ(now.funding, "财政补贴");
  EXPECT_TRUE(now.outcome.empty());
  EXPECT_EQ(now.issues, full_entry().issues);  // not given: unchanged
  // The same change again changes nothing and adds no row.
  EXPECT_EQ(update_ledger_entry(w.ws, kChain, id, c, later), 0u);
  EXPECT_EQ(ledger_history(w.ws, kChain, id).size(), created + 4);
  // Removing the provider, and the issues.
  LedgerChange drop;
  drop.provider = Provider{};
  drop.issues = std::vector<std::string>{};
  EXPECT_EQ(update_ledger_entry(w.ws, kChain, id, drop, later), 2u);
  const LedgerEntry dropped = get_ledger_entry(w.ws, kChain, id);
  EXPECT_TRUE(dropped.provider.name.empty());
  EXPECT_TRUE(dropped.issues.empty());
  const std::vector<LedgerHistoryRow> h2 = ledger_history(w.ws, kChain, id);
  EXPECT_EQ(h2[created + 4].field, "provider");
  EXPECT_EQ(h2[created + 4].old_value, std::optional<std::string>("河北省质检院"));
  EXPECT_FALSE(h2[created + 4].new_value);
  EXPECT_EQ(h2[created + 5].field, "issues");
  EXPECT_EQ(h2[created + 5].old_value, std::optional<std::string>("[\"MAT-01\",\"MSR-08\"]"));
}

TEST(Ledger, HistoryCannotBeAltered) {
  Anping w;
  const std::int64_t id = add_ledger_entry(w.ws, kChain, full_entry(), w.by);
  const std::int64_t rows = sql_count(w.ws, "SELECT COUNT(*) FROM ledger_history");
  EXPECT_EQ(rows, 11);
  EXPECT_NE(sql_exec(w.ws, "UPDATE ledger_history SET who = 'someone else'"), SQLITE_OK);
  EXPECT_NE(sql_exec(w.ws, "DELETE FROM ledger_history"), SQLITE_OK);
  // An entry with history cannot be deleted either (foreign keys on, as qchain opens the file).
  EXPECT_NE(sql_exec(w.ws, ("PRAGMA foreign_keys = ON; DELETE FROM ledger_entries WHERE entry_id = " + std::to_string(id)).c_str()),
            SQLITE_OK);
  EXPECT_EQ(sql_count(w.ws, "SELECT COUNT(*) FROM ledger_history"), rows);
  EXPECT_EQ(sql_count(w.ws, "SELECT COUNT(*) FROM ledger_history WHERE who = 'tester'"), rows);
  EXPECT_EQ(sql_count(w.ws, "SELECT COUNT(*) FROM ledger_entries"), 1);
}

TEST(Ledger, ValidationNamesWhatIsWrong) {
  Anping w;
  const auto add = [&](const std::function<void(LedgerEntry&)>& edit) {
    LedgerEntry e = full_entry();
    edit(e);
    return message_of([&] { add_ledger_entry(w.ws, kChain, e, w.by); });
  };
  const std::string firm = add([](LedgerEntry& e) { e.firm_id = "AP9999"; });
  EXPECT_EQ(firm, "ledger entry: firm \"AP9999\" is not in the latest snapshot of chain \"anping-wire-mesh\" (2025-06-30, 396 firms)");
  EXPECT_EQ(add([](LedgerEntry& e) { e.firm_id.clear(); }), "ledger entry: no firm given");
  const std::string issue = add([](LedgerEntry& e) { e.issues = {"MAT-01", "XYZ-99"}; });
  EXPECT_EQ(issue,
            "ledger entry for firm \"AP0006\": issue code \"XYZ-99\" is not in the issue catalogue of chain \"anping-wire-mesh\" (2025-06-30); "
            "it has MAT-01, MAT-02, MCH-03, MCH-04, MTH-05, MTH-06, MSR-07, MSR-08, MAN-09, MAN-10, ENV-11, ENV-12 and 1 more");
  EXPECT_EQ(add([](LedgerEntry& e) { e.issues = {"MAT-01", "MAT-01"}; }), "ledger entry for firm \"AP0006\": issue code \"MAT-01\" given twice");
  EXPECT_EQ(add([](LedgerEntry& e) { e.start = "2024-02-30"; }),
            "ledger entry for firm \"AP0006\": start: \"2024-02-30\" is not a date (YYYY-MM-DD)");
  EXPECT_EQ(add([](LedgerEntry& e) { e.end = "2024-06-30"; }), "ledger entry for firm \"AP0006\": start 2024-07-01 is after end 2024-06-30");
  EXPECT_EQ(add([](LedgerEntry& e) { e.cost = -1; }),
            "ledger entry for firm \"AP0006\": cost must be a number of at least 0 (10k CNY), got -1");
  EXPECT_EQ(add([](LedgerEntry& e) { e.cost = INFINITY; }),
            "ledger entry for firm \"AP0006\": cost must be a number of at least 0 (10k CNY), got inf");
  EXPECT_EQ(add([](LedgerEntry& e) { e.measures = {"a", "  "}; }), "ledger entry for firm \"AP0006\": measure 2 is empty");
  EXPECT_EQ(add([](LedgerEntry& e) { e.provider = {"新机构", std::nullopt, ""}; }),
            "ledger entry for firm \"AP0006\": provider \"新机构\" is new: give its kind (certification_body, testing_lab, expert, "
            "association or bank)");
  EXPECT_EQ(add([](LedgerEntry& e) { e.provider = {"", ProviderKind::bank, ""}; }),
            "ledger entry for firm \"AP0006\": a provider's kind or region needs the provider's name");
  add_ledger_entry(w.ws, kChain, full_entry(), w.by);  // the provider is known now: a testing lab in 衡水
  EXPECT_EQ(add([](LedgerEntry& e) { e.provider.kind = ProviderKind::bank; }),
            "ledger entry for firm \"AP0006\": provider \"河北省质检院\" is recorded as testing_lab, not bank");
  EXPECT_EQ(add([](LedgerEntry& e) { e.provider.region = "石家庄"; }),
            "ledger entry for firm \"AP0006\": provider \"河北省质检院\" is recorded in region \"衡水\", not \"石家庄\"");
  EXPECT_NE(message_of([&] { add_ledger_entry(w.ws, "nope", full_entry(), w.by); }).find("anping-wire-mesh (2024-06-30, 2025-06-30)"),
            std::string::npos);
  // Updates: an unknown entry, or one of another chain, and the same checks on what changes.
  EXPECT_EQ(message_of([&] { update_ledger_entry(w.ws, kChain, 99, {}, w.by); }), "ledger: chain \"anping-wire-mesh\" has no entry 99");
  LedgerChange end;
  end.end = std::string("2024-01-01");
  EXPECT_EQ(message_of([&] { update_ledger_entry(w.ws, kChain, 1, end, w.by); }), "ledger entry 1: start 2024-07-01 is after end 2024-01-01");
  LedgerChange firm_change;
  firm_change.firm_id = std::string("ZZ");
  EXPECT_EQ(message_of([&] { update_ledger_entry(w.ws, kChain, 1, firm_change, w.by); }),
            "ledger entry 1: firm \"ZZ\" is not in the latest snapshot of chain \"anping-wire-mesh\" (2025-06-30, 396 firms)");
  // Nothing of the refused changes is stored.
  EXPECT_EQ(list_ledger(w.ws, kChain).size(), 1u);
  EXPECT_EQ(get_ledger_entry(w.ws, kChain, 1).end, "2025-05-31");
  EXPECT_EQ(sql_count(w.ws, "SELECT COUNT(*) FROM ledger_history"), 11);
  EXPECT_EQ(sql_count(w.ws, "SELECT COUNT(*) FROM providers"), 1);
}

TEST(Ledger, CodesAndChineseSpellings) {
  EXPECT_EQ(parse_ledger_status("planned"), LedgerStatus::planned);
  EXPECT_EQ(parse_ledger_status("计划"), LedgerStatus::planned);
  EXPECT_EQ(parse_ledger_status("进行中"), LedgerStatus::in_progress);
  EXPECT_EQ(parse_ledger_status("已完成"), LedgerStatus::done);
  EXPECT_EQ(parse_ledger_status("放弃"), LedgerStatus::dropped);
  EXPECT_EQ(parse_provider_kind("认证机构"), ProviderKind::certification_body);
  EXPECT_EQ(parse_provider_kind("testing_lab"), ProviderKind::testing_lab);
  EXPECT_EQ(parse_provider_kind("行业协会"), ProviderKind::association);
  EXPECT_EQ(parse_provider_kind("银行"), ProviderKind::bank);
  EXPECT_STREQ(to_string(LedgerStatus::in_progress), "in_progress");
  EXPECT_STREQ(to_string(ProviderKind::certification_body), "certification_body");
  EXPECT_THROW(parse_ledger_status("Done"), UsageError);
  EXPECT_THROW(parse_provider_kind("lab"), UsageError);
}

// A batch is all or nothing: the third entry is bad, so neither the first two nor the provider the
// first one introduced are stored.
TEST(Ledger, ARefusedBatchLeavesNothing) {
  Anping w;
  std::vector<LedgerEntry> batch(3, full_entry());
  batch[1].firm_id = "AP0001";
  batch[2].firm_id = "AP0002";
  batch[2].issues = {"NOPE"};
  EXPECT_THROW(add_ledger_entries(w.ws, kChain, batch, w.by), UsageError);
  EXPECT_TRUE(list_ledger(w.ws, kChain).empty());
  for (const char* table : {"ledger_entries", "ledger_entry_issues", "ledger_entry_measures", "ledger_history", "providers"})
    EXPECT_EQ(sql_count(w.ws, (std::string("SELECT COUNT(*) FROM ") + table).c_str()), 0) << table;
  batch[2].issues = {"MAN-09"};
  const std::vector<std::int64_t> ids = add_ledger_entries(w.ws, kChain, batch, w.by);
  ASSERT_EQ(ids.size(), 3u);
  EXPECT_EQ(ids[1], ids[0] + 1);
  EXPECT_EQ(ids[2], ids[0] + 2);
  EXPECT_EQ(list_ledger(w.ws, kChain)[2].issues, std::vector<std::string>{"MAN-09"});
}

TEST(Ledger, YieldBeforeAndAfterFromTheSnapshots) {
  Anping w;
  LedgerEntry e = full_entry();  // AP0006: 0.855 on 2024-06-30, 0.923 on 2025-06-30
  e.id = add_ledger_entry(w.ws, kChain, e, w.by);
  e.chain_id = kChain;
  LedgerYields y = ledger_yields(w.ws, e);
  ASSERT_TRUE(y.before);
  EXPECT_EQ(y.before->as_of, "2024-06-30");
  EXPECT_TRUE(y.before->firm_found);
  EXPECT_DOUBLE_EQ(y.before->yield, 0.855);
  ASSERT_TRUE(y.after);
  EXPECT_EQ(y.after->as_of, "2025-06-30");
  EXPECT_DOUBLE_EQ(y.after->yield, 0.923);
  // The snapshot of the start day itself counts as before, of the end day as after.
  e.start = "2024-06-30";
  e.end = "2025-06-30";
  y = ledger_yields(w.ws, e);
  EXPECT_EQ(y.before->as_of, "2024-06-30");
  EXPECT_EQ(y.after->as_of, "2025-06-30");
  // Ended after the last snapshot: not yet; started before the first: no yield before.
  e.start = "2024-01-01";
  e.end = "2025-07-01";
  y = ledger_yields(w.ws, e);
  EXPECT_FALSE(y.before);
  EXPECT_FALSE(y.after);
  // Without a start the planned start stands in; a firm new in 2025 has no yield in 2024.
  e.start.clear();
  e.planned_start = "2024-12-31";
  e.end.clear();
  e.firm_id = "AP0394";
  y = ledger_yields(w.ws, e);
  ASSERT_TRUE(y.before);
  EXPECT_EQ(y.before->as_of, "2024-06-30");
  EXPECT_FALSE(y.before->firm_found);
  EXPECT_FALSE(y.after);
}

// A workspace of version 2 (before the ledger) is migrated forward when opened.
TEST(Ledger, AnOlderWorkspaceGainsTheLedger) {
  Anping w;
  ASSERT_EQ(sql_exec(w.ws,
                     "DROP TABLE inputs; DROP TABLE scenarios; DROP TABLE user_regions; DROP TABLE users; DROP TABLE project_history; DROP TABLE project_providers; DROP TABLE project_firms; DROP TABLE projects; "
                     "DROP TABLE ledger_history; DROP TABLE ledger_entry_measures; DROP TABLE ledger_entry_issues; "
                     "DROP TABLE ledger_entries; DROP TABLE providers; PRAGMA user_version = 2"),
            SQLITE_OK);
  EXPECT_EQ(sql_count(w.ws, "PRAGMA user_version"), 2);
  EXPECT_EQ(list_workspace(w.ws).size(), 1u);
  EXPECT_EQ(sql_count(w.ws, "PRAGMA user_version"), kSchemaVersion);
  EXPECT_EQ(add_ledger_entry(w.ws, kChain, full_entry(), w.by), 1);
  EXPECT_NE(sql_exec(w.ws, "DELETE FROM ledger_history"), SQLITE_OK);  // the triggers came with it
}

// 100,000 entries written in one transaction, listed back complete and in order (the time it takes
// is measured by bench/ledger_list.sh, not asserted here).
TEST(Ledger, AHundredThousandEntries) {
  Anping w;
  const std::vector<std::string> firms = {"AP0001", "AP0002", "AP0003", "AP0004", "AP0005", "AP0006", "AP0007"};
  const LedgerStatus statuses[] = {LedgerStatus::planned, LedgerStatus::in_progress, LedgerStatus::done, LedgerStatus::dropped};
  std::vector<LedgerEntry> entries(100000);
  for (std::size_t k = 0; k < entries.size(); ++k) {
    LedgerEntry& e = entries[k];
    e.firm_id = firms[k % firms.size()];
    e.status = statuses[k % 4];
    e.issues = {k % 2 ? "MAT-01" : "MAN-10"};
    e.measures = {"措施 " + std::to_string(k)};
    e.cost = static_cast<double>(k % 10);
    if (k % 5 == 0) e.provider = {"协会" + std::to_string(k % 3), ProviderKind::association, ""};
  }
  const std::vector<std::int64_t> ids = add_ledger_entries(w.ws, kChain, entries, w.by);
  ASSERT_EQ(ids.size(), 100000u);
  const std::vector<LedgerEntry> all = list_ledger(w.ws, kChain);
  ASSERT_EQ(all.size(), 100000u);
  for (std::size_t k = 0; k < all.size(); ++k) {
    if (all[k].id != ids[k] || all[k].measures.size() != 1 || all[k].measures[0] != "措施 " + std::to_string(k) ||
        all[k].firm_id != firms[k % firms.size()]) {
      ADD_FAILURE() << "entry " << k << " differs: id " << all[k].id << ", firm " << all[k].firm_id;
      break;
    }
  }
  EXPECT_EQ(all[99999].issues, std::vector<std::string>{"MAT-01"});
  EXPECT_EQ(all[50000].provider.name, "协会2");  // 50000 % 3
  EXPECT_EQ(all[50000].cost, 0.0);
  LedgerFilter dropped;
  dropped.status = LedgerStatus::dropped;
  const std::vector<LedgerEntry> d = list_ledger(w.ws, kChain, dropped);
  ASSERT_EQ(d.size(), 25000u);
  EXPECT_EQ(d.front().measures, std::vector<std::string>{"措施 3"});
  EXPECT_EQ(d.back().measures, std::vector<std::string>{"措施 99999"});
  LedgerFilter firm;
  firm.firm_id = "AP0007";  // k = 6, 13, ..., 99994: 14285 of them
  const std::vector<LedgerEntry> f = list_ledger(w.ws, kChain, firm);
  ASSERT_EQ(f.size(), 14285u);
  EXPECT_EQ(f.front().measures, std::vector<std::string>{"措施 6"});
  EXPECT_EQ(f.back().measures, std::vector<std::string>{"措施 99994"});
  EXPECT_EQ(f.back().issues, std::vector<std::string>{"MAN-10"});
  EXPECT_EQ(sql_count(w.ws, "SELECT COUNT(*) FROM providers"), 3);
}

}  // namespace
