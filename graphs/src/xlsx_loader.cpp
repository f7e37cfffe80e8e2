// The workbook (.xlsx) reader: the survey workbook of `qchain template`, or any workbook that
// Excel, WPS or LibreOffice wrote with the same sheets. liborcus (LibreOffice's import filters)
// parses the package and the sheets into our own light import factory, which keeps every cell as
// text (numbers in their shortest round-trip form, dates as serial numbers, which the date columns
// read); the shared table reader (table_loader.hpp) does the rest, exactly as for a CSV folder.
#include <orcus/exception.hpp>
#include <orcus/orcus_xlsx.hpp>
#include <orcus/spreadsheet/import_interface.hpp>
#include <sys/stat.h>
#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <memory>

#include "qchain/core/number_format.hpp"
#include "qchain/graphs/chain_loader.hpp"
#include "table_loader.hpp"

namespace qchain::graphs {
namespace {

namespace ss = orcus::spreadsheet;
namespace iface = orcus::spreadsheet::iface;

// Limits: a workbook is read whole into memory, so its size, its unpacked size and its cells are
// bounded, with a message that says which limit was hit.
constexpr std::uint64_t kMaxFileBytes = 512ull << 20;       // the .xlsx itself
constexpr std::uint64_t kMaxUnpackedBytes = 2048ull << 20;  // all its parts unpacked
constexpr std::uint64_t kMaxRatio = 200;                    // unpacked / packed for one large part
constexpr std::uint64_t kMaxCells = 30'000'000;
constexpr ss::row_t kMaxRows = 1'048'576;  // Excel's own limits
constexpr ss::col_t kMaxColumns = 16'384;

struct LimitExceeded : std::runtime_error {
  using std::runtime_error::runtime_error;
};

std::uint32_t u16(const std::string& b, std::size_t at) {
  return static_cast<std::uint32_t>(static_cast<unsigned char>(b[at])) | static_cast<std::uint32_t>(static_cast<unsigned char>(b[at + 1])) << 8;
}
std::uint32_t u32(const std::string& b, std::size_t at) { return u16(b, at) | u16(b, at + 2) << 16; }

// Where the end-of-central-directory record starts (in the last 64 KiB + 22 bytes), or npos.
// Precondition: at least 22 bytes.
std::size_t end_of_directory(const std::string& bytes) {
  const std::size_t low = bytes.size() > 65557 ? bytes.size() - 65557 : 0;
  for (std::size_t i = bytes.size() - 22 + 1; i-- > low;)
    if (bytes.compare(i, 4, "PK\x05\x06") == 0) return i;
  return std::string::npos;
}

// Reads the zip central directory before anything is unpacked: a "zip bomb" (a small file that
// unpacks to gigabytes) is refused by the sizes it declares. Returns an error message or "".
std::string check_package(const std::string& bytes) {
  if (bytes.size() < 22 || bytes.compare(0, 2, "PK") != 0) return "not a workbook (.xlsx is a zip package; this file is not one)";
  const std::size_t eocd = end_of_directory(bytes);
  if (eocd == std::string::npos) return "not a workbook (a damaged zip package: no central directory)";
  const std::uint32_t entries = u16(bytes, eocd + 10);
  std::size_t at = u32(bytes, eocd + 16);
  std::uint64_t total = 0;
  for (std::uint32_t k = 0; k < entries; ++k) {
    if (at + 46 > bytes.size() || bytes.compare(at, 4, "PK\x01\x02") != 0) return "not a workbook (a damaged zip package)";
    const std::uint64_t packed = u32(bytes, at + 20), unpacked = u32(bytes, at + 24);
    if (packed == 0xFFFFFFFFu || unpacked == 0xFFFFFFFFu)
      return "workbook too large: a part of over 4 GiB (qchain reads workbooks up to " + std::to_string(kMaxUnpackedBytes >> 20) + " MiB unpacked)";
    total += unpacked;
    if (unpacked > (16u << 20) && unpacked > kMaxRatio * std::max<std::uint64_t>(packed, 1))
      return "refused: a part unpacks to " + std::to_string(unpacked >> 20) + " MiB from " + std::to_string(packed >> 10) +
             " KiB, more than " + std::to_string(kMaxRatio) + " times its size (a zip bomb?)";
    at += 46 + u16(bytes, at + 28) + u16(bytes, at + 30) + u16(bytes, at + 32);
  }
  if (total > kMaxUnpackedBytes)
    return "workbook too large: " + std::to_string(total >> 20) + " MiB unpacked, more than the " + std::to_string(kMaxUnpackedBytes >> 20) +
           " MiB qchain reads";
  return "";
}

// The package is unpacked here (zlib, bounded by the sizes the central directory declares) and
// handed to liborcus repacked with every part stored, so that liborcus never inflates anything.
// Relationship targets may be absolute part names (Target="/xl/worksheets/sheet1.xml"), as
// openpyxl and others write them; liborcus 0.17 resolves only relative ones and would read such a
// workbook as empty sheets. The target made relative to the folder of the part the .rels file
// belongs to ("xl/_rels/workbook.xml.rels" → folder "xl").
std::string relative_targets(const std::string& rels_name, std::string xml) {
  std::string folder = rels_name.substr(0, rels_name.rfind("_rels/"));
  if (!folder.empty() && folder.back() == '/') folder.pop_back();
  std::size_t depth = folder.empty() ? 0 : 1 + static_cast<std::size_t>(std::count(folder.begin(), folder.end(), '/'));
  for (std::size_t at = xml.find("Target=\"/"); at != std::string::npos; at = xml.find("Target=\"/", at + 8)) {
    const std::size_t begin = at + 8, end = xml.find('"', begin);
    if (end == std::string::npos) break;
    std::string target = xml.substr(begin + 1, end - begin - 1);  // without the leading '/'
    if (!folder.empty() && target.compare(0, folder.size() + 1, folder + "/") == 0) target.erase(0, folder.size() + 1);
    else
      for (std::size_t k = 0; k < depth; ++k) target.insert(0, "../");
    xml.replace(begin, end - begin, target);
  }
  return xml;
}

void put16(std::string& out, std::uint32_t v) {
  out += static_cast<char>(v & 0xFF);
  out += static_cast<char>((v >> 8) & 0xFF);
}
void put32(std::string& out, std::uint32_t v) {
  put16(out, v & 0xFFFF);
  put16(out, v >> 16);
}

// Inline strings (<c t="inlineStr"><is>…</is></c>), which openpyxl, libxlsxwriter's constant-memory
// mode and many exporters write, are not read by liborcus 0.17 (it handles <v> values only): each is
// moved to the shared-string table, whose entries have the same content (<t> or rich-text runs).
// Returns whether the sheet changed; `strings` collects the new <si> entries.
bool shared_inline_strings(std::string& xml, std::size_t first_index, std::string& strings) {
  if (xml.find("inlineStr") == std::string::npos) return false;
  std::string out;
  out.reserve(xml.size());
  std::size_t pos = 0, next = first_index;
  bool changed = false;
  while (true) {
    const std::size_t c = xml.find("<c ", pos);
    if (c == std::string::npos) break;
    const std::size_t tag_end = xml.find('>', c);
    if (tag_end == std::string::npos) break;
    const std::size_t type = xml.find("t=\"inlineStr\"", c);
    if (type == std::string::npos || type > tag_end || xml[tag_end - 1] == '/') {
      out.append(xml, pos, tag_end + 1 - pos);
      pos = tag_end + 1;
      continue;
    }
    const std::size_t is = xml.find("<is>", tag_end), is_end = xml.find("</is>", tag_end), cell_end = xml.find("</c>", tag_end);
    if (is == std::string::npos || is_end == std::string::npos || cell_end == std::string::npos || is > cell_end || is_end > cell_end) {
      out.append(xml, pos, tag_end + 1 - pos);
      pos = tag_end + 1;
      continue;
    }
    out.append(xml, pos, type - pos);
    out += "t=\"s\"";
    out.append(xml, type + 13, tag_end + 1 - (type + 13));
    out += "<v>" + std::to_string(next++) + "</v>";
    strings += "<si>";
    strings.append(xml, is + 4, is_end - is - 4);
    strings += "</si>";
    pos = cell_end;  // "</c>" and what follows are copied on
    changed = true;
  }
  out.append(xml, pos, std::string::npos);
  if (changed) xml = std::move(out);
  return changed;
}

// liborcus 0.17 aborts (an assert in its XML parser) on a numeric character reference that is no
// character (&#x110000;, a surrogate, digits out of range): such a part is refused before it gets there.
void check_character_references(const std::string& name, const std::string& xml) {
  for (std::size_t at = xml.find("&#"); at != std::string::npos; at = xml.find("&#", at + 2)) {
    std::size_t i = at + 2;
    const bool hex = i < xml.size() && xml[i] == 'x';
    if (hex) ++i;
    std::uint64_t point = 0;
    std::size_t digits = 0;
    while (i < xml.size() && digits < 12) {
      const char c = xml[i];
      int d = c >= '0' && c <= '9' ? c - '0' : hex && c >= 'a' && c <= 'f' ? c - 'a' + 10 : hex && c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
      if (d < 0) break;
      point = point * (hex ? 16 : 10) + static_cast<std::uint64_t>(d);
      ++digits, ++i;
    }
    const bool ok = digits > 0 && digits < 12 && i < xml.size() && xml[i] == ';' && point <= 0x10FFFF && !(point >= 0xD800 && point <= 0xDFFF);
    if (!ok) throw LimitExceeded("not a workbook (" + name + " holds a character reference that is no character)");
  }
}

std::size_t count_of(const std::string& s, const char* what) {
  std::size_t n = 0;
  for (std::size_t at = s.find(what); at != std::string::npos; at = s.find(what, at + 1)) ++n;
  return n;
}

// Every part of the package, unpacked by zlib within the sizes the central directory declares (a
// damaged stream cannot grow past them; liborcus 0.17's own unpacking can take gigabytes on one).
// check_package has vetted the directory.
std::vector<std::pair<std::string, std::string>> unpack(const std::string& bytes) {
  const auto damaged = [] { return LimitExceeded("not a workbook (a damaged zip package)"); };
  const std::size_t eocd = bytes.size() < 22 ? std::string::npos : end_of_directory(bytes);
  if (eocd == std::string::npos) throw damaged();
  const std::uint32_t entries = u16(bytes, eocd + 10);
  std::size_t at = u32(bytes, eocd + 16);
  std::vector<std::pair<std::string, std::string>> parts;
  for (std::uint32_t k = 0; k < entries; ++k) {
    if (at + 46 > bytes.size() || bytes.compare(at, 4, "PK\x01\x02") != 0) throw damaged();
    const std::uint32_t method = u16(bytes, at + 10), crc = u32(bytes, at + 16);
    const std::uint32_t packed = u32(bytes, at + 20), unpacked = u32(bytes, at + 24);
    const std::uint32_t name_len = u16(bytes, at + 28);
    const std::size_t local = u32(bytes, at + 42);
    if (at + 46 + name_len > bytes.size()) throw damaged();
    std::string name = bytes.substr(at + 46, name_len);
    at += 46 + name_len + u16(bytes, at + 30) + u16(bytes, at + 32);
    if (local + 30 > bytes.size() || bytes.compare(local, 4, "PK\x03\x04") != 0) throw damaged();
    const std::size_t data = local + 30 + u16(bytes, local + 26) + u16(bytes, local + 28);
    if (data > bytes.size() || packed > bytes.size() - data) throw damaged();
    if (!name.empty() && name.back() == '/') continue;  // a folder
    std::string out;
    if (method == 0) {
      if (packed != unpacked) throw damaged();
      out = bytes.substr(data, packed);
    } else if (method == 8) {
      out.assign(unpacked, '\0');
      z_stream z{};
      if (::inflateInit2(&z, -MAX_WBITS) != Z_OK) throw damaged();
      z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data() + data));
      z.avail_in = packed;
      z.next_out = reinterpret_cast<Bytef*>(out.data());
      z.avail_out = unpacked;
      const int r = ::inflate(&z, Z_FINISH);
      const bool ok = (r == Z_STREAM_END || (r == Z_BUF_ERROR && z.avail_out == 0 && unpacked == 0)) && z.total_out == unpacked;
      ::inflateEnd(&z);
      if (!ok) throw damaged();
    } else {
      throw LimitExceeded("not a workbook (a zip package with parts packed in an unknown way)");
    }
    if (static_cast<std::uint32_t>(::crc32(0, reinterpret_cast<const Bytef*>(out.data()), static_cast<uInt>(out.size()))) != crc)
      throw damaged();
    parts.emplace_back(std::move(name), std::move(out));
  }
  return parts;
}

