#include "qchain/engine/production/systemic_index.hpp"

#include <algorithm>
#include <optional>

#include "qchain/core/parallel_for.hpp"
#include "qchain/engine/production/systemic_bound.hpp"

namespace qchain::engine {

using namespace qchain::graphs;

namespace {

// Highest index first, ties by id: the ranking's order.
struct ByIndex {
  const std::vector<double>& index;
  bool operator()(FirmId a, FirmId b) const { return index[a] > index[b] || (index[a] == index[b] && a < b); }
};

// Runs the cascades of `firms` over threads, each worker with its own cascade state.
void run_cascades(const ProductionModel& m, const std::vector<FirmId>& firms, unsigned threads, SystemicResult& r) {
  const std::size_t nl = r.leaders.size();
  // A cascade per worker, made on its own thread: each run resets only what the last one touched.
  struct Worker {
    explicit Worker(const ProductionModel& model) : c(model) { shock.psi.resize(1); }
    ProductionModel::Cascade c;
    ProductionShock shock;
  };
  std::vector<std::optional<Worker>> workers(parallel_workers(firms.size(), threads));
  parallel_for(firms.size(), threads, [&](std::size_t i, unsigned worker) {
    if (!workers[worker]) workers[worker].emplace(m);
    ProductionModel::Cascade& c = workers[worker]->c;
    ProductionShock& shock = workers[worker]->shock;
    const FirmId v = firms[i];
    shock.psi[0] = {v, 1.0};
    c.run(shock);
    r.index[v] = c.loss();
    r.down[v] = c.down_loss();
    r.up[v] = c.up_loss();
    for (std::size_t k = 0; k < nl; ++k) r.leader_level[static_cast<std::size_t>(v) * nl + k] = c.level(r.leaders[k], true);
  });
  r.cascades_run += static_cast<std::uint32_t>(firms.size());
}

void every_firm(const ProductionModel& m, const SystemicOptions& options, SystemicResult& r) {
  const std::uint32_t n = m.chain().firm_count();
  std::vector<FirmId> firms(n);
  for (FirmId v = 0; v < n; ++v) firms[v] = v;
  run_cascades(m, firms, options.threads, r);
  r.ranking = firms;
  std::sort(r.ranking.begin(), r.ranking.end(), ByIndex{r.index});
}

// Firms in decreasing bound order; after each batch, the best K so far. A firm not yet run has
// index ≤ its bound ≤ the next bound, so once the K-th best exceeds that, none can enter.
void top_firms(const ProductionModel& m, const SystemicOptions& options, SystemicResult& r) {
  const std::uint32_t n = m.chain().firm_count();
  const std::vector<double> bound = systemic_bound(m);
  std::vector<FirmId> order(n);
  for (FirmId v = 0; v < n; ++v) order[v] = v;
  std::sort(order.begin(), order.end(), ByIndex{bound});
  const std::size_t k = std::min<std::size_t>(options.top, n);
  std::vector<FirmId> best, batch;
  std::size_t next = 0;
  while (next < n) {
    const std::size_t end = std::min<std::size_t>(n, next + kTopBatch);
    batch.assign(order.begin() + static_cast<std::ptrdiff_t>(next), order.begin() + static_cast<std::ptrdiff_t>(end));
    run_cascades(m, batch, options.threads, r);
    best.insert(best.end(), batch.begin(), batch.end());
    std::sort(best.begin(), best.end(), ByIndex{r.index});
    if (best.size() > k) best.resize(k);
    next = end;
    if (next < n && best.size() == k && k > 0 && r.index[best.back()] > bound[order[next]]) break;
  }
  r.ranking = best;
}

}  // namespace

SystemicResult systemic_index(const ProductionModel& m, const SystemicOptions& options) {
  const ChainGraph& g = m.chain();
  const std::uint32_t n = g.firm_count();
  SystemicResult r;
  r.leaders = g.leaders();
  r.top = options.top;
  const double unset = options.top > 0 ? kAbsent : 0.0;
  r.index.assign(n, unset);
  r.down.assign(n, unset);
  r.up.assign(n, unset);
  r.leader_level.assign(static_cast<std::size_t>(n) * r.leaders.size(), options.top > 0 ? kAbsent : 1.0);
  if (options.top > 0)
    top_firms(m, options, r);
  else
    every_firm(m, options, r);
  r.cascades_skipped = n - r.cascades_run;
  return r;
}

}  // namespace qchain::engine
