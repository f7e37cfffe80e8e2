#pragma once
// Aligned plain-text tables for terminals, counting East Asian wide characters as two columns so
// that Chinese names line up.
#include <string>
#include <string_view>
#include <vector>

namespace qchain::engine {

enum class Lang { zh, en };

// Picks the Chinese or English wording.
inline const char* tr(Lang lang, const char* zh, const char* en) { return lang == Lang::zh ? zh : en; }

std::size_t display_width(std::string_view utf8);

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

// Fixed-point text of x with `decimals` places, locale-independent.
std::string fixed(double x, int decimals);
std::string percent(double fraction, int decimals = 1);
// A change of a fraction in percentage points with its sign: 0.0512 -> "+5.12".
std::string points(double fraction, int decimals = 2);

}  // namespace qchain::engine
