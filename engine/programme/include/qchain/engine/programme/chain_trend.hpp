#pragma once
// The programme's indicators over every snapshot of one chain (`qchain trend`): where each year
// stood, and what changed from one snapshot to the next. Each step is the before/after comparison
// of two consecutive snapshots (chain_comparison.hpp), so a trend of two snapshots says what
// `compare` says.
#include <cstdint>
#include <string>
#include <vector>

#include "qchain/engine/programme/chain_comparison.hpp"
#include "qchain/graphs/chain.hpp"

namespace qchain::engine {

// One snapshot, with its delivered defect rates d_v already propagated (an analysis context's
// baseline), so that the trend propagates nothing again.
struct TrendInput {
  const graphs::ChainGraph* chain = nullptr;
  const std::vector<double>* delivered = nullptr;
};

struct TrendPoint {
  std::string as_of;
  std::uint32_t firms = 0, links = 0;
  double mean_yield = graphs::kAbsent;       // own first-pass yield over the firms giving one
  std::vector<double> segment_yield;         // per TrendResult::segments; kAbsent: none given or no such segment
  std::vector<double> leader_delivered;      // per TrendResult::leaders; kAbsent: not a leader in this snapshot
  std::uint64_t issue_pairs = 0;             // (firm, issue) pairs open
  std::uint32_t firms_with_issues = 0;
  std::uint32_t certified = 0;               // firms holding some certificate in force
  double certified_share = graphs::kAbsent;  // certified / firms
  std::uint32_t assisted = 0;                // firms marked assisted
};

struct TrendStep {
  std::uint64_t pairs_resolved = 0, pairs_new = 0;  // of firms in both snapshots
  std::uint32_t added = 0, removed = 0, matched = 0;
  ProgrammeIndicators indicators;                   // assisted against the others, this step
  EffectIndicators effects;                         // effects.any false when no firm has outcome fields
};

struct TrendResult {
  std::string chain_id;
  // Segment ids of every snapshot: the latest snapshot's in its order, then any only earlier ones.
  std::vector<std::string> segments;
  // Leader ids of every snapshot, the same way.
  std::vector<std::string> leaders;
  std::vector<TrendPoint> points;  // one per snapshot, oldest first
  std::vector<TrendStep> steps;    // points.size() - 1: step k goes from point k to point k + 1
};

// Preconditions (UsageError): at least one snapshot; every two consecutive ones comparable
// (check_comparable: one chain, dated in order).
TrendResult chain_trend(const std::vector<TrendInput>& snapshots);

}  // namespace qchain::engine
