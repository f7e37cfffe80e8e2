#include "whatif_codec.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <type_traits>

namespace qchain::mpi {

using engine::WhatIfResult;

namespace {

// A field added to WhatIfResult must be added here too: the size check stops the build until then.
// (A name, a flag and a total padded to 8 bytes each, and ten vectors.)
static_assert(sizeof(WhatIfResult) == sizeof(std::string) + 2 * 8 + 10 * sizeof(std::vector<int>),
              "WhatIfResult changed: update encode_whatif and decode_whatif");

struct Writer {
  std::string out;
  template <class T>
  void value(const T& x) {
    static_assert(std::is_trivially_copyable_v<T>);
    out.append(reinterpret_cast<const char*>(&x), sizeof x);
  }
  template <class T>
  void vec(const std::vector<T>& v) {
    static_assert(std::is_trivially_copyable_v<T>);
    value<std::uint64_t>(v.size());
    if (!v.empty()) out.append(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(T));
  }
};

struct Reader {
  const std::string& in;
  std::size_t at = 0;
  void take(void* to, std::size_t bytes) {
    if (bytes > in.size() - at) throw std::runtime_error("a what-if result arrived cut short");
    std::memcpy(to, in.data() + at, bytes);
    at += bytes;
  }
  template <class T>
  T value() {
    T x{};
    take(&x, sizeof x);
    return x;
  }
  template <class T>
  void vec(std::vector<T>& v) {
    static_assert(std::is_trivially_copyable_v<T>);
    const auto count = value<std::uint64_t>();
    if (count > (in.size() - at) / std::max<std::size_t>(1, sizeof(T))) throw std::runtime_error("a what-if result arrived cut short");
    v.resize(count);
    if (count) take(v.data(), count * sizeof(T));
  }
};

}  // namespace

std::string encode_whatif(const WhatIfResult& r) {
  Writer w;
  w.value<std::uint64_t>(r.name.size());
  w.out += r.name;
  w.value(r.upstream);
  w.vec(r.shocked);
  w.vec(r.leader_yield);
  w.vec(r.changed);
  w.vec(r.delivered_yield);
  w.vec(r.level);
  w.vec(r.leader_level);
  w.value(r.total_loss);
  w.vec(r.stopped);
  w.vec(r.reduced);
  std::vector<std::uint32_t> firms, schemes;
  for (const auto& [firm, scheme] : r.decertified_without_effect) firms.push_back(firm), schemes.push_back(scheme);
  w.vec(firms);
  w.vec(schemes);
  w.vec(r.events);
  return w.out;
}

WhatIfResult decode_whatif(const std::string& bytes) {
  Reader rd{bytes};
  WhatIfResult r;
  std::vector<char> name;
  rd.vec(name);
  r.name.assign(name.begin(), name.end());
  r.upstream = rd.value<bool>();
  rd.vec(r.shocked);
  rd.vec(r.leader_yield);
  rd.vec(r.changed);
  rd.vec(r.delivered_yield);
  rd.vec(r.level);
  rd.vec(r.leader_level);
  r.total_loss = rd.value<double>();
  rd.vec(r.stopped);
  rd.vec(r.reduced);
  std::vector<std::uint32_t> firms, schemes;
  rd.vec(firms);
  rd.vec(schemes);
  if (firms.size() != schemes.size()) throw std::runtime_error("a what-if result arrived garbled");
  for (std::size_t k = 0; k < firms.size(); ++k) r.decertified_without_effect.emplace_back(firms[k], schemes[k]);
  rd.vec(r.events);
  if (rd.at != bytes.size()) throw std::runtime_error("a what-if result arrived with bytes to spare");
  return r;
}

}  // namespace qchain::mpi
