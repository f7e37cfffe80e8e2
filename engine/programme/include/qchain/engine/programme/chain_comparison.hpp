#pragma once
// Before/after evaluation of a programme (效果评价, `qchain compare`): two snapshots of one chain,
// firms matched by id. What changed at every matched firm, at the leaders, per issue code and per
// certification scheme, and the programme indicators: how assisted firms' first-pass yields moved
// against everyone else's.
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "qchain/engine/programme/effect_indicators.hpp"
#include "qchain/graphs/chain.hpp"

namespace qchain::engine {

struct FirmChange {
  graphs::FirmId before = 0, after = 0;  // the firm in each snapshot
  double own_yield[2] = {graphs::kAbsent, graphs::kAbsent};  // as given (NaN: not given)
  double delivered_yield[2] = {0, 0};    // 1 − d_v in each snapshot (own yields imputed where missing)
  bool assisted = false;                 // marked assisted in either snapshot
  // Indices into ChainComparison::codes and ::schemes, ascending.
  std::vector<std::uint32_t> issues_resolved, issues_new;
  std::vector<std::uint32_t> certifications_gained, certifications_lost;
  double own_change() const { return own_yield[1] - own_yield[0]; }  // NaN unless both given
};

struct LeaderChange {
  graphs::FirmId after = graphs::kNone, before = graphs::kNone;  // kNone: not in that snapshot
  double delivered_yield[2] = {graphs::kAbsent, graphs::kAbsent};
};

enum class IssueTrend : std::uint8_t { solved, shrank, unchanged, grew, appeared };

struct IssueChange {
  std::uint32_t code = 0;                    // index into ChainComparison::codes
  std::uint32_t firms[2] = {0, 0};           // firms having it, whole chain, each snapshot
  IssueTrend trend = IssueTrend::unchanged;
};

struct SchemeChange {
  std::uint32_t scheme = 0;                  // index into ChainComparison::schemes
  std::uint32_t holders[2] = {0, 0};         // firms holding it in force
  double coverage[2] = {0, 0};               // holders / firms
};

struct ProgrammeIndicators {
  std::uint32_t assisted = 0, others = 0;    // matched firms with both yields given
  double assisted_mean_change = graphs::kAbsent;  // mean own-yield change (fraction, 0.051 = +5.1 points)
  double others_mean_change = graphs::kAbsent;
  double difference = graphs::kAbsent;       // assisted − others
  double assisted_improved_share = graphs::kAbsent;  // share of assisted firms whose own yield rose
  double others_improved_share = graphs::kAbsent;
  // Of the assisted: those marked only in the after snapshot, whose assistance began in the period.
  std::uint32_t newly_assisted = 0;
  double newly_assisted_mean_change = graphs::kAbsent;
  double mean_yield[2] = {graphs::kAbsent, graphs::kAbsent};  // over all firms with a yield, each snapshot
};

struct ChainComparison {
  std::vector<std::string> codes;    // issue codes of both catalogues, sorted
  std::vector<std::string> schemes;  // scheme names of both snapshots, sorted
  std::vector<graphs::FirmId> after_of_before;  // per before firm: the same firm after, or kNone (removed)
  std::vector<graphs::FirmId> before_of_after;  // per after firm: or kNone (added)
  std::uint32_t matched = 0, added = 0, removed = 0;
  std::vector<FirmChange> firms;     // one per matched firm, in the after snapshot's order
  std::vector<LeaderChange> leaders; // the after snapshot's leaders, then leaders only before
  std::vector<IssueChange> issues;   // codes some firm has in either snapshot, in code order
  std::uint64_t pairs_resolved = 0;  // (firm, issue) pairs of matched firms gone after
  std::uint64_t pairs_new = 0;
  std::vector<SchemeChange> certifications;  // in scheme order
  ProgrammeIndicators indicators;
  EffectIndicators effects;  // effect_indicators.hpp; effects.any false when neither snapshot has outcome fields
};

// Preconditions (UsageError): the same chain.id, and BEFORE not dated after AFTER.
void check_comparable(const graphs::ChainGraph& before, const graphs::ChainGraph& after);
ChainComparison compare_chains(const graphs::ChainGraph& before, const graphs::ChainGraph& after);
// The same with each snapshot's delivered defect rates d_v already propagated (the analysis
// context's baselines), so that neither chain is propagated again.
ChainComparison compare_chains(const graphs::ChainGraph& before, const graphs::ChainGraph& after,
                               const std::vector<double>& before_delivered, const std::vector<double>& after_delivered);

// Per firm of the after snapshot: the change of its delivered yield (NaN for firms added since).
std::vector<double> delivered_yield_change(const ChainComparison& c, std::uint32_t after_firms);

// Delivered yield 1 − d_v of every firm under the chain's own yields (defect propagation model).
std::vector<double> delivered_yields(const graphs::ChainGraph& g);
std::vector<double> delivered_defects(const graphs::ChainGraph& g);  // d_v, the same propagation

}  // namespace qchain::engine
