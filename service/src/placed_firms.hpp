#pragma once
// The explorer's layout of firms drawn one by one, shared by the neighbourhood and the overview so
// that a firm sits in the same place in both: a column per tier (upstream on the left), rows by
// segment order then id, each column centred on y = 0.
#include <algorithm>
#include <map>
#include <optional>
#include <utility>
#include <vector>

#include "json_write.hpp"
#include "qchain/engine/quality/quality_analysis.hpp"
#include "qchain/graphs/chain.hpp"
#include "qchain/graphs/tiers.hpp"

namespace qchain::service {

// Writes `firms` as a "nodes" array in that order; `distance(v)` (a std::optional<int>) adds a
// firm's distance from the chosen firm when it has one.
template <class Distance>
void write_placed_firms(json::Writer& w, const graphs::ChainGraph& g, const graphs::TiersResult& tiers,
                        const engine::QualityAnalysis& q, const std::vector<graphs::FirmId>& firms, Distance distance) {
  std::map<std::uint32_t, std::vector<graphs::FirmId>> columns;
  for (const graphs::FirmId v : firms) columns[tiers.tier[v]].push_back(v);
  const auto segment_order = [&](graphs::FirmId v) {
    const std::uint32_t seg = g.firm(v).segment;
    return seg == graphs::kNone ? ~0u : g.segments()[seg].order;
  };
  json::key(w, "nodes");
  w.StartArray();
  std::size_t column = 0;
  for (auto& [tier, in_column] : columns) {
    std::sort(in_column.begin(), in_column.end(), [&](graphs::FirmId a, graphs::FirmId b) {
      return std::make_pair(segment_order(a), a) < std::make_pair(segment_order(b), b);
    });
    for (std::size_t row = 0; row < in_column.size(); ++row) {
      const graphs::FirmId v = in_column[row];
      const graphs::Firm& f = g.firm(v);
      w.StartObject();
      json::key(w, "id"); json::str(w, f.id);
      json::key(w, "name"); json::str(w, f.name);
      json::key(w, "segment"); f.segment == graphs::kNone ? w.Null() : (json::str(w, g.segments()[f.segment].id), true);
      json::key(w, "role"); json::str(w, graphs::to_string(f.role));
      json::key(w, "tier"); w.Uint(tier);
      if (const std::optional<int> d = distance(v)) json::key(w, "distance"), w.Int(*d);
      json::key(w, "delivered_yield"); json::num(w, 1.0 - q.state.delivered[v]);
      json::key(w, "x"); w.Double(static_cast<double>(column));
      json::key(w, "y"); w.Double(static_cast<double>(row) - (static_cast<double>(in_column.size()) - 1) / 2);
      w.EndObject();
    }
    ++column;
  }
  w.EndArray();
}

}  // namespace qchain::service
