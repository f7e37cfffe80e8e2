// The workspace: init, list, import.
#include <pwd.h>
#include <unistd.h>

#include <iostream>

#include "commands.hpp"
#include "wiring.hpp"
#include "qchain/core/error.hpp"
#include "qchain/report/workspace_report.hpp"
#include "qchain/workspace/workspace.hpp"

namespace qchain::cli {

namespace {

// Who made a change, as the workspace's history records it: the OS user here.
std::string os_user() {
  if (const passwd* p = ::getpwuid(::geteuid())) return p->pw_name;
  return std::to_string(::geteuid());
}

}  // namespace

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
