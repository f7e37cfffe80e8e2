#pragma once
// Choosing which firms to assist (帮扶) under a budget in firms, in money, or both, for a goal.
//
// Goals (PlanOptions::goals, weights ≥ 0):
//   leaders — the leaders' revenue-weighted delivered yield (assisting raises the firm's own yield by
//             `gain`, or removes its issues' attributed share with fix_issues);
//   grades  — firms promoted: the firm's grade by the rubric rises at least one rung with the yield
//             (and, with fix_issues, the issues) assistance gives it;
//   gaps    — certification gap links closed (certification_gaps.hpp): an assisted firm obtains every
//             scheme its customers require of it, so each of its gap links closes.
// With one goal the objective is in its own unit (yield, firms, links). With several, each goal's gain
// is divided by its maximum — the gain of assisting every candidate — before weighting, so that the
// weights compare goals on one scale (each term runs from 0 to its weight); a goal no candidate can
// move counts 0.
//
// Greedy with lazy re-evaluation (CELF; Leskovec et al., "Cost-effective outbreak detection in
// networks", KDD 2007): candidates are first keyed by an estimate of their gain — for the leaders'
// yield the adjoint's first-order estimate (all firms for the price of one reverse pass per leader),
// inflated by kOptimism because the delivered yield is convex along a reduction of defects (the
// estimate errs low); grades and gaps are additive, so their keys are exact — and a candidate is
// accepted only once its exact marginal gain in the current state is still the best key. With a
// money budget and costs that differ, the paper's cost-effective rule runs two greedy plans, one by
// gain (unit cost) and one by gain per cost, each within the budgets, and keeps the better. Beside the
// plan, two naive plans of the same number of firms (and within the money budget) show what the
// optimiser adds.
#include <array>
#include <cstdint>
#include <vector>

#include "qchain/engine/quality/defect_propagation.hpp"
#include "qchain/engine/programme/firm_grading.hpp"
#include "qchain/engine/scenario/whatif.hpp"

namespace qchain::engine {

// micro and small: the programme's target firms.
std::vector<graphs::Role> default_plan_candidates();

// One number per goal: weights, gains, maxima.
struct GoalValues {
  double leaders = 0.0;  // the leaders' weighted delivered yield (a fraction)
  double grades = 0.0;   // firms promoted
  double gaps = 0.0;     // gap links closed
};

struct PlanOptions {
  // Budgets, at least one: firms (kNone: no limit on the count) and money in 10k CNY (NaN: none).
  std::uint32_t budget = 10;
  double budget_money = graphs::kAbsent;
  std::vector<graphs::Role> candidates = default_plan_candidates();
  // Per firm, 1 where the firm may be picked (the screening list, assistance_screening.hpp); empty: every
  // firm of the candidate roles.
  std::vector<std::uint8_t> allowed;
  enum class Action { yield_gain, fix_issues };
  Action action = Action::yield_gain;  // raise the first-pass yield by `gain`, or remove every issue's share
  double gain = 0.03;
  GoalValues goals{1.0, 0.0, 0.0};
  const Rubric* rubric = nullptr;  // goal grades: null = default_rubric()
  // A candidate's cost in 10k CNY: firm_cost[v] where given (not NaN), else its role's role_cost where
  // given, else cost_default. firm_cost (empty or one per firm) is the hook for the assistance
  // ledger's recorded costs (a later issue); the CLI fills role_cost and cost_default.
  std::vector<double> firm_cost;
  std::array<double, graphs::kRoleCount> role_cost{graphs::kAbsent, graphs::kAbsent, graphs::kAbsent, graphs::kAbsent,
                                                    graphs::kAbsent};
  double cost_default = 1.0;
};

struct PlanStep {
  graphs::FirmId firm = 0;
  double cost = 0.0;
  double marginal_gain = 0.0;    // the objective's rise when the firm joins
  double cumulative_gain = 0.0;
  double cumulative_cost = 0.0;
  GoalValues gains;              // each goal's own rise (in its unit) when the firm joins
};

// Why a plan holds fewer firms than --budget, or leaves money of --budget-money unspent.
enum class PlanStop {
  none,                // the firm budget is used, or (money only) all the money is spent
  no_more_candidates,  // every candidate is in the plan
  no_more_gain,        // the candidates left raise the objective by nothing
  budget_money,        // candidates with a gain are left, none within the money left
};
enum class PlanGreedy { unit_cost, gain_per_cost };

struct PlanResult {
  double baseline = 0.0;  // the leaders' weighted delivered yield now (NaN without leaders)
  std::vector<PlanStep> steps;
  std::vector<graphs::FirmId> lowest_yield_first, most_customers_first;  // naive plans of the same size
  double lowest_yield_gain = 0.0, most_customers_gain = 0.0;             // in the objective's unit
  std::uint32_t evaluations = 0;  // exact re-propagations
  bool normalised = false;        // several goals: each divided by its maximum
  GoalValues goal_max;            // each goal's gain if every candidate were assisted (the normalisers)
  double money_spent = 0.0;
  std::uint32_t candidates = 0;             // firms of the candidate roles
  std::uint32_t candidates_with_gain = 0;   // of them, those whose assistance alone raises the objective
  PlanStop stopped_short = PlanStop::none;
  PlanGreedy greedy = PlanGreedy::unit_cost;  // which greedy plan was kept
  double other_greedy_gain = graphs::kAbsent;  // the other one's gain, when both ran
};

inline constexpr double kOptimism = 1.25;

// Throws UsageError for bad options: no budget, a negative budget or cost, goal weights that are all
// 0 or negative, the leaders' goal on a chain without leaders.
PlanResult plan_assistance(const DefectPropagator& prop, const QualityBaseline& base, const PlanOptions& options);

// The leaders' weighted delivered yield for any set of assisted firms (used by the naive plans and tests).
double assisted_yield(const DefectPropagator& prop, const QualityBaseline& base, const PlanOptions& options,
                      const std::vector<graphs::FirmId>& assisted);
// The plan's objective gain for any set of assisted firms, in the unit plan_assistance reports.
double plan_objective(const DefectPropagator& prop, const QualityBaseline& base, const PlanOptions& options,
                      const std::vector<graphs::FirmId>& assisted);
// A candidate's cost by the rule of PlanOptions.
double candidate_cost(const graphs::ChainGraph& g, const PlanOptions& options, graphs::FirmId v);

}  // namespace qchain::engine
