#pragma once
// Snapshots read from the workspace with their analysis contexts, shared by every request, and the
// serialised documents (response bodies) read from them, all bounded by one memory budget; the least
// recently used goes first, documents before snapshots (a document is rebuilt in milliseconds from
// its snapshot, a snapshot costs its analyses again). A snapshot or document handed out stays alive
// for as long as a request holds it, evicted or not.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <future>
#include <list>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "qchain/engine/context/analysis_context.hpp"
#include "qchain/graphs/chain.hpp"
#include "qchain/service/api_types.hpp"

namespace qchain::service {

struct Snapshot {
  std::string chain_id, as_of;
  graphs::ChainGraph chain;
  std::unique_ptr<engine::AnalysisContext> context;  // over `chain`
  std::size_t bytes = 0;                             // estimated, chain and context together
};

// What a snapshot and its computed analyses take, from its size: measured on the pilots and a
// generated 100,000-firm chain (docs/api.md, "Cache").
std::size_t estimate_snapshot_bytes(const graphs::ChainGraph& g);

class SnapshotCache {
 public:
  using Loader = std::function<std::shared_ptr<Snapshot>(const std::string& chain_id, const std::string& as_of)>;
  SnapshotCache(std::size_t capacity, Loader load);

  // The snapshot, loaded once however many requests ask for it at the same time.
  std::shared_ptr<const Snapshot> get(const std::string& chain_id, const std::string& as_of);
  // Drops the entry (a snapshot replaced by an import); a load under way is not kept.
  // Drops the entry (a snapshot replaced by an import) and every document of its chain; a load
  // under way is not kept.
  void invalidate(const std::string& chain_id, const std::string& as_of);

  // The response `build` makes for `key` (a document of `chain_id`), built once however many
  // requests ask for it at the same time; kept only when it is a 200. `build`'s error reaches every
  // request waiting for it and is not kept.
  using Builder = std::function<ApiResponse()>;
  std::shared_ptr<const ApiResponse> document(const std::string& chain_id, const std::string& key, const Builder& build);
  // The document kept for `key`, without building it; nullptr when there is none.
  std::shared_ptr<const ApiResponse> find_document(const std::string& key);
  // A write to a chain's records (ledger, projects): its documents go, its snapshots stay.
  void invalidate_documents(const std::string& chain_id);
  // A change of unknown extent (the workspace written by another process).
  void invalidate_all_documents();

  std::size_t entries() const;
  std::size_t bytes() const;
  std::size_t loads() const;
  std::size_t evictions() const;  // of snapshots
  std::size_t documents() const;
  std::size_t document_builds() const;

 private:
  struct Entry {
    std::shared_ptr<const Snapshot> snapshot;
    std::list<std::string>::iterator recent;
  };
  struct Document {
    std::shared_ptr<const ApiResponse> response;
    std::string chain_id;
    std::size_t bytes = 0;
    std::list<std::string>::iterator recent;
  };
  void insert(const std::string& key, std::shared_ptr<const Snapshot> s);
  void insert_document(const std::string& key, const std::string& chain_id, std::shared_ptr<const ApiResponse> r);
  void drop_documents_of(const std::string* chain_id);  // nullptr: all
  void trim();

  const std::size_t capacity_;
  const Loader load_;
  mutable std::mutex m_;
  std::map<std::string, Entry> entries_;
  std::list<std::string> recent_;  // most recent first
  std::map<std::string, std::shared_future<std::shared_ptr<const Snapshot>>> loading_;
  std::map<std::string, std::uint64_t> generation_;
  std::map<std::string, Document> documents_;
  std::list<std::string> recent_documents_;  // most recent first
  std::map<std::string, std::shared_future<std::shared_ptr<const ApiResponse>>> building_;
  std::map<std::string, std::uint64_t> document_generation_;  // by chain
  std::uint64_t all_documents_generation_ = 0;
  std::size_t bytes_ = 0, loads_ = 0, evictions_ = 0, builds_ = 0;
};

}  // namespace qchain::service
