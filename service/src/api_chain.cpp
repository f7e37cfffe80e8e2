// The documents of one snapshot: those of the CLI's analysis commands, the diagrams and the report.
#include <filesystem>
#include <fstream>
#include <sstream>

#include <stdlib.h>
#include <unistd.h>

#include "api_internal.hpp"
#include "qchain/core/error.hpp"
#include "qchain/core/version.hpp"
#include "qchain/engine/io/scenario_reader.hpp"
#include "qchain/report/analysis_report.hpp"
#include "qchain/report/comparison_report.hpp"
#include "qchain/report/grade_report.hpp"
#include "qchain/report/ledger_report.hpp"
#include "qchain/report/portfolio_report.hpp"
#include "qchain/report/report_json.hpp"
#include "qchain/report/scenario_report.hpp"
#include "qchain/report/screening_report.hpp"
#include "qchain/report/summary_report.hpp"
#include "qchain/report/text_table.hpp"
#include "qchain/report/trend_report.hpp"
#include "qchain/report/workspace_report.hpp"
#include "qchain/service/queries.hpp"
#include "qchain/service/table_xlsx.hpp"
#include "qchain/visualization/graphviz_renderer.hpp"
#include "qchain/visualization/report_files.hpp"
#include "qchain/visualization/views.hpp"
#include "qchain/workspace/ledger.hpp"
#include "qchain/workspace/project.hpp"

