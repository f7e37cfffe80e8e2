#pragma once
// A thin workbook writer over libxlsxwriter (no libxlsxwriter type leaks out): sheets, typed
// cells with number formats, drop-down lists, frozen header rows, autofilters. The workbook goes to
// a temporary file beside the target and is renamed into place on close(), like every other output;
// its creation date is fixed, so the same content gives the same bytes.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace qchain {

class XlsxWriter {
 public:
  enum class Style : std::uint8_t { plain, header, percent, date, integer, decimal, title, wrap };

  // constant_memory: rows are written out as they go (for big tables): each sheet's rows must then
  // be written in order, and strings are stored inline. Throws IoError / UsageError ("-").
  explicit XlsxWriter(const std::string& path, bool constant_memory = false);
  ~XlsxWriter();
  XlsxWriter(const XlsxWriter&) = delete;
  XlsxWriter& operator=(const XlsxWriter&) = delete;

  // A new sheet, written to from now on. Excel's limits: 31 characters, none of []:*?/\ .
  void sheet(const std::string& name);
  void text(std::uint32_t row, std::uint16_t col, const std::string& s, Style style = Style::plain);
  void number(std::uint32_t row, std::uint16_t col, double v, Style style = Style::plain);  // NaN: left empty
  // A date "YYYY-MM-DD" as a date cell; other text as text.
  void date(std::uint32_t row, std::uint16_t col, const std::string& ymd);
  void column_width(std::uint16_t first, std::uint16_t last, double width, Style style = Style::plain);
  // A drop-down of `values` on rows [first_row, last_row] of column `col`.
  void list(std::uint16_t col, std::uint32_t first_row, std::uint32_t last_row, const std::vector<std::string>& values);
  void freeze_rows(std::uint32_t rows);
  void autofilter(std::uint32_t first_row, std::uint16_t first_col, std::uint32_t last_row, std::uint16_t last_col);
  // Writes the workbook and renames it into place.
  void close();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// A name Excel accepts for a sheet: forbidden characters replaced, at most 31 characters.
std::string xlsx_sheet_name(const std::string& name);

}  // namespace qchain
