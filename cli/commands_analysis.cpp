// Analyses of one chain: analyze, whatif, risk, plan, render, report.
#include "commands.hpp"
#include "qchain/report/ledger_report.hpp"
#include "qchain/workspace/ledger.hpp"
#include "qchain/workspace/project.hpp"
#include "qchain/workspace/workspace.hpp"
#include "wiring.hpp"

#include <unistd.h>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <future>
#include <iostream>
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
#include "qchain/service/queries.hpp"
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
#include "qchain/visualization/report_print.hpp"
#include "qchain/visualization/views.hpp"
#include "qchain/report/report_json.hpp"
#include "qchain/report/summary_report.hpp"
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

int run_analyze(const Common& c, const AnalyzeArgs& a) {
  auto chain = std::make_unique<const ChainGraph>(load_or_report(c, a.path));
  const ChainGraph& g = *chain;
  service::AnalysisQuery q;
  q.only = a.only;
  q.systemic = a.systemic;
  q.weights = a.weights;
  q.samples = a.samples;
  q.seed = a.seed;
  q.threads = a.threads;
  q.top = a.top;
  q.no_brokers = a.no_brokers;
  q.systemic_top = a.systemic_top;
  engine::ContextOptions co = service::analysis_context_options(q);
  co.systemic_runner = c.systemic_runner;
  auto context = std::make_unique<const engine::AnalysisContext>(g, co);
  const engine::AnalysisContext& ctx = *context;
  const engine::AnalysisRequest request = service::analysis_request(q);
  const engine::AnalysisSelection selection = engine::select_analysis(ctx, request);
  // Spread over ranks, the systemic index comes first, so that the other ranks need not wait for
  // the sections rank 0 alone computes; they have nothing else to do.
  if (c.systemic_runner && selection.systemic) ctx.systemic();
  if (!c.writes_outputs) return kOk;
  if (selection.systemic_skipped)
    std::cerr << report::localise_message("note: over " + thousands(co.systemic_auto_limit) +
                                              " firms, the systemic index was skipped (--systemic on forces it)",
                                          c.lang)
              << '\n';
  report::ReportOptions ro{c.lang, a.top};
  ro.all = a.all;
  const std::optional<report::IssueProjects> projects = issue_projects(a.path);
  ro.projects = projects ? &*projects : nullptr;
  // Refused before the work starts: an error must not wait for the sections computed aside.
  refuse_outputs_onto_inputs(a.json_out, a.xlsx_out, {a.path});
  // The structure is computed here and written while the other sections are computed aside. Every
  // reader of those waits for the aside first (each on its own copy of the future), so a failure
  // there is rethrown, never computed again.
  const std::shared_future<void> aside = engine::compute_aside(ctx, selection).share();
  const std::function<void()> wait_aside = [aside] { aside.get(); };
  const int code = emit_streamed(
      c, a.json_out, a.xlsx_out, {a.path},
      [&](const std::function<void(std::string_view)>& write) {
        report::write_analysis_json(ctx, selection, ro, write, wait_aside);
      },
      [&, aside] {
        aside.get();
        return report::analysis_text(g, report::analysis_sections(ctx, selection), ro);
      },
      a.threads);
  aside.get();
  leave_to_exit(c, std::move(context));
  leave_to_exit(c, std::move(chain));
  return code;
}

int run_whatif(const Common& c, const WhatIfArgs& a) {
  const ChainGraph g = load_or_report(c, a.path);
  std::vector<engine::Scenario> scenarios;
  for (const std::string& file : a.scenarios) scenarios.push_back(engine::load_scenario(file, g));
  engine::ContextOptions co;
  co.whatif_runner = c.whatif_runner;
  const engine::AnalysisContext ctx(g, co);
  const std::vector<engine::WhatIfResult> results = engine::run_whatifs(ctx, scenarios);
  if (!c.writes_outputs) return kOk;
  std::vector<std::string> inputs = a.scenarios;
  inputs.push_back(a.path);
  return emit(c, a.json_out, a.xlsx_out, inputs, [&] { return report::whatif_json(g, results, a.top); },
              [&] { return report::whatif_text(g, results, c.lang, a.top); });
}

