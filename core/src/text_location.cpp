#include "qchain/core/text_location.hpp"

#include <algorithm>
#include <cstdio>
#include <memory>
#include <numeric>

namespace qchain {
namespace {

// Feeds chunks of text; answers offsets in ascending order.
class Locator {
 public:
  explicit Locator(const std::vector<std::size_t>& offsets) : offsets_(offsets), out_(offsets.size()) {
    order_.resize(offsets.size());
    std::iota(order_.begin(), order_.end(), std::size_t{0});
    std::stable_sort(order_.begin(), order_.end(), [&](std::size_t a, std::size_t b) { return offsets[a] < offsets[b]; });
  }
  bool done() const { return next_ == order_.size(); }
  void feed(const char* data, std::size_t n) {
    for (std::size_t i = 0; i < n && !done(); ++i, ++pos_) {
      answer_up_to(pos_);
      const unsigned char c = static_cast<unsigned char>(data[i]);
      if (c == '\n') { ++line_; column_ = 1; }
      else if ((c & 0xC0) != 0x80) ++column_;
      // A byte-order mark takes no column; only the whole three-byte sequence is one (U+FEFF), not
      // any character whose first byte is EF. Chunks may split it, hence the bytes kept.
      if (pos_ < 3) head_[pos_] = c;
      if (pos_ == 2 && head_[0] == 0xEF && head_[1] == 0xBB && head_[2] == 0xBF) --column_;
    }
  }
  std::vector<LineColumn> finish() {
    answer_up_to(static_cast<std::size_t>(-1));
    return out_;
  }

 private:
  void answer_up_to(std::size_t pos) {
    while (!done() && offsets_[order_[next_]] <= pos) out_[order_[next_++]] = {line_, column_};
  }
  const std::vector<std::size_t>& offsets_;
  std::vector<LineColumn> out_;
  std::vector<std::size_t> order_;
  std::size_t next_ = 0, pos_ = 0;
  std::uint32_t line_ = 1, column_ = 1;
  unsigned char head_[3] = {0, 0, 0};
};

}  // namespace

std::vector<LineColumn> locate_offsets_in_text(const std::string& text, const std::vector<std::size_t>& offsets) {
  Locator loc(offsets);
  loc.feed(text.data(), text.size());
  return loc.finish();
}

std::vector<LineColumn> locate_offsets_in_file(const std::string& path, const std::vector<std::size_t>& offsets) {
  Locator loc(offsets);
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> f(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (f) {
    std::vector<char> buf(1 << 20);
    std::size_t n;
    while (!loc.done() && (n = std::fread(buf.data(), 1, buf.size(), f.get())) > 0) loc.feed(buf.data(), n);
  }
  return loc.finish();
}

}  // namespace qchain
