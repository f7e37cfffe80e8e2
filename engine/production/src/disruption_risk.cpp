#include "qchain/engine/production/disruption_risk.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <optional>

#include "qchain/core/parallel_for.hpp"
#include "qchain/engine/quality/quality_analysis.hpp"
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

// Losses are summed in fixed point (kScale units per unit of loss) so that the per-thread partial sums
// add up to the same integers in any order: the result is identical for any thread count. A run's
// loss is at most 1, so 1e8 runs stay below 2^64; the rounding (2^-33 per run) is far below any
// difference the ranking shows.
constexpr double kScale = 4294967296.0;  // 2^32
std::uint64_t fixed_point(double x) { return static_cast<std::uint64_t>(std::llround(std::clamp(x, 0.0, 1.0) * kScale)); }

// Firms whose stop can change a leader's level: those with a supply path to one (lost supplies)
// and, when lost demand counts too, those a leader supplies directly or not.
std::vector<std::uint8_t> can_reach_a_leader(const ChainGraph& g, const std::vector<FirmId>& leaders, bool upstream) {
  std::vector<std::uint8_t> reach = upstream_of(g, leaders);
  if (!upstream) return reach;
  std::vector<std::uint8_t> seen(g.firm_count(), 0);
  std::vector<FirmId> queue(leaders.begin(), leaders.end());
  for (FirmId l : leaders) seen[l] = 1;
  while (!queue.empty()) {
    const FirmId v = queue.back();
    queue.pop_back();
    reach[v] = 1;
    for (FirmId w : g.customers_of(v))
      if (!seen[w]) {
        seen[w] = 1;
        queue.push_back(w);
      }
  }
  return reach;
}

}  // namespace

