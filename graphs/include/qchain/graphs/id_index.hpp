#pragma once
// A compact open-addressing map from string ids to dense uint32_t indices. It stores only the
// indices (and a 32-bit hash each); keys are read back through the caller's key_of(index), so the
// owner keeps one copy of each id and the index stays valid when the owner is copied or moved.
#include <cstdint>
#include <cstring>
#include <functional>
#include <string_view>
#include <utility>
#include <vector>

namespace qchain::graphs {

class IdIndex {
 public:
  static constexpr std::uint32_t npos = 0xFFFFFFFFu;

  void reserve(std::size_t n) {
    std::size_t cap = 16;
    while (cap < n + n / 2 + 1) cap <<= 1;
    if (cap > slots_.size()) rehash(cap);
  }

  template <class KeyOf>
  std::uint32_t find(std::string_view key, const KeyOf& key_of) const {
    return find_hashed(key, hash(key), key_of);
  }

  // For batched lookups: hash first, prefetch the slot, probe later (misses then overlap).
  // Ids are short: eight bytes at a time with a multiply, then a final mix so that the low bits
  // (the slot) depend on every byte. Several times cheaper than std::hash's byte-wise Murmur.
  static std::uint32_t hash(std::string_view key) {
    const char* p = key.data();
    std::size_t n = key.size();
    std::uint64_t h = 0x9E3779B97F4A7C15ull ^ n;
    for (; n >= 8; p += 8, n -= 8) {
      std::uint64_t w;
      std::memcpy(&w, p, 8);
      h = (h ^ w) * 0xFF51AFD7ED558CCDull;
      h ^= h >> 32;
    }
    if (n > 0) {
      std::uint64_t w = 0;
      for (std::size_t i = 0; i < n; ++i) w |= std::uint64_t{static_cast<unsigned char>(p[i])} << (8 * i);
      h = (h ^ w) * 0xC4CEB9FE1A85EC53ull;
    }
    h ^= h >> 33;
    h *= 0xFF51AFD7ED558CCDull;
    h ^= h >> 33;
    return static_cast<std::uint32_t>(h);
  }
  void prefetch(std::uint32_t h) const {
    if (!slots_.empty()) __builtin_prefetch(&slots_[h & (slots_.size() - 1)]);
  }
  // The index of the first entry whose hash matches, without comparing keys (npos if none): the
  // caller confirms, and falls back to find() on a mismatch.
  std::uint32_t candidate(std::uint32_t h) const {
    if (slots_.empty()) return npos;
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = h & mask;; i = (i + 1) & mask) {
      const std::uint64_t s = slots_[i];
      if (s == kEmpty) return npos;
      if (static_cast<std::uint32_t>(s >> 32) == h) return static_cast<std::uint32_t>(s);
    }
  }

  template <class KeyOf>
  std::uint32_t find_hashed(std::string_view key, std::uint32_t h, const KeyOf& key_of) const {
    if (slots_.empty()) return npos;
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = h & mask;; i = (i + 1) & mask) {
      const std::uint64_t s = slots_[i];
      if (s == kEmpty) return npos;
      if (static_cast<std::uint32_t>(s >> 32) == h && key_of(static_cast<std::uint32_t>(s)) == key)
        return static_cast<std::uint32_t>(s);
    }
  }

  // Adds key -> value unless key is present; returns the index the key maps to afterwards.
  template <class KeyOf>
  std::uint32_t insert(std::string_view key, std::uint32_t value, const KeyOf& key_of) {
    if ((count_ + 1) * 3 > slots_.size() * 2) rehash(slots_.empty() ? 16 : slots_.size() * 2);
    const std::uint32_t h = hash(key);
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = h & mask;; i = (i + 1) & mask) {
      const std::uint64_t s = slots_[i];
      if (s == kEmpty) {
        slots_[i] = (std::uint64_t{h} << 32) | value;
        ++count_;
        return value;
      }
      if (static_cast<std::uint32_t>(s >> 32) == h && key_of(static_cast<std::uint32_t>(s)) == key)
        return static_cast<std::uint32_t>(s);
    }
  }

  std::size_t size() const { return count_; }

  // The table as it stands, and one put back from it (the snapshot stores the firm index whole,
  // which is faster than hashing a million ids again; its reader checks the slots first).
  static constexpr std::uint64_t empty_slot() { return kEmpty; }
  const std::vector<std::uint64_t>& slots() const { return slots_; }
  void assign(std::vector<std::uint64_t> slots, std::size_t count) { slots_ = std::move(slots), count_ = count; }

 private:
  static constexpr std::uint64_t kEmpty = ~std::uint64_t{0};
  void rehash(std::size_t cap) {
    std::vector<std::uint64_t> old(cap, kEmpty);
    old.swap(slots_);
    const std::size_t mask = cap - 1;
    for (std::uint64_t s : old) {
      if (s == kEmpty) continue;
      std::size_t i = (s >> 32) & mask;
      while (slots_[i] != kEmpty) i = (i + 1) & mask;
      slots_[i] = s;
    }
  }

  std::vector<std::uint64_t> slots_;
  std::size_t count_ = 0;
};

}  // namespace qchain::graphs
