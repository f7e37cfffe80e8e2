#pragma once
// The structure section of `qchain analyze`: every structural unit of graphs/ run once.
#include "qchain/graphs/brokers.hpp"
#include "qchain/graphs/chain.hpp"
#include "qchain/graphs/critical_suppliers.hpp"
#include "qchain/graphs/cut_firms.hpp"
#include "qchain/graphs/strong_components.hpp"
#include "qchain/graphs/supply_base.hpp"
#include "qchain/graphs/tiers.hpp"

namespace qchain::engine {

struct StructureOptions {
  graphs::BrokersOptions brokers;
  bool betweenness = true;  // the costliest step; off for quick runs
};

struct StructureAnalysis {
  graphs::StrongComponentsResult components;
  graphs::TiersResult tiers;
  graphs::SupplyBasesResult supply_bases;
  graphs::CriticalSuppliersResult critical;
  graphs::CutFirmsResult cut;
  graphs::BrokersResult brokers;  // empty when betweenness is off
};

StructureAnalysis analyze_structure(const graphs::ChainGraph& g, const StructureOptions& options = {});
// The same on components already computed (copied into the result).
StructureAnalysis analyze_structure(const graphs::ChainGraph& g, const graphs::StrongComponentsResult& components,
                                    const StructureOptions& options = {});

}  // namespace qchain::engine
