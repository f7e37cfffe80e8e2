#pragma once
// Own defect rate of every firm, p_v = 1 - first_pass_yield_v. A firm without a yield gets the
// median yield of its segment, or of the whole chain when its segment has none, and is marked imputed.
#include <cstdint>
#include <vector>

#include "qchain/graphs/chain.hpp"

namespace qchain::engine {

struct OwnDefects {
  std::vector<double> rate;            // p_v, per firm
  std::vector<std::uint8_t> imputed;   // 1 where the yield was imputed
  std::uint32_t imputed_count = 0;
};

OwnDefects own_defects(const graphs::ChainGraph& g);

}  // namespace qchain::engine
