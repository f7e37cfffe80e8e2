#pragma once
// `qchain summary` output: a stable JSON document and a readable table.
#include <string>

#include "qchain/engine/structure/chain_summary.hpp"
#include "qchain/report/labels.hpp"
#include "qchain/report/text_table.hpp"

namespace qchain::report {

std::string summary_json(const graphs::ChainGraph& g, const engine::ChainSummary& s);
std::string summary_text(const graphs::ChainGraph& g, const engine::ChainSummary& s, Lang lang);

}  // namespace qchain::report
