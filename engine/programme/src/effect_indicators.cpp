#include "qchain/engine/programme/effect_indicators.hpp"

#include <cmath>

#include "qchain/core/error.hpp"

namespace qchain::engine {

using namespace qchain::graphs;

namespace {

bool given(double x) { return !std::isnan(x); }

// A running mean and the firms it rests on.
struct Mean {
  double sum = 0;
  std::uint32_t n = 0;
  void add(double x) { sum += x, ++n; }
  EffectMeasure result() const { return {n ? sum / n : kAbsent, n}; }
};

struct GroupSums {
  std::uint32_t firms = 0;
  Mean revenue, margin, operating, quality_rate, satisfaction[2], satisfied[2];
};

// x / revenue where the revenue is given and positive; NaN otherwise (or when x is not given).
double per_revenue(double x, double revenue) { return given(x) && given(revenue) && revenue > 0 ? x / revenue : kAbsent; }

void add_firm(GroupSums& s, const ChainGraph& gb, const Firm& b, const ChainGraph& ga, const Firm& a, double satisfied_at) {
  const FirmOutcomes& ob = gb.outcomes_of(b);
  const FirmOutcomes& oa = ga.outcomes_of(a);
  ++s.firms;
  if (given(b.revenue) && b.revenue > 0 && given(a.revenue)) s.revenue.add(a.revenue / b.revenue - 1);
  const double margin[2] = {per_revenue(ob.profit, b.revenue), per_revenue(oa.profit, a.revenue)};
  if (given(margin[0]) && given(margin[1])) s.margin.add(margin[1] - margin[0]);
  if (given(ob.operating_cost) && ob.operating_cost > 0 && given(oa.operating_cost))
    s.operating.add(oa.operating_cost / ob.operating_cost - 1);
  const double rate[2] = {per_revenue(ob.quality_cost, b.revenue), per_revenue(oa.quality_cost, a.revenue)};
  if (given(rate[0]) && given(rate[1])) s.quality_rate.add(rate[1] - rate[0]);
  const double sat[2] = {ob.satisfaction, oa.satisfaction};
  for (int k = 0; k < 2; ++k) {
    if (!given(sat[k])) continue;
    s.satisfaction[k].add(sat[k]);
    s.satisfied[k].add(sat[k] >= satisfied_at ? 1.0 : 0.0);
  }
}

EffectGroup group_of(const GroupSums& s) {
  EffectGroup g;
  g.firms = s.firms;
  g.revenue_growth = s.revenue.result();
  g.profit_margin_change = s.margin.result();
  g.operating_cost_change = s.operating.result();
  g.quality_cost_rate_change = s.quality_rate.result();
  for (int k = 0; k < 2; ++k) {
    g.satisfaction[k] = s.satisfaction[k].result();
    g.satisfied_share[k] = s.satisfied[k].result();
  }
  return g;
}

}  // namespace

EffectIndicators effect_indicators(const ChainGraph& before, const ChainGraph& after, const EffectIndicatorOptions& o) {
  std::vector<FirmId> before_of_after(after.firm_count(), kNone);
  for (FirmId v = 0; v < after.firm_count(); ++v)
    if (const auto u = before.find_firm(after.firm(v).id)) before_of_after[v] = *u;
  return effect_indicators(before, after, before_of_after, o);
}

EffectIndicators effect_indicators(const ChainGraph& before, const ChainGraph& after, const std::vector<FirmId>& before_of_after,
                                   const EffectIndicatorOptions& o) {
  if (before_of_after.size() != after.firm_count())
    throw UsageError("effect indicators: the matching does not cover the after snapshot's firms");
  if (!std::isfinite(o.satisfied_at)) throw UsageError("effect indicators: the satisfaction threshold must be a finite number");
  EffectIndicators r;
  r.satisfied_at = o.satisfied_at;
  r.any = !before.outcomes().empty() || !after.outcomes().empty();
  if (!r.any) return r;
  GroupSums sums[2];  // assisted, others
  for (FirmId v = 0; v < after.firm_count(); ++v) {
    const FirmId u = before_of_after[v];
    if (u == kNone) continue;
    const Firm& b = before.firm(u);
    const Firm& a = after.firm(v);
    add_firm(sums[assisted_in_period(b, a) ? 0 : 1], before, b, after, a, o.satisfied_at);
  }
  r.assisted = group_of(sums[0]);
  r.others = group_of(sums[1]);
  return r;
}

}  // namespace qchain::engine
