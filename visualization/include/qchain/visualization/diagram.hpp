#pragma once
// A diagram described independently of Graphviz: the views build one, the renderer lays it out.
// Attribute values are Graphviz attribute values; labels are HTML-like (build them with html()).
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "qchain/core/error.hpp"

namespace qchain::visualization {

class RenderError : public Error {
 public:
  using Error::Error;
};

using Attributes = std::map<std::string, std::string>;  // ordered: the output is deterministic

struct DiagramNode {
  std::string id;
  std::string label;  // HTML-like label body (without the enclosing < >), already escaped
  Attributes attributes;
  std::string cluster;  // id of the cluster it belongs to, or empty
  std::string rank;     // nodes sharing a non-empty rank are drawn on one rank (a column, left to right)
};

struct DiagramEdge {
  std::string tail, head;
  Attributes attributes;
};

struct DiagramCluster {
  std::string id;
  std::string label;  // HTML-like
  Attributes attributes;
};

struct Diagram {
  std::string name;
  std::string label;  // HTML-like title
  Attributes graph, node_defaults, edge_defaults;
  std::vector<DiagramCluster> clusters;  // in drawing order
  std::vector<DiagramNode> nodes;
  std::vector<DiagramEdge> edges;
};

// Text made safe for an HTML-like label: & < > " ' escaped, backslashes doubled (Graphviz expands
// \G and friends even there), newlines as <BR/>, control characters dropped.
std::string html(std::string_view text);
// Text made safe for an escString attribute such as a tooltip: every backslash survives as one.
std::string esc(std::string_view text);
// A coordinate or size for an attribute: qchain::fixed, with NaN and infinities drawn at 0.
std::string num(double x, int decimals = 2);

// The cheap text measure every view shares: the width of UTF-8 text in em of the CJK font (CJK
// ideographs, kana and full-width forms 1, Latin letters and digits about 0.55, a space 0.3).
double text_em(std::string_view text);
// About 12 CJK characters a line: wide enough for most firm and issue names, narrow enough to keep
// nodes compact.
inline constexpr double kWrapEm = 12.0;
// Text broken into lines of at most `max_em` (a word or character wider than that stands alone):
// between CJK characters, or at spaces in Latin text, never before closing punctuation such as ）、，。
// At most `max_lines` lines (0: any number); when cut, the last line ends with "…".
std::vector<std::string> wrap_lines(std::string_view text, double max_em = kWrapEm, std::size_t max_lines = 0);
// The wrapped lines, each made safe with html(), joined by <BR/>.
std::string wrapped(std::string_view text, double max_em = kWrapEm, std::size_t max_lines = 0);

// Lines of an HTML-like label (each already html) stacked as rows of a borderless table, aligned
// "LEFT", "CENTER" or "RIGHT". Graphviz spaces <BR/> lines by the enclosing font size, so a line of
// another size set with <FONT> overlaps its neighbours; rows are spaced by what they hold.
std::string stacked(const std::vector<std::string>& lines, const char* align = "CENTER");
// A view's title: the title in bold over a smaller subtitle, each wrapped at `max_em`, never touching.
std::string title_label(std::string_view title, std::string_view subtitle, double max_em = 70);

// The CJK font every view uses, so that Chinese renders in PNG and PDF.
inline constexpr const char* kFont = "Noto Sans CJK SC";

}  // namespace qchain::visualization
