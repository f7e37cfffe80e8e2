// Joint tackling projects (质量攻关项目): `qchain project FILE#CHAIN_ID add|list|show|update`, and
// the projects the shared-issue lists of `analyze` and `report` mark.
#include <algorithm>
#include <cstdlib>
#include <iostream>

#include <memory>

#include "commands.hpp"
#include "wiring.hpp"
#include "qchain/core/error.hpp"
#include "qchain/engine/programme/project_progress.hpp"
#include "qchain/report/project_report.hpp"
#include "qchain/service/queries.hpp"
#include "qchain/workspace/project.hpp"
#include "qchain/workspace/workspace.hpp"

namespace qchain::cli {

bool ProjectArgs::has(const char* option) const { return std::find(given.begin(), given.end(), option) != given.end(); }

namespace {

workspace::WorkspaceRef project_ref(const std::string& text) { return undated_ref(text, "project", "projects belong"); }

double parse_number(const char* option, const std::string& text) {
  char* end = nullptr;
  const double x = std::strtod(text.c_str(), &end);
  if (text.empty() || end == text.c_str() || *end != '\0') throw UsageError(std::string(option) + ": \"" + text + "\" is not a number");
  return x;
}

// --provider NAME, each with its --provider-kind and --region when those are given once per
// provider (or once for a single provider); "" stands for not given.
std::vector<workspace::Provider> providers_of(const ProjectArgs& a) {
  const std::size_t n = a.providers.size();
  if (!a.provider_kinds.empty() && a.provider_kinds.size() != n)
    throw UsageError("project: give --provider-kind once for each --provider, in the same order (\"\" for a known provider), or not at all");
  if (!a.regions.empty() && a.regions.size() != n)
    throw UsageError("project: give --region once for each --provider, in the same order (\"\" for none), or not at all");
  std::vector<workspace::Provider> out;
  for (std::size_t k = 0; k < n; ++k) {
    if (a.providers[k].empty()) continue;  // `--provider ""`: an update's way to clear the list
    workspace::Provider p;
    p.name = a.providers[k];
    if (!a.provider_kinds.empty() && !a.provider_kinds[k].empty()) p.kind = workspace::parse_provider_kind(a.provider_kinds[k]);
    if (!a.regions.empty()) p.region = a.regions[k];
    out.push_back(std::move(p));
  }
  return out;
}

// The target the options give: nullopt inside when cleared (an empty value), outer nullopt when
// neither option is given.
std::optional<std::pair<std::optional<workspace::ProjectTarget>, double>> target_of(const ProjectArgs& a) {
  const bool loss = a.has("--target-loss-reduction"), firms = a.has("--target-firms-cleared");
  if (loss && firms) throw UsageError("project: give one target, --target-loss-reduction or --target-firms-cleared, not both");
  if (!loss && !firms) return std::nullopt;
  const std::string& text = loss ? a.target_loss : a.target_firms;
  if (text.empty()) return std::make_pair(std::optional<workspace::ProjectTarget>(), graphs::kAbsent);
  return std::make_pair(std::optional<workspace::ProjectTarget>(loss ? workspace::ProjectTarget::loss_reduction
                                                                     : workspace::ProjectTarget::firms_cleared),
                        parse_number(loss ? "--target-loss-reduction" : "--target-firms-cleared", text));
}

}  // namespace

std::optional<report::IssueProjects> issue_projects(const std::string& path) {
  const auto ref = workspace::parse_workspace_ref(path);
  if (!ref) return std::nullopt;
  return issue_projects(workspace::list_projects(ref->file, ref->chain_id));
}

std::optional<report::IssueProjects> issue_projects(const std::vector<workspace::Project>& projects) {
  return service::issue_projects(projects);
}

int run_project_add(const Common& c, const ProjectArgs& a) {
  const workspace::WorkspaceRef ref = project_ref(a.ref);
  workspace::Project p;
  p.issue_code = a.issue;
  p.leader_firm_id = a.leader;
  p.title = a.title;
  p.firms = non_empty(a.firms);
  p.providers = providers_of(a);
  if (const auto t = target_of(a)) {
    p.target = t->first;
    p.target_value = t->second;
  }
  p.planned_start = a.planned_start;
  p.start = a.start;
  p.end = a.end;
  if (!a.status.empty()) p.status = workspace::parse_ledger_status(a.status);
  if (p.issue_code.empty()) throw UsageError("project add: give the issue code (--issue CODE)");
  if (p.leader_firm_id.empty()) throw UsageError("project add: give the leading firm (--leader ID)");
  const std::int64_t id = workspace::add_project(ref.file, ref.chain_id, p, {os_user(), ""});
  std::cout << report::project_added_text(a.ref, id, c.lang);
  return kOk;
}

int run_project_update(const Common& c, const ProjectArgs& a) {
  const workspace::WorkspaceRef ref = project_ref(a.ref);
  workspace::ProjectChange ch;
  if (a.has("--issue")) ch.issue_code = a.issue;
  if (a.has("--leader")) ch.leader_firm_id = a.leader;
  if (a.has("--title")) ch.title = a.title;
  if (a.has("--firm")) ch.firms = non_empty(a.firms);
  if (a.has("--provider") || a.has("--provider-kind") || a.has("--region")) ch.providers = providers_of(a);
  if (const auto t = target_of(a)) {
    ch.target = t->first;
    ch.target_value = t->second;
  }
  if (a.has("--planned-start")) ch.planned_start = a.planned_start;
  if (a.has("--start")) ch.start = a.start;
  if (a.has("--end")) ch.end = a.end;
  if (a.has("--status")) ch.status = workspace::parse_ledger_status(a.status);
  if (a.given.empty()) throw UsageError("project update: nothing to change (give at least one of --status, --end, --firm ...)");
  const std::size_t changed = workspace::update_project(ref.file, ref.chain_id, a.project, ch, {os_user(), ""});
  std::cout << report::project_updated_text(a.ref, a.project, changed, c.lang);
  return kOk;
}

int run_project_list(const Common& c, const ProjectArgs& a) {
  const workspace::WorkspaceRef ref = project_ref(a.ref);
  workspace::ProjectFilter f;
  if (!a.status.empty()) f.status = workspace::parse_ledger_status(a.status);
  f.issue_code = a.issue;
  const std::vector<workspace::Project> projects = workspace::list_projects(ref.file, ref.chain_id, f);
  return emit(c, a.json_out, "", {ref.file}, [&] { return report::project_list_json(a.ref, ref.chain_id, projects); },
              [&] { return report::project_list_text(a.ref, projects, c.lang); });
}

report::ProjectProgressView project_progress_view(const workspace::Project& p, const workspace::ProjectSnapshots& snaps,
                                                  const SnapshotSource& snapshot) {
  report::ProjectProgressView view;
  view.latest_as_of = snaps.latest.as_of;
  if (!snaps.before) return view;
  const std::shared_ptr<const graphs::ChainGraph> before = snapshot(*snaps.before), latest = snapshot(snaps.latest);
  const engine::ProjectProgressOptions o = service::project_progress_options(p);
  view.before_as_of = snaps.before->as_of;
  view.progress = engine::project_progress(*before, *latest, o);
  view.latest_firms = latest->firm_count();
  return view;
}

int run_project_show(const Common& c, const ProjectArgs& a) {
  const workspace::WorkspaceRef ref = project_ref(a.ref);
  const workspace::Project p = workspace::get_project(ref.file, ref.chain_id, a.project);
  const std::vector<workspace::LedgerHistoryRow> history = workspace::project_history(ref.file, ref.chain_id, a.project);
  const workspace::ProjectSnapshots snaps = workspace::project_snapshots(ref.file, p);
  const report::ProjectProgressView view = project_progress_view(p, snaps, [&](const workspace::WorkspaceRef& r) {
    return std::make_shared<const graphs::ChainGraph>(load_or_report(c, r.text()));
  });
  return emit(c, a.json_out, "", {ref.file}, [&] { return report::project_json(p, view, history); },
              [&] { return report::project_text(p, view, history, c.lang); });
}

}  // namespace qchain::cli
