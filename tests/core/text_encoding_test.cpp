#include "qchain/core/text_encoding.hpp"

#include <string>

#include <gtest/gtest.h>

#include "qchain/core/error.hpp"

namespace {

using namespace qchain;

TEST(TextEncoding, DetectsBomsAndFallsBackToGb18030) {
  EXPECT_EQ(decode_text("\xEF\xBB\xBFid").text, "id");
  const DecodedText le = decode_text(std::string("\xFF\xFEi\0\x32\x75", 6));  // "i甲" in UTF-16LE
  EXPECT_EQ(le.encoding, "UTF-16LE");
  EXPECT_EQ(le.text, "i甲");
  const DecodedText be = decode_text(std::string("\xFE\xFF\0i\x75\x32", 6));
  EXPECT_EQ(be.text, "i甲");
  const DecodedText gbk = decode_text("\xBC\xD7,\xD2\xD2");  // 甲,乙 in GBK
  EXPECT_TRUE(gbk.guessed);
  EXPECT_EQ(gbk.encoding, "GB18030");
  EXPECT_EQ(gbk.text, "甲,乙");
  // UTF-8 with a broken byte after valid Chinese stays UTF-8 (and is reported where it breaks).
  EXPECT_EQ(decode_text("甲\xC3(").encoding, "UTF-8");
  EXPECT_EQ(decode_text("\xBC\xD7", "gbk").text, "甲");
  EXPECT_THROW(decode_text("x", "NO-SUCH-ENCODING"), UsageError);
}

// Forced encodings, as --encoding names them: any case, a BOM of that encoding dropped.
TEST(TextEncoding, ForcedEncodings) {
  const DecodedText u = decode_text("\xEF\xBB\xBF甲", "utf8");
  EXPECT_EQ(u.encoding, "UTF-8");
  EXPECT_EQ(u.text, "甲");
  EXPECT_FALSE(u.guessed);
  const DecodedText le = decode_text(std::string("\xFF\xFE\x32\x75", 4), "utf-16le");
  EXPECT_EQ(le.encoding, "UTF-16LE");
  EXPECT_EQ(le.text, "甲");
  // UTF-16 without an endianness: its BOM says which, little endian without one.
  EXPECT_EQ(decode_text(std::string("\xFE\xFF\x75\x32", 4), "UTF-16").encoding, "UTF-16BE");
  EXPECT_EQ(decode_text(std::string("\x32\x75", 2), "UTF-16").text, "甲");
  // Bytes that a forced encoding cannot read: no text, and the encoding says so.
  const DecodedText bad = decode_text(std::string("\x32", 1), "UTF-16LE");
  EXPECT_EQ(bad.text, "");
  EXPECT_EQ(bad.encoding, "invalid UTF-16LE");
  // GB18030 is a superset of GBK: four-byte sequences too (U+20000 here).
  EXPECT_EQ(decode_text("\x95\x32\x82\x36", "GB18030").text, "\xF0\xA0\x80\x80");
}

TEST(TextEncoding, PlainTextNeedsNoGuess) {
  const DecodedText a = decode_text("id,name\nA,a\n");
  EXPECT_EQ(a.encoding, "UTF-8");
  EXPECT_FALSE(a.guessed);
  EXPECT_EQ(a.text, "id,name\nA,a\n");
  EXPECT_EQ(decode_text("").text, "");
  EXPECT_EQ(decode_text("").encoding, "UTF-8");
  // A whole file converts at once.
  std::string gbk;
  for (int k = 0; k < 100000; ++k) gbk += "\xBC\xD7";
  const DecodedText big = decode_text(gbk);
  EXPECT_TRUE(big.guessed);
  EXPECT_EQ(big.text.size(), 300000u);
}

}  // namespace
