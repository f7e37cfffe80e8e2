#pragma once
// Private helpers for the engine's JSON reports (RapidJSON stays out of public headers).
#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

#include <array>
#include <cmath>
#include <string>
#include <string_view>
#include <type_traits>

#include "qchain/graphs/chain.hpp"

namespace qchain::report::json {

using Writer = rapidjson::PrettyWriter<rapidjson::StringBuffer>;

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

// Builds a document with `fill(writer)` and returns it with a trailing newline. Big documents
// (a province-sized chain's analysis runs to hundreds of megabytes) get `size_hint` bytes reserved up
// front and no indentation, so the buffer is neither regrown nor copied more than once.
template <class Fill>
std::string document(Fill fill, std::size_t size_hint = 0, bool compact = false) {
  rapidjson::StringBuffer buf;
  if (size_hint) buf.Reserve(size_hint);
  Writer w(buf);
  w.SetIndent(' ', compact ? 0 : 2);
  fill(w);
  std::string out;
  out.reserve(buf.GetSize() + 1);
  out.append(buf.GetString(), buf.GetSize());
  out.push_back('\n');
  return out;
}

}  // namespace qchain::report::json
