#pragma once
// The chart of the programme's trend over a chain's snapshots (the report from a workspace): an SVG
// drawn by the project, no Graphviz. Two line charts over the snapshot dates, each with its own axis:
// the leaders' delivered yield (near 100 %, so apart), and the mean first-pass yield of the whole
// chain with that of each segment. Each series is one <g class="series">; a value missing in a
// snapshot breaks its line.
#include <string>
#include <vector>

#include "qchain/engine/programme/chain_trend.hpp"
#include "qchain/report/lang.hpp"

namespace qchain::visualization {

// `snapshots`: the chains of the trend, oldest first (for names).
std::string trend_chart_svg(const std::vector<const graphs::ChainGraph*>& snapshots, const engine::TrendResult& t,
                            report::Lang lang);

}  // namespace qchain::visualization