int run_risk(const Common& c, const RiskArgs& a) {
  const ChainGraph g = load_or_report(c, a.path);
  engine::RiskOptions o = service::risk_options({a.stop_prob, a.runs, a.seed, a.threads, a.upstream});
  const auto t0 = std::chrono::steady_clock::now();
  if (::isatty(STDERR_FILENO) && !c.risk_runner) {
    o.progress = [&](std::uint32_t done) {
      if (std::chrono::steady_clock::now() - t0 < std::chrono::seconds(1) && done < o.runs) return;
      std::fprintf(stderr, "\r%s %u/%u", report::tr(c.lang, "模拟", "runs"), done, o.runs);
      if (done == o.runs) std::fprintf(stderr, "\n");
    };
  }
  o.runner = c.risk_runner;
  const engine::AnalysisContext ctx(g);
  const engine::RiskResult r = engine::disruption_risk(ctx.production(), o);
  if (!c.writes_outputs) return kOk;
  return emit(c, a.json_out, a.xlsx_out, {a.path}, [&] { return report::risk_json(g, r, o, a.top); },
              [&] { return report::risk_text(g, r, o, c.lang, a.top); });
}

namespace {

service::PlanQuery plan_query(const PlanArgs& a) {
  service::PlanQuery q;
  q.candidates = a.candidates;
  q.budget = a.budget;
  q.budget_money = a.budget_money;
  q.gain = a.gain;
  q.fix_issues = a.fix_issues;
  q.cost = a.cost;
  q.goal = a.goal;
  q.cost_default = a.cost_default;
  q.has_rubric = !a.rubric.empty();
  return q;
}

// `plan --record`: one planned ledger entry per pick, all in one transaction, before the plan is
// written; returns the message that says how many, for after it.
std::string record_plan(const Common& c, const PlanArgs& a, const std::optional<workspace::WorkspaceRef>& ref, const ChainGraph& g,
                        const engine::PlanResult& r, const engine::PlanOptions& o) {
  if (!ref) return "";
  const bool money = a.budget_money >= 0 || !a.cost.empty() || a.cost_default != 1.0;  // costs the reader gave
  std::vector<workspace::LedgerEntry> entries;
  for (const engine::PlanStep& s : r.steps) {
    const Firm& f = g.firm(s.firm);
    workspace::LedgerEntry e;
    e.firm_id = f.id;
    e.status = workspace::LedgerStatus::planned;
    e.measures = report::plan_measures(o, c.lang);
    if (o.action == engine::PlanOptions::Action::fix_issues)
      for (const FirmIssue& x : f.issues) e.issues.push_back(g.issues()[x.issue].code);
    if (money) e.cost = s.cost;
    entries.push_back(std::move(e));
  }
  const std::vector<std::int64_t> ids = workspace::add_ledger_entries(ref->file, ref->chain_id, entries, {os_user(), ""});
  return report::plan_recorded_text(ref->file + "#" + ref->chain_id, ids, c.lang);
}

// The plan's output, then what --record did (on standard error when standard output carries the JSON).
int emit_recorded(const PlanArgs& a, int code, const std::string& recorded) {
  (a.json_out == "-" ? std::cerr : std::cout) << recorded;
  return code;
}

}  // namespace

