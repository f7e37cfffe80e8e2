#include "qchain/engine/production/production_cascade.hpp"

#include <algorithm>
#include <cmath>

#include "qchain/graphs/strong_components.hpp"

namespace qchain::engine {

using namespace qchain::graphs;

ProductionModel::ProductionModel(const ChainGraph& g, OutputWeights weights) : g_(g) {
  const SupplyNetwork& net = g.network();
  const std::uint32_t n = g.firm_count();
  const auto value = [&](LinkId e) { return std::isnan(g.link(e).value) ? 1.0 : g.link(e).value; };
  std::vector<double> in_value(n, 0.0), out_value(n, 0.0);
  for (LinkId e = 0; e < g.link_count(); ++e) {
    in_value[g.link(e).customer] += value(e);
    out_value[g.link(e).supplier] += value(e);
  }
  share_.assign(g.link_count(), 0.0);
  // What sources outside the chain supply of an input is never lost: the recorded sources carry
  // only their own shares of it.
  for (std::size_t k = 0; k < net.in_link.size(); ++k)
    share_[net.in_link[k]] = net.in_share[k] * (1.0 - net.group_outside[net.link_group[net.in_link[k]]]);
  ness_weight_.assign(g.link_count(), 0.0);
  sigma_.assign(g.link_count(), 0.0);
  for (LinkId e = 0; e < g.link_count(); ++e) {
    const SupplyLink& l = g.link(e);
    if (!l.essential)
      ness_weight_[e] = std::isnan(l.weight) ? (in_value[l.customer] > 0 ? value(e) / in_value[l.customer] : 0.0) : l.weight;
    const double revenue = g.firm(l.supplier).revenue;
    // ESRI's convention: the customer's share of the supplier's sales.
    sigma_[e] = !std::isnan(revenue) && revenue > 0 ? std::min(1.0, value(e) / revenue)
                                                    : (out_value[l.supplier] > 0 ? value(e) / out_value[l.supplier] : 0.0);
  }
  bool all_revenue = n > 0;
  for (const Firm& f : g.firms()) all_revenue = all_revenue && !std::isnan(f.revenue) && f.revenue > 0;
  weights_used_ = weights == OutputWeights::automatic ? (all_revenue ? OutputWeights::revenue : OutputWeights::output) : weights;
  if (weights_used_ == OutputWeights::revenue && !all_revenue) weights_used_ = OutputWeights::output;
  omega_.assign(n, 0.0);
  double total = 0.0;
  for (FirmId v = 0; v < n; ++v) {
    omega_[v] = weights_used_ == OutputWeights::revenue ? g.firm(v).revenue
                : weights_used_ == OutputWeights::output ? out_value[v]
                                                         : 1.0;
    total += omega_[v];
  }
  for (double& w : omega_) w = total > 0 ? w / total : 0.0;
  component_ = strong_components(g).component;
}

double ProductionModel::supply_coefficient(LinkId e) const {
  if (ness_weight_[e] > 0) return ness_weight_[e];
  return g_.network().group_essential[g_.network().link_group[e]] ? share_[e] : 0.0;
}

ProductionModel::Cascade::Cascade(const ProductionModel& m) : m_(m) {
  const std::uint32_t n = m.g_.firm_count();
  const std::size_t groups = m.g_.network().group_essential.size();
  hd_.assign(n, 1.0);
  hu_.assign(n, 1.0);
  psi_.assign(n, 0.0);
  perturb_.assign(n, 0.0);
  ness_loss_.assign(n, 0.0);
  demand_loss_.assign(n, 0.0);
  in_touched_.assign(n, 0);
  group_avail_.assign(groups, 1.0);
  group_touched_.assign(groups, 0);
  cut_.assign(m.g_.link_count(), 0);
  queued_down_.assign(n, 0);
  queued_up_.assign(n, 0);
}

namespace {
}  // namespace

void ProductionModel::Cascade::queue_down(FirmId v) {
  if (queued_down_[v]) return;
  queued_down_[v] = 1;
  down_queue_.push_back(v);
}

void ProductionModel::Cascade::queue_up(FirmId v) {
  if (queued_up_[v]) return;
  queued_up_[v] = 1;
  up_queue_.push_back(v);
}

void ProductionModel::Cascade::touch(FirmId v) {
  if (!in_touched_[v]) in_touched_[v] = 1, touched_.push_back(v);
}

void ProductionModel::Cascade::reset() {
  for (FirmId v : touched_) {
    hd_[v] = hu_[v] = 1.0;
    psi_[v] = perturb_[v] = ness_loss_[v] = demand_loss_[v] = 0.0;
    in_touched_[v] = 0;
  }
  for (std::uint32_t grp : groups_touched_) group_avail_[grp] = 1.0, group_touched_[grp] = 0;
  for (LinkId e : cut_links_) cut_[e] = 0;
  touched_.clear();
  groups_touched_.clear();
  cut_links_.clear();
}

// hd_v = max(0, min(min over essential inputs of their available share,
//                   1 − c_v − Σ_non-essential w_uv (1 − hd_u avail_uv),  1 − ψ_v))
void ProductionModel::Cascade::recompute_down(FirmId v) {
  const SupplyNetwork& net = m_.g_.network();
  double h = std::min(1.0 - psi_[v], 1.0 - perturb_[v] - ness_loss_[v]);
  for (std::uint32_t grp = net.firm_group_begin[v]; grp < net.firm_group_begin[v + 1]; ++grp)
    if (net.group_essential[grp]) h = std::min(h, group_avail_[grp]);
  h = std::max(0.0, h);
  const double drop = hd_[v] - h;
  if (drop <= kTolerance) return;
  hd_[v] = h;
  link_visits_ += net.out_begin[v + 1] - net.out_begin[v];
  // Pass the drop on: customers lose that much of this supplier's share or weight.
  for (std::uint32_t o = net.out_begin[v]; o < net.out_begin[v + 1]; ++o) {
    const LinkId e = net.out_link[o];
    const FirmId c = net.out_customer[o];
    if (cut_[e]) continue;  // already counted as fully lost
    touch(c);
    if (m_.ness_weight_[e] > 0) {
      ness_loss_[c] += m_.ness_weight_[e] * drop;
    } else {
      const std::uint32_t grp = net.link_group[e];
      if (!net.group_essential[grp]) continue;
      if (!group_touched_[grp]) group_touched_[grp] = 1, groups_touched_.push_back(grp);
      group_avail_[grp] -= m_.share_[e] * drop;
    }
    queue_down(c);
  }
}

// hu_u = max(0, min(1 − ψ_u, 1 − Σ_v σ_uv (1 − hu_v)))
void ProductionModel::Cascade::recompute_up(FirmId u) {
  const SupplyNetwork& net = m_.g_.network();
  const double h = std::max(0.0, std::min(1.0 - psi_[u], 1.0 - demand_loss_[u]));
  const double drop = hu_[u] - h;
  if (drop <= kTolerance) return;
  hu_[u] = h;
  link_visits_ += net.in_begin[u + 1] - net.in_begin[u];
  for (std::uint32_t k = net.in_begin[u]; k < net.in_begin[u + 1]; ++k) {
    const FirmId s = net.in_supplier[k];
    touch(s);
    demand_loss_[s] += m_.sigma_[net.in_link[k]] * drop;
    queue_up(s);
  }
}

void ProductionModel::Cascade::run(const ProductionShock& shock) {
  reset();
  link_visits_ = 0;
  const SupplyNetwork& net = m_.g_.network();
  for (auto [v, x] : shock.psi) touch(v), psi_[v] = std::max(psi_[v], x), queue_down(v), queue_up(v);
  for (auto [v, x] : shock.perturb) touch(v), perturb_[v] = std::min(1.0, perturb_[v] + x), queue_down(v);
  for (LinkId e : shock.cut) {
    if (cut_[e]) continue;
    cut_[e] = 1;
    cut_links_.push_back(e);
    const FirmId c = m_.g_.link(e).customer;
    touch(c);
    // A cut link delivers nothing, whatever its supplier's level: remove its whole share now.
    const double lost = hd_[m_.g_.link(e).supplier];
    if (m_.ness_weight_[e] > 0) {
      ness_loss_[c] += m_.ness_weight_[e] * lost;
    } else {
      const std::uint32_t grp = net.link_group[e];
      if (!group_touched_[grp]) group_touched_[grp] = 1, groups_touched_.push_back(grp);
      group_avail_[grp] -= m_.share_[e] * lost;
    }
    queue_down(c);
  }
  // A firm leaves the queue before it is recomputed, so a drop it passes round a cycle back to
  // itself queues it again.
  for (std::size_t head = 0; head < down_queue_.size(); ++head) {
    const auto v = down_queue_[head];
    queued_down_[v] = 0;
    recompute_down(v);
  }
  for (std::size_t head = 0; head < up_queue_.size(); ++head) {
    const auto u = up_queue_[head];
    queued_up_[u] = 0;
    recompute_up(u);
  }
  down_queue_.clear();
  up_queue_.clear();
}

double ProductionModel::Cascade::loss() const {
  double s = 0;
  for (FirmId v : touched_) s += m_.omega_[v] * (1.0 - std::min(hd_[v], hu_[v]));
  return s;
}
double ProductionModel::Cascade::down_loss() const {
  double s = 0;
  for (FirmId v : touched_) s += m_.omega_[v] * (1.0 - hd_[v]);
  return s;
}
double ProductionModel::Cascade::up_loss() const {
  double s = 0;
  for (FirmId v : touched_) s += m_.omega_[v] * (1.0 - hu_[v]);
  return s;
}

}  // namespace qchain::engine
