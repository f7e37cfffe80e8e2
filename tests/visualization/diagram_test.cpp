// The escapers and text measures every view shares (wrapping: readability_test.cpp).
#include "qchain/visualization/diagram.hpp"

#include <cmath>
#include <limits>

#include "../support/test_support.hpp"

namespace {

using namespace qchain::visualization;

TEST(Diagram, HtmlLabelsEscapeMarkupAndGraphvizBackslashes) {
  EXPECT_EQ(html("a & b <c> \"d\" 'e'"), "a &amp; b &lt;c&gt; &quot;d&quot; &#39;e&#39;");
  EXPECT_EQ(html("甲\n乙"), "甲<BR/>乙");
  EXPECT_EQ(html("\\G \\N"), "\\\\G \\\\N");  // not the graph's or the node's name
  EXPECT_EQ(html(std::string("x\x01\x1F\x7Fy\tz")), "xyz");  // control characters dropped (a tab too)
  EXPECT_EQ(html("&amp;"), "&amp;amp;");  // text, never markup: escaped again
  EXPECT_EQ(html(""), "");
}

TEST(Diagram, EscStringsKeepEveryBackslash) {
  EXPECT_EQ(esc("a\\b"), "a\\\\\\\\b");  // Graphviz unescapes escString values twice
  EXPECT_EQ(esc("甲\n乙"), "甲\\n乙");
  EXPECT_EQ(esc(std::string("x\x01y")), "xy");
  EXPECT_EQ(esc("\"q\" <b>"), "\"q\" <b>");  // quoting is the renderer's (cgraph quotes attribute values)
  // A value of only '-' and '.' gets a trailing space, or Graphviz 2.43 writes it unquoted as a number.
  EXPECT_EQ(esc("-."), "-. ");
  EXPECT_EQ(esc("."), ". ");
  EXPECT_EQ(esc("-1"), "-1");
  EXPECT_EQ(esc(""), "");
}

TEST(Diagram, NumbersIgnoreTheLocaleAndAreAlwaysFinite) {
  EXPECT_EQ(num(1.005, 1), "1.0");
  EXPECT_EQ(num(2.5), "2.50");
  EXPECT_EQ(num(-0.25, 1), "-0.2");  // to_chars rounds half to even
  EXPECT_EQ(num(1234.5, 0), "1234");
  EXPECT_EQ(num(std::numeric_limits<double>::quiet_NaN()), "0.00");
  EXPECT_EQ(num(std::numeric_limits<double>::infinity(), 0), "0");
}

TEST(Diagram, TextMeasureInEmOfTheCjkFont) {
  EXPECT_DOUBLE_EQ(text_em("链主企业"), 4.0);
  EXPECT_DOUBLE_EQ(text_em("（）"), 2.0);  // full-width forms
  EXPECT_DOUBLE_EQ(text_em(" "), 0.3);
  EXPECT_DOUBLE_EQ(text_em("ab"), 1.1);  // Latin letters about half an em, capitals a little more
  EXPECT_DOUBLE_EQ(text_em("AB"), 1.3);
  EXPECT_DOUBLE_EQ(text_em(""), 0.0);
}

TEST(Diagram, StackedRowsAndTitles) {
  EXPECT_EQ(stacked({"a", "b"}, "LEFT"),
            "<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"0\" CELLPADDING=\"1\"><TR><TD ALIGN=\"LEFT\">a</TD></TR>"
            "<TR><TD ALIGN=\"LEFT\">b</TD></TR></TABLE>");
  const std::string t = title_label("链 <1>", "as of 2024");
  EXPECT_NE(t.find("<B>链 &lt;1&gt;</B>"), std::string::npos);
  EXPECT_NE(t.find("<FONT POINT-SIZE=\"11\">as of 2024</FONT>"), std::string::npos);
  EXPECT_EQ(wrapped("甲 <乙>", 12), "甲 &lt;乙&gt;");
}

}  // namespace
