#pragma once
// First touch of fresh memory dominates loading a big chain (about 10 µs per 4 KiB page on our
// machines). Asking for transparent huge pages on the big arrays cuts the number of faults 512-fold;
// the kernel here only uses them where asked (THP mode "madvise").
#include <sys/mman.h>

#include <cstdint>
#include <vector>

namespace qchain::graphs {

inline void advise_huge_pages(const void* p, std::size_t bytes) {
  constexpr std::uintptr_t kHuge = std::uintptr_t{2} << 20;
  const std::uintptr_t begin = (reinterpret_cast<std::uintptr_t>(p) + kHuge - 1) & ~(kHuge - 1);
  const std::uintptr_t end = (reinterpret_cast<std::uintptr_t>(p) + bytes) & ~(kHuge - 1);
  if (end > begin) ::madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);
}

// reserve() that also advises huge pages; worthwhile only for arrays of many megabytes.
template <class T>
void reserve_huge(std::vector<T>& v, std::size_t n) {
  v.reserve(n);
  if (n * sizeof(T) >= (std::size_t{8} << 20)) advise_huge_pages(v.data(), n * sizeof(T));
}

// A vector of n copies of `value`, on huge pages when big.
template <class T>
std::vector<T> huge_vector(std::size_t n, const T& value = T()) {
  std::vector<T> v;
  reserve_huge(v, n);
  v.assign(n, value);
  return v;
}

}  // namespace qchain::graphs