int run_plan(const Common& c, const PlanArgs& a) {
  // Before the plan is computed: a mistake here costs no time on a big chain.
  std::optional<workspace::WorkspaceRef> record;
  if (a.record) {
    record = workspace::parse_workspace_ref(a.path);
    if (!record) throw UsageError("plan --record: the chain must be a workspace reference (FILE#CHAIN_ID), whose ledger the picks go to");
    for (const std::string* out : {&a.json_out, &a.xlsx_out})
      if (!out->empty()) refuse_onto_input(*out, a.path);
  }
  const ChainGraph g = load_or_report(c, a.path);
  // The options checked first, so that a mistake in them is reported before the rubric file is read.
  const engine::Rubric builtin = engine::default_rubric();
  engine::PlanOptions o = service::plan_options(plan_query(a), builtin);
  const engine::Rubric rubric = a.rubric.empty() ? builtin : engine::load_rubric(a.rubric);
  o.rubric = &rubric;
  const engine::AnalysisContext ctx(g);
  std::vector<std::string> inputs{a.path};
  if (!a.rubric.empty()) inputs.push_back(a.rubric);
  if (!a.screen) {
    const engine::PlanResult r = engine::plan_assistance(ctx, o);
    const std::string recorded = record_plan(c, a, record, g, r, o);
    return emit_recorded(a, emit(c, a.json_out, a.xlsx_out, inputs, [&] { return report::plan_json(g, r, o); },
                                 [&] { return report::plan_text(g, r, o, c.lang); }),
                         recorded);
  }
  engine::ScreeningOptions so;
  so.minimum = a.willingness == "moderate" ? Willingness::moderate : Willingness::strong;
  const engine::ScreeningResult screening = engine::screen_candidates(ctx, o, so);
  o.allowed = screening.allowed;
  const engine::PlanResult r = engine::plan_assistance(ctx, o);
  const std::string recorded = record_plan(c, a, record, g, r, o);
  return emit_recorded(a,
                       emit(c, a.json_out, a.xlsx_out, inputs, [&] { return report::screened_plan_json(g, screening, so, r, o); },
                            [&] { return report::screening_text(g, screening, so, c.lang, a.top) + "\n" + report::plan_text(g, r, o, c.lang); }),
                       recorded);
}

namespace {

// A segment named by its id, or else by its name.
std::uint32_t segment_arg(const ChainGraph& g, const std::string& s) {
  if (const auto k = g.find_segment_named(s)) return *k;
  throw UsageError("--segment: unknown segment \"" + s + "\"");
}

}  // namespace

