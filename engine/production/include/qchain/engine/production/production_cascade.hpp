#pragma once
// The production (disruption) channel: the generalized-Leontief cascade of Diem, Borsos, Reisch,
// Kertész & Thurner, "Quantifying firm-level economic systemic risk from nation-wide supply
// networks", Scientific Reports 12:7719 (2022) — the ESRI model — extended with decertified links
// and additive perturbations (docs/production-model.md has the equations as implemented).
//
// Levels only fall from 1 − ψ, so the cascade is run as a worklist from the shocked firms, with
// running sums per input and per firm: a small shock touches only the firms it reaches, and a
// Cascade object resets only what it touched, so millions of single-firm runs stay cheap. The
// worklist holds a firm at most once, so the drops that reach a hub while it waits are passed on
// together; within a cycle drops circulate until none exceeds kTolerance.
#include <cstdint>
#include <vector>

#include "qchain/graphs/chain.hpp"

namespace qchain::engine {

enum class OutputWeights { automatic, revenue, output, uniform };

// A production level h within kStopSlack of 0 counts as a stop, and one within it of 1 as no loss:
// the cascade's running sums leave rounding dust (around kTolerance) that must not read as either.
inline constexpr double kStopSlack = 1e-9;
inline bool is_stopped(double level) { return level < kStopSlack; }
// Any loss of output, stops included.
inline bool has_lost_output(double level) { return level < 1.0 - kStopSlack; }

struct ProductionShock {
  std::vector<std::pair<graphs::FirmId, double>> psi;      // firm, production lost (1 − level)
  std::vector<std::pair<graphs::FirmId, double>> perturb;  // firm, inoperability c_v
  std::vector<graphs::LinkId> cut;                         // links that stop delivering
};

// Keeps a reference to the chain, which must outlive the model.
class ProductionModel {
 public:
  static constexpr double kTolerance = 1e-12;

  explicit ProductionModel(const graphs::ChainGraph& g, OutputWeights weights = OutputWeights::automatic);

  const graphs::ChainGraph& chain() const { return g_; }
  const std::vector<double>& weights() const { return omega_; }  // ω, sums to 1
  OutputWeights weights_used() const { return weights_used_; }
  // Per link: how much of a unit drop of its supplier's level its customer can lose through it (the
  // non-essential weight w_uv, or the essential share ŝ_uv (1 − o_vi); 0 for a non-essential link
  // without weight), and σ_uv, how much of a unit drop of the customer's demand its supplier loses.
  double supply_coefficient(graphs::LinkId e) const;
  double demand_coefficient(graphs::LinkId e) const { return sigma_[e]; }
  const std::vector<std::uint32_t>& components() const { return component_; }  // strong component per firm

  // One run's state; reusable across runs (only what a run touched is reset). Keeps a reference to
  // the model, which must outlive it.
  class Cascade {
   public:
    explicit Cascade(const ProductionModel& m);
    void run(const ProductionShock& shock);
    double hd(graphs::FirmId v) const { return hd_[v]; }
    double hu(graphs::FirmId v) const { return hu_[v]; }
    double level(graphs::FirmId v, bool upstream) const { return upstream ? std::min(hd_[v], hu_[v]) : hd_[v]; }
    // Σ_v ω_v (1 − h_v) for h = min(hd, hu), hd alone, hu alone.
    double loss() const;
    double down_loss() const;
    double up_loss() const;
    const std::vector<graphs::FirmId>& touched() const { return touched_; }  // firms whose level may be below 1
    // Links looked at by the last run (each pass of a drop along a link counts once): what the bench
    // compares with the links of the subgraph the run reached.
    std::uint64_t link_visits() const { return link_visits_; }

   private:
    void reset();
    void touch(graphs::FirmId v);
    void recompute_down(graphs::FirmId v);
    void recompute_up(graphs::FirmId v);
    void queue_down(graphs::FirmId v);
    void queue_up(graphs::FirmId v);

    const ProductionModel& m_;
    std::vector<double> hd_, hu_, psi_, perturb_, group_avail_, ness_loss_, demand_loss_;
    std::vector<std::uint8_t> in_touched_, group_touched_, cut_, queued_down_, queued_up_;
    std::vector<graphs::FirmId> touched_;
    // FIFO worklists holding a firm at most once: drops that reach it while it waits are summed
    // and passed on in one recompute.
    std::vector<graphs::FirmId> down_queue_, up_queue_;
    std::uint64_t link_visits_ = 0;
    std::vector<std::uint32_t> groups_touched_;
    std::vector<graphs::LinkId> cut_links_;
  };

 private:
  friend class Cascade;
  const graphs::ChainGraph& g_;
  std::vector<double> ness_weight_;  // per link: w_uv for non-essential links (0 for essential ones)
  std::vector<double> sigma_;        // per link: σ_uv, the customer's share of the supplier's sales
  std::vector<double> share_;        // per link: normalised share within its input
  std::vector<double> omega_;
  // Per firm: its strong component, numbered upstream first (graphs::strong_components).
  std::vector<std::uint32_t> component_;
  OutputWeights weights_used_ = OutputWeights::uniform;
};

}  // namespace qchain::engine
