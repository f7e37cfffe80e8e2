#pragma once
// Graphviz keeps global state and is not thread-safe: every job that lays out or renders a diagram
// runs on this one worker thread, one after another. Callers wait for their own job only; a request
// that renders nothing never touches the queue.
#include <condition_variable>
#include <deque>
#include <functional>
#include <future>
#include <mutex>
#include <string>
#include <thread>

namespace qchain::service {

class RenderQueue {
 public:
  RenderQueue();
  ~RenderQueue();  // finishes the jobs queued, then stops
  RenderQueue(const RenderQueue&) = delete;
  RenderQueue& operator=(const RenderQueue&) = delete;

  // Runs `job` on the worker and returns what it returns (or rethrows what it throws).
  std::string run(std::function<std::string()> job);
  std::size_t jobs_done() const;

 private:
  void work();
  mutable std::mutex m_;
  std::condition_variable wake_;
  std::deque<std::packaged_task<std::string()>> jobs_;
  bool stopping_ = false;
  std::size_t done_ = 0;
  std::thread worker_;
};

}  // namespace qchain::service
