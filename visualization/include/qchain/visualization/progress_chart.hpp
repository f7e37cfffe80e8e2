#pragma once
// The before/after chart of a programme evaluation (`qchain report --before`): an SVG drawn by the
// project, no Graphviz. Three panels: the leaders' delivered yield before and after; the mean change
// of first-pass yield of assisted and other firms; firms affected by each shared issue before and after.
#include <string>

#include "qchain/engine/programme/chain_comparison.hpp"
#include "qchain/report/text_table.hpp"

namespace qchain::visualization {

std::string progress_chart_svg(const graphs::ChainGraph& before, const graphs::ChainGraph& after,
                               const engine::ChainComparison& c, report::Lang lang);

}  // namespace qchain::visualization