namespace qchain::service {

namespace {

using TextFn = std::function<std::string()>;
constexpr const char* kXlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

// A folder of its own for files the libraries write by name (workbooks, uploads), removed after.
class TempFolder {
 public:
  TempFolder() {
    std::string pattern = (std::filesystem::temp_directory_path() / "qchain-api-XXXXXX").string();
    if (!::mkdtemp(pattern.data())) throw IoError("cannot create a temporary folder");
    path_ = pattern;
  }
  ~TempFolder() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempFolder(const TempFolder&) = delete;
  TempFolder& operator=(const TempFolder&) = delete;
  std::string file(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

std::string read_whole(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

ApiResponse bytes_response(std::string body, const std::string& type, const std::string& download = "") {
  ApiResponse r;
  r.content_type = type;
  r.body = std::move(body);
  if (!download.empty()) r.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + download + "\"");
  return r;
}

// ?format=xlsx: every table of the command's text, as `--xlsx` writes them; otherwise the JSON.
ApiResponse document(const Call& c, const std::string& name, const TextFn& json, const TextFn& text) {
  const std::string format = c.param("format", "json");
  if (format == "json") return json_response(json());
  if (format != "xlsx") throw ApiError(400, "format: \"" + format + "\" is not one of json, xlsx", "format");
  report::TableCapture capture;
  const std::string t = text();
  const TempFolder tmp;
  const std::string file = tmp.file(name + ".xlsx");
  write_tables_xlsx(file, t, capture.tables, c.lang);
  return bytes_response(read_whole(file), kXlsxType, name + ".xlsx");
}

std::string workspace_name(const Call& c) { return std::filesystem::path(c.workspace()).filename().string(); }

std::size_t top_of(const Call& c) { return static_cast<std::size_t>(c.number("top", 20)); }

ApiResponse summary(Call& c, const Snapshot& s) {
  const graphs::ChainGraph& g = s.chain;
  const engine::ChainSummary& sum = s.context->summary();
  return document(c, "summary", [&] { return report::summary_json(g, sum); }, [&] { return report::summary_text(g, sum, c.lang); });
}

AnalysisQuery analysis_query(const Call& c) {
  AnalysisQuery q;
  q.only = c.param("only");
  q.systemic = c.param("systemic", "auto");
  q.weights = c.param("weights", "automatic");
  q.samples = static_cast<std::uint32_t>(c.number("samples", q.samples));
  q.seed = c.number("seed", q.seed);
  q.top = top_of(c);
  q.no_brokers = c.flag("no_brokers");
  q.threads = c.api.options.threads;
  return q;
}

ApiResponse analysis(Call& c, const SnapshotRef& ref, const Snapshot& s) {
  const AnalysisQuery q = analysis_query(c);
  const engine::AnalysisRequest request = analysis_request(q);
  // Other options than the defaults make a context of their own, for this request only.
  std::unique_ptr<engine::AnalysisContext> own;
  if (!q.shares_default_context()) own = std::make_unique<engine::AnalysisContext>(s.chain, analysis_context_options(q));
  const engine::AnalysisContext& ctx = own ? *own : *s.context;
  const engine::AnalysisSelection selection = engine::select_analysis(ctx, request);
  engine::compute_selection(ctx, selection);
  const report::AnalysisSections sections = report::analysis_sections(ctx, selection);
  report::ReportOptions ro{c.lang, q.top};
  ro.all = c.flag("all");
  const std::optional<report::IssueProjects> projects = issue_projects(workspace::list_projects(c.workspace(), ref.chain_id));
  ro.projects = projects ? &*projects : nullptr;
  return document(c, "analysis", [&] { return report::analysis_json(s.chain, sections, ro); },
                  [&] { return report::analysis_text(s.chain, sections, ro); });
}

ApiResponse whatif(Call& c, const Snapshot& s) {
  require_method(c, {"POST"});
  const engine::Scenario scenario = engine::parse_scenario(c.request.body, c.param("name", "scenario.json"), s.chain);
  const std::vector<engine::WhatIfResult> results{engine::run_whatif(*s.context, scenario)};
  const std::size_t top = top_of(c);
  return document(c, "whatif", [&] { return report::whatif_json(s.chain, results, top); },
                  [&] { return report::whatif_text(s.chain, results, c.lang, top); });
}

// What one request may ask of the Monte Carlo: the CLI's default is 1000 runs.
constexpr std::uint64_t kMaxRiskRuns = 20000;

ApiResponse risk(Call& c, const Snapshot& s) {
  RiskQuery q;
  q.stop_prob = c.param("stop_prob");
  q.runs = static_cast<std::uint32_t>(std::min<std::uint64_t>(c.number("runs", q.runs), kMaxRiskRuns));
  q.seed = c.number("seed", q.seed);
  q.threads = c.api.options.threads;
  q.upstream = c.flag("upstream");
  const engine::RiskOptions o = risk_options(q);
  const engine::RiskResult r = engine::disruption_risk(s.context->production(), o);
  const std::size_t top = top_of(c);
  return document(c, "risk", [&] { return report::risk_json(s.chain, r, o, top); },
                  [&] { return report::risk_text(s.chain, r, o, c.lang, top); });
}

ApiResponse plan(Call& c, const Snapshot& s) {
  PlanQuery q;
  q.candidates = c.param("candidates", q.candidates);
  q.budget = static_cast<std::uint32_t>(c.number("budget", 0));
  q.budget_money = c.real("budget_money", -1);
  q.gain = c.real("gain", q.gain);
  q.fix_issues = c.flag("fix_issues");
  q.cost = c.param("cost");
  q.goal = c.param("goal", q.goal);
  q.cost_default = c.real("cost_default", q.cost_default);
  const engine::Rubric& rubric = s.context->rubric();
  engine::PlanOptions o = plan_options(q, rubric);
  const std::size_t top = top_of(c);
  if (!c.flag("screen")) {
    const engine::PlanResult r = engine::plan_assistance(*s.context, o);
    return document(c, "plan", [&] { return report::plan_json(s.chain, r, o); },
                    [&] { return report::plan_text(s.chain, r, o, c.lang); });
  }
  engine::ScreeningOptions so;
  so.minimum = c.param("willingness", "strong") == "moderate" ? graphs::Willingness::moderate : graphs::Willingness::strong;
  const engine::ScreeningResult screening = engine::screen_candidates(*s.context, o, so);
  o.allowed = screening.allowed;
  const engine::PlanResult r = engine::plan_assistance(*s.context, o);
  return document(c, "plan", [&] { return report::screened_plan_json(s.chain, screening, so, r, o); },
                  [&] { return report::screening_text(s.chain, screening, so, c.lang, top) + "\n" + report::plan_text(s.chain, r, o, c.lang); });
}

ApiResponse grade(Call& c, const Snapshot& s) {
  const engine::Rubric& rubric = s.context->rubric();
  const engine::GradingResult& r = s.context->grades();
  std::optional<graphs::FirmId> firm;
  if (c.has("firm")) {
    firm = s.chain.find_firm(c.param("firm"));
    if (!firm) throw ApiError(404, "unknown firm \"" + c.param("firm") + "\"");
  }
  const std::size_t top = top_of(c);
  return document(c, "grade", [&] { return report::grading_json(s.chain, rubric, r); },
                  [&] { return report::grading_text(s.chain, rubric, r, c.lang, top, firm ? &*firm : nullptr); });
}

ApiResponse trend(Call& c, const SnapshotRef& ref) {
  std::vector<std::shared_ptr<const Snapshot>> held;
  std::vector<const engine::AnalysisContext*> ctx;
  std::vector<const graphs::ChainGraph*> snapshots;
  for (const workspace::SnapshotInfo& i : ref.snapshots) {
    held.push_back(c.api.cache.get(ref.chain_id, i.as_of));
    ctx.push_back(held.back()->context.get());
    snapshots.push_back(&held.back()->chain);
  }
  const engine::TrendResult r = engine::snapshot_trend(ctx);
  return document(c, "trend", [&] { return report::trend_json(snapshots, r); }, [&] { return report::trend_text(snapshots, r, c.lang); });
}

ApiResponse compare(Call& c, const SnapshotRef& ref, const Snapshot& after) {
  if (!c.has("before")) throw ApiError(400, "compare: give the earlier snapshot's date (?before=YYYY-MM-DD)", "before");
  const SnapshotRef b = resolve_snapshot(c, ref.chain_id + "@" + c.param("before"));
  const std::shared_ptr<const Snapshot> before = load_snapshot(c, b);
  const engine::ChainComparison r = engine::compare_snapshots(*before->context, *after.context);
  const std::size_t top = top_of(c);
  return document(c, "compare", [&] { return report::comparison_json(before->chain, after.chain, r); },
                  [&] { return report::comparison_text(before->chain, after.chain, r, c.lang, top); });
}

graphs::FirmId firm_param(const Call& c, const graphs::ChainGraph& g, const char* key) {
  const auto v = g.find_firm(c.param(key));
  if (!v) throw ApiError(404, "unknown firm \"" + c.param(key) + "\"", key);
  return *v;
}

const char* content_type_of(visualization::Format f) {
  switch (f) {
    case visualization::Format::svg: return "image/svg+xml";
    case visualization::Format::png: return "image/png";
    case visualization::Format::pdf: return "application/pdf";
    case visualization::Format::dot: return "text/vnd.graphviz";
    case visualization::Format::json: return "application/json";
  }
  return "application/octet-stream";
}

ApiResponse render(Call& c, const SnapshotRef& ref, const Snapshot& s) {
  namespace viz = qchain::visualization;
  const std::string view = c.param("view", "map"), color = c.param("color", "yield"), format = c.param("format", "svg");
  const viz::Format f = viz::parse_format(format);
  if (color != "yield" && view != "map") throw UsageError("--color " + color + " applies to --view map only");
  if (c.has("before") && color != "change") throw UsageError("--before goes with --color change");
  if (color == "change" && !c.has("before")) throw ApiError(400, "color=change needs before=DATE (the earlier snapshot)", "before");
  viz::ViewRequest r;
  r.view = view == "issues" ? viz::View::issues : view == "fishbone" ? viz::View::fishbone : view == "scenario" ? viz::View::scenario
         : view == "ecosystem" ? viz::View::ecosystem : view == "map" ? viz::View::map : view == "overview" ? viz::View::overview
         : throw ApiError(400, "view: \"" + view + "\" is not one of map, issues, fishbone, scenario, ecosystem, overview", "view");
  if (c.has("segment") && r.view != viz::View::overview) throw UsageError("--segment goes with --view overview");
  // A scenario view draws the scenario POSTed as the body.
  std::optional<engine::Scenario> scenario;
  if (r.view == viz::View::scenario) {
    if (c.request.body.empty()) throw ApiError(400, "view=scenario: POST the scenario (qchain-scenario/1) as the body", "body");
    scenario = engine::parse_scenario(c.request.body, c.param("name", "scenario.json"), s.chain);
  }
  std::optional<viz::EcosystemInput> ecosystem;
  if (r.view == viz::View::ecosystem) {
    ecosystem.emplace();
    ecosystem->ledger = workspace::list_ledger(c.workspace(), ref.chain_id);
    ecosystem->projects = workspace::list_projects(c.workspace(), ref.chain_id);
    r.ecosystem = &*ecosystem;
  }
  r.lang = c.lang;
  r.colour = color == "grade" ? viz::MapColour::grade : color == "change" ? viz::MapColour::change : viz::MapColour::yield;
  r.max_nodes = static_cast<std::size_t>(c.number("max_nodes", 300));
  if (c.has("focus") && (r.view == viz::View::map || r.view == viz::View::scenario || r.view == viz::View::overview))
    r.focus = firm_param(c, s.chain, "focus"), r.depth = static_cast<std::uint32_t>(c.number("depth", 1));
  if (c.has("segment")) {
    const auto k = s.chain.find_segment_named(c.param("segment"));
    if (!k) throw ApiError(404, "segment: unknown segment \"" + c.param("segment") + "\"", "segment");
    r.segment = *k;
  }
  if (c.has("leader") && r.view == viz::View::fishbone) r.leader = firm_param(c, s.chain, "leader");
  r.scenario = scenario ? &*scenario : nullptr;
  std::shared_ptr<const Snapshot> before;
  if (c.has("before")) before = load_snapshot(c, resolve_snapshot(c, ref.chain_id + "@" + c.param("before")));
  r.before = before ? before->context.get() : nullptr;
  const viz::Diagram d = viz::view_diagram(*s.context, r);
  std::string bytes = c.api.renders.run([&] { return viz::render(d, f); });
  return bytes_response(std::move(bytes), content_type_of(f));
}

ApiResponse html_report(Call& c, const SnapshotRef& ref, const Snapshot& s) {
  namespace viz = qchain::visualization;
  // Its ledger, projects and earlier snapshots, as `qchain report FILE#CHAIN` reads them.
  std::vector<engine::LedgerItem> ledger = report::ledger_items(workspace::list_ledger(c.workspace(), ref.chain_id));
  viz::WorkspaceReport ws;
  ws.ledger = &ledger;
  std::vector<std::shared_ptr<const Snapshot>> held;
  for (const workspace::SnapshotInfo& i : ref.snapshots)
    if (i.as_of < ref.as_of) {
      held.push_back(c.api.cache.get(ref.chain_id, i.as_of));
      ws.earlier.push_back(held.back()->context.get());
    }
  ws.projects = workspace::list_projects(c.workspace(), ref.chain_id);
  for (const workspace::Project& p : ws.projects) ws.project_progress.push_back(project_view(c, ref.chain_id, p));
  const std::vector<engine::Scenario> scenarios;
  viz::ReportRequest r;
  r.lang = c.lang;
  r.version = QCHAIN_VERSION;
  r.workspace = &ws;
  r.max_nodes = static_cast<std::size_t>(c.number("max_nodes", 300));
  r.scenarios = &scenarios;
  r.plan = static_cast<std::uint32_t>(c.number("plan", 0));
  const std::optional<report::IssueProjects> projects = issue_projects(ws.projects);
  r.projects = projects ? &*projects : nullptr;
  const std::string wanted = c.param("file", "report.html");
  std::string type;
  std::string body = c.api.renders.run([&] {
    for (viz::ReportFile& f : viz::build_report(*s.context, r))
      if (f.name == wanted) return std::move(f.content);
    throw ApiError(404, "the report has no file \"" + wanted + "\"", "file");
  });
  const bool html = wanted.size() > 5 && wanted.compare(wanted.size() - 5, 5, ".html") == 0;
  const bool svg = wanted.size() > 4 && wanted.compare(wanted.size() - 4, 4, ".svg") == 0;
  return bytes_response(std::move(body), html ? "text/html; charset=utf-8" : svg ? "image/svg+xml" : "application/json");
}

}  // namespace

ApiResponse list_chains(Call& c) {
  const std::shared_ptr<const Listing> chains = c.api.listing.get();
  return json_response(report::workspace_json(workspace_name(c), *chains));
}

ApiResponse portfolio(Call& c) {
  std::vector<std::shared_ptr<const Snapshot>> held;
  report::ChainList chains;
  std::vector<const engine::QualityAnalysis*> qs;
  std::string list = c.param("chains");
  if (list.empty()) throw ApiError(400, "portfolio: give the chains (?chains=ID,ID,...)", "chains");
  for (std::size_t at = 0; at <= list.size();) {
    const std::size_t next = std::min(list.find(',', at), list.size());
    if (next > at) {
      const SnapshotRef ref = resolve_snapshot(c, list.substr(at, next - at));
      held.push_back(load_snapshot(c, ref));
      chains.push_back(&held.back()->chain);
    }
    at = next + 1;
  }
  engine::check_distinct_chains(chains);
  for (const auto& s : held) qs.push_back(&s->context->quality());
  const engine::PortfolioResult r = engine::build_portfolio(chains, qs);
  const std::size_t top = top_of(c);
  return document(c, "portfolio", [&] { return report::portfolio_json(chains, r); },
                  [&] { return report::portfolio_text(chains, r, c.lang, top); });
}

namespace {

// A read document's key in the cache: its snapshot, its path, its query (the map holds it sorted,
// which is the normalised form; NUL never occurs in a key or value) and its language. Not the
// identity: no read document depends on who asks (roles limit writes only).
std::string document_key(const Call& c, const SnapshotRef& ref, const std::vector<std::string>& rest) {
  std::string key = ref.chain_id + '@' + ref.as_of;
  for (const std::string& r : rest) key += '/' + r;
  for (const auto& [k, v] : c.request.query) key += '\0' + k + '=' + v;
  return key + '\0' + (c.lang == report::Lang::en ? "en" : "zh");
}

ApiResponse read_document(Call& c, const SnapshotRef& ref, const std::vector<std::string>& rest) {
  const std::string& what = rest[0];
  if (rest.size() == 2 && what == "firms") {
    require_method(c, {"GET"});
    return firm_document(c, *load_snapshot(c, ref), rest[1]);
  }
  if (rest.size() != 1) throw ApiError(404, "no such endpoint: " + c.request.path);
  if (what == "render") return render(c, ref, *load_snapshot(c, ref));
  static const char* const kReads[] = {"summary", "analysis", "risk", "plan", "grade", "trend", "compare", "report", "neighbourhood", "search", "overview"};
  if (std::find(std::begin(kReads), std::end(kReads), what) == std::end(kReads)) throw ApiError(404, "no such endpoint: " + c.request.path);
  require_method(c, {"GET"});
  if (what == "trend") return trend(c, ref);
  const std::shared_ptr<const Snapshot> s = load_snapshot(c, ref);
  if (what == "summary") return summary(c, *s);
  if (what == "analysis") return analysis(c, ref, *s);
  if (what == "risk") return risk(c, *s);
  if (what == "plan") return plan(c, *s);
  if (what == "grade") return grade(c, *s);
  if (what == "compare") return compare(c, ref, *s);
  if (what == "report") return html_report(c, ref, *s);
  if (what == "neighbourhood") return neighbourhood(c, *s);
  if (what == "overview") return overview(c, *s);
  return search(c, *s);
}

}  // namespace

// Reads are answered from the snapshot cache's documents, built once per snapshot, path, query and
// language: the same bytes as building them again (the builders are deterministic), without it.
std::string read_document_key(const Call& c, const SnapshotRef& ref, const std::vector<std::string>& rest) {
  if (c.request.method != "GET" || rest.empty() || rest[0] == "whatif") return "";
  return document_key(c, ref, rest);
}

ApiResponse snapshot_document(Call& c, const SnapshotRef& ref, const std::vector<std::string>& rest) {
  const std::string& what = rest[0];
  if (rest.size() == 1 && what == "whatif") return whatif(c, *load_snapshot(c, ref));
  if (rest.size() == 1 && what == "render") require_method(c, {"GET", "POST"});  // POST: the scenario view's scenario
  const std::string key = read_document_key(c, ref, rest);
  if (key.empty()) return read_document(c, ref, rest);
  return *c.api.cache.document(ref.chain_id, key, [&] { return read_document(c, ref, rest); });
}

}  // namespace qchain::service
