#pragma once
// The message catalogue: every message a person reads from qchain (validation problems, warnings,
// usage and I/O errors, the argument parser's errors) is composed in English where it arises, and
// that English is its id. At the one place where a message is printed, it is looked up here and
// rendered in the reader's language, gettext-style, so that loaders and analyses hold no wording
// but their own English.
//
// The catalogue is a table of English patterns with placeholders, each with a Chinese template:
//   "unknown firm {}"                    -> "未知企业 {}"
//   "must be between {} and {}, got {}"  -> "必须在 {} 到 {} 之间，实际为 {}"
// In a pattern, `{}` captures any text (possibly empty, as little as lets the rest match) and the
// template copies it unchanged (ids, quoted values, numbers, paths); `{m}` captures a message that
// is itself looked up in the catalogue (a parser's or the system's wording inside ours, such as
// "malformed JSON: {m}"). In a template, `{}` takes the captures in order and `{0}`..`{9}` by
// position; `{{` is a literal brace in either. Two captures may not stand side by side.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "qchain/report/text_table.hpp"
#include "qchain/core/error.hpp"

namespace qchain::report {

struct MessagePattern {
  std::string_view en;  // the English pattern
  std::string_view zh;  // its Chinese template
};

struct LocalisedMessage {
  std::string text;
  // A pattern matched the whole message, and every `{m}` inside it matched too. When nothing
  // matched, `text` is the English unchanged.
  bool matched = false;
};

// Matches `english` against `patterns` and fills the Chinese template of the first pattern that
// matches fully (else of the first that matched with an unmatched `{m}` inside). `{m}` captures are
// looked up in the same table. Lang::en returns the English unchanged, `matched` telling whether a
// Chinese text exists.
LocalisedMessage localise_with(const std::vector<MessagePattern>& patterns, std::string_view english, Lang lang);

// qchain's catalogue.
const std::vector<MessagePattern>& message_catalogue();
LocalisedMessage localise(std::string_view english, Lang lang);
std::string localise_message(std::string_view english, Lang lang);

// qchain::format_diagnostic's layout, "file:line:col: [warning: ]field: message", with the
// message (and the word "warning") in `lang`. Field names are JSON keys and column names: English.
std::string localise_diagnostic(const Diagnostic& d, Lang lang);

// Problems with the table itself (two captures side by side, a template naming a capture the
// pattern lacks, an unknown placeholder); empty when it is sound. For tests.
std::vector<std::string> catalogue_problems(const std::vector<MessagePattern>& patterns);

}  // namespace qchain::report
