#include "table_loader.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "qchain/graphs/name_match.hpp"

namespace qchain::graphs::detail {
namespace {

using Kind = RecordRef::Kind;

std::string trim(std::string_view s) {
  const auto b = s.find_first_not_of(" \t");
  if (b == std::string_view::npos) return {};
  return std::string(s.substr(b, s.find_last_not_of(" \t") - b + 1));
}

// A list cell's items; the full-width ；and ： a Chinese input method types count as ; and :.
std::string ascii_separators(std::string s) {
  for (const auto& [from, to] : {std::pair<const char*, char>{"\xEF\xBC\x9B", ';'}, {"\xEF\xBC\x9A", ':'}}) {
    for (std::size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + 1)) s.replace(at, 3, 1, to);
  }
  return s;
}

std::vector<std::string> split(std::string_view s, char sep) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (true) {
    const auto at = s.find(sep, start);
    out.push_back(trim(s.substr(start, at == std::string_view::npos ? std::string_view::npos : at - start)));
    if (at == std::string_view::npos) break;
    start = at + 1;
  }
  return out;
}

Kind kind_of(TableId id) {
  switch (id) {
    case TableId::chain: return Kind::chain;
    case TableId::segments: return Kind::segment;
    case TableId::issues: return Kind::issue;
    case TableId::firms: return Kind::firm;
    case TableId::links: return Kind::link;
    case TableId::inputs: return Kind::input;
    default: return Kind::document;
  }
}

std::optional<double> number(const std::string& text, CellKind kind, const char* field, std::vector<std::string>& invalid,
                             std::vector<std::pair<std::string, std::string>>& bad) {
  std::string error;
  if (auto v = read_number(text, kind, error)) return v;
  invalid.emplace_back(field);
  bad.emplace_back(field, error);
  return std::nullopt;
}

}  // namespace

void TableLoader::begin(TableId id, std::string file, std::string sheet) {
  spec_ = &table_spec(id);
  file_ = std::move(file);
  sheet_ = std::move(sheet);
  column_field_.clear();
  header_done_ = header_ok_ = table_ok_ = false;
  rows_ = 0;
  const Kind k = kind_of(id);
  if (k != Kind::document) {
    places_[static_cast<int>(k)].file = file_;
    places_[static_cast<int>(k)].sheet = sheet_;
    places_[static_cast<int>(k)].spec = spec_;
  }
}

Place TableLoader::here(std::uint32_t line, int column_field) const {
  Place p{file_, sheet_, line, 0};
  if (spreadsheet_ && column_field >= 0)
    for (std::size_t c = 0; c < column_field_.size(); ++c)
      if (column_field_[c] == column_field) p.column = static_cast<std::uint32_t>(c + 1);
  return p;
}

void TableLoader::problem(Severity s, Place where, std::string field, std::string message) {
  Diagnostic d{s, std::move(where.file), where.line, where.column, std::move(field), std::move(message)};
  d.sheet = std::move(where.sheet);
  if (d.sheet.empty()) d.column = 0;
  direct_.diagnostics.push_back(std::move(d));
  (s == Severity::error ? direct_.errors : direct_.warnings)++;
}

void TableLoader::set_default_chain(const std::string& name) {
  ChainRecord r;
  r.id = r.name = name;
  b_.set_chain(r);
}

std::size_t TableLoader::header_score(TableId id, const std::vector<std::string>& cells) {
  std::size_t n = 0;
  for (const std::string& c : cells) {
    bool exact = false;
    if (!trim(c).empty() && find_column(table_spec(id), c, exact)) ++n;
  }
  return n;
}

void TableLoader::row(const std::vector<std::string>& cells, std::uint32_t line) {
  if (!header_done_) {
    header_done_ = true;
    header_ok_ = read_header(cells, line);
    return;
  }
  if (!header_ok_) return;
  if (std::all_of(cells.begin(), cells.end(), [](const std::string& c) { return trim(c).empty(); })) return;
  if (spec_->id == TableId::chain && rows_ > 0) {
    problem(Severity::error, here(line, -1), "", spreadsheet_ ? "the chain sheet holds one chain: extra row" : "chain.csv holds one chain: extra row");
    return;
  }
  ++rows_;
  // Trailing empty cells (a row saved with more commas than the header) hold nothing to lose.
  std::size_t used = cells.size();
  while (used > column_field_.size() && trim(cells[used - 1]).empty()) --used;
  if (used > column_field_.size())
    problem(Severity::error, here(line, -1), "",
            "row has " + std::to_string(used) + " cells, the header " + std::to_string(column_field_.size()));
  add_row(cells, line);
}

