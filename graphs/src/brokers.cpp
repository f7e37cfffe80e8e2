#include "qchain/graphs/brokers.hpp"

#include <algorithm>
#include <cmath>
#include <optional>
#include <random>

#include "qchain/core/parallel_for.hpp"

namespace qchain::graphs {
namespace {

using Fixed = __int128;

// Fixed-point resolution: a dependency is below n, so n * scale must stay below 2^62.
double fixed_scale(std::uint32_t n) { return std::ldexp(1.0, 62 - static_cast<int>(std::ceil(std::log2(n + 1.0)))); }

// The simple directed graph: one arc per (supplier, customer) pair.
struct SimpleGraph {
  std::vector<std::uint32_t> out_begin, in_begin;
  std::vector<FirmId> out, in;
};

SimpleGraph simple_graph(const ChainGraph& g) {
  const std::uint32_t n = g.firm_count();
  SimpleGraph s;
  s.out_begin.assign(n + 1, 0);
  s.out.reserve(g.link_count());
  for (FirmId v = 0; v < n; ++v) {
    const std::size_t start = s.out.size();
    const IdRange customers = g.customers_of(v);
    s.out.insert(s.out.end(), customers.begin(), customers.end());
    std::sort(s.out.begin() + static_cast<std::ptrdiff_t>(start), s.out.end());
    s.out.erase(std::unique(s.out.begin() + static_cast<std::ptrdiff_t>(start), s.out.end()), s.out.end());
    s.out_begin[v + 1] = static_cast<std::uint32_t>(s.out.size());
  }
  s.in_begin.assign(n + 1, 0);
  for (FirmId w : s.out) ++s.in_begin[w + 1];
  for (FirmId v = 0; v < n; ++v) s.in_begin[v + 1] += s.in_begin[v];
  s.in.resize(s.out.size());
  std::vector<std::uint32_t> fill(s.in_begin.begin(), s.in_begin.end() - 1);
  for (FirmId v = 0; v < n; ++v)
    for (std::uint32_t k = s.out_begin[v]; k < s.out_begin[v + 1]; ++k) s.in[fill[s.out[k]]++] = v;
  return s;
}

// Sources for the estimate: a seeded partial Fisher-Yates shuffle with our own mapping of the
// generator's output to a range, so the draw is the same with every standard library.
std::vector<FirmId> sample_sources(std::uint32_t n, std::uint32_t k, std::uint64_t seed) {
  std::vector<FirmId> all(n);
  for (FirmId v = 0; v < n; ++v) all[v] = v;
  std::mt19937_64 rng(seed);
  for (std::uint32_t i = 0; i < k; ++i) {
    const std::uint64_t range = n - i;
    const std::uint64_t limit = UINT64_MAX - UINT64_MAX % range;
    std::uint64_t x;
    do x = rng(); while (x >= limit);
    std::swap(all[i], all[i + x % range]);
  }
  all.resize(k);
  std::sort(all.begin(), all.end());
  return all;
}

// One worker's single-source passes: the scratch they reuse, and the dependencies of every source
// it was given, added up in `acc`.
struct DependencyPass {
  explicit DependencyPass(const SimpleGraph& graph)
      : s(graph), n(static_cast<std::uint32_t>(graph.out_begin.size() - 1)), scale(fixed_scale(n)), dist(n, kNone), sigma(n, 0.0),
        delta(n, 0.0), acc(n, 0) {
    order.reserve(n);
  }
  void add(FirmId src);

  const SimpleGraph& s;
  const std::uint32_t n;
  const double scale;
  std::vector<std::uint32_t> dist;
  std::vector<double> sigma, delta;
  std::vector<FirmId> order;
  std::vector<Fixed> acc;
};

void DependencyPass::add(FirmId src) {
  order.assign(1, src);
  dist[src] = 0;
  sigma[src] = 1.0;
  for (std::size_t head = 0; head < order.size(); ++head) {
    const FirmId v = order[head];
    for (std::uint32_t k = s.out_begin[v]; k < s.out_begin[v + 1]; ++k) {
      const FirmId w = s.out[k];
      if (dist[w] == kNone) {
        dist[w] = dist[v] + 1;
        order.push_back(w);
      }
      if (dist[w] == dist[v] + 1) sigma[w] += sigma[v];
    }
  }
  for (std::size_t i = order.size(); i-- > 1;) {
    const FirmId w = order[i];
    const double coeff = (1.0 + delta[w]) / sigma[w];
    for (std::uint32_t k = s.in_begin[w]; k < s.in_begin[w + 1]; ++k) {
      const FirmId v = s.in[k];
      if (dist[v] != kNone && dist[v] + 1 == dist[w]) delta[v] += sigma[v] * coeff;
    }
    acc[w] += static_cast<Fixed>(std::llround(delta[w] * scale));
  }
  for (FirmId v : order) dist[v] = kNone, sigma[v] = 0.0, delta[v] = 0.0;
}

}  // namespace

BrokersResult brokers(const ChainGraph& g, const BrokersOptions& options) {
  const std::uint32_t n = g.firm_count();
  BrokersResult r;
  r.betweenness.assign(n, 0.0);
  if (n < 3) return r;
  const SimpleGraph s = simple_graph(g);

  r.exact = n <= options.exact_limit || options.samples >= n;
  std::vector<FirmId> sources;
  if (r.exact) {
    sources.resize(n);
    for (FirmId v = 0; v < n; ++v) sources[v] = v;
  } else {
    sources = sample_sources(n, options.samples, options.seed);
  }
  r.sources = static_cast<std::uint32_t>(sources.size());

  std::vector<std::optional<DependencyPass>> pass(parallel_workers(sources.size(), options.threads));
  parallel_for(sources.size(), options.threads, [&](std::size_t i, unsigned worker) {
    if (!pass[worker]) pass[worker].emplace(s);
    pass[worker]->add(sources[i]);
  });
  // Only the sums outlive the passes: their scratch goes before the result is built.
  std::vector<std::vector<Fixed>> acc;
  for (std::optional<DependencyPass>& p : pass)
    if (p) acc.push_back(std::move(p->acc));
  pass.clear();

  const double scale = (r.exact ? 1.0 : static_cast<double>(n) / sources.size()) /
                       (static_cast<double>(n - 1) * static_cast<double>(n - 2));
  for (FirmId v = 0; v < n; ++v) {
    Fixed total = 0;
    for (const std::vector<Fixed>& a : acc) total += a[v];
    r.betweenness[v] = static_cast<double>(total) / fixed_scale(n) * scale;
    if (r.betweenness[v] > 0) r.ranking.push_back(v);
  }
  std::stable_sort(r.ranking.begin(), r.ranking.end(),
                   [&](FirmId a, FirmId b) { return r.betweenness[a] > r.betweenness[b]; });
  return r;
}

}  // namespace qchain::graphs
