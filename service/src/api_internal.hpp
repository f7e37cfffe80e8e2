#pragma once
// What the API's handlers share: the request being answered, the snapshot it names, and the error
// that becomes a status and an error document.
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "qchain/report/lang.hpp"
#include "qchain/report/project_report.hpp"
#include "qchain/workspace/project.hpp"
#include "qchain/service/api.hpp"
#include "qchain/workspace/workspace.hpp"
#include "listing_cache.hpp"
#include "render_queue.hpp"
#include "snapshot_cache.hpp"

namespace qchain::service {

// A request the API refuses with `status`; `message` is English, localised when answered.
class ApiError : public std::runtime_error {
 public:
  ApiError(int status, const std::string& message, std::string location = "")
      : std::runtime_error(message), status_(status), location_(std::move(location)) {}
  int status() const { return status_; }
  const std::string& location() const { return location_; }

 private:
  int status_;
  std::string location_;
};

struct Api::Impl {
  explicit Impl(const ApiOptions& o);
  ApiOptions options;
  SnapshotCache cache;
  ListingCache listing;
  RenderQueue renders;
};

// One request on its way through the handlers.
struct Call {
  const ApiRequest& request;
  Api::Impl& api;
  report::Lang lang;
  std::vector<std::string> segments;  // of the path after /api/v1/
  const std::string& workspace() const { return api.options.workspace; }
  // A query parameter, or `fallback` when not given.
  std::string param(const std::string& key, const std::string& fallback = "") const;
  bool has(const std::string& key) const { return request.query.count(key) > 0; }
  std::uint64_t number(const std::string& key, std::uint64_t fallback) const;
  double real(const std::string& key, double fallback) const;
  bool flag(const std::string& key) const;  // ?key, ?key=1, ?key=true
};

// The snapshot a path's CHAIN_ID[@DATE] names: 404 for a chain or date the workspace does not hold.
struct SnapshotRef {
  std::string chain_id, as_of;  // as_of: the date resolved (latest when the path gives none)
  bool latest = false;
  std::vector<workspace::SnapshotInfo> snapshots;  // of the chain, oldest first
  workspace::WorkspaceRef ref(const std::string& file) const { return {file, chain_id, as_of}; }
};
SnapshotRef resolve_snapshot(const Call& c, const std::string& text);
std::shared_ptr<const Snapshot> load_snapshot(Call& c, const SnapshotRef& s);

ApiResponse json_response(std::string body, int status = 200);
ApiResponse error_response(const Call* c, int status, const std::string& english, const std::string& location);
// The answer for the exception being handled (inside a catch block).
ApiResponse response_for_current_exception(const Call& c);

void require_method(const Call& c, std::initializer_list<const char*> allowed);
// 403 unless the identity may write this chain: admins always, planners for their regions.
void require_writer(const Call& c, const std::string& chain_region);

// The handlers, by the path they answer.
ApiResponse list_chains(Call& c);
ApiResponse import_chain(Call& c);
ApiResponse portfolio(Call& c);
ApiResponse snapshot_document(Call& c, const SnapshotRef& s, const std::vector<std::string>& rest);
// The read document's key in the cache, or "" for a request that is not a cached read.
std::string read_document_key(const Call& c, const SnapshotRef& s, const std::vector<std::string>& rest);
ApiResponse ledger(Call& c, const SnapshotRef& s, const std::vector<std::string>& rest);
ApiResponse projects(Call& c, const SnapshotRef& s, const std::vector<std::string>& rest);
ApiResponse scenarios(Call& c, const SnapshotRef& s, const std::vector<std::string>& rest);
ApiResponse firm_document(Call& c, const Snapshot& s, const std::string& firm_id);
ApiResponse neighbourhood(Call& c, const Snapshot& s);
ApiResponse search(Call& c, const Snapshot& s);
ApiResponse overview(Call& c, const Snapshot& s);  // overview_document.cpp
// A project's progress between its two snapshots, read from the cache.
report::ProjectProgressView project_view(Call& c, const std::string& chain_id, const workspace::Project& p);

}  // namespace qchain::service
