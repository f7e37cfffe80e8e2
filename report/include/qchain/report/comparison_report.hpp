#pragma once
// `qchain compare` output: a stable JSON document and readable tables.
#include <string>

#include "qchain/engine/programme/chain_comparison.hpp"
#include "qchain/report/text_table.hpp"

namespace qchain::report {

std::string comparison_json(const graphs::ChainGraph& before, const graphs::ChainGraph& after, const engine::ChainComparison& c);
// `top`: rows in the list of firms whose own yield changed most.
std::string comparison_text(const graphs::ChainGraph& before, const graphs::ChainGraph& after, const engine::ChainComparison& c,
                            Lang lang, std::size_t top);

// The effect indicators (profit, costs, satisfaction), the assisted firms beside the others.
std::string effect_indicators_table(const engine::EffectIndicators& e, Lang lang);

const char* trend_label(engine::IssueTrend t, Lang lang);
// The title of the map coloured by the change: "提升前后对比：2024-06-30 → 2025-06-30".
std::string change_map_title(const graphs::ChainGraph& before, const graphs::ChainGraph& after, Lang lang);
// An issue code's name from the after catalogue, else the before one.
std::string issue_name(const graphs::ChainGraph& before, const graphs::ChainGraph& after, const std::string& code);

}  // namespace qchain::report
