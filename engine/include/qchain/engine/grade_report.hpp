#pragma once
// `qchain grade` output: a stable JSON document and readable tables.
#include <string>

#include "qchain/engine/firm_grading.hpp"
#include "qchain/engine/text_table.hpp"

namespace qchain::engine {

std::string grading_json(const graphs::ChainGraph& g, const Rubric& rubric, const GradingResult& r);
// `top`: rows in the list of firms whose declared maturity differs. `firm`: also every check of that firm.
std::string grading_text(const graphs::ChainGraph& g, const Rubric& rubric, const GradingResult& r, Lang lang, std::size_t top,
                         const graphs::FirmId* firm = nullptr);

const char* grade_label(graphs::Maturity m, Lang lang);  // 初创级 / startup ...
// One check in words: "一次合格率 88.2%（要求 ≥ 90.0%）".
std::string describe(const CriterionCheck& c, Lang lang);

}  // namespace qchain::engine
