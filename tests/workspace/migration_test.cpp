// Forward migration of the workspace schema: a version 1 file (before the firms' outcome fields)
// opens, is migrated to the current version in place, reads back as imported, and then stores the
// outcome fields of a new import.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <algorithm>
#include <cmath>

#include "../support/test_support.hpp"
#include "qchain/workspace/workspace.hpp"

using namespace qchain;
using namespace qchain::graphs;
using namespace qchain::workspace;

namespace {

void sql(const std::string& file, const char* statement) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(file.c_str(), &db), SQLITE_OK);
  char* error = nullptr;
  EXPECT_EQ(sqlite3_exec(db, statement, nullptr, nullptr, &error), SQLITE_OK) << (error ? error : "");
  sqlite3_free(error);
  sqlite3_close(db);
}

// The integer the first row's first column holds, or -1.
long long query(const std::string& file, const char* statement) {
  sqlite3* db = nullptr;
  sqlite3_stmt* s = nullptr;
  long long out = -1;
  if (sqlite3_open(file.c_str(), &db) == SQLITE_OK && sqlite3_prepare_v2(db, statement, -1, &s, nullptr) == SQLITE_OK &&
      sqlite3_step(s) == SQLITE_ROW)
    out = sqlite3_column_int64(s, 0);
  sqlite3_finalize(s);
  sqlite3_close(db);
  return out;
}

const char* kOutcomeColumns =
    "SELECT count(*) FROM pragma_table_info('firms') WHERE name IN ('profit', 'operating_cost', 'quality_cost', 'satisfaction')";

// Version 1 had no ledger (version 3 added it), no projects (version 4) and no users (version 5) either.
const char* kNoLedger =
    "DROP TABLE inputs; DROP TABLE scenarios; DROP TABLE user_regions; DROP TABLE users; DROP TABLE project_history; DROP TABLE project_providers; DROP TABLE project_firms; DROP TABLE projects; "
    "DROP TABLE ledger_history; DROP TABLE ledger_entry_measures; DROP TABLE ledger_entry_issues; "
    "DROP TABLE ledger_entries; DROP TABLE providers;";

ChainGraph load(const std::string& path) { return require_chain(load_chain(path)); }

TEST(WorkspaceMigration, NewWorkspacesHaveTheOutcomeColumns) {
  test::TempDir dir;
  const std::string ws = dir.file("ws.qcw");
  init_workspace(ws);
  EXPECT_EQ(kSchemaVersion, 7);
  EXPECT_EQ(query(ws, "PRAGMA user_version"), 7);
  EXPECT_EQ(query(ws, kOutcomeColumns), 4);
}

TEST(WorkspaceMigration, VersionOneOpensMigratesAndReadsBack) {
  test::TempDir dir;
  const std::string ws = dir.file("ws.qcw");
  init_workspace(ws);
  const ChainGraph plain = load(test::source_path("data/pilots/shaxian-snacks.json"));
  ImportOptions o;
  import_snapshot(ws, plain, o);
  // The file as version 1 wrote it: firms without the four columns, no ledger, user_version 1.
  sql(ws,
      (std::string("ALTER TABLE firms DROP COLUMN profit; ALTER TABLE firms DROP COLUMN operating_cost;")
      + "ALTER TABLE firms DROP COLUMN quality_cost; ALTER TABLE firms DROP COLUMN satisfaction;" + kNoLedger +
          "PRAGMA user_version = 1").c_str());
  ASSERT_EQ(query(ws, kOutcomeColumns), 0);
  ASSERT_EQ(query(ws, "PRAGMA user_version"), 1);

  // Opening it (here by listing) migrates it, in place and once.
  const auto chains = list_workspace(ws);
  ASSERT_EQ(chains.size(), 1u);
  EXPECT_EQ(query(ws, "PRAGMA user_version"), kSchemaVersion);
  EXPECT_EQ(query(ws, kOutcomeColumns), 4);
  EXPECT_EQ(query(ws, "SELECT count(*) FROM firms WHERE profit IS NOT NULL OR satisfaction IS NOT NULL"), 0);
  EXPECT_EQ(list_workspace(ws).size(), 1u);  // a migrated file opens as it is

  const ChainGraph back = require_chain(load_snapshot({ws, "shaxian-snacks", ""}));
  EXPECT_TRUE(test::same_chain(back, plain));
  EXPECT_TRUE(back.outcomes().empty());  // NULL in the new columns: absent, not 0

  // The migrated workspace keeps the outcome fields of the next import.
  const ChainGraph with = load(test::source_path("data/pilots/anping-wire-mesh.json"));
  ASSERT_FALSE(with.outcomes().empty());
  import_snapshot(ws, with, o);
  const ChainGraph back2 = require_chain(load_snapshot({ws, "anping-wire-mesh", ""}));
  EXPECT_TRUE(test::same_chain(back2, with));
  EXPECT_EQ(back2.outcomes().size(), with.outcomes().size());
  EXPECT_EQ(query(ws, "SELECT count(*) FROM firms WHERE profit IS NOT NULL"),
            static_cast<long long>(std::count_if(with.firms().begin(), with.firms().end(),
                                                 [&](const Firm& f) { return !std::isnan(with.outcomes_of(f).profit); })));
}

TEST(WorkspaceMigration, AVersionOneSnapshotReadByReferenceIsMigratedToo) {
  test::TempDir dir;
  const std::string ws = dir.file("ws.qcw");
  init_workspace(ws);
  const ChainGraph plain = load(test::source_path("data/pilots/shaxian-snacks.json"));
  import_snapshot(ws, plain, {});
  sql(ws,
      (std::string("ALTER TABLE firms DROP COLUMN profit; ALTER TABLE firms DROP COLUMN operating_cost;")
      + "ALTER TABLE firms DROP COLUMN quality_cost; ALTER TABLE firms DROP COLUMN satisfaction;" + kNoLedger +
          "PRAGMA user_version = 1").c_str());
  const ChainGraph back = require_chain(load_snapshot({ws, "shaxian-snacks", ""}));
  EXPECT_TRUE(test::same_chain(back, plain));
  EXPECT_EQ(query(ws, "PRAGMA user_version"), kSchemaVersion);
}

}  // namespace
