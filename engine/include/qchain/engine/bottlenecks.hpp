#pragma once
// The bottlenecks summary (共性质量问题与质量瓶颈): the issues whose removal gains the leaders most,
// the firms with the highest quality-risk index, the critical suppliers that stop the most leaders,
// and the weak segment, each with a one-line reason a planner can read.
#include <cstdint>
#include <string>
#include <vector>

#include "qchain/engine/quality_analysis.hpp"
#include "qchain/engine/text_table.hpp"
#include "qchain/graphs/critical_suppliers.hpp"

namespace qchain::engine {

struct Bottleneck {
  enum class Kind { issue, firm, critical_supplier, segment };
  Kind kind = Kind::issue;
  std::uint32_t id = 0;  // issue, firm or segment index
  std::string reason;
};

const char* to_string(Bottleneck::Kind k);

struct BottleneckOptions {
  Lang lang = Lang::zh;
  std::size_t per_kind = 5;
};

// `critical` may be null when the structure section was not run.
std::vector<Bottleneck> find_bottlenecks(const graphs::ChainGraph& g, const QualityAnalysis& q,
                                         const graphs::CriticalSuppliersResult* critical, const BottleneckOptions& o = {});

}  // namespace qchain::engine
