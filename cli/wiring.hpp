#pragma once
// What every command does alike: load a chain (reporting its problems in the reader's language),
// write a command's JSON, tables and text, and refuse outputs that contradict their names or would
// land on an input. Internal to the command line.
#include <functional>
#include <initializer_list>
#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "commands.hpp"
#include "qchain/engine/production/production_cascade.hpp"
#include "qchain/graphs/chain.hpp"
#include "qchain/graphs/chain_loader.hpp"
#include "qchain/report/project_report.hpp"
#include "qchain/workspace/project.hpp"
#include "qchain/workspace/workspace.hpp"
#include "qchain/report/analysis_report.hpp"
#include "qchain/workspace/workspace.hpp"

namespace qchain::cli {

// Who makes a change, as the workspace's history records it: the OS user here.
std::string os_user();
// The chain whose records (ledger, projects) `text` names: a workspace reference without a date.
// UsageError "COMMAND: TEXT is not a workspace reference (FILE#CHAIN_ID)", or "COMMAND: BELONG to the
// chain, not to one snapshot: give FILE#CHAIN_ID without @DATE" (BELONG: "the ledger belongs").
workspace::WorkspaceRef undated_ref(const std::string& text, const char* command, const char* belong);
// Empty values in a list (`--issue ""`) stand for no value: an update's way to clear it.
std::vector<std::string> non_empty(const std::vector<std::string>& v);

std::string counted(std::size_t n, const char* one, const char* many);
// 200000 -> "200,000".
std::string thousands(std::uint64_t n);
// Every diagnostic in the reader's language (the loaders write English: report/messages.hpp).
void print_diagnostics(std::ostream& out, const graphs::ChainLoad& load, report::Lang lang);
engine::OutputWeights parse_weights(const std::string& w);
graphs::LoadOptions load_options(const Common& c, bool locate_warnings);
// With c.exits_after, `p` is kept, never destroyed, until the process ends; else it is destroyed now.
// Freeing a million-firm chain and its analyses block by block takes about a second, while the
// kernel reclaims the pages at exit at once. The keeping list is reachable from a static, so leak
// checkers (LeakSanitizer, valgrind's definite leaks) do not count it.
template <class T>
void leave_to_exit(const Common& c, std::unique_ptr<T> p) {
  static auto* const kept = new std::vector<std::shared_ptr<const void>>();
  if (c.exits_after) kept->emplace_back(std::move(p));
}
// Loads PATH; on errors prints them to stderr and throws so that main maps it to exit code 2.
graphs::ChainGraph load_or_report(const Common& c, const std::string& path);
// Several chains loaded side by side, reported in the order given.
std::vector<graphs::ChainGraph> load_all_or_report(const Common& c, const std::vector<std::string>& paths);
// Writes the JSON document to `json_out` when asked ("-": standard output, and then nothing else),
// every table of the text to `xlsx_out` when asked, otherwise or also prints the text. Never writes
// over one of the inputs.
int emit(const Common& c, const std::string& json_out, const std::string& xlsx_out, const std::vector<std::string>& inputs,
         const std::function<std::string()>& json, const std::function<std::string()>& text);
// The same for a document handed to `write` piece by piece, so that a big one goes to its file as
// it is made instead of being held whole. Unless `threads` is 1, text that is only printed is made on
// a second thread meanwhile: `text` must then only read what `json` reads.
using JsonPieces = std::function<void(const std::function<void(std::string_view)>& write)>;
int emit_streamed(const Common& c, const std::string& json_out, const std::string& xlsx_out,
                  const std::vector<std::string>& inputs, const JsonPieces& json, const std::function<std::string()>& text,
                  unsigned threads);
// The joint tackling projects of the chain PATH refers to, by issue code: nullopt when PATH is not
// a workspace reference or its chain has none (commands_project.cpp).
std::optional<report::IssueProjects> issue_projects(const std::string& path);
// The same from projects already read: nullopt when there are none.
std::optional<report::IssueProjects> issue_projects(const std::vector<workspace::Project>& projects);
// A project's progress between its two snapshots, each read through `snapshot` (which may hand out
// a chain already loaded).
using SnapshotSource = std::function<std::shared_ptr<const graphs::ChainGraph>(const workspace::WorkspaceRef&)>;
report::ProjectProgressView project_progress_view(const workspace::Project& p, const workspace::ProjectSnapshots& snaps,
                                                  const SnapshotSource& snapshot);
// Refuses writing `output` over `input`: a chain file, folder or workbook, or the workspace file a
// reference reads.
void refuse_onto_input(const std::string& output, const std::string& input);
// The same for a command's --json and --xlsx outputs (either may be empty: not asked for).
void refuse_outputs_onto_inputs(const std::string& json_out, const std::string& xlsx_out,
                                const std::vector<std::string>& inputs);
// An output whose extension names another format than the one asked for is a mistake in one of the two.
void check_extension(const std::string& out, const std::string& format, std::initializer_list<const char*> known);

}  // namespace qchain::cli
