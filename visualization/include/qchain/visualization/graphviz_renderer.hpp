#pragma once
// Lays out and renders a Diagram with Graphviz's own C API (cgraph builds the graph, gvc lays it out
// and renders it). Graphviz is not thread-safe, not even for reading: every call here holds one
// process-wide lock around one process-wide GVC_t (created on first use, before any graph), so one
// render runs at a time. Every graph is closed and every layout and render buffer freed.
#include <cstddef>
#include <string>

#include "qchain/visualization/diagram.hpp"

namespace qchain::visualization {

enum class Format { svg, png, pdf, dot, json };

// "svg" -> Format::svg etc.; throws UsageError for anything else.
Format parse_format(const std::string& name);

// No layout is started on a larger diagram: dot's crossing minimisation grows far faster than the
// node count (0.6 s at 1,000 nodes, 17 s at 5,000, minutes beyond), so views aggregate below this.
inline constexpr std::size_t kMaxLayoutNodes = 1500;

// The rendered bytes. Throws RenderError when Graphviz fails, UsageError for a diagram above
// kMaxLayoutNodes. `layout` is a Graphviz engine ("dot").
std::string render(const Diagram& d, Format format, const std::string& layout = "dot");

}  // namespace qchain::visualization
