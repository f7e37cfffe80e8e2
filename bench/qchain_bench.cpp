// Times each pipeline step of qchain in-process on one chain file and prints one JSON object:
// {"firms", "links", "steps": {name: seconds}, "limit": {...}, "forward_edges_per_s", "peak_rss_mb"}.
// Short kernels run several times and report the best; the machines are shared and noisy.
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "qchain/engine/programme/assistance_plan.hpp"
#include "qchain/engine/production/disruption_risk.hpp"
#include "qchain/engine/quality/quality_analysis.hpp"
#include "qchain/engine/production/systemic_index.hpp"
#include "qchain/engine/scenario/whatif.hpp"
#include "qchain/graphs/brokers.hpp"
#include "qchain/graphs/chain_loader.hpp"
#include "qchain/graphs/critical_suppliers.hpp"
#include "qchain/graphs/cut_firms.hpp"
#include "qchain/graphs/strong_components.hpp"
#include "qchain/graphs/supply_base.hpp"
#include "qchain/graphs/tiers.hpp"
#include "qchain/visualization/chain_map.hpp"
#include "qchain/visualization/graphviz_renderer.hpp"

using namespace qchain::graphs;
using namespace qchain::engine;
using Clock = std::chrono::steady_clock;

namespace {

double seconds(const std::function<void()>& f, int repeat = 1) {
  double best = 1e300;
  for (int i = 0; i < repeat; ++i) {
    const auto t0 = Clock::now();
    f();
    best = std::min(best, std::chrono::duration<double>(Clock::now() - t0).count());
  }
  return best;
}

// The memory limit for one pass: a plain multiply-add per link over the chain's own reverse CSR
// (the same gather pattern as the defect pass), and over a sequential stream of the same size.
struct Limit {
  double gather_edges_per_s, stream_edges_per_s, stream_bytes_per_s;
};

Limit stream_limit(const ChainGraph& g) {
  const SupplyNetwork& net = g.network();
  const std::uint32_t n = g.firm_count();
  std::vector<double> x(n, 0.5), y(n, 0.0), w(net.in_supplier.size(), 0.25);
  volatile double sink = 0;
  const double gather = seconds(
      [&] {
        for (FirmId v = 0; v < n; ++v) {
          double acc = 0.0;
          for (std::uint32_t k = net.in_begin[v]; k < net.in_begin[v + 1]; ++k) acc += w[k] * x[net.in_supplier[k]];
          y[v] = acc;
        }
        sink = y[n / 2];
      },
      5);
  std::vector<double> xs(net.in_supplier.size(), 0.5);
  const double stream = seconds(
      [&] {
        for (FirmId v = 0; v < n; ++v) {
          double acc = 0.0;
          for (std::uint32_t k = net.in_begin[v]; k < net.in_begin[v + 1]; ++k) acc += w[k] * xs[k];
          y[v] = acc;
        }
        sink = y[n / 2];
      },
      5);
  (void)sink;
  const double m = static_cast<double>(net.in_supplier.size());
  return {m / gather, m / stream, m * 2 * sizeof(double) / stream};
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: qchain-bench CHAIN.json [--samples K] [--threads T]\n");
    return 2;
  }
  std::uint32_t samples = 256;
  unsigned threads = 0;
  for (int i = 2; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--samples")) samples = static_cast<std::uint32_t>(std::stoul(argv[i + 1]));
    if (!std::strcmp(argv[i], "--threads")) threads = static_cast<unsigned>(std::stoul(argv[i + 1]));
  }
  std::vector<std::pair<std::string, double>> steps;
  std::optional<ChainGraph> loaded;
  steps.emplace_back("load", seconds([&] { loaded = require_chain(load_chain(argv[1], LoadOptions{false})); }));
  const ChainGraph& g = *loaded;

