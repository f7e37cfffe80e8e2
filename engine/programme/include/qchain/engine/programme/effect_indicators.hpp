#pragma once
// The effect indicators a programme reports (docs/programme-views.md): for the assisted firms and
// for the others apart, revenue growth, the change of profit margin, of operating cost and of the
// quality-cost rate, and satisfaction, each with the number of firms it rests on. Two snapshots of
// one chain, firms matched by id; a firm missing a value an indicator needs is left out of that
// indicator, never counted as zero. Every firm weighs the same (a mean of ratios, not a ratio of sums).
#include <cstdint>
#include <vector>

#include "qchain/graphs/chain.hpp"

namespace qchain::engine {

// The rule `compare` uses: a matched firm is assisted when it is marked so in either snapshot
// (an `assisted` record: the programme helped it at some point in the period).
inline bool assisted_in_period(const graphs::Firm& before, const graphs::Firm& after) {
  return before.assisted != graphs::kNone || after.assisted != graphs::kNone;
}

struct EffectIndicatorOptions {
  double satisfied_at = 0.9;  // the share of firms whose satisfaction is at least this
};

// One indicator over one group: its value (NaN when no firm has what it needs) and the firms it rests on.
struct EffectMeasure {
  double value = graphs::kAbsent;
  std::uint32_t firms = 0;
};

// Changes are fractions: 0.097 is +9.7 % (growth) or +9.7 percentage points (margin, rate).
struct EffectGroup {
  std::uint32_t firms = 0;              // matched firms in the group
  EffectMeasure revenue_growth;         // mean of revenue after / before − 1, firms with revenue before > 0
  EffectMeasure profit_margin_change;   // mean of (profit / revenue) after − before, revenue > 0 in both
  EffectMeasure operating_cost_change;  // mean of operating cost after / before − 1, before > 0
  EffectMeasure quality_cost_rate_change;  // mean of (quality_cost / revenue) after − before, revenue > 0 in both
  EffectMeasure satisfaction[2];        // mean satisfaction, before and after, firms with one in that snapshot
  EffectMeasure satisfied_share[2];     // share of those at or above satisfied_at
};

struct EffectIndicators {
  // Whether some firm of either snapshot has one of the outcome fields (profit, operating_cost,
  // quality_cost, satisfaction); the groups are computed only then.
  bool any = false;
  double satisfied_at = 0.9;
  EffectGroup assisted, others;
};

EffectIndicators effect_indicators(const graphs::ChainGraph& before, const graphs::ChainGraph& after,
                                   const EffectIndicatorOptions& o = {});
// The same with the matching already made: per after firm, the same firm before or kNone.
EffectIndicators effect_indicators(const graphs::ChainGraph& before, const graphs::ChainGraph& after,
                                   const std::vector<graphs::FirmId>& before_of_after, const EffectIndicatorOptions& o = {});

}  // namespace qchain::engine