int run_render(const Common& c, const RenderArgs& a) {
  namespace viz = qchain::visualization;
  std::string format = a.format;
  if (format.empty()) {
    const auto dot = a.out.find_last_of('.');
    format = dot == std::string::npos || a.out == "-" ? "svg" : a.out.substr(dot + 1);
  } else {
    check_extension(a.out, format, {"svg", "png", "pdf", "dot", "json"});
  }
  for (const std::string* input : {&a.path, &a.scenario, &a.rubric, &a.before}) refuse_onto_input(a.out, *input);
  const viz::Format f = viz::parse_format(format);
  if (a.color != "yield" && a.view != "map") throw UsageError("--color " + a.color + " applies to --view map only");
  if (!a.before.empty() && a.color != "change") throw UsageError("--before goes with --color change");
  if (!a.rubric.empty() && a.color != "grade") throw UsageError("--rubric goes with --color grade");
  if (a.color == "change" && a.before.empty()) throw UsageError("--color change needs --before FILE (the earlier snapshot)");
  if (a.view == "scenario" && a.scenario.empty()) throw UsageError("--view scenario needs --scenario FILE");
  if (!a.segment.empty() && a.view != "overview") throw UsageError("--segment goes with --view overview");
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
         : a.view == "scenario" ? viz::View::scenario : a.view == "ecosystem" ? viz::View::ecosystem
         : a.view == "overview" ? viz::View::overview : viz::View::map;
  std::optional<viz::EcosystemInput> ecosystem;
  if (r.view == viz::View::ecosystem) {
    if (const auto ref = workspace::parse_workspace_ref(a.path)) {
      ecosystem.emplace();
      ecosystem->ledger = workspace::list_ledger(ref->file, ref->chain_id);
      ecosystem->projects = workspace::list_projects(ref->file, ref->chain_id);
    }
  }
  r.ecosystem = ecosystem ? &*ecosystem : nullptr;
  r.lang = c.lang;
  r.colour = a.color == "grade" ? viz::MapColour::grade : a.color == "change" ? viz::MapColour::change : viz::MapColour::yield;
  r.max_nodes = a.max_nodes;
  if (!a.focus.empty() && (r.view == viz::View::map || r.view == viz::View::scenario || r.view == viz::View::overview))
    r.focus = firm_arg(a.focus, "--focus"), r.depth = a.depth;
  if (!a.segment.empty()) r.segment = segment_arg(g, a.segment);
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
  // A chain of a workspace: its ledger and its earlier snapshots, for the sections 帮扶台账 and 历次调查趋势.
  std::optional<viz::WorkspaceReport> ws;
  std::vector<engine::LedgerItem> ledger;
  std::vector<ChainGraph> earlier;
  std::vector<std::unique_ptr<engine::AnalysisContext>> earlier_ctx;
  if (const std::optional<workspace::WorkspaceRef> ref = workspace::parse_workspace_ref(a.path)) {
    ledger = report::ledger_items(workspace::list_ledger(ref->file, ref->chain_id));
    const std::vector<workspace::WorkspaceRef> snapshots = workspace::chain_snapshots(*ref);
    const std::string upto = ref->as_of.empty() ? snapshots.back().as_of : ref->as_of;
    std::vector<std::string> refs;
    for (const workspace::WorkspaceRef& s : snapshots)
      if (s.as_of < upto) refs.push_back(s.text());
    earlier = load_all_or_report(c, refs);
    ws.emplace();
    ws->ledger = &ledger;
    for (const ChainGraph& e : earlier) {
      earlier_ctx.push_back(std::make_unique<engine::AnalysisContext>(e, co));
      ws->earlier.push_back(earlier_ctx.back().get());
    }
    // Each project's progress from the snapshots loaded above where it can (no copy: the shared
    // pointers do not own them), else from the workspace.
    const auto snapshot = [&](const workspace::WorkspaceRef& s) -> std::shared_ptr<const ChainGraph> {
      if (s.as_of == upto) return std::shared_ptr<const ChainGraph>(&g, [](const ChainGraph*) {});
      for (const ChainGraph& e : earlier)
        if (e.info().as_of == s.as_of) return std::shared_ptr<const ChainGraph>(&e, [](const ChainGraph*) {});
      return std::make_shared<const ChainGraph>(load_or_report(c, s.text()));
    };
    ws->projects = workspace::list_projects(ref->file, ref->chain_id);
    for (const workspace::Project& p : ws->projects)
      ws->project_progress.push_back(project_progress_view(p, workspace::project_snapshots(ref->file, p), snapshot));
  }
  viz::ReportRequest r;
  r.lang = c.lang;
  r.version = QCHAIN_VERSION;
  r.workspace = ws ? &*ws : nullptr;
  r.max_nodes = a.max_nodes;
  r.scenarios = &scenarios;
  r.plan = a.plan;
  r.before = before_ctx ? &*before_ctx : nullptr;
  r.benchmark = benchmark ? &*benchmark : nullptr;
  // The projects were read with the workspace's other records above: a file has none.
  const std::optional<report::IssueProjects> projects = ws ? issue_projects(ws->projects) : std::nullopt;
  r.projects = projects ? &*projects : nullptr;
  r.word = !a.docx.empty();
  const std::vector<viz::ReportFile> files = viz::build_report(ctx, r);

  std::error_code ec;
  std::filesystem::create_directories(a.out, ec);
  if (ec) throw IoError(a.out + ": cannot create folder: " + ec.message());
  std::vector<std::string> targets;
  for (const viz::ReportFile& file : files)
    if (!viz::is_word_file(file)) targets.push_back(a.out + "/" + file.name);
  for (const std::string* printed : {&a.pdf, &a.docx})
    if (!printed->empty()) targets.push_back(*printed);
  for (const std::string& target : targets) {
    for (const std::string* input : {&a.path, &a.before, &a.rubric, &a.benchmark})
      if (!input->empty()) refuse_onto_input(target, *input);
    for (const std::string& input : a.scenarios) refuse_onto_input(target, input);
  }
  for (const viz::ReportFile& file : files)
    if (!viz::is_word_file(file)) write_file_atomically(a.out + "/" + file.name, file.content);
  std::cout << a.out << "/report.html\n";
  for (const viz::ReportFile& file : files) {
    if (file.name != "report.html" || a.pdf.empty()) continue;
    viz::write_report_pdf(file.content, a.pdf);
    std::cout << a.pdf << "\n";
  }
  if (!a.docx.empty()) {
    viz::write_report_docx(files, a.docx);
    std::cout << a.docx << "\n";
  }
  return kOk;
}

}  // namespace qchain::cli
