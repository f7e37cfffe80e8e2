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

void reset(const Components& cs, std::uint32_t c, std::vector<double>& linear) {
  for (std::uint32_t k = cs.begin[c]; k < cs.begin[c + 1]; ++k) linear[cs.firms[k]] = kUnbounded;
}

// The linear bound y = ω + A y on one strong component, its neighbours beyond already bounded:
// y_v = b_v + Σ over links inside of a·y_w with b_v = ω_v + Σ over links leaving of a·y_w. Solved
// by Gauss–Seidel sweeps from y = b (which rise towards the least solution, the Neumann series);
// the result, widened, is kept only if it is a super-solution (ŷ ≥ b + A ŷ), since any finite
// super-solution bounds the least solution from above. A component whose series diverges (the
// coefficients round a cycle multiply to 1 or more), or whose kSweeps sweeps leave it short of a
// super-solution, stays unbounded.
template <class Neighbours>
void solve_component(const Components& cs, std::uint32_t c, const std::vector<std::uint32_t>& comp,
                     const std::vector<double>& omega, Neighbours next, std::vector<double>& linear,
                     std::vector<double>& b) {
  constexpr int kSweeps = 200;
  constexpr double kGiveUp = 1e6;  // far past any useful bound (an index is at most 1)
  const std::uint32_t begin = cs.begin[c], end = cs.begin[c + 1];
  b.resize(end - begin);
  for (std::uint32_t k = begin; k < end; ++k) {
    const FirmId v = cs.firms[k];
    double y = omega[v];
    next(v, [&](FirmId w, double a) {
      if (a > 0 && comp[w] != c) y += a * linear[w];  // infinite once an unbounded part lies beyond
    });
    if (!(y < kGiveUp)) return;
    b[k - begin] = y;
  }
  if (end - begin == 1) {  // no links inside: the builder rejects a firm supplying itself
    linear[cs.firms[begin]] = b[0];
    return;
  }
  for (std::uint32_t k = begin; k < end; ++k) linear[cs.firms[k]] = b[k - begin];
  const auto inside = [&](FirmId v) {
    double y = 0;
    next(v, [&](FirmId w, double a) { if (a > 0 && comp[w] == c) y += a * linear[w]; });
    return y;
  };
  bool settled = false;
  for (int sweep = 0; sweep < kSweeps && !settled; ++sweep) {
    settled = true;
    for (std::uint32_t k = begin; k < end; ++k) {
      const FirmId v = cs.firms[k];
      const double y = b[k - begin] + inside(v);
      if (!(y < kGiveUp)) return reset(cs, c, linear);
      if (y > linear[v] * (1 + 1e-13)) settled = false;
      linear[v] = y;
    }
  }
  for (std::uint32_t k = begin; k < end; ++k) linear[cs.firms[k]] = linear[cs.firms[k]] * (1 + 1e-9) + 1e-15;
  for (std::uint32_t k = begin; k < end; ++k)
    if (b[k - begin] + inside(cs.firms[k]) > linear[cs.firms[k]]) return reset(cs, c, linear);
}

// One direction: `next` lists a firm's neighbours in that direction with the link's coefficient.
// Components are visited so that every neighbour's component is done first.
template <class Neighbours>
std::vector<double> direction_bound(const ProductionModel& m, const Components& cs, bool downstream, Neighbours next) {
  const std::vector<std::uint32_t>& comp = m.components();
  const std::vector<double>& omega = m.weights();
  std::vector<double> reach(cs.count, 0.0), linear(comp.size(), kUnbounded), out(comp.size(), 0.0);
  std::vector<double> scratch;
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
    solve_component(cs, c, comp, omega, next, linear, scratch);
  }
  for (FirmId v = 0; v < comp.size(); ++v) out[v] = std::min(reach[comp[v]], linear[v]);
  return out;
}

}  // namespace

SystemicBoundParts systemic_bound_parts(const ProductionModel& m) {
  const SupplyNetwork& net = m.chain().network();
  const Components cs = group(m.components());
  SystemicBoundParts p;
  p.down = direction_bound(m, cs, true, [&](FirmId v, auto&& visit) {
    for (std::uint32_t o = net.out_begin[v]; o < net.out_begin[v + 1]; ++o)
      visit(net.out_customer[o], m.supply_coefficient(net.out_link[o]));
  });
  p.up = direction_bound(m, cs, false, [&](FirmId v, auto&& visit) {
    for (std::uint32_t k = net.in_begin[v]; k < net.in_begin[v + 1]; ++k)
      visit(net.in_supplier[k], m.demand_coefficient(net.in_link[k]));
  });
  return p;
}

std::vector<double> systemic_bound(const ProductionModel& m) {
  const SystemicBoundParts p = systemic_bound_parts(m);
  std::vector<double> bound(p.down.size());
  for (FirmId v = 0; v < bound.size(); ++v) bound[v] = combine_systemic_bound(p.down[v], p.up[v], m.weights()[v]);
  return bound;
}

}  // namespace qchain::engine
