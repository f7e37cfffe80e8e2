#pragma once
// The survey workbook (质量状况调查表): `qchain template` writes it empty, with an instructions sheet
// (说明) holding one filled example per sheet; `qchain export --format xlsx` writes a chain into it,
// which load_chain_xlsx reads back to the same chain. Sheets and columns as in table_columns.hpp:
// Chinese headers and values (链主, 有效, 是 ...) by default, English with `chinese` false.
#include <string>

#include "qchain/graphs/chain.hpp"

namespace qchain::graphs {

void write_survey_template(const std::string& path, bool chinese);
void write_chain_xlsx(const ChainGraph& g, const std::string& path, bool chinese);

}  // namespace qchain::graphs
