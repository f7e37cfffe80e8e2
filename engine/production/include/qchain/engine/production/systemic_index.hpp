#pragma once
// Systemic index of every firm (production channel): the weighted total output loss if that firm
// alone stopped (ψ = 1) — ESRI — with its downstream-only and upstream-only parts and each leader's
// output level. Firms are spread over threads, each with its own cascade state; every firm's result
// depends on that firm alone, so the outcome is the same for any thread count.
#include <cstdint>
#include <vector>

#include "qchain/engine/production/production_cascade.hpp"

namespace qchain::engine {

struct SystemicOptions {
  unsigned threads = 0;  // 0: all cores
  // 0: every firm. K > 0: exactly the first K of the full ranking (same values, same order), running
  // cascades in batches of kTopBatch, each the firms of highest upper bound (systemic_bound.hpp,
  // tightened by the runs that stopped them: docs/production-model.md, "Exact top-K"), and stopping
  // once the K-th best index exceeds every bound left; the other firms' cascades are skipped.
  std::size_t top = 0;
};

// Cascades per batch of the top-K search: the stopping point depends on it, never on the threads.
inline constexpr std::size_t kTopBatch = 256;

struct SystemicResult {
  std::vector<double> index, down, up;  // per firm
  std::vector<graphs::FirmId> leaders;
  std::vector<double> leader_level;     // firm-major: leader_level[v * leaders.size() + i], with h = min(hd, hu)
  std::vector<graphs::FirmId> ranking;  // firms by index, highest first (ties by id); with `top`, its first K
  // With `top`: K, and the cascades run and skipped (index, down, up and leader levels are NaN for
  // skipped firms). Without: top 0, every firm's cascade run.
  std::size_t top = 0;
  std::uint32_t cascades_run = 0, cascades_skipped = 0;
};

SystemicResult systemic_index(const ProductionModel& m, const SystemicOptions& options = {});

}  // namespace qchain::engine
