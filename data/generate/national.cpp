// The national network: a bow-tie (upstream shell IN → strongly connected core → downstream shell
// OUT), heavy-tailed degrees, links mostly within a province and between neighbouring sectors.
#include "national.hpp"

#include <algorithm>
#include <numeric>

namespace qchain_generate {

// Ordered upstream → downstream, as the segments of a chain are.
const char* const kSectorName[kNationalSectors] = {
    "农林牧渔", "采矿", "钢铁冶炼", "有色金属", "基础化工", "塑料橡胶", "纺织", "造纸包装", "金属制品", "电子元器件",
    "通用机械", "电气机械", "汽车零部件", "专用设备", "仪器仪表", "医药制造", "食品加工", "家电家具", "整车制造", "批发物流"};

namespace {

enum Part : uint32_t { kIn = 0, kCore = 1, kOut = 2 };

// Mean out-degree of each part relative to IN's: the core's firms are the big, well connected
// ones (Goto & Souma 2020: the Pareto-tail firms sit in the Japanese core), the downstream shell
// sells mostly outside the network.
constexpr double kOutRelative[3] = {1.0, 3.0, 0.6};
constexpr double kInToIn = 0.25;      // an IN firm's link to a later IN firm of its province
constexpr double kCoreToCore = 0.5;   // a core firm's link stays in the core (else to OUT)
// Communities (Chakraborty et al. 2018: communities over-express one region and one industry):
// a link goes to the same province and the same or next sector, else the same province, else
// anywhere in the target part.
constexpr double kSameCell = 0.45, kSameProvince = 0.30;
constexpr uint32_t kNone = UINT32_MAX;

struct Layout {
  uint32_t provinces = 0;
  std::vector<uint8_t> province_of_city;
  std::vector<std::vector<uint8_t>> cities_of;
  std::vector<uint32_t> begin;  // by cell (part, province, sector), plus the end
  uint32_t cell(uint32_t part, uint32_t p, uint32_t s) const { return (part * provinces + p) * kNationalSectors + s; }
  uint32_t part_begin(uint32_t part) const { return begin[cell(part, 0, 0)]; }
  uint32_t province_begin(uint32_t part, uint32_t p) const { return begin[cell(part, p, 0)]; }
  uint32_t province_end(uint32_t part, uint32_t p) const { return begin[cell(part, p, 0) + kNationalSectors]; }
};

Layout provinces_of_cities() {
  Layout l;
  for (size_t c = 0; c < kNumCities; ++c) {
    if (c == 0 || std::string_view(kCities[c].province) != kCities[c - 1].province) {
      l.cities_of.emplace_back();
      ++l.provinces;
    }
    l.province_of_city.push_back(static_cast<uint8_t>(l.provinces - 1));
    l.cities_of.back().push_back(static_cast<uint8_t>(c));
  }
  return l;
}

// Firms of each part get a uniform city and sector; they are numbered by (part, province,
// sector) so that every community is a range of ids.
void place_firms(const uint32_t part_size[3], Layout& l, Chain& ch, Rng& rng) {
  const uint32_t cells = 3 * l.provinces * kNationalSectors;
  std::vector<uint32_t> count(cells, 0);
  for (uint32_t part = 0; part < 3; ++part)
    for (uint32_t i = 0; i < part_size[part]; ++i) {
      const uint32_t p = l.province_of_city[rng.below(kNumCities)];
      ++count[l.cell(part, p, static_cast<uint32_t>(rng.below(kNationalSectors)))];
    }
  l.begin.assign(cells + 1, 0);
  for (uint32_t c = 0; c < cells; ++c) l.begin[c + 1] = l.begin[c] + count[c];
  ch.seg.resize(ch.n);
  ch.city.resize(ch.n);
  for (uint32_t c = 0; c < cells; ++c) {
    const auto& cities = l.cities_of[(c / kNationalSectors) % l.provinces];
    for (uint32_t i = l.begin[c]; i < l.begin[c + 1]; ++i) {
      ch.seg[i] = static_cast<uint16_t>(c % kNationalSectors);
      ch.city[i] = cities[rng.below(cities.size())];
    }
  }
}

// Chung–Lu on the customer side: a firm in [lo, hi) is drawn with probability ∝ its weight.
class WeightedRange {
 public:
  WeightedRange(const std::vector<uint32_t>& weight) : cum_(weight.size() + 1, 0) {
    for (size_t i = 0; i < weight.size(); ++i) cum_[i + 1] = cum_[i] + weight[i];
  }
  uint32_t draw(uint32_t lo, uint32_t hi, Rng& rng) const {
    if (lo >= hi) return kNone;
    const uint64_t x = cum_[lo] + rng.below(cum_[hi] - cum_[lo]);
    return static_cast<uint32_t>(std::upper_bound(cum_.begin() + lo + 1, cum_.begin() + hi + 1, x) - cum_.begin() - 1);
  }

