#include "qchain/engine/quality/own_defects.hpp"

#include <algorithm>
#include <cmath>

namespace qchain::engine {

using namespace qchain::graphs;

namespace {

double median(std::vector<double> v) {
  if (v.empty()) return kAbsent;
  const std::size_t mid = v.size() / 2;
  std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(mid), v.end());
  const double hi = v[mid];
  if (v.size() % 2) return hi;
  return (*std::max_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(mid)) + hi) / 2.0;
}

}  // namespace

OwnDefects own_defects(const ChainGraph& g) {
  const std::size_t nseg = g.segments().size();
  std::vector<std::vector<double>> by_segment(nseg);
  std::vector<double> all;
  for (const Firm& f : g.firms()) {
    if (std::isnan(f.first_pass_yield)) continue;
    all.push_back(f.first_pass_yield);
    if (f.segment != kNone) by_segment[f.segment].push_back(f.first_pass_yield);
  }
  const double chain_median = all.empty() ? 1.0 : median(all);  // no yield anywhere: assume no own defects
  std::vector<double> segment_median(nseg);
  for (std::size_t s = 0; s < nseg; ++s) {
    segment_median[s] = median(by_segment[s]);
    if (std::isnan(segment_median[s])) segment_median[s] = chain_median;
  }
  OwnDefects r;
  r.rate.resize(g.firm_count());
  r.imputed.assign(g.firm_count(), 0);
  for (FirmId v = 0; v < g.firm_count(); ++v) {
    const Firm& f = g.firm(v);
    double y = f.first_pass_yield;
    if (std::isnan(y)) {
      y = f.segment == kNone ? chain_median : segment_median[f.segment];
      r.imputed[v] = 1;
      ++r.imputed_count;
    }
    r.rate[v] = 1.0 - y;
  }
  return r;
}

}  // namespace qchain::engine
