#include "schema.hpp"

#include <algorithm>
#include <iterator>

#include "qchain/core/error.hpp"
#include "qchain/workspace/workspace.hpp"

namespace qchain::workspace::detail {

namespace {

// Version 1. Rows of one snapshot keep the order of the file (seq), so that the chain read back is
// the chain imported, firm for firm and link for link. Optional values are NULL when not given. The
// tables of a snapshot's rows are WITHOUT ROWID: stored in (snapshot_id, seq) order, so a snapshot is
// read back by one sequential scan per table.
const char* const kSchemaV1 = R"sql(
CREATE TABLE chains (
  chain_id TEXT PRIMARY KEY
);
CREATE TABLE snapshots (
  snapshot_id INTEGER PRIMARY KEY,
  chain_id TEXT NOT NULL REFERENCES chains(chain_id),
  as_of TEXT NOT NULL,            -- the snapshot's date, YYYY-MM-DD
  name TEXT NOT NULL, region TEXT, industry TEXT, description TEXT,
  chain_as_of TEXT,               -- chain.as_of as the file gave it (NULL when --as-of dated it)
  default_detection REAL, default_inspection REAL,
  source TEXT, imported_at TEXT NOT NULL, imported_by TEXT,
  firm_count INTEGER NOT NULL, link_count INTEGER NOT NULL,
  UNIQUE (chain_id, as_of)
);
CREATE TABLE segments (
  snapshot_id INTEGER NOT NULL REFERENCES snapshots(snapshot_id) ON DELETE CASCADE,
  seq INTEGER NOT NULL, segment_id TEXT NOT NULL, name TEXT NOT NULL, "order" INTEGER NOT NULL,
  PRIMARY KEY (snapshot_id, seq)
) WITHOUT ROWID;
CREATE TABLE issue_types (
  snapshot_id INTEGER NOT NULL REFERENCES snapshots(snapshot_id) ON DELETE CASCADE,
  seq INTEGER NOT NULL, code TEXT NOT NULL, name TEXT NOT NULL, category TEXT NOT NULL,
  description TEXT, yield_loss REAL,
  PRIMARY KEY (snapshot_id, seq)
) WITHOUT ROWID;
CREATE TABLE firms (
  snapshot_id INTEGER NOT NULL REFERENCES snapshots(snapshot_id) ON DELETE CASCADE,
  seq INTEGER NOT NULL, firm_id TEXT NOT NULL, name TEXT NOT NULL, role TEXT NOT NULL,
  segment_id TEXT, region TEXT, maturity TEXT, willingness TEXT,
  first_pass_yield REAL, detection REAL, employees INTEGER, revenue REAL,
  assisted INTEGER NOT NULL DEFAULT 0, assisted_by TEXT, assisted_since TEXT, assisted_programme TEXT,
  PRIMARY KEY (snapshot_id, seq)
) WITHOUT ROWID;
CREATE TABLE certifications (
  snapshot_id INTEGER NOT NULL REFERENCES snapshots(snapshot_id) ON DELETE CASCADE,
  firm_seq INTEGER NOT NULL, seq INTEGER NOT NULL, scheme TEXT NOT NULL, status TEXT NOT NULL, expires TEXT,
  PRIMARY KEY (snapshot_id, firm_seq, seq)
) WITHOUT ROWID;
CREATE TABLE firm_issues (
  snapshot_id INTEGER NOT NULL REFERENCES snapshots(snapshot_id) ON DELETE CASCADE,
  firm_seq INTEGER NOT NULL, seq INTEGER NOT NULL, code TEXT NOT NULL, severity INTEGER NOT NULL,
  PRIMARY KEY (snapshot_id, firm_seq, seq)
) WITHOUT ROWID;
CREATE TABLE links (
  snapshot_id INTEGER NOT NULL REFERENCES snapshots(snapshot_id) ON DELETE CASCADE,
  seq INTEGER NOT NULL, supplier_id TEXT NOT NULL, customer_id TEXT NOT NULL, input TEXT,
  share REAL, weight REAL, inspection REAL, value REAL, essential INTEGER NOT NULL,
  PRIMARY KEY (snapshot_id, seq)
) WITHOUT ROWID;
CREATE TABLE link_requirements (
  snapshot_id INTEGER NOT NULL REFERENCES snapshots(snapshot_id) ON DELETE CASCADE,
  link_seq INTEGER NOT NULL, seq INTEGER NOT NULL, scheme TEXT NOT NULL,
  PRIMARY KEY (snapshot_id, link_seq, seq)
) WITHOUT ROWID;
)sql";

// Version 2: the firms' outcome fields (profit, operating_cost, quality_cost, satisfaction), NULL
// when not given, which is what every row of a version 1 workspace gets.
void migrate_v1_to_v2(Database& db) {
  db.exec(
      "ALTER TABLE firms ADD COLUMN profit REAL;"
      "ALTER TABLE firms ADD COLUMN operating_cost REAL;"
      "ALTER TABLE firms ADD COLUMN quality_cost REAL;"
      "ALTER TABLE firms ADD COLUMN satisfaction REAL;");
}

// Version 3: the assistance ledger (帮扶台账, docs/workspace.md). Entries belong to a chain (not to a
// snapshot: replacing a snapshot leaves them alone); the firm is a firm id of the chain. Every change
// of an entry is a row of ledger_history, which triggers keep append-only; an entry with history
// cannot be deleted (its foreign key).
const char* const kLedgerSchema = R"sql(
CREATE TABLE providers (
  provider_id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL CHECK (kind IN ('certification_body', 'testing_lab', 'expert', 'association', 'bank')),
  region TEXT
);
CREATE TABLE ledger_entries (
  entry_id INTEGER PRIMARY KEY,
  chain_id TEXT NOT NULL REFERENCES chains(chain_id),
  firm_id TEXT NOT NULL,
  provider_id INTEGER REFERENCES providers(provider_id),
  status TEXT NOT NULL CHECK (status IN ('planned', 'in_progress', 'done', 'dropped')),
  planned_start TEXT, start TEXT, "end" TEXT,   -- YYYY-MM-DD
  cost REAL CHECK (cost >= 0),                  -- 10k CNY (万元)
  funding_source TEXT, outcome TEXT,
  created_by TEXT, created_at TEXT NOT NULL
);
CREATE INDEX ledger_entries_by_chain ON ledger_entries (chain_id, entry_id);
CREATE INDEX ledger_entries_by_firm ON ledger_entries (chain_id, firm_id, entry_id);
CREATE TABLE ledger_entry_issues (
  entry_id INTEGER NOT NULL REFERENCES ledger_entries(entry_id),
  seq INTEGER NOT NULL, code TEXT NOT NULL,
  PRIMARY KEY (entry_id, seq)
) WITHOUT ROWID;
CREATE TABLE ledger_entry_measures (
  entry_id INTEGER NOT NULL REFERENCES ledger_entries(entry_id),
  seq INTEGER NOT NULL, text TEXT NOT NULL,
  PRIMARY KEY (entry_id, seq)
) WITHOUT ROWID;
CREATE TABLE ledger_history (
  history_id INTEGER PRIMARY KEY AUTOINCREMENT,
  entry_id INTEGER NOT NULL REFERENCES ledger_entries(entry_id),
  at TEXT NOT NULL, who TEXT NOT NULL, field TEXT NOT NULL,
  old_value TEXT, new_value TEXT               -- NULL: not set
);
CREATE INDEX ledger_history_by_entry ON ledger_history (entry_id, history_id);
CREATE TRIGGER ledger_history_no_update BEFORE UPDATE ON ledger_history
BEGIN SELECT RAISE(ABORT, 'ledger_history is append-only'); END;
CREATE TRIGGER ledger_history_no_delete BEFORE DELETE ON ledger_history
BEGIN SELECT RAISE(ABORT, 'ledger_history is append-only'); END;
)sql";

