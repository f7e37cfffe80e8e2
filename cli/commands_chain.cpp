// The chain itself: check, summary, export, template.
#include "commands.hpp"
#include "qchain/graphs/snapshot.hpp"
#include "wiring.hpp"
#include "qchain/workspace/workspace.hpp"

#include <iostream>

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

int run_check(const Common& c, const std::string& path) {
  const ChainLoad load = workspace::load_chain_or_snapshot(path, load_options(c, true));
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

int run_export(const Common& c, const std::string& path, const std::string& format, const std::string& out, bool bom) {
  check_extension(out, format, {"csv", "graphml", "gexf", "dot", "json", "svg", "png", "pdf", "xlsx"});
  refuse_onto_input(out, path);
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

int run_pack(const Common& c, const std::string& path, const std::string& out) {
  check_extension(out, "qcsr", {"qcsr", "csv", "graphml", "gexf", "dot", "json", "xlsx"});
  if (out == "-") throw UsageError("pack: the snapshot is a binary file: give a file name, not -");
  refuse_onto_input(out, path);
  // Warnings are located so that a command reading the snapshot reports them as the source would.
  const ChainLoad load = workspace::load_chain_or_snapshot(path, load_options(c, true));
  if (!load.chain) {
    print_diagnostics(std::cerr, load, c.lang);
    throw InputError(std::vector<Diagnostic>{});
  }
  write_snapshot(*load.chain, load, out);
  return kOk;
}

int run_template(const Common& c, const std::string& out) {
  write_survey_template(out, c.lang == report::Lang::zh);
  return kOk;
}

}  // namespace qchain::cli
