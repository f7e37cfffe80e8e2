#pragma once
// Strongly connected components of the supply graph (firms that trade both ways, directly or
// through others), numbered in topological order: every link runs from a component to itself or
// to a later one. Iterative Tarjan on the CSR arrays: O(firms + links), no recursion.
#include <cstdint>
#include <vector>

#include "qchain/graphs/chain.hpp"

namespace qchain::graphs {

struct StrongComponentsResult {
  std::vector<std::uint32_t> component;  // per firm; components numbered upstream first
  std::uint32_t count = 0;
  std::vector<std::uint32_t> begin;  // count + 1 offsets into `firms`
  std::vector<FirmId> firms;         // firms grouped by component, ascending id within each
  std::uint32_t size(std::uint32_t c) const { return begin[c + 1] - begin[c]; }
};

StrongComponentsResult strong_components(const ChainGraph& g);

}  // namespace qchain::graphs
