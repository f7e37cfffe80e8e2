#pragma once
// Cut firms: articulation points of the undirected view of the chain, the firms whose removal
// splits the part of the chain they belong to, with the sizes of the pieces left behind.
// Iterative Hopcroft-Tarjan on the CSR arrays: O(firms + links).
#include <cstdint>
#include <vector>

#include "qchain/graphs/chain.hpp"

namespace qchain::graphs {

struct CutFirm {
  FirmId firm = 0;
  std::vector<std::uint32_t> pieces;  // firms in each piece once the firm is removed, largest first
  std::uint32_t separated() const;    // firms outside the largest piece
};

struct CutFirmsResult {
  // Most firms separated first, then by firm id.
  std::vector<CutFirm> firms;
};

CutFirmsResult cut_firms(const ChainGraph& g);

}  // namespace qchain::graphs
