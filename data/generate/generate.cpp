// qchain-generate — synthetic supply-chain generator (format `qchain-chain/1`,
// see data/schema/FORMAT.md).  Uses qchain_core (atomic output, calendar dates) and RapidJSON's
// writer; not the chain model.
//
//   qchain-generate --firms N [--seed S] [--links-per-firm L] [--leaders K]
//                   [--segments M] [--issues I] [--cycles C] [--stats] -o OUT.json
//
// Determinism: the same arguments give byte-identical output on every platform.
// All randomness comes from std::mt19937_64 (whose output sequence is fixed by
// the standard) through the hand-written mappings in `Rng` below; no
// std::*_distribution and no libm transcendental functions are used (only
// sqrt, which IEEE 754 requires to be correctly rounded).  Four independent
// engines (structure, catalogue, firm attributes, link attributes) are seeded
// from the seed with splitmix64, so changing how one phase draws numbers does
// not reshuffle the others.
//
// Model
// -----
// * Segments seg0..seg{M-1}, seg0 most upstream.  The last segment holds exactly
//   the K chain leaders; the other M-1 segments grow geometrically going
//   upstream: size(s) ∝ q^(M-1-s) with q ≥ 1 chosen so that
//   K·(1 + q + … + q^(M-1)) = N.  (The leaders must keep small supply bases
//   while every other firm needs a customer downstream, so the chain is a
//   pyramid that narrows towards the leaders.)
// * Firms F0000001… are numbered upstream → downstream.  Roles outside the
//   leader segment: 2% large, 8% medium, 40% small, 50% micro.
// * Links (supplier → customer):
//   - "bulk": every firm in seg0..seg{M-3} draws an out-degree (number of
//     customers) k ≥ 1 from a shifted discrete power law
//     P(k) ∝ (k + c)^-2.5, k = 1..min(5000, candidates), with c fitted by
//     bisection (per segment) so that the mean hits the --links-per-firm budget
//     left after the leader layer and cycles; the degrees are then nudged by
//     ±1 on random firms so the total is exact (configuration model; the heavy
//     tail is independent of firm size, so some micro firms supply hundreds or
//     thousands of customers).  Each of
//     its k distinct customers is taken from segment s+1 (92%) or s+2 (8%,
//     never a leader), with probability ∝ a role weight of the customer
//     (large 6, medium 3, small 2, micro 1).
//   - leader layer (drawn first): every firm in seg{M-2} supplies 1–3 leaders (65/25/10%);
//     each leader then gets a target supply base of 20–50 firms and is topped
//     up with s+2 suppliers from seg{M-3} (role-weighted).
//   - cycles: C deliberate cycles, see `make_cycles`: mutual pairs and
//     3-rings inside one segment; every 8th cycle instead adds one backward
//     link v → u against an existing forward link u → v.
//   - repair: a non-leader firm outside seg0 that got no supplier receives one
//     uniformly chosen supplier from the segment above.
//   Hence every non-leader has ≥ 1 customer, every firm outside seg0 has ≥ 1
//   supplier, there are no self-links and no duplicate (supplier, customer).
// * Inputs: each customer's suppliers are shuffled and cut into inputs; 30% of
//   inputs have 2–3 alternative sources (named "in-<k>"), half of those carry
//   explicit shares (in 1e-4 units, summing to exactly 1, sometimes with one
//   source left without a share).  Single-source inputs are named "in-<k>" or
//   (50%) left without `input` so the default (supplier id) applies.  10% of
//   inputs are non-essential (all their sources `essential:false`, each with
//   `weight` 0.01–0.2); `inspection` on 95% of links by the customer's role (leader and large
//   0.90–0.98, medium 0.75–0.92, small 0.55–0.85, micro 0.30–0.70), `requires`
//   ["ISO9001"] on 5%, `value` on 90%.
// * Links are written grouped by customer (customers in id order), after all
//   firms.  Output is compact JSON, one record a line, streamed by RapidJSON's writer through a large buffer into a
//   temporary file beside OUT.json, renamed into place once complete; memory is O(N + links).

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <set>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

#include "qchain/core/atomic_file.hpp"
#include "qchain/core/civil_date.hpp"
#include "qchain/core/error.hpp"
#include "model.hpp"
#include "national.hpp"
#include "rapidjson/writer.h"

namespace {

using namespace qchain_generate;

constexpr const char* kUsage =
    "usage: qchain-generate --firms N [--seed S] [--links-per-firm L (default 4.0)]\n"
    "                       [--leaders K (default 5)] [--segments M (default 5)]\n"
    "                       [--issues I (default 30)] [--cycles C (default N/10000+2)]\n"
    "                       [--chain-id ID] [--stats] -o OUT.json   (-o - writes to stdout)\n"
    "       qchain-generate --network national --firms N [--seed S] [--links-per-firm L (default 5.0)]\n"
    "                       [--leaders K] [--issues I] [--sole-sourced S] [--chain-id ID] [--stats] -o OUT.json\n"
    "--network chain (default): the layered chain of a pilot; national: a bow-tie firm network\n"
    "shaped by published national statistics (docs/generator.md).\n"
    "--sole-sourced S: the share of inputs with a single source (chain default: 30 % of the\n"
    "inputs that could have several are multi-sourced; national default 0.55).\n"
    "Writes a deterministic synthetic chain in format qchain-chain/1.\n"
    "--stats prints a one-line degree summary to stderr.\n";

// ---------------------------------------------------------------------------
// Output: RapidJSON's writer streaming into a large buffer in front of the atomic file

// The writer's output stream. The writer reserves room before each value and then stores its
// bytes unchecked (PutReserve / PutUnsafe below); the buffer goes to the file in 8 MiB pieces.
class JsonOut {
 public:
  using Ch = char;
  explicit JsonOut(qchain::AtomicFileWriter& file) : file_(file), buf_(kCap) {}
  void Put(char c) {
    if (n_ + 1 >= buf_.size()) Flush();
    buf_[n_++] = c;
    // The writer puts every comma through here: one record a line keeps the file readable in an
    // editor and every loader message on the record's own line.
    if (c == ',' && break_pending_) {
      buf_[n_++] = '\n';
      break_pending_ = false;
    }
  }
  void break_after_next_comma() { break_pending_ = true; }
  void reserve(size_t k) {
    if (n_ + k <= buf_.size()) return;
    Flush();
    if (k > buf_.size()) buf_.resize(k);
  }
  void put_unchecked(char c) { buf_[n_++] = c; }
  void put_unchecked(const char* s, size_t k) {
    std::memcpy(buf_.data() + n_, s, k);
    n_ += k;
  }
  void Flush() {
    file_.write(std::string_view(buf_.data(), n_));
    n_ = 0;
  }

