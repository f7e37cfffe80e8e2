#include "qchain/engine/scenario/scenario.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <optional>
#include <sstream>

#include "qchain/core/error.hpp"
#include "qchain/graphs/name_match.hpp"

namespace qchain::engine {

using namespace qchain::graphs;

namespace {

// The certification side of a scenario: requirements added and dropped per customer, certificates
// withdrawn per firm. They are applied together, whatever their order: a link stops when it needs
// a scheme that its supplier does not hold after the scenario, and the scenario changed either the
// requirement (require) or the certificate (decertify). Gaps the survey already shows keep
// delivering, as in the baseline (docs/production-model.md).
struct Requirements {
  std::vector<std::vector<std::uint32_t>> added, dropped, withdrawn;  // per firm: scheme ids; kNone for a new scheme
  bool any = false;
};

bool contains(const std::vector<std::uint32_t>& v, std::uint32_t x) { return std::find(v.begin(), v.end(), x) != v.end(); }

// Marks the cut links; per event of the scenario, how many of its firms it changed.
void cut_links(const ChainGraph& g, const Scenario& s, const Requirements& rq, ScenarioInputs& in,
               std::vector<std::uint8_t>& shocked) {
  std::vector<std::uint8_t> stopped_supplier(g.firm_count(), 0), relieved(g.firm_count(), 0), cut_off(g.firm_count(), 0);
  for (LinkId e = 0; e < g.link_count(); ++e) {
    const SupplyLink& l = g.link(e);
    const auto& base = g.requirement_sets()[l.requires_set];
    for (std::uint32_t sc : base)
      if (contains(rq.dropped[l.customer], sc)) relieved[l.customer] = 1;
    const auto enforced = [&](std::uint32_t sc, bool newly) {
      const bool held = sc != kNone && g.holds_in_force(l.supplier, sc) && !contains(rq.withdrawn[l.supplier], sc);
      return !held && (newly || contains(rq.withdrawn[l.supplier], sc));
    };
    bool cut = false;
    for (std::uint32_t sc : base)
      if (!contains(rq.dropped[l.customer], sc) && enforced(sc, false)) cut = true;
    // A customer that requires a scheme requires it of every supplier, those already short of it too.
    for (std::uint32_t sc : rq.added[l.customer])
      if (!contains(rq.dropped[l.customer], sc) && enforced(sc, true)) cut = true;
    if (!cut) continue;
    in.cut[e] = 1;
    stopped_supplier[l.supplier] = 1;
    cut_off[l.customer] = 1;
  }
  for (std::size_t k = 0; k < s.events.size(); ++k) {
    const ScenarioEvent& ev = s.events[k];
    auto& eff = in.effects[k];
    for (FirmId v : ev.firms) {
      const bool changed = (ev.type == ScenarioEvent::Type::decertify && stopped_supplier[v]) ||
                           (ev.type == ScenarioEvent::Type::require && cut_off[v]) ||
                           (ev.type == ScenarioEvent::Type::drop_requirement && relieved[v]);
      eff.changed += changed;
      if (changed) shocked[v] = 1;
    }
  }
}

}  // namespace

ScenarioInputs apply_scenario(const ChainGraph& g, const Scenario& s, const OwnDefects& base, const IssueAttribution& attribution) {
  ScenarioInputs in;
  const std::uint32_t n = g.firm_count();
  in.own = base.rate;
  in.psi.assign(n, 0.0);
  in.perturb.assign(n, 0.0);
  in.cut.assign(g.link_count(), 0);
  in.effects.resize(s.events.size());
  Requirements rq;
  rq.added.resize(n);
  rq.dropped.resize(n);
  rq.withdrawn.resize(n);
  std::vector<std::uint8_t> shocked(n, 0);
  const auto clamp01 = [](double x) { return std::min(1.0, std::max(0.0, x)); };
  // The issue's share of a firm's defect rate, or kAbsent when the firm does not have it.
  const auto share_of = [&](FirmId v, std::uint32_t issue) {
    const auto& issues = g.firm(v).issues;
    for (std::size_t k = 0; k < issues.size(); ++k)
      if (issues[k].issue == issue) return attribution.of(v, k);
    return kAbsent;
  };
  for (std::size_t k = 0; k < s.events.size(); ++k) {
    const ScenarioEvent& e = s.events[k];
    ScenarioInputs::EventEffect& eff = in.effects[k];
    eff.named = static_cast<std::uint32_t>(e.firms.size());
    // Sets a model input and counts the firm as changed by this event when the value moved.
    const auto set = [&](std::vector<double>& slot, FirmId v, double x) {
      if (x != slot[v]) ++eff.changed, shocked[v] = 1;
      slot[v] = x;
    };
    switch (e.type) {
      case ScenarioEvent::Type::set_yield:
        for (FirmId v : e.firms) set(in.own, v, std::isnan(e.value) ? clamp01(in.own[v] - e.delta) : 1.0 - e.value);
        break;
      case ScenarioEvent::Type::stop:
        for (FirmId v : e.firms) set(in.psi, v, std::max(in.psi[v], 1.0 - e.value));
        break;
      case ScenarioEvent::Type::decertify:
        for (FirmId v : e.firms) rq.withdrawn[v].push_back(e.scheme);
        break;
      case ScenarioEvent::Type::require:
        for (FirmId v : e.firms) rq.added[v].push_back(e.scheme);
        break;
      case ScenarioEvent::Type::drop_requirement:
        for (FirmId v : e.firms) rq.dropped[v].push_back(e.scheme);
        break;
      case ScenarioEvent::Type::spread_issue: {
        double rise = g.issues()[e.issue].yield_loss;
        if (std::isnan(rise)) {
          // Per severity point, what the issue costs the firms that have it.
          double amount = 0, severity = 0;
          for (FirmId v = 0; v < n; ++v)
            for (std::size_t j = 0; j < g.firm(v).issues.size(); ++j)
              if (g.firm(v).issues[j].issue == e.issue) amount += attribution.of(v, j), severity += g.firm(v).issues[j].severity;
          rise = severity > 0 ? amount / severity * e.severity : 0.0;
        }
        for (FirmId v : e.firms)
          if (std::isnan(share_of(v, e.issue))) set(in.own, v, clamp01(in.own[v] + rise));
        break;
      }
      case ScenarioEvent::Type::fix_issue:
        for (FirmId v : e.firms) {
          const double share = share_of(v, e.issue);
          if (!std::isnan(share)) set(in.own, v, clamp01(in.own[v] - share));
        }
        break;
      case ScenarioEvent::Type::assist:
        for (FirmId v : e.firms) set(in.own, v, clamp01(in.own[v] - e.value));
        break;
      case ScenarioEvent::Type::perturb:
        for (FirmId v : e.firms) set(in.perturb, v, clamp01(in.perturb[v] + e.value));
        break;
    }
  }
  cut_links(g, s, rq, in, shocked);
  for (FirmId v = 0; v < n; ++v)
    if (shocked[v]) in.shocked.push_back(v);
  return in;
}

}  // namespace qchain::engine
