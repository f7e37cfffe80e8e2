#pragma once
// The table that web/cmake/embed.cmake generates: each bundled file by its name (e.g. "app.js").
#include <string_view>
#include <vector>

namespace qchain::web::detail {

struct EmbeddedFile {
  std::string_view name;
  std::string_view bytes;
};

const std::vector<EmbeddedFile>& embedded_files();

}  // namespace qchain::web::detail
