#pragma once
// The engine as a web API (docs/api.md): every document under /api/v1/ but login and logout, for
// the HTTP server (server/) to hand requests to. The documents are the CLI's `--json` output of the
// same command on the same snapshot: both are made by the same functions (queries.hpp, report/).
//
// One analysis context per snapshot, computed once and shared by every request, in a cache bounded
// by an estimate of the snapshots' memory (least recently used evicted first). Renders run on one
// worker thread (Graphviz is not thread-safe); requests that do not render never wait for it.
#include <cstddef>
#include <memory>
#include <optional>
#include <string>

#include "qchain/service/api_types.hpp"

namespace qchain::service {

struct ApiOptions {
  std::string workspace;               // the workspace file (.qcw) every request reads and writes
  std::size_t cache_bytes = 2u << 30;  // the snapshot cache's bound, estimated bytes
  unsigned threads = 0;                // for the analyses; 0: all cores
  std::size_t import_limit = 200u << 20;
  std::size_t body_limit = 1u << 20;
};

class Api {
 public:
  explicit Api(const ApiOptions& options);
  ~Api();
  Api(const Api&) = delete;
  Api& operator=(const Api&) = delete;

  // Thread-safe; never throws: every failure is an error document with its status.
  ApiResponse handle(const ApiRequest& r);
  // The answer `handle` would give, when it is a read document already in the cache; otherwise
  // nullopt (build it with `handle`); its bytes in `shared_body`. Never builds, never throws: the server answers these on its
  // I/O threads and hands the rest to its workers.
  std::optional<ApiResponse> cached(const ApiRequest& r);

  // For tests and the load bench: the cache's state.
  // entries, loads, evictions: of snapshots; documents: response bodies kept; builds: documents
  // made (a read served from the cache makes none); bytes: both together.
  struct CacheStats {
    std::size_t entries = 0, bytes = 0, loads = 0, evictions = 0, documents = 0, builds = 0;
  };
  CacheStats cache_stats() const;
  // The context a snapshot's documents are read from (loading it if needed): tests check that two
  // requests share one. `ref` is CHAIN_ID or CHAIN_ID@DATE.
  const void* context_identity(const std::string& ref);

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace qchain::service