void TableLoader::end(bool complete) {
  table_ok_ = complete && header_ok_;
  if (complete && !header_done_)
    problem(Severity::error, here(0, -1), "", spreadsheet_ ? "empty sheet: expected a header row" : "empty file: expected a header row");
  auto& columns = table_columns_[static_cast<int>(spec_->id)];
  columns.assign(spec_->columns.size(), 0);
  for (std::size_t c = 0; c < column_field_.size(); ++c)
    if (column_field_[c] >= 0) columns[static_cast<std::size_t>(column_field_[c])] = static_cast<std::uint32_t>(c + 1);
}

bool TableLoader::read_header(const std::vector<std::string>& cells, std::uint32_t line) {
  const TableSpec& spec = *spec_;
  column_field_.assign(cells.size(), -1);
  std::vector<bool> seen(spec.columns.size(), false);
  bool ok = true;
  std::vector<std::pair<std::string, std::size_t>> unknown;
  for (std::size_t c = 0; c < cells.size(); ++c) {
    const std::string name = trim(cells[c]);
    if (fold_header(name).empty()) continue;  // the empty columns a spreadsheet export leaves on the right
    bool exact = false;
    const auto f = find_column(spec, name, exact);
    if (!f) {
      unknown.emplace_back(name, c);
      continue;
    }
    // Case, spaces and full-width characters do not make another column: read it, and say so.
    if (!exact) problem(Severity::warning, here(line, -1), name, std::string("column header read as ") + spec.columns[*f].key);
    if (seen[*f]) {
      Place p = here(line, -1);
      if (spreadsheet_) p.column = static_cast<std::uint32_t>(c + 1);
      problem(Severity::error, p, name, "duplicate column");
      ok = false;
    }
    seen[*f] = true;
    column_field_[c] = static_cast<int>(*f);
  }
  const auto index_of = [&](const char* key) {
    for (std::size_t i = 0; i < spec.columns.size(); ++i)
      if (std::strcmp(spec.columns[i].key, key) == 0) return i;
    return spec.columns.size();
  };
  for (const char* r : spec.required)
    if (!seen[index_of(r)]) {
      problem(Severity::error, here(line, -1), r, "required column is missing");
      ok = false;
    }
  // An unknown column is ignored, unless a column every analysis needs is missing: then it is
  // most likely that column misspelt, and ignoring it would quietly impute every value.
  std::vector<std::string> known;
  for (const ColumnSpec& col : spec.columns) known.emplace_back(col.key);
  for (const auto& [name, c] : unknown) {
    std::string missing;
    for (const char* n : spec.needed)
      if (!seen[index_of(n)]) missing += std::string(missing.empty() ? "" : ", ") + n;
    const auto guess = closest_name(name, known);
    const std::string hint = guess ? " (did you mean " + *guess + "?)" : "";
    Place p = here(line, -1);
    if (spreadsheet_) p.column = static_cast<std::uint32_t>(c + 1);
    if (missing.empty()) {
      problem(Severity::warning, p, name, "unknown column (ignored)" + hint);
    } else {
      problem(Severity::error, p, name, "unknown column, and " + missing + ", which every analysis needs, is missing" + hint);
      ok = false;
    }
  }
  return ok;
}

