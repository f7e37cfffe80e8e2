#pragma once
// A programme's workspace: one SQLite file that keeps every snapshot of its chains over the years
// (docs/workspace.md). Snapshots are stored in normalised tables a planner's SQL or a BI tool can
// read, and read back through the same validating ChainBuilder as any chain file, so that a chain
// from the workspace gives exactly the results of the file it was imported from.
//
// Every change is one transaction; a second writer waits (busy timeout) and then fails with
// "workspace busy". A workspace of a newer schema, or a file that is not one, is refused.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "qchain/graphs/chain.hpp"
#include "qchain/graphs/chain_loader.hpp"

namespace qchain::workspace {

// PRAGMA user_version of the schema this build writes; older workspaces are migrated forward.
inline constexpr int kSchemaVersion = 7;
// PRAGMA application_id: "qcws".
inline constexpr std::int32_t kApplicationId = 0x71637773;

// "FILE#CHAIN_ID" (the latest snapshot) or "FILE#CHAIN_ID@YYYY-MM-DD" (the snapshot of that date).
struct WorkspaceRef {
  std::string file, chain_id, as_of;  // as_of empty: the latest
  std::string text() const { return file + "#" + chain_id + (as_of.empty() ? "" : "@" + as_of); }
};
// A reference, or nullopt when `text` is not one: it names an existing path, or holds no '#'.
std::optional<WorkspaceRef> parse_workspace_ref(const std::string& text);
// The file a chain path or workspace reference reads: what an output must never overwrite.
std::string input_file(const std::string& path_or_ref);

// Creates an empty workspace at `file` (refused when the file exists).
void init_workspace(const std::string& file);

struct SnapshotInfo {
  std::string as_of, name, source, imported_at, imported_by;
  std::uint32_t firms = 0, links = 0;
};
struct ChainEntry {
  std::string chain_id;
  std::vector<SnapshotInfo> snapshots;  // oldest first
};
std::vector<ChainEntry> list_workspace(const std::string& file);
// Every snapshot of the reference's chain, oldest first (its date is ignored). A chain the
// workspace does not hold throws UsageError listing what it holds.
std::vector<WorkspaceRef> chain_snapshots(const WorkspaceRef& ref);

struct ImportOptions {
  std::string as_of;    // the snapshot's date when chain.as_of is empty (YYYY-MM-DD)
  bool replace = false;  // an existing snapshot of the same chain and date is replaced
  std::string source;   // the file imported, kept with the snapshot
  std::string user;     // who imported it (the OS user for the CLI)
};
struct ImportResult {
  std::string chain_id, as_of;
  bool replaced = false;
};
// Stores `g` as a snapshot in one transaction. Throws UsageError for a chain without an id or a
// date, a date that contradicts chain.as_of, or a snapshot that exists (without `replace`).
ImportResult import_snapshot(const std::string& file, const graphs::ChainGraph& g, const ImportOptions& o);

// The snapshot, read back through the validating builder; problems are located as
// "FILE#CHAIN@DATE:table[row]". A reference to a missing chain or date throws UsageError listing
// what the workspace holds.
graphs::ChainLoad load_snapshot(const WorkspaceRef& ref, const graphs::LoadOptions& options = {});

// A chain file, folder or workbook (graphs::load_chain), or a workspace reference.
graphs::ChainLoad load_chain_or_snapshot(const std::string& path_or_ref, const graphs::LoadOptions& options = {});

}  // namespace qchain::workspace
