// Joint tackling projects: read back as written, a history row per changed field, a history that
// cannot be altered, validation that names what is wrong, all-or-nothing changes, the migration.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <cmath>
#include <functional>

#include "records_support.hpp"
#include "qchain/core/error.hpp"
#include "qchain/workspace/ledger.hpp"
#include "qchain/workspace/project.hpp"
#include "qchain/workspace/workspace.hpp"

using namespace qchain;
using namespace qchain::graphs;
using namespace qchain::workspace;

namespace {

const char* const kChain = "anping-wire-mesh";

using Anping = test::AnpingWorkspace;
using test::sql_count;
using test::sql_exec;

// AP0259 is a chain leader, AP0005 a large firm, AP0001 and AP0006 small ones.
Project full_project() {
  Project p;
  p.issue_code = "MSR-07";
  p.leader_firm_id = "AP0259";
  p.title = "量具校准攻关";
  p.firms = {"AP0006", "AP0001"};
  p.providers = {{"河北省质检院", ProviderKind::testing_lab, "衡水"}, {"丝网协会", ProviderKind::association, ""}};
  p.target = ProjectTarget::loss_reduction;
  p.target_value = 0.5;
  p.planned_start = "2024-06-01";
  p.start = "2024-07-01";
  p.end = "2025-06-30";
  p.status = LedgerStatus::in_progress;
  return p;
}

std::string message_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const UsageError& e) {
    return e.what();
  }
  return "(no UsageError)";
}

std::int64_t rows(const std::string& ws) {
  std::int64_t n = 0;
  for (const char* t : {"projects", "project_firms", "project_providers", "project_history", "providers"})
    n += sql_count(ws, std::string("SELECT COUNT(*) FROM ") + t);
  return n;
}

TEST(Project, ReadBackAsWritten) {
  Anping w;
  const std::int64_t id = add_project(w.ws, kChain, full_project(), w.by);
  EXPECT_EQ(id, 1);
  const Project p = get_project(w.ws, kChain, id);
  EXPECT_EQ(p.id, 1);
  EXPECT_EQ(p.chain_id, kChain);
  EXPECT_EQ(p.issue_code, "MSR-07");
  EXPECT_EQ(p.leader_firm_id, "AP0259");
  EXPECT_EQ(p.title, "量具校准攻关");
  EXPECT_EQ(p.firms, (std::vector<std::string>{"AP0006", "AP0001"}));  // in the order given
  ASSERT_EQ(p.providers.size(), 2u);
  EXPECT_EQ(p.providers[0].name, "河北省质检院");
  EXPECT_EQ(p.providers[0].kind, ProviderKind::testing_lab);
  EXPECT_EQ(p.providers[0].region, "衡水");
  EXPECT_EQ(p.providers[1].name, "丝网协会");
  EXPECT_EQ(p.target, ProjectTarget::loss_reduction);
  EXPECT_EQ(p.target_value, 0.5);
  EXPECT_EQ(p.planned_start, "2024-06-01");
  EXPECT_EQ(p.start, "2024-07-01");
  EXPECT_EQ(p.end, "2025-06-30");
  EXPECT_EQ(p.status, LedgerStatus::in_progress);
  EXPECT_EQ(p.created_by, "tester");
  EXPECT_EQ(p.created_at, "2025-07-01T08:00:00Z");
  // The providers are the ledger's: a ledger entry names the same one without its kind.
  LedgerEntry e;
  e.firm_id = "AP0006";
  e.provider.name = "河北省质检院";
  add_ledger_entry(w.ws, kChain, e, w.by);
  EXPECT_EQ(sql_count(w.ws, "SELECT COUNT(*) FROM providers"), 2);
  // A minimal project: no firms, providers, target or dates.
  Project m;
  m.issue_code = "MAT-01";
  m.leader_firm_id = "AP0005";  // a large firm may lead
  const Project back = get_project(w.ws, kChain, add_project(w.ws, kChain, m, w.by));
  EXPECT_TRUE(back.firms.empty());
  EXPECT_TRUE(back.providers.empty());
  EXPECT_FALSE(back.target);
  EXPECT_TRUE(std::isnan(back.target_value));
  EXPECT_EQ(back.status, LedgerStatus::planned);
}

