#include "qchain/core/number_format.hpp"

#include <clocale>
#include <cmath>
#include <limits>

#include <gtest/gtest.h>

namespace {

using qchain::fixed;
using qchain::percent;
using qchain::points;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

TEST(NumberFormat, Fixed) {
  EXPECT_EQ(fixed(0.9976317, 4), "0.9976");
  EXPECT_EQ(fixed(2.5, 0), "2");  // round half to even, as printf does
  EXPECT_EQ(fixed(-1.25, 1), "-1.2");
  EXPECT_EQ(fixed(1234567.0, 2), "1234567.00");  // no thousands separator
  EXPECT_EQ(fixed(kNaN, 3), "-");                 // no value
}

TEST(NumberFormat, Percent) {
  EXPECT_EQ(percent(0.9512), "95.1%");
  EXPECT_EQ(percent(1.0, 0), "100%");
  EXPECT_EQ(percent(0.00049, 2), "0.05%");
  EXPECT_EQ(percent(kNaN), "-");
}

TEST(NumberFormat, PointsCarryTheirSignAndNeverAMinusZero) {
  EXPECT_EQ(points(0.0512), "+5.12");
  EXPECT_EQ(points(-0.0512), "-5.12");
  EXPECT_EQ(points(0.0), "0.00");
  EXPECT_EQ(points(-0.0), "0.00");
  EXPECT_EQ(points(-0.00001), "0.00");  // rounds to zero: no sign
  EXPECT_EQ(points(0.00001), "0.00");
  EXPECT_EQ(points(0.123, 0), "+12");
  EXPECT_EQ(points(kNaN), "-");
}

}  // namespace
