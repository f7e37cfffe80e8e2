#include "qchain/engine/production/systemic_bound.hpp"

#include <algorithm>
#include <cstdint>
#include <limits>

namespace qchain::engine {

using namespace qchain::graphs;

namespace {

constexpr double kUnbounded = std::numeric_limits<double>::infinity();

// Firms grouped by strong component (components numbered upstream first).
struct Components {
  std::uint32_t count = 0;
  std::vector<std::uint32_t> begin;
  std::vector<FirmId> firms;
};

Components group(const std::vector<std::uint32_t>& component) {
  Components c;
  for (std::uint32_t x : component) c.count = std::max(c.count, x + 1);
  c.begin.assign(c.count + 1, 0);
  for (std::uint32_t x : component) ++c.begin[x + 1];
  for (std::uint32_t k = 0; k < c.count; ++k) c.begin[k + 1] += c.begin[k];
  c.firms.resize(component.size());
  std::vector<std::uint32_t> at(c.begin.begin(), c.begin.end() - 1);
  for (FirmId v = 0; v < component.size(); ++v) c.firms[at[component[v]]++] = v;
  return c;
}

// One direction: `next` lists a firm's neighbours in that direction with the link's coefficient.
// Components are visited so that every neighbour's component is done first.
template <class Neighbours>
std::vector<double> direction_bound(const ProductionModel& m, const Components& cs, bool downstream, Neighbours next) {
  const std::vector<std::uint32_t>& comp = m.components();
  const std::vector<double>& omega = m.weights();
  std::vector<double> reach(cs.count, 0.0), linear(comp.size(), kUnbounded), out(comp.size(), 0.0);
  std::vector<std::uint32_t> seen(cs.count, std::numeric_limits<std::uint32_t>::max());
  for (std::uint32_t step = 0; step < cs.count; ++step) {
    const std::uint32_t c = downstream ? cs.count - 1 - step : step;
    double r = 0.0;
    for (std::uint32_t k = cs.begin[c]; k < cs.begin[c + 1]; ++k) {
      const FirmId v = cs.firms[k];
      r += omega[v];
      next(v, [&](FirmId w, double) {
        const std::uint32_t d = comp[w];
        if (d != c && seen[d] != c) seen[d] = c, r += std::min(1.0, reach[d]);
      });
    }
    reach[c] = r;
    if (cs.begin[c + 1] - cs.begin[c] == 1) {
      const FirmId v = cs.firms[cs.begin[c]];
      double y = omega[v];
      next(v, [&](FirmId w, double a) {
        if (a > 0) y += a * linear[w];  // infinite once a cycle lies beyond
      });
      linear[v] = y;
    }
  }
  for (FirmId v = 0; v < comp.size(); ++v) out[v] = std::min(reach[comp[v]], linear[v]);
  return out;
}

}  // namespace

std::vector<double> systemic_bound(const ProductionModel& m) {
  const ChainGraph& g = m.chain();
  const SupplyNetwork& net = g.network();
  const Components cs = group(m.components());
  const std::vector<double> down = direction_bound(m, cs, true, [&](FirmId v, auto&& visit) {
    for (std::uint32_t o = net.out_begin[v]; o < net.out_begin[v + 1]; ++o)
      visit(net.out_customer[o], m.supply_coefficient(net.out_link[o]));
  });
  const std::vector<double> up = direction_bound(m, cs, false, [&](FirmId v, auto&& visit) {
    for (std::uint32_t k = net.in_begin[v]; k < net.in_begin[v + 1]; ++k)
      visit(net.in_supplier[k], m.demand_coefficient(net.in_link[k]));
  });
  std::vector<double> bound(g.firm_count());
  for (FirmId v = 0; v < g.firm_count(); ++v)
    bound[v] = std::min(1.0, down[v] + up[v] - m.weights()[v]) * (1 + 1e-9) + 1e-12;
  return bound;
}

}  // namespace qchain::engine
