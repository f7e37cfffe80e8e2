// Calendar dates as day counts: known days, every day of 1900–2100 and back, leap years.
#include "qchain/core/civil_date.hpp"

#include <gtest/gtest.h>

namespace {

using qchain::CivilDate;
using qchain::civil_from_days;
using qchain::days_from_civil;

TEST(CivilDate, KnownDays) {
  EXPECT_EQ(days_from_civil({1970, 1, 1}), 0);
  EXPECT_EQ(days_from_civil({1969, 12, 31}), -1);
  EXPECT_EQ(days_from_civil({2000, 3, 1}), 11017);
  EXPECT_EQ(days_from_civil({2000, 2, 29}), 11016);
  EXPECT_EQ(days_from_civil({1899, 12, 30}), -25569);  // Excel's day 0
  EXPECT_EQ(days_from_civil({2025, 6, 30}), 20269);
  const CivilDate d = civil_from_days(11017);
  EXPECT_EQ(d.year, 2000);
  EXPECT_EQ(d.month, 3u);
  EXPECT_EQ(d.day, 1u);
}

TEST(CivilDate, EveryDayFrom1900To2100RoundTripsInOrder) {
  const std::int64_t first = days_from_civil({1900, 1, 1});
  const std::int64_t last = days_from_civil({2100, 12, 31});
  CivilDate expected{1900, 1, 1};
  for (std::int64_t z = first; z <= last; ++z) {
    const CivilDate d = civil_from_days(z);
    ASSERT_EQ(d.year, expected.year) << z;
    ASSERT_EQ(d.month, expected.month) << z;
    ASSERT_EQ(d.day, expected.day) << z;
    ASSERT_EQ(days_from_civil(d), z);
    // The next day, counted by hand: 1900 and 2100 are not leap years, 2000 is.
    const std::int64_t y = expected.year;
    const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    const unsigned length[] = {31, leap ? 29u : 28u, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (++expected.day > length[expected.month - 1]) {
      expected.day = 1;
      if (++expected.month > 12) {
        expected.month = 1;
        ++expected.year;
      }
    }
  }
  EXPECT_EQ(last - first + 1, 201 * 365 + 49);  // leap: every 4th year 1904..2096 (2000 too), not 1900, 2100
}

TEST(CivilDate, BeforeYearZero) {
  // Astronomical years: year 0 is 1 BC; 0 and -4 are leap years, -1 is not.
  for (const CivilDate date : {CivilDate{0, 2, 29}, CivilDate{-4, 2, 29}, CivilDate{-1, 12, 31}}) {
    const CivilDate back = civil_from_days(days_from_civil(date));
    EXPECT_EQ(back.year, date.year);
    EXPECT_EQ(back.month, date.month);
    EXPECT_EQ(back.day, date.day);
  }
  EXPECT_EQ(days_from_civil({-1, 3, 1}) - days_from_civil({-1, 2, 28}), 1);
  EXPECT_EQ(days_from_civil({1, 1, 1}) - days_from_civil({0, 1, 1}), 366);
}

}  // namespace
