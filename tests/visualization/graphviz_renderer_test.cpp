// The renderer's contract at its edges: formats by name, and every way Graphviz can fail is a
// RenderError (one of qchain::Error, exit code 4 from the CLI: tests/cli/cli_test.cpp), after which
// the next render works.
#include "qchain/visualization/graphviz_renderer.hpp"

#include "../support/test_support.hpp"

namespace {

using namespace qchain;
using namespace qchain::visualization;

Diagram two_nodes() {
  Diagram d;
  d.nodes.push_back({"a", "甲", {}, "", ""});
  d.nodes.push_back({"b", "乙", {}, "", ""});
  d.edges.push_back({"a", "b", {}});
  return d;
}

TEST(GraphvizRenderer, FormatsByName) {
  EXPECT_EQ(parse_format("svg"), Format::svg);
  EXPECT_EQ(parse_format("png"), Format::png);
  EXPECT_EQ(parse_format("pdf"), Format::pdf);
  EXPECT_EQ(parse_format("dot"), Format::dot);
  EXPECT_EQ(parse_format("json"), Format::json);
  EXPECT_THROW(parse_format("SVG"), UsageError);
  try {
    parse_format("bmp");
    ADD_FAILURE() << "no error";
  } catch (const UsageError& e) {
    EXPECT_STREQ(e.what(), "unknown format \"bmp\" (svg, png, pdf, dot or json)");
  }
}

// A layout engine Graphviz does not have: the failure of gvLayout, as when its plugins are missing.
TEST(GraphvizRenderer, ALayoutFailureIsARenderError) {
  try {
    render(two_nodes(), Format::svg, "no-such-layout");
    ADD_FAILURE() << "no error";
  } catch (const RenderError& e) {
    EXPECT_STREQ(e.what(), "Graphviz could not lay out the diagram with no-such-layout");
  }
  EXPECT_THROW(render(two_nodes(), Format::svg, "no-such-layout"), qchain::Error);
  // The lock and the context survive the failure.
  EXPECT_NE(render(two_nodes(), Format::svg).find("<svg"), std::string::npos);
}

TEST(GraphvizRenderer, AnEdgeToAnUnknownNodeIsARenderError) {
  Diagram d = two_nodes();
  d.edges.push_back({"a", "nowhere", {}});
  try {
    render(d, Format::dot);
    ADD_FAILURE() << "no error";
  } catch (const RenderError& e) {
    EXPECT_STREQ(e.what(), "diagram edge between unknown nodes a -> nowhere");
  }
  EXPECT_NE(render(two_nodes(), Format::dot).find("digraph"), std::string::npos);
}

// Above kMaxLayoutNodes no layout is started: the caller is told to aggregate.
TEST(GraphvizRenderer, NoLayoutAboveTheLimit) {
  Diagram d;
  for (std::size_t k = 0; k <= kMaxLayoutNodes; ++k) d.nodes.push_back({"n" + std::to_string(k), "", {}, "", ""});
  EXPECT_THROW(render(d, Format::svg), UsageError);
  EXPECT_THROW(render(d, Format::pdf), UsageError);
}

}  // namespace
