#pragma once
// Aligned plain-text tables for terminals, counting East Asian wide characters as two columns so
// that Chinese names line up.
#include <string>
#include <string_view>
#include <vector>

#include "qchain/core/number_format.hpp"
#include "qchain/core/utf8.hpp"
#include "qchain/report/lang.hpp"

namespace qchain::report {


class TextTable {
 public:
  enum class Align { left, right };
  void add_column(std::string header, Align align = Align::left);
  void add_row(std::vector<std::string> cells);
  std::string render() const;

 private:
  std::vector<std::string> headers_;
  std::vector<Align> aligns_;
  std::vector<std::vector<std::string>> rows_;
};

// A table as rendered, for writing it elsewhere (`--xlsx`): the cells as shown, and the text
// render() gave, by which its heading is found in the command's output.
struct CapturedTable {
  std::vector<std::string> headers;
  std::vector<std::vector<std::string>> rows;
  std::string rendered;
};

// While one is alive, every TextTable rendered on this thread is also recorded in `tables`, in order.
class TableCapture {
 public:
  TableCapture();
  ~TableCapture();
  TableCapture(const TableCapture&) = delete;
  TableCapture& operator=(const TableCapture&) = delete;
  std::vector<CapturedTable> tables;

 private:
  TableCapture* previous_;
};


}  // namespace qchain::report
