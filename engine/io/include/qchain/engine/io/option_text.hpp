#pragma once
// The short texts planners type as options (`--stop-prob micro=0.05,small=0.03`, `--cost micro=2`,
// `--goal leaders=0.5,gaps=0.5`, `--candidates micro,small`), read the same way by every front end:
// the command line and the web service's query parameters. Each throws UsageError naming `option`
// and the item it could not read.
#include <array>
#include <string>
#include <vector>

#include "qchain/engine/programme/assistance_plan.hpp"
#include "qchain/graphs/chain.hpp"

namespace qchain::engine {

// A value per role; `given` says which roles the text named.
struct RoleValues {
  std::array<double, graphs::kRoleCount> value{};
  std::array<bool, graphs::kRoleCount> given{};
};

// "micro=0.05,small=0.03": stop probabilities per year, each in [0, 1].
RoleValues parse_stop_probabilities(const std::string& text, const std::string& option = "--stop-prob");
// "micro=0.5,small=1.2": costs per firm in 10k CNY, each above 0.
RoleValues parse_role_costs(const std::string& text, const std::string& option = "--cost");
// "leaders", "gaps", "leaders=0.5,gaps=0.5" (a bare name weighs 1): the plan's goal weights, each ≥ 0.
GoalValues parse_plan_goals(const std::string& text, const std::string& option = "--goal");
// "micro,small": roles.
std::vector<graphs::Role> parse_roles(const std::string& text, const std::string& option = "--candidates");

}  // namespace qchain::engine
