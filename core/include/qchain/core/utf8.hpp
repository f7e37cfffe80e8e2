#pragma once
// UTF-8 as every layer meets it: checking input text, and the width of text in a terminal.
#include <cstddef>
#include <string_view>

namespace qchain {

// Well-formed UTF-8: no overlong form, no surrogate, nothing above U+10FFFF.
bool is_valid_utf8(std::string_view s);
// Terminal columns of `utf8`, counting East Asian wide characters as two, so that Chinese names line up.
std::size_t display_width(std::string_view utf8);

}  // namespace qchain
