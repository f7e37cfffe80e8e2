#pragma once
// Reading a grading rubric (qchain-rubric/1, data/rubrics/README.md).
#include <string>

#include "qchain/engine/programme/firm_grading.hpp"

namespace qchain::engine {

// Throws IoError when the file cannot be read, InputError with every problem when it is invalid.
Rubric load_rubric(const std::string& path);
Rubric parse_rubric(const std::string& text, const std::string& name);

}  // namespace qchain::engine
