#pragma once
// `qchain plan --screen` output: the screening list (筛选清单) as JSON and as a table.
#include <string>

#include "qchain/engine/programme/assistance_screening.hpp"
#include "qchain/report/text_table.hpp"

namespace qchain::report {

std::string screening_json(const graphs::ChainGraph& g, const engine::ScreeningResult& r, const engine::ScreeningOptions& o);
// `top`: rows of the screened list; the firms without a willingness are listed in full, for follow-up.
std::string screening_text(const graphs::ChainGraph& g, const engine::ScreeningResult& r, const engine::ScreeningOptions& o, Lang lang,
                           std::size_t top);
const char* willingness_label(graphs::Willingness w, Lang lang);  // 强 / 一般 / 弱 / 未填

}  // namespace qchain::report
