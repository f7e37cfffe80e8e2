#pragma once
// Private to qchain_workspace: the schema, its version checks and forward migrations.
#include <string>

#include "qchain/workspace/workspace.hpp"
#include "sqlite_db.hpp"

namespace qchain::workspace::detail {

// Creates the tables of the current version in an empty database.
void create_schema(Database& db);
// Checks that `db` is a qchain workspace this build can read, migrating an older one forward (in a
// transaction). Throws UsageError for a foreign file or a newer schema.
void check_schema(Database& db);

// (workspace.cpp) An existing workspace, schema checked (and migrated), foreign keys on.
Database open_workspace(const std::string& file);
// The time now, UTC, as "YYYY-MM-DDTHH:MM:SSZ".
std::string utc_now();
// The snapshot a reference names (the latest when it has no date); UsageError listing what the
// workspace holds when there is none.
std::int64_t find_snapshot(Database& db, const WorkspaceRef& ref);

}  // namespace qchain::workspace::detail
