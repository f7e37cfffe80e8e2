#pragma once
// The reader's language. Everything a person reads is Chinese by default; JSON keys, ids and code
// stay English whatever the language.

namespace qchain::report {

enum class Lang { zh, en };

// Picks the Chinese or English wording.
inline const char* tr(Lang lang, const char* zh, const char* en) { return lang == Lang::zh ? zh : en; }

}  // namespace qchain::report