 private:
  static constexpr size_t kCap = size_t{1} << 23;
  qchain::AtomicFileWriter& file_;
  std::vector<char> buf_;
  size_t n_ = 0;
  bool break_pending_ = false;
};

// Found by argument-dependent lookup from inside the writer, and preferred to RapidJSON's generic
// versions, which check the room for every byte.
void PutReserve(JsonOut& out, size_t k) { out.reserve(k); }
void PutUnsafe(JsonOut& out, char c) { out.put_unchecked(c); }

using JsonWriter = rapidjson::Writer<JsonOut>;

// No byte of p[0..8) is one the writer escapes.
bool clean_eight(const char* p) {
  constexpr uint64_t kOnes = 0x0101010101010101ull, kHighs = 0x8080808080808080ull;
  uint64_t x;
  std::memcpy(&x, p, 8);
  const uint64_t quote = x ^ (kOnes * '"'), backslash = x ^ (kOnes * '\\');
  // A high bit is set exactly when some byte is below 0x20 or a zero of quote or backslash (the
  // has-less and has-zero-byte tests).
  return !((((x - kOnes * 0x20) & ~x) | ((quote - kOnes) & ~quote) | ((backslash - kOnes) & ~backslash)) & kHighs);
}

}  // namespace

// The writer's hook for copying the part of a string that needs no escape in one go (RapidJSON
// uses it for SSE over its StringBuffer); without it every byte of every key and name would be
// looked up and stored one by one. It stops at the first byte the writer escapes (below 0x20,
// '"', '\\'), looking at eight bytes at a time; bytes >= 0x80 are copied as they are, as the
// writer does for UTF-8 to UTF-8 without validation. The writer has reserved room for the string.
template <>
inline bool rapidjson::Writer<JsonOut>::ScanWriteUnescapedString(StringStream& is, size_t length) {
  const char* const begin = is.src_;
  const char* const end = is.head_ + length;
  const char* q = begin;
  while (end - q >= 8 && clean_eight(q)) q += 8;
  while (q != end && static_cast<unsigned char>(*q) >= 0x20 && *q != '"' && *q != '\\') ++q;
  os_->put_unchecked(begin, static_cast<size_t>(q - begin));
  is.src_ = q;
  return q != end;
}

namespace {

template <size_t N>
void key(JsonWriter& w, const char (&name)[N]) {
  w.Key(name, N - 1);
}
void str(JsonWriter& w, std::string_view s) { w.String(s.data(), static_cast<rapidjson::SizeType>(s.size())); }

// k / 10^places, written as the decimal it is: "0.95", "0.0005", "300" (never "300.0"). That is
// exactly the shortest round-trip text of the double nearest to it (std::to_chars, fixed), which
// the generator has always written: any other decimal of no more digits lies 10^-places or more
// away, outside the rounding interval of a double this small (k / 10^places < 2^30 here). Written
// from the integer, several times cheaper than formatting the double.
void decimal(JsonWriter& w, uint64_t k, unsigned places) {
  static constexpr uint64_t kPow10[] = {1, 10, 100, 1000, 10000};
  char buf[48];
  char* p = std::to_chars(buf, buf + 24, k / kPow10[places]).ptr;
  if (uint64_t rest = k % kPow10[places]) {
    *p++ = '.';
    for (uint64_t unit = kPow10[places] / 10; rest; unit /= 10) {  // stops before trailing zeros
      *p++ = static_cast<char>('0' + rest / unit);
      rest %= unit;
    }
  }
  w.RawValue(buf, static_cast<size_t>(p - buf), rapidjson::kNumberType);
}
void frac(JsonWriter& w, uint32_t ten_thousandths) { decimal(w, ten_thousandths, 4); }
void tenths(JsonWriter& w, uint64_t t) { decimal(w, t, 1); }

struct Padded {  // zero-padded decimal; the width is a minimum
  uint64_t value;
  int width;
};
struct Date {  // YYYY-MM-DD
  int64_t days;  // since 1970-01-01
};

// A short string (a name, an id, a date) put together in place; the writer escapes it.
class Text {
 public:
  Text& operator<<(std::string_view s) {
    if (s.size() > sizeof buf_ - n_) die_too_long();
    std::memcpy(buf_ + n_, s.data(), s.size());
    n_ += s.size();
    return *this;
  }
  Text& operator<<(uint64_t v) { return *this << Padded{v, 0}; }
  Text& operator<<(Padded p) {
    char tmp[32];
    const auto r = std::to_chars(tmp, tmp + sizeof tmp, p.value);
    const auto len = static_cast<size_t>(r.ptr - tmp);
    const size_t zeros = p.width > 0 && static_cast<size_t>(p.width) > len ? static_cast<size_t>(p.width) - len : 0;
    if (zeros > sizeof buf_ - n_) die_too_long();
    std::memset(buf_ + n_, '0', zeros);
    n_ += zeros;
    return *this << std::string_view(tmp, len);
  }
  Text& operator<<(Date d) {
    const qchain::CivilDate c = qchain::civil_from_days(d.days);
    return *this << Padded{static_cast<uint64_t>(c.year), 4} << "-" << Padded{c.month, 2} << "-" << Padded{c.day, 2};
  }
  std::string_view view() const { return std::string_view(buf_, n_); }

