#pragma once
// Private to qchain_workspace: the schema, its version checks and forward migrations.
#include <string>

#include "sqlite_db.hpp"

namespace qchain::workspace::detail {

// Creates the tables of the current version in an empty database.
void create_schema(Database& db);
// Checks that `db` is a qchain workspace this build can read, migrating an older one forward (in a
// transaction). Throws UsageError for a foreign file or a newer schema.
void check_schema(Database& db);

}  // namespace qchain::workspace::detail
