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
#include <optional>

#include "qchain/engine/analysis_report.hpp"
#include "qchain/engine/benchmark_report.hpp"
#include "qchain/engine/screening_report.hpp"
#include "qchain/engine/certification_gaps.hpp"
#include "qchain/engine/chain_summary.hpp"
#include "qchain/engine/comparison_report.hpp"
#include "qchain/engine/grade_report.hpp"
#include "qchain/engine/messages.hpp"
#include "qchain/engine/portfolio_report.hpp"
#include "qchain/engine/scenario_report.hpp"
#include "qchain/visualization/chain_map.hpp"
#include "qchain/visualization/fishbone.hpp"
#include "qchain/visualization/graphviz_renderer.hpp"
#include "qchain/visualization/issue_map.hpp"
#include "qchain/visualization/portfolio_map.hpp"
#include "qchain/visualization/progress_chart.hpp"
#include "qchain/visualization/report.hpp"
#include "qchain/engine/summary_report.hpp"
#include "qchain/graphs/atomic_file.hpp"
#include "qchain/graphs/chain_builder.hpp"
#include "qchain/graphs/chain_csv_writer.hpp"
#include "qchain/graphs/chain_export.hpp"
#include "qchain/graphs/chain_xlsx_writer.hpp"
#include "qchain/graphs/chain_loader.hpp"
#include "qchain/graphs/strong_components.hpp"

