#pragma once
// The workspace's list of chains and snapshots, read once and kept until the workspace file
// changes: every request names its snapshot through it, and opening the workspace per request
// (its WAL files created and deleted again, its schema parsed) was most of a cached read's time
// (bench/results/serve-profile.md). A change is seen by the file's and its WAL's size and time.
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "qchain/workspace/workspace.hpp"

namespace qchain::service {

using Listing = std::vector<workspace::ChainEntry>;

class ListingCache {
 public:
  // Told, with the listing before and after, of a change this server did not make.
  using OnForeignChange = std::function<void(const Listing& before, const Listing& after)>;
  ListingCache(std::string file, OnForeignChange on_change);

  std::shared_ptr<const Listing> get();
  // After a write of this server's own: read again, and the file's new state is not foreign.
  void reload_own();

 private:
  std::string signature() const;
  const std::string file_;
  const OnForeignChange on_change_;
  std::mutex m_;
  std::string known_;  // the signature `listing_` was read at
  std::shared_ptr<const Listing> listing_;
};

}  // namespace qchain::service
