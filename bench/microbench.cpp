// Google Benchmark micro-benchmarks of the hot kernels on a generated in-memory chain.
#include <benchmark/benchmark.h>

#include <random>
#include <string>

#include "qchain/engine/quality/defect_propagation.hpp"
#include "qchain/engine/quality/own_defects.hpp"
#include "qchain/graphs/chain_builder.hpp"
#include "qchain/graphs/critical_suppliers.hpp"
#include "qchain/graphs/cut_firms.hpp"
#include "qchain/graphs/strong_components.hpp"

using namespace qchain::graphs;
using namespace qchain::engine;

namespace {

// A layered chain: firm i buys `fan_in` inputs from random firms of the previous layer.
ChainGraph layered(std::uint32_t firms, std::uint32_t fan_in, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  ChainBuilder b;
  ChainRecord c;
  c.id = c.name = "bench";
  b.set_chain(c);
  const std::uint32_t layer = std::max(1u, firms / 6);
  for (std::uint32_t i = 0; i < firms; ++i) {
    FirmRecord f;
    f.id = "F" + std::to_string(i);
    f.name = f.id;
    f.role = i + 3 >= firms ? "chain_leader" : "small";
    f.first_pass_yield = 0.85 + 0.15 * static_cast<double>(rng() % 1000) / 1000.0;
    b.add_firm(f);
  }
  for (std::uint32_t i = layer; i < firms; ++i) {
    const std::uint32_t base = (i / layer - 1) * layer;
    for (std::uint32_t k = 0; k < fan_in; ++k) {
      LinkRecord l;
      l.supplier = "F" + std::to_string(base + rng() % layer);
      l.customer = "F" + std::to_string(i);
      l.input = "in" + std::to_string(k % 3);
      l.inspection = 0.8;
      b.add_link(l);
    }
  }
  return std::move(*b.build());
}

const ChainGraph& chain() {
  static const ChainGraph g = layered(100000, 4, 1);
  return g;
}

void BM_StrongComponents(benchmark::State& s) {
  for (auto _ : s) benchmark::DoNotOptimize(strong_components(chain()));
  s.SetItemsProcessed(s.iterations() * chain().link_count());
}
BENCHMARK(BM_StrongComponents)->Unit(benchmark::kMillisecond);

void BM_CutFirms(benchmark::State& s) {
  for (auto _ : s) benchmark::DoNotOptimize(cut_firms(chain()));
  s.SetItemsProcessed(s.iterations() * chain().link_count());
}
BENCHMARK(BM_CutFirms)->Unit(benchmark::kMillisecond);

void BM_CriticalSuppliers(benchmark::State& s) {
  CriticalSuppliersOptions o;
  o.paths = false;
  for (auto _ : s) benchmark::DoNotOptimize(critical_suppliers(chain(), o));
}
BENCHMARK(BM_CriticalSuppliers)->Unit(benchmark::kMillisecond);

void BM_DefectForward(benchmark::State& s) {
  const auto scc = strong_components(chain());
  const DefectPropagator prop(chain(), scc);
  const auto p = own_defects(chain()).rate;
  for (auto _ : s) benchmark::DoNotOptimize(prop.forward(p));
  s.SetItemsProcessed(s.iterations() * chain().link_count());
}
BENCHMARK(BM_DefectForward)->Unit(benchmark::kMillisecond);

void BM_StreamLimit(benchmark::State& s) {
  const SupplyNetwork& net = chain().network();
  std::vector<double> x(chain().firm_count(), 0.5), y(chain().firm_count()), w(net.in_supplier.size(), 0.25);
  for (auto _ : s) {
    for (FirmId v = 0; v < chain().firm_count(); ++v) {
      double acc = 0;
      for (std::uint32_t k = net.in_begin[v]; k < net.in_begin[v + 1]; ++k) acc += w[k] * x[net.in_supplier[k]];
      y[v] = acc;
    }
    benchmark::DoNotOptimize(y.data());
  }
  s.SetItemsProcessed(s.iterations() * chain().link_count());
}
BENCHMARK(BM_StreamLimit)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
