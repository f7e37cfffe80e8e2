#pragma once
// The workbench's browser files, bundled by esbuild at build time and compiled into the binary, so
// that `qchain serve` alone serves them (no file beside it, nothing from the internet).
#include <optional>
#include <string_view>

namespace qchain::web {

struct Asset {
  std::string_view content_type;
  std::string_view bytes;
};

// Any path outside /api: a bundled file by its name, and index.html for the page routes the
// single-page app draws itself (/, /login, /chains/...). Nothing for /api paths or unknown files.
std::optional<Asset> find_asset(std::string_view path);

}  // namespace qchain::web
