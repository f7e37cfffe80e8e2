#pragma once
// Outputs of `qchain whatif`, `qchain risk` and `qchain plan`: stable JSON and readable text.
#include <string>
#include <vector>

#include "qchain/engine/assistance_plan.hpp"
#include "qchain/engine/disruption_risk.hpp"
#include "qchain/engine/text_table.hpp"
#include "qchain/engine/whatif.hpp"

namespace qchain::engine {

std::string whatif_json(const graphs::ChainGraph& g, const std::vector<WhatIfResult>& results, std::size_t top);
std::string whatif_text(const graphs::ChainGraph& g, const std::vector<WhatIfResult>& results, Lang lang, std::size_t top);

std::string risk_json(const graphs::ChainGraph& g, const RiskResult& r, const RiskOptions& o, std::size_t top);
std::string risk_text(const graphs::ChainGraph& g, const RiskResult& r, const RiskOptions& o, Lang lang, std::size_t top);

std::string plan_json(const graphs::ChainGraph& g, const PlanResult& r, const PlanOptions& o);
std::string plan_text(const graphs::ChainGraph& g, const PlanResult& r, const PlanOptions& o, Lang lang);
// The line that says why a plan stops short of its budget; empty when it does not.
std::string plan_stop_text(const PlanResult& r, const PlanOptions& o, Lang lang);

}  // namespace qchain::engine
