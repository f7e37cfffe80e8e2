#pragma once
// The qchain error family: thrown at the edges (loaders, writers, renderers), caught once in the CLI.
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace qchain {

enum class Severity : std::uint8_t { error, warning };

// One problem found in an input, located as precisely as the input allows.
struct Diagnostic {
  Severity severity = Severity::error;
  std::string file;
  std::uint32_t line = 0;    // 1-based; 0 = unknown
  std::uint32_t column = 0;  // 1-based; 0 = unknown (CSV reports lines only)
  std::string field;         // e.g. "links[40].supplier"
  std::string message;
  // Set for a cell of a workbook: then `line` is the Excel row and `column` the column number
  // (1 = A), and the place reads "file:SHEET!E17" instead of "file:line:col".
  std::string sheet = {};
};

// Excel's letters of a 1-based column number: 1 → A, 27 → AA.
std::string column_letters(std::uint32_t column);

// "file:line:col: field: message", "file:SHEET!E17: field: message" for a workbook cell (parts that
// are unknown are left out).
std::string format_diagnostic(const Diagnostic& d);

class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The input is invalid; carries every problem found, errors and warnings alike.
class InputError : public Error {
 public:
  explicit InputError(std::vector<Diagnostic> diagnostics);
  InputError(std::string file, std::uint32_t line, std::string field, std::string message);
  const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }

 private:
  std::vector<Diagnostic> diagnostics_;
};

// A file could not be read or written.
class IoError : public Error {
 public:
  using Error::Error;
};

// Invalid arguments or options handed to an algorithm or command.
class UsageError : public Error {
 public:
  using Error::Error;
};

}  // namespace qchain
