// The national mode of qchain-generate: a firm network shaped by published statistics of whole
// countries' supply networks (docs/generator.md lists each parameter and the figure it follows).
#pragma once

#include <cstdint>

#include "model.hpp"

namespace qchain_generate {

struct NationalOptions {
  uint32_t firms = 0;
  double links_per_firm = 5.0;  // Japan: 5M links on 1M firms; Hungary: 4.54
  uint32_t leaders = 5;
  double core_share = 0.26;     // Hungary: strongly connected core of 26 % of firms
  double in_share = 0.32;       // upstream shell (IN); the rest is the downstream shell (OUT)
};

// Where the bow-tie put the firms: [0, core_begin) IN, [core_begin, out_begin) core, the rest OUT.
struct NationalShape {
  uint32_t core_begin = 0, out_begin = 0;
  uint32_t repaired = 0;  // OUT firms given a supplier in the core so that the core reaches them
};

inline constexpr uint32_t kNationalSectors = 20;
extern const char* const kSectorName[kNationalSectors];

// Fills ch (firms in IN, core, OUT order; seg = sector, city, role, links) from rng.
NationalShape build_national(const NationalOptions& opt, Chain& ch, Rng& rng);

}  // namespace qchain_generate
