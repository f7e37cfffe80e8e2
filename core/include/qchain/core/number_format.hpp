#pragma once
// Numbers as text, the same in every locale (std::to_chars underneath, never the C locale).
#include <string>

namespace qchain {

// Fixed-point text of x with `decimals` places; "-" for NaN (no value). For tables and reports.
std::string fixed(double x, int decimals);
std::string percent(double fraction, int decimals = 1);
// A change of a fraction in percentage points with its sign: 0.0512 -> "+5.12".
std::string points(double fraction, int decimals = 2);

// The shortest text that reads back as exactly x ("0.1", "1e+20", "nan"): numbers in attributes
// and data files (DOT, SVG, GEXF, CSV, workbook cells read back as text).
std::string number_text(double x);
// x to `digits` significant digits without trailing zeros, as printf's %g writes it
// (0.123456789 -> "0.123457" at 6): a value quoted back to the reader in a message.
std::string significant(double x, int digits);

}  // namespace qchain
