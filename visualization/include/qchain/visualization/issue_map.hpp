#pragma once
// The issue map (问题图谱): the top issue codes on the left, the segments on the right, edges
// weighted by the firms affected, issue nodes sized and coloured by what fixing them gains the leaders.
#include "qchain/engine/quality/quality_analysis.hpp"
#include "qchain/report/text_table.hpp"
#include "qchain/visualization/diagram.hpp"

namespace qchain::visualization {

struct IssueMapOptions {
  report::Lang lang = report::Lang::zh;
  std::size_t top = 15;
};

Diagram issue_map(const graphs::ChainGraph& g, const engine::QualityAnalysis& q, const IssueMapOptions& o);

}  // namespace qchain::visualization
