#pragma once
// The options of each analysis command as the reader gives them (CLI options or query parameters),
// turned into the engine's options in one place, so that `qchain X --json` and the API's X document
// rest on the same options and so on the same bytes. Throws UsageError for a value out of place.
#include <cstdint>
#include <string>

#include "qchain/engine/context/analysis_context.hpp"
#include "qchain/engine/production/disruption_risk.hpp"

namespace qchain::service {

struct AnalysisQuery {
  std::string only;                    // structure, gaps, quality, systemic; "" = every section
  std::string systemic = "auto";       // auto, on, off
  std::size_t systemic_top = 0;        // --systemic-top K: exactly the top K firms, other cascades skipped
  std::string weights = "automatic";   // automatic, revenue, output, uniform
  std::uint32_t samples = 256;
  std::uint64_t seed = 1;
  unsigned threads = 0;
  std::size_t top = 20;
  bool no_brokers = false;
  // Whether the context of these options is the one every other document reads (the API's shared one).
  bool shares_default_context() const;
};
engine::ContextOptions analysis_context_options(const AnalysisQuery& q);
engine::AnalysisRequest analysis_request(const AnalysisQuery& q);

struct RiskQuery {
  std::string stop_prob;
  std::uint32_t runs = 1000;
  std::uint64_t seed = 1;
  unsigned threads = 0;
  bool upstream = false;
};
engine::RiskOptions risk_options(const RiskQuery& q);

struct PlanQuery {
  std::string candidates = "micro,small";
  std::uint32_t budget = 0;  // 0: not given
  double budget_money = -1;  // below 0: not given
  double gain = 0.03;
  bool fix_issues = false;
  std::string cost, goal = "leaders";
  double cost_default = 1.0;
  bool has_rubric = false;  // a rubric goes with --goal grades only
};
// `rubric` is the one the plan grades by (kept by the caller: the options point to it).
engine::PlanOptions plan_options(const PlanQuery& q, const engine::Rubric& rubric);

}  // namespace qchain::service

#include <vector>

#include "qchain/report/analysis_report.hpp"
#include "qchain/engine/programme/project_progress.hpp"
#include "qchain/workspace/project.hpp"

namespace qchain::service {

// The joint tackling projects the shared-issue lists mark, by issue code: nullopt when there are none.
std::optional<report::IssueProjects> issue_projects(const std::vector<workspace::Project>& projects);

// What the engine measures a project's progress by: its issue, firms and target.
engine::ProjectProgressOptions project_progress_options(const workspace::Project& p);

}  // namespace qchain::service
