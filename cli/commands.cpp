#include "commands.hpp"

#include <iostream>
#include <optional>

#include "qchain/engine/analysis_report.hpp"
#include "qchain/engine/chain_summary.hpp"
#include "qchain/engine/summary_report.hpp"
#include "qchain/graphs/atomic_file.hpp"
#include "qchain/graphs/chain_builder.hpp"
#include "qchain/graphs/chain_csv_writer.hpp"
#include "qchain/graphs/chain_loader.hpp"
#include "qchain/graphs/strong_components.hpp"

namespace qchain::cli {

using namespace qchain::graphs;
using engine::tr;

namespace {

std::string counted(std::size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

void print_diagnostics(std::ostream& out, const ChainLoad& load) {
  for (const Diagnostic& d : load.diagnostics) out << format_diagnostic(d) << '\n';
  const std::size_t total = load.errors + load.warnings;
  if (total > load.diagnostics.size())
    out << "... " << (total - load.diagnostics.size()) << " more problems not shown\n";
}

// Loads PATH; on errors prints them to stderr and throws so that main maps it to exit code 2.
ChainGraph load_or_report(const Common& c, const std::string& path) {
  ChainLoad load = load_chain(path, LoadOptions{false});
  if (!load.chain) {
    print_diagnostics(std::cerr, load);
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

}  // namespace

int run_check(const Common& c, const std::string& path) {
  const ChainLoad load = load_chain(path);
  print_diagnostics(std::cout, load);
  if (load.errors > 0) {
    if (c.lang == engine::Lang::zh)
      std::cout << path << ": 无效（" << load.errors << " 个错误，" << load.warnings << " 个警告）\n";
    else
      std::cout << path << ": invalid (" << counted(load.errors, "error", "errors") << ", "
                << counted(load.warnings, "warning", "warnings") << ")\n";
    return kInvalidInput;
  }
  const ChainGraph& g = *load.chain;
  if (c.lang == engine::Lang::zh)
    std::cout << path << ": 有效（" << g.firm_count() << " 家企业，" << g.link_count() << " 条供应关系，" << load.warnings
              << " 个警告）\n";
  else
    std::cout << path << ": valid (" << counted(g.firm_count(), "firm", "firms") << ", "
              << counted(g.link_count(), "link", "links") << ", " << counted(load.warnings, "warning", "warnings") << ")\n";
  return load.warnings > 0 ? kWarnings : kOk;
}

int run_summary(const Common& c, const std::string& path, const std::string& json_out) {
  const ChainGraph g = load_or_report(c, path);
  const engine::ChainSummary s = engine::summarize_chain(g);
  if (!json_out.empty()) {
    refuse_to_overwrite_input(json_out, path);
    write_file_atomically(json_out, engine::summary_json(g, s));
    if (json_out == "-") return kOk;
  }
  std::cout << engine::summary_text(g, s, c.lang);
  return kOk;
}

int run_analyze(const Common& c, const AnalyzeArgs& a) {
  const ChainGraph g = load_or_report(c, a.path);
  const bool structure = a.only.empty() || a.only == "structure";
  const bool quality = a.only.empty() || a.only == "quality";
  engine::AnalysisSections sections;
  engine::StructureOptions so;
  so.brokers.samples = a.samples;
  so.brokers.seed = a.seed;
  so.brokers.threads = a.threads;
  so.betweenness = !a.no_brokers;
  std::optional<engine::StructureAnalysis> st;
  std::optional<engine::QualityAnalysis> qa;
  std::vector<engine::Bottleneck> bottlenecks;
  if (structure) {
    st = engine::analyze_structure(g, so);
    sections.structure = &*st;
  }
  if (quality) {
    engine::QualityOptions qo;
    qo.threads = a.threads;
    qa = engine::analyze_quality(g, st ? st->components : strong_components(g), qo);
    sections.quality = &*qa;
    bottlenecks = engine::find_bottlenecks(g, *qa, st ? &st->critical : nullptr, {c.lang, 5});
    sections.bottlenecks = &bottlenecks;
  }
  const engine::ReportOptions ro{c.lang, a.top};
  if (!a.json_out.empty()) {
    refuse_to_overwrite_input(a.json_out, a.path);
    write_file_atomically(a.json_out, engine::analysis_json(g, sections, ro));
    if (a.json_out == "-") return kOk;
  }
  std::cout << engine::analysis_text(g, sections, ro);
  return kOk;
}

int run_export(const Common& c, const std::string& path, const std::string& format, const std::string& out) {
  const ChainGraph g = load_or_report(c, path);
  refuse_to_overwrite_input(out, path);
  if (format == "csv") write_chain_csv(g, out);
  else throw UsageError("unknown export format \"" + format + "\"");
  return kOk;
}

}  // namespace qchain::cli
