#include "qchain/workspace/scenario_store.hpp"

#include "qchain/core/error.hpp"
#include "schema.hpp"
#include "sqlite_db.hpp"

namespace qchain::workspace {

using detail::Database;
using detail::Statement;
using detail::Transaction;

namespace {

void require_chain(Database& db, const std::string& chain_id) {
  Statement s = db.prepare("SELECT 1 FROM chains WHERE chain_id = ?1");
  s.bind(1, chain_id);
  if (!s.step()) throw UsageError(db.path() + ": the workspace holds no chain \"" + chain_id + "\"");
}

SavedScenario row(const Statement& s, bool with_body) {
  SavedScenario out;
  out.chain_id = std::string(s.text(0));
  out.name = std::string(s.text(1));
  if (with_body) out.body = std::string(s.text(2));
  out.saved_by = std::string(s.text(3));
  out.saved_at = std::string(s.text(4));
  return out;
}

}  // namespace

void save_scenario(const std::string& file, const std::string& chain_id, const std::string& name, const std::string& body,
                   const LedgerActor& by) {
  if (name.empty()) throw UsageError("scenario: give it a name");
  Database db = detail::open_workspace(file);
  Transaction t(db);
  require_chain(db, chain_id);
  Statement s = db.prepare(
      "INSERT INTO scenarios (chain_id, name, body, saved_by, saved_at) VALUES (?1, ?2, ?3, ?4, ?5) "
      "ON CONFLICT (chain_id, name) DO UPDATE SET body = excluded.body, saved_by = excluded.saved_by, saved_at = excluded.saved_at");
  s.bind(1, chain_id).bind(2, name).bind(3, body).bind_text_or_null(4, by.who).bind(5, by.at.empty() ? detail::utc_now() : by.at);
  s.run();
  t.commit();
}

std::vector<SavedScenario> list_scenarios(const std::string& file, const std::string& chain_id) {
  Database db = detail::open_workspace(file);
  Statement s = db.prepare("SELECT chain_id, name, '', saved_by, saved_at FROM scenarios WHERE chain_id = ?1 ORDER BY name");
  s.bind(1, chain_id);
  std::vector<SavedScenario> out;
  while (s.step()) out.push_back(row(s, false));
  return out;
}

SavedScenario get_scenario(const std::string& file, const std::string& chain_id, const std::string& name) {
  Database db = detail::open_workspace(file);
  Statement s = db.prepare("SELECT chain_id, name, body, saved_by, saved_at FROM scenarios WHERE chain_id = ?1 AND name = ?2");
  s.bind(1, chain_id).bind(2, name);
  if (!s.step()) throw UsageError("chain \"" + chain_id + "\" has no saved scenario \"" + name + "\"");
  return row(s, true);
}

bool has_scenario(const std::string& file, const std::string& chain_id, const std::string& name) {
  Database db = detail::open_workspace(file);
  Statement s = db.prepare("SELECT 1 FROM scenarios WHERE chain_id = ?1 AND name = ?2");
  s.bind(1, chain_id).bind(2, name);
  return s.step();
}

}  // namespace qchain::workspace