// The package again, every part stored (uncompressed), with what liborcus 0.17 cannot read made
// into what it can: absolute relationship targets made relative, inline strings made shared.
std::string normalised_package(const std::string& bytes) {
  std::vector<std::pair<std::string, std::string>> parts = unpack(bytes);
  for (auto& [name, data] : parts) {
    check_character_references(name, data);
    if (name.size() > 5 && name.compare(name.size() - 5, 5, ".rels") == 0 && data.find("Target=\"/") != std::string::npos)
      data = relative_targets(name, std::move(data));
  }
  const auto part = [&](const std::string& name) -> std::string* {
    for (auto& [n, d] : parts)
      if (n == name) return &d;
    return nullptr;
  };
  std::string* sst = part("xl/sharedStrings.xml");
  std::size_t existing = sst ? count_of(*sst, "<si>") + count_of(*sst, "<si ") : 0;
  std::string strings;
  for (auto& [name, data] : parts)
    if (name.rfind("xl/worksheets/", 0) == 0 && name.find("_rels") == std::string::npos)
      shared_inline_strings(data, existing + count_of(strings, "<si>"), strings);
  if (!strings.empty()) {
    if (sst) {
      const std::size_t end = sst->rfind("</sst>");
      if (end == std::string::npos) throw std::runtime_error("malformed shared strings");
      sst->insert(end, strings);
    } else {
      parts.emplace_back("xl/sharedStrings.xml",
                         "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<sst xmlns=\"http://schemas.openxmlformats.org/"
                         "spreadsheetml/2006/main\">" + strings + "</sst>");
      if (std::string* rels = part("xl/_rels/workbook.xml.rels")) {
        const std::size_t end = rels->rfind("</Relationships>");
        if (end != std::string::npos)
          rels->insert(end, "<Relationship Id=\"rIdQchainSharedStrings\" Type=\"http://schemas.openxmlformats.org/officeDocument/"
                            "2006/relationships/sharedStrings\" Target=\"sharedStrings.xml\"/>");
      }
      if (std::string* types = part("[Content_Types].xml")) {
        const std::size_t end = types->rfind("</Types>");
        if (end != std::string::npos)
          types->insert(end, "<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/vnd.openxmlformats-"
                             "officedocument.spreadsheetml.sharedStrings+xml\"/>");
      }
    }
  }
  std::string out, directory;
  for (const auto& [name, data] : parts) {
    if (data.size() > 0xFFFFFFF0u) throw LimitExceeded("workbook too large: a part of over 4 GiB (qchain reads workbooks up to " + std::to_string(kMaxUnpackedBytes >> 20) + " MiB unpacked)");
    const auto crc = static_cast<std::uint32_t>(::crc32(0, reinterpret_cast<const Bytef*>(data.data()), static_cast<uInt>(data.size())));
    const auto offset = static_cast<std::uint32_t>(out.size());
    const auto size = static_cast<std::uint32_t>(data.size());
    put32(out, 0x04034b50), put16(out, 20), put16(out, 0x0800), put16(out, 0), put32(out, 0);
    put32(out, crc), put32(out, size), put32(out, size), put16(out, static_cast<std::uint32_t>(name.size())), put16(out, 0);
    out += name;
    out += data;
    put32(directory, 0x02014b50), put16(directory, 20), put16(directory, 20), put16(directory, 0x0800), put16(directory, 0);
    put32(directory, 0), put32(directory, crc), put32(directory, size), put32(directory, size);
    put16(directory, static_cast<std::uint32_t>(name.size())), put16(directory, 0), put16(directory, 0), put16(directory, 0);
    put16(directory, 0), put32(directory, 0), put32(directory, offset);
    directory += name;
  }
  const auto dir_offset = static_cast<std::uint32_t>(out.size());
  out += directory;
  put32(out, 0x06054b50), put16(out, 0), put16(out, 0), put16(out, static_cast<std::uint32_t>(parts.size()));
  put16(out, static_cast<std::uint32_t>(parts.size())), put32(out, static_cast<std::uint32_t>(directory.size())), put32(out, dir_offset);
  put16(out, 0);
  return out;
}