TEST(Project, ListFiltersByStatusAndIssue) {
  Anping w;
  add_project(w.ws, kChain, full_project(), w.by);
  Project b = full_project();
  b.issue_code = "MAT-01";
  b.status = LedgerStatus::planned;
  add_project(w.ws, kChain, b, w.by);
  Project c = full_project();
  c.status = LedgerStatus::done;
  add_project(w.ws, kChain, c, w.by);
  EXPECT_EQ(list_projects(w.ws, kChain).size(), 3u);
  ProjectFilter f;
  f.issue_code = "MSR-07";
  const std::vector<Project> msr = list_projects(w.ws, kChain, f);
  ASSERT_EQ(msr.size(), 2u);
  EXPECT_EQ(msr[0].id, 1);
  EXPECT_EQ(msr[1].id, 3);
  f.status = LedgerStatus::done;
  ASSERT_EQ(list_projects(w.ws, kChain, f).size(), 1u);
  EXPECT_EQ(list_projects(w.ws, kChain, f)[0].id, 3);
  EXPECT_EQ(list_projects(w.ws, kChain, f)[0].firms, (std::vector<std::string>{"AP0006", "AP0001"}));
}

TEST(Project, HistoryFieldByField) {
  Anping w;
  const std::int64_t id = add_project(w.ws, kChain, full_project(), w.by);
  std::vector<LedgerHistoryRow> h = project_history(w.ws, kChain, id);
  // Every field it was created with, in a fixed order, old values unset.
  std::vector<std::string> fields;
  for (const LedgerHistoryRow& r : h) {
    fields.push_back(r.field);
    EXPECT_FALSE(r.old_value) << r.field;
    EXPECT_EQ(r.who, "tester");
  }
  EXPECT_EQ(fields, (std::vector<std::string>{"issue", "leader", "title", "firms", "providers", "target", "planned_start", "start", "end",
                                              "status"}));
  EXPECT_EQ(h[3].new_value, std::optional<std::string>(R"(["AP0006","AP0001"])"));
  EXPECT_EQ(h[4].new_value, std::optional<std::string>(R"(["河北省质检院","丝网协会"])"));
  EXPECT_EQ(h[5].new_value, std::optional<std::string>("loss_reduction 0.5"));

  ProjectChange c;
  c.status = LedgerStatus::done;
  c.firms = std::vector<std::string>{"AP0006"};
  c.target = ProjectTarget::firms_cleared;
  c.target_value = 3;
  c.title = "";  // cleared
  c.end = "2025-06-30";  // as it is: no row
  EXPECT_EQ(update_project(w.ws, kChain, id, c, {"editor", "2025-08-01T09:00:00Z"}), 4u);
  h = project_history(w.ws, kChain, id);
  ASSERT_EQ(h.size(), 14u);
  EXPECT_EQ(h[10].field, "title");
  EXPECT_EQ(h[10].old_value, std::optional<std::string>("量具校准攻关"));
  EXPECT_FALSE(h[10].new_value);
  EXPECT_EQ(h[11].field, "firms");
  EXPECT_EQ(h[11].new_value, std::optional<std::string>(R"(["AP0006"])"));
  EXPECT_EQ(h[12].field, "target");
  EXPECT_EQ(h[12].old_value, std::optional<std::string>("loss_reduction 0.5"));
  EXPECT_EQ(h[12].new_value, std::optional<std::string>("firms_cleared 3"));
  EXPECT_EQ(h[13].field, "status");
  EXPECT_EQ(h[13].new_value, std::optional<std::string>("done"));
  EXPECT_EQ(h[13].who, "editor");
  const Project p = get_project(w.ws, kChain, id);
  EXPECT_EQ(p.firms, std::vector<std::string>{"AP0006"});
  EXPECT_EQ(p.target, ProjectTarget::firms_cleared);
  EXPECT_EQ(p.target_value, 3);
  EXPECT_TRUE(p.title.empty());
  EXPECT_EQ(sql_count(w.ws, "SELECT COUNT(*) FROM project_firms"), 1);
  // Clearing the target; the same values again change nothing.
  ProjectChange clear;
  clear.target = std::optional<ProjectTarget>();
  EXPECT_EQ(update_project(w.ws, kChain, id, clear, w.by), 1u);
  EXPECT_FALSE(get_project(w.ws, kChain, id).target);
  EXPECT_EQ(update_project(w.ws, kChain, id, clear, w.by), 0u);
  // Providers replaced: a new one inserted, the list's history by name.
  ProjectChange prov;
  prov.providers = std::vector<Provider>{{"丝网协会", std::nullopt, ""}, {"衡水银行", ProviderKind::bank, "衡水"}};
  EXPECT_EQ(update_project(w.ws, kChain, id, prov, w.by), 1u);
  EXPECT_EQ(project_history(w.ws, kChain, id).back().new_value, std::optional<std::string>(R"(["丝网协会","衡水银行"])"));
  EXPECT_EQ(sql_count(w.ws, "SELECT COUNT(*) FROM providers"), 3);
  EXPECT_EQ(get_project(w.ws, kChain, id).providers[1].kind, ProviderKind::bank);
}

