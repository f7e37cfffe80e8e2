#pragma once
// The new documents of the API (firm, neighbourhood, search, import, errors) are written with
// RapidJSON's writer as the report layer's are: UTF-8, numbers without loss, NaN as null.
#include <cmath>
#include <string>
#include <string_view>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace qchain::service::json {

using Writer = rapidjson::Writer<rapidjson::StringBuffer>;

inline void key(Writer& w, std::string_view k) { w.Key(k.data(), static_cast<rapidjson::SizeType>(k.size())); }
inline void str(Writer& w, std::string_view s) { w.String(s.data(), static_cast<rapidjson::SizeType>(s.size())); }
inline void num(Writer& w, double x) {
  if (std::isnan(x) || std::isinf(x)) w.Null();
  else w.Double(x);
}
inline void text_or_null(Writer& w, std::string_view k, std::string_view s) {
  key(w, k);
  if (s.empty()) w.Null();
  else str(w, s);
}

}  // namespace qchain::service::json