struct Sheet {
  std::string name;
  // [row] → the row's non-empty cells (column, text), sparse: a cell far to the right costs one
  // entry, not a row of 16,384. dense() gives a row as the table reader takes it.
  std::vector<std::vector<std::pair<std::uint16_t, std::string>>> rows;
  void dense(std::size_t r, std::vector<std::string>& out) const {
    out.clear();
    for (const auto& [c, v] : rows[r]) {
      if (out.size() <= c) out.resize(static_cast<std::size_t>(c) + 1);
      out[c] = v;
    }
  }
};

class Book;

class SharedStrings final : public iface::import_shared_strings {
 public:
  std::vector<std::string> strings;
  std::size_t append(std::string_view s) override {
    strings.emplace_back(s);
    return strings.size() - 1;
  }
  std::size_t add(std::string_view s) override { return append(s); }
  void set_segment_font(std::size_t) override {}
  void set_segment_bold(bool) override {}
  void set_segment_italic(bool) override {}
  void set_segment_font_name(std::string_view) override {}
  void set_segment_font_size(double) override {}
  void set_segment_font_color(ss::color_elem_t, ss::color_elem_t, ss::color_elem_t, ss::color_elem_t) override {}
  // Rich text: the runs of one cell, joined.
  void append_segment(std::string_view s) override { segments_ += s; }
  std::size_t commit_segments() override {
    strings.push_back(std::move(segments_));
    segments_.clear();
    return strings.size() - 1;
  }

