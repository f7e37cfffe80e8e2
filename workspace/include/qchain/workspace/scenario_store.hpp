#pragma once
// What-if scenarios saved by name in the workspace, per chain (schema version 6): the
// qchain-scenario/1 text as given, checked against the chain by whoever saves it (the engine reads
// scenarios; the workspace only keeps them). Saving a name again replaces the scenario.
#include <string>
#include <vector>

#include "qchain/workspace/ledger.hpp"

namespace qchain::workspace {

struct SavedScenario {
  std::string chain_id, name, body, saved_by, saved_at;
};

// Throws UsageError for an empty name or a chain the workspace does not hold.
void save_scenario(const std::string& file, const std::string& chain_id, const std::string& name, const std::string& body,
                   const LedgerActor& by);
// By name; `body` left empty (list_scenarios is the index, get_scenario the document).
std::vector<SavedScenario> list_scenarios(const std::string& file, const std::string& chain_id);
// UsageError when the chain has no scenario of that name.
SavedScenario get_scenario(const std::string& file, const std::string& chain_id, const std::string& name);
bool has_scenario(const std::string& file, const std::string& chain_id, const std::string& name);

}  // namespace qchain::workspace
