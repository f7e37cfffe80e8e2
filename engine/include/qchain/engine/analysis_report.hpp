#pragma once
// `qchain analyze` output: one stable JSON document with a section per analysis that was run, and
// a readable text report.
#include <cstddef>
#include <string>

#include "qchain/engine/structure_analysis.hpp"
#include "qchain/engine/text_table.hpp"

namespace qchain::engine {

struct AnalysisSections {
  const StructureAnalysis* structure = nullptr;
};

struct ReportOptions {
  Lang lang = Lang::zh;
  std::size_t top = 20;  // rows in ranked lists (brokers; text lists of critical suppliers and cut firms)
};

std::string analysis_json(const graphs::ChainGraph& g, const AnalysisSections& s, const ReportOptions& o);
std::string analysis_text(const graphs::ChainGraph& g, const AnalysisSections& s, const ReportOptions& o);

// "F0410 → casting → F0102 → servo-motor → F0001"
std::string path_text(const graphs::ChainGraph& g, const graphs::CriticalSupplier& c);

}  // namespace qchain::engine
