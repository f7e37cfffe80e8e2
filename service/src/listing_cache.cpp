#include "listing_cache.hpp"

#include <sys/stat.h>

namespace qchain::service {

namespace {

std::string stat_text(const std::string& path, bool empty_is_none) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return "-";
  // A reader creates an empty WAL and the last one deletes it again: that is no change.
  if (empty_is_none && st.st_size == 0) return "-";
  return std::to_string(st.st_ino) + ":" + std::to_string(st.st_size) + ":" + std::to_string(st.st_mtim.tv_sec) + "." +
         std::to_string(st.st_mtim.tv_nsec);
}

}  // namespace

ListingCache::ListingCache(std::string file, OnForeignChange on_change) : file_(std::move(file)), on_change_(std::move(on_change)) {}

std::string ListingCache::signature() const { return stat_text(file_, false) + "|" + stat_text(file_ + "-wal", true); }

std::shared_ptr<const Listing> ListingCache::get() {
  const std::string now = signature();
  std::lock_guard<std::mutex> lock(m_);
  if (listing_ && now == known_) return listing_;
  auto fresh = std::make_shared<const Listing>(workspace::list_workspace(file_));
  if (listing_ && on_change_) on_change_(*listing_, *fresh);
  known_ = now;
  listing_ = std::move(fresh);
  return listing_;
}

void ListingCache::reload_own() {
  std::lock_guard<std::mutex> lock(m_);
  known_ = signature();
  listing_ = std::make_shared<const Listing>(workspace::list_workspace(file_));
}

}  // namespace qchain::service
