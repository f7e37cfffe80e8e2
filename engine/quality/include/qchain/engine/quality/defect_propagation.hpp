#pragma once
// The defect propagation model (docs/quality-model.md).
//   Own defect rate p_v (first-pass failures). For each input i of v with sources S_i (shares ŝ
//   normalised within the input) the incoming escaped defect rate is
//   e_vi = Σ_{u∈S_i} ŝ_uv · d_u · (1 − c_uv), c = the link's inspection; the delivered defect rate is
//   d_v = (1 − η_v) · [1 − (1 − p_v) · Π_i (1 − e_vi)], η_v the firm's detection (the share of its
//   defective units its own inspection catches before delivery). With η = 0 every defect ships.
// Forward: one pass over the strongly connected components in topological order (tier, then id),
// iterating to a fixed point only inside components with a cycle. Adjoint: ∂d_L/∂p_u for every u by
// one reverse pass per target, λ = e_L + Jᵀλ with J = ∂d/∂d (cycles iterated the same way).
//
// Built once per chain and reused for every re-propagation (issue gains, scenarios, planning). Keeps a
// reference to the chain, which must outlive the propagator.
#include <atomic>
#include <cstdint>
#include <vector>

#include "qchain/graphs/chain.hpp"
#include "qchain/graphs/strong_components.hpp"

namespace qchain::engine {

struct Propagation {
  std::vector<double> delivered;  // d_v
  std::vector<double> intake;     // ∂d_v/∂p_v = (1 − η_v) · Π_i (1 − e_vi)
  bool converged = true;          // every cyclic component reached the tolerance
  std::uint32_t sweeps = 0;       // most sweeps any cyclic component needed
};

class DefectPropagator {
 public:
  static constexpr double kTolerance = 1e-12;
  static constexpr std::uint32_t kMaxSweeps = 100000;

  // `detection`, when given, replaces every firm's η (one value per firm; for sensitivity runs);
  // otherwise η_v = g.detection_of(v). Keeps references to g and nothing of scc.
  DefectPropagator(const graphs::ChainGraph& g, const graphs::StrongComponentsResult& scc,
                   const std::vector<double>* detection = nullptr);

  Propagation forward(const std::vector<double>& own) const { return forward(own, pass_); }
  // The same with other detections (one per firm), for the sensitivity of the figures to detection:
  // no second propagator to build.
  Propagation forward_with_detection(const std::vector<double>& own, const std::vector<double>& detection) const;

  // Coefficients of the adjoint for one state (own rates and their propagation): computed once,
  // shared by every target.
  struct Linearisation {
    std::vector<double> out_coef;  // per out-link position: ∂d_customer/∂d_supplier
  };
  Linearisation linearise(const std::vector<double>& own, const Propagation& state) const;

  // ∂d_target/∂p_u for every firm u (zero outside the target's supply base).
  std::vector<double> sensitivity(const Linearisation& lin, const Propagation& state, graphs::FirmId target) const;

  const graphs::ChainGraph& chain() const { return g_; }
  // Forward passes run so far (every re-propagation counts), so that a caller can show that a chain
  // was propagated no more often than its questions need.
  std::uint64_t forward_passes() const { return forward_passes_.load(std::memory_order_relaxed); }

 private:
  Propagation forward(const std::vector<double>& own, const std::vector<double>& pass) const;
  // d of the firm at position `pos` of order_, from the plan.
  double delivered_at(std::uint32_t pos, const std::vector<double>& own, const std::vector<double>& pass,
                      const std::vector<double>& d, double& intake) const;

  const graphs::ChainGraph& g_;
  mutable std::atomic<std::uint64_t> forward_passes_{0};
  std::vector<double> pass_;               // per firm: 1 − η, the share of its defective units that ship
  std::vector<double> weight_;             // per in-link position: ŝ · (1 − c)
  std::vector<graphs::FirmId> order_;      // firms, components in topological order
  std::vector<std::uint32_t> comp_begin_;  // components as ranges of order_
  std::vector<std::uint32_t> in_pos_;      // link id -> position in the in-link arrays
  // The forward plan: every firm's inputs laid out in processing order, so that the pass reads
  // memory sequentially except for the suppliers' d. Position p of order_ owns groups
  // [plan_firm_[p], plan_firm_[p+1]); group k owns links [plan_group_[k], plan_group_[k+1]).
  std::vector<std::uint32_t> plan_firm_, plan_group_;
  std::vector<graphs::FirmId> plan_supplier_;
  std::vector<double> plan_weight_;

  // The acyclic firms again, tier by tier, as flat arrays: within a tier no firm depends on another,
  // so each tier is three branch-free loops (sum per input, product per firm, delivered rate) instead
  // of nested loops of varying length. Tier t owns firms [tier_firm_[t], tier_firm_[t+1]) of
  // flat_firm_, inputs [tier_group_[t], ...) and links [tier_link_[t], ...).
  std::vector<std::uint32_t> tier_firm_, tier_group_, tier_link_;
  std::vector<graphs::FirmId> flat_firm_;
  std::vector<std::uint32_t> flat_group_firm_;  // per input: index into flat_firm_
  std::vector<std::uint32_t> flat_link_group_;  // per link: its input
  std::vector<graphs::FirmId> flat_supplier_;
  std::vector<double> flat_weight_;
  std::vector<std::uint32_t> tier_cycles_;      // per tier + 1: offsets into cyclic_
  std::vector<std::uint32_t> cyclic_;           // cyclic components (indices into comp_begin_) by tier
};

}  // namespace qchain::engine
