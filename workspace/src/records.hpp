#pragma once
// Private to qchain_workspace: what the programme's records (the assistance ledger, joint tackling
// projects) share: validation against the chain's latest snapshot, providers, dates, and the
// append-only history of every change.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "qchain/workspace/ledger.hpp"
#include "sqlite_db.hpp"

namespace qchain::workspace::detail {

std::string quoted(std::string_view s);
// A list as a JSON array of strings, as the history keeps it.
std::string json_list(const std::vector<std::string>& items);

using Value = std::optional<std::string>;  // a field's value as the history keeps it; nullopt: not set
inline Value text_value(const std::string& s) { return s.empty() ? Value() : Value(s); }
inline Value list_value(const std::vector<std::string>& v) { return v.empty() ? Value() : Value(json_list(v)); }
Value number_value(double x);  // nullopt for NaN

// The workspace opened for reading a chain's records: a chain it does not hold is named (UsageError
// listing what it holds).
Database open_chain(const std::string& file, const std::string& chain_id);

// What validation reads of the chain's latest snapshot, each part on first use.
class ChainFacts {
 public:
  ChainFacts(Database& db, const std::string& file, const std::string& chain_id);
  // UsageError "<context>: no firm given" or "<context>: <noun> "ID" is not in the latest snapshot of
  // chain ... (DATE, N firms)".
  void check_firm(const std::string& id, const char* context = "ledger entry", const char* noun = "firm");
  // The firm's role code (chain_leader, large, ...) after check_firm.
  const std::string& role_of(const std::string& id);
  void check_issue(const std::string& code);
  const std::string& chain() const { return chain_; }

 private:
  Database& db_;
  std::string chain_, as_of_;
  std::int64_t snapshot_ = 0, firm_count_ = 0;
  std::optional<std::unordered_map<std::string, std::string>> firms_;  // id -> role
  std::optional<std::unordered_set<std::string>> codes_;
  std::vector<std::string> catalogue_;
};

void check_date(const char* field, const std::string& d);
// planned_start, start and end: dates, and start not after end.
void check_dates(const std::string& planned_start, const std::string& start, const std::string& end);

// Runs `check`, giving its message the record it is about: "WHAT: message" (a message that already
// starts with "CONTEXT: " loses that part).
void about(const std::string& what, const std::function<void()>& check, std::string_view context = "ledger entry: ");

// The provider's id (inserting a new one), or nullopt for none.
std::optional<std::int64_t> resolve_provider(Database& db, const Provider& p);

// Appends rows to a history table of the shape of ledger_history (history_id, KEY, at, who, field,
// old_value, new_value).
class HistoryWriter {
 public:
  HistoryWriter(Database& db, const char* table, const char* key, const LedgerActor& by);
  const LedgerActor& by() const { return by_; }
  void add(std::int64_t id, const char* field, const Value& before, const Value& after);

 private:
  LedgerActor by_;
  Statement insert_;
};
// The rows of record `id`, oldest first.
std::vector<LedgerHistoryRow> read_history(Database& db, const char* table, const char* key, std::int64_t id);

}  // namespace qchain::workspace::detail
