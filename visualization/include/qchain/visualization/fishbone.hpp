#pragma once
// The fishbone (鱼骨图) of one leader, drawn with Graphviz: the head is the leader's delivered
// defect rate; six ribs for man, machine, material, method, measurement, environment (人机料法测环);
// on each rib, bones for issue codes with their share of the leader's defects.
#include "qchain/engine/quality_analysis.hpp"
#include "qchain/engine/text_table.hpp"
#include "qchain/visualization/diagram.hpp"

namespace qchain::visualization {

struct FishboneOptions {
  engine::Lang lang = engine::Lang::zh;
  std::size_t bones_per_rib = 4;
};

// `leader_index` indexes q.leaders.
Diagram fishbone(const graphs::ChainGraph& g, const engine::QualityAnalysis& q, std::size_t leader_index, const FishboneOptions& o);

}  // namespace qchain::visualization
