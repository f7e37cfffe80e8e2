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
  const StrongComponentsResult sc = strong_components(g);
  component_ = sc.component;
  order_ = sc.firms;
  component_begin_ = sc.begin;
  firm_count_ = n;
  order_within_components();
  position_.assign(n, 0);
  for (std::uint32_t p = 0; p < n; ++p) position_[order_[p]] = p;
  pack_links();
}

// Inside a strong component, suppliers before their customers as far as a cycle allows (reverse
// postorder of a depth-first search from its first firm), so that a downstream sweep passes most
// drops on in the same sweep, and an upstream sweep (the reverse order) most lost demand.
void ProductionModel::order_within_components() {
  const SupplyNetwork& net = g_.network();
  std::vector<std::uint8_t> seen(firm_count_, 0);
  std::vector<std::pair<FirmId, std::uint32_t>> stack;
  std::vector<FirmId> post;
  for (std::uint32_t c = 0; c + 1 < component_begin_.size(); ++c) {
    const std::uint32_t begin = component_begin_[c], end = component_begin_[c + 1];
    if (end - begin < 2) continue;
    post.clear();
    stack.assign(1, {order_[begin], net.out_begin[order_[begin]]});
    seen[order_[begin]] = 1;
    while (!stack.empty()) {
      auto& [v, o] = stack.back();
      if (o == net.out_begin[v + 1]) {
        post.push_back(v);
        stack.pop_back();
        continue;
      }
      const FirmId w = net.out_customer[o++];
      if (component_[w] == c && !seen[w]) seen[w] = 1, stack.emplace_back(w, net.out_begin[w]);
    }
    std::copy(post.rbegin(), post.rend(), order_.begin() + begin);
  }
}

// Each firm's links within its own strong component come first, so that the sweeps inside a cycle
// read only those, and the rest once, when the component has settled.
void ProductionModel::pack_links() {
  const SupplyNetwork& net = g_.network();
  down_begin_.assign(firm_count_ + 1, 0);
  down_split_.assign(firm_count_, 0);
  up_begin_.assign(firm_count_ + 1, 0);
  up_split_.assign(firm_count_, 0);
  for (FirmId v = 0; v < firm_count_; ++v) {
    for (const bool internal : {true, false}) {
      for (std::uint32_t o = net.out_begin[v]; o < net.out_begin[v + 1]; ++o) {
        const LinkId e = net.out_link[o];
        const FirmId c = net.out_customer[o];
        const std::uint32_t grp = net.link_group[e];
        if ((component_[c] == component_[v]) != internal) continue;
        if (ness_weight_[e] > 0)
          down_links_.push_back({c, kWeighted, ness_weight_[e]});
        else if (net.group_essential[grp] && share_[e] > 0)
          down_links_.push_back({c, grp, share_[e]});
        else
          continue;  // passes nothing on
        down_link_id_.push_back(e);
      }
      if (internal) down_split_[v] = static_cast<std::uint32_t>(down_links_.size());
      for (std::uint32_t k = net.in_begin[v]; k < net.in_begin[v + 1]; ++k) {
        const FirmId s = net.in_supplier[k];
        if ((component_[s] == component_[v]) == internal && sigma_[net.in_link[k]] > 0)
          up_links_.push_back({s, sigma_[net.in_link[k]]});
      }
      if (internal) up_split_[v] = static_cast<std::uint32_t>(up_links_.size());
    }
    down_begin_[v + 1] = static_cast<std::uint32_t>(down_links_.size());
    up_begin_[v + 1] = static_cast<std::uint32_t>(up_links_.size());
  }
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
  essential_min_.assign(n, 1.0);
  stamp_.assign(n, 0);
  demand_loss_.assign(n, 0.0);
  in_touched_.assign(n, 0);
  group_avail_.assign(groups, 1.0);
  group_touched_.assign(groups, 0);
  cut_.assign(m.g_.link_count(), 0);
  down_.size(n);
  up_.size(n);
}

