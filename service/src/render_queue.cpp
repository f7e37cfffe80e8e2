#include "render_queue.hpp"

namespace qchain::service {

RenderQueue::RenderQueue() : worker_([this] { work(); }) {}

RenderQueue::~RenderQueue() {
  {
    std::lock_guard<std::mutex> lock(m_);
    stopping_ = true;
  }
  wake_.notify_all();
  worker_.join();
}

std::string RenderQueue::run(std::function<std::string()> job) {
  std::packaged_task<std::string()> task(std::move(job));
  std::future<std::string> result = task.get_future();
  {
    std::lock_guard<std::mutex> lock(m_);
    jobs_.push_back(std::move(task));
  }
  wake_.notify_one();
  return result.get();
}

std::size_t RenderQueue::jobs_done() const {
  std::lock_guard<std::mutex> lock(m_);
  return done_;
}

void RenderQueue::work() {
  for (;;) {
    std::packaged_task<std::string()> task;
    {
      std::unique_lock<std::mutex> lock(m_);
      wake_.wait(lock, [this] { return stopping_ || !jobs_.empty(); });
      if (jobs_.empty()) return;
      task = std::move(jobs_.front());
      jobs_.pop_front();
    }
    task();  // an exception is kept in the task's future
    std::lock_guard<std::mutex> lock(m_);
    ++done_;
  }
}

}  // namespace qchain::service
