#include "qchain/visualization/views.hpp"

#include <algorithm>

#include "qchain/core/error.hpp"
#include "qchain/report/comparison_report.hpp"
#include "qchain/visualization/chain_map.hpp"
#include "qchain/visualization/fishbone.hpp"
#include "qchain/visualization/issue_map.hpp"
#include "qchain/visualization/overview_map.hpp"

namespace qchain::visualization {

MapOptions base_map_options(const engine::AnalysisContext& ctx, report::Lang lang, std::size_t max_nodes) {
  MapOptions mo;
  mo.lang = lang;
  mo.max_nodes = max_nodes;
  mo.quality = &ctx.quality();
  mo.critical = &ctx.structure().critical;
  return mo;
}

namespace {

Diagram map_view(const engine::AnalysisContext& ctx, const ViewRequest& r) {
  const graphs::ChainGraph& g = ctx.chain();
  MapOptions mo = base_map_options(ctx, r.lang, r.max_nodes);
  if (r.focus) mo.focus = r.focus, mo.depth = r.depth;
  if (r.colour == MapColour::grade) mo.grades = &ctx.grades();
  std::vector<double> change;
  if (r.colour == MapColour::change) {
    if (!r.before) throw UsageError("--color change needs --before FILE (the earlier snapshot)");
    change = engine::delivered_yield_change(engine::compare_snapshots(*r.before, ctx), g.firm_count());
    mo.change = &change;
    mo.change_title = report::change_map_title(r.before->chain(), g, r.lang);
  }
  std::optional<engine::WhatIfResult> result;
  if (r.view == View::scenario) {
    if (!r.scenario) throw UsageError("--view scenario needs --scenario FILE");
    result = engine::run_whatif(ctx, *r.scenario);
    mo.scenario = &*result;
  }
  return chain_map(g, mo);
}

Diagram fishbone_view(const engine::AnalysisContext& ctx, const ViewRequest& r) {
  const engine::QualityAnalysis& q = ctx.quality();
  if (q.leaders.empty()) throw UsageError("--view fishbone: the chain has no chain_leader");
  std::size_t li = ctx.largest_leader();
  if (r.leader) {
    const auto it = std::find(q.leaders.begin(), q.leaders.end(), *r.leader);
    if (it == q.leaders.end()) throw UsageError("--leader: \"" + ctx.chain().firm(*r.leader).id + "\" is not a chain leader");
    li = static_cast<std::size_t>(it - q.leaders.begin());
  }
  return fishbone(ctx.chain(), q, li, {r.lang, 4});
}

}  // namespace

Diagram view_diagram(const engine::AnalysisContext& ctx, const ViewRequest& r) {
  switch (r.view) {
    case View::map:
    case View::scenario: return map_view(ctx, r);
    case View::issues: return issue_map(ctx.chain(), ctx.quality(), {r.lang, 15});
    case View::fishbone: return fishbone_view(ctx, r);
    case View::ecosystem:
      if (!r.ecosystem) throw UsageError("--view ecosystem needs a chain in a workspace (FILE#CHAIN_ID): the ledger and projects are kept there");
      return ecosystem_map(ctx.chain(), *r.ecosystem, {r.lang, 16, 30, 5});
    case View::overview: {
      // The chain alone: no analysis runs, so that a chain of a million firms is drawn in seconds.
      OverviewOptions oo;
      oo.lang = r.lang;
      oo.focus = r.focus;
      oo.segment = r.segment;
      return overview_map(ctx.chain(), oo);
    }
  }
  throw UsageError("unknown view");
}

}  // namespace qchain::visualization