 private:
  std::string segments_;
};

class SheetData final : public iface::import_sheet {
 public:
  SheetData(Sheet& s, const SharedStrings& strings, std::uint64_t& cells) : sheet_(s), strings_(strings), cells_(cells), formula_(*this) {}

  void put(ss::row_t row, ss::col_t col, std::string value) {
    if (row < 0 || col < 0 || row >= kMaxRows || col >= kMaxColumns) return;
    if (++cells_ > kMaxCells)
      throw LimitExceeded("more than " + std::to_string(kMaxCells) + " cells: qchain reads workbooks of up to that many");
    auto& rows = sheet_.rows;
    if (rows.size() <= static_cast<std::size_t>(row)) rows.resize(static_cast<std::size_t>(row) + 1);
    auto& r = rows[static_cast<std::size_t>(row)];
    const auto c = static_cast<std::uint16_t>(col);
    if (!r.empty() && r.back().first == c) r.back().second = std::move(value);  // a cell given twice: the last wins
    else if (r.empty() || r.back().first < c) r.emplace_back(c, std::move(value));
    else {
      const auto at = std::lower_bound(r.begin(), r.end(), c, [](const auto& e, std::uint16_t k) { return e.first < k; });
      if (at != r.end() && at->first == c) at->second = std::move(value);
      else r.insert(at, {c, std::move(value)});
    }
  }

