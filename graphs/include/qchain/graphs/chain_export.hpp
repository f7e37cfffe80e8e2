#pragma once
// The chain in other tools' formats: GraphML (Boost.Graph's write_graphml), GEXF for Gephi, plain
// DOT, and the normalised `qchain-chain/1` JSON (every default made explicit; loads back unchanged).
#include <string>
#include <string_view>

#include "qchain/graphs/chain.hpp"

namespace qchain::graphs {

std::string chain_to_graphml(const ChainGraph& g);
std::string chain_to_gexf(const ChainGraph& g);
std::string chain_to_dot(const ChainGraph& g);
std::string chain_to_json(const ChainGraph& g);

// Text for XML or HTML element content and attribute values: & < > " escaped, control characters
// other than tab and newline dropped.
std::string xml_escape(std::string_view s);

}  // namespace qchain::graphs
