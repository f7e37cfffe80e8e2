#include "qchain/engine/production/systemic_index.hpp"

#include <algorithm>
#include <thread>

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
  unsigned threads = options.threads ? options.threads : std::max(1u, std::thread::hardware_concurrency());
  threads = std::max(1u, std::min<unsigned>(threads, std::max(1u, n)));
  const auto work = [&](unsigned t) {
    ProductionModel::Cascade c(m);
    ProductionShock shock;
    shock.psi.resize(1);
    for (FirmId v = t; v < n; v += threads) {
      shock.psi[0] = {v, 1.0};
      c.run(shock);
      r.index[v] = c.loss();
      r.down[v] = c.down_loss();
      r.up[v] = c.up_loss();
      for (std::size_t i = 0; i < nl; ++i) r.leader_level[static_cast<std::size_t>(v) * nl + i] = c.level(r.leaders[i], true);
    }
  };
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work, t);
  work(0);
  for (std::thread& t : pool) t.join();
  r.ranking.resize(n);
  for (FirmId v = 0; v < n; ++v) r.ranking[v] = v;
  std::stable_sort(r.ranking.begin(), r.ranking.end(), [&](FirmId a, FirmId b) { return r.index[a] > r.index[b]; });
  return r;
}

}  // namespace qchain::engine
