#pragma once
// One scenario against the baseline, through both channels: quality (re-propagated defects) and
// production (the disruption cascade).
#include <cstdint>
#include <string>
#include <vector>

#include "qchain/engine/quality/defect_propagation.hpp"
#include "qchain/engine/quality/issue_attribution.hpp"
#include "qchain/engine/quality/own_defects.hpp"
#include "qchain/engine/quality/quality_analysis.hpp"
#include "qchain/engine/production/production_cascade.hpp"
#include "qchain/engine/scenario/scenario.hpp"

namespace qchain::engine {

struct WhatIfResult {
  std::string name;
  bool upstream = false;
  std::vector<graphs::FirmId> shocked;
  struct Change {
    graphs::FirmId firm;
    double before, after;
  };
  std::vector<Change> leader_yield;    // delivered yield of each leader, before and after
  std::vector<Change> changed;         // firms whose delivered yield moved by more than 1e-6, biggest change first
  std::vector<double> delivered_yield; // per firm, after
  std::vector<double> level;           // per firm: production level h after (1 = unaffected)
  std::vector<double> leader_level;    // per leader
  double total_loss = 0.0;             // Σ ω_v (1 − h_v)
  std::vector<graphs::FirmId> stopped;  // is_stopped(h): h < kStopSlack, by id
  std::vector<graphs::FirmId> reduced;  // has_lost_output(h) but not stopped, lowest level first
  // decertify events that stop nothing: no customer of the firm requires the scheme (firm, scheme)
  std::vector<std::pair<graphs::FirmId, std::uint32_t>> decertified_without_effect;
  struct EventOutcome {
    ScenarioEvent::Type type;
    std::uint32_t named = 0, changed = 0;  // firms the event names or selects, and those it changed
  };
  std::vector<EventOutcome> events;  // in the scenario's order
};

WhatIfResult run_whatif(const DefectPropagator& prop, const QualityBaseline& base, const ProductionModel& production,
                        const Scenario& s);

}  // namespace qchain::engine
