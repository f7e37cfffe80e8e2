#pragma once
// Monte Carlo disruption risk: in each run every firm stops independently with its role's
// probability; the production cascade gives each leader's output loss. Run r draws from its own
// generator seeded by (seed, r), so results are identical for a seed whatever the thread count.
//
// A run is one year: the probabilities are per year, and the firms that stop in a run are taken as
// stopped together (durations and recovery are not modelled), so a run's loss reads as the year's
// worst moment, not its lost output. The default probabilities are illustrative, from no published
// source (docs/production-model.md).
//
// Causes are ranked by expected attributable loss: for firm u with stop probability p_u,
//   p_u · (mean over runs where u stopped of the leaders' weighted loss − the same over runs where it did not),
// the leaders weighted by revenue (equal weights when a revenue is missing). A count of the runs in
// which a firm was among the causes merely reproduces its role's probability; this measure weighs
// what its stop does. Firms that cannot reach a leader (no supply path to one; with `upstream`, no
// path from one either) have an attributable loss of exactly 0 and are not ranked, so that pure
// sampling noise does not rank them.
#include <array>
#include <cstdint>
#include <functional>
#include <vector>

#include "qchain/engine/production/production_cascade.hpp"

namespace qchain::engine {

// Per role (chain_leader, large, medium, small, micro), per year; illustrative.
inline constexpr std::array<double, graphs::kRoleCount> kDefaultStopProbability{0.0, 0.01, 0.02, 0.03, 0.05};
// Above this share of runs in which every leader stops, the result says more about the
// probabilities than about the chain.
inline constexpr double kAlmostAlways = 0.95;

// What the runs leave for the summary, in sums that add up exactly across any split of the runs:
// the per-run entries are written by the one run they belong to (0 elsewhere), the per-firm ones are
// integers. Sized by disruption_risk(): runs × leaders, runs, and firms.
struct RiskTally {
  std::vector<double> loss;                         // run-major: loss[run * leaders + i] = 1 − h_L
  std::vector<double> total;                        // per run: Σ ω (1 − h) over the firms
  std::vector<std::uint64_t> run_loss, run_loss_sq;  // per run: the leaders' weighted loss, fixed point
  std::vector<std::uint32_t> causes, stops;         // per firm
  std::vector<std::uint64_t> stop_loss, stop_loss_sq;  // per firm: over the runs in which it stopped
};
// Runs runs [first, last) on the calling thread, into `into` (a tally sized as above).
using RiskRunRange = std::function<void(std::uint32_t first, std::uint32_t last, RiskTally& into)>;
// A program's own way of doing every run (qchain-mpi spreads them over ranks): fills `tally`, as if
// run_range(0, runs, tally) had been called, by calls of run_range on tallies of the same size.
using RiskRunner = std::function<void(std::uint32_t runs, const RiskRunRange& run_range, RiskTally& tally)>;

struct RiskOptions {
  std::uint32_t runs = 1000;
  std::uint64_t seed = 1;
  std::array<double, graphs::kRoleCount> stop_probability = kDefaultStopProbability;  // per role, per year
  // Which roles' probabilities were given (the others are the illustrative defaults); for the outputs.
  std::array<bool, graphs::kRoleCount> probability_given{};
  bool upstream = false;
  unsigned threads = 0;
  std::function<void(std::uint32_t done)> progress;  // called from the calling thread; not with a runner
  RiskRunner runner;  // empty: the runs on `threads` threads of this process
};

struct LeaderRisk {
  graphs::FirmId leader = 0;
  double mean = 0, p50 = 0, p95 = 0, p99 = 0;  // output loss 1 − h_L
  double stop_probability = 0;                 // share of runs (years) with h_L < kStopSlack
};

struct RiskResult {
  std::uint32_t runs = 0;
  std::vector<LeaderRisk> leaders;
  std::vector<double> leader_weight;    // revenue shares among the leaders (equal when one is missing)
  double leaders_loss_mean = 0;         // mean over runs of Σ weight · (1 − h_L)
  double total_loss_mean = 0, total_loss_p95 = 0;
  // Per firm.
  std::vector<std::uint32_t> stop_runs;    // runs in which it stopped: what its attributable loss rests on
  std::vector<double> attributable_loss;   // the ranking measure above; 0 for firms that cannot reach a leader;
                                           // NaN when it stopped in no run or in every run (nothing to compare)
  std::vector<double> attributable_se;     // its standard error (the two means' sampling errors, times p_u)
  // The former measure, kept for comparison: runs in which it stopped and a leader it supplies lost output.
  std::vector<std::uint32_t> cause_runs;
  std::vector<graphs::FirmId> ranking;     // firms with a defined attributable loss > 0, largest first (ties by id)
  // Every leader stops in more than kAlmostAlways of the runs (false without leaders).
  bool leaders_stop_almost_always = false;
};

RiskResult disruption_risk(const ProductionModel& m, const RiskOptions& options);

}  // namespace qchain::engine
