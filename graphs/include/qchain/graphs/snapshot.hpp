#pragma once
// The binary snapshot of a chain (`.qcsr`, docs/qcsr.md): every array of a ChainGraph in one
// versioned, checksummed file, opened with mmap. The big arrays (links and the CSR network) are
// used in place from the mapping; firms and the small tables are rebuilt from it.
#include <cstdint>
#include <string>

#include "qchain/graphs/chain.hpp"
#include "qchain/graphs/chain_loader.hpp"

namespace qchain::graphs {

inline constexpr std::uint32_t kSnapshotVersion = 2;  // 2: the input catalogue

// Writes the chain with the warnings its loading gave (load.diagnostics, load.warnings), so that a
// command reading the snapshot reports the same as one reading the source. Written to a temporary
// file and renamed. The same chain gives the same bytes. Throws IoError.
void write_snapshot(const ChainGraph& g, const ChainLoad& load, const std::string& path);
// The file's bytes as write_snapshot would write them (for tests and the fuzz seed).
std::string snapshot_bytes(const ChainGraph& g, const ChainLoad& load);

struct SnapshotOptions {
  // Checksums are always verified by commands; the fuzz target turns them off so that mutated
  // files reach the structural checks behind them.
  bool verify_checksums = true;
};

// Whether the file at PATH begins with the snapshot's magic (its name does not matter).
bool is_snapshot(const std::string& path);
// Opens a snapshot. A truncated, corrupt or foreign file gives no chain and one error naming the
// file and what is wrong with it; a file that cannot be read throws IoError.
ChainLoad load_snapshot(const std::string& path, const SnapshotOptions& options = {});
// The same from bytes in memory; `name` labels the messages. The bytes are copied.
ChainLoad load_snapshot_bytes(const std::string& bytes, const std::string& name, const SnapshotOptions& options = {});

}  // namespace qchain::graphs
