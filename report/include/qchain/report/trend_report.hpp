#pragma once
// `qchain trend` output: the programme's indicators over every snapshot, as a stable JSON document
// and readable tables.
#include <string>
#include <vector>

#include "qchain/engine/programme/chain_trend.hpp"
#include "qchain/report/text_table.hpp"

namespace qchain::report {

// The name a segment or leader (by id) had in the latest snapshot that holds it; the id when none does.
std::string trend_segment_name(const std::vector<const graphs::ChainGraph*>& snapshots, const std::string& id);
std::string trend_leader_name(const std::vector<const graphs::ChainGraph*>& snapshots, const std::string& id);

// `snapshots`: the chains the trend was computed from, oldest first (for names).
std::string trend_json(const std::vector<const graphs::ChainGraph*>& snapshots, const engine::TrendResult& t);
std::string trend_text(const std::vector<const graphs::ChainGraph*>& snapshots, const engine::TrendResult& t, Lang lang);

}  // namespace qchain::report
