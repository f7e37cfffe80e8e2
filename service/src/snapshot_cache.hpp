#pragma once
// Snapshots read from the workspace with their analysis contexts, shared by every request and
// bounded by an estimate of their memory; the least recently used goes first. A snapshot handed out
// stays alive for as long as a request holds it, evicted or not.
#include <cstddef>
#include <functional>
#include <future>
#include <list>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "qchain/engine/context/analysis_context.hpp"
#include "qchain/graphs/chain.hpp"

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
  void invalidate(const std::string& chain_id, const std::string& as_of);

  std::size_t entries() const;
  std::size_t bytes() const;
  std::size_t loads() const;
  std::size_t evictions() const;

 private:
  struct Entry {
    std::shared_ptr<const Snapshot> snapshot;
    std::list<std::string>::iterator recent;
  };
  void insert(const std::string& key, std::shared_ptr<const Snapshot> s);

  const std::size_t capacity_;
  const Loader load_;
  mutable std::mutex m_;
  std::map<std::string, Entry> entries_;
  std::list<std::string> recent_;  // most recent first
  std::map<std::string, std::shared_future<std::shared_ptr<const Snapshot>>> loading_;
  std::map<std::string, std::uint64_t> generation_;
  std::size_t bytes_ = 0, loads_ = 0, evictions_ = 0;
};

}  // namespace qchain::service