  void set_auto(ss::row_t row, ss::col_t col, std::string_view s) override { put(row, col, std::string(s)); }
  void set_string(ss::row_t row, ss::col_t col, ss::string_id_t id) override {
    put(row, col, id < strings_.strings.size() ? strings_.strings[id] : std::string());
  }
  void set_value(ss::row_t row, ss::col_t col, double value) override { put(row, col, text_of(value)); }
  void set_bool(ss::row_t row, ss::col_t col, bool value) override { put(row, col, value ? "true" : "false"); }
  void set_date_time(ss::row_t row, ss::col_t col, int year, int month, int day, int, int, double) override {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
    put(row, col, buf);
  }
  void set_format(ss::row_t, ss::col_t, std::size_t) override {}
  void set_format(ss::row_t, ss::col_t, ss::row_t, ss::col_t, std::size_t) override {}
  void fill_down_cells(ss::row_t row, ss::col_t col, ss::row_t n) override {
    std::string v;
    if (row >= 0 && static_cast<std::size_t>(row) < sheet_.rows.size())
      for (const auto& [c, text] : sheet_.rows[static_cast<std::size_t>(row)])
        if (c == col) v = text;
    for (ss::row_t k = 1; k <= n; ++k) put(row + k, col, v);
  }
  ss::range_size_t get_sheet_size() const override { return {kMaxRows, kMaxColumns}; }
  iface::import_formula* get_formula() override { return &formula_; }

  static std::string text_of(double v) { return std::isfinite(v) ? number_text(v) : std::string("nan"); }

