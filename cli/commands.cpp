#include "commands.hpp"

#include <iostream>

#include "qchain/engine/chain_summary.hpp"
#include "qchain/engine/summary_report.hpp"
#include "qchain/graphs/atomic_file.hpp"
#include "qchain/graphs/chain_builder.hpp"
#include "qchain/graphs/chain_loader.hpp"

namespace qchain::cli {

using namespace qchain::graphs;
using engine::tr;

namespace {

void print_diagnostics(std::ostream& out, const ChainLoad& load) {
  for (const Diagnostic& d : load.diagnostics) out << format_diagnostic(d) << '\n';
  const std::size_t total = load.errors + load.warnings;
  if (total > load.diagnostics.size())
    out << "... " << (total - load.diagnostics.size()) << " more problems not shown\n";
}

// Loads PATH; on errors prints them to stderr and throws so that main maps it to exit code 2.
ChainGraph load_or_report(const std::string& path) {
  ChainLoad load = load_chain(path);
  if (!load.chain) {
    print_diagnostics(std::cerr, load);
    throw InputError(std::vector<Diagnostic>{});
  }
  if (load.warnings > 0)
    std::cerr << path << ": " << load.warnings << " warning(s); `qchain check " << path << "` lists them\n";
  return std::move(*load.chain);
}

}  // namespace

int run_check(const Common& c, const std::string& path) {
  const ChainLoad load = load_chain(path);
  print_diagnostics(std::cout, load);
  if (load.errors > 0) {
    std::cout << path << ": " << tr(c.lang, "无效（", "invalid (") << load.errors << tr(c.lang, " 个错误，", " errors, ")
              << load.warnings << tr(c.lang, " 个警告）", " warnings)") << '\n';
    return kInvalidInput;
  }
  const ChainGraph& g = *load.chain;
  std::cout << path << ": " << tr(c.lang, "有效（", "valid (") << g.firm_count() << tr(c.lang, " 家企业，", " firms, ")
            << g.link_count() << tr(c.lang, " 条供应关系，", " links, ") << load.warnings
            << tr(c.lang, " 个警告）", " warnings)") << '\n';
  return load.warnings > 0 ? kWarnings : kOk;
}

int run_summary(const Common& c, const std::string& path, const std::string& json_out) {
  const ChainGraph g = load_or_report(path);
  const engine::ChainSummary s = engine::summarize_chain(g);
  if (!json_out.empty()) {
    refuse_to_overwrite_input(json_out, path);
    write_file_atomically(json_out, engine::summary_json(g, s));
    if (json_out == "-") return kOk;
  }
  std::cout << engine::summary_text(g, s, c.lang);
  return kOk;
}

}  // namespace qchain::cli
