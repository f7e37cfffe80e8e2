#include "qchain/engine/production/systemic_index.hpp"

#include <algorithm>
#include <optional>

#include "qchain/core/parallel_for.hpp"

namespace qchain::engine {

using namespace qchain::graphs;

SystemicResult systemic_index(const ProductionModel& m, const SystemicOptions& options) {
  const ChainGraph& g = m.chain();
  const std::uint32_t n = g.firm_count();
  SystemicResult r;
  r.leaders = g.leaders();
  const std::size_t nl = r.leaders.size();
  r.index.assign(n, 0.0);
  r.down.assign(n, 0.0);
  r.up.assign(n, 0.0);
  r.leader_level.assign(static_cast<std::size_t>(n) * nl, 1.0);
  // A cascade per worker, made on its own thread: each run resets only what the last one touched.
  struct Worker {
    explicit Worker(const ProductionModel& model) : c(model) { shock.psi.resize(1); }
    ProductionModel::Cascade c;
    ProductionShock shock;
  };
  std::vector<std::optional<Worker>> workers(parallel_workers(n, options.threads));
  parallel_for(n, options.threads, [&](std::size_t i, unsigned worker) {
    if (!workers[worker]) workers[worker].emplace(m);
    ProductionModel::Cascade& c = workers[worker]->c;
    ProductionShock& shock = workers[worker]->shock;
    const auto v = static_cast<FirmId>(i);
    shock.psi[0] = {v, 1.0};
    c.run(shock);
    r.index[v] = c.loss();
    r.down[v] = c.down_loss();
    r.up[v] = c.up_loss();
    for (std::size_t k = 0; k < nl; ++k) r.leader_level[static_cast<std::size_t>(v) * nl + k] = c.level(r.leaders[k], true);
  });
  r.ranking.resize(n);
  for (FirmId v = 0; v < n; ++v) r.ranking[v] = v;
  std::stable_sort(r.ranking.begin(), r.ranking.end(), [&](FirmId a, FirmId b) { return r.index[a] > r.index[b]; });
  return r;
}

}  // namespace qchain::engine
