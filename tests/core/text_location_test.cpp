#include "qchain/core/text_location.hpp"

#include <fstream>
#include <string>
#include <vector>

#include "../support/test_support.hpp"

namespace {

using namespace qchain;

std::vector<std::pair<std::uint32_t, std::uint32_t>> pairs(const std::vector<LineColumn>& v) {
  std::vector<std::pair<std::uint32_t, std::uint32_t>> out;
  for (const LineColumn& lc : v) out.emplace_back(lc.line, lc.column);
  return out;
}

using Pairs = std::vector<std::pair<std::uint32_t, std::uint32_t>>;

TEST(TextLocation, LinesAndColumnsInCharacters) {
  const std::string text = "{\n  \"名称\": 1,\n\"x\"}";
  // Offsets of '{', the first quote on line 2, the ':' after 名称 (two characters of three bytes),
  // the 'x' on line 3.
  const std::size_t colon = text.find(':'), x = text.find('x');
  EXPECT_EQ(pairs(locate_offsets_in_text(text, {0, 4, colon, x})), (Pairs{{1, 1}, {2, 3}, {2, 7}, {3, 2}}));
}

TEST(TextLocation, AnswersInTheOrderAsked) {
  const std::string text = "ab\ncd\nef";
  EXPECT_EQ(pairs(locate_offsets_in_text(text, {7, 0, 4, 4})), (Pairs{{3, 2}, {1, 1}, {2, 2}, {2, 2}}));
  EXPECT_TRUE(locate_offsets_in_text(text, {}).empty());
}

TEST(TextLocation, AnOffsetAtOrPastTheEndIsTheEnd) {
  const std::string text = "ab\nc";
  EXPECT_EQ(pairs(locate_offsets_in_text(text, {4, 100})), (Pairs{{2, 2}, {2, 2}}));
}

// A UTF-8 byte-order mark is not a column: editors show the first character in column 1.
TEST(TextLocation, ByteOrderMarkTakesNoColumn) {
  const std::string text = "\xEF\xBB\xBFid,name\nA,甲";
  EXPECT_EQ(pairs(locate_offsets_in_text(text, {3, 6, text.find('A')})), (Pairs{{1, 1}, {1, 4}, {2, 1}}));
}

// Only the whole mark: a first character whose first byte is also EF (U+F000-U+FFFF, here U+FF08
// the full-width bracket a planner's spreadsheet writes) takes its column like any other.
TEST(TextLocation, AFirstCharacterStartingWithTheMarksByteTakesItsColumn) {
  const std::string text = "\xEF\xBC\x88id\xEF\xBC\x89,x";
  EXPECT_EQ(pairs(locate_offsets_in_text(text, {0, 3, text.find(','), text.find('x')})),
            (Pairs{{1, 1}, {1, 2}, {1, 5}, {1, 6}}));
  const std::string marked = "\xEF\xBB\xBF" + text;
  EXPECT_EQ(pairs(locate_offsets_in_text(marked, {3, marked.find('x')})), (Pairs{{1, 1}, {1, 6}}));
}

TEST(TextLocation, FileGivesWhatTheTextGives) {
  qchain::test::TempDir dir;
  std::string text;
  for (int k = 0; k < 200000; ++k) text += "第" + std::to_string(k) + "行 line\n";  // several read chunks
  std::ofstream(dir.file("t.txt"), std::ios::binary) << text;
  const std::vector<std::size_t> offsets = {text.size() - 1, 0, text.size() / 2, 1 << 20, (1 << 20) + 1};
  EXPECT_EQ(pairs(locate_offsets_in_file(dir.file("t.txt"), offsets)), pairs(locate_offsets_in_text(text, offsets)));
  // An unreadable file answers every offset at the start rather than throw: the caller already
  // reported the problem the offsets belong to.
  EXPECT_EQ(pairs(locate_offsets_in_file(dir.file("missing.txt"), {5})), (Pairs{{1, 1}}));
}

}  // namespace
