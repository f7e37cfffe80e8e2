#include "records.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "qchain/core/error.hpp"
#include "qchain/core/number_format.hpp"
#include "qchain/graphs/chain_builder.hpp"
#include "schema.hpp"

namespace qchain::workspace::detail {

std::string quoted(std::string_view s) { return "\"" + std::string(s) + "\""; }

std::string json_list(const std::vector<std::string>& items) {
  std::string out = "[";
  for (std::size_t k = 0; k < items.size(); ++k) {
    out += k ? ",\"" : "\"";
    for (const char ch : items[k]) {
      const auto c = static_cast<unsigned char>(ch);
      if (c == '"' || c == '\\') {
        out += '\\';
        out += ch;
      } else if (c < 0x20) {
        char esc[8];
        std::snprintf(esc, sizeof esc, "\\u%04x", c);
        out += esc;
      } else {
        out += ch;
      }
    }
    out += '"';
  }
  return out + "]";
}

Database open_chain(const std::string& file, const std::string& chain_id) {
  Database db = open_workspace(file);
  find_snapshot(db, {file, chain_id, ""});
  return db;
}

Value number_value(double x) { return std::isnan(x) ? Value() : Value(number_text(x)); }

ChainFacts::ChainFacts(Database& db, const std::string& file, const std::string& chain_id) : db_(db), chain_(chain_id) {
  snapshot_ = find_snapshot(db, {file, chain_id, ""});
  Statement s = db.prepare("SELECT as_of, firm_count FROM snapshots WHERE snapshot_id = ?1");
  s.bind(1, snapshot_);
  s.step();
  as_of_ = s.text(0);
  firm_count_ = s.integer(1);
}

void ChainFacts::check_firm(const std::string& id, const char* context, const char* noun) {
  if (id.empty()) throw UsageError(std::string(context) + ": no " + noun + " given");
  if (!firms_) {
    firms_.emplace();
    Statement s = db_.prepare("SELECT firm_id, role FROM firms WHERE snapshot_id = ?1");
    s.bind(1, snapshot_);
    while (s.step()) firms_->emplace(s.text(0), s.text(1));
  }
  if (!firms_->count(id))
    throw UsageError(std::string(context) + ": " + noun + " " + quoted(id) + " is not in the latest snapshot of chain " + quoted(chain_) +
                     " (" + as_of_ + ", " + std::to_string(firm_count_) + " firms)");
}

const std::string& ChainFacts::role_of(const std::string& id) { return firms_->at(id); }

void ChainFacts::check_issue(const std::string& code) {
  if (!codes_) {
    codes_.emplace();
    Statement s = db_.prepare("SELECT code FROM issue_types WHERE snapshot_id = ?1 ORDER BY seq");
    s.bind(1, snapshot_);
    while (s.step()) {
      catalogue_.emplace_back(s.text(0));
      codes_->insert(catalogue_.back());
    }
  }
  if (codes_->count(code)) return;
  std::string has;
  const std::size_t shown = std::min<std::size_t>(catalogue_.size(), 12);
  for (std::size_t k = 0; k < shown; ++k) has += (k ? ", " : "") + catalogue_[k];
  if (catalogue_.size() > shown) has += " and " + std::to_string(catalogue_.size() - shown) + " more";
  const std::string where = "issue code " + quoted(code) + " is not in the issue catalogue of chain " + quoted(chain_) + " (" + as_of_ + ")";
  throw UsageError(catalogue_.empty() ? where + "; it has no issue types" : where + "; it has " + has);
}

void check_date(const char* field, const std::string& d) {
  if (!d.empty() && !graphs::is_valid_date(d)) throw UsageError(std::string(field) + ": " + quoted(d) + " is not a date (YYYY-MM-DD)");
}

void check_dates(const std::string& planned_start, const std::string& start, const std::string& end) {
  check_date("planned_start", planned_start);
  check_date("start", start);
  check_date("end", end);
  if (!start.empty() && !end.empty() && end < start) throw UsageError("start " + start + " is after end " + end);
}

void about(const std::string& what, const std::function<void()>& check, std::string_view context) {
  try {
    check();
  } catch (const UsageError& e) {
    const std::string m = e.what();
    if (m.rfind(context, 0) == 0) throw UsageError(what + ": " + m.substr(context.size()));
    throw UsageError(what + ": " + m);
  }
}

std::optional<std::int64_t> resolve_provider(Database& db, const Provider& p) {
  if (p.name.empty()) {
    if (p.kind || !p.region.empty()) throw UsageError("a provider's kind or region needs the provider's name");
    return std::nullopt;
  }
  Statement find = db.prepare("SELECT provider_id, kind, IFNULL(region, '') FROM providers WHERE name = ?1");
  find.bind(1, p.name);
  if (find.step()) {
    const std::int64_t id = find.integer(0);
    const std::string kind(find.text(1)), region(find.text(2));
    if (p.kind && kind != to_string(*p.kind))
      throw UsageError("provider " + quoted(p.name) + " is recorded as " + kind + ", not " + to_string(*p.kind));
    if (!p.region.empty() && !region.empty() && region != p.region)
      throw UsageError("provider " + quoted(p.name) + " is recorded in region " + quoted(region) + ", not " + quoted(p.region));
    if (!p.region.empty() && region.empty()) {
      Statement set = db.prepare("UPDATE providers SET region = ?2 WHERE provider_id = ?1");
      set.bind(1, id).bind(2, p.region);
      set.run();
    }
    return id;
  }
  if (!p.kind)
    throw UsageError("provider " + quoted(p.name) + " is new: give its kind (certification_body, testing_lab, expert, association or bank)");
  Statement add = db.prepare("INSERT INTO providers (name, kind, region) VALUES (?1, ?2, ?3)");
  add.bind(1, p.name).bind(2, to_string(*p.kind)).bind_text_or_null(3, p.region);
  add.run();
  return db.last_insert_id();
}

HistoryWriter::HistoryWriter(Database& db, const char* table, const char* key, const LedgerActor& by)
    : by_(by),
      insert_(db.prepare(std::string("INSERT INTO ") + table + " (" + key +
                         ", at, who, field, old_value, new_value) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")) {
  if (by_.at.empty()) by_.at = utc_now();
}

void HistoryWriter::add(std::int64_t id, const char* field, const Value& before, const Value& after) {
  insert_.bind(1, id).bind(2, by_.at).bind(3, by_.who).bind(4, field);
  if (before) insert_.bind(5, *before);
  if (after) insert_.bind(6, *after);
  insert_.run();
}

std::vector<LedgerHistoryRow> read_history(Database& db, const char* table, const char* key, std::int64_t id) {
  Statement s = db.prepare(std::string("SELECT history_id, at, who, field, old_value, new_value FROM ") + table + " WHERE " + key +
                           " = ?1 ORDER BY history_id");
  s.bind(1, id);
  std::vector<LedgerHistoryRow> out;
  while (s.step()) {
    LedgerHistoryRow r;
    r.id = s.integer(0);
    r.at = s.text(1);
    r.who = s.text(2);
    r.field = s.text(3);
    if (!s.is_null(4)) r.old_value = std::string(s.text(4));
    if (!s.is_null(5)) r.new_value = std::string(s.text(5));
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace qchain::workspace::detail
