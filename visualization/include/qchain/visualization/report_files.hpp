#pragma once
// The whole report of one chain (`qchain report`, the service's report endpoint): report.html,
// report.json and every diagram as SVG, from one analysis context. Writing them is the caller's.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "qchain/engine/context/analysis_context.hpp"
#include "qchain/engine/programme/benchmark.hpp"
#include "qchain/engine/programme/ledger_summary.hpp"
#include "qchain/engine/scenario/scenario.hpp"
#include "qchain/report/analysis_report.hpp"
#include "qchain/report/lang.hpp"
#include "qchain/report/project_report.hpp"

namespace qchain::visualization {

// What the report of a chain in a workspace (FILE#CHAIN_ID) adds to the report of a file: the
// sections 帮扶台账 (the ledger summed up) and 历次调查趋势 (the trend over the snapshots), and the
// keys `ledger` and `trend` of report.json. Plain data read by the caller: nothing here reads the
// workspace.
struct WorkspaceReport {
  const std::vector<engine::LedgerItem>* ledger = nullptr;  // the chain's ledger entries (required)
  // The chain's snapshots dated before the report's, oldest first; the report's own ends the trend.
  std::vector<const engine::AnalysisContext*> earlier;
  // The chain's joint tackling projects, each with its progress (the same order); empty: none.
  std::vector<workspace::Project> projects;
  std::vector<report::ProjectProgressView> project_progress;
};

struct ReportRequest {
  report::Lang lang = report::Lang::zh;
  std::string version;                  // printed in the report's footer
  std::size_t max_nodes = 300;          // the maps are aggregated above this many firms
  const std::vector<engine::Scenario>* scenarios = nullptr;  // a section and a map each
  std::uint32_t plan = 0;               // firms in the assistance plan section; 0: no plan
  const engine::AnalysisContext* before = nullptr;  // the earlier snapshot: the effect section
  const engine::Benchmark* benchmark = nullptr;     // reference levels: 与先进水平比对
  const report::IssueProjects* projects = nullptr;  // joint tackling projects by issue code (a workspace chain's)
  const WorkspaceReport* workspace = nullptr;       // null: a chain file (the report is unchanged)
  // Also the Word variant of the page (files named kWordPrefix + ...): every Graphviz diagram as a
  // PNG (png:cairo) referred to by <img>, for write_report_docx. Nothing else changes.
  bool word = false;
};

struct ReportFile {
  std::string name;  // relative to the report's folder
  std::string content;
};

// The Word variant's files: "word/report.html" and its PNGs, not written to the report's folder.
inline constexpr std::string_view kWordPrefix = "word/";
inline bool is_word_file(const ReportFile& f) { return f.name.compare(0, kWordPrefix.size(), kWordPrefix) == 0; }

// In the order they are best written: the diagrams, report.html, report.json. Nothing of `ctx` or
// `r` is kept.
std::vector<ReportFile> build_report(const engine::AnalysisContext& ctx, const ReportRequest& r);

}  // namespace qchain::visualization
