#pragma once
// Reading a what-if scenario (qchain-scenario/1, data/schema/SCENARIO.md) against the chain it names.
#include <string>

#include "qchain/engine/scenario/scenario.hpp"

namespace qchain::engine {

// Throws IoError when the file cannot be read, InputError with every problem when it is invalid.
Scenario load_scenario(const std::string& path, const graphs::ChainGraph& g);
Scenario parse_scenario(const std::string& text, const std::string& name, const graphs::ChainGraph& g);

}  // namespace qchain::engine
