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
};

struct SystemicResult {
  std::vector<double> index, down, up;  // per firm
  std::vector<graphs::FirmId> leaders;
  std::vector<double> leader_level;     // firm-major: leader_level[v * leaders.size() + i], with h = min(hd, hu)
  std::vector<graphs::FirmId> ranking;  // firms by index, highest first (ties by id)
};

SystemicResult systemic_index(const ProductionModel& m, const SystemicOptions& options = {});

}  // namespace qchain::engine
