// The workspace store: snapshots read back exactly as imported, refusals that name what is wrong.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include "../support/test_support.hpp"
#include "qchain/core/error.hpp"
#include "qchain/graphs/chain_export.hpp"
#include "qchain/workspace/workspace.hpp"

using namespace qchain;
using namespace qchain::graphs;
using namespace qchain::workspace;

namespace {

ChainGraph load(const std::string& path) { return require_chain(load_chain(path)); }

void sql(const std::string& file, const char* statement) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(file.c_str(), &db), SQLITE_OK);
  EXPECT_EQ(sqlite3_exec(db, statement, nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
}

TEST(Workspace, EveryPilotReadsBackAsImported) {
  test::TempDir dir;
  const std::string ws = dir.file("ws.qcw");
  init_workspace(ws);
  EXPECT_TRUE(list_workspace(ws).empty());
  std::size_t snapshots = 0;
  for (const std::string& file : test::pilot_files()) {
    const ChainGraph g = load(file);
    ImportOptions o;
    o.source = file;
    const ImportResult r = import_snapshot(ws, g, o);
    ++snapshots;
    const ChainGraph back = require_chain(load_snapshot({ws, r.chain_id, r.as_of}));
    EXPECT_EQ(chain_to_json(back), chain_to_json(g)) << file;
    EXPECT_TRUE(test::same_chain(back, g)) << file;
  }
  std::size_t listed = 0;
  for (const ChainEntry& c : list_workspace(ws)) listed += c.snapshots.size();
  EXPECT_EQ(listed, snapshots);
}

TEST(Workspace, LatestSnapshotUnlessDated) {
  test::TempDir dir;
  const std::string ws = dir.file("ws.qcw");
  init_workspace(ws);
  const ChainGraph before = load(test::source_path("data/pilots/anping-wire-mesh.before.json"));
  const ChainGraph after = load(test::source_path("data/pilots/anping-wire-mesh.json"));
  import_snapshot(ws, after, {});
  import_snapshot(ws, before, {});  // imported second, dated earlier
  const ChainGraph latest = require_chain(load_snapshot(*parse_workspace_ref(ws + "#anping-wire-mesh")));
  EXPECT_EQ(latest.info().as_of, after.info().as_of);
  const ChainGraph dated = require_chain(load_snapshot(*parse_workspace_ref(ws + "#anping-wire-mesh@" + before.info().as_of)));
  EXPECT_EQ(chain_to_json(dated), chain_to_json(before));
  const auto chains = list_workspace(ws);
  ASSERT_EQ(chains.size(), 1u);
  ASSERT_EQ(chains[0].snapshots.size(), 2u);
  EXPECT_LT(chains[0].snapshots[0].as_of, chains[0].snapshots[1].as_of);  // oldest first
}

TEST(Workspace, TheSameSnapshotTwiceNeedsReplace) {
  test::TempDir dir;
  const std::string ws = dir.file("ws.qcw");
  init_workspace(ws);
  const ChainGraph g = load(test::source_path("data/pilots/shaxian-snacks.json"));
  import_snapshot(ws, g, {});
  EXPECT_THROW(import_snapshot(ws, g, {}), UsageError);
  ImportOptions replace;
  replace.replace = true;
  EXPECT_TRUE(import_snapshot(ws, g, replace).replaced);
  ASSERT_EQ(list_workspace(ws).size(), 1u);
  EXPECT_EQ(list_workspace(ws)[0].snapshots.size(), 1u);
  // Every row of the replaced snapshot went with it (foreign keys cascade).
  const ChainGraph back = require_chain(load_snapshot({ws, g.info().id, ""}));
  EXPECT_EQ(back.link_count(), g.link_count());
}

TEST(Workspace, DatesComeFromTheChainOrAsOf) {
  test::TempDir dir;
  const std::string ws = dir.file("ws.qcw");
  init_workspace(ws);
  const ChainGraph undated = test::load_text(R"({"format": "qchain-chain/1", "chain": {"id": "c", "name": "n"},
    "firms": [{"id": "A", "name": "甲", "role": "micro"}, {"id": "L", "name": "链主", "role": "chain_leader"}],
    "links": [{"supplier": "A", "customer": "L"}]})");
  EXPECT_THROW(import_snapshot(ws, undated, {}), UsageError);  // no date at all
  ImportOptions o;
  o.as_of = "2025-13-40";
  EXPECT_THROW(import_snapshot(ws, undated, o), UsageError);
  o.as_of = "2025-03-31";
  EXPECT_EQ(import_snapshot(ws, undated, o).as_of, "2025-03-31");
  // The chain read back is still undated, as its file was: the export is the file's.
  EXPECT_EQ(chain_to_json(require_chain(load_snapshot({ws, "c", "2025-03-31"}))), chain_to_json(undated));
  const ChainGraph dated = load(test::source_path("data/pilots/shaxian-snacks.json"));
  o.as_of = "2020-01-01";
  EXPECT_THROW(import_snapshot(ws, dated, o), UsageError);  // contradicts chain.as_of
}

TEST(Workspace, MissingChainOrDateListsWhatIsHeld) {
  test::TempDir dir;
  const std::string ws = dir.file("ws.qcw");
  init_workspace(ws);
  import_snapshot(ws, load(test::source_path("data/pilots/shaxian-snacks.json")), {});
  try {
    load_snapshot({ws, "nope", ""});
    FAIL();
  } catch (const UsageError& e) {
    EXPECT_NE(std::string(e.what()).find("shaxian-snacks (2025-06-30)"), std::string::npos) << e.what();
  }
  EXPECT_THROW(load_snapshot({ws, "shaxian-snacks", "2001-01-01"}), UsageError);
}

TEST(Workspace, ForeignFilesAndNewerSchemasAreRefused) {
  test::TempDir dir;
  const std::string ws = dir.file("ws.qcw");
  EXPECT_THROW(list_workspace(ws), UsageError);  // no such file
  init_workspace(ws);
  EXPECT_THROW(init_workspace(ws), UsageError);  // exists already
  sql(ws, "PRAGMA user_version = 99");
  try {
    list_workspace(ws);
    FAIL();
  } catch (const UsageError& e) {
    const std::string m = e.what();
    EXPECT_NE(m.find("version 99"), std::string::npos) << m;
    EXPECT_NE(m.find("version " + std::to_string(kSchemaVersion)), std::string::npos) << m;
  }
  const std::string other = dir.file("other.db");
  sql(other, "CREATE TABLE t (x)");  // an SQLite file, but not ours
  EXPECT_THROW(list_workspace(other), UsageError);
  EXPECT_THROW(list_workspace(test::source_path("data/pilots/shaxian-snacks.json")), UsageError);  // not SQLite at all
}

TEST(Workspace, References) {
  EXPECT_FALSE(parse_workspace_ref(test::source_path("data/pilots/shaxian-snacks.json")));  // an existing file
  EXPECT_FALSE(parse_workspace_ref("plain.json"));
  const auto r = parse_workspace_ref("w.qcw#anping@2025-06-30");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->file, "w.qcw");
  EXPECT_EQ(r->chain_id, "anping");
  EXPECT_EQ(r->as_of, "2025-06-30");
  EXPECT_EQ(r->text(), "w.qcw#anping@2025-06-30");
  EXPECT_EQ(parse_workspace_ref("w.qcw#anping")->as_of, "");
  EXPECT_THROW(parse_workspace_ref("w.qcw#anping@yesterday"), UsageError);
  EXPECT_THROW(parse_workspace_ref("w.qcw#"), UsageError);
  EXPECT_EQ(input_file("w.qcw#anping"), "w.qcw");
}

}  // namespace