TEST(Project, HistoryCannotBeAltered) {
  Anping w;
  add_project(w.ws, kChain, full_project(), w.by);
  EXPECT_NE(sql_exec(w.ws, "UPDATE project_history SET who = 'x'"), SQLITE_OK);
  EXPECT_NE(sql_exec(w.ws, "DELETE FROM project_history"), SQLITE_OK);
  EXPECT_EQ(sql_count(w.ws, "SELECT COUNT(*) FROM project_history"), 10);
}

TEST(Project, ValidationNamesWhatIsWrong) {
  Anping w;
  const auto refused = [&](const std::function<void(Project&)>& change) {
    Project p = full_project();
    change(p);
    return message_of([&] { add_project(w.ws, kChain, p, w.by); });
  };
  EXPECT_EQ(refused([](Project& p) { p.leader_firm_id = "AP0006"; }),
            "project for issue \"MSR-07\": leading firm \"AP0006\" is of role small: a project is led by a chain_leader or a large firm");
  EXPECT_EQ(refused([](Project& p) { p.leader_firm_id = "AP9999"; }),
            "project for issue \"MSR-07\": leading firm \"AP9999\" is not in the latest snapshot of chain \"anping-wire-mesh\" (2025-06-30, 396 firms)");
  EXPECT_EQ(refused([](Project& p) { p.leader_firm_id.clear(); }), "project for issue \"MSR-07\": no leading firm given");
  EXPECT_EQ(refused([](Project& p) { p.firms = {"AP0006", "NOPE"}; }),
            "project for issue \"MSR-07\": participating firm \"NOPE\" is not in the latest snapshot of chain \"anping-wire-mesh\" (2025-06-30, 396 firms)");
  EXPECT_EQ(refused([](Project& p) { p.firms = {"AP0006", "AP0006"}; }), "project for issue \"MSR-07\": participating firm \"AP0006\" given twice");
  EXPECT_EQ(refused([](Project& p) { p.issue_code = "NOPE"; }).rfind("project for issue \"NOPE\": issue code \"NOPE\" is not in the issue catalogue of chain \"anping-wire-mesh\" (2025-06-30); it has MAT-01, ", 0), 0u);
  EXPECT_EQ(refused([](Project& p) { p.target_value = 1.5; }),
            "project for issue \"MSR-07\": target: a loss reduction is a fraction above 0 and at most 1 (0.5: halved), got 1.5");
  EXPECT_EQ(refused([](Project& p) { p.target_value = 0; }),
            "project for issue \"MSR-07\": target: a loss reduction is a fraction above 0 and at most 1 (0.5: halved), got 0");
  EXPECT_EQ(refused([](Project& p) {
              p.target = ProjectTarget::firms_cleared;
              p.target_value = 2.5;
            }),
            "project for issue \"MSR-07\": target: firms cleared is a whole number of at least 1, got 2.5");
  EXPECT_EQ(refused([](Project& p) { p.target.reset(); }),
            "project for issue \"MSR-07\": target: a target value needs its kind (loss_reduction or firms_cleared)");
  EXPECT_EQ(refused([](Project& p) { p.end = "2024-06-30"; }), "project for issue \"MSR-07\": start 2024-07-01 is after end 2024-06-30");
  EXPECT_EQ(refused([](Project& p) { p.start = "2024-13-01"; }), "project for issue \"MSR-07\": start: \"2024-13-01\" is not a date (YYYY-MM-DD)");
  EXPECT_EQ(refused([](Project& p) { p.providers.push_back(p.providers[0]); }), "project for issue \"MSR-07\": provider \"河北省质检院\" given twice");
  EXPECT_EQ(refused([](Project& p) { p.providers[1].kind.reset(); }),
            "project for issue \"MSR-07\": provider \"丝网协会\" is new: give its kind (certification_body, testing_lab, expert, association or bank)");
  EXPECT_EQ(message_of([&] { get_project(w.ws, kChain, 7); }), "project: chain \"anping-wire-mesh\" has no project 7");
  // Nothing of the refused projects was stored, not even a provider.
  EXPECT_EQ(rows(w.ws), 0);
  // An update is checked the same way and names the project.
  const std::int64_t id = add_project(w.ws, kChain, full_project(), w.by);
  ProjectChange c;
  c.leader_firm_id = "AP0001";
  EXPECT_EQ(message_of([&] { update_project(w.ws, kChain, id, c, w.by); }),
            "project 1: leading firm \"AP0001\" is of role small: a project is led by a chain_leader or a large firm");
}

