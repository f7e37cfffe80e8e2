#pragma once
// Every view `qchain render` draws (and the service's render endpoint), from one analysis context:
// the chain map coloured by yield, grade or change, the issue map, a leader's fishbone, a scenario map,
// the countermeasure ecosystem map, the overview of a chain of any size on one A3 page.
#include <cstddef>
#include <cstdint>
#include <optional>

#include "qchain/engine/context/analysis_context.hpp"
#include "qchain/engine/scenario/scenario.hpp"
#include "qchain/report/lang.hpp"
#include "qchain/visualization/chain_map.hpp"
#include "qchain/visualization/diagram.hpp"
#include "qchain/visualization/ecosystem_map.hpp"

namespace qchain::visualization {

enum class View : std::uint8_t { map, issues, fishbone, scenario, ecosystem, overview };
enum class MapColour : std::uint8_t { yield, grade, change };

struct ViewRequest {
  View view = View::map;
  report::Lang lang = report::Lang::zh;
  MapColour colour = MapColour::yield;   // map only; grade uses the context's rubric
  std::size_t max_nodes = 300;           // maps are aggregated above this many firms
  std::optional<graphs::FirmId> focus;   // map: only this firm's neighbourhood, `depth` links out; overview: it and its main partners by name
  std::optional<std::uint32_t> segment;  // overview: drill down into this segment
  std::uint32_t depth = 1;
  std::optional<graphs::FirmId> leader;  // fishbone: a chain leader; none = the largest
  const engine::Scenario* scenario = nullptr;         // scenario view (required there)
  const engine::AnalysisContext* before = nullptr;    // colour change: the earlier snapshot (required there)
  const EcosystemInput* ecosystem = nullptr;          // ecosystem view: the workspace's ledger and projects (required there)
};

// Throws UsageError when the request does not fit the chain (a leader that is not one, a fishbone
// of a chain without leaders, a scenario view without a scenario, a change map without a baseline).
Diagram view_diagram(const engine::AnalysisContext& ctx, const ViewRequest& r);

// The map options every map of the chain starts from: its quality, critical suppliers and size.
MapOptions base_map_options(const engine::AnalysisContext& ctx, report::Lang lang, std::size_t max_nodes);

}  // namespace qchain::visualization
