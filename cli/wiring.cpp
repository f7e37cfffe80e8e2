#include "wiring.hpp"

#include <algorithm>
#include <cctype>
#include <future>
#include <iostream>
#include <optional>

#include "qchain/service/table_xlsx.hpp"
#include "qchain/core/atomic_file.hpp"
#include "qchain/core/error.hpp"
#include "qchain/report/messages.hpp"
#include "qchain/report/text_table.hpp"
#include "qchain/workspace/workspace.hpp"

namespace qchain::cli {

using namespace qchain::graphs;


std::string counted(std::size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

// Every diagnostic in the reader's language (the loaders write English: engine/messages.hpp).
void print_diagnostics(std::ostream& out, const ChainLoad& load, report::Lang lang) {
  for (const Diagnostic& d : load.diagnostics) out << report::localise_diagnostic(d, lang) << '\n';
  const std::size_t total = load.errors + load.warnings;
  if (total > load.diagnostics.size())
    out << report::localise_message("... " + std::to_string(total - load.diagnostics.size()) + " more problems not shown", lang)
        << '\n';
}

// 200000 -> "200,000", as the note about the systemic index has always written it.
std::string thousands(std::uint64_t n) {
  std::string t = std::to_string(n);
  for (std::size_t k = t.size(); k > 3; k -= 3) t.insert(k - 3, ",");
  return t;
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
namespace {

ChainGraph report_load(const Common& c, const std::string& path, ChainLoad load) {
  if (!load.chain) {
    print_diagnostics(std::cerr, load, c.lang);
    throw InputError(std::vector<Diagnostic>{});
  }
  if (load.warnings > 0) {
    if (c.lang == report::Lang::zh)
      std::cerr << path << ": " << load.warnings << " 个警告，`qchain check " << path << "` 可列出\n";
    else
      std::cerr << path << ": " << counted(load.warnings, "warning", "warnings") << "; `qchain check " << path
                << "` lists them\n";
  }
  return std::move(*load.chain);
}
}  // namespace

ChainGraph load_or_report(const Common& c, const std::string& path) { return report_load(c, path, workspace::load_chain_or_snapshot(path, load_options(c, false))); }

// Several chains loaded side by side (a thread each, at most two at a time: loading is one core's
// work and memory-bound), then reported in the order given.
std::vector<ChainGraph> load_all_or_report(const Common& c, const std::vector<std::string>& paths) {
  std::vector<ChainGraph> out;
  out.reserve(paths.size());
  for (std::size_t k = 0; k < paths.size(); k += 2) {
    auto second = k + 1 < paths.size() ? std::async(std::launch::async, [&] { return workspace::load_chain_or_snapshot(paths[k + 1], load_options(c, false)); })
                                       : std::future<ChainLoad>();
    ChainLoad first = workspace::load_chain_or_snapshot(paths[k], load_options(c, false));
    std::optional<ChainLoad> other;
    if (second.valid()) other = second.get();
    out.push_back(report_load(c, paths[k], std::move(first)));
    if (other) out.push_back(report_load(c, paths[k + 1], std::move(*other)));
  }
  return out;
}

int emit_streamed(const Common& c, const std::string& json_out, const std::string& xlsx_out,
                  const std::vector<std::string>& inputs, const JsonPieces& json, const std::function<std::string()>& text,
                  unsigned threads) {
  refuse_outputs_onto_inputs(json_out, xlsx_out, inputs);
  if (!json_out.empty()) {
    // Tables for a workbook are captured on the thread that renders them, so only text that is just
    // printed is made aside.
    std::future<std::string> early;
    if (json_out != "-" && xlsx_out.empty() && threads != 1) early = std::async(std::launch::async, text);
    {
      AtomicFileWriter out(json_out);
      json([&out](std::string_view piece) { out.write(piece); });
      out.commit();
    }
    if (early.valid()) {
      std::cout << early.get();
      return kOk;
    }
    if (json_out == "-") {
      if (!xlsx_out.empty()) {
        report::TableCapture capture;
        const std::string t = text();
        service::write_tables_xlsx(xlsx_out, t, capture.tables, c.lang);
      }
      return kOk;
    }
  }
  if (xlsx_out.empty()) {
    std::cout << text();
    return kOk;
  }
  std::string t;
  report::TableCapture capture;
  t = text();
  service::write_tables_xlsx(xlsx_out, t, capture.tables, c.lang);
  std::cout << t;
  return kOk;
}

int emit(const Common& c, const std::string& json_out, const std::string& xlsx_out, const std::vector<std::string>& inputs,
         const std::function<std::string()>& json, const std::function<std::string()>& text) {
  return emit_streamed(c, json_out, xlsx_out, inputs,
                       [&json](const std::function<void(std::string_view)>& write) { write(json()); }, text, 1);
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


void refuse_outputs_onto_inputs(const std::string& json_out, const std::string& xlsx_out,
                                const std::vector<std::string>& inputs) {
  for (const std::string& input : inputs) {
    if (!json_out.empty()) refuse_onto_input(json_out, input);
    if (!xlsx_out.empty()) refuse_onto_input(xlsx_out, input);
  }
}

void refuse_onto_input(const std::string& output, const std::string& input) {
  refuse_to_overwrite_input(output, workspace::input_file(input));
}

}  // namespace qchain::cli
