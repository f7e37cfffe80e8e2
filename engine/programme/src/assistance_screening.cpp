#include "qchain/engine/programme/assistance_screening.hpp"

#include <algorithm>

#include "qchain/core/error.hpp"

namespace qchain::engine {

using namespace qchain::graphs;

ScreeningResult screen_candidates(const DefectPropagator& prop, const QualityBaseline& base, const PlanOptions& plan,
                                  const ScreeningOptions& options) {
  if (options.minimum != Willingness::strong && options.minimum != Willingness::moderate)
    throw UsageError("screening: the willingness threshold is strong or moderate");
  const ChainGraph& g = prop.chain();
  ScreeningResult r;
  r.allowed.assign(g.firm_count(), 0);
  r.potential_is_yield = plan.goals.grades <= 0 && plan.goals.gaps <= 0;
  PlanOptions alone = plan;
  alone.allowed.clear();
  for (FirmId v = 0; v < g.firm_count(); ++v) {
    const Firm& f = g.firm(v);
    if (std::find(plan.candidates.begin(), plan.candidates.end(), f.role) == plan.candidates.end()) continue;
    ScreenedFirm s;
    s.firm = v;
    s.willingness = f.willingness;
    s.potential = plan_objective(prop, base, alone, {v});
    if (f.willingness == Willingness::unknown) s.reason = ScreenReason::willingness_unknown;
    else if (f.willingness < options.minimum) s.reason = ScreenReason::willingness_low;
    else if (!(s.potential > 0)) s.reason = ScreenReason::no_potential;
    else r.allowed[v] = 1;
    switch (s.reason) {
      case ScreenReason::screened: ++r.screened; break;
      case ScreenReason::willingness_low: ++r.willingness_low; break;
      case ScreenReason::willingness_unknown: ++r.willingness_unknown; break;
      case ScreenReason::no_potential: ++r.no_potential; break;
    }
    r.firms.push_back(s);
  }
  std::stable_sort(r.firms.begin(), r.firms.end(), [](const ScreenedFirm& a, const ScreenedFirm& b) {
    if ((a.reason == ScreenReason::screened) != (b.reason == ScreenReason::screened)) return a.reason == ScreenReason::screened;
    return a.potential > b.potential;
  });
  return r;
}

}  // namespace qchain::engine