void TableLoader::add_row(const std::vector<std::string>& cells, std::uint32_t line) {
  std::vector<std::pair<std::string, std::string>> bad;  // field, message
  const TableId id = spec_->id;
  const Kind kind = kind_of(id);
  if (kind != Kind::document) places_[static_cast<int>(kind)].lines.push_back(line);
  const auto index = kind == Kind::document ? 0u : static_cast<std::uint32_t>(places_[static_cast<int>(kind)].lines.size() - 1);
  // Calls fn(field index, value) for each non-empty cell of a known column, the value normalised:
  // enumerations in English, dates as YYYY-MM-DD, list separators ASCII.
  auto each = [&](auto&& fn) {
    for (std::size_t c = 0; c < cells.size() && c < column_field_.size(); ++c) {
      if (column_field_[c] < 0) continue;
      // libcsv already trimmed unquoted cells; quoted spaces are kept as written.
      if (cells[c].empty()) continue;
      const ColumnSpec& col = spec_->columns[static_cast<std::size_t>(column_field_[c])];
      std::string v = cells[c];
      switch (col.kind) {
        case CellKind::role:
        case CellKind::status:
        case CellKind::category:
        case CellKind::maturity:
        case CellKind::willingness:
          if (auto e = english_value(col.kind, v)) v = *e;
          break;
        case CellKind::date: v = read_date(v); break;
        case CellKind::list: v = ascii_separators(std::move(v)); break;
        default: break;
      }
      if (spreadsheet_ && col.kind != CellKind::text && col.kind != CellKind::list && trim(v).empty()) continue;
      fn(column_field_[c], std::move(v));
    }
  };
  const auto num = [&](const std::string& v, int i, const char* field, std::optional<double>& slot, std::vector<std::string>& invalid) {
    slot = number(v, spec_->columns[static_cast<std::size_t>(i)].kind, field, invalid, bad);
  };
  // Problems the loader finds itself, located at this row and the field's column.
  const auto flush_bad = [&](RecordRef::Kind k) {
    for (auto& [field, message] : bad) b_.add_problem(Problem{Severity::error, {k, index}, field, message, std::nullopt});
  };
  switch (id) {
    case TableId::chain: {
      ChainRecord r;
      std::optional<std::string>* f[] = {&r.id, &r.name, &r.region, &r.industry, &r.description, &r.as_of};
      each([&](int i, std::string v) {
        if (i == 6) num(v, i, "defaults.detection", r.default_detection, r.invalid);
        else if (i == 7) num(v, i, "defaults.inspection", r.default_inspection, r.invalid);
        else *f[i] = std::move(v);
      });
      b_.set_chain(r);
      flush_bad(kind);
      break;
    }
    case TableId::segments: {
      SegmentRecord r;
      each([&](int i, std::string v) {
        if (i == 2) num(v, i, "order", r.order, r.invalid);
        else (i == 0 ? r.id : r.name) = std::move(v);
      });
      if (r.id) segment_ids_.insert(*r.id);
      if (r.id && r.name) segment_by_name_.emplace(trim(*r.name), *r.id);
      b_.add_segment(r);
      flush_bad(kind);
      break;
    }
    case TableId::issues: {
      IssueRecord r;
      each([&](int i, std::string v) {
        if (i == 3) num(v, i, "yield_loss", r.yield_loss, r.invalid);
        else {
          std::optional<std::string>* f[] = {&r.code, &r.name, &r.category, nullptr, &r.description};
          *f[i] = std::move(v);
        }
      });
      b_.add_issue(r);
      flush_bad(kind);
      break;
    }
    case TableId::certifications:
    case TableId::firm_issues: {
      // Collected by firm, added to the firm's record when its row comes (these sheets are read first).
      std::string firm;
      CertificationRecord c;
      FirmIssueRecord x;
      std::vector<std::string> invalid;
      std::optional<double> severity;
      each([&](int i, std::string v) {
        if (i == 0) firm = trim(v);
        else if (id == TableId::certifications) (i == 1 ? c.scheme : i == 2 ? c.status : c.expires) = std::move(v);
        else if (i == 1) x.code = std::move(v);
        else num(v, i, "severity", severity, invalid);
      });
      for (auto& [field, message] : bad) {
        Place p = here(line, 2);
        problem(Severity::error, p, field, message);
      }
      if (firm.empty()) {
        if (bad.empty()) problem(Severity::error, here(line, 0), "firm", "required field is missing");
        break;
      }
      Extra& e = extra_[firm];
      if (id == TableId::certifications) {
        e.certs.push_back(std::move(c));
        e.cert_places.push_back(here(line, -1));
      } else {
        x.severity = severity;
        if (!x.severity && bad.empty()) x.severity.reset();
        e.issues.push_back(std::move(x));
        e.issue_places.push_back(here(line, -1));
      }
      break;
    }
    case TableId::firms: {
      firm_.clear();
      FirmRecord& r = firm_;
      each([&](int i, std::string v) {
        switch (i) {
          case 0: r.id = std::move(v); break;
          case 1: r.name = std::move(v); break;
          case 2: r.role = std::move(v); break;
          case 3: {
            // A segment by its name as well as by its id.
            const std::string t = trim(v);
            if (!segment_ids_.count(t)) {
              const auto it = segment_by_name_.find(t);
              if (it != segment_by_name_.end()) v = it->second;
            }
            r.segment = std::move(v);
            break;
          }
          case 4: r.region = std::move(v); break;
          case 5: num(v, i, "first_pass_yield", r.first_pass_yield, r.invalid); break;
          case 6: r.maturity = std::move(v); break;
          case 7: num(v, i, "employees", r.employees, r.invalid); break;
          case 8: num(v, i, "revenue", r.revenue, r.invalid); break;
          case 9:
            for (const std::string& item : split(v, ';')) {
              if (item.empty()) continue;
              const auto parts = split(item, ':');
              CertificationRecord c;
              if (!parts[0].empty()) c.scheme = parts[0];
              if (parts.size() > 1 && !parts[1].empty()) c.status = english_value(CellKind::status, parts[1]).value_or(parts[1]);
              if (parts.size() > 2 && !parts[2].empty()) c.expires = read_date(parts[2]);
              if (parts.size() > 3) bad.emplace_back("certifications", "\"" + item + "\" has more than scheme:status:expires");
              r.certifications.push_back(std::move(c));
            }
            break;
          case 10:
            for (const std::string& item : split(v, ';')) {
              if (item.empty()) continue;
              const auto parts = split(item, ':');
              FirmIssueRecord x;
              if (!parts[0].empty()) x.code = parts[0];
              if (parts.size() == 2) {
                std::string error;
                if (auto s = read_number(parts[1], CellKind::integer, error)) x.severity = s;
                else bad.emplace_back("issues", "\"" + item + "\": severity is not a number");
              }
              if (parts.size() > 2) bad.emplace_back("issues", "\"" + item + "\" has more than code:severity");
              r.issues.push_back(std::move(x));
            }
            break;
          case 14: num(v, i, "detection", r.detection, r.invalid); break;
          case 15: r.willingness = std::move(v); break;
          case 16: num(v, i, "profit", r.profit, r.invalid); break;
          case 17: num(v, i, "operating_cost", r.operating_cost, r.invalid); break;
          case 18: num(v, i, "quality_cost", r.quality_cost, r.invalid); break;
          case 19: num(v, i, "satisfaction", r.satisfaction, r.invalid); break;
          default: {
            if (!r.assisted) r.assisted.emplace();
            (i == 11 ? r.assisted->by : i == 12 ? r.assisted->since : r.assisted->programme) = std::move(v);
          }
        }
      });
      if (r.id && !extra_.empty()) {
        const auto it = extra_.find(trim(*r.id));
        if (it != extra_.end() && !it->second.used) {
          Extra& e = it->second;
          e.used = true;
          FirmOrigin& o = firm_origin_[index];
          o.first_cert = static_cast<std::uint32_t>(r.certifications.size());
          o.first_issue = static_cast<std::uint32_t>(r.issues.size());
          for (auto& c : e.certs) r.certifications.push_back(std::move(c));
          for (auto& x : e.issues) r.issues.push_back(std::move(x));
          o.certs = std::move(e.cert_places);
          o.issues = std::move(e.issue_places);
        }
      }
      b_.add_firm(r);
      flush_bad(kind);
      break;
    }
    case TableId::links: {
      link_.clear();
      LinkRecord& r = link_;
      each([&](int i, std::string v) {
        switch (i) {
          case 0: r.supplier = std::move(v); break;
          case 1: r.customer = std::move(v); break;
          case 2: r.input = std::move(v); break;
          case 3: num(v, i, "share", r.share, r.invalid); break;
          case 4:
            if (auto b = english_value(CellKind::boolean, v)) r.essential = *b == "true";
            else bad.emplace_back("essential", "expected true or false, got \"" + v + "\"");
            break;
          case 5: num(v, i, "weight", r.weight, r.invalid); break;
          case 6: num(v, i, "inspection", r.inspection, r.invalid); break;
          case 7:
            for (std::string& s : split(v, ';'))
              if (!s.empty()) r.requires_schemes.push_back(std::move(s));
            break;
          case 8: num(v, i, "value", r.value, r.invalid); break;
          default: break;
        }
      });
      b_.add_link(r);
      flush_bad(kind);
      break;
    }
    case TableId::inputs: {
      InputRecord r;
      each([&](int i, std::string v) { (i == 0 ? r.id : r.name) = std::move(v); });
      b_.add_input(r);
      break;
    }
  }
}

