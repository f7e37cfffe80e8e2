#pragma once
// The plain mean of own first-pass yields over the firms that give one. The summary, the portfolio,
// the before/after comparison and the maps all average this way, so one mean reads the same to the
// last digit wherever it is shown.
#include <cmath>
#include <cstddef>

#include "qchain/graphs/chain.hpp"

namespace qchain::engine {

struct YieldMean {
  double sum = 0.0;
  std::size_t known = 0;
  // A NaN yield (not given) is left out.
  void add(double yield) {
    if (!std::isnan(yield)) sum += yield, ++known;
  }
  // kAbsent when no yield was added.
  double mean() const { return known ? sum / static_cast<double>(known) : graphs::kAbsent; }
};

// Over every firm of the chain, in firm order.
double mean_first_pass_yield(const graphs::ChainGraph& g);

}  // namespace qchain::engine
