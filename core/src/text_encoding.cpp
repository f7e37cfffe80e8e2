#include "qchain/core/text_encoding.hpp"

#include <iconv.h>

#include <algorithm>
#include <cerrno>
#include <memory>

#include "qchain/core/utf8.hpp"
#include "qchain/core/error.hpp"

namespace qchain {
namespace {

std::string upper(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return s;
}

// Whole-buffer conversion to UTF-8 through glibc's iconv; false when the bytes are invalid in `from`.
bool convert(std::string_view in, const std::string& from, std::string& out) {
  iconv_t cd = ::iconv_open("UTF-8", from.c_str());
  if (cd == reinterpret_cast<iconv_t>(-1)) throw UsageError("--encoding: unknown encoding " + from);
  std::unique_ptr<void, int (*)(iconv_t)> guard(cd, &::iconv_close);
  out.assign(in.size() * 2 + 16, '\0');
  char* src = const_cast<char*>(in.data());
  std::size_t src_left = in.size();
  std::size_t done = 0;
  while (true) {
    char* dst = out.data() + done;
    std::size_t dst_left = out.size() - done;
    const std::size_t r = ::iconv(cd, src_left ? &src : nullptr, &src_left, &dst, &dst_left);
    done = static_cast<std::size_t>(dst - out.data());
    if (r != static_cast<std::size_t>(-1)) {
      if (src_left == 0) break;
      continue;
    }
    if (errno == E2BIG) {
      out.resize(out.size() * 2);
      continue;
    }
    return false;  // EILSEQ or EINVAL: invalid or truncated input
  }
  out.resize(done);
  return true;
}

// Offset of the first byte that does not start a valid UTF-8 sequence (size when all is valid).
std::size_t first_invalid_utf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (n == 0 || i + n > s.size() || !is_valid_utf8(s.substr(i, n))) return i;
    i += n;
  }
  return i;
}

}  // namespace

DecodedText decode_text(std::string_view bytes, const std::string& forced) {
  DecodedText d;
  const auto starts = [&](std::string_view p) { return bytes.substr(0, p.size()) == p; };
  std::string from = upper(forced);
  if (from == "UTF8") from = "UTF-8";
  if (from.empty()) {
    if (starts(kUtf8Bom)) from = "UTF-8";
    else if (starts("\xFF\xFE")) from = "UTF-16LE";
    else if (starts("\xFE\xFF")) from = "UTF-16BE";
    else {
      // Not UTF-8: GB18030, unless valid UTF-8 beyond ASCII came first (a UTF-8 file with a broken
      // byte, which the caller reports where it is, rather than garbling the whole file).
      const std::size_t bad = first_invalid_utf8(bytes);
      const std::string_view prefix = bytes.substr(0, bad);
      const bool utf8_before = std::any_of(prefix.begin(), prefix.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
      if (bad == bytes.size() || utf8_before) from = "UTF-8";
      else from = "GB18030", d.guessed = true;
    }
  }
  // A BOM of the encoding used is not text.
  if (from == "UTF-8" && starts(kUtf8Bom)) bytes.remove_prefix(3);
  else if ((from == "UTF-16LE" && starts("\xFF\xFE")) || (from == "UTF-16BE" && starts("\xFE\xFF"))) bytes.remove_prefix(2);
  else if (from == "UTF-16") from = starts("\xFE\xFF") ? (bytes.remove_prefix(2), "UTF-16BE") : starts("\xFF\xFE") ? (bytes.remove_prefix(2), "UTF-16LE") : "UTF-16LE";
  d.encoding = from;
  if (from == "UTF-8") {
    d.text.assign(bytes);  // the caller checks it (and says where it is invalid)
    return d;
  }
  if (!convert(bytes, from, d.text)) {
    d.text.clear();
    d.encoding = "invalid " + from;
    return d;
  }
  if (d.text.substr(0, 3) == kUtf8Bom) d.text.erase(0, 3);
  return d;
}

}  // namespace qchain
