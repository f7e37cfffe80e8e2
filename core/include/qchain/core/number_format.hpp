#pragma once
// Numbers as people read them in tables and reports, the same in every locale.
#include <string>

namespace qchain {

// Fixed-point text of x with `decimals` places; "-" for NaN (no value).
std::string fixed(double x, int decimals);
std::string percent(double fraction, int decimals = 1);
// A change of a fraction in percentage points with its sign: 0.0512 -> "+5.12".
std::string points(double fraction, int decimals = 2);

}  // namespace qchain
