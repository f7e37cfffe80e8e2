#pragma once
// Brokers: betweenness centrality on the directed supply graph (Brandes 2001, "A faster algorithm
// for betweenness centrality", J. Math. Sociol. 25:163-177), links taken as unweighted and parallel
// links (one supplier, one customer, several inputs) as one. Exact up to `exact_limit` firms; above
// it estimated from `samples` source firms drawn with `seed` and scaled by firms / samples (Brandes &
// Pich 2007). Normalised by 1 / ((n-1)(n-2)) as networkx does for directed graphs.
//
// Sources are spread over threads; each source's dependencies are added as fixed-point integers
// (resolution about 2^-40), so the sum, and the result, do not depend on the thread count or schedule.
#include <cstdint>
#include <vector>

#include "qchain/graphs/chain.hpp"

namespace qchain::graphs {

struct BrokersOptions {
  std::uint32_t exact_limit = 50000;
  std::uint32_t samples = 256;
  std::uint64_t seed = 1;
  unsigned threads = 0;  // 0: the machine's cores
};

struct BrokersResult {
  std::vector<double> betweenness;  // per firm, normalised
  bool exact = true;
  std::uint32_t sources = 0;        // source firms used
  // Firms by betweenness, highest first (ties by id); only firms with betweenness > 0.
  std::vector<FirmId> ranking;
};

BrokersResult brokers(const ChainGraph& g, const BrokersOptions& options = {});

}  // namespace qchain::graphs
