#pragma once
// Descriptive statistics of a chain: what `qchain summary` shows.
#include <array>
#include <cstdint>
#include <vector>

#include "qchain/graphs/chain.hpp"

namespace qchain::engine {

struct SegmentSummary {
  std::uint32_t segment = graphs::kNone;  // kNone: firms without a segment
  std::uint32_t firms = 0;
  std::array<std::uint32_t, graphs::kRoleCount> by_role{};
  std::uint32_t yields_known = 0;
  double mean_yield = graphs::kAbsent;      // over firms with a yield
  double weighted_yield = graphs::kAbsent;  // revenue-weighted, over firms with yield and revenue
};

struct SchemeCoverage {
  std::uint32_t scheme = 0;
  std::array<std::uint32_t, 4> by_status{};  // indexed by CertStatus; valid ones past expiry on as_of count as expired
  double coverage = 0.0;                      // firms holding the certificate in force / all firms
};

struct IssueCount {
  std::uint32_t issue = 0;
  std::uint32_t firms = 0;
  double mean_severity = graphs::kAbsent;
};

struct ChainSummary {
  std::uint32_t firms = 0, links = 0, inputs = 0;
  std::array<std::uint32_t, graphs::kRoleCount> by_role{};
  std::vector<graphs::FirmId> leaders;
  std::vector<SegmentSummary> segments;  // in segment order, the unsegmented last
  SegmentSummary all;                    // the whole chain
  std::vector<SchemeCoverage> certifications;  // by scheme name
  std::vector<IssueCount> issues;              // catalogue order
  std::array<std::uint32_t, graphs::kCategoryCount> issue_pairs_by_category{};  // (firm, issue) pairs
};

ChainSummary summarize_chain(const graphs::ChainGraph& g);

// Segment indices sorted by (order, declaration).
std::vector<std::uint32_t> segments_in_order(const graphs::ChainGraph& g);

}  // namespace qchain::engine
