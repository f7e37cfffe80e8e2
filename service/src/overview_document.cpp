// The explorer's first view before any firm is chosen (docs/api.md, `qchain-overview/1`): the whole
// chain when it is small enough to draw firm by firm, else one group per (tier, segment) with the links
// between groups merged and counted. The aggregate's size is bounded by tiers × segments whatever the
// number of firms, so that a 100,000-firm chain opens as fast as a pilot. A new document: the CLI has none.
#include <algorithm>
#include <cmath>
#include <map>
#include <tuple>
#include <vector>

#include "api_internal.hpp"
#include "json_write.hpp"
#include "placed_firms.hpp"
#include "qchain/graphs/tiers.hpp"

namespace qchain::service {

namespace {

using json::Writer;

// The most firms drawn one by one by default, and the most a request may ask for (?max_firms=).
constexpr std::uint64_t kOverviewDefault = 10000, kOverviewMax = 50000;

struct Layout {
  const graphs::ChainGraph& g;
  const graphs::TiersResult tiers;
  std::uint32_t segment_order(std::uint32_t segment) const { return segment == graphs::kNone ? ~0u : g.segments()[segment].order; }
};

// A (tier, segment) pair in drawing order: tier first (upstream left), then the segments' declared order.
using GroupKey = std::tuple<std::uint32_t, std::uint32_t, std::uint32_t>;  // tier, segment order, segment

GroupKey group_of(const Layout& l, graphs::FirmId v) {
  const std::uint32_t seg = l.g.firm(v).segment;
  return {l.tiers.tier[v], l.segment_order(seg), seg};
}

void head(Writer& w, const Snapshot& s, std::uint64_t max_firms, bool aggregated) {
  json::key(w, "format"); json::str(w, "qchain-overview/1");
  json::key(w, "chain"); json::str(w, s.chain_id);
  json::key(w, "as_of"); json::str(w, s.as_of);
  json::key(w, "firm_count"); w.Uint(s.chain.firm_count());
  json::key(w, "link_count"); w.Uint(s.chain.link_count());
  json::key(w, "max_firms"); w.Uint64(max_firms);
  json::key(w, "aggregated"); w.Bool(aggregated);
  // The segments in their declared order, with their names: the legend of the view's colours.
  std::vector<std::uint32_t> order(s.chain.segments().size());
  for (std::uint32_t k = 0; k < order.size(); ++k) order[k] = k;
  std::stable_sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) { return s.chain.segments()[a].order < s.chain.segments()[b].order; });
  json::key(w, "segments");
  w.StartArray();
  for (const std::uint32_t k : order) {
    w.StartObject();
    json::key(w, "id"); json::str(w, s.chain.segments()[k].id);
    json::key(w, "name"); json::str(w, s.chain.segments()[k].name);
    w.EndObject();
  }
  w.EndArray();
}

// Every firm, placed as the neighbourhood places its firms.
void whole_chain(Writer& w, const Layout& l, const engine::QualityAnalysis& q) {
  const graphs::ChainGraph& g = l.g;
  std::vector<graphs::FirmId> all(g.firm_count());
  for (graphs::FirmId v = 0; v < g.firm_count(); ++v) all[v] = v;
  write_placed_firms(w, g, l.tiers, q, all, [](graphs::FirmId) { return std::optional<int>(); });
  json::key(w, "links");
  w.StartArray();
  for (const graphs::SupplyLink& k : g.links()) {
    w.StartObject();
    json::key(w, "supplier"); json::str(w, g.firm(k.supplier).id);
    json::key(w, "customer"); json::str(w, g.firm(k.customer).id);
    w.EndObject();
  }
  w.EndArray();
}

struct Group {
  std::uint32_t firms = 0, leaders = 0, internal_links = 0;
  double yield_sum = 0;
  std::size_t yield_count = 0;
};