  StrongComponentsResult scc;
  steps.emplace_back("tiers", seconds([&] {
                       scc = strong_components(g);
                       compute_tiers(g, scc);
                     }));
  steps.emplace_back("supply_bases", seconds([&] { compute_supply_bases(g); }));
  steps.emplace_back("critical_suppliers", seconds([&] { critical_suppliers(g); }));
  steps.emplace_back("cut_firms", seconds([&] { cut_firms(g); }));
  BrokersOptions bo;
  bo.samples = samples;
  bo.threads = threads;
  bool exact = false;
  steps.emplace_back("betweenness", seconds([&] { exact = brokers(g, bo).exact; }));

  const DefectPropagator prop(g, scc);
  const std::vector<double> p = own_defects(g).rate;
  Propagation state;
  const double forward = seconds([&] { state = prop.forward(p); }, 5);
  steps.emplace_back("forward", forward);
  steps.emplace_back("adjoint", seconds([&] {
                       const auto lin = prop.linearise(p, state);
                       for (FirmId l : g.leaders()) prop.sensitivity(lin, state, l);
                     }));
  QualityOptions qo;
  qo.threads = threads;
  steps.emplace_back("quality_section", seconds([&] { analyze_quality(g, scc, qo); }));

  // One scenario: the busiest supplier stops and segment 0's yields fall 5 points.
  FirmId busiest = 0;
  for (FirmId v = 0; v < g.firm_count(); ++v)
    if (g.network().out_begin[v + 1] - g.network().out_begin[v] > g.network().out_begin[busiest + 1] - g.network().out_begin[busiest])
      busiest = v;
  Scenario scenario;
  scenario.name = "bench";
  ScenarioEvent stop;
  stop.type = ScenarioEvent::Type::stop;
  stop.firms = {busiest};
  stop.value = 0.0;
  ScenarioEvent fall;
  fall.type = ScenarioEvent::Type::set_yield;
  fall.delta = -0.05;
  for (FirmId v = 0; v < g.firm_count(); ++v)
    if (g.firm(v).segment == 0) fall.firms.push_back(v);
  scenario.events = {stop, fall};
  const QualityBaseline base = quality_baseline(prop);
  const ProductionModel production(g);
  steps.emplace_back("scenario", seconds([&] { run_whatif(prop, base, production, scenario); }));
  if (g.firm_count() <= 200000) {
    SystemicOptions so;
    so.threads = threads;
    steps.emplace_back("systemic", seconds([&] { systemic_index(production, so); }));
    RiskOptions ro;
    ro.runs = 1000;
    ro.threads = threads;
    steps.emplace_back("risk_1000", seconds([&] { disruption_risk(production, ro); }));
  }
  {
    // The aggregated chain map to SVG, from the analyses already in memory.
    const CriticalSuppliersResult critical = critical_suppliers(g);
    QualityOptions qopt;
    qopt.threads = threads;
    const QualityAnalysis quality = analyze_quality(g, scc, qopt);
    qchain::visualization::MapOptions mo;
    mo.quality = &quality;
    mo.critical = &critical;
    steps.emplace_back("render_map", seconds([&] {
                         qchain::visualization::render(qchain::visualization::chain_map(g, mo), qchain::visualization::Format::svg);
                       }));
  }
  PlanOptions po;
  po.budget = 50;
  steps.emplace_back("plan_50", seconds([&] { plan_assistance(prop, base, po); }));

  const Limit limit = stream_limit(g);
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  std::printf("{\"firms\": %u, \"links\": %u, \"betweenness_exact\": %s, \"steps\": {", g.firm_count(), g.link_count(),
              exact ? "true" : "false");
  for (std::size_t i = 0; i < steps.size(); ++i) std::printf("%s\"%s\": %.6f", i ? ", " : "", steps[i].first.c_str(), steps[i].second);
  std::printf("}, \"forward_edges_per_s\": %.0f, \"limit\": {\"gather_edges_per_s\": %.0f, \"stream_edges_per_s\": %.0f, "
              "\"stream_bytes_per_s\": %.0f}, \"peak_rss_mb\": %.1f}\n",
              g.link_count() / forward, limit.gather_edges_per_s, limit.stream_edges_per_s, limit.stream_bytes_per_s,
              ru.ru_maxrss / 1024.0);
}
