#include "qchain/service/api.hpp"

#include <algorithm>
#include <cstdlib>

#include "api_internal.hpp"
#include "qchain/core/error.hpp"
#include "qchain/service/queries.hpp"

namespace qchain::service {

namespace {

std::vector<std::string> split_path(const std::string& path) {
  std::vector<std::string> out;
  std::size_t at = 0;
  while (at <= path.size()) {
    const std::size_t next = std::min(path.find('/', at), path.size());
    if (next > at) out.push_back(path.substr(at, next - at));
    at = next + 1;
  }
  return out;
}

std::shared_ptr<Snapshot> read_snapshot(const ApiOptions& o, const std::string& chain_id, const std::string& as_of) {
  graphs::ChainLoad load = workspace::load_snapshot({o.workspace, chain_id, as_of});
  if (!load.chain) throw InputError(load.diagnostics);
  auto s = std::make_shared<Snapshot>();
  s->chain_id = chain_id;
  s->as_of = as_of;
  s->chain = std::move(*load.chain);
  AnalysisQuery defaults;
  defaults.threads = o.threads;
  // The context the CLI's commands build with their default options: every document shares it.
  s->context = std::make_unique<engine::AnalysisContext>(s->chain, analysis_context_options(defaults));
  s->bytes = estimate_snapshot_bytes(s->chain);
  return s;
}

// What another process changed: the snapshots replaced or removed, the documents of chains whose
// snapshots changed, and, when no snapshot did (the ledger or projects), every document.
void forget_foreign_change(SnapshotCache& cache, const Listing& before, const Listing& after) {
  bool any = false;
  for (const workspace::ChainEntry& b : before) {
    const auto a = std::find_if(after.begin(), after.end(), [&](const workspace::ChainEntry& e) { return e.chain_id == b.chain_id; });
    const bool same_chain = a != after.end() && a->snapshots.size() == b.snapshots.size();
    for (std::size_t k = 0; k < b.snapshots.size(); ++k) {
      const workspace::SnapshotInfo& i = b.snapshots[k];
      if (same_chain && a->snapshots[k].as_of == i.as_of && a->snapshots[k].imported_at == i.imported_at) continue;
      cache.invalidate(b.chain_id, i.as_of);
      any = true;
    }
    if (!same_chain) cache.invalidate_documents(b.chain_id), any = true;
  }
  if (after.size() != before.size()) any = true;
  if (!any) cache.invalidate_all_documents();
}

// Writes through the API: the records of a chain (its documents show them) or the snapshots.
bool writes_records(const Call& c) {
  const std::vector<std::string>& p = c.segments;
  if (c.request.method == "GET") return false;
  if (p.size() == 1 && p[0] == "chains") return true;
  return p.size() >= 3 && p[0] == "chains" && (p[2] == "ledger" || p[2] == "projects" || p[2] == "scenarios");
}

ApiResponse route(Call& c) {
  const std::vector<std::string>& p = c.segments;
  if (p.empty()) throw ApiError(404, "no such endpoint: " + c.request.path);
  if (p[0] == "chains" && p.size() == 1) {
    require_method(c, {"GET", "POST"});
    return c.request.method == "GET" ? list_chains(c) : import_chain(c);
  }
  if (p[0] == "portfolio" && p.size() == 1) {
    require_method(c, {"GET"});
    return portfolio(c);
  }
  if (p[0] == "chains" && p.size() >= 3) {
    const SnapshotRef s = resolve_snapshot(c, p[1]);
    const std::vector<std::string> rest(p.begin() + 2, p.end());
    if (rest[0] == "ledger") return ledger(c, s, rest);
    if (rest[0] == "projects") return projects(c, s, rest);
    if (rest[0] == "scenarios") return scenarios(c, s, rest);
    return snapshot_document(c, s, rest);
  }
  throw ApiError(404, "no such endpoint: " + c.request.path);
}

}  // namespace

Api::Impl::Impl(const ApiOptions& o)
    : options(o),
      cache(o.cache_bytes, [this](const std::string& chain, const std::string& as_of) { return read_snapshot(options, chain, as_of); }),
      listing(o.workspace, [this](const Listing& before, const Listing& after) { forget_foreign_change(cache, before, after); }) {}

Api::Api(const ApiOptions& options) : impl_(std::make_unique<Impl>(options)) {}
Api::~Api() = default;

ApiResponse Api::handle(const ApiRequest& r) {
  Call c{r, *impl_, r.lang == "en" ? report::Lang::en : report::Lang::zh, {}};
  try {
    const std::string prefix = "/api/v1/";
    if (r.path.compare(0, prefix.size(), prefix) != 0) throw ApiError(404, "no such endpoint: " + r.path);
    c.segments = split_path(r.path.substr(prefix.size()));
    // Path traversal and odd names never reach the workspace: a segment is a name, not a path.
    for (const std::string& s : c.segments)
      if (s == "." || s == ".." || s.find('\0') != std::string::npos) throw ApiError(404, "no such endpoint: " + r.path);
    const std::size_t limit = c.segments.size() == 1 && c.segments[0] == "chains" ? impl_->options.import_limit : impl_->options.body_limit;
    if (r.body.size() > limit) throw ApiError(413, "request body over the limit of " + std::to_string(limit) + " bytes");
    if (!writes_records(c)) return route(c);
    // Whether or not it succeeded, the write may have changed the workspace: what it shows of the
    // chain goes, and the file's new state is this server's own.
    ApiResponse out;
    try {
      out = route(c);
    } catch (...) {
      out = response_for_current_exception(c);
    }
    if (c.segments.size() >= 3) impl_->cache.invalidate_documents(c.segments[1].substr(0, c.segments[1].find('@')));
    impl_->listing.reload_own();
    return out;
  } catch (...) {
    return response_for_current_exception(c);
  }
}

std::optional<ApiResponse> Api::cached(const ApiRequest& r) {
  try {
    Call c{r, *impl_, r.lang == "en" ? report::Lang::en : report::Lang::zh, {}};
    const std::string prefix = "/api/v1/";
    if (r.method != "GET" || r.path.compare(0, prefix.size(), prefix) != 0) return std::nullopt;
    c.segments = split_path(r.path.substr(prefix.size()));
    const std::vector<std::string>& p = c.segments;
    if (p.size() < 3 || p[0] != "chains" || p[2] == "ledger" || p[2] == "projects" || p[2] == "scenarios") return std::nullopt;
    for (const std::string& s : p)
      if (s == "." || s == ".." || s.find('\0') != std::string::npos) return std::nullopt;
    const SnapshotRef s = resolve_snapshot(c, p[1]);
    const std::string key = read_document_key(c, s, std::vector<std::string>(p.begin() + 2, p.end()));
    if (key.empty()) return std::nullopt;
    if (const std::shared_ptr<const ApiResponse> hit = impl_->cache.find_document(key)) {
      ApiResponse out;
      out.status = hit->status;
      out.content_type = hit->content_type;
      out.headers = hit->headers;
      out.shared_body = std::shared_ptr<const std::string>(hit, &hit->body);
      return out;
    }
  } catch (...) {
    // Whatever is wrong with the request, `handle` answers it.
  }
  return std::nullopt;
}

Api::CacheStats Api::cache_stats() const {
  return {impl_->cache.entries(),   impl_->cache.bytes(),     impl_->cache.loads(),
          impl_->cache.evictions(), impl_->cache.documents(), impl_->cache.document_builds()};
}

const void* Api::context_identity(const std::string& ref) {
  ApiRequest r;
  Call c{r, *impl_, report::Lang::en, {}};
  const SnapshotRef s = resolve_snapshot(c, ref);
  return impl_->cache.get(s.chain_id, s.as_of)->context.get();
}

std::string Call::param(const std::string& key, const std::string& fallback) const {
  const auto it = request.query.find(key);
  return it == request.query.end() ? fallback : it->second;
}

std::uint64_t Call::number(const std::string& key, std::uint64_t fallback) const {
  const auto it = request.query.find(key);
  if (it == request.query.end()) return fallback;
  const std::string& t = it->second;
  char* end = nullptr;
  const unsigned long long v = std::strtoull(t.c_str(), &end, 10);
  if (t.empty() || t[0] == '-' || *end != '\0') throw ApiError(400, key + ": \"" + t + "\" is not a whole number", key);
  return v;
}

double Call::real(const std::string& key, double fallback) const {
  const auto it = request.query.find(key);
  if (it == request.query.end()) return fallback;
  const std::string& t = it->second;
  char* end = nullptr;
  const double v = std::strtod(t.c_str(), &end);
  if (t.empty() || *end != '\0') throw ApiError(400, key + ": \"" + t + "\" is not a number", key);
  return v;
}

bool Call::flag(const std::string& key) const {
  const auto it = request.query.find(key);
  return it != request.query.end() && (it->second.empty() || it->second == "1" || it->second == "true" || it->second == "on");
}

SnapshotRef resolve_snapshot(const Call& c, const std::string& text) {
  const std::size_t at = text.find('@');
  SnapshotRef s;
  s.chain_id = text.substr(0, at);
  const std::string date = at == std::string::npos ? "" : text.substr(at + 1);
  const std::shared_ptr<const Listing> listing = c.api.listing.get();
  for (const workspace::ChainEntry& e : *listing)
    if (e.chain_id == s.chain_id) s.snapshots = e.snapshots;
  if (s.snapshots.empty()) throw ApiError(404, "unknown chain \"" + s.chain_id + "\"");
  if (date.empty()) {
    s.as_of = s.snapshots.back().as_of;
    s.latest = true;
    return s;
  }
  for (const workspace::SnapshotInfo& i : s.snapshots)
    if (i.as_of == date) s.as_of = date;
  if (s.as_of.empty()) throw ApiError(404, "chain \"" + s.chain_id + "\" has no snapshot of " + date);
  return s;
}

std::shared_ptr<const Snapshot> load_snapshot(Call& c, const SnapshotRef& s) { return c.api.cache.get(s.chain_id, s.as_of); }

void require_method(const Call& c, std::initializer_list<const char*> allowed) {
  for (const char* m : allowed)
    if (c.request.method == m) return;
  std::string list;
  for (const char* m : allowed) list += (list.empty() ? "" : ", ") + std::string(m);
  throw ApiError(405, c.request.method + " is not allowed here (allowed: " + list + ")");
}

void require_writer(const Call& c, const std::string& chain_region) {
  const Identity& who = c.request.identity;
  if (who.role == Role::admin) return;
  if (who.role == Role::viewer) throw ApiError(403, "a viewer may read but not change the workspace");
  if (std::find(who.regions.begin(), who.regions.end(), chain_region) == who.regions.end())
    throw ApiError(403, "a planner changes only the chains of their regions; this chain's region is \"" + chain_region + "\"");
}

}  // namespace qchain::service
