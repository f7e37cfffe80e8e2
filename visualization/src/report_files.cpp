#include "qchain/visualization/report_files.hpp"

#include <optional>

#include "qchain/report/comparison_report.hpp"
#include "qchain/report/report_json.hpp"
#include "qchain/visualization/fishbone.hpp"
#include "qchain/visualization/graphviz_renderer.hpp"
#include "qchain/visualization/issue_map.hpp"
#include "qchain/visualization/overview_map.hpp"
#include "qchain/visualization/progress_chart.hpp"
#include "qchain/visualization/report.hpp"
#include "qchain/visualization/trend_chart.hpp"
#include "qchain/visualization/views.hpp"

namespace qchain::visualization {

namespace {

// The analyses every report holds; the systemic index only where it is computed by default.
report::AnalysisSections report_sections(const engine::AnalysisContext& ctx) {
  engine::AnalysisSelection all;
  all.structure = all.gaps = all.quality = true;
  all.systemic = ctx.systemic_by_default();
  return report::analysis_sections(ctx, all);
}

}  // namespace

std::vector<ReportFile> build_report(const engine::AnalysisContext& ctx, const ReportRequest& r) {
  const graphs::ChainGraph& g = ctx.chain();
  const report::Lang L = r.lang;
  std::optional<engine::BenchmarkResult> benchmark_result;
  if (r.benchmark) benchmark_result = engine::benchmark_chain(g, *r.benchmark);
  std::optional<engine::ChainComparison> comparison;
  if (r.before) comparison = engine::compare_snapshots(*r.before, ctx);
  const report::AnalysisSections sections = report_sections(ctx);
  std::vector<engine::WhatIfResult> results;
  if (r.scenarios)
    for (const engine::Scenario& s : *r.scenarios) results.push_back(engine::run_whatif(ctx, s));
  std::optional<engine::PlanResult> plan;
  engine::PlanOptions po;
  if (r.plan > 0) {
    po.budget = r.plan;
    plan = engine::plan_assistance(ctx, po);
  }
  const engine::QualityAnalysis& q = ctx.quality();
  std::optional<engine::LedgerSummaryResult> ledger;
  std::optional<engine::TrendResult> trend;
  std::vector<const graphs::ChainGraph*> trend_snapshots;
  if (r.workspace) {
    ledger = engine::ledger_summary({&g, r.workspace->ledger});
    std::vector<const engine::AnalysisContext*> snapshots = r.workspace->earlier;
    snapshots.push_back(&ctx);
    trend = engine::snapshot_trend(snapshots);
    for (const engine::AnalysisContext* s : snapshots) trend_snapshots.push_back(&s->chain());
  }

  ReportInputs in;
  in.chain = &g;
  in.rubric = &ctx.rubric();
  in.grades = &ctx.grades();
  in.summary = &ctx.summary();
  in.structure = sections.structure;
  in.quality = &q;
  in.bottlenecks = sections.bottlenecks;
  in.systemic = sections.systemic;
  in.gaps = sections.gaps;
  in.plan = plan ? &*plan : nullptr;
  in.plan_options = &po;
  in.lang = L;
  in.version = r.version;
  in.benchmark = r.benchmark;
  in.projects = r.projects;
  in.benchmark_result = benchmark_result ? &*benchmark_result : nullptr;
  const MapOptions mo = base_map_options(ctx, L, r.max_nodes);
  std::vector<ReportFile> files;
  // The Word variant's PNGs, each beside the SVG it stands for; made from the diagram itself (Graphviz
  // png:cairo), not from the SVG. The SVG strings are found by address, so the vectors holding them
  // are reserved first and never grow after.
  std::vector<std::pair<std::string, Diagram>> word_diagrams;
  const auto keep = [&](const std::string& name, Diagram d) {
    std::string svg = render(d, Format::svg);
    files.push_back({name + ".svg", svg});
    if (r.word) word_diagrams.emplace_back(name, std::move(d));
    return svg;
  };
  // Above max_nodes the map aggregates, and only the overview still reads on one page: it comes first.
  if (g.firm_count() > r.max_nodes) {
    OverviewOptions oo;
    oo.lang = L;
    in.overview_svg = keep("overview", overview_map(g, oo));
  }
  in.map_svg = keep("map", chain_map(g, mo));
  in.issues_svg = keep("issues", issue_map(g, q, {L, 15}));
  in.fishbone_svgs.reserve(q.leaders.size());
  for (std::size_t i = 0; i < q.leaders.size(); ++i)
    in.fishbone_svgs.push_back(keep("fishbone-" + g.firm(q.leaders[i]).id, fishbone(g, q, i, {L, 4})));
  in.scenario_svgs.reserve(results.size());
  for (std::size_t i = 0; i < results.size(); ++i) {
    in.scenarios.push_back(&results[i]);
    MapOptions so = mo;
    so.scenario = &results[i];
    in.scenario_svgs.push_back(keep("scenario-" + std::to_string(i + 1), chain_map(g, so)));
  }
  std::vector<double> change;
  if (comparison) {
    const graphs::ChainGraph& before = r.before->chain();
    in.before = &before;
    in.comparison = &*comparison;
    in.progress_svg = progress_chart_svg(before, g, *comparison, L);
    files.push_back({"progress.svg", in.progress_svg});
    change = engine::delivered_yield_change(*comparison, g.firm_count());
    MapOptions cm = mo;
    cm.change = &change;
    cm.change_title = report::change_map_title(before, g, L);
    in.change_map_svg = keep("change-map", chain_map(g, cm));
  }
  if (trend) {
    in.ledger = &*ledger;
    in.trend = &*trend;
    in.trend_snapshots = &trend_snapshots;
    in.trend_svg = trend_chart_svg(trend_snapshots, *trend, L);
    files.push_back({"trend.svg", in.trend_svg});
  }
  if (r.workspace && !r.workspace->projects.empty()) {
    in.projects_list = &r.workspace->projects;
    in.project_progress = &r.workspace->project_progress;
  }
  files.push_back({"report.html", report_html(in)});
  if (r.word) {
    std::vector<std::pair<const std::string*, std::string>> images;
    const auto svg_of = [&](const std::string& name) -> const std::string* {
      if (name == "map") return &in.map_svg;
      if (name == "overview") return &in.overview_svg;
      if (name == "issues") return &in.issues_svg;
      if (name == "change-map") return &in.change_map_svg;
      for (std::size_t i = 0; i < q.leaders.size(); ++i)
        if (name == "fishbone-" + g.firm(q.leaders[i]).id) return &in.fishbone_svgs[i];
      for (std::size_t i = 0; i < in.scenario_svgs.size(); ++i)
        if (name == "scenario-" + std::to_string(i + 1)) return &in.scenario_svgs[i];
      return nullptr;
    };
    for (const auto& [name, d] : word_diagrams) {
      images.emplace_back(svg_of(name), name + ".png");
      files.push_back({std::string(kWordPrefix) + name + ".png", render(d, Format::png)});
    }
    in.images = &images;
    files.push_back({std::string(kWordPrefix) + "report.html", report_html(in)});
    in.images = nullptr;
  }

  report::ReportDocument d;
  d.chain = &g;
  d.analysis = sections;
  d.options = {L, 20};
  d.options.projects = r.projects;
  d.whatif = &results;
  d.plan = plan ? &*plan : nullptr;
  d.plan_options = &po;
  d.rubric = &ctx.rubric();
  d.grades = &ctx.grades();
  d.before = r.before ? &r.before->chain() : nullptr;
  d.comparison = comparison ? &*comparison : nullptr;
  d.benchmark = r.benchmark;
  d.benchmark_result = benchmark_result ? &*benchmark_result : nullptr;
  d.ledger = ledger ? &*ledger : nullptr;
  d.trend = trend ? &*trend : nullptr;
  d.trend_snapshots = &trend_snapshots;
  if (r.workspace && !r.workspace->projects.empty()) {
    d.projects = &r.workspace->projects;
    d.project_progress = &r.workspace->project_progress;
  }
  files.push_back({"report.json", report::report_json(d)});
  return files;
}

}  // namespace qchain::visualization
