#pragma once
// Private helpers for the engine's JSON reports (RapidJSON stays out of public headers).
#include <rapidjson/prettywriter.h>

#include <array>
#include <cmath>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <type_traits>

#include "qchain/graphs/chain.hpp"

namespace qchain::report::json {

// The writer's output stream: a small buffer handed on to `sink` whenever it fills, so that a
// document is either appended to one string (document) or streamed to a file (stream) and never
// held twice. The same writer class either way, so both give the same bytes.
class Output {
 public:
  using Ch = char;
  explicit Output(std::function<void(std::string_view)> sink) : buf_(new char[kSize]), sink_(std::move(sink)) {}
  void Put(char c) {
    if (n_ == kSize) Flush();
    buf_[n_++] = c;
  }
  void Flush() {
    if (n_ > 0) sink_(std::string_view(buf_.get(), n_));
    n_ = 0;
  }

 private:
  static constexpr std::size_t kSize = std::size_t{1} << 16;
  std::unique_ptr<char[]> buf_;
  std::size_t n_ = 0;
  std::function<void(std::string_view)> sink_;
};

using Writer = rapidjson::PrettyWriter<Output>;

inline void str(Writer& w, std::string_view s) { w.String(s.data(), static_cast<rapidjson::SizeType>(s.size())); }
inline void key(Writer& w, std::string_view k) { w.Key(k.data(), static_cast<rapidjson::SizeType>(k.size())); }
// NaN (an absent value) is written as null.
inline void num(Writer& w, double x) {
  if (std::isfinite(x)) w.Double(x);
  else w.Null();
}
inline void count(Writer& w, std::uint64_t n) { w.Uint64(n); }

// An object keyed by role name, in role order: counts or shares per role.
template <class T>
void role_object(Writer& w, const std::array<T, graphs::kRoleCount>& per_role) {
  w.StartObject();
  for (int r = 0; r < graphs::kRoleCount; ++r) {
    key(w, graphs::to_string(static_cast<graphs::Role>(r)));
    if constexpr (std::is_integral_v<T>) count(w, per_role[r]);
    else num(w, per_role[r]);
  }
  w.EndObject();
}

// Writes a document with `fill(writer)`, and a trailing newline, to `sink` in pieces as it goes.
// Big documents (a province-sized chain's analysis runs to hundreds of megabytes) are written
// without indentation.
template <class Fill>
void stream(Fill fill, const std::function<void(std::string_view)>& sink, bool compact = false) {
  Output out(sink);
  Writer w(out);
  w.SetIndent(' ', compact ? 0 : 2);
  fill(w);
  out.Put('\n');
  out.Flush();
}

// The same document as one string; `size_hint` bytes are reserved up front so that a big one is
// not regrown many times.
template <class Fill>
std::string document(Fill fill, std::size_t size_hint = 0, bool compact = false) {
  std::string doc;
  if (size_hint) doc.reserve(size_hint);
  stream(fill, [&doc](std::string_view piece) { doc.append(piece); }, compact);
  return doc;
}

}  // namespace qchain::report::json
