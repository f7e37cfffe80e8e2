// The workspace: init, list, import; the assistance ledger.
#include <pwd.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <iostream>

#include "commands.hpp"
#include "wiring.hpp"
#include "qchain/core/error.hpp"
#include "qchain/report/ledger_report.hpp"
#include "qchain/report/workspace_report.hpp"
#include "qchain/workspace/ledger.hpp"
#include "qchain/workspace/workspace.hpp"

namespace qchain::cli {

std::string os_user() {
  if (const passwd* p = ::getpwuid(::geteuid())) return p->pw_name;
  if (const char* u = std::getenv("USER"); u && *u) return u;
  return std::to_string(::geteuid());
}

workspace::WorkspaceRef undated_ref(const std::string& text, const char* command, const char* belong) {
  const auto ref = workspace::parse_workspace_ref(text);
  if (!ref) throw UsageError(std::string(command) + ": " + text + " is not a workspace reference (FILE#CHAIN_ID)");
  if (!ref->as_of.empty())
    throw UsageError(std::string(command) + ": " + belong + " to the chain, not to one snapshot: give " + ref->file + "#" + ref->chain_id +
                     " without @" + ref->as_of);
  return *ref;
}

std::vector<std::string> non_empty(const std::vector<std::string>& v) {
  std::vector<std::string> out;
  for (const std::string& s : v)
    if (!s.empty()) out.push_back(s);
  return out;
}

bool LedgerArgs::has(const char* option) const { return std::find(given.begin(), given.end(), option) != given.end(); }

namespace {

workspace::WorkspaceRef ledger_ref(const std::string& text) { return undated_ref(text, "ledger", "the ledger belongs"); }

double parse_cost(const std::string& text) {
  if (text.empty()) return graphs::kAbsent;
  char* end = nullptr;
  const double x = std::strtod(text.c_str(), &end);
  if (end == text.c_str() || *end != '\0') throw UsageError("--cost: \"" + text + "\" is not a number (10k CNY)");
  return x;
}

workspace::Provider provider_of(const LedgerArgs& a) {
  workspace::Provider p;
  p.name = a.provider;
  if (!a.provider_kind.empty()) p.kind = workspace::parse_provider_kind(a.provider_kind);
  p.region = a.region;
  return p;
}

}  // namespace

int run_ledger_add(const Common& c, const LedgerArgs& a) {
  const workspace::WorkspaceRef ref = ledger_ref(a.ref);
  workspace::LedgerEntry e;
  e.firm_id = a.firm;
  e.provider = provider_of(a);
  e.issues = non_empty(a.issues);
  e.measures = non_empty(a.measures);
  e.planned_start = a.planned_start;
  e.start = a.start;
  e.end = a.end;
  if (!a.status.empty()) e.status = workspace::parse_ledger_status(a.status);
  e.cost = parse_cost(a.cost);
  e.funding = a.funding;
  e.outcome = a.outcome;
  const std::int64_t id = workspace::add_ledger_entry(ref.file, ref.chain_id, e, {os_user(), ""});
  std::cout << report::ledger_added_text(a.ref, id, c.lang);
  return kOk;
}

int run_ledger_update(const Common& c, const LedgerArgs& a) {
  const workspace::WorkspaceRef ref = ledger_ref(a.ref);
  workspace::LedgerChange ch;
  if (a.has("--firm")) ch.firm_id = a.firm;
  if (a.has("--provider") || a.has("--provider-kind") || a.has("--region")) ch.provider = provider_of(a);
  if (a.has("--issue")) ch.issues = non_empty(a.issues);
  if (a.has("--measure")) ch.measures = non_empty(a.measures);
  if (a.has("--planned-start")) ch.planned_start = a.planned_start;
  if (a.has("--start")) ch.start = a.start;
  if (a.has("--end")) ch.end = a.end;
  if (a.has("--status")) ch.status = workspace::parse_ledger_status(a.status);
  if (a.has("--cost")) ch.cost = parse_cost(a.cost);
  if (a.has("--funding")) ch.funding = a.funding;
  if (a.has("--outcome")) ch.outcome = a.outcome;
  if (a.given.empty()) throw UsageError("ledger update: nothing to change (give at least one of --firm, --status, --end ...)");
  const std::size_t changed = workspace::update_ledger_entry(ref.file, ref.chain_id, a.entry, ch, {os_user(), ""});
  std::cout << report::ledger_updated_text(a.ref, a.entry, changed, c.lang);
  return kOk;
}

int run_ledger_list(const Common& c, const LedgerArgs& a) {
  const workspace::WorkspaceRef ref = ledger_ref(a.ref);
  workspace::LedgerFilter f;
  if (!a.status.empty()) f.status = workspace::parse_ledger_status(a.status);
  f.firm_id = a.firm;
  f.provider = a.provider;
  const std::vector<workspace::LedgerEntry> entries = workspace::list_ledger(ref.file, ref.chain_id, f);
  return emit(c, a.json_out, "", {ref.file}, [&] { return report::ledger_list_json(a.ref, entries); },
              [&] { return report::ledger_list_text(a.ref, entries, c.lang); });
}

int run_ledger_show(const Common& c, const LedgerArgs& a) {
  const workspace::WorkspaceRef ref = ledger_ref(a.ref);
  const workspace::LedgerEntry e = workspace::get_ledger_entry(ref.file, ref.chain_id, a.entry);
  const std::vector<workspace::LedgerHistoryRow> history = workspace::ledger_history(ref.file, ref.chain_id, a.entry);
  const workspace::LedgerYields y = workspace::ledger_yields(ref.file, e);
  return emit(c, a.json_out, "", {ref.file}, [&] { return report::ledger_entry_json(e, y, history); },
              [&] { return report::ledger_entry_text(e, y, history, c.lang); });
}

int run_workspace_init(const Common& c, const WorkspaceArgs& a) {
  workspace::init_workspace(a.file);
  std::cout << report::workspace_created_text(a.file, c.lang);
  return kOk;
}

int run_workspace_list(const Common& c, const WorkspaceArgs& a) {
  const std::vector<workspace::ChainEntry> chains = workspace::list_workspace(a.file);
  return emit(c, a.json_out, "", {a.file}, [&] { return report::workspace_json(a.file, chains); },
              [&] { return report::workspace_text(a.file, chains, c.lang); });
}

int run_import(const Common& c, const WorkspaceArgs& a) {
  if (workspace::parse_workspace_ref(a.chain)) throw UsageError("import: CHAIN_PATH must be a chain file or folder, not a workspace reference");
  const graphs::ChainGraph g = load_or_report(c, a.chain);
  workspace::ImportOptions o;
  o.as_of = a.as_of;
  o.replace = a.replace;
  o.source = a.chain;
  o.user = os_user();
  const workspace::ImportResult r = workspace::import_snapshot(a.file, g, o);
  std::cout << report::import_text(a.file, r, g.firm_count(), g.link_count(), c.lang);
  return kOk;
}

}  // namespace qchain::cli
