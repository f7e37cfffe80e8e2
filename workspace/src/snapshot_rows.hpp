#pragma once
// Private to qchain_workspace: one snapshot as rows of the normalised tables, and back.
#include <cstdint>
#include <string>

#include "qchain/graphs/chain.hpp"
#include "qchain/graphs/chain_loader.hpp"
#include "sqlite_db.hpp"

namespace qchain::workspace::detail {

struct SnapshotMeta {
  std::string as_of, source, imported_at, imported_by;
};

// Inside the caller's transaction.
void write_snapshot(Database& db, const graphs::ChainGraph& g, const SnapshotMeta& meta);
// The rows as the records a loader hands the ChainBuilder; `name` labels the diagnostics.
graphs::ChainLoad read_snapshot(Database& db, std::int64_t snapshot_id, const std::string& name);

}  // namespace qchain::workspace::detail
