#include "qchain/engine/structure/yield_mean.hpp"

namespace qchain::engine {

double mean_first_pass_yield(const graphs::ChainGraph& g) {
  YieldMean m;
  for (const graphs::Firm& f : g.firms()) m.add(f.first_pass_yield);
  return m.mean();
}

}  // namespace qchain::engine
