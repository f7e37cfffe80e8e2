#pragma once
// What the tests of the ledger and the projects share: a workspace with both Anping snapshots, and
// plain SQL on it (to look at rows, or to try what the triggers refuse).
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <cstdint>
#include <string>

#include "../support/test_support.hpp"
#include "qchain/workspace/ledger.hpp"
#include "qchain/workspace/workspace.hpp"

namespace qchain::test {

inline const char* const kAnpingChain = "anping-wire-mesh";

// A workspace with both Anping snapshots (2024-06-30: 393 firms, 2025-06-30: 396).
struct AnpingWorkspace {
  TempDir dir;
  std::string ws = dir.file("ws.qcw");
  workspace::LedgerActor by{"tester", "2025-07-01T08:00:00Z"};
  AnpingWorkspace() {
    workspace::init_workspace(ws);
    for (const char* f : {"data/pilots/anping-wire-mesh.before.json", "data/pilots/anping-wire-mesh.json"})
      workspace::import_snapshot(ws, graphs::require_chain(graphs::load_chain(source_path(f))), {});
  }
};

// The first column of the first row of `query` (-1: no row).
inline std::int64_t sql_count(const std::string& file, const std::string& query) {
  sqlite3* db = nullptr;
  EXPECT_EQ(sqlite3_open(file.c_str(), &db), SQLITE_OK);
  sqlite3_stmt* s = nullptr;
  EXPECT_EQ(sqlite3_prepare_v2(db, query.c_str(), -1, &s, nullptr), SQLITE_OK) << query;
  std::int64_t n = -1;
  if (sqlite3_step(s) == SQLITE_ROW) n = sqlite3_column_int64(s, 0);
  sqlite3_finalize(s);
  sqlite3_close(db);
  return n;
}

// The SQLite result code of running `statement`.
inline int sql_exec(const std::string& file, const char* statement) {
  sqlite3* db = nullptr;
  EXPECT_EQ(sqlite3_open(file.c_str(), &db), SQLITE_OK);
  const int rc = sqlite3_exec(db, statement, nullptr, nullptr, nullptr);
  sqlite3_close(db);
  return rc;
}

}  // namespace qchain::test
