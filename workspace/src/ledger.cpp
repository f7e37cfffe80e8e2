#include "qchain/workspace/ledger.hpp"

#include <cstdio>
#include <cmath>
#include <functional>
#include <unordered_set>

#include "qchain/core/error.hpp"
#include "qchain/core/number_format.hpp"
#include "qchain/graphs/chain_builder.hpp"
#include "records.hpp"
#include "schema.hpp"
#include "sqlite_db.hpp"

namespace qchain::workspace {

using detail::ChainFacts;
using detail::Database;
using detail::Statement;
using detail::Transaction;
using detail::Value;
using detail::about;
using detail::list_value;
using detail::number_value;
using detail::quoted;
using detail::resolve_provider;
using detail::text_value;

namespace {

struct Spelling {
  const char* text;
  std::uint8_t value;
};
// The codes first, then the Chinese spellings accepted for them.
const Spelling kStatusSpellings[] = {
    {"planned", 0}, {"in_progress", 1}, {"done", 2}, {"dropped", 3},
    {"计划", 0},    {"计划中", 0},      {"已计划", 0}, {"进行中", 1}, {"实施中", 1},
    {"完成", 2},    {"已完成", 2},      {"放弃", 3},   {"已放弃", 3}, {"取消", 3}, {"已取消", 3}};
const Spelling kKindSpellings[] = {
    {"certification_body", 0}, {"testing_lab", 1}, {"expert", 2}, {"association", 3}, {"bank", 4},
    {"认证机构", 0}, {"检测机构", 1}, {"检验检测机构", 1}, {"检测实验室", 1}, {"实验室", 1},
    {"专家", 2},     {"协会", 3},     {"行业协会", 3},     {"银行", 4},       {"金融机构", 4}};

Value cost_value(double c) { return number_value(c); }

void check_cost(double c) {
  if (!std::isnan(c) && !(c >= 0 && std::isfinite(c)))
    throw UsageError("cost must be a number of at least 0 (10k CNY), got " + number_text(c));
}
void check_issues(ChainFacts& facts, const std::vector<std::string>& codes) {
  std::unordered_set<std::string> seen;
  for (const std::string& c : codes) {
    facts.check_issue(c);
    if (!seen.insert(c).second) throw UsageError("issue code " + quoted(c) + " given twice");
  }
}
void check_measures(const std::vector<std::string>& measures) {
  for (std::size_t k = 0; k < measures.size(); ++k)
    if (measures[k].find_first_not_of(" \t\r\n") == std::string::npos) throw UsageError("measure " + std::to_string(k + 1) + " is empty");
}

class Writer {
 public:
  Writer(Database& db, const LedgerActor& by)
      : history_(db, "ledger_history", "entry_id", by),
        issue_(db.prepare("INSERT INTO ledger_entry_issues (entry_id, seq, code) VALUES (?1, ?2, ?3)")),
        measure_(db.prepare("INSERT INTO ledger_entry_measures (entry_id, seq, text) VALUES (?1, ?2, ?3)")) {}
  const LedgerActor& by() const { return history_.by(); }
  void history(std::int64_t id, const char* field, const Value& before, const Value& after) { history_.add(id, field, before, after); }
  void issues(std::int64_t id, const std::vector<std::string>& codes) {
    for (std::size_t k = 0; k < codes.size(); ++k) {
      issue_.bind(1, id).bind(2, static_cast<std::int64_t>(k)).bind(3, codes[k]);
      issue_.run();
    }
  }
  void measures(std::int64_t id, const std::vector<std::string>& texts) {
    for (std::size_t k = 0; k < texts.size(); ++k) {
      measure_.bind(1, id).bind(2, static_cast<std::int64_t>(k)).bind(3, texts[k]);
      measure_.run();
    }
  }

