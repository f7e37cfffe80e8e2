#pragma once
// The assistance ledger (帮扶台账) of a chain in the workspace (docs/workspace.md): which firm is
// assisted, by which provider, against which issues, with which measures, when, at what cost and
// funding, and with what outcome. Every change of an entry is one transaction and leaves rows in an
// append-only history (who, when, the field, its old and new value).
//
// Validation is against the chain's latest snapshot: the firm must be one of its firms, the issue
// codes must be in its issue catalogue. Problems throw UsageError naming the field and the value; a
// second writer fails with "workspace busy" (IoError) after the busy timeout.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "qchain/graphs/chain.hpp"

namespace qchain::workspace {

enum class LedgerStatus : std::uint8_t { planned, in_progress, done, dropped };
enum class ProviderKind : std::uint8_t { certification_body, testing_lab, expert, association, bank };

// The codes stored and written in JSON: planned, in_progress, done, dropped.
const char* to_string(LedgerStatus s);
// certification_body, testing_lab, expert, association, bank.
const char* to_string(ProviderKind k);
// A code, or its Chinese spelling (计划, 进行中, 完成, 放弃; 认证机构, 检测机构, 专家, 协会, 银行, and a
// few variants: docs/workspace.md). Throws UsageError naming the accepted spellings.
LedgerStatus parse_ledger_status(std::string_view text);
ProviderKind parse_provider_kind(std::string_view text);

struct Provider {
  std::string name;                  // unique in the workspace; empty: no provider
  std::optional<ProviderKind> kind;  // needed when the provider is new; when given, must match
  std::string region;                // "" = not given; when given, must match a known provider's
};

struct LedgerEntry {
  std::int64_t id = 0;  // set by the workspace
  std::string chain_id, firm_id;
  Provider provider;
  std::vector<std::string> issues;    // issue codes targeted, in the chain's catalogue
  std::vector<std::string> measures;  // the measures, in order
  std::string planned_start, start, end;  // YYYY-MM-DD; "" = not given
  LedgerStatus status = LedgerStatus::planned;
  double cost = graphs::kAbsent;  // 10k CNY (万元); NaN = not given
  std::string funding;            // the source of the money: 财政补贴, 认证贷, the firm itself ...
  std::string outcome;
  std::string created_by, created_at;  // set by the workspace
};

// An update: only the fields given change. An empty text or list clears the field, a NaN cost
// clears the cost, a provider with an empty name removes the provider.
struct LedgerChange {
  std::optional<std::string> firm_id;
  std::optional<Provider> provider;
  std::optional<std::vector<std::string>> issues, measures;
  std::optional<std::string> planned_start, start, end;
  std::optional<LedgerStatus> status;
  std::optional<double> cost;
  std::optional<std::string> funding, outcome;
};

// Who changes the ledger and when: the OS user for the CLI, the signed-in user for a service.
struct LedgerActor {
  std::string who;
  std::string at;  // ISO 8601 UTC; "" = now
};

// Adds the entries to the ledger of `chain_id`, all or none, in one transaction; returns their ids
// (consecutive, in order). `id`, `chain_id`, `created_by` and `created_at` of the entries are ignored.
std::vector<std::int64_t> add_ledger_entries(const std::string& file, const std::string& chain_id,
                                             const std::vector<LedgerEntry>& entries, const LedgerActor& by);
std::int64_t add_ledger_entry(const std::string& file, const std::string& chain_id, const LedgerEntry& entry, const LedgerActor& by);

// Applies the change in one transaction; each field whose value changes is one history row. Returns
// the number of fields changed (0: the change gave the values the entry has).
std::size_t update_ledger_entry(const std::string& file, const std::string& chain_id, std::int64_t id, const LedgerChange& change,
                                const LedgerActor& by);

struct LedgerFilter {
  std::optional<LedgerStatus> status;
  std::string firm_id;   // "" = every firm
  std::string provider;  // a provider's name; "" = any
};
// The chain's entries that pass the filter, by id.
std::vector<LedgerEntry> list_ledger(const std::string& file, const std::string& chain_id, const LedgerFilter& filter = {});
// One entry; UsageError when the chain has no entry of that id.
LedgerEntry get_ledger_entry(const std::string& file, const std::string& chain_id, std::int64_t id);

struct LedgerHistoryRow {
  std::int64_t id = 0;
  std::string at, who, field;
  std::optional<std::string> old_value, new_value;  // nullopt: not set
};
// Oldest first. Values are texts: dates and codes as stored, the cost as a number, the provider by
// its name, lists (issues, measures) as JSON arrays of strings.
std::vector<LedgerHistoryRow> ledger_history(const std::string& file, const std::string& chain_id, std::int64_t id);

// The firm's first-pass yield in a snapshot of the chain.
struct SnapshotYield {
  std::string as_of;
  bool firm_found = false;          // the snapshot holds the firm
  double yield = graphs::kAbsent;   // NaN: not given (or the firm is not in the snapshot)
};
struct LedgerYields {
  // The latest snapshot on or before the entry's start (its planned start when it has no start).
  std::optional<SnapshotYield> before;
  // The first snapshot on or after its end; nullopt: no end yet, or no snapshot since ("not yet").
  std::optional<SnapshotYield> after;
};
LedgerYields ledger_yields(const std::string& file, const LedgerEntry& entry);

}  // namespace qchain::workspace
