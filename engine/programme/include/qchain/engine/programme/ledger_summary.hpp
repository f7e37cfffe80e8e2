#pragma once
// The assistance ledger (帮扶台账) of a chain summed up for the report from a workspace: entries by
// status; cost by funding source and by provider (entries without a cost counted apart); firms
// assisted per segment (distinct firms with an entry that is not dropped, against the segment's firms).
// Numbers only. The ledger lives in the workspace, which is above the engine: the caller hands its
// entries over as plain items.
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "qchain/graphs/chain.hpp"

namespace qchain::engine {

// In the order of workspace::LedgerStatus (planned, in progress, done, dropped).
enum class LedgerItemStatus : std::uint8_t { planned, in_progress, done, dropped };
inline constexpr std::size_t kLedgerStatuses = 4;

struct LedgerItem {
  std::string firm_id;
  LedgerItemStatus status = LedgerItemStatus::planned;
  std::string provider;             // the provider's name; "" = none
  std::string funding;              // the funding source; "" = not given
  double cost = graphs::kAbsent;    // 10k CNY; NaN = not given
};

struct LedgerSummaryOptions {
  const graphs::ChainGraph* chain = nullptr;          // the snapshot whose segments count the firms
  const std::vector<LedgerItem>* entries = nullptr;   // the chain's ledger
};

// The entries of one funding source or one provider ("" = not given / no provider).
struct LedgerCostGroup {
  std::string name;
  std::uint32_t entries = 0;
  std::uint32_t without_cost = 0;  // entries of the group with no cost given
  double cost = 0.0;               // sum over the entries with a cost
};

struct LedgerSegmentReach {
  std::uint32_t segment = graphs::kNone;  // kNone: firms without a segment
  std::uint32_t firms = 0;                    // firms of the segment in the snapshot
  std::uint32_t assisted = 0;                 // of them, firms with an entry not dropped
};

struct LedgerSummaryResult {
  std::uint32_t entries = 0;
  std::array<std::uint32_t, kLedgerStatuses> by_status{};
  std::uint32_t without_cost = 0;
  double cost = 0.0;  // every entry with a cost
  // Largest cost first, then more entries, then by name; "" (not given) last.
  std::vector<LedgerCostGroup> by_funding, by_provider;
  // Every segment of the snapshot in its order, then firms without a segment when there are any.
  std::vector<LedgerSegmentReach> segments;
  std::uint32_t firms_assisted = 0;     // distinct firms of the snapshot with an entry not dropped
  std::uint32_t firms_not_in_chain = 0; // distinct firm ids with an entry not dropped the snapshot lacks
};

// Preconditions (Error, a caller's mistake): a chain and entries given.
LedgerSummaryResult ledger_summary(const LedgerSummaryOptions& options);

}  // namespace qchain::engine
