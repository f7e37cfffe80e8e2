#pragma once
// `qchain trend` output: the programme's indicators over every snapshot, as a stable JSON document
// and readable tables.
#include <string>
#include <vector>

#include "qchain/engine/programme/chain_trend.hpp"
#include "qchain/report/text_table.hpp"

namespace qchain::report {

// `snapshots`: the chains the trend was computed from, oldest first (for names).
std::string trend_json(const std::vector<const graphs::ChainGraph*>& snapshots, const engine::TrendResult& t);
std::string trend_text(const std::vector<const graphs::ChainGraph*>& snapshots, const engine::TrendResult& t, Lang lang);

}  // namespace qchain::report
