#pragma once
// `qchain portfolio` output: a stable JSON document and readable tables.
#include <string>
#include <vector>

#include "qchain/engine/programme/portfolio.hpp"
#include "qchain/report/text_table.hpp"

namespace qchain::report {

using ChainList = std::vector<const graphs::ChainGraph*>;

std::string portfolio_json(const ChainList& chains, const engine::PortfolioResult& r);
// `top`: rows of the table of firms in several chains.
std::string portfolio_text(const ChainList& chains, const engine::PortfolioResult& r, Lang lang, std::size_t top = 20);

// The region × industry grid (强链图谱 by region and industry): regions and industries in the order
// the chains first name them ("" for a chain that names none); cell[r][i] = the chains there.
struct RegionIndustryGrid {
  std::vector<std::string> regions, industries;
  std::vector<std::vector<std::vector<std::uint32_t>>> cell;
};
RegionIndustryGrid region_industry_grid(const ChainList& chains);
// One cell in words: "吴兴童装 312 家 92.4%", chains separated by "；".
std::string grid_cell_text(const ChainList& chains, const engine::PortfolioResult& r, const std::vector<std::uint32_t>& cell, Lang lang);

// Firm v's customers in its chain, each once (one may buy several inputs from it), by id.
std::vector<graphs::FirmId> customers_of(const graphs::ChainGraph& g, graphs::FirmId v);
// Their names, at most `limit`, then "… (N)".
std::string customers_text(const graphs::ChainGraph& g, graphs::FirmId v, std::size_t limit = 4);

}  // namespace qchain::report
