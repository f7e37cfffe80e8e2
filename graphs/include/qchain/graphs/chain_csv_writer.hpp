#pragma once
// Writes a chain as the CSV folder form (chain.csv, segments.csv, issues.csv, firms.csv,
// links.csv), the inverse of load_chain_csv: loading the folder gives back the same model.
#include <string>
#include <utility>
#include <vector>

#include "qchain/graphs/chain.hpp"

namespace qchain::graphs {

// File name and content of each CSV file. Throws UsageError when a scheme or issue code contains
// ':' or ';', which the list cells cannot represent.
std::vector<std::pair<std::string, std::string>> chain_to_csv(const ChainGraph& g);

// Creates `folder` if needed and writes every file atomically, each starting with the UTF-8
// byte-order mark unless `bom` is false (Excel and WPS take a CSV file without it for GBK).
void write_chain_csv(const ChainGraph& g, const std::string& folder, bool bom = true);

}  // namespace qchain::graphs
