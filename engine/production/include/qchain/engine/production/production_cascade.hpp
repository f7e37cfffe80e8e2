#pragma once
// The production (disruption) channel: the generalized-Leontief cascade of Diem, Borsos, Reisch,
// Kertész & Thurner, "Quantifying firm-level economic systemic risk from nation-wide supply
// networks", Scientific Reports 12:7719 (2022) — the ESRI model — extended with decertified links
// and additive perturbations (docs/production-model.md has the equations as implemented).
//
// Levels only fall from 1 − ψ, so a run starts from the shocked firms and touches only what they
// reach, with running sums per input and per firm; a Cascade object resets only what it touched, so
// millions of single-firm runs stay cheap. Drops flow along the condensation of the supply graph:
// strong components are settled in topological order (suppliers first downstream, customers first
// upstream), so a firm outside cycles is recomputed once, after every drop that can reach it has
// arrived, and only inside a strong component are its waiting firms swept again and again, in a
// fixed order (Gauss–Seidel), until no drop exceeds kTolerance. Drops that leave a component thus
// leave it once, summed, instead of once per round of the cycle.
#include <cstdint>
#include <utility>
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
    // The firms waiting for a recompute in one direction, as bits over positions in that direction's
    // order (with one summary bit per word), so the next waiting firm in topological order is found
    // in a few word reads and no heap is needed.
    class Waiting {
     public:
      void size(std::uint32_t n);
      void mark(std::uint32_t p);
      void unmark(std::uint32_t p);
      std::uint32_t next(std::uint32_t p) const;  // first marked position ≥ p, or n
     private:
      std::uint32_t n_ = 0;
      std::vector<std::uint64_t> bits_, summary_;
    };

    void reset();
    void touch(graphs::FirmId v);
    void lose_supply(graphs::FirmId c, std::uint32_t group, double amount);
    double lower_down(graphs::FirmId v);
    double lower_up(graphs::FirmId u);
    void pass_down(double drop, std::uint32_t from, std::uint32_t to);
    void pass_up(double drop, std::uint32_t from, std::uint32_t to);
    void queue_down(graphs::FirmId v) { down_.mark(m_.position_[v]); }
    void queue_up(graphs::FirmId v) { up_.mark(m_.firm_count_ - 1 - m_.position_[v]); }
    void settle(bool upstream);

    const ProductionModel& m_;
    std::vector<double> hd_, hu_, psi_, perturb_, group_avail_, ness_loss_, demand_loss_;
    std::vector<double> essential_min_;  // per firm: the least available share of its essential inputs
    std::vector<std::uint8_t> in_touched_, group_touched_, cut_;
    std::vector<graphs::FirmId> touched_;
    Waiting down_, up_;
    bool any_cut_ = false;
    // The firms of the component being settled that fell, with their level before it; stamp_ marks
    // them for this component (epoch_).
    std::vector<std::pair<graphs::FirmId, double>> fallen_;
    std::vector<std::uint32_t> stamp_;
    std::uint32_t epoch_ = 0;
    std::uint64_t link_visits_ = 0;
    std::vector<std::uint32_t> groups_touched_;
    std::vector<graphs::LinkId> cut_links_;
  };

 private:
  friend class Cascade;
  // What a drop of a firm's level does along one of its links, packed for the cascade's inner
  // loops (links that pass nothing on are left out).
  static constexpr std::uint32_t kWeighted = 0xffffffffu;
  struct DownLink {
    graphs::FirmId customer;
    std::uint32_t group;  // the essential input it feeds, or kWeighted for a non-essential weight
    double coefficient;   // ŝ_uv (1 − o_vi) or w_uv
  };
  struct UpLink {
    graphs::FirmId supplier;
    double sigma;
  };
  void order_within_components();
  void pack_links();

  const graphs::ChainGraph& g_;
  std::uint32_t firm_count_ = 0;
  std::vector<double> ness_weight_;  // per link: w_uv for non-essential links (0 for essential ones)
  std::vector<double> sigma_;        // per link: σ_uv, the customer's share of the supplier's sales
  std::vector<double> share_;        // per link: normalised share within its input
  std::vector<double> omega_;
  // Per firm: its strong component, numbered upstream first (graphs::strong_components).
  std::vector<std::uint32_t> component_;
  // Firms grouped by component in topological order (the sweep order within one), each firm's
  // position in it, and each component's first position (count + 1 offsets).
  std::vector<graphs::FirmId> order_;
  std::vector<std::uint32_t> position_, component_begin_;
  // Per firm, into down_links_ / up_links_: its links, those within its strong component first
  // (up to the split).
  std::vector<std::uint32_t> down_begin_, up_begin_, down_split_, up_split_;
  std::vector<DownLink> down_links_;
  std::vector<graphs::LinkId> down_link_id_;  // beside down_links_: read only when a run cuts links
  std::vector<UpLink> up_links_;
  OutputWeights weights_used_ = OutputWeights::uniform;
};

}  // namespace qchain::engine
