#pragma once
// Critical suppliers of each chain leader: firm u is critical for leader L when u stopping alone
// makes L stop. The stopping rule: a firm stops when one of its essential inputs has lost every
// source (sources of one input are alternatives); non-essential inputs never stop a firm. The
// cascade starts from everything running and only removes, so a cycle whose members still feed
// each other keeps running (the greatest fixed point).
//
// Exact, by construction: for every firm upstream of some leader, the cascade of its stop is run on
// per-input counters of live sources and then undone; work is proportional to the firms each stop
// actually reaches, not to the size of the chain. Two special cases, tested: when every firm's
// suppliers are alternatives of one input (pure OR) the critical suppliers are the leader's
// dominators from a virtual root over the firms without suppliers; when every link is its own
// essential input (pure AND) they are the whole supply base.
#include <cstdint>
#include <vector>

#include "qchain/graphs/chain.hpp"

namespace qchain::graphs {

struct CriticalSuppliersOptions {
  std::vector<FirmId> leaders;  // empty: every chain_leader
  bool paths = true;            // record, for each critical supplier, the inputs through which it acts
};

struct CriticalSupplier {
  FirmId firm = 0;
  // How the stop reaches the leader: firms[0] = the supplier, firms.back() = the leader; inputs[k]
  // is the input group (SupplyNetwork group index) of firms[k+1] that firms[k] was the last source of.
  std::vector<FirmId> firms;
  std::vector<std::uint32_t> inputs;
};

struct LeaderCriticalSuppliers {
  FirmId leader = 0;
  std::vector<CriticalSupplier> suppliers;  // by firm id
};

struct CriticalSuppliersResult {
  std::vector<LeaderCriticalSuppliers> leaders;  // in the order of the leaders
};

CriticalSuppliersResult critical_suppliers(const ChainGraph& g, const CriticalSuppliersOptions& options = {});

// The firms that stop, directly or in cascade, when `stopped` stop (1 = stopped), by the rule above.
// The straightforward fixed-point iteration: the reference the fast algorithm is tested against,
// also used by the what-if engine for arbitrary sets of stops.
std::vector<std::uint8_t> stop_cascade(const ChainGraph& g, const std::vector<std::uint8_t>& stopped);

}  // namespace qchain::graphs