void migrate_ledger(Database& db) { db.exec(kLedgerSchema); }

// Version 4: joint tackling projects (质量攻关项目, docs/workspace.md). A project belongs to a chain
// and is about one issue code; its leading firm, participating firms and providers (the ledger's
// providers table) are kept by id. Every change is a row of project_history, the same shape as
// ledger_history and append-only the same way.
const char* const kProjectSchema = R"sql(
CREATE TABLE projects (
  project_id INTEGER PRIMARY KEY,
  chain_id TEXT NOT NULL REFERENCES chains(chain_id),
  issue_code TEXT NOT NULL,
  leader_firm_id TEXT NOT NULL,
  title TEXT,
  target_kind TEXT CHECK (target_kind IN ('loss_reduction', 'firms_cleared')),
  target_value REAL CHECK (target_value > 0),   -- a fraction (loss_reduction) or a count (firms_cleared)
  status TEXT NOT NULL CHECK (status IN ('planned', 'in_progress', 'done', 'dropped')),
  planned_start TEXT, start TEXT, "end" TEXT,   -- YYYY-MM-DD
  created_by TEXT, created_at TEXT NOT NULL,
  CHECK ((target_kind IS NULL) = (target_value IS NULL))
);
CREATE INDEX projects_by_chain ON projects (chain_id, project_id);
CREATE INDEX projects_by_issue ON projects (chain_id, issue_code, project_id);
CREATE TABLE project_firms (
  project_id INTEGER NOT NULL REFERENCES projects(project_id),
  seq INTEGER NOT NULL, firm_id TEXT NOT NULL,
  PRIMARY KEY (project_id, seq)
) WITHOUT ROWID;
CREATE TABLE project_providers (
  project_id INTEGER NOT NULL REFERENCES projects(project_id),
  seq INTEGER NOT NULL, provider_id INTEGER NOT NULL REFERENCES providers(provider_id),
  PRIMARY KEY (project_id, seq)
) WITHOUT ROWID;
CREATE TABLE project_history (
  history_id INTEGER PRIMARY KEY AUTOINCREMENT,
  project_id INTEGER NOT NULL REFERENCES projects(project_id),
  at TEXT NOT NULL, who TEXT NOT NULL, field TEXT NOT NULL,
  old_value TEXT, new_value TEXT               -- NULL: not set
);
CREATE INDEX project_history_by_project ON project_history (project_id, history_id);
CREATE TRIGGER project_history_no_update BEFORE UPDATE ON project_history
BEGIN SELECT RAISE(ABORT, 'project_history is append-only'); END;
CREATE TRIGGER project_history_no_delete BEFORE DELETE ON project_history
BEGIN SELECT RAISE(ABORT, 'project_history is append-only'); END;
)sql";

