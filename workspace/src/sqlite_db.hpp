#pragma once
// Private to qchain_workspace: SQLite behind a few RAII types, so that no sqlite3 type reaches a
// public header and every failure becomes a qchain::Error naming the workspace file.
#include <sqlite3.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace qchain::workspace::detail {

class Statement;

class Database {
 public:
  // Opens (creating only when `create`) with foreign keys on, WAL, and a busy timeout: a second
  // writer waits up to `busy_ms` and then fails with "workspace busy".
  Database(const std::string& path, bool create, int busy_ms = 5000);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;
  Database(Database&& o) noexcept : db_(o.db_), path_(std::move(o.path_)) { o.db_ = nullptr; }

  void exec(const char* sql);
  Statement prepare(std::string_view sql);
  std::int64_t last_insert_id() const { return sqlite3_last_insert_rowid(db_); }
  const std::string& path() const { return path_; }
  // Throws the error of the last call, naming the file.
  [[noreturn]] void fail(int code, std::string_view what) const;
  sqlite3* handle() const { return db_; }

 private:
  sqlite3* db_ = nullptr;
  std::string path_;
};

class Statement {
 public:
  Statement(Database& db, sqlite3_stmt* s) : db_(&db), s_(s) {}
  Statement(Statement&& o) noexcept : db_(o.db_), s_(o.s_) { o.s_ = nullptr; }
  ~Statement() { sqlite3_finalize(s_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  // Binds by 1-based position; a NaN double, an empty optional or a null text binds NULL.
  Statement& bind(int i, std::int64_t v);
  Statement& bind(int i, double v);
  Statement& bind(int i, std::string_view v);
  // The same without a copy: `v` must outlive the next run() or reset() (text owned by the chain
  // being written, say). An import binds some twenty million such texts.
  Statement& bind_kept(int i, std::string_view v);
  Statement& bind_text_or_null(int i, std::string_view v);  // "" binds NULL
  Statement& bind_null(int i);
  // One step: true while a row is available.
  bool step();
  // Runs a statement that returns no row, then resets it for the next binding.
  void run();
  void reset();

  bool is_null(int col) const { return sqlite3_column_type(s_, col) == SQLITE_NULL; }
  std::int64_t integer(int col) const { return sqlite3_column_int64(s_, col); }
  double real(int col) const;  // NaN for NULL
  std::string_view text(int col) const;  // "" for NULL

 private:
  Database* db_;
  sqlite3_stmt* s_;
};

// A write transaction (BEGIN IMMEDIATE: the writer lock is taken at once, so two writers never
// deadlock half-way); rolled back unless committed.
class Transaction {
 public:
  explicit Transaction(Database& db);
  ~Transaction();
  void commit();

 private:
  Database& db_;
  bool done_ = false;
};

}  // namespace qchain::workspace::detail
