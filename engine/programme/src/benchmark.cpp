#include "qchain/engine/programme/benchmark.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include "qchain/core/error.hpp"
#include "qchain/engine/structure/yield_mean.hpp"
#include "qchain/graphs/name_match.hpp"

namespace qchain::engine {

using namespace qchain::graphs;

namespace {

double share(std::uint32_t count, std::uint32_t of) { return of ? static_cast<double>(count) / of : kAbsent; }

constexpr std::size_t kNoEntry = static_cast<std::size_t>(-1);

}  // namespace

BenchmarkResult benchmark_chain(const ChainGraph& g, const Benchmark& b) {
  // Each firm's entry: its segment's entry for its role if there is one, else the one for every role.
  const std::size_t nseg = g.segments().size();
  std::vector<std::size_t> any_role(nseg, kNoEntry), by_role(nseg * kRoleCount, kNoEntry);
  for (std::size_t k = 0; k < b.entries.size(); ++k) {
    const BenchmarkEntry& e = b.entries[k];
    if (e.segment == kNone) continue;
    if (e.role) by_role[e.segment * kRoleCount + static_cast<std::size_t>(*e.role)] = k;
    else any_role[e.segment] = k;
  }
  std::vector<std::vector<FirmId>> members(b.entries.size());
  std::vector<std::size_t> entry_of(g.firm_count(), kNoEntry);
  for (FirmId v = 0; v < g.firm_count(); ++v) {
    const Firm& f = g.firm(v);
    if (f.segment == kNone) continue;
    std::size_t k = by_role[f.segment * kRoleCount + static_cast<std::size_t>(f.role)];
    if (k == kNoEntry) k = any_role[f.segment];
    if (k == kNoEntry) continue;
    entry_of[v] = k;
    members[k].push_back(v);
  }

  BenchmarkResult r;
  for (std::size_t k = 0; k < b.entries.size(); ++k) {
    const BenchmarkEntry& e = b.entries[k];
    if (e.segment == kNone) continue;
    EntryComparison c;
    c.entry = k;
    c.firms = static_cast<std::uint32_t>(members[k].size());
    YieldMean yield;
    for (FirmId v : members[k]) yield.add(g.firm(v).first_pass_yield);
    c.with_yield = static_cast<std::uint32_t>(yield.known);
    if (e.yield) c.yield = LevelComparison{yield.mean(), *e.yield, true};
    for (const auto& [scheme, level] : e.coverage) {
      std::uint32_t holders = 0;
      if (auto s = g.find_scheme(scheme))
        for (FirmId v : members[k]) holders += g.holds_in_force(v, *s);
      c.coverage.emplace_back(scheme, LevelComparison{share(holders, c.firms), level, true});
    }
    for (const auto& [category, level] : e.issue_share) {
      const IssueCategory wanted = category;  // a structured binding cannot be captured in C++17
      std::uint32_t with = 0;
      for (FirmId v : members[k])
        with += std::any_of(g.firm(v).issues.begin(), g.firm(v).issues.end(),
                            [&](const FirmIssue& x) { return g.issues()[x.issue].category == wanted; });
      const LevelComparison lc{share(with, c.firms), level, false};
      c.issue_share.emplace_back(category, lc);
      if (!std::isnan(lc.chain) && !std::isnan(level.domestic) && lc.chain > level.domestic)
        r.categories_above.push_back({k, category, lc.chain - level.domestic});
    }
    r.entries.push_back(std::move(c));
  }
  for (FirmId v = 0; v < g.firm_count(); ++v) {
    if (entry_of[v] == kNoEntry) continue;
    const BenchmarkEntry& e = b.entries[entry_of[v]];
    const double y = g.firm(v).first_pass_yield;
    if (!e.yield || std::isnan(e.yield->domestic) || std::isnan(y) || y >= e.yield->domestic) continue;
    r.firms_below.push_back({v, entry_of[v], e.yield->domestic - y});
  }
  std::stable_sort(r.firms_below.begin(), r.firms_below.end(), [](const FirmYieldGap& a, const FirmYieldGap& b2) { return a.gap > b2.gap; });
  std::stable_sort(r.categories_above.begin(), r.categories_above.end(),
                   [](const CategoryExcess& a, const CategoryExcess& b2) { return a.excess > b2.excess; });
  return r;
}

}  // namespace qchain::engine
