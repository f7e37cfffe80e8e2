#pragma once
// Text files as Chinese Excel and WPS save them: UTF-8 with or without a byte-order mark, UTF-16
// (little or big endian, by its BOM), or — what "CSV" means to them unless told otherwise — GBK,
// read as GB18030 (its superset) when the bytes are not valid UTF-8.
#include <string>
#include <string_view>

namespace qchain {

struct DecodedText {
  std::string text;      // UTF-8, without a BOM
  std::string encoding;  // what the bytes were read as: "UTF-8", "UTF-16LE", "UTF-16BE", "GB18030", ...
  bool guessed = false;  // not UTF-8 and not marked by a BOM: read as GB18030 (the caller says so)
};

// Decodes `bytes`. `forced` (empty = detect) names an encoding for iconv ("GB18030", "GBK",
// "UTF-16LE", "UTF-8", ...; case-insensitive). Throws UsageError for an encoding iconv does not know;
// bytes that are invalid in the encoding used give `text` empty and `encoding` prefixed "invalid ".
DecodedText decode_text(std::string_view bytes, const std::string& forced = "");

// The UTF-8 byte-order mark, written at the start of the CSV files qchain writes so that Excel and
// WPS read them as UTF-8.
inline constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

}  // namespace qchain
