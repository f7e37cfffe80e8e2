#pragma once
// Locations inside JSON documents for messages about them.
#include <string>
#include <vector>

#include "qchain/core/text_location.hpp"

namespace qchain::graphs {

// Where JSON paths such as "events[3].firms[0]" start in `text` (or their deepest existing prefix),
// for messages about other JSON inputs than chains.
std::vector<LineColumn> locate_json_fields(const std::string& text, const std::vector<std::string>& paths);

}  // namespace qchain::graphs
