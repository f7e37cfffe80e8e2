#pragma once
// Matching names that people type: column headers from spreadsheets, certification schemes, keys.
// Spreadsheet exports add stray spaces, capitals and full-width characters (ＩＳＯ　９００１); typos
// need a "did you mean" rather than silence.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace qchain::graphs {

// Full-width ASCII forms (U+FF01–U+FF5E) and the ideographic space folded to ASCII, ASCII letters
// lower-cased, leading and trailing spaces removed, and every inner run of spaces, hyphens and
// underscores made one '_': "First_Pass_Yield " and "ｆｉｒｓｔ ｐａｓｓ－ｙｉｅｌｄ" both give
// "first_pass_yield".
std::string fold_header(std::string_view s);

// A certification scheme's identity: fold_header without the separators at all, so "ISO 9001",
// "iso9001" and "ISO-9001" are one scheme.
std::string scheme_key(std::string_view s);

// The candidate nearest to `s` by edit distance over folded names, when it is near enough to be a
// likely typo (at most a third of the longer name, and at most 3 edits); none otherwise.
std::optional<std::string> closest_name(std::string_view s, const std::vector<std::string>& candidates);

}  // namespace qchain::graphs
