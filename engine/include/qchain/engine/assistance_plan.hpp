#pragma once
// Choosing which firms to assist (帮扶) under a budget: the K firms whose assistance raises the
// leaders' revenue-weighted delivered yield most. Greedy with lazy re-evaluation (CELF; Leskovec et
// al., "Cost-effective outbreak detection in networks", KDD 2007): candidates are first keyed by
// the adjoint's first-order estimate of their gain (all firms for the price of one reverse pass per
// leader); a candidate is accepted only once its exact marginal gain, by re-propagation in the
// current state, is still the best key. First-order keys are inflated by kOptimism because the
// delivered yield is convex along a reduction of defects (the estimate errs low); exact keys from
// earlier rounds bound later gains where gains diminish. The ledger sits beside two naive plans of
// the same size so the planner sees what the optimiser adds.
#include <cstdint>
#include <vector>

#include "qchain/engine/defect_propagation.hpp"
#include "qchain/engine/whatif.hpp"

namespace qchain::engine {

// micro and small: the programme's target firms.
std::vector<graphs::Role> default_plan_candidates();

struct PlanOptions {
  std::uint32_t budget = 10;
  std::vector<graphs::Role> candidates = default_plan_candidates();
  enum class Action { yield_gain, fix_issues };
  Action action = Action::yield_gain;  // raise the first-pass yield by `gain`, or remove every issue's share
  double gain = 0.03;
};

struct PlanStep {
  graphs::FirmId firm = 0;
  double marginal_gain = 0.0;    // rise of the leaders' weighted delivered yield
  double cumulative_gain = 0.0;
};

struct PlanResult {
  double baseline = 0.0;  // the leaders' weighted delivered yield now
  std::vector<PlanStep> steps;
  std::vector<graphs::FirmId> lowest_yield_first, most_customers_first;  // naive plans of the same size
  double lowest_yield_gain = 0.0, most_customers_gain = 0.0;
  std::uint32_t evaluations = 0;  // exact re-propagations
};

inline constexpr double kOptimism = 1.25;

PlanResult plan_assistance(const DefectPropagator& prop, const QualityBaseline& base, const PlanOptions& options);

// The objective for any set of assisted firms (used by the naive plans and by tests).
double assisted_yield(const DefectPropagator& prop, const QualityBaseline& base, const PlanOptions& options,
                      const std::vector<graphs::FirmId>& assisted);

}  // namespace qchain::engine
