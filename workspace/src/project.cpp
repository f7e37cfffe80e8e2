#include "qchain/workspace/project.hpp"

#include <cmath>
#include <unordered_set>

#include "qchain/core/error.hpp"
#include "qchain/core/number_format.hpp"
#include "records.hpp"
#include "schema.hpp"
#include "sqlite_db.hpp"

namespace qchain::workspace {

using detail::ChainFacts;
using detail::Database;
using detail::Statement;
using detail::Transaction;
using detail::Value;
using detail::list_value;
using detail::quoted;
using detail::text_value;

namespace {

const char* const kTargets[] = {"loss_reduction", "firms_cleared"};

std::vector<std::string> provider_names(const std::vector<Provider>& ps) {
  std::vector<std::string> out;
  for (const Provider& p : ps) out.push_back(p.name);
  return out;
}

Value target_value_text(const std::optional<ProjectTarget>& t, double v) {
  return t ? Value(std::string(to_string(*t)) + " " + number_text(v)) : Value();
}

void check_target(const std::optional<ProjectTarget>& t, double v) {
  if (!t) {
    if (!std::isnan(v)) throw UsageError("target: a target value needs its kind (loss_reduction or firms_cleared)");
    return;
  }
  if (*t == ProjectTarget::loss_reduction && !(v > 0 && v <= 1))
    throw UsageError("target: a loss reduction is a fraction above 0 and at most 1 (0.5: halved), got " + number_text(v));
  if (*t == ProjectTarget::firms_cleared && !(v >= 1 && std::isfinite(v) && v == std::floor(v)))
    throw UsageError("target: firms cleared is a whole number of at least 1, got " + number_text(v));
}

// The leading firm: in the latest snapshot, and a chain leader or a large firm (链主牵头).
void check_leader(ChainFacts& facts, const std::string& id) {
  facts.check_firm(id, "project", "leading firm");
  const std::string& role = facts.role_of(id);
  if (role != "chain_leader" && role != "large")
    throw UsageError("leading firm " + quoted(id) + " is of role " + role + ": a project is led by a chain_leader or a large firm");
}

void check_firms(ChainFacts& facts, const std::vector<std::string>& firms) {
  std::unordered_set<std::string> seen;
  for (const std::string& f : firms) {
    facts.check_firm(f, "project", "participating firm");
    if (!seen.insert(f).second) throw UsageError("participating firm " + quoted(f) + " given twice");
  }
}

void check(ChainFacts& facts, const Project& p) {
  facts.check_issue(p.issue_code);
  check_leader(facts, p.leader_firm_id);
  check_firms(facts, p.firms);
  check_target(p.target, p.target_value);
  detail::check_dates(p.planned_start, p.start, p.end);
}

// The providers' ids, in order (new ones inserted); a name given twice is refused.
std::vector<std::int64_t> resolve_providers(Database& db, const std::vector<Provider>& ps) {
  std::vector<std::int64_t> ids;
  std::unordered_set<std::string> seen;
  for (const Provider& p : ps) {
    if (p.name.empty()) throw UsageError("a project's provider needs a name");
    if (!seen.insert(p.name).second) throw UsageError("provider " + quoted(p.name) + " given twice");
    ids.push_back(*detail::resolve_provider(db, p));
  }
  return ids;
}

void write_lists(Database& db, std::int64_t id, const std::vector<std::string>* firms, const std::vector<std::int64_t>* providers) {
  if (firms) {
    Statement del = db.prepare("DELETE FROM project_firms WHERE project_id = ?1");
    del.bind(1, id);
    del.run();
    Statement add = db.prepare("INSERT INTO project_firms (project_id, seq, firm_id) VALUES (?1, ?2, ?3)");
    for (std::size_t k = 0; k < firms->size(); ++k) {
      add.bind(1, id).bind(2, static_cast<std::int64_t>(k)).bind(3, (*firms)[k]);
      add.run();
    }
  }
  if (providers) {
    Statement del = db.prepare("DELETE FROM project_providers WHERE project_id = ?1");
    del.bind(1, id);
    del.run();
    Statement add = db.prepare("INSERT INTO project_providers (project_id, seq, provider_id) VALUES (?1, ?2, ?3)");
    for (std::size_t k = 0; k < providers->size(); ++k) {
      add.bind(1, id).bind(2, static_cast<std::int64_t>(k)).bind(3, (*providers)[k]);
      add.run();
    }
  }
}

std::vector<Project> read_projects(Database& db, const std::string& chain_id, const ProjectFilter& f, std::int64_t only = 0) {
  std::string sql =
      "SELECT project_id, issue_code, leader_firm_id, title, target_kind, target_value, status, planned_start, start, \"end\", "
      "created_by, created_at FROM projects WHERE chain_id = ?1";
  if (f.status) sql += " AND status = ?2";
  if (!f.issue_code.empty()) sql += " AND issue_code = ?3";
  if (only) sql += " AND project_id = ?4";
  Statement s = db.prepare(sql + " ORDER BY project_id");
  s.bind(1, chain_id);
  if (f.status) s.bind(2, to_string(*f.status));
  if (!f.issue_code.empty()) s.bind(3, f.issue_code);
  if (only) s.bind(4, only);
  std::vector<Project> out;
  Statement firms = db.prepare("SELECT firm_id FROM project_firms WHERE project_id = ?1 ORDER BY seq");
  Statement providers = db.prepare(
      "SELECT p.name, p.kind, p.region FROM project_providers x JOIN providers p ON p.provider_id = x.provider_id "
      "WHERE x.project_id = ?1 ORDER BY x.seq");
  while (s.step()) {
    Project p;
    p.id = s.integer(0);
    p.chain_id = chain_id;
    p.issue_code = s.text(1);
    p.leader_firm_id = s.text(2);
    p.title = s.text(3);
    if (!s.is_null(4)) p.target = s.text(4) == kTargets[0] ? ProjectTarget::loss_reduction : ProjectTarget::firms_cleared;
    p.target_value = s.real(5);
    p.status = parse_ledger_status(s.text(6));
    p.planned_start = s.text(7);
    p.start = s.text(8);
    p.end = s.text(9);
    p.created_by = s.text(10);
    p.created_at = s.text(11);
    firms.bind(1, p.id);
    while (firms.step()) p.firms.emplace_back(firms.text(0));
    firms.reset();
    providers.bind(1, p.id);
    while (providers.step()) {
      Provider v;
      v.name = providers.text(0);
      v.kind = parse_provider_kind(providers.text(1));
      v.region = providers.text(2);
      p.providers.push_back(std::move(v));
    }
    providers.reset();
    out.push_back(std::move(p));
  }
  return out;
}

Project read_project(Database& db, const std::string& chain_id, std::int64_t id) {
  std::vector<Project> one = id > 0 ? read_projects(db, chain_id, {}, id) : std::vector<Project>{};
  if (one.empty()) throw UsageError("project: chain " + quoted(chain_id) + " has no project " + std::to_string(id));
  return std::move(one.front());
}

}  // namespace

const char* to_string(ProjectTarget t) { return kTargets[static_cast<int>(t)]; }

std::int64_t add_project(const std::string& file, const std::string& chain_id, const Project& p, const LedgerActor& by) {
  Database db = detail::open_workspace(file);
  Transaction t(db);
  ChainFacts facts(db, file, chain_id);
  std::vector<std::int64_t> providers;
  detail::about(
      "project for issue " + quoted(p.issue_code),
      [&] {
        check(facts, p);
        providers = resolve_providers(db, p.providers);
      },
      "project: ");
  detail::HistoryWriter w(db, "project_history", "project_id", by);
  Statement add = db.prepare(
      "INSERT INTO projects (chain_id, issue_code, leader_firm_id, title, target_kind, target_value, status, planned_start, start, "
      "\"end\", created_by, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)");
  add.bind(1, chain_id).bind(2, p.issue_code).bind(3, p.leader_firm_id).bind_text_or_null(4, p.title);
  if (p.target) add.bind(5, to_string(*p.target)).bind(6, p.target_value);
  add.bind(7, to_string(p.status)).bind_text_or_null(8, p.planned_start).bind_text_or_null(9, p.start).bind_text_or_null(10, p.end);
  add.bind(11, w.by().who).bind(12, w.by().at);
  add.run();
  const std::int64_t id = db.last_insert_id();
  write_lists(db, id, &p.firms, &providers);
  // The history starts with every field the project was created with.
  const std::pair<const char*, Value> fields[] = {{"issue", Value(p.issue_code)},
                                                  {"leader", Value(p.leader_firm_id)},
                                                  {"title", text_value(p.title)},
                                                  {"firms", list_value(p.firms)},
                                                  {"providers", list_value(provider_names(p.providers))},
                                                  {"target", target_value_text(p.target, p.target_value)},
                                                  {"planned_start", text_value(p.planned_start)},
                                                  {"start", text_value(p.start)},
                                                  {"end", text_value(p.end)},
                                                  {"status", Value(to_string(p.status))}};
  for (const auto& f : fields)
    if (f.second) w.add(id, f.first, std::nullopt, f.second);
  t.commit();
  return id;
}

std::size_t update_project(const std::string& file, const std::string& chain_id, std::int64_t id, const ProjectChange& c,
                           const LedgerActor& by) {
  Database db = detail::open_workspace(file);
  Transaction t(db);
  const Project old = read_project(db, chain_id, id);
  Project now = old;
  if (c.issue_code) now.issue_code = *c.issue_code;
  if (c.leader_firm_id) now.leader_firm_id = *c.leader_firm_id;
  if (c.title) now.title = *c.title;
  if (c.firms) now.firms = *c.firms;
  if (c.providers) now.providers = *c.providers;
  if (c.target) {
    now.target = *c.target;
    now.target_value = *c.target ? c.target_value.value_or(graphs::kAbsent) : graphs::kAbsent;
  } else if (c.target_value) {
    now.target_value = *c.target_value;
  }
  if (c.planned_start) now.planned_start = *c.planned_start;
  if (c.start) now.start = *c.start;
  if (c.end) now.end = *c.end;
  if (c.status) now.status = *c.status;
  detail::HistoryWriter w(db, "project_history", "project_id", by);
  std::size_t changed = 0;
  detail::about(
      "project " + std::to_string(id),
      [&] {
        // Only what changes is checked: a project whose leader has since left the chain can still be closed.
        std::optional<ChainFacts> facts;
        const auto chain = [&]() -> ChainFacts& {
          if (!facts) facts.emplace(db, file, chain_id);
          return *facts;
        };
        if (now.issue_code != old.issue_code) chain().check_issue(now.issue_code);
        if (now.leader_firm_id != old.leader_firm_id) check_leader(chain(), now.leader_firm_id);
        if (now.firms != old.firms) check_firms(chain(), now.firms);
        const Value target_before = target_value_text(old.target, old.target_value), target_after = target_value_text(now.target, now.target_value);
        if (target_before != target_after) check_target(now.target, now.target_value);
        if (now.planned_start != old.planned_start || now.start != old.start || now.end != old.end)
          detail::check_dates(now.planned_start, now.start, now.end);
        const auto set = [&](const char* field, const char* column, const Value& before, const Value& after, const std::string& v) {
          if (before == after) return;
          Statement s = db.prepare(std::string("UPDATE projects SET ") + column + " = ?2 WHERE project_id = ?1");
          s.bind(1, id).bind_text_or_null(2, v);
          s.run();
          w.add(id, field, before, after);
          ++changed;
        };
        set("issue", "issue_code", Value(old.issue_code), Value(now.issue_code), now.issue_code);
        set("leader", "leader_firm_id", Value(old.leader_firm_id), Value(now.leader_firm_id), now.leader_firm_id);
        set("title", "title", text_value(old.title), text_value(now.title), now.title);
        if (list_value(old.firms) != list_value(now.firms)) {
          write_lists(db, id, &now.firms, nullptr);
          w.add(id, "firms", list_value(old.firms), list_value(now.firms));
          ++changed;
        }
        if (c.providers) {
          const std::vector<std::int64_t> ids = resolve_providers(db, now.providers);
          const Value before = list_value(provider_names(old.providers)), after = list_value(provider_names(now.providers));
          if (before != after) {
            write_lists(db, id, nullptr, &ids);
            w.add(id, "providers", before, after);
            ++changed;
          }
        }
        if (target_before != target_after) {
          Statement s = db.prepare("UPDATE projects SET target_kind = ?2, target_value = ?3 WHERE project_id = ?1");
          s.bind(1, id);
          if (now.target) s.bind(2, to_string(*now.target)).bind(3, now.target_value);
          s.run();
          w.add(id, "target", target_before, target_after);
          ++changed;
        }
        set("planned_start", "planned_start", text_value(old.planned_start), text_value(now.planned_start), now.planned_start);
        set("start", "start", text_value(old.start), text_value(now.start), now.start);
        set("end", "\"end\"", text_value(old.end), text_value(now.end), now.end);
        set("status", "status", Value(to_string(old.status)), Value(to_string(now.status)), to_string(now.status));
      },
      "project: ");
  t.commit();
  return changed;
}

std::vector<Project> list_projects(const std::string& file, const std::string& chain_id, const ProjectFilter& filter) {
  Database db = detail::open_chain(file, chain_id);
  return read_projects(db, chain_id, filter);
}

Project get_project(const std::string& file, const std::string& chain_id, std::int64_t id) {
  Database db = detail::open_chain(file, chain_id);
  return read_project(db, chain_id, id);
}

std::vector<LedgerHistoryRow> project_history(const std::string& file, const std::string& chain_id, std::int64_t id) {
  Database db = detail::open_workspace(file);
  read_project(db, chain_id, id);
  return detail::read_history(db, "project_history", "project_id", id);
}

ProjectSnapshots project_snapshots(const std::string& file, const Project& p) {
  Database db = detail::open_workspace(file);
  ProjectSnapshots out;
  out.latest = {file, p.chain_id, ""};
  Statement latest = db.prepare("SELECT as_of FROM snapshots WHERE chain_id = ?1 ORDER BY as_of DESC LIMIT 1");
  latest.bind(1, p.chain_id);
  if (!latest.step()) detail::find_snapshot(db, out.latest);  // names what the workspace holds
  out.latest.as_of = latest.text(0);
  const std::string& from = p.start.empty() ? p.planned_start : p.start;
  if (!from.empty()) {
    Statement s = db.prepare("SELECT as_of FROM snapshots WHERE chain_id = ?1 AND as_of <= ?2 ORDER BY as_of DESC LIMIT 1");
    s.bind(1, p.chain_id).bind(2, from);
    if (s.step()) out.before = WorkspaceRef{file, p.chain_id, std::string(s.text(0))};
  }
  return out;
}

}  // namespace qchain::workspace
