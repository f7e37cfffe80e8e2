#include "qchain/core/parallel_for.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace {

using qchain::parallel_for;
using qchain::parallel_for_watched;
using qchain::parallel_workers;

// Per-item results and per-worker integer sums, as the analyses keep them.
struct Outcome {
  std::vector<double> per_item;
  std::vector<unsigned> worker_of;
  std::uint64_t total = 0;
};

Outcome run(std::size_t n, unsigned threads) {
  Outcome o;
  o.per_item.assign(n, -1.0);
  o.worker_of.assign(n, ~0u);
  std::vector<std::uint64_t> sums(parallel_workers(n, threads), 0);
  parallel_for(n, threads, [&](std::size_t i, unsigned worker) {
    double x = static_cast<double>(i) + 0.5;
    for (int k = 0; k < 50; ++k) x = x * 1.000001 + 1.0 / (x + 1.0);
    o.per_item[i] = x;
    o.worker_of[i] = worker;
    sums[worker] += i * i;
  });
  for (std::uint64_t s : sums) o.total += s;
  return o;
}

TEST(ParallelFor, SameResultsForOneToFourThreads) {
  const std::size_t n = 1001;
  const Outcome one = run(n, 1);
  for (std::size_t i = 0; i < n; ++i) ASSERT_GE(one.per_item[i], 0.0) << "item " << i << " not run";
  for (unsigned t = 2; t <= 4; ++t) {
    const Outcome o = run(n, t);
    EXPECT_EQ(o.per_item, one.per_item) << t << " threads";
    EXPECT_EQ(o.total, one.total) << t << " threads";
  }
}

TEST(ParallelFor, DealsItemsStridedSoWorkerStateIsReproducible) {
  const Outcome o = run(10, 3);
  for (std::size_t i = 0; i < 10; ++i) EXPECT_EQ(o.worker_of[i], i % 3) << "item " << i;
}

TEST(ParallelFor, EachWorkerSeesItsItemsInIncreasingOrder) {
  const std::size_t n = 500;
  const unsigned workers = parallel_workers(n, 4);
  std::vector<std::vector<std::size_t>> seen(workers);
  parallel_for(n, 4, [&](std::size_t i, unsigned w) { seen[w].push_back(i); });
  std::size_t count = 0;
  for (unsigned w = 0; w < workers; ++w) {
    for (std::size_t k = 0; k < seen[w].size(); ++k) EXPECT_EQ(seen[w][k], w + k * workers);
    count += seen[w].size();
  }
  EXPECT_EQ(count, n);
}

TEST(ParallelFor, NoItemsCallsNothing) {
  std::atomic<int> calls{0};
  parallel_for(0, 4, [&](std::size_t) { ++calls; });
  parallel_for_watched(0, 4, [&](std::size_t) { ++calls; }, [&] { ++calls; }, std::chrono::milliseconds(1));
  EXPECT_EQ(calls.load(), 0);
  EXPECT_EQ(parallel_workers(0, 4), 1u);  // per-worker state is never sized 0
}

TEST(ParallelFor, MoreThreadsThanItemsRunsEachItemOnce) {
  EXPECT_EQ(parallel_workers(3, 16), 3u);
  std::vector<std::atomic<int>> hits(3);
  std::atomic<unsigned> highest_worker{0};
  parallel_for(3, 16, [&](std::size_t i, unsigned w) {
    ++hits[i];
    unsigned seen = highest_worker.load();
    while (w > seen && !highest_worker.compare_exchange_weak(seen, w)) {
    }
  });
  for (const std::atomic<int>& h : hits) EXPECT_EQ(h.load(), 1);
  EXPECT_LT(highest_worker.load(), 3u);
}

TEST(ParallelFor, ZeroThreadsMeansTheMachinesCores) {
  EXPECT_GE(parallel_workers(1000, 0), 1u);
  EXPECT_EQ(parallel_workers(1000, 0), std::min(1000u, std::max(1u, std::thread::hardware_concurrency())));
  std::atomic<int> calls{0};
  parallel_for(100, 0, [&](std::size_t) { ++calls; });
  EXPECT_EQ(calls.load(), 100);
}

TEST(ParallelFor, AWorkersExceptionReachesTheCaller) {
  // Item 5 falls to worker 1 of 4: a thread of its own, not the caller's share.
  try {
    parallel_for(100, 4, [](std::size_t i) {
      if (i == 5) throw std::runtime_error("item 5 failed");
    });
    FAIL() << "no exception";
  } catch (const std::runtime_error& e) {
    EXPECT_EQ(std::string(e.what()), "item 5 failed");
  }
  // And in the caller's own share (worker 0), with every other worker joined first.
  std::atomic<int> after{0};
  EXPECT_THROW(parallel_for(100, 4,
                            [&](std::size_t i) {
                              if (i == 0) throw std::logic_error("first");
                              ++after;
                            }),
               std::logic_error);
  EXPECT_LT(after.load(), 100);
}

TEST(ParallelFor, TheFirstOfSeveralExceptionsIsTheOneRethrown) {
  std::atomic<bool> first_thrown{false};
  try {
    parallel_for(4, 4, [&](std::size_t i) {
      if (i == 2) {
        first_thrown = true;
        throw std::runtime_error("first");
      }
      while (!first_thrown) std::this_thread::yield();
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
      throw std::runtime_error("later");
    });
    FAIL() << "no exception";
  } catch (const std::runtime_error& e) {
    EXPECT_EQ(std::string(e.what()), "first");
  }
}

TEST(ParallelFor, WatchedRunTicksAndEndsWhenAWorkerThrows) {
  std::atomic<int> ticks{0}, done{0};
  parallel_for_watched(
      8, 2,
      [&](std::size_t) {
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
        ++done;
      },
      [&] { ++ticks; }, std::chrono::milliseconds(1));
  EXPECT_EQ(done.load(), 8);
  EXPECT_GE(ticks.load(), 1);
  EXPECT_THROW(parallel_for_watched(
                   8, 2, [](std::size_t i) { if (i == 3) throw std::out_of_range("3"); }, [] {}, std::chrono::milliseconds(1)),
               std::out_of_range);
  // An exception from the progress callback stops the workers and reaches the caller too.
  EXPECT_THROW(parallel_for_watched(
                   1000000, 2, [](std::size_t) { std::this_thread::sleep_for(std::chrono::microseconds(10)); },
                   [] { throw std::runtime_error("tick"); }, std::chrono::milliseconds(1)),
               std::runtime_error);
}

}  // namespace
