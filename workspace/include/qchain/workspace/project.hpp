#pragma once
// Joint tackling projects (质量攻关项目) of a chain in the workspace (docs/workspace.md): one shared
// quality issue, tackled by a leading firm (链主牵头) with participating firms and providers, against
// a target (the issue's yield loss reduced by a fraction, or a number of firms cleared of it), with
// dates and a status. Every change is one transaction and leaves rows in an append-only history,
// the same shape as the ledger's; status, providers and actors are the ledger's.
//
// Validation is against the chain's latest snapshot: the issue code is in its catalogue, the leading
// firm is one of its firms of role chain_leader or large, the participating firms are its firms.
// Problems throw UsageError naming the field and the value; a second writer fails with "workspace
// busy" (IoError) after the busy timeout.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "qchain/workspace/ledger.hpp"
#include "qchain/workspace/workspace.hpp"

namespace qchain::workspace {

enum class ProjectTarget : std::uint8_t { loss_reduction, firms_cleared };
// loss_reduction, firms_cleared.
const char* to_string(ProjectTarget t);

struct Project {
  std::int64_t id = 0;  // set by the workspace
  std::string chain_id, issue_code, leader_firm_id, title;
  std::vector<std::string> firms;       // participating firm ids, in order (the leader need not be one)
  std::vector<Provider> providers;      // in order; a new one needs its kind
  std::optional<ProjectTarget> target;  // nullopt: no target set
  double target_value = graphs::kAbsent;  // loss_reduction: a fraction in (0,1]; firms_cleared: a count ≥ 1
  std::string planned_start, start, end;  // YYYY-MM-DD; "" = not given
  LedgerStatus status = LedgerStatus::planned;
  std::string created_by, created_at;  // set by the workspace
};

// An update: only the fields given change. An empty text or list clears the field; a target of
// nullopt inside the optional clears the target.
struct ProjectChange {
  std::optional<std::string> issue_code, leader_firm_id, title;
  std::optional<std::vector<std::string>> firms;
  std::optional<std::vector<Provider>> providers;
  std::optional<std::optional<ProjectTarget>> target;
  std::optional<double> target_value;  // with `target`
  std::optional<std::string> planned_start, start, end;
  std::optional<LedgerStatus> status;
};

// Adds the project to `chain_id` in one transaction; returns its id. `id`, `chain_id`,
// `created_by` and `created_at` are ignored.
std::int64_t add_project(const std::string& file, const std::string& chain_id, const Project& p, const LedgerActor& by);
// Applies the change in one transaction; each field whose value changes is one history row. Returns
// the number of fields changed.
std::size_t update_project(const std::string& file, const std::string& chain_id, std::int64_t id, const ProjectChange& change,
                           const LedgerActor& by);

struct ProjectFilter {
  std::optional<LedgerStatus> status;
  std::string issue_code;  // "" = every issue
};
// The chain's projects that pass the filter, by id.
std::vector<Project> list_projects(const std::string& file, const std::string& chain_id, const ProjectFilter& filter = {});
// One project; UsageError when the chain has no project of that id.
Project get_project(const std::string& file, const std::string& chain_id, std::int64_t id);
// Oldest first; values as the ledger's history keeps them (lists as JSON arrays, providers by name,
// the target as "loss_reduction 0.5").
std::vector<LedgerHistoryRow> project_history(const std::string& file, const std::string& chain_id, std::int64_t id);

// The snapshots a project's progress is read from: the latest on or before its start (its planned
// start when it has no start; nullopt when neither is given or no snapshot is that old), and the
// chain's latest.
struct ProjectSnapshots {
  std::optional<WorkspaceRef> before;
  WorkspaceRef latest;
};
ProjectSnapshots project_snapshots(const std::string& file, const Project& p);

}  // namespace qchain::workspace
