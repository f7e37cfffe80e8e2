#include "qchain/core/batch_memory.hpp"

#include <gtest/gtest.h>

#include <cstdlib>  // before the test of __GLIBC__, which the C library's headers define
#include <cstring>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

#if defined(__SANITIZE_ADDRESS__)
#define QCHAIN_OWN_MALLOC 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define QCHAIN_OWN_MALLOC 0
#endif
#endif
#ifndef QCHAIN_OWN_MALLOC
#define QCHAIN_OWN_MALLOC 1
#endif

namespace {

#if defined(__GLIBC__) && QCHAIN_OWN_MALLOC
// Exit code 0 when a 64 MB block came from the heap rather than a mapping of its own, 1 otherwise.
// Run in a child process: the policy is the process's for good.
[[noreturn]] void allocate_big_and_exit(bool keep) {
  if (keep && !qchain::keep_freed_memory()) std::_Exit(2);
  const std::size_t mapped_before = mallinfo2().hblkhd;
  void* p = std::malloc(std::size_t{64} << 20);
  if (!p) std::_Exit(3);
  std::memset(p, 1, 4096);
  const bool mapped = mallinfo2().hblkhd > mapped_before;
  std::free(p);
  std::_Exit(mapped ? 1 : 0);
}
#endif

}  // namespace

TEST(BatchMemory, BigBlocksComeFromTheHeapOnceAsked) {
#if defined(__GLIBC__) && QCHAIN_OWN_MALLOC
  EXPECT_EXIT(allocate_big_and_exit(true), ::testing::ExitedWithCode(0), "");
  // Without the call glibc maps such a block by itself: the check above can tell the two apart.
  EXPECT_EXIT(allocate_big_and_exit(false), ::testing::ExitedWithCode(1), "");
#else
  GTEST_SKIP() << "the policy is glibc's malloc's; this build has another allocator";
#endif
}
