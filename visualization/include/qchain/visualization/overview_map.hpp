#pragma once
// The overview (产业链总览): a chain of any size on one A3 landscape page. One column per segment;
// in it one node per size class (规模) whose rows split the class by first-pass yield band, each row
// with its firm count and mean yield; the leaders drawn by name. Links are merged into one edge per
// pair of nodes, as wide as the purchase value (or, without values, the number of links) it carries,
// and only the heaviest edges drawn (the legend says how much of the chain they carry). The node
// count is bounded by segments × size classes, whatever the number of firms, so that `dot` lays it
// out in a moment; building it is one pass over the firms and one over the links.
//
// Detail: `focus` draws a firm and its largest suppliers and customers one by one inside the same
// overview; `segment` drills down into one segment (its size classes split by yield band into nodes
// of their own, or its firms one by one when few) with every other segment one node.
#include <cstddef>
#include <cstdint>
#include <optional>

#include "qchain/graphs/chain.hpp"
#include "qchain/report/lang.hpp"
#include "qchain/visualization/diagram.hpp"

namespace qchain::visualization {

struct OverviewOptions {
  report::Lang lang = report::Lang::zh;
  std::optional<graphs::FirmId> focus;    // drawn individually with its `neighbours` largest suppliers and customers
  std::optional<std::uint32_t> segment;   // drill down into this segment (index into segments())
  std::size_t max_edges = 40;             // edges drawn at most, the heaviest (plus one per firm drawn by name)
  std::size_t neighbours = 6;             // with `focus`: suppliers and customers drawn by name, each side
  std::size_t max_leaders = 12;           // leaders drawn by name, the largest by purchases; the rest in groups
  std::size_t segment_firms = 16;         // drill-down: a segment of at most this many firms is drawn firm by firm
};

Diagram overview_map(const graphs::ChainGraph& g, const OverviewOptions& o);

// The A3 landscape page the overview is made to fit, in inches (Graphviz's `size`): 420 × 297 mm.
inline constexpr double kA3LongInches = 420 / 25.4, kA3ShortInches = 297 / 25.4;

}  // namespace qchain::visualization
