#pragma once
// Topological tiers: a firm's tier is the length of the longest supplier path into its strongly
// connected component (firms without suppliers are tier 0; a cycle counts as one step). Also the
// cycles found and the links that run against the declared segment order.
#include <cstdint>
#include <vector>

#include "qchain/graphs/chain.hpp"
#include "qchain/graphs/strong_components.hpp"

namespace qchain::graphs {

struct TiersResult {
  std::vector<std::uint32_t> tier;        // per firm
  std::uint32_t max_tier = 0;
  std::vector<std::vector<FirmId>> cycles;  // components of more than one firm, ascending ids, ordered by first id
  std::vector<LinkId> order_warnings;       // links whose supplier's segment order is after the customer's
};

TiersResult compute_tiers(const ChainGraph& g, const StrongComponentsResult& scc);
TiersResult compute_tiers(const ChainGraph& g);

}  // namespace qchain::graphs