namespace qchain::cli {

using namespace qchain::graphs;
using engine::tr;

namespace {

std::string counted(std::size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

// Every diagnostic in the reader's language (the loaders write English: engine/messages.hpp).
void print_diagnostics(std::ostream& out, const ChainLoad& load, engine::Lang lang) {
  for (const Diagnostic& d : load.diagnostics) out << engine::localise_diagnostic(d, lang) << '\n';
  const std::size_t total = load.errors + load.warnings;
  if (total > load.diagnostics.size())
    out << engine::localise_message("... " + std::to_string(total - load.diagnostics.size()) + " more problems not shown", lang)
        << '\n';
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
    if (c.lang == engine::Lang::zh)
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
// over one of the inputs. `json(write)` hands the document to `write` piece by piece, so that a big
// analysis goes to its file as it is made instead of being held whole.
using JsonPieces = std::function<void(const std::function<void(std::string_view)>& write)>;
int emit(const Common& c, const std::string& json_out, const std::string& xlsx_out, const std::vector<std::string>& inputs,
         const JsonPieces& json, const std::function<std::string()>& text, unsigned threads = 0) {
  for (const std::string& input : inputs) {
    if (!json_out.empty()) refuse_to_overwrite_input(json_out, input);
    if (!xlsx_out.empty()) refuse_to_overwrite_input(xlsx_out, input);
  }
  if (!json_out.empty()) {
    // Text that is only printed (no tables captured for a workbook, which happens on the thread that
    // renders them) is made on a second thread while the document is written.
    std::future<std::string> early;
    if (json_out != "-" && xlsx_out.empty() && threads != 1) early = std::async(std::launch::async, text);
    write_file_atomically(json_out, json);
    if (early.valid()) {
      std::cout << early.get();
      return kOk;
    }
    if (json_out == "-") {
      if (!xlsx_out.empty()) {
        engine::TableCapture capture;
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
  engine::TableCapture capture;
  t = text();
  write_tables_xlsx(xlsx_out, t, capture.tables, c.lang);
  std::cout << t;
  return kOk;
}
// The same for a document made as one string.
int emit(const Common& c, const std::string& json_out, const std::string& xlsx_out, const std::vector<std::string>& inputs,
         const std::function<std::string()>& json, const std::function<std::string()>& text) {
  return emit(c, json_out, xlsx_out, inputs, [&json](const std::function<void(std::string_view)>& write) { write(json()); }, text);
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

// "micro=0.05,small=0.03" as (name, number) pairs; `option` names the option in messages.
struct NameValue {
  std::string name, item;  // item: as written
  double value;
};
std::vector<NameValue> name_values(const std::string& text, const std::string& option, const char* expected) {
  std::vector<NameValue> out;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t end = std::min(text.find(',', start), text.size());
    const std::string item = text.substr(start, end - start);
    const std::size_t eq = item.find('=');
    double x = std::nan("");
    if (eq != std::string::npos && eq > 0) {
      try {
        std::size_t used = 0;
        x = std::stod(item.substr(eq + 1), &used);
        if (used != item.size() - eq - 1) x = std::nan("");
      } catch (const std::exception&) {
        x = std::nan("");
      }
    }
    if (std::isnan(x)) throw UsageError(option + ": \"" + item + "\" is not " + expected);
    out.push_back({item.substr(0, eq), item, x});
    start = end + 1;
  }
  return out;
}

}  // namespace

int run_check(const Common& c, const std::string& path) {
  const ChainLoad load = load_chain(path, load_options(c, true));
  print_diagnostics(std::cout, load, c.lang);
  if (load.errors > 0) {
    if (c.lang == engine::Lang::zh)
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
    if (c.lang == engine::Lang::zh)
      std::cout << path << ": 警告：" << gaps << " 条供应关系的供应商未持有客户要求的有效认证（认证缺口），`qchain analyze` 可列出\n";
    else
      std::cout << path << ": warning: " << counted(gaps, "link comes", "links come")
                << " from a supplier without a certificate in force that the customer requires (certification gaps); "
                   "`qchain analyze` lists them\n";
  }
  if (c.lang == engine::Lang::zh)
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
  return emit(c, json_out, xlsx_out, {path}, [&] { return engine::summary_json(g, s); },
              [&] { return engine::summary_text(g, s, c.lang); });
}

int run_analyze(const Common& c, const AnalyzeArgs& a) {
  const ChainGraph g = load_or_report(c, a.path);
  const bool structure = a.only.empty() || a.only == "structure";
  const bool quality = a.only.empty() || a.only == "quality";
  const bool gaps = a.only.empty() || a.only == "gaps";
  // The systemic index runs one cascade per firm: by default only up to 200,000 firms.
  constexpr std::uint32_t kSystemicAuto = 200000;
  const bool systemic = (a.only.empty() || a.only == "systemic") &&
                        (a.systemic == "on" || (a.systemic == "auto" && (g.firm_count() <= kSystemicAuto || a.only == "systemic")));
  if ((a.only.empty() || a.only == "systemic") && !systemic && a.systemic == "auto")
    std::cerr << (c.lang == engine::Lang::zh ? "注：企业超过 200,000 家，未计算系统性风险指数（--systemic on 可强制计算）\n"
                                             : "note: over 200,000 firms, the systemic index was skipped (--systemic on forces it)\n");
  engine::AnalysisSections sections;
  engine::StructureOptions so;
  so.brokers.samples = a.samples;
  so.brokers.seed = a.seed;
  so.brokers.threads = a.threads;
  so.betweenness = !a.no_brokers;
  std::optional<engine::StructureAnalysis> st;
  std::optional<engine::QualityAnalysis> qa;
  std::vector<engine::Bottleneck> bottlenecks;
  std::optional<engine::ProductionModel> production;
  std::optional<engine::CertificationGapsResult> gap_list;
  const auto find_gaps = [&] {
    if (systemic || gaps) production.emplace(g, parse_weights(a.weights));
    if (gaps) {
      engine::CertificationGapOptions go;
      go.production = &*production;
      go.protect_top = a.top;
      gap_list = engine::certification_gaps(g, go);
    }
  };
  // The structure and the certification gaps need nothing of each other, and each keeps one core
  // busy for seconds on a big chain: the gaps are found on a second thread meanwhile.
  std::future<void> gaps_found;
  if (structure && (systemic || gaps) && a.threads != 1) gaps_found = std::async(std::launch::async, find_gaps);
  if (structure) {
    st = engine::analyze_structure(g, so);
    sections.structure = &*st;
  }
  if (gaps_found.valid()) gaps_found.get();
  else find_gaps();
  if (quality) {
    engine::QualityOptions qo;
    qo.threads = a.threads;
    qa = engine::analyze_quality(g, st ? st->components : strong_components(g), qo);
    sections.quality = &*qa;
    bottlenecks = engine::find_bottlenecks(g, *qa, st ? &st->critical : nullptr, {c.lang, 5});
    sections.bottlenecks = &bottlenecks;
  }
  if (gaps) sections.gaps = &*gap_list;
  std::optional<engine::SystemicResult> sys;
  if (systemic) {
    engine::SystemicOptions sopt;
    sopt.threads = a.threads;
    sys = engine::systemic_index(*production, sopt);
    sections.systemic = &*sys;
    sections.production = &*production;
  }
  engine::ReportOptions ro{c.lang, a.top};
  ro.all = a.all;
  return emit(c, a.json_out, a.xlsx_out, {a.path},
              JsonPieces([&](const std::function<void(std::string_view)>& write) { engine::write_analysis_json(g, sections, ro, write); }),
              [&] { return engine::analysis_text(g, sections, ro); }, a.threads);
}

int run_whatif(const Common& c, const WhatIfArgs& a) {
  const ChainGraph g = load_or_report(c, a.path);
  std::vector<engine::Scenario> scenarios;
  for (const std::string& file : a.scenarios) scenarios.push_back(engine::load_scenario(file, g));
  const StrongComponentsResult scc = strong_components(g);
  const engine::DefectPropagator prop(g, scc);
  const engine::QualityBaseline base = engine::quality_baseline(prop);
  const engine::ProductionModel production(g);
  std::vector<engine::WhatIfResult> results;
  for (const engine::Scenario& s : scenarios) results.push_back(engine::run_whatif(prop, base, production, s));
  std::vector<std::string> inputs = a.scenarios;
  inputs.push_back(a.path);
  return emit(c, a.json_out, a.xlsx_out, inputs, [&] { return engine::whatif_json(g, results, a.top); },
              [&] { return engine::whatif_text(g, results, c.lang, a.top); });
}

int run_risk(const Common& c, const RiskArgs& a) {
  const ChainGraph g = load_or_report(c, a.path);
  engine::RiskOptions o;
  o.runs = a.runs;
  o.seed = a.seed;
  o.threads = a.threads;
  o.upstream = a.upstream;
  // --stop-prob micro=0.05,small=0.03
  for (const auto& [name, item, p] : name_values(a.stop_prob, "--stop-prob", "ROLE=PROBABILITY")) {
    const auto role = parse_role(name);
    if (!role || !(p >= 0 && p <= 1))
      throw UsageError("--stop-prob: \"" + item + "\" is not ROLE=PROBABILITY (roles: chain_leader, large, medium, small, micro; 0..1 per year)");
    o.stop_probability[static_cast<int>(*role)] = p;
    o.probability_given[static_cast<int>(*role)] = true;
  }
  const auto t0 = std::chrono::steady_clock::now();
  if (::isatty(STDERR_FILENO)) {
    o.progress = [&](std::uint32_t done) {
      if (std::chrono::steady_clock::now() - t0 < std::chrono::seconds(1) && done < o.runs) return;
      std::fprintf(stderr, "\r%s %u/%u", engine::tr(c.lang, "模拟", "runs"), done, o.runs);
      if (done == o.runs) std::fprintf(stderr, "\n");
    };
  }
  const engine::ProductionModel production(g);
  const engine::RiskResult r = engine::disruption_risk(production, o);
  return emit(c, a.json_out, a.xlsx_out, {a.path}, [&] { return engine::risk_json(g, r, o, a.top); },
              [&] { return engine::risk_text(g, r, o, c.lang, a.top); });
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
  // --cost micro=0.5,small=1.2 (10k CNY per firm)
  for (const auto& [name, item, x] : name_values(a.cost, "--cost", "ROLE=COST")) {
    const auto role = parse_role(name);
    if (!role || !(x > 0) || !std::isfinite(x))
      throw UsageError("--cost: \"" + item + "\" is not ROLE=COST (roles: chain_leader, large, medium, small, micro; a cost above 0 in 10k CNY)");
    o.role_cost[static_cast<int>(*role)] = x;
  }
  // --goal leaders | grades | gaps | leaders=0.5,gaps=0.5
  o.goals = {};
  {
    std::string spec = a.goal;
    std::string weighted;
    std::size_t start = 0;
    while (start <= spec.size()) {  // a bare name weighs 1
      const std::size_t end = std::min(spec.find(',', start), spec.size());
      const std::string item = spec.substr(start, end - start);
      weighted += (weighted.empty() ? "" : ",") + (item.find('=') == std::string::npos ? item + "=1" : item);
      start = end + 1;
    }
    for (const auto& [name, item, x] : name_values(weighted, "--goal", "GOAL or GOAL=WEIGHT (goals: leaders, grades, gaps)")) {
      double* slot = name == "leaders" ? &o.goals.leaders : name == "grades" ? &o.goals.grades : name == "gaps" ? &o.goals.gaps : nullptr;
      if (!slot || !(x >= 0) || !std::isfinite(x))
        throw UsageError("--goal: \"" + item + "\" is not one of leaders, grades, gaps with a weight of at least 0");
      *slot = x;
    }
  }
  if (!a.rubric.empty() && !(o.goals.grades > 0)) throw UsageError("--rubric goes with --goal grades");
  const engine::Rubric rubric = a.rubric.empty() ? engine::default_rubric() : engine::load_rubric(a.rubric);
  o.rubric = &rubric;
  o.action = a.fix_issues ? engine::PlanOptions::Action::fix_issues : engine::PlanOptions::Action::yield_gain;
  o.candidates.clear();
  std::size_t start = 0;
  while (start <= a.candidates.size()) {
    const std::size_t end = std::min(a.candidates.find(',', start), a.candidates.size());
    const std::string name = a.candidates.substr(start, end - start);
    const auto role = parse_role(name);
    if (!role) throw UsageError("--candidates: unknown role \"" + name + "\" (chain_leader, large, medium, small, micro)");
    o.candidates.push_back(*role);
    start = end + 1;
  }
  const StrongComponentsResult scc = strong_components(g);
  const engine::DefectPropagator prop(g, scc);
  const engine::QualityBaseline base = engine::quality_baseline(prop);
  std::vector<std::string> inputs{a.path};
  if (!a.rubric.empty()) inputs.push_back(a.rubric);
  if (!a.screen) {
    const engine::PlanResult r = engine::plan_assistance(prop, base, o);
    return emit(c, a.json_out, a.xlsx_out, inputs, [&] { return engine::plan_json(g, r, o); },
                [&] { return engine::plan_text(g, r, o, c.lang); });
  }
  engine::ScreeningOptions so;
  so.minimum = a.willingness == "moderate" ? Willingness::moderate : Willingness::strong;
  const engine::ScreeningResult screening = engine::screen_candidates(prop, base, o, so);
  o.allowed = screening.allowed;
  const engine::PlanResult r = engine::plan_assistance(prop, base, o);
  return emit(c, a.json_out, a.xlsx_out, inputs,
              [&] { return "{\"screening\": " + engine::screening_json(g, screening, so) + ", \"plan\": " + engine::plan_json(g, r, o) + "}\n"; },
              [&] { return engine::screening_text(g, screening, so, c.lang, a.top) + "\n" + engine::plan_text(g, r, o, c.lang); });
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
  const ChainGraph g = load_or_report(c, a.path);
  // The other inputs before the analyses, so that a mistake in them costs no time on a big chain.
  std::optional<engine::GradingResult> grades;
  if (a.color == "grade") {
    grades = engine::grade_firms(g, a.rubric.empty() ? engine::default_rubric() : engine::load_rubric(a.rubric));
  }
  std::optional<ChainGraph> before;
  std::vector<double> change;
  if (a.color == "change") {
    before = load_or_report(c, a.before);
    change = engine::delivered_yield_change(engine::compare_chains(*before, g), g.firm_count());
  }
  const engine::StructureAnalysis st = [&] {
    engine::StructureOptions so;
    so.betweenness = false;
    return engine::analyze_structure(g, so);
  }();
  const engine::QualityAnalysis q = engine::analyze_quality(g, st.components);
  const auto firm_arg = [&](const std::string& id, const char* option) {
    auto v = g.find_firm(id);
    if (!v) throw UsageError(std::string(option) + ": unknown firm \"" + id + "\"");
    return *v;
  };
  viz::Diagram d;
  if (a.view == "map" || a.view == "scenario") {
    viz::MapOptions mo;
    mo.lang = c.lang;
    mo.max_nodes = a.max_nodes;
    mo.quality = &q;
    mo.critical = &st.critical;
    if (!a.focus.empty()) mo.focus = firm_arg(a.focus, "--focus"), mo.depth = a.depth;
    std::optional<engine::WhatIfResult> result;
    if (grades) mo.grades = &*grades;
    if (before) {
      mo.change = &change;
      mo.change_title = engine::change_map_title(*before, g, c.lang);
    }
    if (a.view == "scenario") {
      if (a.scenario.empty()) throw UsageError("--view scenario needs --scenario FILE");
      const engine::Scenario s = engine::load_scenario(a.scenario, g);
      const engine::DefectPropagator prop(g, st.components);
      const engine::ProductionModel production(g);
      result = engine::run_whatif(prop, engine::quality_baseline(prop), production, s);
      mo.scenario = &*result;
    }
    d = viz::chain_map(g, mo);
  } else if (a.view == "issues") {
    d = viz::issue_map(g, q, {c.lang, 15});
  } else {
    if (q.leaders.empty()) throw UsageError("--view fishbone: the chain has no chain_leader");
    std::size_t li = 0;
    if (!a.leader.empty()) {
      const FirmId l = firm_arg(a.leader, "--leader");
      const auto it = std::find(q.leaders.begin(), q.leaders.end(), l);
      if (it == q.leaders.end()) throw UsageError("--leader: \"" + a.leader + "\" is not a chain leader");
      li = static_cast<std::size_t>(it - q.leaders.begin());
    } else {
      // The largest leader: by revenue, else the first.
      for (std::size_t i = 1; i < q.leaders.size(); ++i)
        if (q.leader_weight[i] > q.leader_weight[li]) li = i;
    }
    d = viz::fishbone(g, q, li, {c.lang, 4});
  }
  write_file_atomically(a.out, viz::render(d, f));
  return kOk;
}

int run_report(const Common& c, const ReportArgs& a) {
  namespace viz = qchain::visualization;
  const ChainGraph g = load_or_report(c, a.path);
  std::vector<engine::Scenario> scenarios;
  for (const std::string& file : a.scenarios) scenarios.push_back(engine::load_scenario(file, g));
  // The other inputs before the analyses, so that a mistake in them costs no time on a big chain.
  const engine::Rubric rubric = a.rubric.empty() ? engine::default_rubric() : engine::load_rubric(a.rubric);
  std::optional<engine::Benchmark> benchmark;
  std::optional<engine::BenchmarkResult> benchmark_result;
  if (!a.benchmark.empty()) {
    benchmark = engine::load_benchmark(a.benchmark, g);
    benchmark_result = engine::benchmark_chain(g, *benchmark);
  }
  std::optional<ChainGraph> before;
  std::optional<engine::ChainComparison> comparison;
  if (!a.before.empty()) {
    before = load_or_report(c, a.before);
    comparison = engine::compare_chains(*before, g);
  }
  const engine::ChainSummary summary = engine::summarize_chain(g);
  engine::StructureOptions so;
  so.betweenness = false;
  const engine::StructureAnalysis st = engine::analyze_structure(g, so);
  const engine::QualityAnalysis q = engine::analyze_quality(g, st.components);
  const std::vector<engine::Bottleneck> bottlenecks = engine::find_bottlenecks(g, q, &st.critical, {c.lang, 5});
  const engine::ProductionModel production(g);
  std::optional<engine::SystemicResult> systemic;
  if (g.firm_count() <= 200000) systemic = engine::systemic_index(production);
  engine::CertificationGapOptions go;
  go.production = &production;
  const engine::CertificationGapsResult gaps = engine::certification_gaps(g, go);
  const engine::DefectPropagator prop(g, st.components);
  const engine::QualityBaseline base = engine::quality_baseline(prop);
  std::vector<engine::WhatIfResult> results;
  for (const engine::Scenario& s : scenarios) results.push_back(engine::run_whatif(prop, base, production, s));
  std::optional<engine::PlanResult> plan;
  engine::PlanOptions po;
  if (a.plan > 0) {
    po.budget = a.plan;
    plan = engine::plan_assistance(prop, base, po);
  }

  const engine::GradingResult grades = engine::grade_firms(g, rubric);

  viz::ReportInputs in;
  in.chain = &g;
  in.rubric = &rubric;
  in.grades = &grades;
  in.summary = &summary;
  in.structure = &st;
  in.quality = &q;
  in.bottlenecks = &bottlenecks;
  in.systemic = systemic ? &*systemic : nullptr;
  in.gaps = &gaps;
  in.plan = plan ? &*plan : nullptr;
  in.plan_options = &po;
  in.lang = c.lang;
  in.version = QCHAIN_VERSION;
  in.benchmark = benchmark ? &*benchmark : nullptr;
  in.benchmark_result = benchmark_result ? &*benchmark_result : nullptr;
  viz::MapOptions mo;
  mo.lang = c.lang;
  mo.max_nodes = a.max_nodes;
  mo.quality = &q;
  mo.critical = &st.critical;
  std::vector<std::pair<std::string, std::string>> files;  // name, content
  in.map_svg = viz::render(viz::chain_map(g, mo), viz::Format::svg);
  files.emplace_back("map.svg", in.map_svg);
  in.issues_svg = viz::render(viz::issue_map(g, q, {c.lang, 15}), viz::Format::svg);
  files.emplace_back("issues.svg", in.issues_svg);
  for (std::size_t i = 0; i < q.leaders.size(); ++i) {
    in.fishbone_svgs.push_back(viz::render(viz::fishbone(g, q, i, {c.lang, 4}), viz::Format::svg));
    files.emplace_back("fishbone-" + g.firm(q.leaders[i]).id + ".svg", in.fishbone_svgs.back());
  }
  for (std::size_t i = 0; i < results.size(); ++i) {
    in.scenarios.push_back(&results[i]);
    viz::MapOptions so2 = mo;
    so2.scenario = &results[i];
    in.scenario_svgs.push_back(viz::render(viz::chain_map(g, so2), viz::Format::svg));
    files.emplace_back("scenario-" + std::to_string(i + 1) + ".svg", in.scenario_svgs.back());
  }
  if (comparison) {
    in.before = &*before;
    in.comparison = &*comparison;
    in.progress_svg = viz::progress_chart_svg(*before, g, *comparison, c.lang);
    files.emplace_back("progress.svg", in.progress_svg);
    const std::vector<double> change = engine::delivered_yield_change(*comparison, g.firm_count());
    viz::MapOptions cm = mo;
    cm.change = &change;
    cm.change_title = engine::change_map_title(*before, g, c.lang);
    in.change_map_svg = viz::render(viz::chain_map(g, cm), viz::Format::svg);
    files.emplace_back("change-map.svg", in.change_map_svg);
  }
  files.emplace_back("report.html", viz::report_html(in));
  engine::AnalysisSections sections;
  sections.structure = &st;
  sections.quality = &q;
  sections.bottlenecks = &bottlenecks;
  sections.systemic = systemic ? &*systemic : nullptr;
  sections.production = &production;
  sections.gaps = &gaps;
  std::string json = "{\"analysis\": " + engine::analysis_json(g, sections, {c.lang, 20}) + ", \"whatif\": " +
                     engine::whatif_json(g, results, 20) + ", \"plan\": " + (plan ? engine::plan_json(g, *plan, po) : std::string("null")) +
                     ", \"grades\": " + engine::grading_json(g, rubric, grades) +
                     ", \"comparison\": " + (comparison ? engine::comparison_json(*before, g, *comparison) : std::string("null")) +
                     ", \"benchmark\": " + (benchmark ? engine::benchmark_json(g, *benchmark, *benchmark_result) : std::string("null")) + "}\n";
  files.emplace_back("report.json", json);

  std::error_code ec;
  std::filesystem::create_directories(a.out, ec);
  if (ec) throw IoError(a.out + ": cannot create folder: " + ec.message());
  for (const auto& [name, content] : files) {
    for (const std::string* input : {&a.path, &a.before, &a.rubric, &a.benchmark})
      if (!input->empty()) refuse_to_overwrite_input(a.out + "/" + name, *input);
    for (const std::string& input : a.scenarios) refuse_to_overwrite_input(a.out + "/" + name, input);
    write_file_atomically(a.out + "/" + name, content);
  }
  std::cout << a.out << "/report.html\n";
  return kOk;
}

int run_compare(const Common& c, const CompareArgs& a) {
  const std::vector<ChainGraph> both = load_all_or_report(c, {a.before, a.after});
  const ChainGraph& before = both[0];
  const ChainGraph& after = both[1];
  const engine::ChainComparison r = engine::compare_chains(before, after);
  return emit(c, a.json_out, a.xlsx_out, {a.before, a.after}, [&] { return engine::comparison_json(before, after, r); },
              [&] { return engine::comparison_text(before, after, r, c.lang, a.top); });
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
  return emit(c, a.json_out, a.xlsx_out, inputs, [&] { return engine::grading_json(g, rubric, r); },
              [&] { return engine::grading_text(g, rubric, r, c.lang, a.top, firm ? &*firm : nullptr); });
}

int run_portfolio(const Common& c, const PortfolioArgs& a) {
  namespace viz = qchain::visualization;
  const std::vector<ChainGraph> graphs = load_all_or_report(c, a.paths);
  engine::ChainList chains;
  for (const ChainGraph& g : graphs) chains.push_back(&g);
  engine::check_distinct_chains(chains);  // before the analyses: they are the slow part
  std::vector<engine::QualityAnalysis> quality;
  quality.reserve(graphs.size());
  std::vector<const engine::QualityAnalysis*> qs;
  for (const ChainGraph& g : graphs) {
    quality.push_back(engine::analyze_quality(g, strong_components(g)));
    qs.push_back(&quality.back());
  }
  const engine::PortfolioResult r = engine::build_portfolio(chains, qs);
  if (!a.out.empty()) {
    std::error_code ec;
    std::filesystem::create_directories(a.out, ec);
    if (ec) throw IoError(a.out + ": cannot create folder: " + ec.message());
    const std::string map = viz::render(viz::portfolio_map(chains, r, {c.lang}), viz::Format::svg);
    const std::pair<std::string, std::string> files[] = {
        {"portfolio-map.svg", map},
        {"portfolio.json", engine::portfolio_json(chains, r)},
        {"portfolio.html", viz::portfolio_html(chains, r, map, c.lang, QCHAIN_VERSION)}};
    for (const auto& [name, content] : files) {
      for (const std::string& p : a.paths) refuse_to_overwrite_input(a.out + "/" + name, p);
      write_file_atomically(a.out + "/" + name, content);
    }
  }
  return emit(c, a.json_out, a.xlsx_out, a.paths, [&] { return engine::portfolio_json(chains, r); },
              [&] { return engine::portfolio_text(chains, r, c.lang, a.top); });
}

int run_benchmark(const Common& c, const BenchmarkArgs& a) {
  const ChainGraph g = load_or_report(c, a.path);
  const engine::Benchmark b = engine::load_benchmark(a.against, g);
  const engine::BenchmarkResult r = engine::benchmark_chain(g, b);
  return emit(c, a.json_out, a.xlsx_out, {a.path, a.against}, [&] { return engine::benchmark_json(g, b, r); },
              [&] { return engine::benchmark_text(g, b, r, c.lang, a.top); });
}

int run_export(const Common& c, const std::string& path, const std::string& format, const std::string& out, bool bom) {
  check_extension(out, format, {"csv", "graphml", "gexf", "dot", "json", "svg", "png", "pdf", "xlsx"});
  refuse_to_overwrite_input(out, path);
  const ChainGraph g = load_or_report(c, path);
  if (format == "csv") write_chain_csv(g, out, bom);
  else if (format == "xlsx") write_chain_xlsx(g, out, c.lang == engine::Lang::zh);
  else if (format == "graphml") write_file_atomically(out, chain_to_graphml(g));
  else if (format == "gexf") write_file_atomically(out, chain_to_gexf(g));
  else if (format == "dot") write_file_atomically(out, chain_to_dot(g));
  else if (format == "json") write_file_atomically(out, chain_to_json(g));
  else throw UsageError("unknown export format \"" + format + "\"");
  return kOk;
}

int run_template(const Common& c, const std::string& out) {
  write_survey_template(out, c.lang == engine::Lang::zh);
  return kOk;
}

}  // namespace qchain::cli
