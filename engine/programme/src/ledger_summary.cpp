#include "qchain/engine/programme/ledger_summary.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "qchain/core/error.hpp"

namespace qchain::engine {

using namespace qchain::graphs;

namespace {

std::vector<LedgerCostGroup> groups_of(const std::vector<LedgerItem>& entries, std::string LedgerItem::*field) {
  std::map<std::string, LedgerCostGroup> by_name;
  for (const LedgerItem& e : entries) {
    LedgerCostGroup& g = by_name[e.*field];
    g.name = e.*field;
    ++g.entries;
    if (std::isnan(e.cost)) ++g.without_cost;
    else g.cost += e.cost;
  }
  std::vector<LedgerCostGroup> out;
  for (auto& kv : by_name) out.push_back(std::move(kv.second));
  std::stable_sort(out.begin(), out.end(), [](const LedgerCostGroup& a, const LedgerCostGroup& b) {
    if (a.name.empty() != b.name.empty()) return b.name.empty();
    if (a.cost != b.cost) return a.cost > b.cost;
    if (a.entries != b.entries) return a.entries > b.entries;
    return a.name < b.name;
  });
  return out;
}

}  // namespace

LedgerSummaryResult ledger_summary(const LedgerSummaryOptions& o) {
  if (!o.chain || !o.entries) throw Error("ledger_summary: a chain and its ledger entries are needed");
  const ChainGraph& g = *o.chain;
  const std::vector<LedgerItem>& entries = *o.entries;
  LedgerSummaryResult r;
  r.entries = static_cast<std::uint32_t>(entries.size());
  std::set<std::string> active;
  for (const LedgerItem& e : entries) {
    ++r.by_status[static_cast<std::size_t>(e.status)];
    if (std::isnan(e.cost)) ++r.without_cost;
    else r.cost += e.cost;
    if (e.status != LedgerItemStatus::dropped) active.insert(e.firm_id);
  }
  r.by_funding = groups_of(entries, &LedgerItem::funding);
  r.by_provider = groups_of(entries, &LedgerItem::provider);

  const std::size_t segments = g.segments().size();
  std::vector<LedgerSegmentReach> reach(segments + 1);
  for (std::size_t s = 0; s < segments; ++s) reach[s].segment = static_cast<std::uint32_t>(s);
  for (FirmId v = 0; v < g.firm_count(); ++v) {
    const Firm& f = g.firm(v);
    LedgerSegmentReach& x = reach[f.segment == kNone ? segments : f.segment];
    ++x.firms;
    if (active.count(f.id)) {
      ++x.assisted;
      ++r.firms_assisted;
    }
  }
  r.firms_not_in_chain = static_cast<std::uint32_t>(active.size()) - r.firms_assisted;
  if (reach.back().firms == 0) reach.pop_back();
  r.segments = std::move(reach);
  return r;
}

}  // namespace qchain::engine
