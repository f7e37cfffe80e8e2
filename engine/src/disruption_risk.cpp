#include "qchain/engine/disruption_risk.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <thread>

#include "qchain/graphs/supply_base.hpp"

namespace qchain::engine {

using namespace qchain::graphs;

namespace {

// splitmix64 (Steele, Lea & Flood 2014): a fast generator whose stream depends only on its seed.
struct SplitMix {
  std::uint64_t state;
  std::uint64_t next() {
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
};

double quantile(std::vector<double> v, double q) {
  if (v.empty()) return 0.0;
  std::sort(v.begin(), v.end());
  const double pos = q * static_cast<double>(v.size() - 1);
  const std::size_t lo = static_cast<std::size_t>(std::floor(pos));
  const std::size_t hi = std::min(v.size() - 1, lo + 1);
  return v[lo] + (pos - static_cast<double>(lo)) * (v[hi] - v[lo]);
}

}  // namespace

RiskResult disruption_risk(const ProductionModel& m, const RiskOptions& o) {
  const ChainGraph& g = m.chain();
  const std::uint32_t n = g.firm_count();
  const std::vector<FirmId> leaders = g.leaders();
  const std::size_t nl = leaders.size();
  std::vector<std::vector<std::uint8_t>> upstream(nl);
  for (std::size_t i = 0; i < nl; ++i) upstream[i] = upstream_of(g, {leaders[i]});

  std::vector<double> loss(static_cast<std::size_t>(o.runs) * nl), total(o.runs);
  unsigned threads = o.threads ? o.threads : std::max(1u, std::thread::hardware_concurrency());
  threads = std::max(1u, std::min<unsigned>(threads, std::max(1u, o.runs)));
  std::vector<std::vector<std::uint32_t>> causes(threads, std::vector<std::uint32_t>(n, 0));
  std::atomic<std::uint32_t> done{0};
  const auto work = [&](unsigned t) {
    ProductionModel::Cascade c(m);
    ProductionShock shock;
    std::vector<std::uint8_t> hit(nl);
    for (std::uint32_t run = t; run < o.runs; run += threads) {
      SplitMix rng{o.seed * 0x9E3779B97F4A7C15ull + run};
      shock.psi.clear();
      for (FirmId v = 0; v < n; ++v)
        if (rng.uniform() < o.stop_probability[static_cast<int>(g.firm(v).role)]) shock.psi.emplace_back(v, 1.0);
      c.run(shock);
      total[run] = 0;
      for (FirmId v : c.touched()) total[run] += m.weights()[v] * (1.0 - c.level(v, o.upstream));
      for (std::size_t i = 0; i < nl; ++i) {
        const double l = 1.0 - c.level(leaders[i], o.upstream);
        loss[static_cast<std::size_t>(run) * nl + i] = l;
        hit[i] = l > 1e-9;
      }
      for (const auto& [v, psi] : shock.psi)
        for (std::size_t i = 0; i < nl; ++i)
          if (hit[i] && upstream[i][v] && v != leaders[i]) {
            ++causes[t][v];
            break;
          }
      ++done;
    }
  };
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work, t);
  if (o.progress) {
    std::thread main_share(work, 0u);
    while (done.load() < o.runs) {
      o.progress(done.load());
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
    main_share.join();
    o.progress(o.runs);
  } else {
    work(0);
  }
  for (std::thread& t : pool) t.join();

  RiskResult r;
  r.runs = o.runs;
  for (std::size_t i = 0; i < nl; ++i) {
    std::vector<double> l(o.runs);
    LeaderRisk lr;
    lr.leader = leaders[i];
    std::uint32_t stops = 0;
    for (std::uint32_t run = 0; run < o.runs; ++run) {
      l[run] = loss[static_cast<std::size_t>(run) * nl + i];
      lr.mean += l[run];
      stops += l[run] > 1.0 - 1e-9;
    }
    lr.mean /= std::max(1u, o.runs);
    lr.p50 = quantile(l, 0.50);
    lr.p95 = quantile(l, 0.95);
    lr.p99 = quantile(l, 0.99);
    lr.stop_probability = static_cast<double>(stops) / std::max(1u, o.runs);
    r.leaders.push_back(lr);
  }
  for (double x : total) r.total_loss_mean += x / std::max(1u, o.runs);
  r.total_loss_p95 = quantile(total, 0.95);
  r.cause_runs.assign(n, 0);
  for (const auto& c : causes)
    for (FirmId v = 0; v < n; ++v) r.cause_runs[v] += c[v];
  for (FirmId v = 0; v < n; ++v)
    if (r.cause_runs[v]) r.cause_ranking.push_back(v);
  std::stable_sort(r.cause_ranking.begin(), r.cause_ranking.end(),
                   [&](FirmId a, FirmId b) { return r.cause_runs[a] > r.cause_runs[b]; });
  return r;
}

}  // namespace qchain::engine
