#pragma once
// Each command's JSON document written into a caller's writer, so that documents made of several
// (report.json, `plan --screen`) are one stream through one writer rather than strings glued together.
#include <cstddef>
#include <vector>

#include "json_out.hpp"
#include "qchain/report/analysis_report.hpp"
#include "qchain/report/benchmark_report.hpp"
#include "qchain/report/comparison_report.hpp"
#include "qchain/report/grade_report.hpp"
#include "qchain/report/portfolio_report.hpp"
#include "qchain/report/project_report.hpp"
#include "qchain/report/scenario_report.hpp"
#include "qchain/report/screening_report.hpp"
#include "qchain/report/summary_report.hpp"
#include "qchain/engine/programme/chain_trend.hpp"
#include "qchain/engine/programme/ledger_summary.hpp"

namespace qchain::report {

using json::Writer;
using graphs::ChainGraph;

void write_analysis(Writer& w, const ChainGraph& g, const AnalysisSections& s, const ReportOptions& o);
void write_benchmark(Writer& w, const ChainGraph& g, const engine::Benchmark& b, const engine::BenchmarkResult& r);
void write_programme_indicators(Writer& w, const engine::ProgrammeIndicators& i);
void write_effect_indicators(Writer& w, const engine::EffectIndicators& e);
void write_project_progress(Writer& w, const ProjectProgressView& v);
// A chain's projects, each with its progress (`views` in the same order).
void write_projects(Writer& w, const std::vector<workspace::Project>& projects, const std::vector<ProjectProgressView>& views);
void write_comparison(Writer& w, const ChainGraph& before, const ChainGraph& after, const engine::ChainComparison& c);
void write_grading(Writer& w, const ChainGraph& g, const engine::Rubric& rubric, const engine::GradingResult& r);
void write_whatif(Writer& w, const ChainGraph& g, const std::vector<engine::WhatIfResult>& results, std::size_t top);
void write_plan(Writer& w, const ChainGraph& g, const engine::PlanResult& r, const engine::PlanOptions& o);
void write_risk(Writer& w, const ChainGraph& g, const engine::RiskResult& r, const engine::RiskOptions& o, std::size_t top);
void write_screening(Writer& w, const ChainGraph& g, const engine::ScreeningResult& r, const engine::ScreeningOptions& o);
void write_summary(Writer& w, const ChainGraph& g, const engine::ChainSummary& s);
void write_portfolio(Writer& w, const ChainList& chains, const engine::PortfolioResult& r);
// `snapshots`: the chains of the trend, oldest first (for names).
void write_trend(Writer& w, const std::vector<const ChainGraph*>& snapshots, const engine::TrendResult& t);
void write_ledger_summary(Writer& w, const ChainGraph& g, const engine::LedgerSummaryResult& r);

}  // namespace qchain::report
