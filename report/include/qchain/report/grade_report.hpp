#pragma once
// `qchain grade` output: a stable JSON document and readable tables.
#include <string>

#include "qchain/engine/programme/firm_grading.hpp"
#include "qchain/report/text_table.hpp"

namespace qchain::report {

std::string grading_json(const graphs::ChainGraph& g, const engine::Rubric& rubric, const engine::GradingResult& r);
// `top`: rows in the list of firms whose declared maturity differs. `firm`: also every check of that firm.
std::string grading_text(const graphs::ChainGraph& g, const engine::Rubric& rubric, const engine::GradingResult& r, Lang lang, std::size_t top,
                         const graphs::FirmId* firm = nullptr);

const char* grade_label(graphs::Maturity m, Lang lang);  // 初创级 / startup ...
// One check in words: "一次合格率 88.2%（要求 ≥ 90.0%）".
std::string describe(const engine::CriterionCheck& c, Lang lang);

}  // namespace qchain::report
