#pragma once
// The screening list (筛选清单) before the ledger: the national action plan asks to pick firms "with a
// strong wish to improve and a large potential" (提升意愿强烈、提升潜力较大). Candidates are the firms of
// the plan's candidate roles whose willingness reaches the threshold, ranked by potential — what
// assisting the firm alone gains the plan's objective (the same objective and unit as plan_assistance).
// Firms without a recorded willingness are listed apart, never silently dropped; every firm gets the
// reason it is in or out. The plan then picks only among the screened firms (PlanOptions::allowed).
#include <cstdint>
#include <vector>

#include "qchain/engine/programme/assistance_plan.hpp"

namespace qchain::engine {

struct ScreeningOptions {
  graphs::Willingness minimum = graphs::Willingness::strong;  // strong or moderate
};

enum class ScreenReason : std::uint8_t {
  screened,            // willing enough and with potential
  willingness_low,     // below the threshold
  willingness_unknown, // no willingness recorded: ask the firm (listed apart)
  no_potential,        // willing, but assisting it alone gains the objective nothing
};

struct ScreenedFirm {
  graphs::FirmId firm = 0;
  graphs::Willingness willingness = graphs::Willingness::unknown;
  double potential = 0.0;  // the objective's gain if the firm alone were assisted
  ScreenReason reason = ScreenReason::screened;
};

struct ScreeningResult {
  std::vector<ScreenedFirm> firms;  // every firm of the candidate roles: screened first, then by potential, then id
  std::vector<std::uint8_t> allowed;  // per firm: 1 where screened (for PlanOptions::allowed)
  std::uint32_t screened = 0, willingness_low = 0, willingness_unknown = 0, no_potential = 0;
  bool potential_is_yield = false;  // the goal is the leaders' yield alone: potentials are fractions of yield
};

// One exact evaluation of the objective per candidate of the candidate roles.
ScreeningResult screen_candidates(const DefectPropagator& prop, const QualityBaseline& base, const PlanOptions& plan,
                                  const ScreeningOptions& options);

}  // namespace qchain::engine
