#pragma once
// Calendar dates as day counts, so that a date can be shifted by days and read back (proleptic
// Gregorian calendar; H. Hinnant's algorithms, exact for every year an int64 day count can hold).
#include <cstdint>

namespace qchain {

struct CivilDate {
  std::int64_t year = 1970;
  unsigned month = 1;  // 1..12
  unsigned day = 1;    // 1..31
};

// Days since 1970-01-01, negative before it. The date is not checked: callers validate it first.
std::int64_t days_from_civil(const CivilDate& date);

// The date `days` days after 1970-01-01.
CivilDate civil_from_days(std::int64_t days);

}  // namespace qchain