 private:
  // A formula cell counts by its cached result.
  class Formula final : public iface::import_formula {
   public:
    explicit Formula(SheetData& s) : s_(s) {}
    void set_position(ss::row_t row, ss::col_t col) override { row_ = row, col_ = col; }
    void set_formula(ss::formula_grammar_t, std::string_view) override {}
    void set_shared_formula_index(std::size_t) override {}
    void set_result_string(std::string_view v) override { s_.put(row_, col_, std::string(v)); }
    void set_result_value(double v) override { s_.put(row_, col_, text_of(v)); }
    void set_result_bool(bool v) override { s_.put(row_, col_, v ? "true" : "false"); }
    void set_result_empty() override {}
    void commit() override {}

   private:
    SheetData& s_;
    ss::row_t row_ = 0;
    ss::col_t col_ = 0;
  };

  Sheet& sheet_;
  const SharedStrings& strings_;
  std::uint64_t& cells_;
  Formula formula_;
};

// A1 references (the cells of a sheet, its dimension, merged ranges), as the xlsx filter asks.
class References final : public iface::import_reference_resolver {
 public:
  ss::src_address_t resolve_address(std::string_view a) override {
    ss::src_address_t out{0, 0, 0};
    if (const auto bang = a.rfind('!'); bang != std::string_view::npos) a.remove_prefix(bang + 1);
    std::size_t i = 0;
    std::int64_t col = 0, row = 0;
    while (i < a.size() && (a[i] == '$')) ++i;
    while (i < a.size() && ((a[i] >= 'A' && a[i] <= 'Z') || (a[i] >= 'a' && a[i] <= 'z'))) {
      col = col * 26 + ((a[i] & 0x1F));
      if (col > kMaxColumns) throw orcus::invalid_arg_error("bad cell reference");
      ++i;
    }
    while (i < a.size() && (a[i] == '$')) ++i;
    while (i < a.size() && a[i] >= '0' && a[i] <= '9') {
      row = row * 10 + (a[i] - '0');
      if (row > kMaxRows) throw orcus::invalid_arg_error("bad cell reference");
      ++i;
    }
    if (i != a.size() || col == 0 || row == 0) throw orcus::invalid_arg_error("bad cell reference");
    out.row = static_cast<ss::row_t>(row - 1);
    out.column = static_cast<ss::col_t>(col - 1);
    return out;
  }
  ss::src_range_t resolve_range(std::string_view r) override {
    const auto colon = r.find(':');
    if (colon == std::string_view::npos) {
      const auto a = resolve_address(r);
      return {a, a};
    }
    return {resolve_address(r.substr(0, colon)), resolve_address(r.substr(colon + 1))};
  }
};

class Book final : public iface::import_factory {
 public:
  iface::import_reference_resolver* get_reference_resolver(ss::formula_ref_context_t) override { return &references_; }
  std::vector<std::unique_ptr<Sheet>> sheets;

  iface::import_shared_strings* get_shared_strings() override { return &strings_; }
  iface::import_sheet* append_sheet(ss::sheet_t, std::string_view name) override {
    sheets.push_back(std::make_unique<Sheet>());
    sheets.back()->name = std::string(name);
    data_.push_back(std::make_unique<SheetData>(*sheets.back(), strings_, cells_));
    return data_.back().get();
  }
  iface::import_sheet* get_sheet(std::string_view name) override {
    for (std::size_t i = 0; i < sheets.size(); ++i)
      if (sheets[i]->name == name) return data_[i].get();
    return nullptr;
  }
  iface::import_sheet* get_sheet(ss::sheet_t index) override {
    return index >= 0 && static_cast<std::size_t>(index) < data_.size() ? data_[static_cast<std::size_t>(index)].get() : nullptr;
  }
  void finalize() override {}

 private:
  SharedStrings strings_;
  References references_;
  std::vector<std::unique_ptr<SheetData>> data_;
  std::uint64_t cells_ = 0;
};

std::string read_whole(const std::string& path) {
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> f(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!f) throw IoError(path + ": cannot open: " + std::strerror(errno));
  struct stat st {};
  if (::fstat(fileno(f.get()), &st) != 0) throw IoError(path + ": cannot read: " + std::strerror(errno));
  if (static_cast<std::uint64_t>(st.st_size) > kMaxFileBytes)
    throw InputError(path, 0, "", "workbook too large: " + std::to_string(static_cast<std::uint64_t>(st.st_size) >> 20) +
                                      " MiB, more than the " + std::to_string(kMaxFileBytes >> 20) + " MiB qchain reads");
  std::string bytes(static_cast<std::size_t>(st.st_size), '\0');
  const std::size_t n = std::fread(bytes.data(), 1, bytes.size(), f.get());
  if (std::ferror(f.get())) throw IoError(path + ": cannot read: " + std::strerror(errno));
  bytes.resize(n);
  return bytes;
}

