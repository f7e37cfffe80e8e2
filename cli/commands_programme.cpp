// The programme's views over snapshots and regions: compare, trend, grade, portfolio, benchmark.
#include "commands.hpp"
#include "wiring.hpp"

#include <filesystem>
#include <memory>
#include <optional>

#include <unistd.h>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <algorithm>
#include <chrono>
#include <filesystem>
#include <functional>
#include <future>
#include <memory>
#include <optional>
#include "qchain/engine/context/analysis_context.hpp"
#include "qchain/engine/io/option_text.hpp"
#include "qchain/engine/io/scenario_reader.hpp"
#include "qchain/engine/io/rubric_reader.hpp"
#include "qchain/engine/io/benchmark_reader.hpp"
#include "qchain/report/analysis_report.hpp"
#include "qchain/report/benchmark_report.hpp"
#include "qchain/report/screening_report.hpp"
#include "qchain/engine/production/certification_gaps.hpp"
#include "qchain/engine/structure/chain_summary.hpp"
#include "qchain/report/comparison_report.hpp"
#include "qchain/report/grade_report.hpp"
#include "qchain/report/messages.hpp"
#include "qchain/report/portfolio_report.hpp"
#include "qchain/report/scenario_report.hpp"
#include "qchain/visualization/chain_map.hpp"
#include "qchain/visualization/fishbone.hpp"
#include "qchain/visualization/graphviz_renderer.hpp"
#include "qchain/visualization/issue_map.hpp"
#include "qchain/visualization/portfolio_map.hpp"
#include "qchain/visualization/progress_chart.hpp"
#include "qchain/visualization/report.hpp"
#include "qchain/visualization/report_files.hpp"
#include "qchain/visualization/views.hpp"
#include "qchain/report/report_json.hpp"
#include "qchain/report/summary_report.hpp"
#include "qchain/report/trend_report.hpp"
#include "qchain/workspace/workspace.hpp"
#include "qchain/core/atomic_file.hpp"
#include "qchain/core/version.hpp"
#include "qchain/graphs/chain_builder.hpp"
#include "qchain/graphs/chain_csv_writer.hpp"
#include "qchain/graphs/chain_export.hpp"
#include "qchain/graphs/chain_xlsx_writer.hpp"
#include "qchain/graphs/chain_loader.hpp"
#include "qchain/graphs/strong_components.hpp"

namespace qchain::cli {

using namespace qchain::graphs;
using report::tr;

int run_compare(const Common& c, const CompareArgs& a) {
  const std::vector<ChainGraph> both = load_all_or_report(c, {a.before, a.after});
  const ChainGraph& before = both[0];
  const ChainGraph& after = both[1];
  const engine::AnalysisContext before_ctx(before), after_ctx(after);
  const engine::ChainComparison r = engine::compare_snapshots(before_ctx, after_ctx);
  return emit(c, a.json_out, a.xlsx_out, {a.before, a.after}, [&] { return report::comparison_json(before, after, r); },
              [&] { return report::comparison_text(before, after, r, c.lang, a.top); });
}

int run_trend(const Common& c, const TrendArgs& a) {
  const std::optional<workspace::WorkspaceRef> ref = workspace::parse_workspace_ref(a.ref);
  if (!ref) throw UsageError("trend: CHAIN must be a chain in a workspace (FILE#CHAIN_ID), not " + a.ref);
  std::vector<std::string> refs;
  for (const workspace::WorkspaceRef& r : workspace::chain_snapshots(*ref)) refs.push_back(r.text());
  const std::vector<ChainGraph> chains = load_all_or_report(c, refs);
  std::vector<std::unique_ptr<engine::AnalysisContext>> contexts;
  std::vector<const engine::AnalysisContext*> ctx;
  std::vector<const ChainGraph*> snapshots;
  for (const ChainGraph& g : chains) {
    contexts.push_back(std::make_unique<engine::AnalysisContext>(g));
    ctx.push_back(contexts.back().get());
    snapshots.push_back(&g);
  }
  const engine::TrendResult r = engine::snapshot_trend(ctx);
  return emit(c, a.json_out, a.xlsx_out, {ref->file}, [&] { return report::trend_json(snapshots, r); },
              [&] { return report::trend_text(snapshots, r, c.lang); });
}

int run_grade(const Common& c, const GradeArgs& a) {
  const ChainGraph g = load_or_report(c, a.path);
  const engine::Rubric rubric = a.rubric.empty() ? engine::default_rubric() : engine::load_rubric(a.rubric);
  std::optional<FirmId> firm;
  if (!a.firm.empty()) {
    firm = g.find_firm(a.firm);
    if (!firm) throw UsageError("--firm: unknown firm \"" + a.firm + "\"");
  }
  const engine::GradingResult r = engine::grade_firms(g, rubric);
  std::vector<std::string> inputs{a.path};
  if (!a.rubric.empty()) inputs.push_back(a.rubric);
  return emit(c, a.json_out, a.xlsx_out, inputs, [&] { return report::grading_json(g, rubric, r); },
              [&] { return report::grading_text(g, rubric, r, c.lang, a.top, firm ? &*firm : nullptr); });
}

int run_portfolio(const Common& c, const PortfolioArgs& a) {
  namespace viz = qchain::visualization;
  const std::vector<ChainGraph> graphs = load_all_or_report(c, a.paths);
  report::ChainList chains;
  for (const ChainGraph& g : graphs) chains.push_back(&g);
  engine::check_distinct_chains(chains);  // before the analyses: they are the slow part
  std::vector<std::unique_ptr<engine::AnalysisContext>> contexts;
  std::vector<const engine::QualityAnalysis*> qs;
  for (const ChainGraph& g : graphs) {
    contexts.push_back(std::make_unique<engine::AnalysisContext>(g));
    qs.push_back(&contexts.back()->quality());
  }
  const engine::PortfolioResult r = engine::build_portfolio(chains, qs);
  if (!a.out.empty()) {
    std::error_code ec;
    std::filesystem::create_directories(a.out, ec);
    if (ec) throw IoError(a.out + ": cannot create folder: " + ec.message());
    const std::string map = viz::render(viz::portfolio_map(chains, r, {c.lang}), viz::Format::svg);
    const std::pair<std::string, std::string> files[] = {
        {"portfolio-map.svg", map},
        {"portfolio.json", report::portfolio_json(chains, r)},
        {"portfolio.html", viz::portfolio_html(chains, r, map, c.lang, QCHAIN_VERSION)}};
    for (const auto& [name, content] : files) {
      for (const std::string& p : a.paths) refuse_onto_input(a.out + "/" + name, p);
      write_file_atomically(a.out + "/" + name, content);
    }
  }
  return emit(c, a.json_out, a.xlsx_out, a.paths, [&] { return report::portfolio_json(chains, r); },
              [&] { return report::portfolio_text(chains, r, c.lang, a.top); });
}

int run_benchmark(const Common& c, const BenchmarkArgs& a) {
  const ChainGraph g = load_or_report(c, a.path);
  const engine::Benchmark b = engine::load_benchmark(a.against, g);
  const engine::BenchmarkResult r = engine::benchmark_chain(g, b);
  return emit(c, a.json_out, a.xlsx_out, {a.path, a.against}, [&] { return report::benchmark_json(g, b, r); },
              [&] { return report::benchmark_text(g, b, r, c.lang, a.top); });
}

}  // namespace qchain::cli
