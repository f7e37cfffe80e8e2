#pragma once
// One function per command; each returns the process exit code. The CLI only wires libraries.
#include <cstdint>
#include <string>
#include <vector>

#include "qchain/engine/context/analysis_context.hpp"
#include "qchain/engine/production/disruption_risk.hpp"
#include "qchain/report/text_table.hpp"

namespace qchain::cli {

// Exit codes, documented in the README and `qchain help`.
enum Exit : int { kOk = 0, kWarnings = 1, kInvalidInput = 2, kIoFailure = 3, kInternal = 4 };

struct Common {
  report::Lang lang = report::Lang::zh;
  std::string encoding;  // --encoding: of CSV input files; empty = detect
  // Set by qchain-mpi (mpi/), empty for qchain: the runners that spread analyze's systemic index,
  // risk's runs and whatif's scenarios over the ranks, and whether this process writes the outputs
  // (rank 0) or only takes its share of that work (every other rank).
  engine::SystemicRunner systemic_runner;
  engine::RiskRunner risk_runner;
  engine::WhatIfRunner whatif_runner;
  bool writes_outputs = true;
  // The command is the process's last act (qchain's and qchain-mpi's main): its big inputs and
  // products are left to the process's exit to reclaim (leave_to_exit) instead of freed piece by
  // piece. False for a program that runs commands in-process and goes on.
  bool exits_after = false;
};

// The command line of `qchain`, parsed and run with `preset`'s hooks (main.cpp); the exit code.
int run_command_line(int argc, char** argv, const Common& preset);

int run_check(const Common& c, const std::string& path);
int run_summary(const Common& c, const std::string& path, const std::string& json_out, const std::string& xlsx_out = "");
struct AnalyzeArgs {
  std::string xlsx_out;  // --xlsx: every table as a sheet
  std::string path, json_out, only;
  std::uint32_t samples = 256;
  std::uint64_t seed = 1;
  unsigned threads = 0;
  std::size_t top = 20;
  bool no_brokers = false;
  bool all = false;
  std::string weights = "automatic";
  std::string systemic = "auto";
  std::size_t systemic_top = 0;  // --systemic-top K
};
int run_analyze(const Common& c, const AnalyzeArgs& a);
struct WhatIfArgs {
  std::string xlsx_out;  // --xlsx: every table as a sheet
  std::string path, json_out;
  std::vector<std::string> scenarios;
  std::size_t top = 20;
};
int run_whatif(const Common& c, const WhatIfArgs& a);

struct RiskArgs {
  std::string xlsx_out;  // --xlsx: every table as a sheet
  std::string path, json_out, stop_prob;
  std::uint32_t runs = 1000;
  std::uint64_t seed = 1;
  unsigned threads = 0;
  bool upstream = false;
  std::size_t top = 20;
};
int run_risk(const Common& c, const RiskArgs& a);

struct PlanArgs {
  std::string xlsx_out;  // --xlsx: every table as a sheet
  std::string path, json_out, candidates = "micro,small";
  std::uint32_t budget = 0;  // 0: not given (the option accepts 1 and more)
  double budget_money = -1;  // below 0: not given
  double gain = 0.03;
  bool fix_issues = false;
  std::string cost, goal = "leaders", rubric;
  double cost_default = 1.0;
  bool screen = false;                // first the screening list; the plan picks only among screened firms
  std::string willingness = "strong";  // the screening threshold: strong or moderate
  std::size_t top = 20;
  bool record = false;  // add the picks to the ledger of the workspace chain PATH refers to
};
int run_plan(const Common& c, const PlanArgs& a);

struct RenderArgs {
  std::string path, view = "map", leader, scenario, format, out, focus, color = "yield", rubric, before;
  std::string segment;  // overview: the segment to drill down into, by id or name
  std::size_t max_nodes = 300;
  std::uint32_t depth = 1;
};
int run_render(const Common& c, const RenderArgs& a);

struct ReportArgs {
  std::string path, out, before, rubric, benchmark;
  std::string pdf, docx;  // --pdf FILE, --docx FILE: the report printed, and as a Word document
  std::vector<std::string> scenarios;
  std::uint32_t plan = 0;
  std::size_t max_nodes = 300;
};
int run_report(const Common& c, const ReportArgs& a);

struct CompareArgs {
  std::string xlsx_out;  // --xlsx: every table as a sheet
  std::string before, after, json_out;
  std::size_t top = 20;
};
int run_compare(const Common& c, const CompareArgs& a);

struct TrendArgs {
  std::string ref, json_out, xlsx_out;
};
int run_trend(const Common& c, const TrendArgs& a);

struct GradeArgs {
  std::string xlsx_out;  // --xlsx: every table as a sheet
  std::string path, rubric, json_out, firm;
  std::size_t top = 20;
};
int run_grade(const Common& c, const GradeArgs& a);

struct PortfolioArgs {
  std::string xlsx_out;  // --xlsx: every table as a sheet
  std::vector<std::string> paths;
  std::string json_out, out;
  std::size_t top = 20;
};
int run_portfolio(const Common& c, const PortfolioArgs& a);

struct BenchmarkArgs {
  std::string path, against, json_out;
  std::string xlsx_out;  // --xlsx: every table as a sheet
  std::size_t top = 20;
};
int run_benchmark(const Common& c, const BenchmarkArgs& a);

struct WorkspaceArgs {
  std::string file, chain, as_of, json_out;
  bool replace = false;
};
int run_workspace_init(const Common& c, const WorkspaceArgs& a);

// `qchain serve` and `qchain user` (commands_server.cpp, docs/server.md).
struct ServeArgs {
  std::string file, listen = "127.0.0.1:8080", tls_cert, tls_key;
  unsigned threads = 0;
  std::size_t import_limit = 200u << 20, body_limit = 1u << 20;
};
int run_serve(const Common& c, const ServeArgs& a);
struct UserArgs {
  std::string file, name, role;
  std::vector<std::string> regions;
};
int run_user_add(const Common& c, const UserArgs& a);
int run_user_passwd(const Common& c, const UserArgs& a);
int run_user_remove(const Common& c, const UserArgs& a);
int run_user_list(const Common& c, const UserArgs& a);
int run_workspace_list(const Common& c, const WorkspaceArgs& a);
int run_import(const Common& c, const WorkspaceArgs& a);

// `qchain ledger FILE#CHAIN_ID add|list|show|update`. Texts as given; `given` holds the long names
// of the options given (--firm, --cost, ...), so that an update changes only those.
struct LedgerArgs {
  std::string ref, json_out;
  std::int64_t entry = 0;  // show, update
  std::string firm, provider, provider_kind, region, planned_start, start, end, status, cost, funding, outcome;
  std::vector<std::string> issues, measures;
  std::vector<std::string> given;
  bool has(const char* option) const;
};
int run_ledger_add(const Common& c, const LedgerArgs& a);
int run_ledger_list(const Common& c, const LedgerArgs& a);
int run_ledger_show(const Common& c, const LedgerArgs& a);
int run_ledger_update(const Common& c, const LedgerArgs& a);

// `qchain project FILE#CHAIN_ID add|list|show|update`: joint tackling projects. Like the ledger's,
// `given` holds the long names of the options given, so that an update changes only those.
struct ProjectArgs {
  std::string ref, json_out;
  std::int64_t project = 0;  // show, update
  std::string issue, leader, title, planned_start, start, end, status, target_loss, target_firms;
  std::vector<std::string> firms, providers, provider_kinds, regions;
  std::vector<std::string> given;
  bool has(const char* option) const;
};
int run_project_add(const Common& c, const ProjectArgs& a);
int run_project_list(const Common& c, const ProjectArgs& a);
int run_project_show(const Common& c, const ProjectArgs& a);
int run_project_update(const Common& c, const ProjectArgs& a);

// bom: CSV files start with the UTF-8 byte-order mark (so that Excel and WPS read them as UTF-8).
int run_export(const Common& c, const std::string& path, const std::string& format, const std::string& out, bool bom = true);
// The binary snapshot (`qchain pack CHAIN -o FILE.qcsr`, docs/qcsr.md) with the warnings of its loading.
int run_pack(const Common& c, const std::string& path, const std::string& out);
// The empty survey workbook (`qchain template -o survey.xlsx`), headers in the language of `c`.
int run_template(const Common& c, const std::string& out);

}  // namespace qchain::cli