bool is_instructions(const std::string& name) {
  return name == "说明" || name == "填写说明" || name == "instructions" || name == "Instructions" || name == "README" ||
         name == "readme";
}

}  // namespace

ChainLoad load_chain_xlsx(const std::string& path, const LoadOptions&) {
  const auto fail = [&](std::string message) {
    ChainLoad out;
    out.diagnostics.push_back(Diagnostic{Severity::error, path, 0, 0, "", std::move(message)});
    out.errors = 1;
    return out;
  };
  std::string bytes;
  try {
    bytes = read_whole(path);
  } catch (const InputError& e) {
    ChainLoad out;
    out.diagnostics = e.diagnostics();
    out.errors = 1;
    return out;
  }
  if (std::string problem = check_package(bytes); !problem.empty()) return fail(problem);
  Book book;
  try {
    bytes = normalised_package(bytes);
    orcus::orcus_xlsx filter(&book);
    filter.read_stream(bytes);
  } catch (const LimitExceeded& e) {
    return fail(e.what());
  } catch (const std::bad_alloc&) {
    throw;
  } catch (const std::exception& e) {
    return fail(std::string("cannot read the workbook: ") + e.what());
  }
  bytes = std::string();

  detail::TableLoader t(true);
  // Which sheet is which table; sheets qchain does not know are named in a warning.
  const Sheet* by_table[8] = {};  // per TableId
  for (const auto& s : book.sheets) {
    const TableSpec* spec = find_table(s->name);
    if (!spec) {
      if (!is_instructions(s->name)) t.problem(Severity::warning, {path, s->name, 0, 0}, "", "unknown sheet (ignored)");
      continue;
    }
    const Sheet*& slot = by_table[static_cast<int>(spec->id)];
    if (slot) {
      t.problem(Severity::error, {path, s->name, 0, 0}, "", "a second sheet for table " + std::string(spec->key) + " (the first is " + slot->name + ")");
      continue;
    }
    slot = s.get();
  }
  const auto load = [&](TableId id, bool required) {
    const Sheet* s = by_table[static_cast<int>(id)];
    const TableSpec& spec = table_spec(id);
    if (!s) {
      if (required) t.problem(Severity::error, {path, "", 0, 0}, "", "required sheet is missing: " + std::string(spec.zh) + " (or " + spec.key + ")");
      return false;
    }
    t.begin(id, path, s->name);
    // The header is the first row, among the first ten that hold anything, naming columns of the
    // table; a title above it (often merged across the columns) is skipped.
    std::size_t header = s->rows.size(), seen = 0, first = s->rows.size();
    std::vector<std::string> row;
    for (std::size_t r = 0; r < s->rows.size() && seen < 10; ++r) {
      s->dense(r, row);
      if (std::all_of(row.begin(), row.end(), [](const std::string& c) { return c.find_first_not_of(" \t") == std::string::npos; })) continue;
      if (first == s->rows.size()) first = r;
      ++seen;
      if (detail::TableLoader::header_score(id, row) > 0) {
        header = r;
        break;
      }
    }
    if (header == s->rows.size()) header = first;
    for (std::size_t r = header; r < s->rows.size(); ++r) {
      s->dense(r, row);
      t.row(row, static_cast<std::uint32_t>(r + 1));
    }
    t.end(true);
    return true;
  };
  if (!load(TableId::chain, false)) {
    std::string stem = path.substr(path.find_last_of('/') == std::string::npos ? 0 : path.find_last_of('/') + 1);
    stem = stem.substr(0, stem.find_last_of('.'));
    t.set_default_chain(stem);
  }
  load(TableId::segments, false);
  load(TableId::issues, false);
  load(TableId::certifications, false);
  load(TableId::firm_issues, false);
  if (!load(TableId::firms, true) || !t.table_ok()) t.firms_unreadable();
  if (!load(TableId::links, true) || !t.table_ok()) t.links_unreadable();
  load(TableId::inputs, false);
  return t.finish();
}

}  // namespace qchain::graphs