std::string group_id(const graphs::ChainGraph& g, const GroupKey& k) {
  const std::uint32_t seg = std::get<2>(k);
  return "T" + std::to_string(std::get<0>(k)) + "/" + (seg == graphs::kNone ? std::string("-") : g.segments()[seg].id);
}

// One group per (tier, segment); links merged per ordered pair of groups, weighted by their number.
void aggregate(Writer& w, const Layout& l, const engine::QualityAnalysis& q) {
  const graphs::ChainGraph& g = l.g;
  std::map<GroupKey, Group> groups;
  std::vector<bool> leader(g.firm_count(), false);
  for (const graphs::FirmId v : q.leaders) leader[v] = true;
  for (graphs::FirmId v = 0; v < g.firm_count(); ++v) {
    Group& x = groups[group_of(l, v)];
    ++x.firms;
    x.leaders += leader[v] ? 1 : 0;
    const double y = 1.0 - q.state.delivered[v];
    if (!std::isnan(y)) x.yield_sum += y, ++x.yield_count;  // no yield known: left out of the mean
  }
  std::map<std::pair<GroupKey, GroupKey>, std::uint32_t> between;
  for (const graphs::SupplyLink& k : g.links()) {
    const GroupKey a = group_of(l, k.supplier), b = group_of(l, k.customer);
    if (a == b) ++groups[a].internal_links;
    else ++between[{a, b}];
  }
  std::map<std::uint32_t, std::uint32_t> column_size;
  for (const auto& [key, x] : groups) ++column_size[std::get<0>(key)];
  json::key(w, "groups");
  w.StartArray();
  std::uint32_t column = 0, row = 0, last_tier = ~0u;
  for (const auto& [key, x] : groups) {
    const std::uint32_t tier = std::get<0>(key), seg = std::get<2>(key);
    if (tier != last_tier) column += last_tier == ~0u ? 0 : 1, row = 0, last_tier = tier;
    w.StartObject();
    json::key(w, "id"); json::str(w, group_id(g, key));
    json::key(w, "tier"); w.Uint(tier);
    json::key(w, "segment"); seg == graphs::kNone ? w.Null() : (json::str(w, g.segments()[seg].id), true);
    json::key(w, "segment_name"); seg == graphs::kNone ? w.Null() : (json::str(w, g.segments()[seg].name), true);
    json::key(w, "firms"); w.Uint(x.firms);
    json::key(w, "leaders"); w.Uint(x.leaders);
    json::key(w, "mean_delivered_yield"); json::num(w, x.yield_count ? x.yield_sum / static_cast<double>(x.yield_count) : graphs::kAbsent);
    json::key(w, "internal_links"); w.Uint(x.internal_links);
    json::key(w, "x"); w.Double(static_cast<double>(column));
    json::key(w, "y"); w.Double(static_cast<double>(row) - (static_cast<double>(column_size[tier]) - 1) / 2);
    w.EndObject();
    ++row;
  }
  w.EndArray();
  json::key(w, "group_links");
  w.StartArray();
  for (const auto& [pair, count] : between) {
    w.StartObject();
    json::key(w, "from"); json::str(w, group_id(g, pair.first));
    json::key(w, "to"); json::str(w, group_id(g, pair.second));
    json::key(w, "links"); w.Uint(count);
    w.EndObject();
  }
  w.EndArray();
}

}  // namespace

ApiResponse overview(Call& c, const Snapshot& s) {
  const std::uint64_t max_firms = std::clamp<std::uint64_t>(c.number("max_firms", kOverviewDefault), 1, kOverviewMax);
  const Layout l{s.chain, graphs::compute_tiers(s.chain, s.context->components())};
  const bool aggregated = s.chain.firm_count() > max_firms;
  rapidjson::StringBuffer b;
  Writer w(b);
  w.StartObject();
  head(w, s, max_firms, aggregated);
  if (aggregated) aggregate(w, l, s.context->quality());
  else whole_chain(w, l, s.context->quality());
  w.EndObject();
  return json_response(std::string(b.GetString(), b.GetSize()) + "\n");
}

}  // namespace qchain::service
