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
  trim();
}

void SnapshotCache::trim() {
  while (bytes_ > capacity_ && !documents_.empty()) {
    const auto it = documents_.find(recent_documents_.back());
    recent_documents_.pop_back();
    bytes_ -= it->second.bytes;
    documents_.erase(it);
  }
  // The newest snapshot stays even when it alone is over the bound: the request that loaded it needs it.
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
  drop_documents_of(&chain_id);
}

std::shared_ptr<const ApiResponse> SnapshotCache::document(const std::string& chain_id, const std::string& key,
                                                          const Builder& build) {
  std::unique_lock<std::mutex> lock(m_);
  if (auto it = documents_.find(key); it != documents_.end()) {
    recent_documents_.splice(recent_documents_.begin(), recent_documents_, it->second.recent);
    return it->second.response;
  }
  if (auto it = building_.find(key); it != building_.end()) {
    auto pending = it->second;
    lock.unlock();
    return pending.get();
  }
  std::promise<std::shared_ptr<const ApiResponse>> promise;
  building_[key] = promise.get_future().share();
  const std::uint64_t generation = document_generation_[chain_id], all = all_documents_generation_;
  ++builds_;
  lock.unlock();
  try {
    auto r = std::make_shared<const ApiResponse>(build());
    lock.lock();
    building_.erase(key);
    // Not kept when its chain changed while it was being built: it may show the old state.
    if (r->status == 200 && document_generation_[chain_id] == generation && all_documents_generation_ == all)
      insert_document(key, chain_id, r);
    lock.unlock();
    promise.set_value(r);
    return r;
  } catch (...) {
    if (!lock.owns_lock()) lock.lock();
    building_.erase(key);
    lock.unlock();
    promise.set_exception(std::current_exception());
    throw;
  }
}

std::shared_ptr<const ApiResponse> SnapshotCache::find_document(const std::string& key) {
  std::lock_guard<std::mutex> lock(m_);
  const auto it = documents_.find(key);
  if (it == documents_.end()) return nullptr;
  recent_documents_.splice(recent_documents_.begin(), recent_documents_, it->second.recent);
  return it->second.response;
}

void SnapshotCache::insert_document(const std::string& key, const std::string& chain_id, std::shared_ptr<const ApiResponse> r) {
  // The bytes of the body and headers, and the map's and list's nodes with their two copies of the key.
  std::size_t bytes = r->body.capacity() + r->content_type.capacity() + 2 * key.capacity() + chain_id.capacity() + 256;
  for (const auto& [k, v] : r->headers) bytes += k.capacity() + v.capacity() + 64;
  recent_documents_.push_front(key);
  bytes_ += bytes;
  documents_[key] = Document{std::move(r), chain_id, bytes, recent_documents_.begin()};
  trim();
}

void SnapshotCache::drop_documents_of(const std::string* chain_id) {
  if (chain_id) ++document_generation_[*chain_id];
  else ++all_documents_generation_;
  for (auto it = documents_.begin(); it != documents_.end();) {
    if (chain_id && it->second.chain_id != *chain_id) {
      ++it;
      continue;
    }
    bytes_ -= it->second.bytes;
    recent_documents_.erase(it->second.recent);
    it = documents_.erase(it);
  }
}

void SnapshotCache::invalidate_documents(const std::string& chain_id) {
  std::lock_guard<std::mutex> lock(m_);
  drop_documents_of(&chain_id);
}

void SnapshotCache::invalidate_all_documents() {
  std::lock_guard<std::mutex> lock(m_);
  drop_documents_of(nullptr);
}

std::size_t SnapshotCache::documents() const {
  std::lock_guard<std::mutex> lock(m_);
  return documents_.size();
}
std::size_t SnapshotCache::document_builds() const {
  std::lock_guard<std::mutex> lock(m_);
  return builds_;
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
