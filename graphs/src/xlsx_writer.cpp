#include "qchain/graphs/xlsx_writer.hpp"

#include <sys/stat.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>

#include "qchain/core/error.hpp"
#include "qchain/graphs/table_columns.hpp"

namespace qchain {

struct XlsxWriter::Impl {
  std::string path, tmp;
  lxw_workbook* book = nullptr;
  lxw_worksheet* sheet = nullptr;
  lxw_format* formats[8] = {};
  lxw_doc_properties properties{};
  bool closed = false;

  void check(lxw_error e, const char* what) {
    if (e != LXW_NO_ERROR) throw IoError(path + ": cannot write the workbook (" + what + ": " + lxw_strerror(e) + ")");
  }
  lxw_format* format(Style s) { return formats[static_cast<int>(s)]; }
};

std::string xlsx_sheet_name(const std::string& name) {
  std::string out;
  std::size_t chars = 0;
  for (std::size_t i = 0; i < name.size() && chars < 31;) {
    const auto c = static_cast<unsigned char>(name[i]);
    const std::size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : 4;
    if (n == 1 && std::strchr("[]:*?/\\", name[i])) out += '_';
    else out.append(name, i, n);
    i += n;
    ++chars;
  }
  return out.empty() ? "Sheet" : out;
}

XlsxWriter::XlsxWriter(const std::string& path, bool constant_memory) : impl_(std::make_unique<Impl>()) {
  if (path == "-") throw UsageError("a workbook cannot be written to standard output: give a file name ending in .xlsx");
  impl_->path = path;
  impl_->tmp = path + ".tmp-XXXXXX";
  const int fd = ::mkstemp(impl_->tmp.data());
  if (fd < 0) throw IoError(path + ": cannot create a temporary file beside it: " + std::strerror(errno));
  ::close(fd);
  lxw_workbook_options options{};
  options.constant_memory = constant_memory ? LXW_TRUE : LXW_FALSE;
  options.use_zip64 = LXW_TRUE;
  impl_->book = workbook_new_opt(impl_->tmp.c_str(), &options);
  if (!impl_->book) {
    ::unlink(impl_->tmp.c_str());
    throw IoError(path + ": cannot write the workbook");
  }
  // A fixed creation date: the same tables give the same bytes.
  impl_->properties.created = 1704067200;  // 2024-01-01T00:00:00Z
  impl_->properties.author = const_cast<char*>("qchain");
  workbook_set_properties(impl_->book, &impl_->properties);
  lxw_workbook* b = impl_->book;
  lxw_format* header = workbook_add_format(b);
  format_set_bold(header);
  format_set_bg_color(header, 0xDDEBF7);
  format_set_border(header, LXW_BORDER_THIN);
  format_set_text_wrap(header);
  format_set_align(header, LXW_ALIGN_VERTICAL_CENTER);
  lxw_format* percent = workbook_add_format(b);
  format_set_num_format(percent, "0.0%");
  lxw_format* date = workbook_add_format(b);
  format_set_num_format(date, "yyyy-mm-dd");
  lxw_format* integer = workbook_add_format(b);
  format_set_num_format(integer, "0");
  lxw_format* decimal = workbook_add_format(b);
  format_set_num_format(decimal, "0.00");
  lxw_format* title = workbook_add_format(b);
  format_set_bold(title);
  format_set_font_size(title, 14);
  lxw_format* wrap = workbook_add_format(b);
  format_set_text_wrap(wrap);
  format_set_align(wrap, LXW_ALIGN_VERTICAL_TOP);
  lxw_format* all[] = {nullptr, header, percent, date, integer, decimal, title, wrap};
  std::copy(std::begin(all), std::end(all), impl_->formats);
}

XlsxWriter::~XlsxWriter() {
  if (!impl_->closed) {
    // Abandoned (an exception on the way): nothing reaches the target.
    if (impl_->book) workbook_close(impl_->book);
    ::unlink(impl_->tmp.c_str());
  }
}

void XlsxWriter::sheet(const std::string& name) {
  impl_->sheet = workbook_add_worksheet(impl_->book, xlsx_sheet_name(name).c_str());
  if (!impl_->sheet) throw IoError(impl_->path + ": cannot write the workbook (sheet " + name + ")");
}

void XlsxWriter::text(std::uint32_t row, std::uint16_t col, const std::string& s, Style style) {
  if (s.empty() && style == Style::plain) return;
  impl_->check(worksheet_write_string(impl_->sheet, row, col, s.c_str(), impl_->format(style)), "cell");
}

void XlsxWriter::number(std::uint32_t row, std::uint16_t col, double v, Style style) {
  if (std::isnan(v)) return;
  if (!std::isfinite(v)) {
    text(row, col, v > 0 ? "inf" : "-inf");
    return;
  }
  impl_->check(worksheet_write_number(impl_->sheet, row, col, v, impl_->format(style)), "cell");
}

void XlsxWriter::date(std::uint32_t row, std::uint16_t col, const std::string& ymd) {
  if (ymd.empty()) return;
  if (const auto serial = graphs::date_serial(ymd)) number(row, col, *serial, Style::date);
  else text(row, col, ymd);
}

void XlsxWriter::column_width(std::uint16_t first, std::uint16_t last, double width, Style style) {
  worksheet_set_column(impl_->sheet, first, last, width, impl_->format(style));
}

void XlsxWriter::list(std::uint16_t col, std::uint32_t first_row, std::uint32_t last_row, const std::vector<std::string>& values) {
  std::vector<char*> list;
  for (const std::string& v : values) list.push_back(const_cast<char*>(v.c_str()));
  list.push_back(nullptr);
  lxw_data_validation v{};
  v.validate = LXW_VALIDATION_TYPE_LIST;
  v.value_list = list.data();
  v.ignore_blank = LXW_VALIDATION_ON;
  impl_->check(worksheet_data_validation_range(impl_->sheet, first_row, col, last_row, col, &v), "drop-down list");
}

void XlsxWriter::freeze_rows(std::uint32_t rows) { worksheet_freeze_panes(impl_->sheet, rows, 0); }

void XlsxWriter::autofilter(std::uint32_t first_row, std::uint16_t first_col, std::uint32_t last_row, std::uint16_t last_col) {
  worksheet_autofilter(impl_->sheet, first_row, first_col, last_row, last_col);
}

void XlsxWriter::close() {
  impl_->closed = true;
  const lxw_error e = workbook_close(impl_->book);
  impl_->book = nullptr;
  if (e != LXW_NO_ERROR) {
    ::unlink(impl_->tmp.c_str());
    throw IoError(impl_->path + ": cannot write: " + lxw_strerror(e));
  }
  ::chmod(impl_->tmp.c_str(), 0644);
  if (::rename(impl_->tmp.c_str(), impl_->path.c_str()) != 0) {
    const int err = errno;
    ::unlink(impl_->tmp.c_str());
    throw IoError(impl_->path + ": cannot rename the temporary file into place: " + std::strerror(err));
  }
}

}  // namespace qchain
