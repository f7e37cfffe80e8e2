#include "commands.hpp"
#include "table_xlsx.hpp"

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
#include "qchain/core/atomic_file.hpp"
#include "qchain/graphs/chain_builder.hpp"
#include "qchain/graphs/chain_csv_writer.hpp"
#include "qchain/graphs/chain_export.hpp"
#include "qchain/graphs/chain_xlsx_writer.hpp"
#include "qchain/graphs/chain_loader.hpp"
#include "qchain/graphs/strong_components.hpp"

namespace qchain::cli {

using namespace qchain::graphs;
using report::tr;

namespace {

std::string counted(std::size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

// Every diagnostic in the reader's language (the loaders write English: engine/messages.hpp).
void print_diagnostics(std::ostream& out, const ChainLoad& load, report::Lang lang) {
  for (const Diagnostic& d : load.diagnostics) out << report::localise_diagnostic(d, lang) << '\n';
  const std::size_t total = load.errors + load.warnings;
  if (total > load.diagnostics.size())
    out << report::localise_message("... " + std::to_string(total - load.diagnostics.size()) + " more problems not shown", lang)
        << '\n';
}

// 200000 -> "200,000", as the note about the systemic index has always written it.
std::string thousands(std::uint64_t n) {
  std::string t = std::to_string(n);
  for (std::size_t k = t.size(); k > 3; k -= 3) t.insert(k - 3, ",");
  return t;
}

engine::OutputWeights parse_weights(const std::string& w) {
  if (w == "revenue") return engine::OutputWeights::revenue;
  if (w == "output") return engine::OutputWeights::output;
  if (w == "uniform") return engine::OutputWeights::uniform;
  return engine::OutputWeights::automatic;
}

LoadOptions load_options(const Common& c, bool locate_warnings) {
  LoadOptions o;
  o.locate_warnings = locate_warnings;
  o.encoding = c.encoding;
  return o;
}

// Loads PATH; on errors prints them to stderr and throws so that main maps it to exit code 2.
ChainGraph report_load(const Common& c, const std::string& path, ChainLoad load) {
  if (!load.chain) {
    print_diagnostics(std::cerr, load, c.lang);
    throw InputError(std::vector<Diagnostic>{});
  }
  if (load.warnings > 0) {
    if (c.lang == report::Lang::zh)
      std::cerr << path << ": " << load.warnings << " 个警告，`qchain check " << path << "` 可列出\n";
    else
      std::cerr << path << ": " << counted(load.warnings, "warning", "warnings") << "; `qchain check " << path
                << "` lists them\n";
  }
  return std::move(*load.chain);
}
ChainGraph load_or_report(const Common& c, const std::string& path) { return report_load(c, path, load_chain(path, load_options(c, false))); }

// Several chains loaded side by side (a thread each, at most two at a time: loading is one core's
// work and memory-bound), then reported in the order given.
std::vector<ChainGraph> load_all_or_report(const Common& c, const std::vector<std::string>& paths) {
  std::vector<ChainGraph> out;
  out.reserve(paths.size());
  for (std::size_t k = 0; k < paths.size(); k += 2) {
    auto second = k + 1 < paths.size() ? std::async(std::launch::async, [&] { return load_chain(paths[k + 1], load_options(c, false)); })
                                       : std::future<ChainLoad>();
    ChainLoad first = load_chain(paths[k], load_options(c, false));
    std::optional<ChainLoad> other;
    if (second.valid()) other = second.get();
    out.push_back(report_load(c, paths[k], std::move(first)));
    if (other) out.push_back(report_load(c, paths[k + 1], std::move(*other)));
  }
  return out;
}

// Writes the JSON document to `json_out` when asked ("-": standard output, and then nothing else),
// every table of the text to `xlsx_out` when asked, otherwise or also prints the text. Never writes
// over one of the inputs.
int emit(const Common& c, const std::string& json_out, const std::string& xlsx_out, const std::vector<std::string>& inputs,
         const std::function<std::string()>& json, const std::function<std::string()>& text) {
  for (const std::string& input : inputs) {
    if (!json_out.empty()) refuse_to_overwrite_input(json_out, input);
    if (!xlsx_out.empty()) refuse_to_overwrite_input(xlsx_out, input);
  }
  if (!json_out.empty()) {
    write_file_atomically(json_out, json());
    if (json_out == "-") {
      if (!xlsx_out.empty()) {
        report::TableCapture capture;
        const std::string t = text();
        write_tables_xlsx(xlsx_out, t, capture.tables, c.lang);
      }
      return kOk;
    }
  }
  if (xlsx_out.empty()) {
    std::cout << text();
    return kOk;
  }
  std::string t;
  report::TableCapture capture;
  t = text();
  write_tables_xlsx(xlsx_out, t, capture.tables, c.lang);
  std::cout << t;
  return kOk;
}

// An output whose extension names another format than the one asked for is a mistake in one of
// the two (`--format png -o map.svg`): refuse it rather than write PNG bytes into a .svg file.
void check_extension(const std::string& out, const std::string& format, std::initializer_list<const char*> known) {
  const auto dot = out.find_last_of('.');
  const auto slash = out.find_last_of('/');
  if (out == "-" || dot == std::string::npos || (slash != std::string::npos && dot < slash)) return;
  std::string ext = out.substr(dot + 1);
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
  for (const char* k : known)
    if (ext == k && ext != format)
      throw UsageError("--format " + format + " contradicts the output's extension: " + out + " (use --format " + ext +
                       " or another file name)");
}

}  // namespace

int run_check(const Common& c, const std::string& path) {
  const ChainLoad load = load_chain(path, load_options(c, true));
  print_diagnostics(std::cout, load, c.lang);
  if (load.errors > 0) {
    if (c.lang == report::Lang::zh)
      std::cout << path << ": 无效（" << load.errors << " 个错误，" << load.warnings << " 个警告）\n";
    else
      std::cout << path << ": invalid (" << counted(load.errors, "error", "errors") << ", "
                << counted(load.warnings, "warning", "warnings") << ")\n";
    return kInvalidInput;
  }
  const ChainGraph& g = *load.chain;
  // Certification gaps are not data errors (the survey may be exactly right), but a chain that has
  // them is never reported as clean: they are the programme's work list.
  const std::size_t gaps = engine::certification_gaps(g).gap_links.size();
  if (gaps > 0) {
    if (c.lang == report::Lang::zh)
      std::cout << path << ": 警告：" << gaps << " 条供应关系的供应商未持有客户要求的有效认证（认证缺口），`qchain analyze` 可列出\n";
    else
      std::cout << path << ": warning: " << counted(gaps, "link comes", "links come")
                << " from a supplier without a certificate in force that the customer requires (certification gaps); "
                   "`qchain analyze` lists them\n";
  }
  if (c.lang == report::Lang::zh)
    std::cout << path << ": 有效（" << g.firm_count() << " 家企业，" << g.link_count() << " 条供应关系，" << load.warnings
              << " 个警告" << (gaps ? "，" + std::to_string(gaps) + " 条认证缺口" : std::string()) << "）\n";
  else
    std::cout << path << ": valid (" << counted(g.firm_count(), "firm", "firms") << ", "
              << counted(g.link_count(), "link", "links") << ", " << counted(load.warnings, "warning", "warnings")
              << (gaps ? ", " + counted(gaps, "certification gap", "certification gaps") : std::string()) << ")\n";
  return load.warnings > 0 || gaps > 0 ? kWarnings : kOk;
}

int run_summary(const Common& c, const std::string& path, const std::string& json_out, const std::string& xlsx_out) {
  const ChainGraph g = load_or_report(c, path);
  const engine::ChainSummary s = engine::summarize_chain(g);
  return emit(c, json_out, xlsx_out, {path}, [&] { return report::summary_json(g, s); },
              [&] { return report::summary_text(g, s, c.lang); });
}

int run_analyze(const Common& c, const AnalyzeArgs& a) {
  const ChainGraph g = load_or_report(c, a.path);
  engine::ContextOptions co;
  co.threads = a.threads;
  co.structure.brokers.samples = a.samples;
  co.structure.brokers.seed = a.seed;
  co.structure.betweenness = !a.no_brokers;
  co.weights = parse_weights(a.weights);
  co.gaps_protect_top = a.top;
  const engine::AnalysisContext ctx(g, co);
  engine::AnalysisRequest request;
  if (a.only == "structure") request.only = engine::AnalysisPart::structure;
  else if (a.only == "gaps") request.only = engine::AnalysisPart::gaps;
  else if (a.only == "quality") request.only = engine::AnalysisPart::quality;
  else if (a.only == "systemic") request.only = engine::AnalysisPart::systemic;
  request.systemic = a.systemic == "on" ? engine::SystemicMode::on : a.systemic == "off" ? engine::SystemicMode::off
                                                                                       : engine::SystemicMode::automatic;
  const engine::AnalysisSelection selection = engine::select_analysis(ctx, request);
  if (selection.systemic_skipped)
    std::cerr << report::localise_message("note: over " + thousands(co.systemic_auto_limit) +
                                              " firms, the systemic index was skipped (--systemic on forces it)",
                                          c.lang)
              << '\n';
  const report::AnalysisSections sections = report::analysis_sections(ctx, selection);
  report::ReportOptions ro{c.lang, a.top};
  ro.all = a.all;
  return emit(c, a.json_out, a.xlsx_out, {a.path}, [&] { return report::analysis_json(g, sections, ro); },
              [&] { return report::analysis_text(g, sections, ro); });
}

int run_whatif(const Common& c, const WhatIfArgs& a) {
  const ChainGraph g = load_or_report(c, a.path);
  std::vector<engine::Scenario> scenarios;
  for (const std::string& file : a.scenarios) scenarios.push_back(engine::load_scenario(file, g));
  const engine::AnalysisContext ctx(g);
  std::vector<engine::WhatIfResult> results;
  for (const engine::Scenario& s : scenarios) results.push_back(engine::run_whatif(ctx, s));
  std::vector<std::string> inputs = a.scenarios;
  inputs.push_back(a.path);
  return emit(c, a.json_out, a.xlsx_out, inputs, [&] { return report::whatif_json(g, results, a.top); },
              [&] { return report::whatif_text(g, results, c.lang, a.top); });
}

int run_risk(const Common& c, const RiskArgs& a) {
  const ChainGraph g = load_or_report(c, a.path);
  engine::RiskOptions o;
  o.runs = a.runs;
  o.seed = a.seed;
  o.threads = a.threads;
  o.upstream = a.upstream;
  const engine::RoleValues stop = engine::parse_stop_probabilities(a.stop_prob);
  for (int r = 0; r < kRoleCount; ++r)
    if (stop.given[r]) o.stop_probability[r] = stop.value[r], o.probability_given[r] = true;
  const auto t0 = std::chrono::steady_clock::now();
  if (::isatty(STDERR_FILENO)) {
    o.progress = [&](std::uint32_t done) {
      if (std::chrono::steady_clock::now() - t0 < std::chrono::seconds(1) && done < o.runs) return;
      std::fprintf(stderr, "\r%s %u/%u", report::tr(c.lang, "模拟", "runs"), done, o.runs);
      if (done == o.runs) std::fprintf(stderr, "\n");
    };
  }
  const engine::AnalysisContext ctx(g);
  const engine::RiskResult r = engine::disruption_risk(ctx.production(), o);
  return emit(c, a.json_out, a.xlsx_out, {a.path}, [&] { return report::risk_json(g, r, o, a.top); },
              [&] { return report::risk_text(g, r, o, c.lang, a.top); });
}

int run_plan(const Common& c, const PlanArgs& a) {
  const ChainGraph g = load_or_report(c, a.path);
  engine::PlanOptions o;
  o.budget = a.budget > 0 ? a.budget : kNone;
  o.budget_money = a.budget_money >= 0 ? a.budget_money : kAbsent;
  if (o.budget == kNone && std::isnan(o.budget_money))
    throw UsageError("plan: give --budget K (firms), --budget-money M (10k CNY), or both");
  o.gain = a.gain;
  o.cost_default = a.cost_default;
  const engine::RoleValues cost = engine::parse_role_costs(a.cost);
  for (int r = 0; r < kRoleCount; ++r)
    if (cost.given[r]) o.role_cost[r] = cost.value[r];
  o.goals = engine::parse_plan_goals(a.goal);
  if (!a.rubric.empty() && !(o.goals.grades > 0)) throw UsageError("--rubric goes with --goal grades");
  const engine::Rubric rubric = a.rubric.empty() ? engine::default_rubric() : engine::load_rubric(a.rubric);
  o.rubric = &rubric;
  o.action = a.fix_issues ? engine::PlanOptions::Action::fix_issues : engine::PlanOptions::Action::yield_gain;
  o.candidates = engine::parse_roles(a.candidates);
  const engine::AnalysisContext ctx(g);
  std::vector<std::string> inputs{a.path};
  if (!a.rubric.empty()) inputs.push_back(a.rubric);
  if (!a.screen) {
    const engine::PlanResult r = engine::plan_assistance(ctx, o);
    return emit(c, a.json_out, a.xlsx_out, inputs, [&] { return report::plan_json(g, r, o); },
                [&] { return report::plan_text(g, r, o, c.lang); });
  }
  engine::ScreeningOptions so;
  so.minimum = a.willingness == "moderate" ? Willingness::moderate : Willingness::strong;
  const engine::ScreeningResult screening = engine::screen_candidates(ctx, o, so);
  o.allowed = screening.allowed;
  const engine::PlanResult r = engine::plan_assistance(ctx, o);
  return emit(c, a.json_out, a.xlsx_out, inputs, [&] { return report::screened_plan_json(g, screening, so, r, o); },
              [&] { return report::screening_text(g, screening, so, c.lang, a.top) + "\n" + report::plan_text(g, r, o, c.lang); });
}

int run_render(const Common& c, const RenderArgs& a) {
  namespace viz = qchain::visualization;
  std::string format = a.format;
  if (format.empty()) {
    const auto dot = a.out.find_last_of('.');
    format = dot == std::string::npos || a.out == "-" ? "svg" : a.out.substr(dot + 1);
  } else {
    check_extension(a.out, format, {"svg", "png", "pdf", "dot", "json"});
  }
  for (const std::string* input : {&a.path, &a.scenario, &a.rubric, &a.before}) refuse_to_overwrite_input(a.out, *input);
  const viz::Format f = viz::parse_format(format);
  if (a.color != "yield" && a.view != "map") throw UsageError("--color " + a.color + " applies to --view map only");
  if (!a.before.empty() && a.color != "change") throw UsageError("--before goes with --color change");
  if (!a.rubric.empty() && a.color != "grade") throw UsageError("--rubric goes with --color grade");
  if (a.color == "change" && a.before.empty()) throw UsageError("--color change needs --before FILE (the earlier snapshot)");
  if (a.view == "scenario" && a.scenario.empty()) throw UsageError("--view scenario needs --scenario FILE");
  const ChainGraph g = load_or_report(c, a.path);
  // The other inputs before the analyses, so that a mistake in them costs no time on a big chain.
  std::optional<engine::Rubric> rubric;
  if (!a.rubric.empty()) rubric = engine::load_rubric(a.rubric);
  std::optional<ChainGraph> before;
  if (!a.before.empty()) before = load_or_report(c, a.before);
  std::optional<engine::Scenario> scenario;
  if (a.view == "scenario") scenario = engine::load_scenario(a.scenario, g);
  const auto firm_arg = [&](const std::string& id, const char* option) {
    auto v = g.find_firm(id);
    if (!v) throw UsageError(std::string(option) + ": unknown firm \"" + id + "\"");
    return *v;
  };
  viz::ViewRequest r;
  r.view = a.view == "issues" ? viz::View::issues : a.view == "fishbone" ? viz::View::fishbone
         : a.view == "scenario" ? viz::View::scenario : viz::View::map;
  r.lang = c.lang;
  r.colour = a.color == "grade" ? viz::MapColour::grade : a.color == "change" ? viz::MapColour::change : viz::MapColour::yield;
  r.max_nodes = a.max_nodes;
  if (!a.focus.empty() && (r.view == viz::View::map || r.view == viz::View::scenario)) r.focus = firm_arg(a.focus, "--focus"), r.depth = a.depth;
  if (!a.leader.empty() && r.view == viz::View::fishbone) r.leader = firm_arg(a.leader, "--leader");
  r.scenario = scenario ? &*scenario : nullptr;
  engine::ContextOptions co;
  co.structure.betweenness = false;
  co.rubric = rubric ? &*rubric : nullptr;
  const engine::AnalysisContext ctx(g, co);
  std::optional<engine::AnalysisContext> before_ctx;
  if (before) before_ctx.emplace(*before);
  r.before = before_ctx ? &*before_ctx : nullptr;
  write_file_atomically(a.out, viz::render(viz::view_diagram(ctx, r), f));
  return kOk;
}

int run_report(const Common& c, const ReportArgs& a) {
  namespace viz = qchain::visualization;
  const ChainGraph g = load_or_report(c, a.path);
  std::vector<engine::Scenario> scenarios;
  for (const std::string& file : a.scenarios) scenarios.push_back(engine::load_scenario(file, g));
  // The other inputs before the analyses, so that a mistake in them costs no time on a big chain.
  std::optional<engine::Rubric> rubric;
  if (!a.rubric.empty()) rubric = engine::load_rubric(a.rubric);
  std::optional<engine::Benchmark> benchmark;
  if (!a.benchmark.empty()) benchmark = engine::load_benchmark(a.benchmark, g);
  std::optional<ChainGraph> before;
  if (!a.before.empty()) {
    before = load_or_report(c, a.before);
    engine::check_comparable(*before, g);
  }
  engine::ContextOptions co;
  co.structure.betweenness = false;
  co.rubric = rubric ? &*rubric : nullptr;
  const engine::AnalysisContext ctx(g, co);
  std::optional<engine::AnalysisContext> before_ctx;
  if (before) before_ctx.emplace(*before, co);
  viz::ReportRequest r;
  r.lang = c.lang;
  r.version = QCHAIN_VERSION;
  r.max_nodes = a.max_nodes;
  r.scenarios = &scenarios;
  r.plan = a.plan;
  r.before = before_ctx ? &*before_ctx : nullptr;
  r.benchmark = benchmark ? &*benchmark : nullptr;
  const std::vector<viz::ReportFile> files = viz::build_report(ctx, r);

  std::error_code ec;
  std::filesystem::create_directories(a.out, ec);
  if (ec) throw IoError(a.out + ": cannot create folder: " + ec.message());
  for (const viz::ReportFile& file : files) {
    const std::string target = a.out + "/" + file.name;
    for (const std::string* input : {&a.path, &a.before, &a.rubric, &a.benchmark})
      if (!input->empty()) refuse_to_overwrite_input(target, *input);
    for (const std::string& input : a.scenarios) refuse_to_overwrite_input(target, input);
    write_file_atomically(target, file.content);
  }
  std::cout << a.out << "/report.html\n";
  return kOk;
}

int run_compare(const Common& c, const CompareArgs& a) {
  const std::vector<ChainGraph> both = load_all_or_report(c, {a.before, a.after});
  const ChainGraph& before = both[0];
  const ChainGraph& after = both[1];
  const engine::AnalysisContext before_ctx(before), after_ctx(after);
  const engine::ChainComparison r = engine::compare_snapshots(before_ctx, after_ctx);
  return emit(c, a.json_out, a.xlsx_out, {a.before, a.after}, [&] { return report::comparison_json(before, after, r); },
              [&] { return report::comparison_text(before, after, r, c.lang, a.top); });
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
      for (const std::string& p : a.paths) refuse_to_overwrite_input(a.out + "/" + name, p);
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

int run_export(const Common& c, const std::string& path, const std::string& format, const std::string& out, bool bom) {
  check_extension(out, format, {"csv", "graphml", "gexf", "dot", "json", "svg", "png", "pdf", "xlsx"});
  refuse_to_overwrite_input(out, path);
  const ChainGraph g = load_or_report(c, path);
  if (format == "csv") write_chain_csv(g, out, bom);
  else if (format == "xlsx") write_chain_xlsx(g, out, c.lang == report::Lang::zh);
  else if (format == "graphml") write_file_atomically(out, chain_to_graphml(g));
  else if (format == "gexf") write_file_atomically(out, chain_to_gexf(g));
  else if (format == "dot") write_file_atomically(out, chain_to_dot(g));
  else if (format == "json") write_file_atomically(out, chain_to_json(g));
  else throw UsageError("unknown export format \"" + format + "\"");
  return kOk;
}

int run_template(const Common& c, const std::string& out) {
  write_survey_template(out, c.lang == report::Lang::zh);
  return kOk;
}

}  // namespace qchain::cli