void ProductionModel::Cascade::Waiting::size(std::uint32_t n) {
  n_ = n;
  bits_.assign((n + 63) / 64, 0);
  summary_.assign((bits_.size() + 63) / 64, 0);
}

void ProductionModel::Cascade::Waiting::mark(std::uint32_t p) {
  bits_[p >> 6] |= std::uint64_t{1} << (p & 63);
  summary_[p >> 12] |= std::uint64_t{1} << ((p >> 6) & 63);
}

void ProductionModel::Cascade::Waiting::unmark(std::uint32_t p) {
  std::uint64_t& w = bits_[p >> 6];
  w &= ~(std::uint64_t{1} << (p & 63));
  if (w == 0) summary_[p >> 12] &= ~(std::uint64_t{1} << ((p >> 6) & 63));
}

std::uint32_t ProductionModel::Cascade::Waiting::next(std::uint32_t p) const {
  if (p >= n_) return n_;
  std::uint32_t w = p >> 6;
  const std::uint64_t here = bits_[w] & (~std::uint64_t{0} << (p & 63));
  if (here) return (w << 6) + static_cast<std::uint32_t>(__builtin_ctzll(here));
  ++w;
  if (w >= bits_.size()) return n_;
  std::uint32_t s = w >> 6;
  std::uint64_t words = summary_[s] & (~std::uint64_t{0} << (w & 63));
  while (!words) {
    if (++s >= summary_.size()) return n_;
    words = summary_[s];
  }
  w = (s << 6) + static_cast<std::uint32_t>(__builtin_ctzll(words));
  return (w << 6) + static_cast<std::uint32_t>(__builtin_ctzll(bits_[w]));
}

void ProductionModel::Cascade::touch(FirmId v) {
  if (!in_touched_[v]) in_touched_[v] = 1, touched_.push_back(v);
}

void ProductionModel::Cascade::reset() {
  for (FirmId v : touched_) {
    hd_[v] = hu_[v] = 1.0;
    psi_[v] = perturb_[v] = ness_loss_[v] = demand_loss_[v] = 0.0;
    essential_min_[v] = 1.0;
    in_touched_[v] = 0;
  }
  for (std::uint32_t grp : groups_touched_) group_avail_[grp] = 1.0, group_touched_[grp] = 0;
  for (LinkId e : cut_links_) cut_[e] = 0;
  touched_.clear();
  groups_touched_.clear();
  cut_links_.clear();
  any_cut_ = false;
}

void ProductionModel::Cascade::lose_supply(FirmId c, std::uint32_t grp, double amount) {
  if (!group_touched_[grp]) group_touched_[grp] = 1, groups_touched_.push_back(grp);
  group_avail_[grp] -= amount;
  // Available shares only fall, so the least of a firm's is kept as they fall.
  essential_min_[c] = std::min(essential_min_[c], group_avail_[grp]);
}

// hd_v = max(0, min(min over essential inputs of their available share,
//                   1 − c_v − Σ_non-essential w_uv (1 − hd_u avail_uv),  1 − ψ_v))
// Returns the drop taken, 0 when it is at most kTolerance: what is held back stays in the running
// sums and leaves with the firm's next drop.
double ProductionModel::Cascade::lower_down(FirmId v) {
  const double h = std::max(0.0, std::min({1.0 - psi_[v], 1.0 - perturb_[v] - ness_loss_[v], essential_min_[v]}));
  const double drop = hd_[v] - h;
  if (drop <= kTolerance) return 0.0;
  hd_[v] = h;
  return drop;
}

// Customers lose `drop` times this supplier's share or weight, along links [from, to).
void ProductionModel::Cascade::pass_down(double drop, std::uint32_t from, std::uint32_t to) {
  link_visits_ += to - from;
  for (std::uint32_t o = from; o < to; ++o) {
    const DownLink& l = m_.down_links_[o];
    if (any_cut_ && cut_[m_.down_link_id_[o]]) continue;  // already counted as fully lost
    touch(l.customer);
    if (l.group == kWeighted)
      ness_loss_[l.customer] += l.coefficient * drop;
    else
      lose_supply(l.customer, l.group, l.coefficient * drop);
    queue_down(l.customer);
  }
}

