// The pieces of qchain-generate that both network modes share: portable randomness, the
// power-law degree tables, and the network handed to the writer.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <random>
#include <utility>
#include <vector>

namespace qchain_generate {

// Randomness (portable mappings on top of mt19937_64)

inline uint64_t splitmix64(uint64_t x) {
  x += 0x9E3779B97F4A7C15ull;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
  return x ^ (x >> 31);
}

class Rng {
 public:
  explicit Rng(uint64_t seed) : eng_(seed) {}
  // Uniform integer in [0, n), n > 0 (rejection: exact, portable).
  uint64_t below(uint64_t n) {
    const uint64_t threshold = (0 - n) % n;  // 2^64 mod n
    for (;;) {
      const uint64_t x = eng_();
      if (x >= threshold) return x % n;
    }
  }
  // Uniform integer in [lo, hi].
  int64_t range(int64_t lo, int64_t hi) {
    return lo + static_cast<int64_t>(below(static_cast<uint64_t>(hi - lo) + 1));
  }
  // Uniform double in [0, 1) with 53 random bits.
  double real() { return static_cast<double>(eng_() >> 11) * 0x1.0p-53; }
  bool chance(double p) { return real() < p; }

 private:
  std::mt19937_64 eng_;
};

// Discrete sampler from a cumulative table (binary search).
class TableSampler {
 public:
  explicit TableSampler(std::vector<double> weights) : cdf_(std::move(weights)) {
    double acc = 0;
    for (double& w : cdf_) {
      acc += w;
      w = acc;
    }
    for (double& w : cdf_) w /= acc;
    if (!cdf_.empty()) cdf_.back() = 1.0;
  }
  size_t draw(Rng& r) const {
    const double u = r.real();
    const size_t i = static_cast<size_t>(std::upper_bound(cdf_.begin(), cdf_.end(), u) - cdf_.begin());
    return std::min(i, cdf_.size() - 1);
  }

 private:
  std::vector<double> cdf_;
};

// The power laws the generator draws from: only sqrt, which IEEE 754 rounds correctly, so the
// tables are the same on every platform.
enum class Tail { k2_5, k2_25 };  // P(k) ∝ x^-2.5 or x^-2.25

// Degree k = 1..kmax with P(k) ∝ (k + c)^-gamma, c fitted to the target mean.
inline TableSampler make_degree_sampler(double target_mean, uint32_t kmax, double* fitted_mean,
                                        Tail tail = Tail::k2_5) {
  auto weights = [kmax, tail](double c) {
    std::vector<double> w(kmax);
    for (uint32_t k = 1; k <= kmax; ++k) {
      const double x = k + c;
      w[k - 1] = 1.0 / (x * x * (tail == Tail::k2_5 ? std::sqrt(x) : std::sqrt(std::sqrt(x))));
    }
    return w;
  };
  auto mean = [&](double c) {
    const std::vector<double> w = weights(c);
    double s = 0, sk = 0;
    for (uint32_t k = 1; k <= kmax; ++k) {
      s += w[k - 1];
      sk += k * w[k - 1];
    }
    return sk / s;
  };
  double lo = -0.9, hi = 1.0;
  double c = lo;
  if (mean(lo) < target_mean) {
    while (mean(hi) < target_mean && hi < 1e7) hi *= 2;
    for (int it = 0; it < 60; ++it) {
      const double mid = 0.5 * (lo + hi);
      (mean(mid) < target_mean ? lo : hi) = mid;
    }
    c = 0.5 * (lo + hi);
  }
  if (fitted_mean) *fitted_mean = mean(c);
  return TableSampler(weights(c));
}

enum Role : uint8_t { kLeader = 0, kLarge = 1, kMedium = 2, kSmall = 3, kMicro = 4 };

struct Link {
  uint32_t sup, cust;
};

struct Chain {
  uint32_t n = 0;
  uint32_t m = 0;                    // segments
  std::vector<uint32_t> seg_start;   // m + 1 entries
  std::vector<uint16_t> seg;         // per firm
  std::vector<uint8_t> role;         // per firm
  std::vector<Link> links;
  size_t bulk_end = 0;               // links[0, bulk_end) are bulk forward links
  std::vector<uint8_t> city;         // per firm, index into the city table; empty: drawn when written
  uint32_t size(uint32_t s) const { return seg_start[s + 1] - seg_start[s]; }
};


// Where firms are; the region written is the province.
struct City {
  const char* city;
  const char* province;
};
inline constexpr City kCities[] = {
    {"苏州", "江苏"}, {"无锡", "江苏"}, {"常州", "江苏"}, {"南京", "江苏"}, {"宁波", "浙江"},
    {"杭州", "浙江"}, {"温州", "浙江"}, {"台州", "浙江"}, {"东莞", "广东"}, {"佛山", "广东"},
    {"深圳", "广东"}, {"青岛", "山东"}, {"烟台", "山东"}, {"潍坊", "山东"}, {"合肥", "安徽"},
    {"芜湖", "安徽"}, {"武汉", "湖北"}, {"襄阳", "湖北"}, {"长沙", "湖南"}, {"株洲", "湖南"},
    {"成都", "四川"}, {"重庆", "重庆"}, {"西安", "陕西"}, {"郑州", "河南"}, {"洛阳", "河南"},
    {"天津", "天津"}, {"上海", "上海"}, {"厦门", "福建"}, {"泉州", "福建"}, {"沈阳", "辽宁"},
};
inline constexpr size_t kNumCities = sizeof(kCities) / sizeof(kCities[0]);

}  // namespace qchain_generate
