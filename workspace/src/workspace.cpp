#include "qchain/workspace/workspace.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <ctime>

#include "qchain/core/error.hpp"
#include "qchain/graphs/chain_builder.hpp"
#include "schema.hpp"
#include "snapshot_rows.hpp"
#include "sqlite_db.hpp"

namespace qchain::workspace {

using namespace qchain::graphs;
using detail::Database;
using detail::Statement;
using detail::Transaction;

namespace {

bool exists(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0;
}

// What the workspace holds, as a message names it: `a (2024-01-01, 2025-01-01); b (2025-06-30)`.
std::string holdings(const std::string& file) {
  std::string out;
  for (const ChainEntry& c : list_workspace(file)) {
    out += (out.empty() ? "" : "; ") + c.chain_id + " (";
    for (std::size_t k = 0; k < c.snapshots.size(); ++k) out += (k ? ", " : "") + c.snapshots[k].as_of;
    out += ")";
  }
  return out.empty() ? "no chain yet" : out;
}

}  // namespace

namespace detail {

// An existing workspace, schema checked, foreign keys on (they cascade a replaced snapshot's rows).
Database open_workspace(const std::string& file) {
  if (!exists(file)) throw UsageError(file + ": no such workspace (`qchain workspace init " + file + "` creates one)");
  Database db(file, false);
  detail::check_schema(db);
  // WAL with synchronous NORMAL: a power cut may lose the last transaction, never the consistency of
  // the file; a large cache keeps a million-firm import off the disk until its commit.
  db.exec("PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL; PRAGMA cache_size = -262144");
  return db;
}

std::string utc_now() {
  const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::int64_t find_snapshot(Database& db, const WorkspaceRef& ref) {
  Statement s = db.prepare(ref.as_of.empty()
                               ? "SELECT snapshot_id FROM snapshots WHERE chain_id = ?1 ORDER BY as_of DESC LIMIT 1"
                               : "SELECT snapshot_id FROM snapshots WHERE chain_id = ?1 AND as_of = ?2");
  s.bind(1, ref.chain_id);
  if (!ref.as_of.empty()) s.bind(2, ref.as_of);
  if (s.step()) return s.integer(0);
  throw UsageError(ref.text() + ": the workspace holds no " +
                   (ref.as_of.empty() ? "chain \"" + ref.chain_id + "\"" : "snapshot of chain \"" + ref.chain_id + "\" dated " + ref.as_of) +
                   "; it holds " + holdings(ref.file));
}

}  // namespace detail

using detail::find_snapshot;
using detail::open_workspace;
using detail::utc_now;

std::optional<WorkspaceRef> parse_workspace_ref(const std::string& text) {
  if (exists(text)) return std::nullopt;
  const auto hash = text.rfind('#');
  if (hash == std::string::npos || hash == 0) return std::nullopt;
  WorkspaceRef r;
  r.file = text.substr(0, hash);
  std::string rest = text.substr(hash + 1);
  const auto at = rest.rfind('@');
  if (at != std::string::npos) {
    r.as_of = rest.substr(at + 1);
    rest.resize(at);
    if (!is_valid_date(r.as_of)) throw UsageError(text + ": \"" + r.as_of + "\" is not a date (YYYY-MM-DD)");
  }
  if (rest.empty()) throw UsageError(text + ": no chain id after '#' (FILE#CHAIN_ID or FILE#CHAIN_ID@YYYY-MM-DD)");
  r.chain_id = rest;
  return r;
}

std::string input_file(const std::string& path_or_ref) {
  const auto ref = parse_workspace_ref(path_or_ref);
  return ref ? ref->file : path_or_ref;
}

void init_workspace(const std::string& file) {
  if (exists(file)) throw UsageError(file + ": exists already; a new workspace needs a new file");
  Database db(file, true);
  db.exec("PRAGMA journal_mode = WAL");
  detail::create_schema(db);
}

std::vector<ChainEntry> list_workspace(const std::string& file) {
  Database db = open_workspace(file);
  Statement s = db.prepare(
      "SELECT chain_id, as_of, name, IFNULL(source, ''), imported_at, IFNULL(imported_by, ''), firm_count, link_count "
      "FROM snapshots ORDER BY chain_id, as_of");
  std::vector<ChainEntry> out;
  while (s.step()) {
    const std::string_view id = s.text(0);
    if (out.empty() || out.back().chain_id != id) out.push_back({std::string(id), {}});
    SnapshotInfo i;
    i.as_of = s.text(1);
    i.name = s.text(2);
    i.source = s.text(3);
    i.imported_at = s.text(4);
    i.imported_by = s.text(5);
    i.firms = static_cast<std::uint32_t>(s.integer(6));
    i.links = static_cast<std::uint32_t>(s.integer(7));
    out.back().snapshots.push_back(std::move(i));
  }
  return out;
}

std::vector<WorkspaceRef> chain_snapshots(const WorkspaceRef& ref) {
  std::vector<WorkspaceRef> out;
  for (const ChainEntry& c : list_workspace(ref.file))
    if (c.chain_id == ref.chain_id)
      for (const SnapshotInfo& s : c.snapshots) out.push_back({ref.file, c.chain_id, s.as_of});
  if (out.empty())
    throw UsageError(ref.text() + ": the workspace holds no chain \"" + ref.chain_id + "\"; it holds " + holdings(ref.file));
  return out;
}

ImportResult import_snapshot(const std::string& file, const ChainGraph& g, const ImportOptions& o) {
  const ChainInfo& info = g.info();
  if (info.id.empty()) throw UsageError("import: the chain has no chain.id; a workspace keeps chains by id");
  if (!o.as_of.empty() && !is_valid_date(o.as_of)) throw UsageError("--as-of: \"" + o.as_of + "\" is not a date (YYYY-MM-DD)");
  if (!o.as_of.empty() && !info.as_of.empty() && o.as_of != info.as_of)
    throw UsageError("--as-of " + o.as_of + " contradicts the chain's own date (chain.as_of " + info.as_of + ")");
  ImportResult r;
  r.chain_id = info.id;
  r.as_of = info.as_of.empty() ? o.as_of : info.as_of;
  if (r.as_of.empty()) throw UsageError("import: the chain has no chain.as_of; give the snapshot's date with --as-of YYYY-MM-DD");
  Database db = open_workspace(file);
  Transaction t(db);
  Statement find = db.prepare("SELECT snapshot_id FROM snapshots WHERE chain_id = ?1 AND as_of = ?2");
  find.bind(1, r.chain_id).bind(2, r.as_of);
  if (find.step()) {
    if (!o.replace)
      throw UsageError(file + ": holds a snapshot of chain \"" + r.chain_id + "\" dated " + r.as_of + " already (--replace replaces it)");
    Statement del = db.prepare("DELETE FROM snapshots WHERE snapshot_id = ?1");
    del.bind(1, find.integer(0));
    del.run();
    r.replaced = true;
  }
  Statement chain = db.prepare("INSERT OR IGNORE INTO chains (chain_id) VALUES (?1)");
  chain.bind(1, r.chain_id);
  chain.run();
  detail::SnapshotMeta meta{r.as_of, o.source, utc_now(), o.user};
  detail::write_snapshot(db, g, meta);
  t.commit();
  return r;
}

ChainLoad load_snapshot(const WorkspaceRef& ref, const LoadOptions&) {
  Database db = open_workspace(ref.file);
  const std::int64_t id = find_snapshot(db, ref);
  return detail::read_snapshot(db, id, ref.text());
}

ChainLoad load_chain_or_snapshot(const std::string& path_or_ref, const LoadOptions& options) {
  if (const auto ref = parse_workspace_ref(path_or_ref)) return load_snapshot(*ref, options);
  return load_chain(path_or_ref, options);
}

}  // namespace qchain::workspace