// A change that fails half-way (its providers resolved and written, then a bad date) leaves the
// workspace exactly as it was.
TEST(Project, ARefusedChangeLeavesNothing) {
  Anping w;
  const std::int64_t id = add_project(w.ws, kChain, full_project(), w.by);
  const std::int64_t before = rows(w.ws);
  ProjectChange c;
  c.status = LedgerStatus::done;
  c.firms = std::vector<std::string>{"AP0005"};
  c.providers = std::vector<Provider>{{"新机构", ProviderKind::expert, ""}};
  c.end = "2024-01-01";  // before the start
  EXPECT_THROW(update_project(w.ws, kChain, id, c, w.by), UsageError);
  EXPECT_EQ(rows(w.ws), before);
  const Project p = get_project(w.ws, kChain, id);
  EXPECT_EQ(p.status, LedgerStatus::in_progress);
  EXPECT_EQ(p.firms, (std::vector<std::string>{"AP0006", "AP0001"}));
  EXPECT_EQ(sql_count(w.ws, "SELECT COUNT(*) FROM providers WHERE name = '新机构'"), 0);
}

TEST(Project, SnapshotsOfItsProgress) {
  Anping w;
  Project p = full_project();
  p.chain_id = kChain;
  ProjectSnapshots s = project_snapshots(w.ws, p);
  ASSERT_TRUE(s.before);
  EXPECT_EQ(s.before->as_of, "2024-06-30");
  EXPECT_EQ(s.latest.as_of, "2025-06-30");
  p.start = "2025-06-30";  // the snapshot of the start day counts as before
  EXPECT_EQ(project_snapshots(w.ws, p).before->as_of, "2025-06-30");
  p.start = "2024-01-01";
  EXPECT_FALSE(project_snapshots(w.ws, p).before);
  p.start.clear();  // the planned start stands in: 2024-06-01, before the first snapshot
  EXPECT_FALSE(project_snapshots(w.ws, p).before);
  p.planned_start = "2024-12-31";
  s = project_snapshots(w.ws, p);
  ASSERT_TRUE(s.before);
  EXPECT_EQ(s.before->as_of, "2024-06-30");
  p.planned_start.clear();
  EXPECT_FALSE(project_snapshots(w.ws, p).before);
}

// A workspace of version 3 (the ledger, no projects) is migrated forward when opened.
TEST(Project, AVersionThreeWorkspaceGainsTheProjects) {
  Anping w;
  ASSERT_EQ(sql_exec(w.ws,
                     "DROP TABLE inputs; DROP TABLE scenarios; DROP TABLE user_regions; DROP TABLE users; DROP TABLE project_history; DROP TABLE project_providers; DROP TABLE project_firms; DROP TABLE projects; "
                     "PRAGMA user_version = 3"),
            SQLITE_OK);
  EXPECT_EQ(sql_count(w.ws, "SELECT COUNT(*) FROM sqlite_master WHERE name LIKE 'project%'"), 0);
  EXPECT_EQ(list_workspace(w.ws).size(), 1u);
  EXPECT_EQ(sql_count(w.ws, "PRAGMA user_version"), kSchemaVersion);
  EXPECT_EQ(add_project(w.ws, kChain, full_project(), w.by), 1);
  EXPECT_NE(sql_exec(w.ws, "DELETE FROM project_history"), SQLITE_OK);  // the triggers came with it
}

}  // namespace