// hu_u = max(0, min(1 − ψ_u, 1 − Σ_v σ_uv (1 − hu_v)))
double ProductionModel::Cascade::lower_up(FirmId u) {
  const double h = std::max(0.0, std::min(1.0 - psi_[u], 1.0 - demand_loss_[u]));
  const double drop = hu_[u] - h;
  if (drop <= kTolerance) return 0.0;
  hu_[u] = h;
  return drop;
}

void ProductionModel::Cascade::pass_up(double drop, std::uint32_t from, std::uint32_t to) {
  link_visits_ += to - from;
  for (std::uint32_t k = from; k < to; ++k) {
    const UpLink& l = m_.up_links_[k];
    touch(l.supplier);
    demand_loss_[l.supplier] += l.sigma * drop;
    queue_up(l.supplier);
  }
}

// Components in topological order of the direction. A lone firm is recomputed once, after all its
// drops have come, and passes its drop along all its links. A cycle's waiting firms are swept in
// position order, round and round, passing drops only along the cycle's own links, until none
// waits; then each firm that fell passes its whole fall along its other links, once.
void ProductionModel::Cascade::settle(bool upstream) {
  Waiting& w = upstream ? up_ : down_;
  std::vector<double>& level = upstream ? hu_ : hd_;
  const std::vector<std::uint32_t>& begin_of = upstream ? m_.up_begin_ : m_.down_begin_;
  const std::vector<std::uint32_t>& split_of = upstream ? m_.up_split_ : m_.down_split_;
  const auto lower = [&](FirmId v) { return upstream ? lower_up(v) : lower_down(v); };
  const auto pass = [&](double drop, std::uint32_t from, std::uint32_t to) {
    upstream ? pass_up(drop, from, to) : pass_down(drop, from, to);
  };
  const std::uint32_t n = m_.firm_count_;
  const auto firm_at = [&](std::uint32_t p) { return m_.order_[upstream ? n - 1 - p : p]; };
  for (std::uint32_t p = w.next(0); p < n; p = w.next(p)) {
    const FirmId first = firm_at(p);
    const std::uint32_t c = m_.component_[first];
    const std::uint32_t size = m_.component_begin_[c + 1] - m_.component_begin_[c];
    if (size == 1) {
      w.unmark(p);
      if (const double drop = lower(first); drop > 0) pass(drop, begin_of[first], begin_of[first + 1]);
      continue;
    }
    if (++epoch_ == 0) std::fill(stamp_.begin(), stamp_.end(), 0), epoch_ = 1;
    fallen_.clear();
    const std::uint32_t begin = upstream ? n - m_.component_begin_[c + 1] : m_.component_begin_[c];
    const std::uint32_t end = begin + size;
    for (std::uint32_t q = p; q < end;) {
      w.unmark(q);
      const FirmId v = firm_at(q);
      const double before = level[v];
      if (const double drop = lower(v); drop > 0) {
        if (stamp_[v] != epoch_) stamp_[v] = epoch_, fallen_.emplace_back(v, before);
        pass(drop, begin_of[v], split_of[v]);
      }
      q = w.next(q + 1);
      if (q >= end) q = w.next(begin);  // the next sweep, if a drop came round
    }
    for (auto [v, before] : fallen_) pass(before - level[v], split_of[v], begin_of[v + 1]);
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
    any_cut_ = true;
    cut_links_.push_back(e);
    const FirmId c = m_.g_.link(e).customer;
    touch(c);
    // A cut link delivers nothing, whatever its supplier's level: remove its whole share now.
    const double lost = hd_[m_.g_.link(e).supplier];
    const std::uint32_t grp = net.link_group[e];
    if (m_.ness_weight_[e] > 0)
      ness_loss_[c] += m_.ness_weight_[e] * lost;
    else if (net.group_essential[grp])
      lose_supply(c, grp, m_.share_[e] * lost);
    queue_down(c);
  }
  settle(false);
  settle(true);
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
