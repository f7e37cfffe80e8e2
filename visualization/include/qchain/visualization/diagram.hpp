#pragma once
// A diagram described independently of Graphviz: the views build one, the renderer lays it out.
// Attribute values are Graphviz attribute values; labels are HTML-like (build them with html()).
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "qchain/graphs/error.hpp"

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
// Locale-independent number for attributes.
std::string num(double x, int decimals = 2);

// The CJK font every view uses, so that Chinese renders in PNG and PDF.
inline constexpr const char* kFont = "Noto Sans CJK SC";

}  // namespace qchain::visualization
