#pragma once
// What-if scenarios, format `qchain-scenario/1` (data/schema/SCENARIO.md): events resolved against
// one chain, and what they do to the inputs of the quality and production models.
#include <cstdint>
#include <string>
#include <vector>

#include "qchain/engine/quality/issue_attribution.hpp"
#include "qchain/engine/quality/own_defects.hpp"
#include "qchain/graphs/chain.hpp"

namespace qchain::engine {

struct ScenarioEvent {
  // require / drop_requirement: the target firms, as customers, start or stop demanding `scheme`
  // of all their suppliers.
  enum class Type { set_yield, stop, decertify, spread_issue, fix_issue, assist, perturb, require, drop_requirement };
  Type type = Type::set_yield;
  std::vector<graphs::FirmId> firms;  // resolved targets, each once
  double value = graphs::kAbsent;     // set_yield: new yield; stop: level; assist: yield gain; perturb: inoperability
  double delta = graphs::kAbsent;     // set_yield: change of yield
  std::uint32_t issue = graphs::kNone, scheme = graphs::kNone;
  std::string new_scheme;  // require: a scheme no firm of the chain has yet (then scheme is kNone)
  std::uint8_t severity = 0;
};

struct Scenario {
  std::string name;
  bool upstream = false;
  std::vector<ScenarioEvent> events;
};


// The models' inputs once a scenario's events are applied to the baseline.
struct ScenarioInputs {
  std::vector<double> own;            // own defect rates
  std::vector<double> psi;            // production lost by stops, 1 − level
  std::vector<double> perturb;        // direct loss of output share
  std::vector<std::uint8_t> cut;      // per link: 1 where a certificate withdrawn or newly required stopped deliveries
  std::vector<graphs::FirmId> shocked;  // firms an event changed directly, by id
  // Per event: the firms it names (or selects by segment or issue) and those it changes; an event
  // that changes fewer than it names is worth a look (a firm that already has the issue, a
  // certificate no customer requires).
  struct EventEffect {
    std::uint32_t named = 0, changed = 0;
  };
  std::vector<EventEffect> effects;
};

ScenarioInputs apply_scenario(const graphs::ChainGraph& g, const Scenario& s, const OwnDefects& base,
                              const IssueAttribution& attribution);

}  // namespace qchain::engine
