#pragma once
// The chain map (产业链图谱): left to right from upstream to downstream, one column per segment in
// segment order; leaders drawn heavy and bold; firms filled by first-pass yield on one fixed scale
// with a legend; critical suppliers and top quality-risk firms outlined in red; edge width by share;
// non-essential inputs dashed; SVG tooltips. Above `max_nodes` visible firms the map is aggregated:
// leaders, critical suppliers and top-risk firms stay individual, the others become one node per
// segment and role, links summed between groups. The scenario view is the same map coloured by a
// scenario's change; the map can also be coloured by grade or by the change since a baseline.
#include <cstdint>
#include <optional>

#include "qchain/engine/programme/firm_grading.hpp"
#include "qchain/engine/quality/quality_analysis.hpp"
#include "qchain/report/text_table.hpp"
#include "qchain/engine/scenario/whatif.hpp"
#include "qchain/graphs/critical_suppliers.hpp"
#include "qchain/visualization/diagram.hpp"

namespace qchain::visualization {

struct MapOptions {
  report::Lang lang = report::Lang::zh;
  std::size_t max_nodes = 300;
  std::optional<graphs::FirmId> focus;  // draw only this firm's neighbourhood
  std::uint32_t depth = 1;
  std::size_t top_risk = 5;  // the top quality-risk firms marked ▲ (and kept individual when aggregated)
  const engine::QualityAnalysis* quality = nullptr;            // delivered yields and risk in tooltips, the ▲ risk marks
  const graphs::CriticalSuppliersResult* critical = nullptr;   // vermillion frames
  const engine::WhatIfResult* scenario = nullptr;              // colour by the scenario's change instead of yield
  const engine::GradingResult* grades = nullptr;               // colour by computed grade instead of yield
  // Colour by the change of delivered yield since a baseline snapshot (per firm, a fraction; NaN: the
  // firm is not in the baseline), titled `change_title`.
  const std::vector<double>* change = nullptr;
  std::string change_title;
};

Diagram chain_map(const graphs::ChainGraph& g, const MapOptions& o);

// The fixed yield colour scale: fill colour for a first-pass yield (NaN: unknown).
const char* yield_colour(double yield);

using LegendRows = std::vector<std::pair<std::string, std::string>>;  // (fill colour, label)
// The same scale as legend rows, best first.
LegendRows yield_legend_rows();
// A mark explained in a legend: the sample cell's attributes (BORDER, COLOR...) and content (html), its label.
struct LegendMark {
  std::string cell, sample, label;
};
// A legend as an HTML-like label: a title over rows of a colour swatch and its label, then the marks.
std::string legend_label(const std::string& title, const LegendRows& rows, const std::vector<LegendMark>& marks = {});

}  // namespace qchain::visualization
