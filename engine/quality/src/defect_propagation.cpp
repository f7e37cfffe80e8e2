#include "qchain/engine/quality/defect_propagation.hpp"

#include <algorithm>
#include <cmath>

#include "qchain/core/error.hpp"

namespace qchain::engine {

using namespace qchain::graphs;

DefectPropagator::DefectPropagator(const ChainGraph& g, const StrongComponentsResult& scc, const std::vector<double>* detection)
    : g_(g) {
  const SupplyNetwork& net = g.network();
  if (detection && detection->size() != g.firm_count()) throw UsageError("defect propagation: one detection per firm expected");
  pass_.resize(g.firm_count());
  for (FirmId v = 0; v < g.firm_count(); ++v) pass_[v] = 1.0 - (detection ? (*detection)[v] : g.detection_of(v));
  weight_.resize(net.in_link.size());
  in_pos_.assign(g.link_count(), kNone);
  for (std::size_t k = 0; k < net.in_link.size(); ++k) {
    weight_[k] = net.in_share[k] * (1.0 - g.link(net.in_link[k]).inspection);
    in_pos_[net.in_link[k]] = static_cast<std::uint32_t>(k);
  }
  // Components by tier, then by their first firm: a topological order that keeps firms numbered
  // upstream-first (the usual case) in nearly sequential order, which the passes' memory access likes.
  std::vector<std::uint32_t> tier(scc.count, 0);
  for (std::uint32_t c = 0; c < scc.count; ++c)
    for (std::uint32_t k = scc.begin[c]; k < scc.begin[c + 1]; ++k) {
      const FirmId v = scc.firms[k];
      for (FirmId w : g.customers_of(v)) {
        const std::uint32_t d = scc.component[w];
        if (d != c) tier[d] = std::max(tier[d], tier[c] + 1);
      }
    }
  std::vector<std::uint32_t> comps(scc.count);
  for (std::uint32_t c = 0; c < scc.count; ++c) comps[c] = c;
  std::stable_sort(comps.begin(), comps.end(), [&](std::uint32_t a, std::uint32_t b) {
    return tier[a] != tier[b] ? tier[a] < tier[b] : scc.firms[scc.begin[a]] < scc.firms[scc.begin[b]];
  });
  order_.reserve(g.firm_count());
  comp_begin_.reserve(scc.count + 1);
  for (std::uint32_t c : comps) {
    comp_begin_.push_back(static_cast<std::uint32_t>(order_.size()));
    order_.insert(order_.end(), scc.firms.begin() + scc.begin[c], scc.firms.begin() + scc.begin[c + 1]);
  }
  comp_begin_.push_back(static_cast<std::uint32_t>(order_.size()));

  plan_firm_.reserve(order_.size() + 1);
  plan_group_.reserve(net.group_essential.size() + 1);
  plan_supplier_.reserve(net.in_link.size());
  plan_weight_.reserve(net.in_link.size());
  for (FirmId v : order_) {
    plan_firm_.push_back(static_cast<std::uint32_t>(plan_group_.size()));
    for (std::uint32_t grp = net.firm_group_begin[v]; grp < net.firm_group_begin[v + 1]; ++grp) {
      plan_group_.push_back(static_cast<std::uint32_t>(plan_supplier_.size()));
      for (std::uint32_t k = net.group_begin[grp]; k < net.group_begin[grp + 1]; ++k) {
        plan_supplier_.push_back(net.in_supplier[k]);
        plan_weight_.push_back(weight_[k]);
      }
    }
  }
  plan_firm_.push_back(static_cast<std::uint32_t>(plan_group_.size()));
  plan_group_.push_back(static_cast<std::uint32_t>(plan_supplier_.size()));

  // Flat per-tier arrays for the acyclic firms; cyclic components listed per tier.
  const std::uint32_t tiers = comps.empty() ? 0 : tier[comps.back()] + 1;
  std::size_t c = 0;
  for (std::uint32_t t = 0; t < tiers; ++t) {
    tier_firm_.push_back(static_cast<std::uint32_t>(flat_firm_.size()));
    tier_group_.push_back(static_cast<std::uint32_t>(flat_group_firm_.size()));
    tier_link_.push_back(static_cast<std::uint32_t>(flat_supplier_.size()));
    tier_cycles_.push_back(static_cast<std::uint32_t>(cyclic_.size()));
    for (; c < comps.size() && tier[comps[c]] == t; ++c) {
      const std::uint32_t pos = comp_begin_[c];
      if (comp_begin_[c + 1] - pos > 1) {
        cyclic_.push_back(static_cast<std::uint32_t>(c));
        continue;
      }
      const auto local = static_cast<std::uint32_t>(flat_firm_.size());
      flat_firm_.push_back(order_[pos]);
      for (std::uint32_t grp = plan_firm_[pos]; grp < plan_firm_[pos + 1]; ++grp) {
        const auto gi = static_cast<std::uint32_t>(flat_group_firm_.size());
        flat_group_firm_.push_back(local);
        for (std::uint32_t k = plan_group_[grp]; k < plan_group_[grp + 1]; ++k) {
          flat_link_group_.push_back(gi);
          flat_supplier_.push_back(plan_supplier_[k]);
          flat_weight_.push_back(plan_weight_[k]);
        }
      }
    }
  }
  tier_firm_.push_back(static_cast<std::uint32_t>(flat_firm_.size()));
  tier_group_.push_back(static_cast<std::uint32_t>(flat_group_firm_.size()));
  tier_link_.push_back(static_cast<std::uint32_t>(flat_supplier_.size()));
  tier_cycles_.push_back(static_cast<std::uint32_t>(cyclic_.size()));
}

double DefectPropagator::delivered_at(std::uint32_t pos, const std::vector<double>& own, const std::vector<double>& pass,
                                      const std::vector<double>& d, double& intake) const {
  double good = 1.0;
  for (std::uint32_t grp = plan_firm_[pos]; grp < plan_firm_[pos + 1]; ++grp) {
    double e = 0.0;
    for (std::uint32_t k = plan_group_[grp]; k < plan_group_[grp + 1]; ++k) e += plan_weight_[k] * d[plan_supplier_[k]];
    good *= 1.0 - e;
  }
  const FirmId v = order_[pos];
  intake = pass[v] * good;
  return pass[v] * (1.0 - (1.0 - own[v]) * good);
}

// Convergence inside a cycle. The map T(d)_v = (1 − η_v) [1 − (1 − p_v) Π_i (1 − Σ ŝ d_u (1 − c))]
// sends [0,1]^n into itself and is monotone: raising any d_u raises no e_vi less and so every T_v.
// Starting from d = (1 − η) p, which is below every fixed point because T(d)_v ≥ (1 − η_v) p_v for
// all d, the Gauss-Seidel sweeps therefore rise monotonically and are bounded by 1, so they converge
// (to the least fixed point, the one reached by letting defects in from their origins; Kleene /
// Tarski). Near it the error shrinks by the spectral radius of ∂T/∂d, at most
// max_v (1 − η_v)(1 − p_v) Σ_{in-cycle links} ŝ (1 − c) < 1 whenever each firm of the cycle detects
// some defects, has some own defects, or draws part of its inputs from outside the cycle.
// Sweeps stop at a change of at most kTolerance; `converged` reports a component that did not.
Propagation DefectPropagator::forward_with_detection(const std::vector<double>& own, const std::vector<double>& detection) const {
  if (detection.size() != g_.firm_count()) throw UsageError("defect propagation: one detection per firm expected");
  std::vector<double> pass(detection.size());
  for (std::size_t v = 0; v < pass.size(); ++v) pass[v] = 1.0 - detection[v];
  return forward(own, pass);
}

Propagation DefectPropagator::forward(const std::vector<double>& own, const std::vector<double>& pass) const {
  forward_passes_.fetch_add(1, std::memory_order_relaxed);
  Propagation r;
  const std::size_t n = g_.firm_count();
  r.delivered.assign(n, 0.0);
  r.intake.assign(n, 1.0);
  std::vector<double>& d = r.delivered;
  std::vector<double> e(flat_group_firm_.size()), good(flat_firm_.size());
  for (std::size_t t = 0; t + 1 < tier_firm_.size(); ++t) {
    std::fill(e.begin() + tier_group_[t], e.begin() + tier_group_[t + 1], 0.0);
    for (std::uint32_t k = tier_link_[t]; k < tier_link_[t + 1]; ++k) e[flat_link_group_[k]] += flat_weight_[k] * d[flat_supplier_[k]];
    std::fill(good.begin() + tier_firm_[t], good.begin() + tier_firm_[t + 1], 1.0);
    for (std::uint32_t grp = tier_group_[t]; grp < tier_group_[t + 1]; ++grp) good[flat_group_firm_[grp]] *= 1.0 - e[grp];
    for (std::uint32_t j = tier_firm_[t]; j < tier_firm_[t + 1]; ++j) {
      const FirmId v = flat_firm_[j];
      r.intake[v] = pass[v] * good[j];
      d[v] = pass[v] * (1.0 - (1.0 - own[v]) * good[j]);
    }
    for (std::uint32_t x = tier_cycles_[t]; x < tier_cycles_[t + 1]; ++x) {
      const std::uint32_t b = comp_begin_[cyclic_[x]], end = comp_begin_[cyclic_[x] + 1];
      for (std::uint32_t k = b; k < end; ++k) d[order_[k]] = pass[order_[k]] * own[order_[k]];
      std::uint32_t sweeps = 0;
      for (double change = 1.0; change > kTolerance;) {
        if (++sweeps > kMaxSweeps) {
          r.converged = false;
          break;
        }
        change = 0.0;
        for (std::uint32_t k = b; k < end; ++k) {
          const FirmId v = order_[k];
          const double next = delivered_at(k, own, pass, d, r.intake[v]);
          change = std::max(change, std::fabs(next - d[v]));
          d[v] = next;
        }
      }
      r.sweeps = std::max(r.sweeps, sweeps);
    }
  }
  return r;
}

DefectPropagator::Linearisation DefectPropagator::linearise(const std::vector<double>& own, const Propagation& state) const {
  const SupplyNetwork& net = g_.network();
  std::vector<double> in_coef(net.in_link.size(), 0.0);
  std::vector<double> e, prefix, suffix;
  for (FirmId w = 0; w < g_.firm_count(); ++w) {
    const std::uint32_t g0 = net.firm_group_begin[w], g1 = net.firm_group_begin[w + 1];
    const std::uint32_t groups = g1 - g0;
    e.assign(groups, 0.0);
    for (std::uint32_t i = 0; i < groups; ++i)
      for (std::uint32_t k = net.group_begin[g0 + i]; k < net.group_begin[g0 + i + 1]; ++k)
        e[i] += weight_[k] * state.delivered[net.in_supplier[k]];
    // Π_{j≠i} (1 − e_j) by prefix and suffix products: no division, exact when some e_j = 1.
    prefix.assign(groups + 1, 1.0);
    suffix.assign(groups + 1, 1.0);
    for (std::uint32_t i = 0; i < groups; ++i) prefix[i + 1] = prefix[i] * (1.0 - e[i]);
    for (std::uint32_t i = groups; i-- > 0;) suffix[i] = suffix[i + 1] * (1.0 - e[i]);
    for (std::uint32_t i = 0; i < groups; ++i) {
      const double r = pass_[w] * (1.0 - own[w]) * prefix[i] * suffix[i + 1];
      for (std::uint32_t k = net.group_begin[g0 + i]; k < net.group_begin[g0 + i + 1]; ++k) in_coef[k] = r * weight_[k];
    }
  }
  Linearisation lin;
  lin.out_coef.resize(net.out_link.size());
  for (std::size_t o = 0; o < net.out_link.size(); ++o) lin.out_coef[o] = in_coef[in_pos_[net.out_link[o]]];
  return lin;
}

std::vector<double> DefectPropagator::sensitivity(const Linearisation& lin, const Propagation& state, FirmId target) const {
  const SupplyNetwork& net = g_.network();
  std::vector<double> lambda(g_.firm_count(), 0.0);
  const auto gather = [&](FirmId u) {
    double s = u == target ? 1.0 : 0.0;
    for (std::uint32_t o = net.out_begin[u]; o < net.out_begin[u + 1]; ++o) s += lin.out_coef[o] * lambda[net.out_customer[o]];
    return s;
  };
  for (std::size_t c = comp_begin_.size() - 1; c-- > 0;) {
    const std::uint32_t b = comp_begin_[c], e = comp_begin_[c + 1];
    if (e - b == 1) {
      lambda[order_[b]] = gather(order_[b]);
      continue;
    }
    // λ = e_L + Jᵀλ inside the cycle: the same monotone iteration from below as the forward pass.
    for (std::uint32_t sweeps = 0; sweeps < kMaxSweeps; ++sweeps) {
      double change = 0.0, size = 1.0;
      for (std::uint32_t k = e; k-- > b;) {
        const FirmId u = order_[k];
        const double next = gather(u);
        change = std::max(change, std::fabs(next - lambda[u]));
        size = std::max(size, std::fabs(next));
        lambda[u] = next;
      }
      if (change <= kTolerance * size) break;
    }
  }
  for (FirmId u = 0; u < g_.firm_count(); ++u) lambda[u] *= state.intake[u];
  return lambda;
}

}  // namespace qchain::engine
