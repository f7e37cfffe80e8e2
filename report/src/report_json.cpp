#include "qchain/report/report_json.hpp"

#include "json_sections.hpp"
#include "qchain/core/error.hpp"

namespace qchain::report {

using namespace qchain::engine;

std::string report_json(const ReportDocument& d) {
  if (!d.chain || (d.plan && !d.plan_options) || (d.comparison && !d.before) || (d.benchmark && !d.benchmark_result) ||
      (d.grades && !d.rubric) || (d.trend && !d.trend_snapshots) || (d.projects && !d.project_progress))
    throw Error("report_json: a section is given without what it needs");
  const ChainGraph& g = *d.chain;
  static const std::vector<WhatIfResult> kNoScenarios;
  const bool big = g.firm_count() > 100000;
  return json::document([&](json::Writer& w) {
    w.StartObject();
    json::key(w, "analysis");
    write_analysis(w, g, d.analysis, d.options);
    json::key(w, "whatif");
    write_whatif(w, g, d.whatif ? *d.whatif : kNoScenarios, d.options.top);
    json::key(w, "plan");
    if (d.plan) write_plan(w, g, *d.plan, *d.plan_options);
    else w.Null();
    json::key(w, "grades");
    if (d.grades) write_grading(w, g, *d.rubric, *d.grades);
    else w.Null();
    json::key(w, "comparison");
    if (d.comparison) write_comparison(w, *d.before, g, *d.comparison);
    else w.Null();
    json::key(w, "benchmark");
    if (d.benchmark) write_benchmark(w, g, *d.benchmark, *d.benchmark_result);
    else w.Null();
    if (d.ledger) {
      json::key(w, "ledger");
      write_ledger_summary(w, g, *d.ledger);
    }
    if (d.trend) {
      json::key(w, "trend");
      write_trend(w, *d.trend_snapshots, *d.trend);
    }
    if (d.projects) {
      json::key(w, "projects");
      write_projects(w, *d.projects, *d.project_progress);
    }
    w.EndObject();
  }, big ? std::size_t(g.firm_count()) * 400 : 0, big);
}

std::string screened_plan_json(const ChainGraph& g, const ScreeningResult& screening, const ScreeningOptions& so,
                               const PlanResult& plan, const PlanOptions& po) {
  return json::document([&](json::Writer& w) {
    w.StartObject();
    json::key(w, "screening");
    write_screening(w, g, screening, so);
    json::key(w, "plan");
    write_plan(w, g, plan, po);
    w.EndObject();
  });
}

}  // namespace qchain::report
