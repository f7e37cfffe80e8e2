#pragma once
// A read-only array of a ChainGraph: either it owns its elements (a graph built from a chain file)
// or it views elements that live in a mapped snapshot (snapshot.hpp), which it keeps alive. The big
// arrays of a million-firm chain are hundreds of megabytes, and first touch of fresh memory costs
// about 10 µs per 4 KiB page: viewing the mapping instead of copying it is what makes opening fast.
#include <cstddef>
#include <memory>
#include <utility>
#include <vector>

namespace qchain::graphs {

template <class T>
class Column {
 public:
  Column() = default;
  Column(std::vector<T> owned) : own_(std::move(owned)) { point_at_own(); }  // NOLINT: a vector is a column
  // `count` elements at `first`, valid as long as `keeper` lives.
  Column(const T* first, std::size_t count, std::shared_ptr<const void> keeper)
      : keep_(std::move(keeper)), p_(first), n_(count) {}
  Column(const Column& o) : own_(o.own_), keep_(o.keep_), p_(o.p_), n_(o.n_) {
    if (!keep_) point_at_own();
  }
  Column(Column&& o) noexcept : own_(std::move(o.own_)), keep_(std::move(o.keep_)), p_(o.p_), n_(o.n_) {
    if (!keep_) point_at_own();
    o.p_ = nullptr, o.n_ = 0;
  }
  Column& operator=(Column o) noexcept {
    own_.swap(o.own_), keep_.swap(o.keep_);
    std::swap(p_, o.p_), std::swap(n_, o.n_);
    if (!keep_) point_at_own();
    return *this;
  }

  const T* data() const { return p_; }
  std::size_t size() const { return n_; }
  bool empty() const { return n_ == 0; }
  const T& operator[](std::size_t i) const { return p_[i]; }
  const T* begin() const { return p_; }
  const T* end() const { return p_ + n_; }
  const T& front() const { return p_[0]; }
  const T& back() const { return p_[n_ - 1]; }
  // Whether the elements live in a mapped file rather than in memory of their own.
  bool mapped() const { return keep_ != nullptr; }

  friend bool operator==(const Column& a, const Column& b) {
    if (a.n_ != b.n_) return false;
    for (std::size_t i = 0; i < a.n_; ++i)
      if (!(a.p_[i] == b.p_[i])) return false;
    return true;
  }
  friend bool operator!=(const Column& a, const Column& b) { return !(a == b); }

 private:
  void point_at_own() { p_ = own_.data(), n_ = own_.size(); }
  std::vector<T> own_;
  std::shared_ptr<const void> keep_;
  const T* p_ = nullptr;
  std::size_t n_ = 0;
};

}  // namespace qchain::graphs
