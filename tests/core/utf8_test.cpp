#include "qchain/core/utf8.hpp"

#include <string>

#include <gtest/gtest.h>

namespace {

using qchain::display_width;
using qchain::is_valid_utf8;

TEST(Utf8, WellFormedText) {
  EXPECT_TRUE(is_valid_utf8(""));
  EXPECT_TRUE(is_valid_utf8("plain ASCII, longer than eight bytes"));
  EXPECT_TRUE(is_valid_utf8("安平丝网 · 链主"));
  EXPECT_TRUE(is_valid_utf8("\xC2\x80"));                // U+0080, the smallest two-byte form
  EXPECT_TRUE(is_valid_utf8("\xEF\xBF\xBD"));            // U+FFFD
  EXPECT_TRUE(is_valid_utf8("\xF0\x9F\x98\x80"));        // U+1F600, four bytes
  EXPECT_TRUE(is_valid_utf8("\xF4\x8F\xBF\xBF"));        // U+10FFFF, the last code point
  EXPECT_TRUE(is_valid_utf8(std::string("a\0b", 3)));   // NUL is a character
}

TEST(Utf8, RejectsWhatIsNotUtf8) {
  EXPECT_FALSE(is_valid_utf8("\x80"));                 // a continuation byte alone
  EXPECT_FALSE(is_valid_utf8("\xC0\xAF"));             // overlong '/'
  EXPECT_FALSE(is_valid_utf8("\xE0\x80\xAF"));         // overlong, three bytes
  EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));         // a UTF-16 surrogate (U+D800)
  EXPECT_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));     // above U+10FFFF
  EXPECT_FALSE(is_valid_utf8("\xF8\x88\x80\x80\x80"));  // five-byte forms do not exist
  EXPECT_FALSE(is_valid_utf8("\xBC\xD7"));             // GBK 甲
  EXPECT_FALSE(is_valid_utf8("\xE7\x94"));             // cut short at the end
  EXPECT_FALSE(is_valid_utf8("\xE7\x94x"));            // cut short by the next character
  // After the eight-byte ASCII fast path, the byte that breaks it is still checked.
  EXPECT_FALSE(is_valid_utf8("abcdefgh\xFF"));
  EXPECT_FALSE(is_valid_utf8("abcdefghijklmnop\xC3"));
}

TEST(Utf8, DisplayWidthCountsWideCharactersAsTwo) {
  EXPECT_EQ(display_width(""), 0u);
  EXPECT_EQ(display_width("abc"), 3u);
  EXPECT_EQ(display_width("链主abc"), 7u);
  EXPECT_EQ(display_width("（未分环节）"), 12u);  // full-width brackets are wide too
  EXPECT_EQ(display_width("é"), 1u);              // Latin with an accent: one column
  EXPECT_EQ(display_width("한국"), 4u);            // Hangul
  EXPECT_EQ(display_width("\xF0\xA0\x80\x80"), 2u);  // U+20000, CJK Extension B
}

}  // namespace