 private:
  detail::HistoryWriter history_;
  Statement issue_, measure_;
};

// The entries of `chain_id` passing the filter (and of id `only` when not 0), by id.
std::vector<LedgerEntry> read_entries(Database& db, const std::string& chain_id, const LedgerFilter& f, std::int64_t only = 0) {
  std::string where = " WHERE e.chain_id = ?1";
  if (f.status) where += " AND e.status = ?2";
  if (!f.firm_id.empty()) where += " AND e.firm_id = ?3";
  if (!f.provider.empty()) where += " AND p.name = ?4";
  if (only) where += " AND e.entry_id = ?5";
  const std::string from = " FROM ledger_entries e LEFT JOIN providers p ON p.provider_id = e.provider_id" + where;
  const auto bind = [&](Statement& s) {
    s.bind(1, chain_id);
    if (f.status) s.bind(2, to_string(*f.status));
    if (!f.firm_id.empty()) s.bind(3, f.firm_id);
    if (!f.provider.empty()) s.bind(4, f.provider);
    if (only) s.bind(5, only);
  };
  Statement s = db.prepare(
      "SELECT e.entry_id, e.firm_id, p.name, p.kind, p.region, e.status, e.planned_start, e.start, e.\"end\", e.cost, e.funding_source, "
      "e.outcome, e.created_by, e.created_at" +
      from + " ORDER BY e.entry_id");
  bind(s);
  std::vector<LedgerEntry> out;
  while (s.step()) {
    LedgerEntry e;
    e.id = s.integer(0);
    e.chain_id = chain_id;
    e.firm_id = s.text(1);
    e.provider.name = s.text(2);
    if (!s.is_null(3)) e.provider.kind = parse_provider_kind(s.text(3));
    e.provider.region = s.text(4);
    e.status = parse_ledger_status(s.text(5));
    e.planned_start = s.text(6);
    e.start = s.text(7);
    e.end = s.text(8);
    e.cost = s.real(9);
    e.funding = s.text(10);
    e.outcome = s.text(11);
    e.created_by = s.text(12);
    e.created_at = s.text(13);
    out.push_back(std::move(e));
  }
  // The lists, in entry order: merged into the entries in one pass each. When the entries are most
  // of their id range (the whole ledger, a status), the range is scanned and the rows of other
  // entries skipped; a few entries (a firm's) are looked up by id.
  if (out.empty()) return out;
  const bool dense = out.size() * 4 >= static_cast<std::size_t>(out.back().id - out.front().id + 1);
  const auto lists = [&](const char* table, const char* column, std::vector<std::string> LedgerEntry::*member) {
    Statement c = db.prepare(std::string("SELECT x.entry_id, x.") + column + " FROM " + table + " x WHERE " +
                             (dense ? std::string("x.entry_id BETWEEN ?6 AND ?7") : "x.entry_id IN (SELECT e.entry_id" + from + ")") +
                             " ORDER BY x.entry_id, x.seq");
    if (dense) c.bind(6, out.front().id).bind(7, out.back().id);
    else bind(c);
    std::size_t k = 0;
    while (c.step()) {
      const std::int64_t id = c.integer(0);
      while (k < out.size() && out[k].id < id) ++k;
      if (k < out.size() && out[k].id == id) (out[k].*member).emplace_back(c.text(1));
    }
  };
  lists("ledger_entry_issues", "code", &LedgerEntry::issues);
  lists("ledger_entry_measures", "text", &LedgerEntry::measures);
  return out;
}

LedgerEntry read_entry(Database& db, const std::string& chain_id, std::int64_t id) {
  std::vector<LedgerEntry> one = id > 0 ? read_entries(db, chain_id, {}, id) : std::vector<LedgerEntry>{};
  if (one.empty()) throw UsageError("ledger: chain " + quoted(chain_id) + " has no entry " + std::to_string(id));
  return std::move(one.front());
}

}  // namespace

const char* to_string(LedgerStatus s) { return kStatusSpellings[static_cast<int>(s)].text; }
const char* to_string(ProviderKind k) { return kKindSpellings[static_cast<int>(k)].text; }

LedgerStatus parse_ledger_status(std::string_view text) {
  for (const Spelling& s : kStatusSpellings)
    if (text == s.text) return static_cast<LedgerStatus>(s.value);
  throw UsageError("unknown ledger status " + quoted(text) + " (expected planned, in_progress, done or dropped: 计划, 进行中, 完成 or 放弃)");
}

ProviderKind parse_provider_kind(std::string_view text) {
  for (const Spelling& s : kKindSpellings)
    if (text == s.text) return static_cast<ProviderKind>(s.value);
  throw UsageError("unknown provider kind " + quoted(text) +
                   " (expected certification_body, testing_lab, expert, association or bank: 认证机构, 检测机构, 专家, 协会 or 银行)");
}

std::vector<std::int64_t> add_ledger_entries(const std::string& file, const std::string& chain_id, const std::vector<LedgerEntry>& entries,
                                             const LedgerActor& by) {
  Database db = detail::open_workspace(file);
  Transaction t(db);
  ChainFacts facts(db, file, chain_id);
  Writer w(db, by);
  Statement add = db.prepare(
      "INSERT INTO ledger_entries (chain_id, firm_id, provider_id, status, planned_start, start, \"end\", cost, funding_source, outcome, "
      "created_by, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)");
  std::vector<std::int64_t> ids;
  ids.reserve(entries.size());
  for (const LedgerEntry& e : entries) {
    facts.check_firm(e.firm_id);
    std::optional<std::int64_t> provider;
    about("ledger entry for firm " + quoted(e.firm_id), [&] {
      check_issues(facts, e.issues);
      check_measures(e.measures);
      detail::check_dates(e.planned_start, e.start, e.end);
      check_cost(e.cost);
      provider = resolve_provider(db, e.provider);
    });
    add.bind(1, chain_id).bind(2, e.firm_id);
    if (provider) add.bind(3, *provider);
    add.bind(4, to_string(e.status)).bind_text_or_null(5, e.planned_start).bind_text_or_null(6, e.start).bind_text_or_null(7, e.end);
    add.bind(8, e.cost).bind_text_or_null(9, e.funding).bind_text_or_null(10, e.outcome);
    add.bind(11, w.by().who).bind(12, w.by().at);
    add.run();
    const std::int64_t id = db.last_insert_id();
    ids.push_back(id);
    w.issues(id, e.issues);
    w.measures(id, e.measures);
    // The history starts with every field the entry was created with.
    const std::pair<const char*, Value> fields[] = {
        {"firm", Value(e.firm_id)},           {"provider", text_value(e.provider.name)}, {"issues", list_value(e.issues)},
        {"measures", list_value(e.measures)}, {"planned_start", text_value(e.planned_start)},
        {"start", text_value(e.start)},       {"end", text_value(e.end)},                {"status", Value(to_string(e.status))},
        {"cost", cost_value(e.cost)},         {"funding", text_value(e.funding)},        {"outcome", text_value(e.outcome)}};
    for (const auto& f : fields)
      if (f.second) w.history(id, f.first, std::nullopt, f.second);
  }
  t.commit();
  return ids;
}

std::int64_t add_ledger_entry(const std::string& file, const std::string& chain_id, const LedgerEntry& entry, const LedgerActor& by) {
  return add_ledger_entries(file, chain_id, {entry}, by).front();
}

std::size_t update_ledger_entry(const std::string& file, const std::string& chain_id, std::int64_t id, const LedgerChange& c,
                                const LedgerActor& by) {
  Database db = detail::open_workspace(file);
  Transaction t(db);
  const LedgerEntry old = read_entry(db, chain_id, id);
  LedgerEntry now = old;
  if (c.firm_id) now.firm_id = *c.firm_id;
  if (c.provider) now.provider = *c.provider;
  if (c.issues) now.issues = *c.issues;
  if (c.measures) now.measures = *c.measures;
  if (c.planned_start) now.planned_start = *c.planned_start;
  if (c.start) now.start = *c.start;
  if (c.end) now.end = *c.end;
  if (c.status) now.status = *c.status;
  if (c.cost) now.cost = *c.cost;
  if (c.funding) now.funding = *c.funding;
  if (c.outcome) now.outcome = *c.outcome;
  Writer w(db, by);
  std::size_t changed = 0;
  about("ledger entry " + std::to_string(id), [&] {
    // Only what changes is checked: an entry whose firm has since left the chain can still be closed.
    std::optional<ChainFacts> facts;
    const auto chain = [&]() -> ChainFacts& {
      if (!facts) facts.emplace(db, file, chain_id);
      return *facts;
    };
    if (now.firm_id != old.firm_id) chain().check_firm(now.firm_id);
    if (now.issues != old.issues) check_issues(chain(), now.issues);
    if (now.measures != old.measures) check_measures(now.measures);
    if (now.planned_start != old.planned_start || now.start != old.start || now.end != old.end) detail::check_dates(now.planned_start, now.start, now.end);
    if (!(now.cost == old.cost || (std::isnan(now.cost) && std::isnan(old.cost)))) check_cost(now.cost);
    const auto set = [&](const char* field, const char* column, const Value& before, const Value& after, const auto& bind_new) {
      if (before == after) return;
      Statement s = db.prepare(std::string("UPDATE ledger_entries SET ") + column + " = ?2 WHERE entry_id = ?1");
      s.bind(1, id);
      bind_new(s);
      s.run();
      w.history(id, field, before, after);
      ++changed;
    };
    const auto text = [&](const std::string& v) { return [&v](Statement& s) { s.bind_text_or_null(2, v); }; };
    set("firm", "firm_id", Value(old.firm_id), Value(now.firm_id), text(now.firm_id));
    if (c.provider) {
      const Value before = text_value(old.provider.name), after = text_value(now.provider.name);
      const std::optional<std::int64_t> pid = resolve_provider(db, now.provider);
      set("provider", "provider_id", before, after, [&](Statement& s) {
        if (pid) s.bind(2, *pid);
      });
    }
    if (list_value(old.issues) != list_value(now.issues)) {
      Statement del = db.prepare("DELETE FROM ledger_entry_issues WHERE entry_id = ?1");
      del.bind(1, id);
      del.run();
      w.issues(id, now.issues);
      w.history(id, "issues", list_value(old.issues), list_value(now.issues));
      ++changed;
    }
    if (list_value(old.measures) != list_value(now.measures)) {
      Statement del = db.prepare("DELETE FROM ledger_entry_measures WHERE entry_id = ?1");
      del.bind(1, id);
      del.run();
      w.measures(id, now.measures);
      w.history(id, "measures", list_value(old.measures), list_value(now.measures));
      ++changed;
    }
    set("planned_start", "planned_start", text_value(old.planned_start), text_value(now.planned_start), text(now.planned_start));
    set("start", "start", text_value(old.start), text_value(now.start), text(now.start));
    set("end", "\"end\"", text_value(old.end), text_value(now.end), text(now.end));
    set("status", "status", Value(to_string(old.status)), Value(to_string(now.status)), [&](Statement& s) { s.bind(2, to_string(now.status)); });
    set("cost", "cost", cost_value(old.cost), cost_value(now.cost), [&](Statement& s) { s.bind(2, now.cost); });
    set("funding", "funding_source", text_value(old.funding), text_value(now.funding), text(now.funding));
    set("outcome", "outcome", text_value(old.outcome), text_value(now.outcome), text(now.outcome));
  });
  t.commit();
  return changed;
}

std::vector<LedgerEntry> list_ledger(const std::string& file, const std::string& chain_id, const LedgerFilter& filter) {
  Database db = detail::open_chain(file, chain_id);
  return read_entries(db, chain_id, filter);
}

LedgerEntry get_ledger_entry(const std::string& file, const std::string& chain_id, std::int64_t id) {
  Database db = detail::open_chain(file, chain_id);
  return read_entry(db, chain_id, id);
}

std::vector<LedgerHistoryRow> ledger_history(const std::string& file, const std::string& chain_id, std::int64_t id) {
  Database db = detail::open_workspace(file);
  read_entry(db, chain_id, id);
  return detail::read_history(db, "ledger_history", "entry_id", id);
}

LedgerYields ledger_yields(const std::string& file, const LedgerEntry& e) {
  Database db = detail::open_workspace(file);
  const auto yield_in = [&](const char* sql, const std::string& date) -> std::optional<SnapshotYield> {
    Statement s = db.prepare(sql);
    s.bind(1, e.chain_id).bind(2, date);
    if (!s.step()) return std::nullopt;
    SnapshotYield y;
    y.as_of = s.text(1);
    Statement f = db.prepare("SELECT first_pass_yield FROM firms WHERE snapshot_id = ?1 AND firm_id = ?2");
    f.bind(1, s.integer(0)).bind(2, e.firm_id);
    if (f.step()) {
      y.firm_found = true;
      y.yield = f.real(0);
    }
    return y;
  };
  LedgerYields out;
  const std::string& from = e.start.empty() ? e.planned_start : e.start;
  if (!from.empty())
    out.before = yield_in("SELECT snapshot_id, as_of FROM snapshots WHERE chain_id = ?1 AND as_of <= ?2 ORDER BY as_of DESC LIMIT 1", from);
  if (!e.end.empty())
    out.after = yield_in("SELECT snapshot_id, as_of FROM snapshots WHERE chain_id = ?1 AND as_of >= ?2 ORDER BY as_of LIMIT 1", e.end);
  return out;
}

}  // namespace qchain::workspace
