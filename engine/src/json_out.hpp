#pragma once
// Private helpers for the engine's JSON reports (RapidJSON stays out of public headers).
#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

#include <cmath>
#include <string>
#include <string_view>

namespace qchain::engine::json {

using Writer = rapidjson::PrettyWriter<rapidjson::StringBuffer>;

inline void str(Writer& w, std::string_view s) { w.String(s.data(), static_cast<rapidjson::SizeType>(s.size())); }
inline void key(Writer& w, std::string_view k) { w.Key(k.data(), static_cast<rapidjson::SizeType>(k.size())); }
// NaN (an absent value) is written as null.
inline void num(Writer& w, double x) {
  if (std::isfinite(x)) w.Double(x);
  else w.Null();
}
inline void count(Writer& w, std::uint64_t n) { w.Uint64(n); }

// Builds a document with `fill(writer)` and returns it with a trailing newline.
template <class Fill>
std::string document(Fill fill) {
  rapidjson::StringBuffer buf;
  Writer w(buf);
  w.SetIndent(' ', 2);
  fill(w);
  return std::string(buf.GetString(), buf.GetSize()) + "\n";
}

}  // namespace qchain::engine::json