RiskResult disruption_risk(const ProductionModel& m, const RiskOptions& o) {
  const ChainGraph& g = m.chain();
  const std::uint32_t n = g.firm_count();
  const std::vector<FirmId> leaders = g.leaders();
  const std::size_t nl = leaders.size();
  const std::vector<double> lw = revenue_weights(g, leaders);
  std::vector<std::vector<std::uint8_t>> upstream(nl);
  for (std::size_t i = 0; i < nl; ++i) upstream[i] = upstream_of(g, {leaders[i]});

  RiskTally tally;
  tally.loss.assign(static_cast<std::size_t>(o.runs) * nl, 0.0);
  tally.total.assign(o.runs, 0.0);
  tally.run_loss.assign(o.runs, 0);
  tally.run_loss_sq.assign(o.runs, 0);
  const auto size_per_firm = [n](RiskTally& t) {
    t.causes.assign(n, 0);
    t.stops.assign(n, 0);
    t.stop_loss.assign(n, 0);
    t.stop_loss_sq.assign(n, 0);
  };
  size_per_firm(tally);
  struct Worker {
    Worker(const ProductionModel& model, std::size_t leaders) : c(model), hit(leaders) {}
    ProductionModel::Cascade c;
    ProductionShock shock;
    std::vector<std::uint8_t> hit;
  };
  // One run: its own entries into `per_run`, its firms' counts added into `per_firm`.
  const auto one_run = [&](std::uint32_t run, Worker& w, RiskTally& per_run, RiskTally& per_firm) {
    ProductionModel::Cascade& c = w.c;
    ProductionShock& shock = w.shock;
    SplitMix rng{o.seed * 0x9E3779B97F4A7C15ull + run};
    shock.psi.clear();
    for (FirmId v = 0; v < n; ++v)
      if (rng.uniform() < o.stop_probability[static_cast<int>(g.firm(v).role)]) shock.psi.emplace_back(v, 1.0);
    c.run(shock);
    double& total = per_run.total[run];
    total = 0;
    for (FirmId v : c.touched()) total += m.weights()[v] * (1.0 - c.level(v, o.upstream));
    double weighted = 0.0;
    for (std::size_t i = 0; i < nl; ++i) {
      const double l = 1.0 - c.level(leaders[i], o.upstream);
      per_run.loss[static_cast<std::size_t>(run) * nl + i] = l;
      weighted += lw[i] * l;
      w.hit[i] = l > kStopSlack;  // on the loss 1 − h as summed here, not has_lost_output(h), which may round apart
    }
    const std::uint64_t q = fixed_point(weighted), q2 = fixed_point(weighted * weighted);
    per_run.run_loss[run] = q;
    per_run.run_loss_sq[run] = q2;
    for (const auto& [v, psi] : shock.psi) {
      ++per_firm.stops[v];
      per_firm.stop_loss[v] += q;
      per_firm.stop_loss_sq[v] += q2;
      for (std::size_t i = 0; i < nl; ++i)
        if (w.hit[i] && upstream[i][v] && v != leaders[i]) {
          ++per_firm.causes[v];
          break;
        }
    }
  };
  if (o.runner) {
    o.runner(
        o.runs,
        [&](std::uint32_t first, std::uint32_t last, RiskTally& into) {
          Worker w(m, nl);
          for (std::uint32_t run = first; run < last; ++run) one_run(run, w, into, into);
        },
        tally);
  } else {
    // A cascade per worker, made on its own thread; the counts per worker are integers, so how the
    // runs fall to the workers changes nothing.
    const unsigned threads = parallel_workers(o.runs, o.threads);
    std::vector<RiskTally> counts(threads);
    for (RiskTally& x : counts) size_per_firm(x);
    std::vector<std::optional<Worker>> workers(threads);
    std::atomic<std::uint32_t> done{0};
    const auto work = [&](std::size_t item, unsigned t) {
      if (!workers[t]) workers[t].emplace(m, nl);
      one_run(static_cast<std::uint32_t>(item), *workers[t], tally, counts[t]);
      ++done;
    };
    if (o.progress) {
      parallel_for_watched(o.runs, o.threads, work, [&] { o.progress(done.load()); }, std::chrono::milliseconds(200));
      o.progress(o.runs);
    } else {
      parallel_for(o.runs, o.threads, work);
    }
    for (const RiskTally& x : counts)
      for (FirmId v = 0; v < n; ++v) {
        tally.causes[v] += x.causes[v];
        tally.stops[v] += x.stops[v];
        tally.stop_loss[v] += x.stop_loss[v];
        tally.stop_loss_sq[v] += x.stop_loss_sq[v];
      }
  }
  const std::vector<double>& loss = tally.loss;
  const std::vector<double>& total = tally.total;
  const std::vector<std::uint64_t>& run_loss = tally.run_loss;
  const std::vector<std::uint64_t>& run_loss_sq = tally.run_loss_sq;

  RiskResult r;
  r.runs = o.runs;
  r.leader_weight = lw;
  const std::uint32_t runs = std::max(1u, o.runs);
  bool almost_always = nl > 0;
  for (std::size_t i = 0; i < nl; ++i) {
    std::vector<double> l(o.runs);
    LeaderRisk lr;
    lr.leader = leaders[i];
    std::uint32_t stops = 0;
    for (std::uint32_t run = 0; run < o.runs; ++run) {
      l[run] = loss[static_cast<std::size_t>(run) * nl + i];
      lr.mean += l[run];
      stops += l[run] > 1.0 - kStopSlack;
    }
    lr.mean /= runs;
    lr.p50 = quantile(l, 0.50);
    lr.p95 = quantile(l, 0.95);
    lr.p99 = quantile(l, 0.99);
    lr.stop_probability = static_cast<double>(stops) / runs;
    almost_always = almost_always && lr.stop_probability > kAlmostAlways;
    r.leaders.push_back(lr);
  }
  r.leaders_stop_almost_always = almost_always;
  for (double x : total) r.total_loss_mean += x / runs;
  r.total_loss_p95 = quantile(total, 0.95);

  std::uint64_t all = 0, all_sq = 0;
  for (std::uint32_t run = 0; run < o.runs; ++run) all += run_loss[run], all_sq += run_loss_sq[run];
  r.leaders_loss_mean = static_cast<double>(all) / kScale / runs;
  r.cause_runs.assign(n, 0);
  r.stop_runs.assign(n, 0);
  r.attributable_loss.assign(n, 0.0);
  r.attributable_se.assign(n, 0.0);
  const std::vector<std::uint8_t> reach = can_reach_a_leader(g, leaders, o.upstream);
  for (FirmId v = 0; v < n; ++v) {
    r.cause_runs[v] = tally.causes[v];
    r.stop_runs[v] = tally.stops[v];
    const std::uint64_t s = tally.stop_loss[v], s2 = tally.stop_loss_sq[v];
    if (!reach[v]) continue;
    const std::uint32_t k = r.stop_runs[v];
    if (k == 0 || k == o.runs) {
      r.attributable_loss[v] = r.attributable_se[v] = kAbsent;
      continue;
    }
    // The two groups' means and the variances of those means (sample variances over the runs).
    const auto group = [](double sum, double sum_sq, double count, double& mean, double& var_of_mean) {
      mean = sum / count;
      const double var = count > 1 ? std::max(0.0, (sum_sq - count * mean * mean) / (count - 1)) : 0.0;
      var_of_mean = var / count;
    };
    double mean_in = 0, var_in = 0, mean_out = 0, var_out = 0;
    group(static_cast<double>(s) / kScale, static_cast<double>(s2) / kScale, k, mean_in, var_in);
    group(static_cast<double>(all - s) / kScale, static_cast<double>(all_sq - s2) / kScale, o.runs - k, mean_out, var_out);
    const double p = o.stop_probability[static_cast<int>(g.firm(v).role)];
    r.attributable_loss[v] = p * (mean_in - mean_out);
    r.attributable_se[v] = p * std::sqrt(var_in + var_out);
    if (r.attributable_loss[v] > 0) r.ranking.push_back(v);
  }
  std::sort(r.ranking.begin(), r.ranking.end(), [&](FirmId a, FirmId b) {
    return r.attributable_loss[a] != r.attributable_loss[b] ? r.attributable_loss[a] > r.attributable_loss[b] : g.firm(a).id < g.firm(b).id;
  });
  return r;
}

}  // namespace qchain::engine
