#pragma once
// `--xlsx FILE`: every table a command prints, one sheet each, named by the heading above it in the
// printed text (in the chosen language), with numbers as numbers, percentages as percent cells,
// a frozen header row and an autofilter.
#include <string>
#include <vector>

#include "qchain/report/text_table.hpp"

namespace qchain::service {

void write_tables_xlsx(const std::string& path, const std::string& text, const std::vector<report::CapturedTable>& tables,
                       report::Lang lang);

}  // namespace qchain::service
