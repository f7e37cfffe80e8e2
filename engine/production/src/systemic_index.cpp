#include "qchain/engine/production/systemic_index.hpp"

#include <algorithm>
#include <limits>
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

// Runs the cascades of `firms` over threads, each worker with its own cascade state; `after(worker,
// firm, cascade)` sees each cascade's state before the worker's next run.
template <class After>
void run_cascades(const ProductionModel& m, const std::vector<FirmId>& firms, unsigned threads, SystemicResult& r,
                  After after) {
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
    after(worker, v, c);
  });
  r.cascades_run += static_cast<std::uint32_t>(firms.size());
}

void every_firm(const ProductionModel& m, const SystemicOptions& options, SystemicResult& r) {
  const std::uint32_t n = m.chain().firm_count();
  std::vector<FirmId> firms(n);
  for (FirmId v = 0; v < n; ++v) firms[v] = v;
  run_cascades(m, firms, options.threads, r, [](unsigned, FirmId, const ProductionModel::Cascade&) {});
  r.ranking = firms;
  std::sort(r.ranking.begin(), r.ranking.end(), ByIndex{r.index});
}

// Bounds on each firm's downstream-only and upstream-only losses, tightened by the cascades run:
// where firm a's cascade stops firm b (level exactly 0 in that direction), b's cascade in that
// direction loses at most what a's did (docs/production-model.md, "Exact top-K": the levels are the
// greatest fixed point below 1 − ψ of a monotone map, and a's levels lie below b's map). Each
// worker keeps its own minima, merged after a batch, so the bounds do not depend on the threads.
class RefinedBounds {
 public:
  RefinedBounds(const ProductionModel& m, unsigned workers) : omega_(m.weights()) {
    SystemicBoundParts p = systemic_bound_parts(m);
    down_ = std::move(p.down);
    up_ = std::move(p.up);
    start_.resize(down_.size());
    for (FirmId v = 0; v < start_.size(); ++v) start_[v] = combine_systemic_bound(down_[v], up_[v], omega_[v]);
    worker_down_.assign(workers, {});
    worker_up_.assign(workers, {});
  }
  double operator()(FirmId v) const {
    return std::min(start_[v], combine_systemic_bound(down_[v], up_[v], omega_[v]));
  }
  // After firm a's cascade, on worker w's own minima.
  void learn(unsigned w, const ProductionModel::Cascade& c) {
    const double down = widen(c.down_loss()), up = widen(c.up_loss());
    std::vector<double>& wd = worker_down_[w];
    std::vector<double>& wu = worker_up_[w];
    if (wd.empty()) wd.assign(down_.size(), kNone), wu.assign(up_.size(), kNone);
    for (FirmId b : c.touched()) {
      if (c.hd(b) == 0.0) wd[b] = std::min(wd[b], down);
      if (c.hu(b) == 0.0) wu[b] = std::min(wu[b], up);
    }
  }
  void merge() {
    for (std::size_t w = 0; w < worker_down_.size(); ++w) {
      if (worker_down_[w].empty()) continue;
      for (FirmId v = 0; v < down_.size(); ++v) {
        down_[v] = std::min(down_[v], worker_down_[w][v]);
        up_[v] = std::min(up_[v], worker_up_[w][v]);
      }
    }
  }

 private:
  static constexpr double kNone = std::numeric_limits<double>::infinity();
  // A computed loss is at most the exact one (levels approach their fixed point from above); the
  // same widening as the bound's covers the rounding.
  static double widen(double loss) { return loss * (1 + 1e-9) + 1e-12; }
  const std::vector<double>& omega_;
  std::vector<double> down_, up_, start_;
  std::vector<std::vector<double>> worker_down_, worker_up_;
};

// Batches of the not-yet-run firms of highest current bound; after each, the best K so far and the
// bounds tightened by what ran. A firm not run has index ≤ its bound ≤ the highest bound left, so
// once the K-th best exceeds that, none can enter. Which firms a batch takes depends only on the
// results before it, never on the threads.
void top_firms(const ProductionModel& m, const SystemicOptions& options, SystemicResult& r) {
  const std::uint32_t n = m.chain().firm_count();
  const unsigned workers = parallel_workers(kTopBatch, options.threads);
  RefinedBounds bound(m, workers);
  std::vector<FirmId> waiting(n);
  for (FirmId v = 0; v < n; ++v) waiting[v] = v;
  std::vector<double> now(n);
  const std::size_t k = std::min<std::size_t>(options.top, n);
  std::vector<FirmId> best, batch;
  while (!waiting.empty()) {
    for (FirmId v : waiting) now[v] = bound(v);
    const ByIndex by_bound{now};
    const auto cut = waiting.begin() + static_cast<std::ptrdiff_t>(std::min(waiting.size(), kTopBatch));
    std::partial_sort(waiting.begin(), cut, waiting.end(), by_bound);
    if (best.size() == k && k > 0 && r.index[best.back()] > now[waiting.front()]) break;
    batch.assign(waiting.begin(), cut);
    waiting.erase(waiting.begin(), cut);
    run_cascades(m, batch, options.threads, r,
                 [&](unsigned w, FirmId, const ProductionModel::Cascade& c) { bound.learn(w, c); });
    bound.merge();
    best.insert(best.end(), batch.begin(), batch.end());
    std::sort(best.begin(), best.end(), ByIndex{r.index});
    if (best.size() > k) best.resize(k);
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
