// What the API writes: imports, the assistance ledger and the joint tackling projects, each under
// the signed-in user's name.
#include <filesystem>
#include <fstream>

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <stdlib.h>

#include "api_internal.hpp"
#include "json_write.hpp"
#include "qchain/core/error.hpp"
#include "qchain/engine/production/certification_gaps.hpp"
#include "qchain/graphs/chain_loader.hpp"
#include "qchain/report/ledger_report.hpp"
#include "qchain/report/messages.hpp"
#include "qchain/report/project_report.hpp"
#include "qchain/service/queries.hpp"
#include "qchain/workspace/ledger.hpp"
#include "qchain/workspace/project.hpp"
#include "zip_folder.hpp"

namespace qchain::service {

namespace {

constexpr const char* kXlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

std::string workspace_name(const Call& c) { return std::filesystem::path(c.workspace()).filename().string(); }
std::string chain_ref(const Call& c, const std::string& chain_id) { return workspace_name(c) + "#" + chain_id; }
workspace::LedgerActor actor(const Call& c) { return {c.request.identity.user, ""}; }

// --- the body -------------------------------------------------------------------------------------

rapidjson::Document parse_body(const Call& c) {
  rapidjson::Document d;
  d.Parse(c.request.body.data(), c.request.body.size());
  if (d.HasParseError()) {
    std::size_t line = 1, column = 1;
    for (std::size_t k = 0; k < d.GetErrorOffset() && k < c.request.body.size(); ++k)
      c.request.body[k] == '\n' ? (++line, column = 1) : ++column;
    const std::string at = "body:" + std::to_string(line) + ":" + std::to_string(column);
    throw ApiError(400, at + ": invalid JSON: " + rapidjson::GetParseError_En(d.GetParseError()), at);
  }
  if (!d.IsObject()) throw ApiError(400, "body: expected a JSON object", "body");
  return d;
}

using Object = rapidjson::Value::ConstObject;

std::optional<std::string> text_field(const Object& o, const char* key) {
  const auto it = o.FindMember(key);
  if (it == o.MemberEnd()) return std::nullopt;
  if (it->value.IsNull()) return std::string();
  if (!it->value.IsString()) throw ApiError(400, std::string("body: ") + key + ": expected a text", std::string("body.") + key);
  return std::string(it->value.GetString(), it->value.GetStringLength());
}

std::optional<std::vector<std::string>> list_field(const Object& o, const char* key) {
  const auto it = o.FindMember(key);
  if (it == o.MemberEnd()) return std::nullopt;
  std::vector<std::string> out;
  if (it->value.IsNull()) return out;
  if (!it->value.IsArray()) throw ApiError(400, std::string("body: ") + key + ": expected a list of texts", std::string("body.") + key);
  for (const auto& v : it->value.GetArray()) {
    if (!v.IsString()) throw ApiError(400, std::string("body: ") + key + ": expected a list of texts", std::string("body.") + key);
    if (v.GetStringLength() > 0) out.emplace_back(v.GetString(), v.GetStringLength());
  }
  return out;
}

std::optional<double> number_field(const Object& o, const char* key) {
  const auto it = o.FindMember(key);
  if (it == o.MemberEnd()) return std::nullopt;
  if (it->value.IsNull()) return graphs::kAbsent;
  if (!it->value.IsNumber()) throw ApiError(400, std::string("body: ") + key + ": expected a number", std::string("body.") + key);
  return it->value.GetDouble();
}

workspace::Provider provider_of(const rapidjson::Value& v, const std::string& where) {
  workspace::Provider p;
  if (v.IsNull()) return p;
  if (v.IsString()) {
    p.name = v.GetString();
    return p;
  }
  if (!v.IsObject()) throw ApiError(400, "body: " + where + ": expected {\"name\": ..., \"kind\": ..., \"region\": ...}", "body." + where);
  const Object o = v.GetObject();
  p.name = text_field(o, "name").value_or("");
  if (const auto kind = text_field(o, "kind"); kind && !kind->empty()) p.kind = workspace::parse_provider_kind(*kind);
  p.region = text_field(o, "region").value_or("");
  return p;
}

std::optional<workspace::Provider> provider_field(const Object& o) {
  const auto it = o.FindMember("provider");
  if (it == o.MemberEnd()) return std::nullopt;
  return provider_of(it->value, "provider");
}

std::optional<std::vector<workspace::Provider>> providers_field(const Object& o) {
  const auto it = o.FindMember("providers");
  if (it == o.MemberEnd()) return std::nullopt;
  std::vector<workspace::Provider> out;
  if (it->value.IsNull()) return out;
  if (!it->value.IsArray()) throw ApiError(400, "body: providers: expected a list", "body.providers");
  for (const auto& v : it->value.GetArray()) {
    workspace::Provider p = provider_of(v, "providers");
    if (!p.name.empty()) out.push_back(std::move(p));
  }
  return out;
}

std::int64_t id_of(const std::string& text) {
  char* end = nullptr;
  const long long id = std::strtoll(text.c_str(), &end, 10);
  if (text.empty() || *end != '\0' || id <= 0) throw ApiError(404, "no entry \"" + text + "\"");
  return id;
}

// The chain's region, which a planner must hold to change its records.
std::string region_of(Call& c, const SnapshotRef& s) {
  SnapshotRef latest = s;
  latest.as_of = s.snapshots.back().as_of;
  return load_snapshot(c, latest)->chain.info().region;
}

// --- ledger ---------------------------------------------------------------------------------------

workspace::LedgerChange ledger_change(const Object& o) {
  workspace::LedgerChange ch;
  ch.firm_id = text_field(o, "firm");
  ch.provider = provider_field(o);
  ch.issues = list_field(o, "issues");
  ch.measures = list_field(o, "measures");
  ch.planned_start = text_field(o, "planned_start");
  ch.start = text_field(o, "start");
  ch.end = text_field(o, "end");
  if (const auto s = text_field(o, "status")) ch.status = workspace::parse_ledger_status(*s);
  ch.cost = number_field(o, "cost");
  ch.funding = text_field(o, "funding");
  ch.outcome = text_field(o, "outcome");
  return ch;
}

workspace::LedgerEntry ledger_entry(const Object& o) {
  const workspace::LedgerChange ch = ledger_change(o);
  workspace::LedgerEntry e;
  e.firm_id = ch.firm_id.value_or("");
  if (e.firm_id.empty()) throw ApiError(400, "body: firm: give the firm assisted", "body.firm");
  e.provider = ch.provider.value_or(workspace::Provider{});
  e.issues = ch.issues.value_or(std::vector<std::string>{});
  e.measures = ch.measures.value_or(std::vector<std::string>{});
  e.planned_start = ch.planned_start.value_or("");
  e.start = ch.start.value_or("");
  e.end = ch.end.value_or("");
  if (ch.status) e.status = *ch.status;
  e.cost = ch.cost.value_or(graphs::kAbsent);
  e.funding = ch.funding.value_or("");
  e.outcome = ch.outcome.value_or("");
  return e;
}

ApiResponse ledger_entry_document(Call& c, const std::string& chain_id, std::int64_t id, int status = 200) {
  const workspace::LedgerEntry e = workspace::get_ledger_entry(c.workspace(), chain_id, id);
  const std::vector<workspace::LedgerHistoryRow> history = workspace::ledger_history(c.workspace(), chain_id, id);
  const workspace::LedgerYields y = workspace::ledger_yields(c.workspace(), e);
  return json_response(report::ledger_entry_json(e, y, history), status);
}

std::int64_t known_entry(const Call& c, const std::string& chain_id, const std::string& text) {
  const std::int64_t id = id_of(text);
  for (const workspace::LedgerEntry& e : workspace::list_ledger(c.workspace(), chain_id))
    if (e.id == id) return id;
  throw ApiError(404, "the ledger of \"" + chain_id + "\" has no entry " + text);
}

// --- projects -------------------------------------------------------------------------------------

workspace::ProjectChange project_change(const Object& o) {
  workspace::ProjectChange ch;
  ch.issue_code = text_field(o, "issue");
  ch.leader_firm_id = text_field(o, "leader");
  ch.title = text_field(o, "title");
  ch.firms = list_field(o, "firms");
  ch.providers = providers_field(o);
  if (const auto it = o.FindMember("target"); it != o.MemberEnd()) {
    if (it->value.IsNull()) {
      ch.target = std::optional<workspace::ProjectTarget>();
    } else {
      if (!it->value.IsObject()) throw ApiError(400, "body: target: expected {\"kind\": ..., \"value\": ...} or null", "body.target");
      const Object t = it->value.GetObject();
      const std::string kind = text_field(t, "kind").value_or("");
      if (kind != "loss_reduction" && kind != "firms_cleared")
        throw ApiError(400, "body: target.kind: expected loss_reduction or firms_cleared", "body.target.kind");
      ch.target = kind == "loss_reduction" ? workspace::ProjectTarget::loss_reduction : workspace::ProjectTarget::firms_cleared;
      ch.target_value = number_field(t, "value").value_or(graphs::kAbsent);
    }
  }
  ch.planned_start = text_field(o, "planned_start");
  ch.start = text_field(o, "start");
  ch.end = text_field(o, "end");
  if (const auto s = text_field(o, "status")) ch.status = workspace::parse_ledger_status(*s);
  return ch;
}

workspace::Project project_of(const Object& o) {
  const workspace::ProjectChange ch = project_change(o);
  workspace::Project p;
  p.issue_code = ch.issue_code.value_or("");
  p.leader_firm_id = ch.leader_firm_id.value_or("");
  if (p.issue_code.empty()) throw ApiError(400, "body: issue: give the issue code", "body.issue");
  if (p.leader_firm_id.empty()) throw ApiError(400, "body: leader: give the leading firm", "body.leader");
  p.title = ch.title.value_or("");
  p.firms = ch.firms.value_or(std::vector<std::string>{});
  p.providers = ch.providers.value_or(std::vector<workspace::Provider>{});
  if (ch.target) p.target = *ch.target;
  p.target_value = ch.target_value.value_or(graphs::kAbsent);
  p.planned_start = ch.planned_start.value_or("");
  p.start = ch.start.value_or("");
  p.end = ch.end.value_or("");
  if (ch.status) p.status = *ch.status;
  return p;
}

std::int64_t known_project(const Call& c, const std::string& chain_id, const std::string& text) {
  const std::int64_t id = id_of(text);
  for (const workspace::Project& p : workspace::list_projects(c.workspace(), chain_id))
    if (p.id == id) return id;
  throw ApiError(404, "chain \"" + chain_id + "\" has no project " + text);
}

ApiResponse project_document(Call& c, const std::string& chain_id, std::int64_t id, int status = 200) {
  const workspace::Project p = workspace::get_project(c.workspace(), chain_id, id);
  const std::vector<workspace::LedgerHistoryRow> history = workspace::project_history(c.workspace(), chain_id, id);
  return json_response(report::project_json(p, project_view(c, chain_id, p), history), status);
}

// --- import ---------------------------------------------------------------------------------------

// The upload's own file name, without any folder: what its messages are located in.
std::string upload_name(const Call& c, const std::string& extension) {
  std::string name = std::filesystem::path(c.param("filename", "upload" + extension)).filename().string();
  if (name.empty() || name == "." || name == "..") name = "upload" + extension;
  return name;
}

void write_bytes(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!out) throw IoError("cannot write the upload to a temporary file");
}

void replace_all(std::string& s, const std::string& from, const std::string& to) {
  for (std::size_t at = s.find(from); !from.empty() && at != std::string::npos; at = s.find(from, at + to.size())) s.replace(at, from.size(), to);
}

// {"imported": ..., "check": {...}}: the check's counts and every message, located in the upload.
std::string import_json(const graphs::ChainLoad& load, const std::string& folder, const workspace::ImportResult* r, std::size_t gaps,
                        report::Lang lang) {
  rapidjson::StringBuffer b;
  json::Writer w(b);
  w.StartObject();
  json::key(w, "imported");
  if (r) {
    w.StartObject();
    json::key(w, "chain"); json::str(w, r->chain_id);
    json::key(w, "as_of"); json::str(w, r->as_of);
    json::key(w, "replaced"); w.Bool(r->replaced);
    json::key(w, "firms"); w.Uint(load.chain->firm_count());
    json::key(w, "links"); w.Uint(load.chain->link_count());
    w.EndObject();
  } else {
    w.Null();
  }
  json::key(w, "check");
  w.StartObject();
  json::key(w, "valid"); w.Bool(load.errors == 0);
  json::key(w, "errors"); w.Uint64(load.errors);
  json::key(w, "warnings"); w.Uint64(load.warnings);
  json::key(w, "certification_gaps"); w.Uint64(gaps);
  json::key(w, "messages");
  w.StartArray();
  for (Diagnostic d : load.diagnostics) {
    replace_all(d.file, folder, "");
    w.StartObject();
    json::key(w, "severity"); json::str(w, d.severity == Severity::error ? "error" : "warning");
    json::key(w, "file"); json::str(w, d.file);
    json::key(w, "line"); w.Uint(d.line);
    json::key(w, "column"); w.Uint(d.column);
    json::text_or_null(w, "sheet", d.sheet);
    json::text_or_null(w, "field", d.field);
    json::key(w, "message"); json::str(w, report::localise_diagnostic(d, lang));
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  w.EndObject();
  return std::string(b.GetString(), b.GetSize()) + "\n";
}

class UploadFolder {
 public:
  UploadFolder() {
    std::string pattern = (std::filesystem::temp_directory_path() / "qchain-upload-XXXXXX").string();
    if (!::mkdtemp(pattern.data())) throw IoError("cannot create a temporary folder");
    path_ = pattern;
  }
  ~UploadFolder() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  UploadFolder(const UploadFolder&) = delete;
  UploadFolder& operator=(const UploadFolder&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

}  // namespace

report::ProjectProgressView project_view(Call& c, const std::string& chain_id, const workspace::Project& p) {
  const workspace::ProjectSnapshots snaps = workspace::project_snapshots(c.workspace(), p);
  report::ProjectProgressView view;
  view.latest_as_of = snaps.latest.as_of;
  if (!snaps.before) return view;
  const auto before = c.api.cache.get(chain_id, snaps.before->as_of);
  const auto latest = c.api.cache.get(chain_id, snaps.latest.as_of);
  const engine::ProjectProgressOptions o = project_progress_options(p);
  view.before_as_of = snaps.before->as_of;
  view.progress = engine::project_progress(before->chain, latest->chain, o);
  view.latest_firms = latest->chain.firm_count();
  return view;
}

ApiResponse import_chain(Call& c) {
  if (c.request.identity.role == Role::viewer) throw ApiError(403, "a viewer may read but not change the workspace");
  const std::string& type = c.request.content_type;
  const UploadFolder folder;
  std::string path;
  if (type == "application/json") {
    path = folder.path() + "/" + upload_name(c, ".json");
    write_bytes(path, c.request.body);
  } else if (type == kXlsxType) {
    path = folder.path() + "/" + upload_name(c, ".xlsx");
    write_bytes(path, c.request.body);
  } else if (type == "application/zip") {
    path = folder.path() + "/" + std::filesystem::path(upload_name(c, ".zip")).stem().string();
    path = unzip_chain_folder(c.request.body, path);
  } else {
    throw ApiError(415, "the body's Content-Type must be application/json, " + std::string(kXlsxType) +
                            " or application/zip (the CSV folder), not \"" + type + "\"");
  }
  graphs::LoadOptions lo;
  lo.locate_warnings = true;
  const graphs::ChainLoad load = graphs::load_chain(path, lo);
  const std::string prefix = folder.path() + "/";
  if (!load.chain) return json_response(import_json(load, prefix, nullptr, 0, c.lang), 400);
  const graphs::ChainGraph& g = *load.chain;
  require_writer(c, g.info().region);
  workspace::ImportOptions o;
  o.as_of = c.param("as_of");
  o.replace = c.flag("replace");
  o.source = upload_name(c, "");
  o.user = c.request.identity.user;
  const workspace::ImportResult r = workspace::import_snapshot(c.workspace(), g, o);
  // Only what the import changed: a replaced snapshot; the chain's latest now resolves to the new date.
  c.api.cache.invalidate(r.chain_id, r.as_of);
  return json_response(import_json(load, prefix, &r, engine::certification_gaps(g).gap_links.size(), c.lang), 201);
}

ApiResponse ledger(Call& c, const SnapshotRef& s, const std::vector<std::string>& rest) {
  if (rest.size() > 2) throw ApiError(404, "no such endpoint: " + c.request.path);
  if (rest.size() == 2) {
    require_method(c, {"GET", "PATCH"});
    const std::int64_t id = known_entry(c, s.chain_id, rest[1]);
    if (c.request.method == "PATCH") {
      require_writer(c, region_of(c, s));
      const rapidjson::Document d = parse_body(c);
      workspace::update_ledger_entry(c.workspace(), s.chain_id, id, ledger_change(d.GetObject()), actor(c));
    }
    return ledger_entry_document(c, s.chain_id, id);
  }
  require_method(c, {"GET", "POST"});
  if (c.request.method == "POST") {
    require_writer(c, region_of(c, s));
    const rapidjson::Document d = parse_body(c);
    const std::int64_t id = workspace::add_ledger_entry(c.workspace(), s.chain_id, ledger_entry(d.GetObject()), actor(c));
    return ledger_entry_document(c, s.chain_id, id, 201);
  }
  workspace::LedgerFilter f;
  if (c.has("status")) f.status = workspace::parse_ledger_status(c.param("status"));
  f.firm_id = c.param("firm");
  f.provider = c.param("provider");
  const std::vector<workspace::LedgerEntry> entries = workspace::list_ledger(c.workspace(), s.chain_id, f);
  return json_response(report::ledger_list_json(chain_ref(c, s.chain_id), entries));
}

ApiResponse projects(Call& c, const SnapshotRef& s, const std::vector<std::string>& rest) {
  if (rest.size() > 2) throw ApiError(404, "no such endpoint: " + c.request.path);
  if (rest.size() == 2) {
    require_method(c, {"GET", "PATCH"});
    const std::int64_t id = known_project(c, s.chain_id, rest[1]);
    if (c.request.method == "PATCH") {
      require_writer(c, region_of(c, s));
      const rapidjson::Document d = parse_body(c);
      workspace::update_project(c.workspace(), s.chain_id, id, project_change(d.GetObject()), actor(c));
    }
    return project_document(c, s.chain_id, id);
  }
  require_method(c, {"GET", "POST"});
  if (c.request.method == "POST") {
    require_writer(c, region_of(c, s));
    const rapidjson::Document d = parse_body(c);
    const std::int64_t id = workspace::add_project(c.workspace(), s.chain_id, project_of(d.GetObject()), actor(c));
    return project_document(c, s.chain_id, id, 201);
  }
  workspace::ProjectFilter f;
  if (c.has("status")) f.status = workspace::parse_ledger_status(c.param("status"));
  f.issue_code = c.param("issue");
  const std::vector<workspace::Project> list = workspace::list_projects(c.workspace(), s.chain_id, f);
  return json_response(report::project_list_json(chain_ref(c, s.chain_id), s.chain_id, list));
}

}  // namespace qchain::service
