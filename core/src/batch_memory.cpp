#include "qchain/core/batch_memory.hpp"

#include <climits>  // first: through <features.h> it defines __GLIBC__

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace qchain {

bool keep_freed_memory() {
#if defined(__GLIBC__)
  // M_MMAP_MAX 0: no block gets a mapping of its own, so none is unmapped on free. M_TRIM_THRESHOLD
  // at its largest: the heap's free top stays mapped. Threads' arenas still map what exceeds their
  // 64 MB heaps; glibc falls back to that itself.
  const bool no_mmap = mallopt(M_MMAP_MAX, 0) == 1;
  const bool no_trim = mallopt(M_TRIM_THRESHOLD, INT_MAX) == 1;
  return no_mmap && no_trim;
#else
  return false;
#endif
}

}  // namespace qchain
