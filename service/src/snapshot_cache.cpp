#include "snapshot_cache.hpp"

namespace qchain::service {

namespace {
std::string key_of(const std::string& chain_id, const std::string& as_of) { return chain_id + "@" + as_of; }
}  // namespace

std::size_t estimate_snapshot_bytes(const graphs::ChainGraph& g) {
  // A firm's record with its names, certificates and issues, and the per-firm vectors of the
  // analyses (origins per leader dominate: one double per firm and leader); a link's record, its
  // network arrays and the propagation state along it.
  const std::size_t leaders = 4;
  const std::size_t per_firm = sizeof(graphs::Firm) + 160 + 8 * (24 + leaders);
  const std::size_t per_link = sizeof(graphs::SupplyLink) + 6 * sizeof(std::uint32_t) + 3 * sizeof(double);
  return 64 * 1024 + g.firm_count() * per_firm + g.link_count() * per_link;
}

SnapshotCache::SnapshotCache(std::size_t capacity, Loader load) : capacity_(capacity), load_(std::move(load)) {}

std::shared_ptr<const Snapshot> SnapshotCache::get(const std::string& chain_id, const std::string& as_of) {
  const std::string key = key_of(chain_id, as_of);
  std::unique_lock<std::mutex> lock(m_);
  if (auto it = entries_.find(key); it != entries_.end()) {
    recent_.splice(recent_.begin(), recent_, it->second.recent);
    return it->second.snapshot;
  }
  if (auto it = loading_.find(key); it != loading_.end()) {
    auto pending = it->second;
    lock.unlock();
    return pending.get();  // rethrows the loader's error
  }
  std::promise<std::shared_ptr<const Snapshot>> promise;
  loading_[key] = promise.get_future().share();
  const std::uint64_t generation = generation_[key];
  ++loads_;
  lock.unlock();
  try {
    std::shared_ptr<const Snapshot> s = load_(chain_id, as_of);
    lock.lock();
    loading_.erase(key);
    if (generation_[key] == generation) insert(key, s);
    lock.unlock();
    promise.set_value(s);
    return s;
  } catch (...) {
    if (!lock.owns_lock()) lock.lock();
    loading_.erase(key);
    lock.unlock();
    promise.set_exception(std::current_exception());
    throw;
  }
}

void SnapshotCache::insert(const std::string& key, std::shared_ptr<const Snapshot> s) {
  recent_.push_front(key);
  bytes_ += s->bytes;
  entries_[key] = Entry{std::move(s), recent_.begin()};
  // The newest stays even when it alone is over the bound: the request that loaded it needs it.
  while (bytes_ > capacity_ && entries_.size() > 1) {
    const std::string oldest = recent_.back();
    recent_.pop_back();
    const auto it = entries_.find(oldest);
    bytes_ -= it->second.snapshot->bytes;
    entries_.erase(it);
    ++evictions_;
  }
}

void SnapshotCache::invalidate(const std::string& chain_id, const std::string& as_of) {
  const std::string key = key_of(chain_id, as_of);
  std::lock_guard<std::mutex> lock(m_);
  ++generation_[key];
  if (auto it = entries_.find(key); it != entries_.end()) {
    bytes_ -= it->second.snapshot->bytes;
    recent_.erase(it->second.recent);
    entries_.erase(it);
  }
}

std::size_t SnapshotCache::entries() const {
  std::lock_guard<std::mutex> lock(m_);
  return entries_.size();
}
std::size_t SnapshotCache::bytes() const {
  std::lock_guard<std::mutex> lock(m_);
  return bytes_;
}
std::size_t SnapshotCache::loads() const {
  std::lock_guard<std::mutex> lock(m_);
  return loads_;
}
std::size_t SnapshotCache::evictions() const {
  std::lock_guard<std::mutex> lock(m_);
  return evictions_;
}

}  // namespace qchain::service
