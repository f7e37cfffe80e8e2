#include "qchain/engine/programme/assistance_plan.hpp"

#include "qchain/core/error.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <queue>

#include "qchain/engine/production/certification_gaps.hpp"
#include "qchain/engine/quality/quality_analysis.hpp"

namespace qchain::engine {

using namespace qchain::graphs;

namespace {

// Below this an objective's rise is rounding, not a gain.
constexpr double kNoGain = 1e-12;

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

bool valid_cost(double c) { return std::isfinite(c) && c > 0; }

// What is fixed for one plan: candidates, costs, the additive goals' gains per firm, and the factor of
// each goal in the objective.
struct Context {
  std::vector<FirmId> leaders;
  std::vector<double> w;
  std::vector<FirmId> pool;  // the candidates, by firm index
  std::vector<double> cost, promoted, closes;  // per firm
  GoalValues scale, max;
  double baseline = kAbsent;
  bool normalised = false;
  bool leaders_goal() const { return scale.leaders > 0; }
  double additive(FirmId v) const { return scale.grades * promoted[v] + scale.gaps * closes[v]; }
};

Context make_context(const DefectPropagator& prop, const QualityBaseline& base, const PlanOptions& o) {
  const ChainGraph& g = prop.chain();
  const std::uint32_t n = g.firm_count();
  const GoalValues& goal = o.goals;
  for (double x : {goal.leaders, goal.grades, goal.gaps})
    if (!(std::isfinite(x) && x >= 0)) throw UsageError("plan: goal weights must be numbers of at least 0");
  const int active = (goal.leaders > 0) + (goal.grades > 0) + (goal.gaps > 0);
  if (active == 0) throw UsageError("plan: every goal weight is 0; give --goal leaders, grades or gaps");
  if (o.budget == kNone && std::isnan(o.budget_money))
    throw UsageError("plan: give a budget in firms (--budget K), in money (--budget-money M, 10k CNY), or both");
  if (!std::isnan(o.budget_money) && !(std::isfinite(o.budget_money) && o.budget_money >= 0))
    throw UsageError("plan: the money budget must be a number of at least 0 (10k CNY)");
  if (!valid_cost(o.cost_default)) throw UsageError("plan: the default cost must be above 0 (10k CNY)");
  for (double c : o.role_cost)
    if (!std::isnan(c) && !valid_cost(c)) throw UsageError("plan: a role's cost must be above 0 (10k CNY)");
  if (!o.firm_cost.empty() && o.firm_cost.size() != n) throw UsageError("plan: firm costs must be given for every firm or none");
  if (!o.allowed.empty() && o.allowed.size() != n) throw UsageError("plan: the firms allowed must be given for every firm or none");
  for (double c : o.firm_cost)
    if (!std::isnan(c) && !valid_cost(c)) throw UsageError("plan: a firm's cost must be above 0 (10k CNY)");

  Context c;
  c.leaders = g.leaders();
  // Without a leader the leaders' goal is worth 0 for every plan.
  if (goal.leaders > 0 && c.leaders.empty())
    throw UsageError("plan: the chain has no chain_leader, and the plan's goal is the leaders' delivered yield; "
                     "mark the chain-leader firms with role chain_leader, or plan for --goal grades or gaps");
  c.w = revenue_weights(g, c.leaders);
  if (!c.leaders.empty()) c.baseline = weighted_yield(base.state, c.leaders, c.w);
  c.cost.assign(n, 0.0);
  c.promoted.assign(n, 0.0);
  c.closes.assign(n, 0.0);
  for (FirmId v = 0; v < n; ++v) {
    if (std::find(o.candidates.begin(), o.candidates.end(), g.firm(v).role) == o.candidates.end()) continue;
    if (!o.allowed.empty() && !o.allowed[v]) continue;
    c.pool.push_back(v);
    c.cost[v] = candidate_cost(g, o, v);
  }
  if (goal.grades > 0) {
    const Rubric fallback = o.rubric ? Rubric{} : default_rubric();
    const Rubric& rubric = o.rubric ? *o.rubric : fallback;
    const GradingResult now = grade_firms(g, rubric);
    for (FirmId v : c.pool) {
      const double given = g.firm(v).first_pass_yield;
      // A yield reaching a rung's threshold up to rounding (0.87 + 0.03 against 0.90) reaches it.
      const double after = std::isnan(given) ? kAbsent : 1.0 - assisted_rate(g, base, o, v, base.own.rate[v]) + 1e-9;
      c.promoted[v] = grade_with(g, rubric, v, after, o.action == PlanOptions::Action::fix_issues) > now.grade[v] ? 1.0 : 0.0;
      c.max.grades += c.promoted[v];
    }
  }
  if (goal.gaps > 0) {
    const CertificationGapsResult gaps = certification_gaps(g);
    for (FirmId v : c.pool) {
      c.closes[v] = gaps.gap_links_by_supplier[v];
      c.max.gaps += c.closes[v];
    }
  }
  if (goal.leaders > 0) {
    std::vector<double> p = base.own.rate;
    for (FirmId v : c.pool) p[v] = assisted_rate(g, base, o, v, p[v]);
    c.max.leaders = std::max(0.0, weighted_yield(prop.forward(p), c.leaders, c.w) - c.baseline);
  }
  // One goal: its own unit. Several: each over its maximum, so that the weights compare like with like.
  c.normalised = active > 1;
  const auto factor = [&](double weight, double max) { return weight <= 0 ? 0.0 : !c.normalised ? 1.0 : max > 0 ? weight / max : 0.0; };
  c.scale = {factor(goal.leaders, c.max.leaders), factor(goal.grades, c.max.grades), factor(goal.gaps, c.max.gaps)};
  return c;
}

// The objective's gain for a set of assisted firms.
double objective(const Context& c, const DefectPropagator& prop, const QualityBaseline& base, const PlanOptions& o,
                 std::vector<FirmId> assisted) {
  std::sort(assisted.begin(), assisted.end());
  assisted.erase(std::unique(assisted.begin(), assisted.end()), assisted.end());
  double gain = 0.0;
  for (FirmId v : assisted) gain += c.additive(v);
  if (c.leaders_goal()) gain += c.scale.leaders * (assisted_yield(prop, base, o, assisted) - c.baseline);
  return gain;
}

struct Run {
  std::vector<PlanStep> steps;
  PlanStop stop = PlanStop::none;
  std::uint32_t evaluations = 0;
  double gain = 0.0, spent = 0.0;
};

// One greedy plan: by gain (per_cost false, the unit-cost rule) or by gain per cost, within both budgets.
Run greedy(const Context& c, const DefectPropagator& prop, const QualityBaseline& base, const PlanOptions& o,
           const std::vector<double>& first_order, bool per_cost) {
  const ChainGraph& g = prop.chain();
  struct Entry {
    double key;
    FirmId firm;
    std::uint32_t round;  // the plan size when `key` was computed exactly; kNone: an estimate
    double yield_gain;    // with an exact key: the leaders' yield gain in it
    bool operator<(const Entry& b) const { return key != b.key ? key < b.key : firm > b.firm; }
  };
  const auto keyed = [&](double gain, FirmId v) { return per_cost ? gain / c.cost[v] : gain; };
  std::priority_queue<Entry> heap;
  for (FirmId v : c.pool) {
    const double estimate = c.scale.leaders * first_order[v] * kOptimism + c.additive(v);
    if (estimate > kNoGain) heap.push({keyed(estimate, v), v, kNone, 0.0});
  }
  Run run;
  std::vector<double> p = base.own.rate;
  double yield = c.baseline;
  double money_left = std::isnan(o.budget_money) ? std::numeric_limits<double>::infinity() : o.budget_money;
  const double slack = 1e-9 * std::max(1.0, std::isnan(o.budget_money) ? 1.0 : o.budget_money);  // sums of decimal costs
  bool left_for_money = false;
  while (run.steps.size() < o.budget && !heap.empty()) {
    const Entry top = heap.top();
    heap.pop();
    const double cost = c.cost[top.firm];
    if (cost > money_left + slack) {  // money only shrinks: it never fits again
      left_for_money = true;
      continue;
    }
    const auto round = static_cast<std::uint32_t>(run.steps.size());
    if (top.round == round) {
      PlanStep s;
      s.firm = top.firm;
      s.cost = cost;
      s.gains = {top.yield_gain, c.promoted[top.firm], c.closes[top.firm]};
      s.marginal_gain = c.scale.leaders * top.yield_gain + c.additive(top.firm);
      run.gain += s.marginal_gain;
      run.spent += cost;
      money_left -= cost;
      s.cumulative_gain = run.gain;
      s.cumulative_cost = run.spent;
      if (c.leaders_goal()) {
        p[top.firm] = assisted_rate(g, base, o, top.firm, p[top.firm]);
        yield += top.yield_gain;
      }
      run.steps.push_back(s);
      continue;
    }
    double yield_gain = 0.0;
    if (c.leaders_goal()) {
      const double saved = p[top.firm];
      p[top.firm] = assisted_rate(g, base, o, top.firm, saved);
      yield_gain = weighted_yield(prop.forward(p), c.leaders, c.w) - yield;
      ++run.evaluations;
      p[top.firm] = saved;
    }
    const double gain = c.scale.leaders * yield_gain + c.additive(top.firm);
    if (gain > kNoGain) heap.push({keyed(gain, top.firm), top.firm, round, yield_gain});
  }
  if (run.steps.size() >= o.budget) run.stop = PlanStop::none;
  else if (run.steps.size() == c.pool.size()) run.stop = PlanStop::no_more_candidates;
  // With a money budget only, spending all of it is the plan asked for; money left unspent is said.
  else if (left_for_money) run.stop = o.budget == kNone && money_left <= slack ? PlanStop::none : PlanStop::budget_money;
  else run.stop = PlanStop::no_more_gain;
  return run;
}

}  // namespace

std::vector<Role> default_plan_candidates() {
  std::vector<Role> roles;
  roles.push_back(Role::micro);
  roles.push_back(Role::small);
  return roles;
}

double candidate_cost(const ChainGraph& g, const PlanOptions& o, FirmId v) {
  if (v < o.firm_cost.size() && !std::isnan(o.firm_cost[v])) return o.firm_cost[v];
  const double by_role = o.role_cost[static_cast<int>(g.firm(v).role)];
  return std::isnan(by_role) ? o.cost_default : by_role;
}

double assisted_yield(const DefectPropagator& prop, const QualityBaseline& base, const PlanOptions& o,
                      const std::vector<FirmId>& assisted) {
  const ChainGraph& g = prop.chain();
  std::vector<double> p = base.own.rate;
  for (FirmId v : assisted) p[v] = assisted_rate(g, base, o, v, p[v]);
  const std::vector<FirmId> leaders = g.leaders();
  return weighted_yield(prop.forward(p), leaders, revenue_weights(g, leaders));
}

double plan_objective(const DefectPropagator& prop, const QualityBaseline& base, const PlanOptions& o,
                      const std::vector<FirmId>& assisted) {
  return objective(make_context(prop, base, o), prop, base, o, assisted);
}

PlanResult plan_assistance(const DefectPropagator& prop, const QualityBaseline& base, const PlanOptions& o) {
  const ChainGraph& g = prop.chain();
  const std::uint32_t n = g.firm_count();
  const Context c = make_context(prop, base, o);
  PlanResult r;
  r.baseline = c.baseline;
  r.normalised = c.normalised;
  r.goal_max = c.max;
  r.candidates = static_cast<std::uint32_t>(c.pool.size());

  // First-order keys of the leaders' goal: ∂(weighted yield)/∂p_v · Δp_v from one adjoint pass per leader.
  std::vector<double> first_order(n, 0.0);
  if (c.leaders_goal()) {
    const auto lin = prop.linearise(base.own.rate, base.state);
    for (std::size_t i = 0; i < c.leaders.size(); ++i) {
      const std::vector<double> s = prop.sensitivity(lin, base.state, c.leaders[i]);
      for (FirmId v : c.pool) first_order[v] += c.w[i] * s[v] * (base.own.rate[v] - assisted_rate(g, base, o, v, base.own.rate[v]));
    }
  }
  for (FirmId v : c.pool) r.candidates_with_gain += c.scale.leaders * first_order[v] + c.additive(v) > kNoGain;

  // Costs matter only against a money budget; when they differ there, the cost-effective rule runs
  // both greedy plans and keeps the better (ties: the cheaper, then the unit-cost one).
  bool costs_differ = false;
  for (FirmId v : c.pool) costs_differ = costs_differ || c.cost[v] != c.cost[c.pool.front()];
  Run best = greedy(c, prop, base, o, first_order, false);
  r.evaluations = best.evaluations;
  if (!std::isnan(o.budget_money) && costs_differ) {
    Run other = greedy(c, prop, base, o, first_order, true);
    r.evaluations += other.evaluations;
    const bool better = other.gain > best.gain + kNoGain || (std::fabs(other.gain - best.gain) <= kNoGain && other.spent < best.spent);
    r.other_greedy_gain = better ? best.gain : other.gain;
    if (better) {
      std::swap(best, other);
      r.greedy = PlanGreedy::gain_per_cost;
    }
  }
  r.steps = std::move(best.steps);
  r.stopped_short = best.stop;
  r.money_spent = best.spent;

  // Naive plans of the same number of firms, among the same candidates, within the money budget.
  std::vector<FirmId> by_yield = c.pool, by_customers = c.pool;
  std::stable_sort(by_yield.begin(), by_yield.end(), [&](FirmId a, FirmId b) { return base.own.rate[a] > base.own.rate[b]; });
  const auto customers = [&](FirmId v) {
    const IdRange all = g.customers_of(v);
    std::vector<FirmId> out(all.begin(), all.end());
    std::sort(out.begin(), out.end());
    return static_cast<std::size_t>(std::unique(out.begin(), out.end()) - out.begin());
  };
  std::vector<std::size_t> degree(n, 0);
  for (FirmId v : c.pool) degree[v] = customers(v);
  std::stable_sort(by_customers.begin(), by_customers.end(), [&](FirmId a, FirmId b) { return degree[a] > degree[b]; });
  const auto take = [&](const std::vector<FirmId>& order) {
    std::vector<FirmId> out;
    double money = std::isnan(o.budget_money) ? std::numeric_limits<double>::infinity() : o.budget_money + 1e-9 * std::max(1.0, o.budget_money);
    for (FirmId v : order) {
      if (out.size() >= r.steps.size()) break;
      if (c.cost[v] > money) continue;
      money -= c.cost[v];
      out.push_back(v);
    }
    return out;
  };
  r.lowest_yield_first = take(by_yield);
  r.most_customers_first = take(by_customers);
  r.lowest_yield_gain = objective(c, prop, base, o, r.lowest_yield_first);
  r.most_customers_gain = objective(c, prop, base, o, r.most_customers_first);
  return r;
}

}  // namespace qchain::engine