 private:
  std::vector<uint64_t> cum_;
};

struct Shape {
  const Layout& l;
  uint32_t core_begin, out_begin;
  uint32_t part_of(uint32_t i) const { return i < core_begin ? kIn : i < out_begin ? kCore : kOut; }
};

// One candidate customer for supplier u (kNone when the drawn range is empty).
uint32_t draw_customer(uint32_t u, const Shape& sh, const Chain& ch, const WeightedRange& w, Rng& rng) {
  const Layout& l = sh.l;
  const uint32_t part = sh.part_of(u);
  const uint32_t p = l.province_of_city[ch.city[u]];
  const uint32_t s = ch.seg[u];
  uint32_t target;
  if (part == kOut) return w.draw(u + 1, l.province_end(kOut, p), rng);
  if (part == kIn) {
    if (rng.chance(kInToIn)) return w.draw(u + 1, l.province_end(kIn, p), rng);
    target = kCore;
  } else {
    target = rng.chance(kCoreToCore) ? kCore : kOut;
  }
  const double r = rng.real();
  if (r < kSameCell) {
    const uint32_t t = (s + 1 < kNationalSectors && rng.chance(0.5)) ? s + 1 : s;
    const uint32_t c = l.cell(target, p, t);
    return w.draw(l.begin[c], l.begin[c + 1], rng);
  }
  if (r < kSameCell + kSameProvince) return w.draw(l.province_begin(target, p), l.province_end(target, p), rng);
  return w.draw(l.part_begin(target), l.part_begin(target + 1), rng);
}

std::vector<uint32_t> draw_out_degrees(const NationalOptions& opt, const uint32_t part_size[3], uint32_t cap, Rng& rng) {
  // The core's ring (one link per core firm) is part of the budget.
  const double budget = opt.links_per_firm * opt.firms - part_size[kCore];
  double relative = 0;
  for (uint32_t part = 0; part < 3; ++part) relative += kOutRelative[part] * part_size[part];
  std::vector<uint32_t> deg(opt.firms);
  uint32_t i = 0;
  for (uint32_t part = 0; part < 3; ++part) {
    const double mean = std::max(budget / relative * kOutRelative[part], 0.05);
    // OUT firms may sell to no firm at all: their degree is drawn one higher and lowered.
    const uint32_t shift = part == kOut ? 1 : 0;
    const TableSampler degree = make_degree_sampler(mean + shift, cap, nullptr, Tail::k2_25);
    for (uint32_t k = 0; k < part_size[part]; ++k, ++i) deg[i] = static_cast<uint32_t>(degree.draw(rng)) + 1 - shift;
  }
  return deg;
}

std::vector<uint32_t> draw_in_weights(uint32_t n, uint32_t cap, Rng& rng) {
  std::vector<double> tail(cap);
  for (uint32_t k = 1; k <= cap; ++k) tail[k - 1] = 1.0 / (double(k) * k * std::sqrt(std::sqrt(double(k))));
  const TableSampler sampler(std::move(tail));
  std::vector<uint32_t> w(n);
  for (uint32_t i = 0; i < n; ++i) w[i] = static_cast<uint32_t>(sampler.draw(rng)) + 1;
  return w;
}

// The core's firms on one random cycle: the core is strongly connected whatever else is drawn.
std::vector<uint32_t> core_ring(const Shape& sh, Chain& ch, Rng& rng) {
  const uint32_t size = sh.out_begin - sh.core_begin;
  std::vector<uint32_t> order(size);
  std::iota(order.begin(), order.end(), sh.core_begin);
  for (uint32_t i = size; i > 1; --i) std::swap(order[i - 1], order[rng.below(i)]);
  std::vector<uint32_t> next(size, kNone);
  if (size < 2) return next;
  for (uint32_t k = 0; k < size; ++k) {
    const uint32_t a = order[k], b = order[(k + 1) % size];
    next[a - sh.core_begin] = b;
    ch.links.push_back({a, b});
  }
  return next;
}

void draw_links(const Shape& sh, const std::vector<uint32_t>& deg, const std::vector<uint32_t>& ring_next,
                const WeightedRange& w, Chain& ch, Rng& rng) {
  std::vector<uint32_t> stamp(ch.n, 0);
  uint32_t token = 0;
  const uint32_t core_size = sh.out_begin - sh.core_begin;
  for (uint32_t u = 0; u < ch.n; ++u) {
    ++token;
    stamp[u] = token;
    const uint32_t part = sh.part_of(u);
    if (part == kCore && ring_next[u - sh.core_begin] != kNone) stamp[ring_next[u - sh.core_begin]] = token;
    uint32_t made = 0;
    for (uint32_t j = 0; j < deg[u]; ++j) {
      uint32_t x = kNone;
      for (int attempt = 0; attempt < 32 && x == kNone; ++attempt) {
        const uint32_t c = draw_customer(u, sh, ch, w, rng);
        if (c != kNone && stamp[c] != token) x = c;
      }
      // Every IN firm sells to someone, so it reaches the core.
      if (x == kNone && part == kIn && made == 0) x = sh.core_begin + static_cast<uint32_t>(rng.below(core_size));
      if (x == kNone) continue;
      stamp[x] = token;
      ch.links.push_back({u, x});
      ++made;
    }
  }
}

// An OUT firm nobody supplies gets a supplier in the core of its province, so the core reaches it.
uint32_t repair_out(const Shape& sh, Chain& ch, Rng& rng) {
  std::vector<uint8_t> supplied(ch.n, 0);
  for (const Link& k : ch.links) supplied[k.cust] = 1;
  uint32_t repaired = 0;
  for (uint32_t v = sh.out_begin; v < ch.n; ++v) {
    if (supplied[v]) continue;
    const uint32_t p = sh.l.province_of_city[ch.city[v]];
    uint32_t lo = sh.l.province_begin(kCore, p), hi = sh.l.province_end(kCore, p);
    if (lo == hi) lo = sh.core_begin, hi = sh.out_begin;
    ch.links.push_back({lo + static_cast<uint32_t>(rng.below(hi - lo)), v});
    ++repaired;
  }
  return repaired;
}

// Size classes by the number of partners (2 % large, 8 % medium, 40 % small, the rest micro;
// ties by id), and the K best-supplied core firms are the chain leaders.
void assign_roles(const NationalOptions& opt, const Shape& sh, Chain& ch) {
  std::vector<uint32_t> in_deg(ch.n, 0), score(ch.n, 0);
  for (const Link& k : ch.links) {
    ++in_deg[k.cust];
    ++score[k.cust];
    ++score[k.sup];
  }
  const uint32_t top = *std::max_element(score.begin(), score.end());
  std::vector<uint32_t> above(top + 2, 0);  // above[s]: firms with a score > s
  for (uint32_t s : score) ++above[s];
  for (uint32_t s = top; s-- > 0;) above[s] += above[s + 1];
  for (uint32_t s = 0; s <= top; ++s) above[s] = above[s + 1];
  std::vector<uint32_t> seen(top + 1, 0);
  ch.role.resize(ch.n);
  const double n = ch.n;
  for (uint32_t i = 0; i < ch.n; ++i) {
    const double rank = above[score[i]] + seen[score[i]]++;
    ch.role[i] = rank < 0.02 * n ? kLarge : rank < 0.10 * n ? kMedium : rank < 0.50 * n ? kSmall : kMicro;
  }
  std::vector<uint32_t> core(sh.out_begin - sh.core_begin);
  std::iota(core.begin(), core.end(), sh.core_begin);
  const size_t k = std::min<size_t>(opt.leaders, core.size());
  std::partial_sort(core.begin(), core.begin() + k, core.end(), [&](uint32_t a, uint32_t b) {
    return in_deg[a] != in_deg[b] ? in_deg[a] > in_deg[b] : a < b;
  });
  for (size_t j = 0; j < k; ++j) ch.role[core[j]] = kLeader;
}

}  // namespace

NationalShape build_national(const NationalOptions& opt, Chain& ch, Rng& rng) {
  ch.n = opt.firms;
  ch.m = kNationalSectors;
  const uint32_t core = static_cast<uint32_t>(opt.core_share * opt.firms + 0.5);
  const uint32_t in = static_cast<uint32_t>(opt.in_share * opt.firms + 0.5);
  const uint32_t part_size[3] = {in, core, opt.firms - in - core};
  Layout layout = provinces_of_cities();
  place_firms(part_size, layout, ch, rng);
  const Shape sh{layout, in, in + core};
  // Hubs grow with the network (the largest Japanese firms have tens of thousands of partners).
  const uint32_t cap = std::clamp<uint32_t>(opt.firms / 20, 50, 50000);
  const std::vector<uint32_t> deg = draw_out_degrees(opt, part_size, cap, rng);
  const WeightedRange weights(draw_in_weights(ch.n, cap, rng));
  ch.links.reserve(static_cast<size_t>(opt.links_per_firm * opt.firms * 1.05) + ch.n / 4 + 16);
  const std::vector<uint32_t> ring_next = core_ring(sh, ch, rng);
  draw_links(sh, deg, ring_next, weights, ch, rng);
  NationalShape out;
  out.core_begin = sh.core_begin;
  out.out_begin = sh.out_begin;
  out.repaired = repair_out(sh, ch, rng);
  assign_roles(opt, sh, ch);
  return out;
}

}  // namespace qchain_generate
