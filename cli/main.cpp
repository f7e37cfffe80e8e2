// qchain: maps industry supply chains and finds where their quality breaks.
#include <CLI/CLI.hpp>

#include <clocale>
#include <exception>
#include <iostream>

#include "commands.hpp"
#include "qchain/graphs/error.hpp"
#include "qchain/visualization/diagram.hpp"

namespace {

constexpr const char* kExitCodes =
    "Exit codes: 0 ok, 1 ok with warnings (check), 2 invalid input or arguments, 3 I/O failure, 4 internal error.";

}  // namespace

int main(int argc, char** argv) {
  using namespace qchain::cli;
  std::setlocale(LC_ALL, "C");  // numbers in every output are locale-independent

  CLI::App app{"qchain — maps industry supply chains and finds where their quality breaks", "qchain"};
  app.footer(kExitCodes);
  app.set_version_flag("--version", std::string("qchain ") + QCHAIN_VERSION);
  app.require_subcommand(0, 1);
  Common common;
  std::string lang = "zh";
  app.add_option("--lang", lang, "language of tables, diagrams and reports")
      ->check(CLI::IsMember({"zh", "en"}))
      ->capture_default_str();

  std::string path, json_out;
  auto* check = app.add_subcommand("check", "validate a chain (JSON file or CSV folder) and list every problem");
  check->add_option("PATH", path, "chain file (qchain-chain/1 JSON) or CSV folder")->required();

  auto* summary = app.add_subcommand("summary", "firms, links, leaders, certification coverage, yields and issues");
  summary->add_option("PATH", path, "chain file or CSV folder")->required();
  summary->add_option("--json", json_out, "also write the summary as JSON to FILE ('-' = standard output only)");

  AnalyzeArgs an;
  auto* analyze = app.add_subcommand("analyze", "structure (tiers, supply bases, critical suppliers, cut firms, brokers), certification gaps, quality (delivered yields, defect origins, weak segment, shared issues, risk index) and bottlenecks");
  analyze->add_option("PATH", an.path, "chain file or CSV folder")->required();
  analyze->add_option("--json", an.json_out, "also write the analysis as JSON to FILE ('-' = standard output only)");
  analyze->add_option("--only", an.only, "run one section only (gaps: the certification-gap list)")->check(CLI::IsMember({"structure", "gaps", "quality", "systemic"}));
  analyze->add_option("--samples", an.samples, "betweenness: source firms sampled above 50,000 firms")
      ->capture_default_str()
      ->check(CLI::Range(1u, 1000000u));
  analyze->add_option("--seed", an.seed, "seed of the betweenness sample")->capture_default_str();
  analyze->add_option("--threads", an.threads, "threads (0 = all cores)")->capture_default_str();
  analyze->add_flag("--no-brokers", an.no_brokers, "skip betweenness, the costliest step");
  analyze->add_option("--systemic", an.systemic, "systemic index: auto (up to 200,000 firms), on, off")
      ->check(CLI::IsMember({"auto", "on", "off"}))
      ->capture_default_str();
  analyze->add_flag("--all", an.all, "every firm in the systemic ranking (default: the top --top)");
  analyze->add_option("--weights", an.weights, "systemic index: firms' weights ω (automatic: revenue when every firm has one, else output)")
      ->check(CLI::IsMember({"automatic", "revenue", "output", "uniform"}))
      ->capture_default_str();
  analyze->add_option("--top", an.top, "rows in ranked lists")->capture_default_str()->check(CLI::Range(1, 1000000));

  WhatIfArgs wi;
  auto* whatif = app.add_subcommand("whatif", "run what-if scenarios (qchain-scenario/1) through the quality and production channels");
  whatif->add_option("PATH", wi.path, "chain file or CSV folder")->required();
  whatif->add_option("SCENARIO", wi.scenarios, "scenario files")->required();
  whatif->add_option("--json", wi.json_out, "also write JSON to FILE ('-' = standard output only)");
  whatif->add_option("--top", wi.top, "rows in ranked lists")->capture_default_str();

  RiskArgs ri;
  auto* risk = app.add_subcommand("risk", "Monte Carlo, one run per year: firms stop at random by role; the leaders' output loss and the firms ranked by expected attributable loss");
  risk->add_option("PATH", ri.path, "chain file or CSV folder")->required();
  risk->add_option("--runs", ri.runs, "simulations")->capture_default_str()->check(CLI::Range(1u, 100000000u));
  risk->add_option("--seed", ri.seed, "random seed")->capture_default_str();
  risk->add_option("--stop-prob", ri.stop_prob, "stop probability per role and year, e.g. micro=0.05,small=0.03 (defaults, illustrative and from no published source: chain_leader 0, large 0.01, medium 0.02, small 0.03, micro 0.05)");
  risk->add_option("--threads", ri.threads, "threads (0 = all cores)")->capture_default_str();
  risk->add_flag("--upstream", ri.upstream, "count losses passed upstream by lost demand too");
  risk->add_option("--json", ri.json_out, "also write JSON to FILE ('-' = standard output only)");
  risk->add_option("--top", ri.top, "rows in every list (leaders, causes)")->capture_default_str();

  PlanArgs pl;
  auto* plan = app.add_subcommand("plan", "choose which firms to assist under a budget (assistance ledger 帮扶台账)");
  plan->add_option("PATH", pl.path, "chain file or CSV folder")->required();
  plan->add_option("--budget", pl.budget, "firms to assist (give --budget, --budget-money or both)")->check(CLI::Range(1u, 10000000u));
  plan->add_option("--budget-money", pl.budget_money, "money to spend, in 10k CNY (万元); with --budget both bind")->check(CLI::Range(0.0, 1e12));
  plan->add_option("--cost", pl.cost, "cost of assisting a firm per role, in 10k CNY, e.g. micro=0.5,small=1.2 (other roles: --cost-default)");
  plan->add_option("--cost-default", pl.cost_default, "cost of assisting a firm whose role --cost does not name, in 10k CNY (1: --budget-money counts firms)")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  plan->add_option("--goal", pl.goal, "leaders (the leaders' delivered yield), grades (firms promoted by the rubric), gaps (certification gaps closed), or a mix such as leaders=0.5,gaps=0.5 (each goal normalised by its maximum)")
      ->capture_default_str();
  plan->add_option("--rubric", pl.rubric, "with --goal grades: the rubric file (default: built in)");
  plan->add_option("--candidates", pl.candidates, "roles that may be assisted")->capture_default_str();
  auto* gain = plan->add_option("--gain", pl.gain, "first-pass yield gained by each assisted firm")->capture_default_str()->check(CLI::Range(0.0, 1.0));
  plan->add_flag("--fix-issues", pl.fix_issues, "assisted firms fix all their quality issues instead")->excludes(gain);
  plan->add_option("--json", pl.json_out, "also write JSON to FILE ('-' = standard output only)");

  RenderArgs rd;
  auto* render = app.add_subcommand("render", "draw the chain map, issue map, a leader's fishbone or a scenario map with Graphviz");
  render->add_option("PATH", rd.path, "chain file or CSV folder")->required();
  render->add_option("--view", rd.view, "map, issues, fishbone or scenario")
      ->check(CLI::IsMember({"map", "issues", "fishbone", "scenario"}))
      ->capture_default_str();
  render->add_option("--leader", rd.leader, "fishbone: the leader (default: the largest)");
  render->add_option("--scenario", rd.scenario, "scenario view: the scenario file");
  render->add_option("--format", rd.format, "svg, png, pdf, dot or json (default: from the output's extension)")
      ->check(CLI::IsMember({"svg", "png", "pdf", "dot", "json"}));
  render->add_option("--color", rd.color, "map: fill firms by first-pass yield, computed grade, or change since --before")
      ->check(CLI::IsMember({"yield", "grade", "change"}))
      ->capture_default_str();
  render->add_option("--rubric", rd.rubric, "with --color grade: the rubric file (default: built in)");
  render->add_option("--before", rd.before, "with --color change: the earlier snapshot");
  render->add_option("--max-nodes", rd.max_nodes, "above this many firms the map is aggregated")->capture_default_str();
  render->add_option("--focus", rd.focus, "draw only this firm's neighbourhood");
  render->add_option("--depth", rd.depth, "with --focus: links away from the firm")->capture_default_str();
  render->add_option("-o,--output", rd.out, "output file")->required();

  ReportArgs rp;
  auto* report = app.add_subcommand("report", "the HTML report for planners (report.html, report.json and every diagram as SVG)");
  report->add_option("PATH", rp.path, "chain file or CSV folder")->required();
  report->add_option("--scenario", rp.scenarios, "scenario files to include");
  report->add_option("--plan", rp.plan, "include an assistance plan of this many firms")->capture_default_str();
  report->add_option("--before", rp.before, "an earlier snapshot of the chain: adds the before/after evaluation (效果评价)");
  report->add_option("--rubric", rp.rubric, "rubric for the firm grades (default: built in)");
  report->add_option("--max-nodes", rp.max_nodes, "above this many firms the map is aggregated")->capture_default_str();
  report->add_option("-o,--output", rp.out, "output folder")->required();

  CompareArgs cm;
  auto* compare = app.add_subcommand("compare", "before/after evaluation of two snapshots of one chain (效果评价): firms matched by id, yields, issues, certifications, programme indicators");
  compare->add_option("BEFORE", cm.before, "the earlier snapshot (chain file or CSV folder)")->required();
  compare->add_option("AFTER", cm.after, "the later snapshot")->required();
  compare->add_option("--json", cm.json_out, "also write JSON to FILE ('-' = standard output only)");
  compare->add_option("--top", cm.top, "rows in the list of firms that changed most")->capture_default_str();

  GradeArgs gr;
  auto* grade = app.add_subcommand("grade", "grade firms startup / developing / leaping (初创级/发展级/跨越级) by a rubric, with reasons and next steps");
  grade->add_option("PATH", gr.path, "chain file or CSV folder")->required();
  grade->add_option("--rubric", gr.rubric, "rubric file (qchain-rubric/1; default: data/rubrics/default.json, built in)");
  grade->add_option("--firm", gr.firm, "also show every check of this firm");
  grade->add_option("--json", gr.json_out, "also write JSON to FILE ('-' = standard output only)");
  grade->add_option("--top", gr.top, "rows in the list of firms whose declared maturity differs")->capture_default_str();

  PortfolioArgs pf;
  auto* portfolio = app.add_subcommand("portfolio", "several chains side by side: sizes, leaders, weak segments, problems shared across chains, firms in several chains");
  portfolio->add_option("CHAIN", pf.paths, "chain files or CSV folders (two or more)")->required()->expected(2, -1);
  portfolio->add_option("--json", pf.json_out, "also write JSON to FILE ('-' = standard output only)");
  portfolio->add_option("--top", pf.top, "rows in the table of firms in several chains")->capture_default_str();
  portfolio->add_option("-o,--output", pf.out, "folder for portfolio.html, portfolio.json and portfolio-map.svg");

  std::string format, out;
  auto* exp = app.add_subcommand("export", "write the chain in another form");
  exp->add_option("PATH", path, "chain file or CSV folder")->required();
  exp->add_option("--format", format,
                  "csv (a folder: firms.csv, links.csv, ...), graphml, gexf (Gephi), dot, json (normalised qchain-chain/1)")
      ->required()
      ->check(CLI::IsMember({"csv", "graphml", "gexf", "dot", "json"}));
  exp->add_option("-o,--output", out, "output file (a folder for csv)")->required();

  std::string help_topic;
  auto* help = app.add_subcommand("help", "show help for a command");
  help->add_option("COMMAND", help_topic, "the command");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? kOk : kInvalidInput;
  }
  common.lang = lang == "en" ? qchain::engine::Lang::en : qchain::engine::Lang::zh;

  try {
    if (*check) return run_check(common, path);
    if (*summary) return run_summary(common, path, json_out);
    if (*exp) return run_export(common, path, format, out);
    if (*analyze) return run_analyze(common, an);
    if (*whatif) return run_whatif(common, wi);
    if (*risk) return run_risk(common, ri);
    if (*plan) return run_plan(common, pl);
    if (*render) return run_render(common, rd);
    if (*report) return run_report(common, rp);
    if (*compare) return run_compare(common, cm);
    if (*grade) return run_grade(common, gr);
    if (*portfolio) return run_portfolio(common, pf);
    if (*help || app.get_subcommands().empty()) {
      if (help_topic.empty()) {
        std::cout << app.get_formatter()->make_help(&app, "qchain", CLI::AppFormatMode::Normal);
        return kOk;
      }
      for (CLI::App* sub : app.get_subcommands({})) {
        if (sub->get_name() == help_topic) {
          std::cout << sub->help();
          return kOk;
        }
      }
      std::cerr << "qchain: unknown command \"" << help_topic << "\"; `qchain help` lists them\n";
      return kInvalidInput;
    }
  } catch (const qchain::InputError& e) {
    for (const auto& d : e.diagnostics()) std::cerr << qchain::format_diagnostic(d) << '\n';
    return kInvalidInput;
  } catch (const qchain::UsageError& e) {
    std::cerr << "qchain: " << e.what() << '\n';
    return kInvalidInput;
  } catch (const qchain::visualization::RenderError& e) {
    std::cerr << "qchain: " << e.what() << '\n';
    return kInternal;
  } catch (const qchain::IoError& e) {
    std::cerr << "qchain: " << e.what() << '\n';
    return kIoFailure;
  } catch (const std::bad_alloc&) {
    std::cerr << "qchain: out of memory\n";
    return kInternal;
  } catch (const std::exception& e) {
    std::cerr << "qchain: internal error: " << e.what() << '\n';
    return kInternal;
  }
  return kOk;
}
