// Any bytes as a firm's name, through label escaping, DOT output and Graphviz's own DOT parser:
// escaping must keep the diagram one node with one label, whatever the name holds.
#include <graphviz/cgraph.h>

#include <cstdint>
#include <string>

#include "qchain/visualization/graphviz_renderer.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > 4096) return 0;
  const std::string name(reinterpret_cast<const char*>(data), size);
  qchain::visualization::Diagram d;
  qchain::visualization::DiagramNode n;
  n.id = "f0";
  n.label = qchain::visualization::html(name);
  n.attributes["tooltip"] = qchain::visualization::esc(name);
  d.nodes.push_back(n);
  std::string dot;
  try {
    dot = qchain::visualization::render(d, qchain::visualization::Format::dot);
  } catch (const qchain::visualization::RenderError&) {
    return 0;  // Graphviz refused the label (for example invalid UTF-8): reported, not crashed
  }
  Agraph_t* g = agmemread(dot.c_str());
  if (!g) __builtin_trap();
  const int nodes = agnnodes(g);
  agclose(g);
  if (nodes != 1) __builtin_trap();
  return 0;
}
