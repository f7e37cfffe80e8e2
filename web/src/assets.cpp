#include "qchain/web/assets.hpp"

#include <algorithm>

#include "embedded.hpp"

namespace qchain::web {

namespace {

std::string_view type_of(std::string_view name) {
  const auto ends = [&](std::string_view s) {
    return name.size() >= s.size() && name.compare(name.size() - s.size(), s.size(), s) == 0;
  };
  if (ends(".html")) return "text/html; charset=utf-8";
  if (ends(".js")) return "text/javascript; charset=utf-8";
  if (ends(".css")) return "text/css; charset=utf-8";
  if (ends(".svg")) return "image/svg+xml";
  return "application/octet-stream";
}

std::optional<Asset> file(std::string_view name) {
  for (const detail::EmbeddedFile& f : detail::embedded_files())
    if (f.name == name) return Asset{type_of(name), f.bytes};
  return std::nullopt;
}

bool starts(std::string_view s, std::string_view prefix) { return s.compare(0, prefix.size(), prefix) == 0; }

}  // namespace

std::optional<Asset> find_asset(std::string_view path) {
  if (path == "/api" || starts(path, "/api/")) return std::nullopt;
  if (!starts(path, "/")) return std::nullopt;
  const std::string_view name = path.substr(1);
  if (name.find('/') == std::string_view::npos && !name.empty())
    if (auto a = file(name)) return a;
  // The routes the page draws itself; an unknown file name (with a dot) stays unknown.
  const bool route = name.empty() || name == "login" || name == "chains" || starts(name, "chains/");
  if (route) return file("index.html");
  return std::nullopt;
}

}  // namespace qchain::web
