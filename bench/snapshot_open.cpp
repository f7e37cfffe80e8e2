// Opening a chain: the .qcsr snapshot against the JSON it was packed from, in one process, so the
// ratio is free of machine noise between runs. Usage: qchain-snapshot-bench CHAIN.json CHAIN.qcsr [REPEATS]
// Prints one JSON object: seconds of each load (JSON once, snapshot REPEATS times) and the ratio.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "qchain/graphs/chain_loader.hpp"
#include "qchain/graphs/snapshot.hpp"

namespace {

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

}  // namespace

int main(int argc, char** argv) {
  using namespace qchain::graphs;
  if (argc < 3) {
    std::fprintf(stderr, "usage: qchain-snapshot-bench CHAIN.json CHAIN.qcsr [REPEATS]\n");
    return 2;
  }
  const int repeats = argc > 3 ? std::atoi(argv[3]) : 3;
  LoadOptions options;
  options.locate_warnings = false;  // as commands other than check load
  std::uint32_t firms = 0, links = 0;
  auto t0 = std::chrono::steady_clock::now();
  {
    const ChainLoad load = load_chain_json(argv[1], options);
    if (!load.chain) return 2;
    firms = load.chain->firm_count(), links = load.chain->link_count();
  }
  const double json = seconds_since(t0);
  std::vector<double> snapshot;
  for (int k = 0; k < repeats; ++k) {
    t0 = std::chrono::steady_clock::now();
    {
      const ChainLoad load = load_snapshot(argv[2]);
      if (!load.chain || load.chain->firm_count() != firms || load.chain->link_count() != links) return 2;
      snapshot.push_back(seconds_since(t0));  // before the graph is freed: freeing is not opening
    }
  }
  double best = snapshot.front();
  for (double s : snapshot) best = s < best ? s : best;
  std::printf("{\"firms\": %u, \"links\": %u, \"json_load_s\": %.3f, \"snapshot_open_s\": [", firms, links, json);
  for (std::size_t k = 0; k < snapshot.size(); ++k) std::printf("%s%.3f", k ? ", " : "", snapshot[k]);
  std::printf("], \"snapshot_best_s\": %.3f, \"ratio\": %.1f}\n", best, json / best);
  return 0;
}
