#pragma once
// The documents made of several sections: report.json beside report.html, and `plan --screen`'s
// screening list with its plan. One writer each, streamed section after section.
#include <string>
#include <vector>

#include "qchain/engine/programme/assistance_screening.hpp"
#include "qchain/engine/programme/chain_trend.hpp"
#include "qchain/engine/programme/ledger_summary.hpp"
#include "qchain/report/project_report.hpp"
#include "qchain/report/analysis_report.hpp"
#include "qchain/report/benchmark_report.hpp"
#include "qchain/report/comparison_report.hpp"
#include "qchain/report/grade_report.hpp"
#include "qchain/report/scenario_report.hpp"

namespace qchain::report {

// What report.json holds; a null section is written as null. Nothing is kept after the call.
struct ReportDocument {
  const graphs::ChainGraph* chain = nullptr;
  AnalysisSections analysis;
  ReportOptions options;
  const std::vector<engine::WhatIfResult>* whatif = nullptr;  // empty list when null
  const engine::PlanResult* plan = nullptr;
  const engine::PlanOptions* plan_options = nullptr;  // with plan
  const engine::Rubric* rubric = nullptr;
  const engine::GradingResult* grades = nullptr;
  const graphs::ChainGraph* before = nullptr;  // with comparison
  const engine::ChainComparison* comparison = nullptr;
  const engine::Benchmark* benchmark = nullptr;  // with benchmark_result
  const engine::BenchmarkResult* benchmark_result = nullptr;
  // A chain of a workspace only: its ledger and its trend over the snapshots (`trend_snapshots`,
  // oldest first, the report's chain last). Written only when given, so that the report of a file
  // has neither key.
  const engine::LedgerSummaryResult* ledger = nullptr;
  const engine::TrendResult* trend = nullptr;
  const std::vector<const graphs::ChainGraph*>* trend_snapshots = nullptr;  // with trend
  // A chain of a workspace with joint tackling projects: each with its progress.
  const std::vector<workspace::Project>* projects = nullptr;
  const std::vector<ProjectProgressView>* project_progress = nullptr;  // with projects, in their order
};

std::string report_json(const ReportDocument& d);

// {"screening": ..., "plan": ...}
std::string screened_plan_json(const graphs::ChainGraph& g, const engine::ScreeningResult& screening,
                               const engine::ScreeningOptions& so, const engine::PlanResult& plan, const engine::PlanOptions& po);

}  // namespace qchain::report
