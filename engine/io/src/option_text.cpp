#include "qchain/engine/io/option_text.hpp"

#include <algorithm>
#include <cmath>

#include "qchain/core/error.hpp"

namespace qchain::engine {

using namespace qchain::graphs;

namespace {

struct NameValue {
  std::string name, item;  // item: as written
  double value;
};

// "a=1,b=2" as (name, number) pairs.
std::vector<NameValue> name_values(const std::string& text, const std::string& option, const char* expected) {
  std::vector<NameValue> out;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t end = std::min(text.find(',', start), text.size());
    const std::string item = text.substr(start, end - start);
    const std::size_t eq = item.find('=');
    double x = std::nan("");
    if (eq != std::string::npos && eq > 0) {
      try {
        std::size_t used = 0;
        x = std::stod(item.substr(eq + 1), &used);
        if (used != item.size() - eq - 1) x = std::nan("");
      } catch (const std::exception&) {
        x = std::nan("");
      }
    }
    if (std::isnan(x)) throw UsageError(option + ": \"" + item + "\" is not " + expected);
    out.push_back({item.substr(0, eq), item, x});
    start = end + 1;
  }
  return out;
}

}  // namespace

RoleValues parse_stop_probabilities(const std::string& text, const std::string& option) {
  RoleValues r;
  for (const NameValue& nv : name_values(text, option, "ROLE=PROBABILITY")) {
    const auto role = parse_role(nv.name);
    if (!role || !(nv.value >= 0 && nv.value <= 1))
      throw UsageError(option + ": \"" + nv.item +
                       "\" is not ROLE=PROBABILITY (roles: chain_leader, large, medium, small, micro; 0..1 per year)");
    r.value[static_cast<int>(*role)] = nv.value;
    r.given[static_cast<int>(*role)] = true;
  }
  return r;
}

RoleValues parse_role_costs(const std::string& text, const std::string& option) {
  RoleValues r;
  for (const NameValue& nv : name_values(text, option, "ROLE=COST")) {
    const auto role = parse_role(nv.name);
    if (!role || !(nv.value > 0) || !std::isfinite(nv.value))
      throw UsageError(option + ": \"" + nv.item +
                       "\" is not ROLE=COST (roles: chain_leader, large, medium, small, micro; a cost above 0 in 10k CNY)");
    r.value[static_cast<int>(*role)] = nv.value;
    r.given[static_cast<int>(*role)] = true;
  }
  return r;
}

GoalValues parse_plan_goals(const std::string& text, const std::string& option) {
  std::string weighted;  // a bare name weighs 1
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t end = std::min(text.find(',', start), text.size());
    const std::string item = text.substr(start, end - start);
    weighted += (weighted.empty() ? "" : ",") + (item.find('=') == std::string::npos ? item + "=1" : item);
    start = end + 1;
  }
  GoalValues goals{};
  for (const NameValue& nv : name_values(weighted, option, "GOAL or GOAL=WEIGHT (goals: leaders, grades, gaps)")) {
    double* slot = nv.name == "leaders" ? &goals.leaders : nv.name == "grades" ? &goals.grades : nv.name == "gaps" ? &goals.gaps : nullptr;
    if (!slot || !(nv.value >= 0) || !std::isfinite(nv.value))
      throw UsageError(option + ": \"" + nv.item + "\" is not one of leaders, grades, gaps with a weight of at least 0");
    *slot = nv.value;
  }
  return goals;
}

std::vector<Role> parse_roles(const std::string& text, const std::string& option) {
  std::vector<Role> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t end = std::min(text.find(',', start), text.size());
    const std::string name = text.substr(start, end - start);
    const auto role = parse_role(name);
    if (!role) throw UsageError(option + ": unknown role \"" + name + "\" (chain_leader, large, medium, small, micro)");
    out.push_back(*role);
    start = end + 1;
  }
  return out;
}

}  // namespace qchain::engine
