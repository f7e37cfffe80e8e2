// The CSV folder loader: firms.csv and links.csv (required), chain.csv, segments.csv, issues.csv
// (optional; also certifications.csv and firm_issues.csv). RFC 4180 via libcsv, UTF-8 with or
// without BOM, UTF-16 by its BOM, GB18030 (GBK) when the bytes are not UTF-8, any line ending. Rows
// go through the shared table reader (table_loader.hpp) into ChainBuilder; the builder's problems are
// located by the row's line number.
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

#include "qchain/core/utf8.hpp"
#include "qchain/graphs/chain_builder.hpp"
#include "qchain/graphs/chain_loader.hpp"
#include "qchain/graphs/name_match.hpp"
#include "qchain/core/text_encoding.hpp"
#include "table_loader.hpp"

namespace qchain::graphs {
namespace {

// One CSV file, parsed row by row. Calls on_header(cells) once, then on_row(cells, line).
class CsvFile {
 public:
  using RowFn = std::function<void(const std::vector<std::string>&, std::uint32_t)>;

  // Returns false (with `error` set) when the file is not valid CSV or not UTF-8.
  bool parse(const std::string& text, const RowFn& on_row, std::string& error, std::uint32_t& error_line) {
    std::string_view data(text);
    if (data.substr(0, 3) == kUtf8Bom) data.remove_prefix(3);
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

class FolderLoader {
 public:
  FolderLoader(std::string folder, std::string encoding) : folder_(std::move(folder)), encoding_(std::move(encoding)) {
    while (folder_.size() > 1 && folder_.back() == '/') folder_.pop_back();
  }

  ChainLoad run() {
    if (!load(TableId::chain, false)) {
      const auto slash = folder_.find_last_of('/');
      t_.set_default_chain(slash == std::string::npos ? folder_ : folder_.substr(slash + 1));
    }
    load(TableId::segments, false);
    load(TableId::issues, false);
    // Certifications and firm issues may also come as tables of their own, one row per entry.
    load(TableId::certifications, false);
    load(TableId::firm_issues, false);
    if (!load(TableId::firms, true) || !t_.table_ok()) t_.firms_unreadable();
    if (!load(TableId::links, true) || !t_.table_ok()) t_.links_unreadable();
    load(TableId::inputs, false);
    return t_.finish();
  }

 private:
  // Returns whether the file existed.
  bool load(TableId id, bool required) {
    const std::string path = folder_ + "/" + table_spec(id).key + ".csv";
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) {
      if (required) t_.problem(Severity::error, {path, "", 0, 0}, "", "required file is missing");
      return false;
    }
    t_.begin(id, path);
    if (S_ISDIR(st.st_mode)) {
      t_.problem(Severity::error, {path, "", 0, 0}, "", "is a directory, expected a CSV file");
      t_.end(false);
      return true;
    }
    DecodedText decoded = decode_text(read_file(path, static_cast<std::size_t>(st.st_size)), encoding_);
    if (decoded.encoding.rfind("invalid ", 0) == 0) {
      t_.problem(Severity::error, {path, "", 0, 0}, "",
                 "not valid " + decoded.encoding.substr(8) + (encoding_.empty() ? " (nor UTF-8)" : "") + ": --encoding names another");
      t_.end(false);
      return true;
    }
    if (decoded.guessed)
      t_.problem(Severity::warning, {path, "", 0, 0}, "",
                 "not UTF-8: read as GB18030 (GBK), as Chinese Excel and WPS save CSV; --encoding names another");
    CsvFile::RowFn on_row = [&](const std::vector<std::string>& cells, std::uint32_t line) { t_.row(cells, line); };
    CsvFile csv;
    std::string error;
    std::uint32_t error_line = 0;
    const bool parsed = csv.parse(decoded.text, on_row, error, error_line);
    if (!parsed) t_.problem(Severity::error, {path, "", error_line, 0}, "", error);
    t_.end(parsed);
    return true;
  }

  std::string folder_, encoding_;
  detail::TableLoader t_{false};
};

}  // namespace

ChainLoad load_chain_csv(const std::string& folder, const LoadOptions& options) {
  struct stat st {};
  if (::stat(folder.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) throw IoError(folder + ": not a readable folder");
  return FolderLoader(folder, options.encoding).run();
}

}  // namespace qchain::graphs
