// The cascade kernel on one chain: every firm alone stopping (the systemic index), with the links each
// run looked at against the links of the subgraph it reached (out-links of the firms whose downstream
// level fell, in-links of those whose upstream level fell: what one pass over the reached part costs).
//   qchain-cascade-bench CHAIN [THREADS]
// Prints one JSON line: firms, links, seconds, mean link visits and mean reached links per cascade.
#include <chrono>
#include <cstdio>
#include <algorithm>
#include <cstdlib>

#include "qchain/engine/production/production_cascade.hpp"
#include "qchain/engine/production/systemic_index.hpp"
#include "qchain/graphs/chain_loader.hpp"

using namespace qchain;

int main(int argc, char** argv) {
  if (argc < 2) return std::fprintf(stderr, "usage: qchain-cascade-bench CHAIN [THREADS]\n"), 2;
  graphs::LoadOptions lo;
  lo.locate_warnings = false;
  graphs::ChainLoad load = graphs::load_chain(argv[1], lo);
  if (!load.chain) return std::fprintf(stderr, "cannot load %s\n", argv[1]), 2;
  const graphs::ChainGraph& g = *load.chain;
  const engine::ProductionModel m(g);
  const auto& net = g.network();
  engine::ProductionModel::Cascade c(m);
  engine::ProductionShock shock;
  shock.psi.resize(1);
  double visits = 0, reached = 0;
  const char* limit = std::getenv("QCHAIN_BENCH_FIRMS");  // diagnosis: only the first N firms' cascades
  const graphs::FirmId firms = limit ? std::min<graphs::FirmId>(g.firm_count(), static_cast<graphs::FirmId>(std::atol(limit))) : g.firm_count();
  for (graphs::FirmId v = 0; v < firms; ++v) {
    shock.psi[0] = {v, 1.0};
    c.run(shock);
    visits += static_cast<double>(c.link_visits());
    for (graphs::FirmId u : c.touched()) {
      if (c.hd(u) < 1.0) reached += net.out_begin[u + 1] - net.out_begin[u];
      if (c.hu(u) < 1.0) reached += net.in_begin[u + 1] - net.in_begin[u];
    }
  }
  if (limit) {
    std::printf("{\"firms_run\": %u, \"mean_link_visits\": %.1f, \"mean_reached_links\": %.1f}\n", firms,
                visits / std::max(1u, firms), reached / std::max(1u, firms));
    return 0;
  }
  engine::SystemicOptions so;
  so.threads = argc > 2 ? static_cast<unsigned>(std::atoi(argv[2])) : 0;
  const auto t0 = std::chrono::steady_clock::now();
  const engine::SystemicResult r = engine::systemic_index(m, so);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  const double n = g.firm_count() > 0 ? g.firm_count() : 1;
  std::printf("{\"firms\": %u, \"links\": %u, \"systemic_seconds\": %.3f, \"mean_link_visits\": %.1f, "
              "\"mean_reached_links\": %.1f, \"top_index\": %.17g}\n",
              g.firm_count(), g.link_count(), seconds, visits / n, reached / n,
              r.ranking.empty() ? 0.0 : r.index[r.ranking[0]]);
}