void migrate_projects(Database& db) { db.exec(kProjectSchema); }

// Version 5: the accounts of `qchain serve` (workspace/users.hpp, docs/server.md). The password is
// kept only as a libsodium Argon2id hash string; a planner's regions are rows of user_regions, in
// the order given, gone with their user.
const char* const kUserSchema = R"sql(
CREATE TABLE users (
  name TEXT PRIMARY KEY,
  password_hash TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('admin', 'planner', 'viewer')),
  created_at TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE user_regions (
  name TEXT NOT NULL REFERENCES users(name) ON DELETE CASCADE,
  seq INTEGER NOT NULL, region TEXT NOT NULL,
  PRIMARY KEY (name, seq)
) WITHOUT ROWID;
)sql";

void migrate_users(Database& db) { db.exec(kUserSchema); }

// Version 6: what-if scenarios saved by name (docs/workspace.md), each a qchain-scenario/1 document
// as given, per chain; saving a name again replaces it.
const char* const kScenarioSchema = R"sql(
CREATE TABLE scenarios (
  chain_id TEXT NOT NULL REFERENCES chains(chain_id),
  name TEXT NOT NULL,
  body TEXT NOT NULL,
  saved_by TEXT, saved_at TEXT NOT NULL,
  PRIMARY KEY (chain_id, name)
) WITHOUT ROWID;
)sql";

void migrate_scenarios(Database& db) { db.exec(kScenarioSchema); }

// Version 7: the chain's optional input catalogue (id and name of each input, in the order given).
// Snapshots imported before it have none, as their files had none.
const char* const kInputSchema = R"sql(
CREATE TABLE inputs (
  snapshot_id INTEGER NOT NULL REFERENCES snapshots(snapshot_id) ON DELETE CASCADE,
  seq INTEGER NOT NULL, input_id TEXT NOT NULL, name TEXT NOT NULL,
  PRIMARY KEY (snapshot_id, seq)
) WITHOUT ROWID;
)sql";

void migrate_inputs(Database& db) { db.exec(kInputSchema); }

// The forward steps: kMigrations[k] takes version k + 1 to k + 2.
using Migration = void (*)(Database&);
const Migration kMigrations[] = {
    migrate_v1_to_v2,  // 1 -> 2: the firms' outcome fields
    migrate_ledger,    // 2 -> 3: the assistance ledger
    migrate_projects,  // 3 -> 4: joint tackling projects
    migrate_users,     // 4 -> 5: users
    migrate_scenarios, // 5 -> 6: saved what-if scenarios
    migrate_inputs,    // 6 -> 7: the input catalogue
};
static_assert(std::size(kMigrations) == kSchemaVersion - 1, "one migration per version step");

void set_version(Database& db, int version) {
  db.exec(("PRAGMA user_version = " + std::to_string(version)).c_str());
}

int pragma_int(Database& db, const char* pragma) {
  Statement s = db.prepare(pragma);
  return s.step() ? static_cast<int>(s.integer(0)) : 0;
}

}  // namespace

// A new workspace is version 1 and every step after it, so that a new file and a migrated one have
// the same tables.
void create_schema(Database& db) {
  Transaction t(db);
  db.exec(kSchemaV1);
  for (const Migration step : kMigrations) step(db);
  db.exec(("PRAGMA application_id = " + std::to_string(kApplicationId)).c_str());
  set_version(db, kSchemaVersion);
  t.commit();
}

void check_schema(Database& db) {
  const int app = pragma_int(db, "PRAGMA application_id");
  const int version = pragma_int(db, "PRAGMA user_version");
  if (app != kApplicationId)
    throw UsageError(db.path() + ": not a qchain workspace (create one with `qchain workspace init FILE`)");
  if (version > kSchemaVersion)
    throw UsageError(db.path() + ": the workspace has schema version " + std::to_string(version) + ", this qchain reads up to version " +
                     std::to_string(kSchemaVersion) + "; use a newer qchain");
  // Forward migrations, one transaction each: version k to k + 1. The version is read again inside
  // the (immediate) transaction: another process may have taken the same step in the meantime.
  for (int v = version; v < kSchemaVersion;) {
    Transaction t(db);
    v = std::max(pragma_int(db, "PRAGMA user_version"), 1);
    if (v >= kSchemaVersion) break;
    kMigrations[v - 1](db);
    set_version(db, v + 1);
    t.commit();
    ++v;
  }
}

}  // namespace qchain::workspace::detail
