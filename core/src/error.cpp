#include "qchain/core/error.hpp"

namespace qchain {

std::string column_letters(std::uint32_t column) {
  std::string out;
  while (column > 0) {
    --column;
    out.insert(out.begin(), static_cast<char>('A' + column % 26));
    column /= 26;
  }
  return out;
}

std::string format_diagnostic(const Diagnostic& d) {
  std::string out;
  if (!d.file.empty() && !d.sheet.empty()) {
    out += d.file + ':' + d.sheet;
    if (d.line != 0) out += '!' + column_letters(d.column) + std::to_string(d.line);
    out += ": ";
  } else if (!d.file.empty()) {
    out += d.file;
    if (d.line != 0) {
      out += ':' + std::to_string(d.line);
      if (d.column != 0) out += ':' + std::to_string(d.column);
    }
    out += ": ";
  }
  if (d.severity == Severity::warning) out += "warning: ";
  if (!d.field.empty()) out += d.field + ": ";
  out += d.message;
  return out;
}

namespace {
std::string first_message(const std::vector<Diagnostic>& ds) {
  for (const auto& d : ds)
    if (d.severity == Severity::error) return format_diagnostic(d);
  return ds.empty() ? "invalid input" : format_diagnostic(ds.front());
}
}  // namespace

InputError::InputError(std::vector<Diagnostic> diagnostics)
    : Error(first_message(diagnostics)), diagnostics_(std::move(diagnostics)) {}

InputError::InputError(std::string file, std::uint32_t line, std::string field, std::string message)
    : InputError(std::vector<Diagnostic>{
          Diagnostic{Severity::error, std::move(file), line, 0, std::move(field), std::move(message)}}) {}

}  // namespace qchain
