#pragma once
// One way to spread independent items over threads. Items are dealt out statically and strided —
// worker w takes w, w + W, w + 2W, … in increasing order — so which worker sees which item depends
// only on the worker count: per-worker state (scratch buffers, integer sums) stays reproducible,
// and results written per item are the same for any thread count.
//
// An exception in any worker stops the others at their next item and reaches the caller once every
// worker has joined (a bare std::thread would call std::terminate instead).
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstddef>
#include <exception>
#include <mutex>
#include <thread>
#include <type_traits>
#include <utility>
#include <vector>

namespace qchain {

// How many workers parallel_for uses for n items: `threads`, or the hardware's when 0, never more
// than n and never fewer than 1. Size per-worker state with it.
inline unsigned parallel_workers(std::size_t n, unsigned threads) {
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  return static_cast<unsigned>(std::max<std::size_t>(1, std::min<std::size_t>(threads, n)));
}

namespace detail {

// The first exception any worker threw, and whether the others should stop.
class FirstError {
 public:
  void keep(std::exception_ptr e) {
    const std::lock_guard<std::mutex> lock(mutex_);
    if (!error_) error_ = std::move(e);
    failed_.store(true, std::memory_order_relaxed);
  }
  bool failed() const { return failed_.load(std::memory_order_relaxed); }
  void rethrow() const {
    if (error_) std::rethrow_exception(error_);
  }

 private:
  std::mutex mutex_;
  std::exception_ptr error_;
  std::atomic<bool> failed_{false};
};

template <class Body>
void run_share(Body& body, std::size_t n, unsigned worker, unsigned workers, FirstError& error) noexcept {
  try {
    for (std::size_t i = worker; i < n && !error.failed(); i += workers) {
      if constexpr (std::is_invocable_v<Body&, std::size_t, unsigned>)
        body(i, worker);
      else
        body(i);
    }
  } catch (...) {
    error.keep(std::current_exception());
  }
}

// Starts workers [first, workers) on threads; a failure to start one is kept like a worker's error.
template <class Body>
std::vector<std::thread> start_workers(Body& body, std::size_t n, unsigned first, unsigned workers, FirstError& error,
                                       std::atomic<unsigned>* finished) {
  std::vector<std::thread> pool;
  pool.reserve(workers - first);
  try {
    for (unsigned w = first; w < workers; ++w)
      pool.emplace_back([&body, n, w, workers, &error, finished] {
        run_share(body, n, w, workers, error);
        if (finished) finished->fetch_add(1, std::memory_order_release);
      });
  } catch (...) {
    error.keep(std::current_exception());
    if (finished) finished->fetch_add(workers - first - static_cast<unsigned>(pool.size()), std::memory_order_release);
  }
  return pool;
}

}  // namespace detail

// Calls body(i) — or body(i, worker) when it takes two arguments, worker in
// [0, parallel_workers(n, threads)) — once for every i in [0, n). The calling thread is worker 0.
// Rethrows the first exception a worker threw, after all have joined.
template <class Body>
void parallel_for(std::size_t n, unsigned threads, Body&& body) {
  if (n == 0) return;
  const unsigned workers = parallel_workers(n, threads);
  detail::FirstError error;
  std::vector<std::thread> pool = detail::start_workers(body, n, 1, workers, error, nullptr);
  detail::run_share(body, n, 0, workers, error);
  for (std::thread& t : pool) t.join();
  error.rethrow();
}

// As parallel_for, but every worker runs on a thread of its own while the calling thread calls
// `while_running()` and sleeps `interval`, over and over until all have finished (progress
// reports). A worker's exception ends the wait; one from while_running() stops the workers.
template <class Body, class Tick>
void parallel_for_watched(std::size_t n, unsigned threads, Body&& body, Tick&& while_running,
                          std::chrono::milliseconds interval) {
  if (n == 0) return;
  const unsigned workers = parallel_workers(n, threads);
  detail::FirstError error;
  std::atomic<unsigned> finished{0};
  std::vector<std::thread> pool = detail::start_workers(body, n, 0, workers, error, &finished);
  try {
    while (finished.load(std::memory_order_acquire) < workers) {
      while_running();
      std::this_thread::sleep_for(interval);
    }
  } catch (...) {
    error.keep(std::current_exception());
  }
  for (std::thread& t : pool) t.join();
  error.rethrow();
}

}  // namespace qchain
