#pragma once
// The whole report of one chain (`qchain report`, the service's report endpoint): report.html,
// report.json and every diagram as SVG, from one analysis context. Writing them is the caller's.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "qchain/engine/context/analysis_context.hpp"
#include "qchain/engine/programme/benchmark.hpp"
#include "qchain/engine/scenario/scenario.hpp"
#include "qchain/report/analysis_report.hpp"
#include "qchain/report/lang.hpp"

namespace qchain::visualization {

struct ReportRequest {
  report::Lang lang = report::Lang::zh;
  std::string version;                  // printed in the report's footer
  std::size_t max_nodes = 300;          // the maps are aggregated above this many firms
  const std::vector<engine::Scenario>* scenarios = nullptr;  // a section and a map each
  std::uint32_t plan = 0;               // firms in the assistance plan section; 0: no plan
  const engine::AnalysisContext* before = nullptr;  // the earlier snapshot: the effect section
  const engine::Benchmark* benchmark = nullptr;     // reference levels: 与先进水平比对
  const report::IssueProjects* projects = nullptr;  // joint tackling projects by issue code (a workspace chain's)
};

struct ReportFile {
  std::string name;  // relative to the report's folder
  std::string content;
};

// In the order they are best written: the diagrams, report.html, report.json. Nothing of `ctx` or
// `r` is kept.
std::vector<ReportFile> build_report(const engine::AnalysisContext& ctx, const ReportRequest& r);

}  // namespace qchain::visualization