 private:
  [[noreturn]] static void die_too_long() {
    std::fputs("qchain-generate: internal error: a generated string is too long\n", stderr);
    std::exit(2);
  }
  char buf_[256];
  size_t n_ = 0;
};

void str(JsonWriter& w, const Text& t) { str(w, t.view()); }

// ---------------------------------------------------------------------------
// Static vocabulary

constexpr const char* kRoleName[] = {"chain_leader", "large", "medium", "small", "micro"};
constexpr uint32_t kRoleWeight[] = {0, 6, 3, 2, 1};  // attractiveness as a customer


constexpr const char* kBrand[] = {"恒", "达", "华", "兴", "盛", "鑫", "瑞", "宏", "泰", "源",
                                  "丰", "创", "精", "诚", "联", "通", "远", "航", "凯", "博",
                                  "德", "信", "安", "嘉", "润", "鼎", "新", "力", "科", "明"};
constexpr size_t kNumBrand = sizeof(kBrand) / sizeof(kBrand[0]);

constexpr const char* kTierWord[] = {"新材料", "精密铸锻", "机械零部件", "电子元器件", "系统总成", "智能装备"};

constexpr const char* kCategory[] = {"man", "machine", "material", "method", "measurement", "environment"};
constexpr const char* kIssueName[6][5] = {
    {"操作工技能不足", "人员流动频繁", "质量意识薄弱", "岗前培训不到位", "疲劳作业"},
    {"设备老化", "模具磨损", "设备点检缺失", "工装精度不足", "设备故障停机频繁"},
    {"原材料批次不稳定", "来料检验漏检", "材料规格不符", "供应商变更未通知", "物料存储受潮"},
    {"作业指导书缺失", "工艺参数漂移", "变更管理不规范", "首件检验缺失", "防错措施不足"},
    {"量具未校准", "测量系统分析缺失", "检验标准不清", "抽样方案不当", "质量数据记录不全"},
    {"温湿度失控", "车间洁净度不足", "静电防护不足", "照明不足", "现场5S不到位"},
};

// ---------------------------------------------------------------------------

// The national mode's default share of single-source inputs (docs/generator.md).
constexpr double kNationalSoleSourced = 0.55;

struct Config {
  uint64_t firms = 0;
  uint64_t seed = 1;
  double links_per_firm = 4.0;
  uint64_t leaders = 5;
  uint64_t segments = 5;
  uint64_t issues = 30;
  uint64_t cycles = 0;
  bool cycles_given = false;
  bool national = false;        // --network national
  bool links_given = false, segments_given = false, leaders_given = false;
  double sole_sourced = -1;     // --sole-sourced; < 0: the chain mode's fixed 30 % multi-source draw
  bool stats = false;
  std::string out;
  std::string chain_id;  // empty: synthetic-N-sS
};

[[noreturn]] void die(const std::string& msg) {
  std::fprintf(stderr, "qchain-generate: %s\n", msg.c_str());
  std::exit(2);
}

uint64_t parse_uint(const char* opt, const char* s) {
  uint64_t v = 0;
  const char* end = s + std::strlen(s);
  const auto r = std::from_chars(s, end, v);
  if (r.ec != std::errc() || r.ptr != end || s == end) die(std::string(opt) + ": not a non-negative integer: " + s);
  return v;
}

double parse_real(const char* opt, const char* s) {
  double v = 0;
  const char* end = s + std::strlen(s);
  const auto r = std::from_chars(s, end, v);
  if (r.ec != std::errc() || r.ptr != end || s == end || !(v >= 0) || v > 1e6)
    die(std::string(opt) + ": not a number in [0, 1e6]: " + s);
  return v;
}

Config parse_args(int argc, char** argv) {
  Config c;
  bool have_firms = false, have_out = false;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto value = [&]() -> const char* {
      if (i + 1 >= argc) die(a + ": missing value");
      return argv[++i];
    };
    if (a == "-h" || a == "--help") {
      std::fputs(kUsage, stdout);
      std::exit(0);
    } else if (a == "--firms") {
      c.firms = parse_uint("--firms", value());
      have_firms = true;
    } else if (a == "--seed") {
      c.seed = parse_uint("--seed", value());
    } else if (a == "--network") {
      const std::string v = value();
      if (v != "chain" && v != "national") die("--network: chain or national, not " + v);
      c.national = v == "national";
    } else if (a == "--sole-sourced") {
      c.sole_sourced = parse_real("--sole-sourced", value());
      if (c.sole_sourced > 1) die("--sole-sourced: a share in [0, 1]");
    } else if (a == "--links-per-firm") {
      c.links_per_firm = parse_real("--links-per-firm", value());
      c.links_given = true;
    } else if (a == "--leaders") {
      c.leaders = parse_uint("--leaders", value());
      c.leaders_given = true;
    } else if (a == "--segments") {
      c.segments = parse_uint("--segments", value());
      c.segments_given = true;
    } else if (a == "--issues") {
      c.issues = parse_uint("--issues", value());
    } else if (a == "--cycles") {
      c.cycles = parse_uint("--cycles", value());
      c.cycles_given = true;
    } else if (a == "--chain-id") {
      // Another seed under the same id is a later snapshot of one chain, for `qchain compare`.
      c.chain_id = value();
      if (c.chain_id.empty() || c.chain_id.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-") != std::string::npos)
        die("--chain-id: letters, digits, '.', '_' and '-' only");
    } else if (a == "--stats") {
      c.stats = true;
    } else if (a == "-o" || a == "--output") {
      c.out = value();
      have_out = true;
    } else {
      std::fputs(kUsage, stderr);
      die("unknown argument: " + a);
    }
  }
  if (!have_firms || !have_out) {
    std::fputs(kUsage, stderr);
    die("--firms and -o are required");
  }
  if (c.national) {
    if (c.segments_given || c.cycles_given) die("--segments and --cycles are options of --network chain");
    if (c.firms < 100) die("--network national needs --firms >= 100");
    if (c.firms > 100000000) die("--firms must be <= 100000000");
    if (c.leaders < 1) die("--leaders must be >= 1");
    if (c.issues > 999999) die("--issues must be <= 999999");
    if (!c.links_given) c.links_per_firm = 5.0;
    if (c.links_per_firm < 1 || c.links_per_firm > 100) die("--links-per-firm must be in 1..100 for --network national");
    if (c.sole_sourced < 0) c.sole_sourced = kNationalSoleSourced;
    c.segments = kNationalSectors;
    return c;
  }
  if (c.segments < 2 || c.segments > 1000) die("--segments must be in 2..1000");
  if (c.leaders < 1) die("--leaders must be >= 1");
  if (c.firms > 100000000) die("--firms must be <= 100000000");
  if (c.firms < c.leaders + c.segments - 1)
    die("--firms must be >= leaders + segments - 1 (every segment needs a firm)");
  if (c.issues > 999999) die("--issues must be <= 999999");
  if (!c.cycles_given) c.cycles = c.firms / 10000 + 2;
  return c;
}

std::vector<uint32_t> segment_sizes(uint64_t n, uint64_t k, uint64_t m) {
  const double rest = static_cast<double>(n - k);
  auto upstream_total = [&](double q) {  // K·(q + q^2 + … + q^(M-1))
    double s = 0, p = 1;
    for (uint64_t j = 1; j < m; ++j) {
      p *= q;
      s += p;
    }
    return static_cast<double>(k) * s;
  };
  double q = 1.0;
  if (upstream_total(1.0) < rest) {
    double lo = 1.0, hi = 2.0;
    while (upstream_total(hi) < rest) hi *= 2;
    for (int it = 0; it < 100; ++it) {
      const double mid = 0.5 * (lo + hi);
      (upstream_total(mid) < rest ? lo : hi) = mid;
    }
    q = 0.5 * (lo + hi);
  }
  std::vector<double> target(m - 1);
  double p = 1, tsum = 0;
  for (uint64_t s = m - 1; s-- > 0;) {  // s = M-2 … 0
    p *= q;
    target[s] = p;
    tsum += p;
  }
  std::vector<uint32_t> sz(m);
  uint64_t used = 0;
  for (uint64_t s = 0; s + 1 < m; ++s) {
    const uint64_t v = std::max<uint64_t>(1, static_cast<uint64_t>(target[s] / tsum * rest));
    sz[s] = static_cast<uint32_t>(v);
    used += v;
  }
  const uint64_t want = n - k;
  // Fix rounding: add the remainder upstream, or trim the largest segments.
  if (used < want) sz[0] += static_cast<uint32_t>(want - used);
  while (used > want) {
    const size_t big = static_cast<size_t>(std::max_element(sz.begin(), sz.end() - 1) - sz.begin());
    --sz[big];
    --used;
  }
  sz[m - 1] = static_cast<uint32_t>(k);
  return sz;
}

// Number of links make_cycles adds for C cycles (it may skip one that cannot be placed).
uint64_t cycle_links(uint64_t cycles, bool have_bulk) {
  uint64_t n = 0;
  for (uint64_t i = 0; i < cycles; ++i) n += (i % 8 == 7 && have_bulk) ? 1 : (i % 2 == 0 ? 2 : 3);
  return n;
}

// Leader layer, then bulk forward links seg s → s+1 / s+2 (s ≤ M-3).
void build_links(const Config& cfg, Chain& ch, Rng& rng, std::vector<uint32_t>& stamp, uint32_t& token,
                 const std::vector<std::vector<uint32_t>>& tickets) {
  const uint32_t M = ch.m;
  const uint32_t K = static_cast<uint32_t>(cfg.leaders);
  const uint32_t P = M - 2;                       // segment directly below the leaders
  const uint32_t F = M >= 3 ? M - 3 : M - 2;      // top-up source for the leaders' supply bases
  const uint32_t LS = ch.seg_start[M - 1];        // first leader
  const double total_target = cfg.links_per_firm * ch.n;
  ch.links.reserve(static_cast<size_t>(total_target * 1.02) + 1024 + 64 * static_cast<size_t>(K) +
                   3 * ch.size(P) + 3 * cfg.cycles);

  // Leader layer: every firm of P supplies 1–3 leaders ...
  std::vector<std::vector<uint32_t>> leader_sup(K);
  std::vector<Link> leader_links;
  for (uint32_t u = ch.seg_start[P]; u < ch.seg_start[P + 1]; ++u) {
    const double r = rng.real();
    const uint32_t k = std::min<uint32_t>(r < 0.65 ? 1 : r < 0.90 ? 2 : 3, K);
    ++token;
    for (uint32_t j = 0; j < k; ++j) {
      uint32_t l;
      do l = static_cast<uint32_t>(rng.below(K)); while (stamp[LS + l] == token);
      stamp[LS + l] = token;
      leader_links.push_back({u, LS + l});
      leader_sup[l].push_back(u);
    }
  }
  // ... then each leader is topped up to a supply base of 20–50 from F.
  for (uint32_t l = 0; l < K; ++l) {
    const uint32_t want = static_cast<uint32_t>(rng.range(20, 50));
    ++token;
    uint32_t have_in_f = 0;
    for (uint32_t u : leader_sup[l]) {
      stamp[u] = token;
      if (ch.seg[u] == F) ++have_in_f;
    }
    const uint32_t have = static_cast<uint32_t>(leader_sup[l].size());
    if (have >= want) continue;
    const uint32_t need = std::min(want - have, ch.size(F) - have_in_f);
    for (uint32_t j = 0; j < need; ++j) {
      uint32_t c = UINT32_MAX;
      for (int attempt = 0; attempt < 64; ++attempt) {
        const uint32_t x = tickets[F][rng.below(tickets[F].size())];
        if (stamp[x] != token) {
          c = x;
          break;
        }
      }
      if (c == UINT32_MAX) {
        const uint32_t start = static_cast<uint32_t>(rng.below(ch.size(F)));
        for (uint32_t i = 0; i < ch.size(F); ++i) {
          const uint32_t x = ch.seg_start[F] + (start + i) % ch.size(F);
          if (stamp[x] != token) {
            c = x;
            break;
          }
        }
      }
      if (c == UINT32_MAX) break;
      stamp[c] = token;
      leader_links.push_back({c, LS + l});
    }
  }

  // Bulk: out-degrees first.  The budget is what the leader layer and the
  // cycles leave of L·N; degrees are drawn per segment from the fitted power
  // law, then nudged by ±1 on uniformly chosen firms until they sum exactly to
  // the budget (so the total does not swing with the few largest hubs).
  const uint32_t bulk_firms = ch.seg_start[P];
  if (bulk_firms > 0) {
    auto cand_of = [&](uint32_t s) { return ch.size(s + 1) + (s + 2 <= M - 2 ? ch.size(s + 2) : 0); };
    uint64_t capacity = 0;
    for (uint32_t s = 0; s + 2 < M; ++s) capacity += static_cast<uint64_t>(ch.size(s)) * std::min<uint32_t>(5000, cand_of(s));
    const double rest = total_target - static_cast<double>(leader_links.size()) -
                        static_cast<double>(cycle_links(cfg.cycles, true));
    const uint64_t budget = std::clamp<uint64_t>(rest > 0 ? static_cast<uint64_t>(rest + 0.5) : 0, bulk_firms, capacity);
    const double mean_out = static_cast<double>(budget) / bulk_firms;
    std::vector<uint32_t> deg(bulk_firms);
    uint64_t sum = 0;
    for (uint32_t s = 0; s + 2 < M; ++s) {
      const TableSampler degree = make_degree_sampler(mean_out, std::min<uint32_t>(5000, cand_of(s)), nullptr);
      for (uint32_t u = ch.seg_start[s]; u < ch.seg_start[s + 1]; ++u) {
        deg[u] = static_cast<uint32_t>(degree.draw(rng)) + 1;
        sum += deg[u];
      }
    }
    while (sum < budget) {
      const uint32_t u = static_cast<uint32_t>(rng.below(bulk_firms));
      if (deg[u] < std::min<uint32_t>(5000, cand_of(ch.seg[u]))) {
        ++deg[u];
        ++sum;
      }
    }
    while (sum > budget) {
      const uint32_t u = static_cast<uint32_t>(rng.below(bulk_firms));
      if (deg[u] > 1) {
        --deg[u];
        --sum;
      }
    }

    for (uint32_t s = 0; s + 2 < M; ++s) {
      const uint32_t a = s + 1;
      const bool has_b = s + 2 <= M - 2;
      const uint32_t cand_lo = ch.seg_start[a];
      const uint32_t cand = cand_of(s);
      for (uint32_t u = ch.seg_start[s]; u < ch.seg_start[s + 1]; ++u) {
        ++token;
        for (uint32_t j = 0; j < deg[u]; ++j) {
          uint32_t c = UINT32_MAX;
          for (int attempt = 0; attempt < 32; ++attempt) {
            const uint32_t t = (has_b && rng.chance(0.08)) ? s + 2 : a;
            const uint32_t x = tickets[t][rng.below(tickets[t].size())];
            if (stamp[x] != token) {
              c = x;
              break;
            }
          }
          if (c == UINT32_MAX) {  // nearly saturated: scan from a random point
            const uint32_t start = static_cast<uint32_t>(rng.below(cand));
            for (uint32_t i = 0; i < cand; ++i) {
              const uint32_t x = cand_lo + (start + i) % cand;
              if (stamp[x] != token) {
                c = x;
                break;
              }
            }
          }
          if (c == UINT32_MAX) break;
          stamp[c] = token;
          ch.links.push_back({u, c});
        }
      }
    }
  }
  ch.bulk_end = ch.links.size();
  ch.links.insert(ch.links.end(), leader_links.begin(), leader_links.end());
}

// Deliberate cycles.  Cycle i (0-based): if i % 8 == 7 and there are bulk
// links, a backward link v → u is added against a random existing forward
// link u → v (a 2-cycle across segments); otherwise a mutual pair (i even) or
// a 3-ring a → b → c → a (i odd) among random firms of one non-leader segment
// chosen uniformly among the segments big enough.  Leaders never take part.
// Returns the number of cycles made (a cycle that cannot be placed without
// duplicating a link after 100 attempts is skipped).
uint64_t make_cycles(const Config& cfg, Chain& ch, Rng& rng) {
  std::set<std::pair<uint32_t, uint32_t>> added;
  uint64_t made = 0;
  const uint32_t M = ch.m;
  for (uint64_t i = 0; i < cfg.cycles; ++i) {
    if (i % 8 == 7 && ch.bulk_end > 0) {
      for (int attempt = 0; attempt < 100; ++attempt) {
        const Link f = ch.links[rng.below(ch.bulk_end)];
        if (added.count({f.cust, f.sup})) continue;
        added.insert({f.cust, f.sup});
        ch.links.push_back({f.cust, f.sup});
        ++made;
        break;
      }
      continue;
    }
    const uint32_t len = (i % 2 == 0) ? 2 : 3;
    std::vector<uint32_t> eligible;
    for (uint32_t s = 0; s + 1 < M; ++s)
      if (ch.size(s) >= len) eligible.push_back(s);
    if (eligible.empty()) continue;
    for (int attempt = 0; attempt < 100; ++attempt) {
      const uint32_t s = eligible[rng.below(eligible.size())];
      uint32_t f[3];
      for (uint32_t j = 0; j < len; ++j) f[j] = ch.seg_start[s] + static_cast<uint32_t>(rng.below(ch.size(s)));
      if (f[0] == f[1] || (len == 3 && (f[2] == f[0] || f[2] == f[1]))) continue;
      bool clash = false;
      for (uint32_t j = 0; j < len; ++j)
        if (added.count({f[j], f[(j + 1) % len]})) clash = true;
      if (clash) continue;
      for (uint32_t j = 0; j < len; ++j) {
        added.insert({f[j], f[(j + 1) % len]});
        ch.links.push_back({f[j], f[(j + 1) % len]});
      }
      ++made;
      break;
    }
  }
  return made;
}

// Any non-leader firm outside seg0 without a supplier gets one from the segment above.
void repair_suppliers(Chain& ch, Rng& rng) {
  std::vector<uint8_t> has_sup(ch.n, 0);
  for (const Link& l : ch.links) has_sup[l.cust] = 1;
  for (uint32_t v = ch.seg_start[1]; v < ch.seg_start[ch.m - 1]; ++v) {
    if (has_sup[v]) continue;
    const uint32_t s = ch.seg[v] - 1;
    const uint32_t u = ch.seg_start[s] + static_cast<uint32_t>(rng.below(ch.size(s)));
    ch.links.push_back({u, v});
  }
}

// ---------------------------------------------------------------------------

struct IssueCat {
  uint32_t loss_bp = 0;  // yield loss in 1e-4; 0 = none given
};

// The layered chain: segments, the leader layer, bulk links, cycles, repairs.
uint64_t build_chain(const Config& cfg, Chain& ch, Rng& rng_struct) {
  ch.n = static_cast<uint32_t>(cfg.firms);
  ch.m = static_cast<uint32_t>(cfg.segments);
  const std::vector<uint32_t> sizes = segment_sizes(cfg.firms, cfg.leaders, cfg.segments);
  ch.seg_start.assign(ch.m + 1, 0);
  for (uint32_t s = 0; s < ch.m; ++s) ch.seg_start[s + 1] = ch.seg_start[s] + sizes[s];
  ch.seg.resize(ch.n);
  ch.role.resize(ch.n);
  for (uint32_t s = 0; s < ch.m; ++s)
    for (uint32_t i = ch.seg_start[s]; i < ch.seg_start[s + 1]; ++i) {
      ch.seg[i] = static_cast<uint16_t>(s);
      if (s == ch.m - 1) {
        ch.role[i] = kLeader;
      } else {
        const double r = rng_struct.real();
        ch.role[i] = r < 0.02 ? kLarge : r < 0.10 ? kMedium : r < 0.50 ? kSmall : kMicro;
      }
    }
  std::vector<std::vector<uint32_t>> tickets(ch.m);
  for (uint32_t s = 0; s + 1 < ch.m; ++s) {
    for (uint32_t i = ch.seg_start[s]; i < ch.seg_start[s + 1]; ++i)
      for (uint32_t w = 0; w < kRoleWeight[ch.role[i]]; ++w) tickets[s].push_back(i);
  }
  {
    std::vector<uint32_t> stamp(ch.n, 0);
    uint32_t token = 0;
    build_links(cfg, ch, rng_struct, stamp, token, tickets);
  }
  tickets.clear();
  tickets.shrink_to_fit();
  const uint64_t cycles_made = make_cycles(cfg, ch, rng_struct);
  repair_suppliers(ch, rng_struct);

  return cycles_made;
}

// Inputs are cut from a customer's shuffled suppliers: while two or more are left, the next input
// has 2 sources (3 with probability 0.35 when three are left) with probability p, else one.
// Returns the p whose expected share of single-source inputs over these in-degrees is `sole`
// (bisection on exact expectations; clamped when no p reaches it, e.g. when most customers have
// one supplier only).
double multi_source_probability(double sole, const std::vector<uint32_t>& in_off) {
  std::vector<uint64_t> customers_with;  // by in-degree
  for (size_t c = 0; c + 1 < in_off.size(); ++c) {
    const uint32_t d = in_off[c + 1] - in_off[c];
    if (d >= customers_with.size()) customers_with.resize(d + 1, 0);
    ++customers_with[d];
  }
  const size_t top = customers_with.size();
  auto sole_share = [&](double p) {
    std::vector<double> inputs(top + 1, 0), single(top + 1, 0);
    for (size_t r = 1; r < top; ++r) {
      if (r == 1) {
        inputs[1] = single[1] = 1;
        continue;
      }
      const double multi_in = r >= 3 ? 0.35 * inputs[r - 3] + 0.65 * inputs[r - 2] : inputs[r - 2];
      const double multi_single = r >= 3 ? 0.35 * single[r - 3] + 0.65 * single[r - 2] : single[r - 2];
      inputs[r] = 1 + (1 - p) * inputs[r - 1] + p * multi_in;
      single[r] = (1 - p) * (1 + single[r - 1]) + p * multi_single;
    }
    double all = 0, one = 0;
    for (size_t d = 1; d < top; ++d) {
      all += customers_with[d] * inputs[d];
      one += customers_with[d] * single[d];
    }
    return all > 0 ? one / all : 1.0;
  };
  double lo = 0, hi = 1;  // sole_share falls as p grows
  for (int it = 0; it < 50; ++it) {
    const double mid = 0.5 * (lo + hi);
    (sole_share(mid) > sole ? lo : hi) = mid;
  }
  return 0.5 * (lo + hi);
}

// The chain of `cfg`, written to cfg.out. Throws qchain::IoError.
void generate(const Config& cfg) {

  Rng rng_struct(splitmix64(cfg.seed ^ 0x5354525543540001ull));
  Rng rng_cat(splitmix64(cfg.seed ^ 0x4341544C4F470002ull));
  Rng rng_firm(splitmix64(cfg.seed ^ 0x4649524D53000003ull));
  Rng rng_link(splitmix64(cfg.seed ^ 0x4C494E4B53000004ull));

  // ---- structure ----
  Chain ch;
  uint64_t cycles_made = 0;
  NationalShape shape;
  if (cfg.national) {
    NationalOptions opt;
    opt.firms = static_cast<uint32_t>(cfg.firms);
    opt.links_per_firm = cfg.links_per_firm;
    opt.leaders = static_cast<uint32_t>(std::min<uint64_t>(cfg.leaders, cfg.firms));
    shape = build_national(opt, ch, rng_struct);
  } else {
    cycles_made = build_chain(cfg, ch, rng_struct);
  }

  // CSR by customer.
  std::vector<uint32_t> in_off(ch.n + 1, 0);
  std::vector<uint32_t> out_deg(ch.n, 0);
  for (const Link& l : ch.links) {
    ++in_off[l.cust + 1];
    ++out_deg[l.sup];
  }
  for (uint32_t i = 0; i < ch.n; ++i) in_off[i + 1] += in_off[i];
  std::vector<uint32_t> in_sup(ch.links.size());
  {
    std::vector<uint32_t> pos(in_off.begin(), in_off.end() - 1);
    for (const Link& l : ch.links) in_sup[pos[l.cust]++] = l.sup;
  }
  const size_t n_links = ch.links.size();
  // The chain mode's fixed draw unless a share was asked for: its default output stays as it was.
  const double multi_source = cfg.sole_sourced < 0 ? 0.30 : multi_source_probability(cfg.sole_sourced, in_off);
  ch.links.clear();
  ch.links.shrink_to_fit();

  // ---- catalogue ----
  const uint64_t I = cfg.issues;
  std::vector<IssueCat> issues(I);
  for (uint64_t i = 0; i < I; ++i)
    if (i % 2 == 0) issues[i].loss_bp = static_cast<uint32_t>(rng_cat.range(50, 800));
  // Issue popularity: Zipf (exponent 1) over a seeded permutation of the codes.
  std::vector<uint32_t> issue_perm(I);
  for (uint64_t i = 0; i < I; ++i) issue_perm[i] = static_cast<uint32_t>(i);
  for (uint64_t i = I; i > 1; --i) std::swap(issue_perm[i - 1], issue_perm[rng_cat.below(i)]);
  std::vector<double> zipf_w(I);
  for (uint64_t r = 0; r < I; ++r) zipf_w[r] = 1.0 / static_cast<double>(r + 1);
  const TableSampler issue_rank(zipf_w.empty() ? std::vector<double>{1.0} : zipf_w);
  const int issue_width = I > 999 ? static_cast<int>(std::to_string(I).size()) : 3;
  const int id_width = std::max<int>(7, static_cast<int>(std::to_string(cfg.firms).size()));

  // ---- output ----
  qchain::AtomicFileWriter file(cfg.out);
  JsonOut out(file);
  JsonWriter w(out);
  const int64_t as_of = qchain::days_from_civil({2025, 6, 30});
  const std::string n_str = std::to_string(cfg.firms);
  const std::string seed_str = std::to_string(cfg.seed);
  const auto firm_id = [id_width](uint32_t i) {
    Text id;  // named, so that it is built in place of the result rather than copied there
    id << "F" << Padded{uint64_t{i} + 1, id_width};
    return id;
  };

  w.StartObject();
  key(w, "format");
  str(w, "qchain-chain/1");
  key(w, "chain");
  w.StartObject();
  key(w, "id");
  str(w, !cfg.chain_id.empty() ? cfg.chain_id
                               : (cfg.national ? "national-" : "synthetic-") + n_str + "-s" + seed_str);
  key(w, "name");
  str(w, (cfg.national ? "合成全国企业网络 " : "合成产业链 ") + n_str + " 家");
  key(w, "industry");
  str(w, "synthetic");
  key(w, "description");
  if (cfg.national)
    str(w, "合成数据，非真实企业。Synthetic national firm network generated by qchain-generate --network national (seed " +
                  seed_str + ", " + n_str + " firms, " + std::to_string(kNationalSectors) +
                  " sectors, upstream shell, strongly connected core, downstream shell); not real firms.");
  else
    str(w, "合成数据，非真实企业。Synthetic chain generated by qchain-generate (seed " + seed_str + ", " + n_str +
                  " firms, " + std::to_string(cfg.segments) + " segments, " + std::to_string(cfg.leaders) +
                  " chain leaders); not real firms.");
  key(w, "as_of");
  str(w, Text() << Date{as_of});
  w.EndObject();
  out.break_after_next_comma();

  key(w, "segments");
  w.StartArray();
  out.Put('\n');
  for (uint32_t s = 0; s < ch.m; ++s) {
    w.StartObject();
    key(w, "id");
    str(w, Text() << "seg" << s);
    key(w, "name");
    if (cfg.national)
      str(w, kSectorName[s]);
    else
      str(w, Text() << "第" << s + 1 << "环节");
    key(w, "order");
    w.Uint(s);
    w.EndObject();
    out.break_after_next_comma();
  }
  w.EndArray();
  out.break_after_next_comma();

  key(w, "issues");
  w.StartArray();
  out.Put('\n');
  for (uint64_t i = 0; i < I; ++i) {
    const uint64_t cat = i % 6;
    w.StartObject();
    key(w, "code");
    str(w, Text() << "ISS-" << Padded{i + 1, issue_width});
    Text name;
    name << kIssueName[cat][(i / 6) % 5];
    if (i >= 30) name << "（" << i / 30 + 1 << "）";
    key(w, "name");
    str(w, name);
    key(w, "category");
    str(w, kCategory[cat]);
    if (issues[i].loss_bp) {
      key(w, "yield_loss");
      frac(w, issues[i].loss_bp);
    }
    w.EndObject();
    out.break_after_next_comma();
  }
  w.EndArray();
  out.break_after_next_comma();

  // Firms.
  key(w, "firms");
  w.StartArray();
  out.Put('\n');
  const uint32_t iso_pm[] = {1000, 900, 700, 420, 280};   // per mille by role
  const uint32_t iatf_pm[] = {1000, 600, 250, 100, 50};
  const uint32_t fpy_lo[] = {9700, 9500, 9200, 8800, 8000};
  const uint32_t fpy_hi[] = {9990, 9990, 9960, 9900, 9800};
  const int64_t emp_lo[] = {5000, 1000, 100, 20, 1};
  const int64_t emp_hi[] = {60000, 8000, 999, 99, 19};
  uint64_t n_iso = 0, n_iatf = 0, n_fpy = 0;
  for (uint32_t i = 0; i < ch.n; ++i) {
    Rng& r = rng_firm;
    const uint8_t role = ch.role[i];
    const uint32_t s = ch.seg[i];
    const City& city = ch.city.empty() ? kCities[r.below(kNumCities)] : kCities[ch.city[i]];
    w.StartObject();
    key(w, "id");
    str(w, firm_id(i));
    Text name;
    name << city.city << kBrand[r.below(kNumBrand)] << kBrand[r.below(kNumBrand)] << (cfg.national ? kSectorName[s] : kTierWord[s * 5 / (ch.m - 1)]);
    if (role == kLeader) name << "集团股份有限公司";
    else if (role == kLarge) name << "股份有限公司";
    else if (role == kMicro && r.chance(0.4)) name << "加工厂";
    else name << "有限公司";
    key(w, "name");
    str(w, name);
    key(w, "role");
    str(w, kRoleName[role]);
    key(w, "segment");
    str(w, Text() << "seg" << s);
    key(w, "region");
    str(w, city.province);

    // Issues first (they lower the yield).
    uint32_t n_iss = 0;
    uint32_t iss_code[3], iss_sev[3];
    if (I > 0) {
      const double x = r.real();
      const double p0 = role == kMicro ? 0.30 : role == kSmall ? 0.40 : role == kMedium ? 0.50 : 0.65;
      n_iss = x < p0 ? 0 : x < p0 + (1 - p0) * 0.5 ? 1 : x < p0 + (1 - p0) * 0.8 ? 2 : 3;
      n_iss = std::min<uint32_t>(n_iss, static_cast<uint32_t>(std::min<uint64_t>(I, 3)));
      for (uint32_t j = 0; j < n_iss; ++j) {
        uint32_t code;
        bool dup;
        do {
          code = issue_perm[issue_rank.draw(r)];
          dup = false;
          for (uint32_t k = 0; k < j; ++k) dup = dup || iss_code[k] == code;
        } while (dup);
        iss_code[j] = code;
        const double sv = r.real();
        iss_sev[j] = sv < 0.30 ? 1 : sv < 0.60 ? 2 : sv < 0.80 ? 3 : sv < 0.92 ? 4 : 5;
      }
    }
    int64_t fpy = r.range(fpy_lo[role], fpy_hi[role]);
    for (uint32_t j = 0; j < n_iss; ++j) fpy -= issues[iss_code[j]].loss_bp * iss_sev[j] / 10;
    fpy = std::clamp<int64_t>(fpy, 8000, 9990);
    if (!r.chance(0.02)) {
      key(w, "first_pass_yield");
      frac(w, static_cast<uint32_t>(fpy));
      ++n_fpy;
    }
    if (r.chance(0.95)) {
      const double x = r.real();
      const char* mat;
      switch (role) {
        case kLeader: mat = "leaping"; break;
        case kLarge: mat = x < 0.6 ? "leaping" : "developing"; break;
        case kMedium: mat = x < 0.2 ? "leaping" : x < 0.8 ? "developing" : "startup"; break;
        case kSmall: mat = x < 0.05 ? "leaping" : x < 0.55 ? "developing" : "startup"; break;
        default: mat = x < 0.02 ? "leaping" : x < 0.35 ? "developing" : "startup"; break;
      }
      key(w, "maturity");
      str(w, mat);
    }
    const int64_t emp = r.range(emp_lo[role], emp_hi[role]);
    key(w, "employees");
    w.Uint64(static_cast<uint64_t>(emp));
    if (r.chance(0.90)) {
      // Revenue per employee 30–150 (10k CNY), in tenths.
      key(w, "revenue");
      tenths(w, static_cast<uint64_t>(emp) * static_cast<uint64_t>(r.range(300, 1500)));
    }
    // Certifications.
    bool any_cert = false;
    auto cert = [&](const char* scheme) {
      if (!any_cert) {
        key(w, "certifications");
        w.StartArray();
        any_cert = true;
      }
      w.StartObject();
      key(w, "scheme");
      str(w, scheme);
      key(w, "status");
      const double x = r.real();
      if (x < 0.85) {
        str(w, "valid");
        key(w, "expires");
        str(w, Text() << Date{as_of + r.range(1, 3 * 365)});
      } else if (x < 0.92) {
        str(w, "in_progress");
      } else if (x < 0.98) {
        str(w, "expired");
        key(w, "expires");
        str(w, Text() << Date{as_of - r.range(1, 2 * 365)});
      } else {
        str(w, "suspended");
        key(w, "expires");
        str(w, Text() << Date{as_of + r.range(1, 2 * 365)});
      }
      w.EndObject();
    };
    if (r.below(1000) < iso_pm[role]) {
      cert("ISO9001");
      ++n_iso;
    }
    if (r.below(1000) < iatf_pm[role]) {
      cert("IATF16949");
      ++n_iatf;
    }
    if (any_cert) w.EndArray();
    if (n_iss) {
      key(w, "issues");
      w.StartArray();
      for (uint32_t j = 0; j < n_iss; ++j) {
        w.StartObject();
        key(w, "code");
        str(w, Text() << "ISS-" << Padded{uint64_t{iss_code[j]} + 1, issue_width});
        key(w, "severity");
        w.Uint(iss_sev[j]);
        w.EndObject();
      }
      w.EndArray();
    }
    if ((role == kSmall || role == kMicro) && r.chance(0.01)) {
      key(w, "assisted");
      w.StartObject();
      key(w, "by");
      str(w, Text() << city.city << "市质量技术服务中心");
      key(w, "since");
      str(w, Text() << Date{as_of - r.range(30, 730)});
      key(w, "programme");
      str(w, "中小企业质量提升帮扶计划");
      w.EndObject();
    }
    w.EndObject();
    out.break_after_next_comma();
  }
  w.EndArray();
  out.break_after_next_comma();

  // Links, grouped by customer.
  key(w, "links");
  w.StartArray();
  out.Put('\n');
  const uint64_t value_base[] = {0, 15000, 3000, 800, 200};  // tenths of 10k CNY by supplier role
  uint64_t n_inputs = 0, n_multi = 0, n_noness = 0, n_insp = 0, n_req = 0, n_value = 0, n_shared = 0;
  uint32_t max_in = 0, max_out = 0;
  for (uint32_t c = 0; c < ch.n; ++c) {
    Rng& r = rng_link;
    uint32_t* sup = in_sup.data() + in_off[c];
    const uint32_t d = in_off[c + 1] - in_off[c];
    max_in = std::max(max_in, d);
    for (uint32_t i = d; i > 1; --i) std::swap(sup[i - 1], sup[r.below(i)]);
    const Text customer = firm_id(c);
    uint32_t input_no = 0;
    for (uint32_t i = 0; i < d;) {
      const uint32_t rem = d - i;
      uint32_t g = 1;
      if (rem >= 2 && r.chance(multi_source)) g = (rem >= 3 && r.chance(0.35)) ? 3 : 2;
      const bool named = g > 1 || r.chance(0.5);
      if (named) ++input_no;
      const bool essential = !r.chance(0.10);
      // Shares (1e-4 units): explicit on half of the multi-source inputs.
      uint32_t share[3] = {0, 0, 0};
      bool has_share[3] = {false, false, false};
      if (g > 1 && r.chance(0.5)) {
        ++n_shared;
        // Random split of 10000 into g parts, each >= 500.
        uint32_t left = 10000;
        for (uint32_t j = 0; j + 1 < g; ++j) {
          const uint32_t hi = left - 500 * (g - 1 - j);
          share[j] = static_cast<uint32_t>(r.range(500, hi - 500 >= 500 ? hi - 500 : 500));
          left -= share[j];
        }
        share[g - 1] = left;
        for (uint32_t j = 0; j < g; ++j) has_share[j] = true;
        if (r.chance(0.4)) has_share[r.below(g)] = false;  // that source gets the remainder
      }
      ++n_inputs;
      if (g > 1) ++n_multi;
      for (uint32_t j = 0; j < g; ++j) {
        const uint32_t s = sup[i + j];
        w.StartObject();
        key(w, "supplier");
        str(w, firm_id(s));
        key(w, "customer");
        str(w, customer);
        if (named) {
          key(w, "input");
          str(w, Text() << "in-" << input_no);
        }
        if (has_share[j]) {
          key(w, "share");
          frac(w, share[j]);
        }
        if (!essential) {
          ++n_noness;
          key(w, "essential");
          w.Bool(false);
          key(w, "weight");
          frac(w, static_cast<uint32_t>(r.range(100, 2000)));
        }
        if (r.chance(0.95)) {
          // Incoming inspection, stronger at bigger customers (in 1/10000).
          static const uint32_t lo[] = {9000, 9000, 7500, 5500, 3000}, hi[] = {9800, 9800, 9200, 8500, 7000};
          ++n_insp;
          key(w, "inspection");
          frac(w, static_cast<uint32_t>(r.range(lo[ch.role[c]], hi[ch.role[c]])));
        }
        if (r.chance(0.05)) {
          ++n_req;
          key(w, "requires");
          w.StartArray();
          str(w, "ISO9001");
          w.EndArray();
        }
        if (r.chance(0.90)) {
          ++n_value;
          // Roughly log-normal: base × product of uniforms; leaders buy more.
          const double f = (0.2 + 1.3 * r.real()) * (0.2 + 1.3 * r.real()) * (0.5 + r.real());
          double v = static_cast<double>(value_base[ch.role[s]]) * f * (ch.role[c] == kLeader ? 3.0 : 1.0);
          key(w, "value");
          tenths(w, static_cast<uint64_t>(v) + 1);
        }
        w.EndObject();
        out.break_after_next_comma();
      }
      i += g;
    }
  }
  w.EndArray();
  out.break_after_next_comma();
  w.EndObject();  // the writer flushes the buffer when the document is complete
  out.Put('\n');
  out.Flush();
  file.commit();
  for (uint32_t i = 0; i < ch.n; ++i) max_out = std::max(max_out, out_deg[i]);
  if (cfg.stats) {
    std::fprintf(stderr,
                 "qchain-generate: %u firms, %zu links (%.3f per firm), %u segments, max out-degree %u, "
                 "max in-degree %u, cycles %llu, inputs %llu (%llu multi-source, %llu with shares), "
                 "non-essential links %llu, inspection %llu, requires %llu, value %llu, fpy %llu, "
                 "ISO9001 %llu, IATF16949 %llu\n",
                 ch.n, n_links, static_cast<double>(n_links) / ch.n, ch.m, max_out, max_in,
                 static_cast<unsigned long long>(cycles_made), static_cast<unsigned long long>(n_inputs),
                 static_cast<unsigned long long>(n_multi), static_cast<unsigned long long>(n_shared),
                 static_cast<unsigned long long>(n_noness), static_cast<unsigned long long>(n_insp),
                 static_cast<unsigned long long>(n_req), static_cast<unsigned long long>(n_value),
                 static_cast<unsigned long long>(n_fpy), static_cast<unsigned long long>(n_iso),
                 static_cast<unsigned long long>(n_iatf));
    if (cfg.national) {
      std::fprintf(stderr,
                   "qchain-generate: upstream shell %u, core %u, downstream shell %u firms (%u supplied from the "
                   "core to keep it reaching them); multi-source probability %.4f for sole-sourced %.4f\n",
                   shape.core_begin, shape.out_begin - shape.core_begin, ch.n - shape.out_begin, shape.repaired,
                   multi_source, cfg.sole_sourced);
    } else {
      std::fprintf(stderr, "qchain-generate: segment sizes:");
      for (uint32_t s = 0; s < ch.m; ++s) std::fprintf(stderr, " %u", ch.size(s));
      std::fprintf(stderr, "\n");
    }
  }
}

}  // namespace

int main(int argc, char** argv) {
  const Config cfg = parse_args(argc, argv);
  try {
    generate(cfg);
  } catch (const qchain::Error& e) {
    die(e.what());  // after the unwinding, which removed the temporary file
  }
  return 0;
}
