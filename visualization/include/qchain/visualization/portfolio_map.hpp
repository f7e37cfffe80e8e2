#pragma once
// The portfolio map and page (`qchain portfolio -o DIR`): several chains drawn at segment level, one
// cluster per chain, segments filled by mean first-pass yield; firms found in more than one chain
// drawn individually between the clusters, linked to their segment in each chain.
#include <string>

#include "qchain/report/portfolio_report.hpp"
#include "qchain/visualization/diagram.hpp"

namespace qchain::visualization {

struct PortfolioMapOptions {
  report::Lang lang = report::Lang::zh;
  std::size_t max_shared_firms = 40;  // drawn individually; the rest are counted in the title
};

Diagram portfolio_map(const report::ChainList& chains, const engine::PortfolioResult& r, const PortfolioMapOptions& o);

// The self-contained HTML page: the table, shared classes, issues and firms, and the map.
std::string portfolio_html(const report::ChainList& chains, const engine::PortfolioResult& r, const std::string& map_svg,
                           report::Lang lang, const std::string& version);

}  // namespace qchain::visualization
