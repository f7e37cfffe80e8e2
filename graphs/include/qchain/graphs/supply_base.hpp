#pragma once
// The supply base of a chain leader: every firm with a supply path to it, counted per segment and
// role, and how deep the base reaches.
#include <array>
#include <cstdint>
#include <vector>

#include "qchain/graphs/chain.hpp"

namespace qchain::graphs {

struct SupplyBase {
  FirmId leader = 0;
  std::uint32_t size = 0;                  // firms with a supply path to the leader, the leader excluded
  std::vector<std::uint32_t> by_segment;   // per segment index, then one slot for firms without a segment
  std::array<std::uint32_t, kRoleCount> by_role{};
  std::uint32_t depth = 0;                 // the most links a firm of the base is away from the leader (shortest paths)
};

struct SupplyBaseOptions {
  std::vector<FirmId> leaders;  // empty: every chain_leader
};

struct SupplyBasesResult {
  std::vector<SupplyBase> bases;  // in the order of the leaders
};

SupplyBasesResult compute_supply_bases(const ChainGraph& g, const SupplyBaseOptions& options = {});

// Marks (1) every firm with a supply path to any of `targets`, the targets included.
std::vector<std::uint8_t> upstream_of(const ChainGraph& g, const std::vector<FirmId>& targets);

}  // namespace qchain::graphs
