#pragma once
// Turns byte offsets into 1-based line:column (columns count UTF-8 characters), reading the text once.
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace qchain {

struct LineColumn {
  std::uint32_t line = 0, column = 0;
};

// `offsets` in any order; the answer is in the same order. Reads `path` in chunks.
std::vector<LineColumn> locate_offsets_in_file(const std::string& path, const std::vector<std::size_t>& offsets);
std::vector<LineColumn> locate_offsets_in_text(const std::string& text, const std::vector<std::size_t>& offsets);


}  // namespace qchain