ChainLoad TableLoader::finish() {
  // Entries on the certification and firm-issue sheets for firms that are not in the firm table.
  for (const auto& [firm, e] : extra_) {
    if (e.used) continue;
    for (const Place& p : e.cert_places) {
      Place q = p;
      if (spreadsheet_) q.column = 1;
      problem(Severity::error, q, "firm", "unknown firm \"" + firm + "\"");
    }
    for (const Place& p : e.issue_places) {
      Place q = p;
      if (spreadsheet_) q.column = 1;
      problem(Severity::error, q, "firm", "unknown firm \"" + firm + "\"");
    }
  }
  std::optional<ChainGraph> chain = b_.build();
  ChainLoad out = std::move(direct_);
  const auto column_in = [](const TableSpec& t, const std::vector<std::uint32_t>& columns, const std::string& field) -> std::uint32_t {
    for (std::size_t i = 0; i < t.columns.size() && i < columns.size(); ++i)
      if (field == t.columns[i].key) return columns[i];
    return 0;
  };
  for (const Problem& p : b_.problems()) {
    const KindPlaces& kp = places_[static_cast<int>(p.ref.kind)];
    // The builder names chain.defaults fields as in JSON; the tables spell them as columns.
    std::string field = p.ref.kind == Kind::chain && p.field.rfind("defaults.", 0) == 0 ? "default_" + p.field.substr(9) : p.field;
    std::string message = p.message;
    if (p.first) {
      const auto& first_lines = places_[static_cast<int>(p.first->kind)].lines;
      if (p.first->index < first_lines.size()) message += " (first at line " + std::to_string(first_lines[p.first->index]) + ")";
    }
    Place where{kp.file, kp.sheet, p.ref.index < kp.lines.size() ? kp.lines[p.ref.index] : 0, 0};
    std::string base = field.substr(0, field.find_first_of("[."));
    if (base == "assisted" && field.size() > 9) base = "assisted_" + field.substr(9);  // assisted.since: column assisted_since
    if (kp.spec) where.column = column_in(*kp.spec, table_columns_[static_cast<int>(kp.spec->id)], base);
    // An entry given on the certification or firm-issue sheet is located there.
    if (p.ref.kind == Kind::firm && (base == "certifications" || base == "issues") && field.size() > base.size() && field[base.size()] == '[') {
      const auto it = firm_origin_.find(p.ref.index);
      if (it != firm_origin_.end()) {
        const bool cert = base == "certifications";
        const std::uint32_t k = static_cast<std::uint32_t>(std::strtoul(field.c_str() + base.size() + 1, nullptr, 10));
        const std::uint32_t first = cert ? it->second.first_cert : it->second.first_issue;
        const auto& list = cert ? it->second.certs : it->second.issues;
        if (k >= first && k - first < list.size()) {
          where = list[k - first];
          const auto dot = field.find("].");
          field = dot == std::string::npos ? (cert ? "scheme" : "code") : field.substr(dot + 2);
          const TableSpec& t = table_spec(cert ? TableId::certifications : TableId::firm_issues);
          where.column = column_in(t, table_columns_[static_cast<int>(t.id)], field);
        }
      }
    }
    Diagnostic d{p.severity, where.file, where.line, spreadsheet_ ? where.column : 0, std::move(field), std::move(message)};
    d.sheet = where.sheet;
    out.diagnostics.push_back(std::move(d));
  }
  out.errors += b_.error_count();
  out.warnings += b_.problem_count() - b_.error_count();
  std::stable_sort(out.diagnostics.begin(), out.diagnostics.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return a.file != b.file ? a.file < b.file : a.sheet != b.sheet ? a.sheet < b.sheet : a.line < b.line;
  });
  if (out.errors == 0) out.chain = std::move(chain);
  return out;
}

}  // namespace qchain::graphs::detail
