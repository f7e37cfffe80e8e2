#pragma once
// The HTML report a planner can open or print (`qchain report`): one self-contained file, inline
// SVG and CSS, no scripts, no fonts or anything else fetched from the network.
#include <string>
#include <utility>
#include <vector>

#include "qchain/report/analysis_report.hpp"
#include "qchain/report/project_report.hpp"
#include "qchain/engine/programme/benchmark.hpp"
#include "qchain/engine/programme/assistance_plan.hpp"
#include "qchain/engine/production/certification_gaps.hpp"
#include "qchain/engine/programme/chain_comparison.hpp"
#include "qchain/engine/programme/chain_trend.hpp"
#include "qchain/engine/programme/ledger_summary.hpp"
#include "qchain/engine/structure/chain_summary.hpp"
#include "qchain/engine/programme/firm_grading.hpp"
#include "qchain/engine/scenario/whatif.hpp"

namespace qchain::visualization {

struct ReportInputs {
  const graphs::ChainGraph* chain = nullptr;
  const engine::ChainSummary* summary = nullptr;
  const engine::StructureAnalysis* structure = nullptr;
  const engine::QualityAnalysis* quality = nullptr;
  const std::vector<engine::Bottleneck>* bottlenecks = nullptr;
  const engine::SystemicResult* systemic = nullptr;  // may be null
  const engine::CertificationGapsResult* gaps = nullptr;  // may be null
  std::vector<const engine::WhatIfResult*> scenarios;
  const engine::PlanResult* plan = nullptr;  // may be null
  const engine::PlanOptions* plan_options = nullptr;
  // SVG documents: the chain map, the issue map, one fishbone per leader, one map per scenario, and
  // for a chain too large to draw firm by firm the overview (empty otherwise).
  std::string map_svg, issues_svg, overview_svg;
  std::vector<std::string> fishbone_svgs, scenario_svgs;
  // Firm grades (always) and, with a baseline snapshot, the before/after evaluation: its chart and
  // the map coloured by the change of delivered yield.
  const engine::Rubric* rubric = nullptr;
  const engine::GradingResult* grades = nullptr;
  const graphs::ChainGraph* before = nullptr;
  const engine::ChainComparison* comparison = nullptr;
  std::string progress_svg, change_map_svg;
  // With reference levels: the section 与先进水平比对.
  const engine::Benchmark* benchmark = nullptr;
  const engine::BenchmarkResult* benchmark_result = nullptr;
  // The chain's joint tackling projects by issue code (a workspace reference with projects): a
  // column 攻关项目 in the shared-issue list. Null: no column.
  const report::IssueProjects* projects = nullptr;
  // A chain of a workspace: the ledger summed up (帮扶台账) and the trend over its snapshots
  // (历次调查趋势, `trend_snapshots` oldest first, with the chart `trend_svg`).
  const engine::LedgerSummaryResult* ledger = nullptr;
  const engine::TrendResult* trend = nullptr;
  const std::vector<const graphs::ChainGraph*>* trend_snapshots = nullptr;
  std::string trend_svg;
  // A chain of a workspace with joint tackling projects (质量攻关项目), each with its progress.
  const std::vector<workspace::Project>* projects_list = nullptr;
  const std::vector<report::ProjectProgressView>* project_progress = nullptr;
  report::Lang lang = report::Lang::zh;
  std::string version;
  // The Word variant: each diagram whose SVG is one of these strings (by address) is the PNG file
  // named beside it; diagrams not listed (qchain's own charts) are left out. Null: SVG inline.
  const std::vector<std::pair<const std::string*, std::string>>* images = nullptr;
};

std::string report_html(const ReportInputs& in);

// An SVG document made fit to inline in HTML (its XML prologue and DOCTYPE removed).
std::string inline_svg(const std::string& svg);

}  // namespace qchain::visualization
