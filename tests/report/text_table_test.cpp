#include "qchain/report/text_table.hpp"

#include "../support/test_support.hpp"

namespace {

using namespace qchain::report;

TEST(TextTable, AlignsWideCharacters) {
  TextTable t;
  t.add_column("名称");
  t.add_column("n", TextTable::Align::right);
  t.add_row({"链主企业", "1"});
  t.add_row({"ab", "22"});
  EXPECT_EQ(t.render(), "名称       n\n--------  --\n链主企业   1\nab        22\n");
}

// A short row is padded with empty cells, a left-aligned last column leaves no trailing blanks.
TEST(TextTable, ShortRowsAndNoTrailingBlanks) {
  TextTable t;
  t.add_column("id");
  t.add_column("name");
  t.add_row({"A"});
  t.add_row({"B", "乙方"});
  EXPECT_EQ(t.render(), "id  name\n--  ----\nA\nB   乙方\n");
}

TEST(TextTable, HeadersOnly) {
  TextTable t;
  t.add_column("链主", TextTable::Align::right);
  EXPECT_EQ(t.render(), "链主\n----\n");
}

// `--xlsx` takes the tables a command rendered, in order, on its own thread; a capture inside
// another takes the tables rendered while it lives and hands the outer one back when it goes.
TEST(TableCapture, RecordsEveryTableRenderedWhileAlive) {
  TextTable a;
  a.add_column("x");
  a.add_row({"1"});
  TextTable b;
  b.add_column("y", TextTable::Align::right);
  b.add_row({"2"});
  a.render();  // before any capture: recorded nowhere
  TableCapture outer;
  const std::string shown = a.render();
  {
    TableCapture inner;
    b.render();
    ASSERT_EQ(inner.tables.size(), 1u);
    EXPECT_EQ(inner.tables[0].headers, std::vector<std::string>{"y"});
  }
  b.render();
  ASSERT_EQ(outer.tables.size(), 2u);
  EXPECT_EQ(outer.tables[0].headers, std::vector<std::string>{"x"});
  EXPECT_EQ(outer.tables[0].rows, std::vector<std::vector<std::string>>{{"1"}});
  EXPECT_EQ(outer.tables[0].rendered, shown);
  EXPECT_EQ(outer.tables[1].headers, std::vector<std::string>{"y"});
}

}  // namespace
