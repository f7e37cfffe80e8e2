#pragma once
// `qchain analyze` output: one stable JSON document with a section per analysis that was run, and
// a readable text report.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>

#include "qchain/engine/quality/bottlenecks.hpp"
#include "qchain/engine/production/certification_gaps.hpp"
#include "qchain/engine/quality/quality_analysis.hpp"
#include "qchain/engine/structure/structure_analysis.hpp"
#include "qchain/engine/production/systemic_index.hpp"
#include "qchain/engine/context/analysis_context.hpp"
#include "qchain/report/text_table.hpp"
#include "qchain/workspace/ledger.hpp"

namespace qchain::report {

// The sections that were run; null ones are left out of the outputs.
struct AnalysisSections {
  const engine::StructureAnalysis* structure = nullptr;
  const engine::QualityAnalysis* quality = nullptr;
  const std::vector<engine::Bottleneck>* bottlenecks = nullptr;
  const engine::SystemicResult* systemic = nullptr;
  const engine::ProductionModel* production = nullptr;  // with `systemic`: the weights used
  const engine::CertificationGapsResult* gaps = nullptr;
};

// A joint tackling project (质量攻关项目) on a shared issue, as the issue lists mark it.
struct IssueProject {
  std::int64_t id = 0;
  workspace::LedgerStatus status = workspace::LedgerStatus::planned;
};
using IssueProjects = std::map<std::string, std::vector<IssueProject>>;  // by issue code, projects by id

struct ReportOptions {
  Lang lang = Lang::zh;
  std::size_t top = 20;  // rows in ranked lists (brokers, origins, systemic; text lists)
  bool all = false;      // every firm in the systemic ranking, not only the top
  // The chain's projects by issue code: when set, the shared-issue list gets a column 攻关项目 and
  // each issue of the JSON a "projects" array. Null (a chain file, or a chain without projects):
  // neither, so the outputs are what they were.
  const IssueProjects* projects = nullptr;
};

// "#1 进行中，#3 计划" / "#1 in progress, #3 planned"; "-" when the issue has no project.
std::string issue_projects_cell(const IssueProjects& projects, const std::string& code, Lang lang);

// The selected sections of a context, each computed on first use there.
AnalysisSections analysis_sections(const engine::AnalysisContext& ctx, const engine::AnalysisSelection& selection);

std::string analysis_json(const graphs::ChainGraph& g, const AnalysisSections& s, const ReportOptions& o);
// The same document handed to `write` piece by piece as it is produced: for a province-sized chain
// it runs to hundreds of megabytes, which need not be held in memory.
void write_analysis_json(const graphs::ChainGraph& g, const AnalysisSections& s, const ReportOptions& o,
                         const std::function<void(std::string_view)>& write);
// The selected sections of a context, each asked of it only when the writer reaches it: with
// engine::compute_aside running, writing the structure overlaps computing the rest. `before_aside`,
// when given, is called once before the first section other than the structure is asked for: the
// place to wait for compute_aside's future (and so to rethrow what it threw). Same bytes as the call
// above on analysis_sections(ctx, selection).
void write_analysis_json(const engine::AnalysisContext& ctx, const engine::AnalysisSelection& selection,
                         const ReportOptions& o, const std::function<void(std::string_view)>& write,
                         const std::function<void()>& before_aside = {});
std::string analysis_text(const graphs::ChainGraph& g, const AnalysisSections& s, const ReportOptions& o);

// The lines that say what the quality figures rest on where the data is silent (default detection
// and inspection, and the range shown for them); empty when nothing rests on a default.
std::string defaults_note(const engine::QualityAnalysis& q, Lang lang);
// The range column's heading: "检出率 0.80–0.95 时".
std::string range_heading(const engine::QualityAnalysis& q, Lang lang);
// The range cells, lower figure first whichever end of the detection range gives it.
std::string yield_range_cell(const engine::QualityAnalysis& q, std::size_t leader);
std::string gain_range_cell(const engine::QualityAnalysis& q, std::size_t rank);  // "" beyond the ranked issues

// The certification-gap section alone (the text of `analyze`, also used by the report's wording).
std::string gaps_text(const graphs::ChainGraph& g, const engine::CertificationGapsResult& r, const ReportOptions& o);

// "F0410 → casting → F0102 → servo-motor → F0001"
// The one-line reason a planner reads for a bottleneck.
std::string bottleneck_reason(const graphs::ChainGraph& g, const engine::Bottleneck& b, Lang lang);

std::string path_text(const graphs::ChainGraph& g, const graphs::CriticalSupplier& c);

}  // namespace qchain::report
