#pragma once
// The fishbone (鱼骨图) of one leader, an Ishikawa diagram at fixed positions (Graphviz layout nop2):
// the effect in a head on the right, a horizontal spine, the six 6M bones (人机料法测环) alternating
// above and below at 60°, each cause a horizontal rib along its bone with its code, name and share of
// the leader's delivered defects, each bone's total at its end, the unattributed share apart at the
// tail; bones and ribs wider with their share.
#include "qchain/engine/quality/quality_analysis.hpp"
#include "qchain/report/text_table.hpp"
#include "qchain/visualization/diagram.hpp"

namespace qchain::visualization {

struct FishboneOptions {
  report::Lang lang = report::Lang::zh;
  std::size_t bones_per_rib = 4;  // causes drawn per bone; the rest of a class is one rib "N other issues"
};

// `leader_index` indexes q.leaders.
Diagram fishbone(const graphs::ChainGraph& g, const engine::QualityAnalysis& q, std::size_t leader_index, const FishboneOptions& o);

}  // namespace qchain::visualization
