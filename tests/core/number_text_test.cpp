#include "qchain/core/number_format.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <limits>
#include <random>
#include <string>

namespace {

using namespace qchain;

std::string printf_text(const char* format, int precision, double x) {
  char buf[512];
  std::snprintf(buf, sizeof buf, format, precision, x);
  return buf;
}

const double kSamples[] = {0.0, -0.0, 1.0, -1.0, 0.5, 0.1, 0.123456789, 0.9999995, 1e-7, 1.5e-5, 123456.789, 1234567.0,
                           -2.5, 1e21, 3.14159265358979, 0.035, 99.995, 1e-300, 6.02214076e23};

TEST(NumberText, FixedIsPrintfsFixedAndADashForNaN) {
  for (double x : kSamples)
    for (int d : {0, 1, 2, 3, 6}) EXPECT_EQ(fixed(x, d), printf_text("%.*f", d, x)) << x << " " << d;
  EXPECT_EQ(fixed(std::nan(""), 2), "-");
  EXPECT_EQ(fixed(1e300, 1).size(), 303u);  // never cut short
}

TEST(NumberText, PercentAndPoints) {
  EXPECT_EQ(percent(0.8766, 1), "87.7%");
  EXPECT_EQ(percent(std::nan("")), "-");
  EXPECT_EQ(points(0.0512), "+5.12");
  EXPECT_EQ(points(-0.0512), "-5.12");
  EXPECT_EQ(points(-0.00001), "0.00");  // no "-0.00"
}

TEST(NumberText, NumberTextIsTheShortestThatReadsBack) {
  EXPECT_EQ(number_text(0.1), "0.1");
  EXPECT_EQ(number_text(0.35), "0.35");
  EXPECT_EQ(number_text(100.0), "100");
  EXPECT_EQ(number_text(1e21), "1e+21");
  EXPECT_EQ(number_text(-0.0), "-0");
  EXPECT_EQ(number_text(std::numeric_limits<double>::quiet_NaN()), "nan");
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> u(-1e6, 1e6);
  for (int i = 0; i < 2000; ++i) {
    const double x = i % 2 ? u(rng) : u(rng) * 1e-9;
    const std::string t = number_text(x);
    EXPECT_EQ(std::strtod(t.c_str(), nullptr), x) << t;
    EXPECT_LE(t.size(), printf_text("%.*g", 17, x).size()) << t;
  }
}

TEST(NumberText, SignificantIsPrintfsG) {
  for (double x : kSamples)
    for (int d : {1, 6, 10, 17}) EXPECT_EQ(significant(x, d), printf_text("%.*g", d, x)) << x << " " << d;
  EXPECT_EQ(significant(0.123456789, 6), "0.123457");
  EXPECT_EQ(significant(1.5, 10), "1.5");
  EXPECT_EQ(significant(1234567.0, 6), "1.23457e+06");
}

}  // namespace
