#pragma once
// Monte Carlo disruption risk: in each run every firm stops independently with its role's
// probability; the production cascade gives each leader's output loss. Run r draws from its own
// generator seeded by (seed, r), so results are identical for a seed whatever the thread count.
#include <array>
#include <cstdint>
#include <functional>
#include <vector>

#include "qchain/engine/production_cascade.hpp"

namespace qchain::engine {

struct RiskOptions {
  std::uint32_t runs = 1000;
  std::uint64_t seed = 1;
  // Per role (chain_leader, large, medium, small, micro).
  std::array<double, graphs::kRoleCount> stop_probability{0.0, 0.01, 0.02, 0.03, 0.05};
  bool upstream = false;
  unsigned threads = 0;
  std::function<void(std::uint32_t done)> progress;  // called from the calling thread
};

struct LeaderRisk {
  graphs::FirmId leader = 0;
  double mean = 0, p50 = 0, p95 = 0, p99 = 0;  // output loss 1 − h_L
  double stop_probability = 0;                 // share of runs with h_L < 1e-9
};

struct RiskResult {
  std::uint32_t runs = 0;
  std::vector<LeaderRisk> leaders;
  double total_loss_mean = 0, total_loss_p95 = 0;
  std::vector<std::uint32_t> cause_runs;   // per firm: runs in which it stopped and a leader it supplies lost output
  std::vector<graphs::FirmId> cause_ranking;  // firms with cause_runs > 0, most first
};

RiskResult disruption_risk(const ProductionModel& m, const RiskOptions& options);

}  // namespace qchain::engine
