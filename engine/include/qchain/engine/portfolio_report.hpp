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
// Firm v's customers in its chain, each once (one may buy several inputs from it), by id.
std::vector<graphs::FirmId> customers_of(const graphs::ChainGraph& g, graphs::FirmId v);
// Their names, at most `limit`, then "… (N)".
std::string customers_text(const graphs::ChainGraph& g, graphs::FirmId v, std::size_t limit = 4);

}  // namespace qchain::engine
