// The CSV folder loader: firms.csv and links.csv (required), chain.csv, segments.csv, issues.csv
// (optional). RFC 4180 via libcsv, UTF-8 with or without BOM, any line ending. Rows go straight
// into ChainBuilder; the builder's problems are located by the row's line number.
#include <csv.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstring>
#include <cstdio>
#include <functional>
#include <memory>

#include "qchain/graphs/chain_builder.hpp"
#include "qchain/graphs/chain_loader.hpp"
#include "qchain/graphs/name_match.hpp"

namespace qchain::graphs {
namespace {

using Kind = RecordRef::Kind;

std::string trim(std::string_view s) {
  const auto b = s.find_first_not_of(" \t");
  if (b == std::string_view::npos) return {};
  return std::string(s.substr(b, s.find_last_not_of(" \t") - b + 1));
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

std::optional<double> parse_number(const std::string& s) {
  double v = 0;
  const char* b = s.data();
  const char* e = b + s.size();
  if (b != e && *b == '+') ++b;
  auto [p, ec] = std::from_chars(b, e, v);
  if (ec == std::errc::result_out_of_range) return std::numeric_limits<double>::infinity();
  if (ec != std::errc() || p != e || b == e) return std::nullopt;
  return v;
}

std::optional<bool> parse_bool(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (s == "true" || s == "1" || s == "yes") return true;
  if (s == "false" || s == "0" || s == "no") return false;
  return std::nullopt;
}

// One CSV file, parsed row by row. Calls on_header(cells) once, then on_row(cells, line).
class CsvFile {
 public:
  using RowFn = std::function<void(const std::vector<std::string>&, std::uint32_t)>;

  // Returns false (with `error` set) when the file is not valid CSV or not UTF-8.
  bool parse(const std::string& text, const RowFn& on_row, std::string& error, std::uint32_t& error_line) {
    std::string_view data(text);
    if (data.substr(0, 3) == "\xEF\xBB\xBF") data.remove_prefix(3);
    if (!is_valid_utf8(data)) {
      error = "invalid UTF-8";
      error_line = line_of(data, first_invalid(data));
      return false;
    }
    csv_parser p;
    csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL);
    on_row_ = &on_row;
    std::size_t pos = 0;
    bool ok = true;
    while (pos < data.size()) {
      // Feed one physical line at a time so that rows know where they start.
      std::size_t end = data.find_first_of("\r\n", pos);
      if (end == std::string_view::npos) end = data.size();
      else end += (data[end] == '\r' && end + 1 < data.size() && data[end + 1] == '\n') ? 2 : 1;
      if (p.pstate == 0 && cells_.empty()) pending_line_ = line_;  // a row can begin on this line
      if (csv_parse(&p, data.data() + pos, end - pos, &CsvFile::on_field, &CsvFile::on_end, this) != end - pos) {
        ok = false;
        break;
      }
      ++line_;
      pos = end;
    }
    if (ok && csv_fini(&p, &CsvFile::on_field, &CsvFile::on_end, this) != 0) ok = false;
    if (!ok) {
      error = csv_error(&p) == CSV_EPARSE ? "malformed CSV: a quote is not closed, or text follows a closing quote"
                                          : std::string("malformed CSV: ") + csv_strerror(csv_error(&p));
      error_line = row_line_ ? row_line_ : line_;
    }
    csv_free(&p);
    return ok;
  }

 private:
  static std::size_t first_invalid(std::string_view s) {
    std::size_t lo = 0, hi = s.size();  // invariant: s[0, lo) valid
    while (hi - lo > 1) {
      const std::size_t mid = (lo + hi) / 2;
      // Cut only at character starts so a valid prefix stays valid.
      std::size_t cut = mid;
      while (cut > lo && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
      if (cut == lo) break;
      if (is_valid_utf8(s.substr(0, cut))) lo = cut;
      else hi = cut;
    }
    return lo;
  }
  static std::uint32_t line_of(std::string_view s, std::size_t offset) {
    return 1 + static_cast<std::uint32_t>(std::count(s.begin(), s.begin() + static_cast<std::ptrdiff_t>(offset), '\n'));
  }
  static void on_field(void* field, std::size_t len, void* self_ptr) {
    auto* self = static_cast<CsvFile*>(self_ptr);
    if (self->cells_.empty()) self->row_line_ = self->pending_line_;
    self->cells_.emplace_back(static_cast<const char*>(field), len);
  }
  static void on_end(int, void* self_ptr) {
    auto* self = static_cast<CsvFile*>(self_ptr);
    if (self->cells_.empty()) self->row_line_ = self->pending_line_;
    (*self->on_row_)(self->cells_, self->row_line_);
    self->cells_.clear();
    self->row_line_ = 0;
  }

  const RowFn* on_row_ = nullptr;
  std::vector<std::string> cells_;
  std::uint32_t line_ = 1, row_line_ = 0, pending_line_ = 1;
};

// The whole file in one read into a buffer of the right size.
std::string read_file(const std::string& path, std::size_t size) {
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> f(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!f) throw IoError(path + ": cannot open: " + std::strerror(errno));
  std::string text(size, '\0');
  const std::size_t n = std::fread(text.data(), 1, size, f.get());
  if (std::ferror(f.get())) throw IoError(path + ": cannot read: " + std::strerror(errno));
  text.resize(n);
  return text;
}

struct FileSpec {
  const char* file;
  Kind kind;
  std::vector<const char*> columns;
  std::vector<const char*> required;
  std::vector<const char*> needed = {};  // optional, but every analysis rests on them
};

const FileSpec kChainCsv{"chain.csv", Kind::chain,
                         {"id", "name", "region", "industry", "description", "as_of", "default_detection", "default_inspection"},
                         {"id", "name"}};
const FileSpec kSegmentsCsv{"segments.csv", Kind::segment, {"id", "name", "order"}, {"id", "name", "order"}};
const FileSpec kIssuesCsv{"issues.csv", Kind::issue, {"code", "name", "category", "yield_loss", "description"}, {"code", "name", "category"}};
const FileSpec kFirmsCsv{"firms.csv", Kind::firm,
                         {"id", "name", "role", "segment", "region", "first_pass_yield", "maturity", "employees", "revenue",
                          "certifications", "issues", "assisted_by", "assisted_since", "assisted_programme", "detection", "willingness"},
                         {"id", "name", "role"},
                         {"first_pass_yield"}};
const FileSpec kLinksCsv{"links.csv", Kind::link,
                         {"supplier", "customer", "input", "share", "essential", "weight", "inspection", "requires", "value"},
                         {"supplier", "customer"}};

class FolderLoader {
 public:
  explicit FolderLoader(std::string folder) : folder_(std::move(folder)) {
    while (folder_.size() > 1 && folder_.back() == '/') folder_.pop_back();
  }

  ChainLoad run() {
    if (!load(kChainCsv, false)) {
      ChainRecord r;
      const auto slash = folder_.find_last_of('/');
      r.id = r.name = slash == std::string::npos ? folder_ : folder_.substr(slash + 1);
      b_.set_chain(r);
    }
    load(kSegmentsCsv, false);
    load(kIssuesCsv, false);
    if (!load(kFirmsCsv, true) || !file_ok_) b_.set_firms_unreadable();
    if (!load(kLinksCsv, true) || !file_ok_) b_.set_links_unreadable();
    std::optional<ChainGraph> chain = b_.build();

    ChainLoad out = std::move(direct_);
    for (const Problem& p : b_.problems()) {
      const auto& lines = lines_[static_cast<int>(p.ref.kind)];
      // The builder names chain.defaults fields as in JSON; chain.csv spells them as columns.
      std::string field = p.ref.kind == Kind::chain && p.field.rfind("defaults.", 0) == 0 ? "default_" + p.field.substr(9) : p.field;
      std::string message = p.message;
      if (p.first) {
        const auto& first_lines = lines_[static_cast<int>(p.first->kind)];
        if (p.first->index < first_lines.size()) message += " (first at line " + std::to_string(first_lines[p.first->index]) + ")";
      }
      Diagnostic d{p.severity, path_of(p.ref.kind), p.ref.index < lines.size() ? lines[p.ref.index] : 0, 0, std::move(field),
                   std::move(message)};
      out.diagnostics.push_back(std::move(d));
    }
    out.errors += b_.error_count();
    out.warnings += b_.problem_count() - b_.error_count();
    std::stable_sort(out.diagnostics.begin(), out.diagnostics.end(), [](const Diagnostic& a, const Diagnostic& b) {
      return a.file != b.file ? a.file < b.file : a.line < b.line;
    });
    if (out.errors == 0) out.chain = std::move(chain);
    return out;
  }

 private:
  std::string path_of(Kind k) const {
    const FileSpec* specs[] = {nullptr, &kChainCsv, &kSegmentsCsv, &kIssuesCsv, &kFirmsCsv, &kLinksCsv};
    const FileSpec* s = specs[static_cast<int>(k)];
    return s ? folder_ + "/" + s->file : folder_;
  }

  void direct(Severity s, const std::string& file, std::uint32_t line, std::string field, std::string message) {
    direct_.diagnostics.push_back({s, file, line, 0, std::move(field), std::move(message)});
    (s == Severity::error ? direct_.errors : direct_.warnings)++;
  }

  // Returns whether the file existed.
  bool load(const FileSpec& spec, bool required) {
    const std::string path = folder_ + "/" + spec.file;
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) {
      if (required) direct(Severity::error, path, 0, "", "required file is missing");
      return false;
    }
    if (S_ISDIR(st.st_mode)) {
      direct(Severity::error, path, 0, "", "is a directory, expected a CSV file");
      file_ok_ = false;
      return true;
    }
    const std::string text = read_file(path, static_cast<std::size_t>(st.st_size));

    std::vector<int> column_field;  // per column: index into spec.columns, or -1
    bool header_ok = false, header_done = false;
    std::uint32_t rows = 0;
    auto& lines = lines_[static_cast<int>(spec.kind)];
    CsvFile::RowFn on_row = [&](const std::vector<std::string>& cells, std::uint32_t line) {
      if (!header_done) {
        header_done = true;
        header_ok = read_header(spec, path, cells, line, column_field);
        return;
      }
      if (!header_ok) return;
      if (std::all_of(cells.begin(), cells.end(), [](const std::string& c) { return trim(c).empty(); })) return;
      if (spec.kind == Kind::chain && rows > 0) {
        direct(Severity::error, path, line, "", "chain.csv holds one chain: extra row");
        return;
      }
      ++rows;
      lines.push_back(line);
      // Trailing empty cells (a row saved with more commas than the header) hold nothing to lose.
      std::size_t used = cells.size();
      while (used > column_field.size() && trim(cells[used - 1]).empty()) --used;
      if (used > column_field.size())
        direct(Severity::error, path, line, "", "row has " + std::to_string(used) + " cells, the header " +
                                                     std::to_string(column_field.size()));
      add_row(spec.kind, cells, column_field);
    };
    CsvFile csv;
    std::string error;
    std::uint32_t error_line = 0;
    const bool parsed = csv.parse(text, on_row, error, error_line);
    file_ok_ = parsed && header_ok;
    if (!parsed) direct(Severity::error, path, error_line, "", error);
    else if (!header_done) direct(Severity::error, path, 0, "", "empty file: expected a header row");
    return true;
  }

  bool read_header(const FileSpec& spec, const std::string& path, const std::vector<std::string>& cells, std::uint32_t line,
                   std::vector<int>& column_field) {
    column_field.assign(cells.size(), -1);
    std::vector<bool> seen(spec.columns.size(), false);
    bool ok = true;
    std::vector<std::string> unknown;
    for (std::size_t c = 0; c < cells.size(); ++c) {
      const std::string name = trim(cells[c]);
      if (fold_header(name).empty()) continue;  // the empty columns a spreadsheet export leaves on the right
      auto it = std::find_if(spec.columns.begin(), spec.columns.end(), [&](const char* x) { return name == x; });
      if (it == spec.columns.end()) {
        // Case, spaces and full-width characters do not make another column: read it, and say so.
        const std::string folded = fold_header(name);
        it = std::find_if(spec.columns.begin(), spec.columns.end(), [&](const char* x) { return folded == x; });
        if (it != spec.columns.end())
          direct(Severity::warning, path, line, name, std::string("column header read as ") + *it);
      }
      if (it == spec.columns.end()) {
        unknown.push_back(name);
        continue;
      }
      const auto f = static_cast<std::size_t>(it - spec.columns.begin());
      if (seen[f]) {
        direct(Severity::error, path, line, name, "duplicate column");
        ok = false;
      }
      seen[f] = true;
      column_field[c] = static_cast<int>(f);
    }
    for (const char* r : spec.required) {
      const auto f = static_cast<std::size_t>(
          std::find_if(spec.columns.begin(), spec.columns.end(), [&](const char* x) { return std::strcmp(x, r) == 0; }) -
          spec.columns.begin());
      if (!seen[f]) {
        direct(Severity::error, path, line, r, "required column is missing");
        ok = false;
      }
    }
    // An unknown column is ignored, unless a column every analysis needs is missing: then it is
    // most likely that column misspelt, and ignoring it would quietly impute every value.
    std::vector<std::string> known(spec.columns.begin(), spec.columns.end());
    for (const std::string& name : unknown) {
      std::string missing;
      for (const char* n : spec.needed) {
        const auto f = static_cast<std::size_t>(std::find(known.begin(), known.end(), n) - known.begin());
        if (!seen[f]) missing += std::string(missing.empty() ? "" : ", ") + n;
      }
      const auto guess = closest_name(name, known);
      const std::string hint = guess ? " (did you mean " + *guess + "?)" : "";
      if (missing.empty()) {
        direct(Severity::warning, path, line, name, "unknown column (ignored)" + hint);
      } else {
        direct(Severity::error, path, line, name, "unknown column, and " + missing + ", which every analysis needs, is missing" + hint);
        ok = false;
      }
    }
    return ok;
  }

  // Reads cell `text` of column `name` into `slot`, flagging malformed numbers as invalid.
  static void number(const std::string& text, const char* name, std::optional<double>& slot, std::vector<std::string>& invalid,
                     std::vector<std::pair<std::string, std::string>>& bad) {
    if (auto v = parse_number(text)) {
      // from_chars gives infinity for a written "inf", parse_number for a number past double's range.
      if (std::isinf(*v) && text.find_first_of("nN") == std::string::npos) {
        invalid.emplace_back(name);
        bad.emplace_back(name, "number out of range: \"" + text + "\"");
      } else {
        slot = v;
      }
    } else {
      invalid.emplace_back(name);
      bad.emplace_back(name, "expected a number, got \"" + text + "\"");
    }
  }

  void add_row(Kind kind, const std::vector<std::string>& cells, const std::vector<int>& column_field) {
    std::vector<std::pair<std::string, std::string>> bad;  // field, message
    const auto index = static_cast<std::uint32_t>(lines_[static_cast<int>(kind)].size() - 1);
    auto each = [&](auto&& fn) {
      for (std::size_t c = 0; c < cells.size() && c < column_field.size(); ++c) {
        if (column_field[c] < 0) continue;
        // libcsv already trimmed unquoted cells; quoted spaces are kept as written.
        if (!cells[c].empty()) fn(column_field[c], cells[c]);
      }
    };
    switch (kind) {
      case Kind::chain: {
        ChainRecord r;
        std::optional<std::string>* f[] = {&r.id, &r.name, &r.region, &r.industry, &r.description, &r.as_of};
        each([&](int i, std::string v) {
          if (i == 6) number(v, "defaults.detection", r.default_detection, r.invalid, bad);
          else if (i == 7) number(v, "defaults.inspection", r.default_inspection, r.invalid, bad);
          else *f[i] = std::move(v);
        });
        b_.set_chain(r);
        break;
      }
      case Kind::segment: {
        SegmentRecord r;
        each([&](int i, std::string v) {
          if (i == 2) number(v, "order", r.order, r.invalid, bad);
          else (i == 0 ? r.id : r.name) = std::move(v);
        });
        b_.add_segment(r);
        break;
      }
      case Kind::issue: {
        IssueRecord r;
        each([&](int i, std::string v) {
          if (i == 3) number(v, "yield_loss", r.yield_loss, r.invalid, bad);
          else {
            std::optional<std::string>* f[] = {&r.code, &r.name, &r.category, nullptr, &r.description};
            *f[i] = std::move(v);
          }
        });
        b_.add_issue(r);
        break;
      }
      case Kind::firm: {
        firm_.clear();
        FirmRecord& r = firm_;
        each([&](int i, std::string v) {
          switch (i) {
            case 0: r.id = std::move(v); break;
            case 1: r.name = std::move(v); break;
            case 2: r.role = std::move(v); break;
            case 3: r.segment = std::move(v); break;
            case 4: r.region = std::move(v); break;
            case 5: number(v, "first_pass_yield", r.first_pass_yield, r.invalid, bad); break;
            case 6: r.maturity = std::move(v); break;
            case 7: number(v, "employees", r.employees, r.invalid, bad); break;
            case 8: number(v, "revenue", r.revenue, r.invalid, bad); break;
            case 9:
              for (const std::string& item : split(v, ';')) {
                if (item.empty()) continue;
                const auto parts = split(item, ':');
                CertificationRecord c;
                if (!parts[0].empty()) c.scheme = parts[0];
                if (parts.size() > 1 && !parts[1].empty()) c.status = parts[1];
                if (parts.size() > 2 && !parts[2].empty()) c.expires = parts[2];
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
                  if (auto s = parse_number(parts[1])) x.severity = s;
                  else bad.emplace_back("issues", "\"" + item + "\": severity is not a number");
                }
                if (parts.size() > 2) bad.emplace_back("issues", "\"" + item + "\" has more than code:severity");
                r.issues.push_back(std::move(x));
              }
              break;
            case 14: number(v, "detection", r.detection, r.invalid, bad); break;
            case 15: r.willingness = std::move(v); break;
            default: {
              if (!r.assisted) r.assisted.emplace();
              (i == 11 ? r.assisted->by : i == 12 ? r.assisted->since : r.assisted->programme) = std::move(v);
            }
          }
        });
        b_.add_firm(r);
        break;
      }
      case Kind::link: {
        link_.clear();
        LinkRecord& r = link_;
        each([&](int i, std::string v) {
          switch (i) {
            case 0: r.supplier = std::move(v); break;
            case 1: r.customer = std::move(v); break;
            case 2: r.input = std::move(v); break;
            case 3: number(v, "share", r.share, r.invalid, bad); break;
            case 4:
              if (auto b = parse_bool(v)) r.essential = b;
              else bad.emplace_back("essential", "expected true or false, got \"" + v + "\"");
              break;
            case 5: number(v, "weight", r.weight, r.invalid, bad); break;
            case 6: number(v, "inspection", r.inspection, r.invalid, bad); break;
            case 7:
              for (std::string& s : split(v, ';'))
                if (!s.empty()) r.requires_schemes.push_back(std::move(s));
              break;
            case 8: number(v, "value", r.value, r.invalid, bad); break;
            default: break;
          }
        });
        b_.add_link(r);
        break;
      }
      default: break;
    }
    for (auto& [field, message] : bad) b_.add_problem(Problem{Severity::error, {kind, index}, field, message, std::nullopt});
  }

  std::string folder_;
  ChainBuilder b_;
  ChainLoad direct_;
  std::vector<std::uint32_t> lines_[6];
  FirmRecord firm_;
  LinkRecord link_;
  bool file_ok_ = false;  // the last file loaded had a valid header and parsed completely
};

}  // namespace

ChainLoad load_chain_csv(const std::string& folder) {
  struct stat st {};
  if (::stat(folder.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) throw IoError(folder + ": not a readable folder");
  return FolderLoader(folder).run();
}

}  // namespace qchain::graphs
