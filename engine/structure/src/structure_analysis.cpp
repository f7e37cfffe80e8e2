#include "qchain/engine/structure/structure_analysis.hpp"

namespace qchain::engine {

StructureAnalysis analyze_structure(const graphs::ChainGraph& g, const StructureOptions& options) {
  return analyze_structure(g, graphs::strong_components(g), options);
}

StructureAnalysis analyze_structure(const graphs::ChainGraph& g, const graphs::StrongComponentsResult& components,
                                    const StructureOptions& options) {
  StructureAnalysis a;
  a.components = components;
  a.tiers = graphs::compute_tiers(g, a.components);
  a.supply_bases = graphs::compute_supply_bases(g);
  a.critical = graphs::critical_suppliers(g);
  a.cut = graphs::cut_firms(g);
  if (options.betweenness) a.brokers = graphs::brokers(g, options.brokers);
  return a;
}

}  // namespace qchain::engine
