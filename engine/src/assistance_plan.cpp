#include "qchain/engine/assistance_plan.hpp"

#include "qchain/graphs/error.hpp"

#include <algorithm>
#include <cmath>
#include <queue>

#include "qchain/engine/quality_analysis.hpp"

namespace qchain::engine {

using namespace qchain::graphs;

namespace {

// The own defect rate after assisting v.
double assisted_rate(const ChainGraph& g, const QualityBaseline& base, const PlanOptions& o, FirmId v, double current) {
  if (o.action == PlanOptions::Action::yield_gain) return std::max(0.0, current - o.gain);
  double issues = 0.0;
  for (std::size_t k = 0; k < g.firm(v).issues.size(); ++k) issues += base.attribution.of(v, k);
  return std::max(0.0, current - issues);
}

double weighted_yield(const Propagation& p, const std::vector<FirmId>& leaders, const std::vector<double>& w) {
  double y = 0.0;
  for (std::size_t i = 0; i < leaders.size(); ++i) y += w[i] * (1.0 - p.delivered[leaders[i]]);
  return y;
}

}  // namespace

std::vector<Role> default_plan_candidates() {
  std::vector<Role> roles;
  roles.push_back(Role::micro);
  roles.push_back(Role::small);
  return roles;
}

double assisted_yield(const DefectPropagator& prop, const QualityBaseline& base, const PlanOptions& o,
                      const std::vector<FirmId>& assisted) {
  const ChainGraph& g = prop.chain();
  std::vector<double> p = base.own.rate;
  for (FirmId v : assisted) p[v] = assisted_rate(g, base, o, v, p[v]);
  const std::vector<FirmId> leaders = g.leaders();
  return weighted_yield(prop.forward(p), leaders, revenue_weights(g, leaders));
}

PlanResult plan_assistance(const DefectPropagator& prop, const QualityBaseline& base, const PlanOptions& o) {
  const ChainGraph& g = prop.chain();
  const std::uint32_t n = g.firm_count();
  const std::vector<FirmId> leaders = g.leaders();
  // The plan's goal is the leaders' delivered yield: without a leader every plan is worth 0.
  if (leaders.empty())
    throw UsageError("plan: the chain has no chain_leader, and the plan's goal is the leaders' delivered yield; "
                     "mark the chain-leader firms with role chain_leader");
  const std::vector<double> w = revenue_weights(g, leaders);
  PlanResult r;
  r.baseline = weighted_yield(base.state, leaders, w);

  std::vector<std::uint8_t> candidate(n, 0);
  for (FirmId v = 0; v < n; ++v)
    candidate[v] = std::find(o.candidates.begin(), o.candidates.end(), g.firm(v).role) != o.candidates.end() &&
                   assisted_rate(g, base, o, v, base.own.rate[v]) < base.own.rate[v];

  // First-order keys: ∂(weighted yield)/∂p_v · Δp_v from one adjoint pass per leader.
  std::vector<double> score(n, 0.0);
  const auto lin = prop.linearise(base.own.rate, base.state);
  for (std::size_t i = 0; i < leaders.size(); ++i) {
    const std::vector<double> s = prop.sensitivity(lin, base.state, leaders[i]);
    for (FirmId v = 0; v < n; ++v)
      if (candidate[v]) score[v] += w[i] * s[v] * (base.own.rate[v] - assisted_rate(g, base, o, v, base.own.rate[v]));
  }
  struct Entry {
    double key;
    FirmId firm;
    std::uint32_t round;  // the plan size when `key` was computed exactly; kNone: first-order estimate
    bool operator<(const Entry& b) const { return key != b.key ? key < b.key : firm > b.firm; }
  };
  std::priority_queue<Entry> heap;
  for (FirmId v = 0; v < n; ++v)
    if (candidate[v] && score[v] > 0) heap.push({score[v] * kOptimism, v, kNone});

  std::vector<double> p = base.own.rate;
  double current = r.baseline;
  while (r.steps.size() < o.budget && !heap.empty()) {
    Entry top = heap.top();
    heap.pop();
    const auto round = static_cast<std::uint32_t>(r.steps.size());
    if (top.round == round) {
      p[top.firm] = assisted_rate(g, base, o, top.firm, p[top.firm]);
      current += top.key;
      r.steps.push_back({top.firm, top.key, current - r.baseline});
      continue;
    }
    const double saved = p[top.firm];
    p[top.firm] = assisted_rate(g, base, o, top.firm, saved);
    const double gain = weighted_yield(prop.forward(p), leaders, w) - current;
    ++r.evaluations;
    p[top.firm] = saved;
    heap.push({gain, top.firm, round});
  }

  // Naive plans of the same size, among the same candidates.
  std::vector<FirmId> pool;
  for (FirmId v = 0; v < n; ++v)
    if (candidate[v]) pool.push_back(v);
  const std::size_t k = std::min(pool.size(), r.steps.size());
  std::vector<FirmId> by_yield = pool, by_customers = pool;
  std::stable_sort(by_yield.begin(), by_yield.end(), [&](FirmId a, FirmId b) { return base.own.rate[a] > base.own.rate[b]; });
  const auto customers = [&](FirmId v) {
    std::vector<FirmId> c(g.network().out_customer.begin() + g.network().out_begin[v],
                          g.network().out_customer.begin() + g.network().out_begin[v + 1]);
    std::sort(c.begin(), c.end());
    return static_cast<std::size_t>(std::unique(c.begin(), c.end()) - c.begin());
  };
  std::vector<std::size_t> degree(n, 0);
  for (FirmId v : pool) degree[v] = customers(v);
  std::stable_sort(by_customers.begin(), by_customers.end(), [&](FirmId a, FirmId b) { return degree[a] > degree[b]; });
  r.lowest_yield_first.assign(by_yield.begin(), by_yield.begin() + static_cast<std::ptrdiff_t>(k));
  r.most_customers_first.assign(by_customers.begin(), by_customers.begin() + static_cast<std::ptrdiff_t>(k));
  r.lowest_yield_gain = assisted_yield(prop, base, o, r.lowest_yield_first) - r.baseline;
  r.most_customers_gain = assisted_yield(prop, base, o, r.most_customers_first) - r.baseline;
  return r;
}

}  // namespace qchain::engine
