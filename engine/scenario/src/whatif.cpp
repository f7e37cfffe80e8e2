#include "qchain/engine/scenario/whatif.hpp"

#include <algorithm>
#include <cmath>

namespace qchain::engine {

using namespace qchain::graphs;

WhatIfResult run_whatif(const DefectPropagator& prop, const QualityBaseline& base, const ProductionModel& production,
                        const Scenario& s) {
  const ChainGraph& g = prop.chain();
  const std::uint32_t n = g.firm_count();
  const ScenarioInputs in = apply_scenario(g, s, base.own, base.attribution);
  WhatIfResult r;
  r.name = s.name;
  r.upstream = s.upstream;
  r.shocked = in.shocked;
  for (std::size_t k = 0; k < s.events.size(); ++k) {
    const ScenarioEvent& e = s.events[k];
    r.events.push_back({e.type, in.effects[k].named, in.effects[k].changed});
    if (e.type == ScenarioEvent::Type::decertify && in.effects[k].changed == 0)
      for (FirmId v : e.firms) r.decertified_without_effect.emplace_back(v, e.scheme);
  }

  const Propagation after = prop.forward(in.own);
  r.delivered_yield.resize(n);
  for (FirmId v = 0; v < n; ++v) {
    r.delivered_yield[v] = 1.0 - after.delivered[v];
    const double before = 1.0 - base.state.delivered[v];
    if (std::fabs(r.delivered_yield[v] - before) > 1e-6) r.changed.push_back({v, before, r.delivered_yield[v]});
  }
  std::stable_sort(r.changed.begin(), r.changed.end(), [](const WhatIfResult::Change& a, const WhatIfResult::Change& b) {
    return std::fabs(a.after - a.before) > std::fabs(b.after - b.before);
  });
  const std::vector<FirmId> leaders = g.leaders();
  for (FirmId l : leaders) r.leader_yield.push_back({l, 1.0 - base.state.delivered[l], r.delivered_yield[l]});

  ProductionShock shock;
  for (FirmId v = 0; v < n; ++v) {
    if (in.psi[v] > 0) shock.psi.emplace_back(v, in.psi[v]);
    if (in.perturb[v] > 0) shock.perturb.emplace_back(v, in.perturb[v]);
  }
  for (LinkId e = 0; e < g.link_count(); ++e)
    if (in.cut[e]) shock.cut.push_back(e);
  ProductionModel::Cascade cascade(production);
  cascade.run(shock);
  r.level.assign(n, 1.0);
  for (FirmId v : cascade.touched()) r.level[v] = cascade.level(v, s.upstream);
  for (FirmId l : leaders) r.leader_level.push_back(r.level[l]);
  for (FirmId v = 0; v < n; ++v) {
    if (is_stopped(r.level[v])) r.stopped.push_back(v);
    else if (has_lost_output(r.level[v])) r.reduced.push_back(v);
    r.total_loss += production.weights()[v] * (1.0 - r.level[v]);
  }
  std::stable_sort(r.reduced.begin(), r.reduced.end(), [&](FirmId a, FirmId b) { return r.level[a] < r.level[b]; });
  return r;
}

}  // namespace qchain::engine
