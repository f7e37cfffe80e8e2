#include "qchain/service/queries.hpp"

#include <cmath>

#include "qchain/core/error.hpp"
#include "qchain/engine/io/option_text.hpp"

namespace qchain::service {

namespace {

engine::OutputWeights parse_weights(const std::string& w) {
  if (w == "revenue") return engine::OutputWeights::revenue;
  if (w == "output") return engine::OutputWeights::output;
  if (w == "uniform") return engine::OutputWeights::uniform;
  return engine::OutputWeights::automatic;
}

}  // namespace

bool AnalysisQuery::shares_default_context() const {
  const AnalysisQuery d;
  return samples == d.samples && seed == d.seed && !no_brokers && parse_weights(weights) == engine::OutputWeights::automatic &&
         top == d.top;
}

engine::ContextOptions analysis_context_options(const AnalysisQuery& q) {
  engine::ContextOptions co;
  co.threads = q.threads;
  co.structure.brokers.samples = q.samples;
  co.structure.brokers.seed = q.seed;
  co.structure.betweenness = !q.no_brokers;
  co.weights = parse_weights(q.weights);
  co.gaps_protect_top = q.top;
  co.systemic_top = q.systemic_top;
  return co;
}

engine::AnalysisRequest analysis_request(const AnalysisQuery& q) {
  engine::AnalysisRequest request;
  if (q.only == "structure") request.only = engine::AnalysisPart::structure;
  else if (q.only == "gaps") request.only = engine::AnalysisPart::gaps;
  else if (q.only == "quality") request.only = engine::AnalysisPart::quality;
  else if (q.only == "systemic") request.only = engine::AnalysisPart::systemic;
  else if (!q.only.empty()) throw UsageError("--only: \"" + q.only + "\" is not one of structure, gaps, quality, systemic");
  request.systemic = q.systemic == "on" ? engine::SystemicMode::on : q.systemic == "off" ? engine::SystemicMode::off
                                                                                       : engine::SystemicMode::automatic;
  return request;
}

engine::RiskOptions risk_options(const RiskQuery& q) {
  engine::RiskOptions o;
  o.runs = q.runs;
  o.seed = q.seed;
  o.threads = q.threads;
  o.upstream = q.upstream;
  const engine::RoleValues stop = engine::parse_stop_probabilities(q.stop_prob);
  for (int r = 0; r < graphs::kRoleCount; ++r)
    if (stop.given[r]) o.stop_probability[r] = stop.value[r], o.probability_given[r] = true;
  return o;
}

engine::PlanOptions plan_options(const PlanQuery& q, const engine::Rubric& rubric) {
  engine::PlanOptions o;
  o.budget = q.budget > 0 ? q.budget : graphs::kNone;
  o.budget_money = q.budget_money >= 0 ? q.budget_money : graphs::kAbsent;
  if (o.budget == graphs::kNone && std::isnan(o.budget_money))
    throw UsageError("plan: give --budget K (firms), --budget-money M (10k CNY), or both");
  o.gain = q.gain;
  o.cost_default = q.cost_default;
  const engine::RoleValues cost = engine::parse_role_costs(q.cost);
  for (int r = 0; r < graphs::kRoleCount; ++r)
    if (cost.given[r]) o.role_cost[r] = cost.value[r];
  o.goals = engine::parse_plan_goals(q.goal);
  if (q.has_rubric && !(o.goals.grades > 0)) throw UsageError("--rubric goes with --goal grades");
  o.rubric = &rubric;
  o.action = q.fix_issues ? engine::PlanOptions::Action::fix_issues : engine::PlanOptions::Action::yield_gain;
  o.candidates = engine::parse_roles(q.candidates);
  return o;
}

}  // namespace qchain::service

namespace qchain::service {

std::optional<report::IssueProjects> issue_projects(const std::vector<workspace::Project>& projects) {
  if (projects.empty()) return std::nullopt;
  report::IssueProjects out;
  for (const workspace::Project& p : projects) out[p.issue_code].push_back({p.id, p.status});
  return out;
}

engine::ProjectProgressOptions project_progress_options(const workspace::Project& p) {
  engine::ProjectProgressOptions o;
  o.issue_code = p.issue_code;
  o.firms = p.firms;
  if (p.target)
    o.target = *p.target == workspace::ProjectTarget::loss_reduction ? engine::ProjectProgressOptions::Target::loss_reduction
                                                                     : engine::ProjectProgressOptions::Target::firms_cleared;
  o.target_value = p.target_value;
  return o;
}

}  // namespace qchain::service
