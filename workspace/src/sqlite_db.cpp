#include "sqlite_db.hpp"

#include <cmath>

#include "qchain/core/error.hpp"

namespace qchain::workspace::detail {

Database::Database(const std::string& path, bool create, int busy_ms) : path_(path) {
  const int flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0) | SQLITE_OPEN_NOMUTEX;
  const int rc = sqlite3_open_v2(path.c_str(), &db_, flags, nullptr);
  if (rc != SQLITE_OK) {
    const std::string why = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
    sqlite3_close(db_);
    db_ = nullptr;
    throw IoError(path + ": cannot open the workspace: " + why);
  }
  sqlite3_busy_timeout(db_, busy_ms);
  sqlite3_extended_result_codes(db_, 1);
}

Database::~Database() { sqlite3_close(db_); }

void Database::fail(int code, std::string_view what) const {
  const int primary = code & 0xFF;
  if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED)
    throw IoError(path_ + ": workspace busy: another process is writing to it; try again when it has finished");
  if (primary == SQLITE_NOTADB) throw UsageError(path_ + ": not a qchain workspace (not an SQLite database)");
  if (primary == SQLITE_CORRUPT) throw IoError(path_ + ": the workspace is damaged (" + std::string(sqlite3_errmsg(db_)) + ")");
  if (primary == SQLITE_FULL) throw IoError(path_ + ": disk full while writing the workspace");
  throw IoError(path_ + ": " + std::string(what) + ": " + sqlite3_errmsg(db_));
}

void Database::exec(const char* sql) {
  char* err = nullptr;
  const int rc = sqlite3_exec(db_, sql, nullptr, nullptr, &err);
  sqlite3_free(err);
  if (rc != SQLITE_OK) fail(rc, "cannot update the workspace");
}

Statement Database::prepare(std::string_view sql) {
  sqlite3_stmt* s = nullptr;
  const int rc = sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &s, nullptr);
  if (rc != SQLITE_OK) fail(rc, "cannot read the workspace");
  return Statement(*this, s);
}

Statement& Statement::bind(int i, std::int64_t v) {
  sqlite3_bind_int64(s_, i, v);
  return *this;
}
Statement& Statement::bind(int i, double v) {
  if (std::isnan(v)) sqlite3_bind_null(s_, i);
  else sqlite3_bind_double(s_, i, v);
  return *this;
}
Statement& Statement::bind(int i, std::string_view v) {
  sqlite3_bind_text(s_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
  return *this;
}
Statement& Statement::bind_kept(int i, std::string_view v) {
  sqlite3_bind_text(s_, i, v.data(), static_cast<int>(v.size()), SQLITE_STATIC);
  return *this;
}
Statement& Statement::bind_text_or_null(int i, std::string_view v) {
  if (v.empty()) sqlite3_bind_null(s_, i);
  else bind(i, v);
  return *this;
}
Statement& Statement::bind_null(int i) {
  sqlite3_bind_null(s_, i);
  return *this;
}

bool Statement::step() {
  const int rc = sqlite3_step(s_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  db_->fail(rc, "cannot read the workspace");
}

void Statement::run() {
  const int rc = sqlite3_step(s_);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW) db_->fail(rc, "cannot update the workspace");
  reset();
}

void Statement::reset() {
  sqlite3_reset(s_);
  sqlite3_clear_bindings(s_);
}

double Statement::real(int col) const { return is_null(col) ? std::nan("") : sqlite3_column_double(s_, col); }

std::string_view Statement::text(int col) const {
  const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(s_, col));
  return p ? std::string_view(p, static_cast<std::size_t>(sqlite3_column_bytes(s_, col))) : std::string_view();
}

Transaction::Transaction(Database& db) : db_(db) { db_.exec("BEGIN IMMEDIATE"); }
Transaction::~Transaction() {
  if (!done_) sqlite3_exec(db_.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
}
void Transaction::commit() {
  db_.exec("COMMIT");
  done_ = true;
}

}  // namespace qchain::workspace::detail
