#pragma once
// Outputs of `qchain whatif`, `qchain risk` and `qchain plan`: stable JSON and readable text.
#include <string>
#include <vector>

#include "qchain/engine/programme/assistance_plan.hpp"
#include "qchain/engine/production/disruption_risk.hpp"
#include "qchain/report/text_table.hpp"
#include "qchain/engine/scenario/whatif.hpp"

namespace qchain::report {

std::string whatif_json(const graphs::ChainGraph& g, const std::vector<engine::WhatIfResult>& results, std::size_t top);
std::string whatif_text(const graphs::ChainGraph& g, const std::vector<engine::WhatIfResult>& results, Lang lang, std::size_t top);

std::string risk_json(const graphs::ChainGraph& g, const engine::RiskResult& r, const engine::RiskOptions& o, std::size_t top);
std::string risk_text(const graphs::ChainGraph& g, const engine::RiskResult& r, const engine::RiskOptions& o, Lang lang, std::size_t top);

std::string plan_json(const graphs::ChainGraph& g, const engine::PlanResult& r, const engine::PlanOptions& o);
std::string plan_text(const graphs::ChainGraph& g, const engine::PlanResult& r, const engine::PlanOptions& o, Lang lang);
// The line that says why a plan stops short of its budget; empty when it does not.
std::string plan_stop_text(const engine::PlanResult& r, const engine::PlanOptions& o, Lang lang);

}  // namespace qchain::report
