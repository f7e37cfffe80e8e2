#pragma once
// The bottlenecks summary (共性质量问题与质量瓶颈): the issues whose removal gains the leaders most,
// the firms with the highest quality-risk index, the critical suppliers that stop the most leaders,
// and the weak segment. Each carries the numbers its reason rests on; the report layer words them.
#include <cmath>
#include <cstdint>
#include <vector>

#include "qchain/engine/quality/quality_analysis.hpp"
#include "qchain/graphs/critical_suppliers.hpp"

namespace qchain::engine {

struct Bottleneck {
  enum class Kind { issue, firm, critical_supplier, segment };
  Kind kind = Kind::issue;
  std::uint32_t id = 0;  // issue, firm or segment index
  // issue: the firms that report it and the segments they are in.
  std::uint32_t firms = 0, segments = 0;
  // issue: the leader it gains most; firm: the leader whose delivered defects it causes most of.
  graphs::FirmId leader = graphs::kNone;
  // issue: that leader's delivered yield now and with the issue fixed.
  double yield_before = NAN, yield_after = NAN;
  // firm: its own first-pass yield (imputed when not surveyed), its share of `leader`'s delivered
  // defects and its quality-risk index; segment: its share of the leaders' upstream defects.
  double own_yield = NAN, share = NAN, risk = NAN;
  bool imputed = false;
  // critical_supplier: the leaders its stop alone stops, and the first link through which it acts.
  std::vector<graphs::FirmId> leaders_stopped;
  std::uint32_t via_link = graphs::kNone;
};

const char* to_string(Bottleneck::Kind k);

struct BottleneckOptions {
  std::size_t per_kind = 5;
};

// `critical` may be null when the structure section was not run.
std::vector<Bottleneck> find_bottlenecks(const graphs::ChainGraph& g, const QualityAnalysis& q,
                                         const graphs::CriticalSuppliersResult* critical, const BottleneckOptions& o = {});

}  // namespace qchain::engine
