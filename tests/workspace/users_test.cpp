// The accounts of `qchain serve` in the workspace: added, checked, changed and removed; the password
// kept only as an Argon2id hash; a version 4 workspace (before accounts) migrated to hold them.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <string>

#include "../support/test_support.hpp"
#include "qchain/core/error.hpp"
#include "qchain/workspace/users.hpp"
#include "qchain/workspace/workspace.hpp"

using namespace qchain;
using namespace qchain::workspace;

namespace {

std::string text_of(const std::string& file, const char* statement) {
  sqlite3* db = nullptr;
  sqlite3_stmt* s = nullptr;
  std::string out = "<none>";
  if (sqlite3_open(file.c_str(), &db) == SQLITE_OK && sqlite3_prepare_v2(db, statement, -1, &s, nullptr) == SQLITE_OK &&
      sqlite3_step(s) == SQLITE_ROW && sqlite3_column_text(s, 0))
    out = reinterpret_cast<const char*>(sqlite3_column_text(s, 0));
  sqlite3_finalize(s);
  sqlite3_close(db);
  return out;
}

void sql(const std::string& file, const char* statement) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(file.c_str(), &db), SQLITE_OK);
  EXPECT_EQ(sqlite3_exec(db, statement, nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
}

TEST(WorkspaceUsers, AddVerifyChangeRemove) {
  test::TempDir dir;
  const std::string ws = dir.file("ws.qcw");
  init_workspace(ws);
  EXPECT_FALSE(has_users(ws));
  add_user(ws, {"li", UserRole::planner, {"福建省", "河北省"}, ""}, "correct horse");
  add_user(ws, {"admin", UserRole::admin, {}, ""}, "admin password");
  EXPECT_TRUE(has_users(ws));

  const auto users = list_users(ws);
  ASSERT_EQ(users.size(), 2u);
  EXPECT_EQ(users[0].name, "admin");  // by name
  EXPECT_EQ(users[1].name, "li");
  EXPECT_EQ(users[1].role, UserRole::planner);
  EXPECT_EQ(users[1].regions, (std::vector<std::string>{"福建省", "河北省"}));
  EXPECT_EQ(users[1].created_at.size(), 20u);

  // Only the Argon2id hash string is stored.
  const std::string hash = text_of(ws, "SELECT password_hash FROM users WHERE name = 'li'");
  EXPECT_EQ(hash.rfind("$argon2id$", 0), 0u) << hash;
  EXPECT_EQ(hash.find("correct horse"), std::string::npos);

  const auto ok = verify_user(ws, "li", "correct horse");
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->regions.size(), 2u);
  EXPECT_FALSE(verify_user(ws, "li", "correct horsE"));
  EXPECT_FALSE(verify_user(ws, "nobody", "correct horse"));

  set_user_password(ws, "li", "battery staple");
  EXPECT_FALSE(verify_user(ws, "li", "correct horse"));
  EXPECT_TRUE(verify_user(ws, "li", "battery staple"));

  remove_user(ws, "li");
  EXPECT_FALSE(verify_user(ws, "li", "battery staple"));
  EXPECT_EQ(list_users(ws).size(), 1u);
  EXPECT_EQ(text_of(ws, "SELECT count(*) FROM user_regions"), "0");  // gone with their user
}

TEST(WorkspaceUsers, RefusesBadInput) {
  test::TempDir dir;
  const std::string ws = dir.file("ws.qcw");
  init_workspace(ws);
  add_user(ws, {"li", UserRole::viewer, {}, ""}, "long enough");
  EXPECT_THROW(add_user(ws, {"li", UserRole::admin, {}, ""}, "long enough"), UsageError);  // exists
  EXPECT_THROW(add_user(ws, {"", UserRole::admin, {}, ""}, "long enough"), UsageError);
  EXPECT_THROW(add_user(ws, {"a b", UserRole::admin, {}, ""}, "long enough"), UsageError);
  EXPECT_THROW(add_user(ws, {"wang", UserRole::admin, {}, ""}, "short"), UsageError);
  EXPECT_THROW(add_user(ws, {"wang", UserRole::admin, {}, ""}, "tab\there!"), UsageError);
  EXPECT_THROW(set_user_password(ws, "nobody", "long enough"), UsageError);
  EXPECT_THROW(remove_user(ws, "nobody"), UsageError);
  EXPECT_EQ(parse_user_role("planner"), UserRole::planner);
  EXPECT_FALSE(parse_user_role("root"));
}

TEST(WorkspaceUsers, AVersionFourWorkspaceMigrates) {
  test::TempDir dir;
  const std::string ws = dir.file("ws.qcw");
  init_workspace(ws);
  sql(ws, "DROP TABLE inputs; DROP TABLE scenarios; DROP TABLE user_regions; DROP TABLE users; PRAGMA user_version = 4");
  ASSERT_EQ(text_of(ws, "SELECT count(*) FROM sqlite_master WHERE name = 'users'"), "0");
  EXPECT_FALSE(has_users(ws));  // opening it migrates it
  EXPECT_EQ(text_of(ws, "PRAGMA user_version"), std::to_string(kSchemaVersion));
  add_user(ws, {"li", UserRole::viewer, {}, ""}, "long enough");
  EXPECT_TRUE(verify_user(ws, "li", "long enough"));
}

}  // namespace
