#pragma once
// `qchain portfolio` output: a stable JSON document and readable tables.
#include <string>
#include <vector>

#include "qchain/engine/portfolio.hpp"
#include "qchain/engine/text_table.hpp"

namespace qchain::engine {

using ChainList = std::vector<const graphs::ChainGraph*>;

std::string portfolio_json(const ChainList& chains, const PortfolioResult& r);
// `top`: rows of the table of firms in several chains.
std::string portfolio_text(const ChainList& chains, const PortfolioResult& r, Lang lang, std::size_t top = 20);

// The chain's name, or its id when unnamed.
std::string chain_title(const graphs::ChainGraph& g);
// What firm v supplies in its chain: its customers (id and name), at most `limit`, then "…".
std::string customers_text(const graphs::ChainGraph& g, graphs::FirmId v, std::size_t limit = 4);

}  // namespace qchain::engine
