// Scenarios saved by name in the workspace: GET the list, POST one (checked against the chain's
// latest snapshot first, so that a saved scenario always reads), GET one back as it was saved.
#include "api_internal.hpp"
#include "json_write.hpp"
#include "qchain/engine/io/scenario_reader.hpp"
#include "qchain/workspace/scenario_store.hpp"

namespace qchain::service {

namespace {

std::string list_json(const std::string& chain_id, const std::vector<workspace::SavedScenario>& list) {
  rapidjson::StringBuffer b;
  json::Writer w(b);
  w.StartObject();
  json::key(w, "chain"); json::str(w, chain_id);
  json::key(w, "count"); w.Uint64(list.size());
  json::key(w, "scenarios");
  w.StartArray();
  for (const workspace::SavedScenario& s : list) {
    w.StartObject();
    json::key(w, "name"); json::str(w, s.name);
    json::text_or_null(w, "saved_by", s.saved_by);
    json::key(w, "saved_at"); json::str(w, s.saved_at);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  return std::string(b.GetString(), b.GetSize()) + "\n";
}

}  // namespace

ApiResponse scenarios(Call& c, const SnapshotRef& s, const std::vector<std::string>& rest) {
  if (rest.size() > 2) throw ApiError(404, "no such endpoint: " + c.request.path);
  if (rest.size() == 2) {
    require_method(c, {"GET"});
    if (!workspace::has_scenario(c.workspace(), s.chain_id, rest[1]))
      throw ApiError(404, "chain \"" + s.chain_id + "\" has no saved scenario \"" + rest[1] + "\"");
    ApiResponse r = json_response(workspace::get_scenario(c.workspace(), s.chain_id, rest[1]).body);
    return r;
  }
  require_method(c, {"GET", "POST"});
  if (c.request.method == "POST") {
    const std::string name = c.param("name");
    if (name.empty()) throw ApiError(400, "scenarios: give the scenario's name (?name=...)", "name");
    SnapshotRef latest = s;
    latest.as_of = s.snapshots.back().as_of;
    const std::shared_ptr<const Snapshot> snap = load_snapshot(c, latest);
    require_writer(c, snap->chain.info().region);
    engine::parse_scenario(c.request.body, name, snap->chain);  // throws InputError, located, when it does not read
    workspace::save_scenario(c.workspace(), s.chain_id, name, c.request.body, {c.request.identity.user, ""});
  }
  const std::vector<workspace::SavedScenario> list = workspace::list_scenarios(c.workspace(), s.chain_id);
  return json_response(list_json(s.chain_id, list), c.request.method == "POST" ? 201 : 200);
}

}  // namespace qchain::service
