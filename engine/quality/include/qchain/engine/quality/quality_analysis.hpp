#pragma once
// The quality section of `qchain analyze`: delivered yields, where each leader's defects come from
// (by firm, segment and issue), the chain's weak segment, the shared quality issues ranked by what
// fixing them gains the leaders, and every firm's quality-risk index.
#include <array>
#include <cstdint>
#include <vector>

#include "qchain/engine/quality/defect_propagation.hpp"
#include "qchain/engine/quality/issue_attribution.hpp"
#include "qchain/engine/quality/own_defects.hpp"
#include "qchain/graphs/chain.hpp"
#include "qchain/graphs/strong_components.hpp"

namespace qchain::engine {

struct QualityOptions {
  std::vector<graphs::FirmId> leaders;  // empty: every chain_leader
  unsigned threads = 0;                 // for the issue gains (independent re-propagations); 0: all cores
  // Where firms rest on a default detection, the leaders' delivered yields and the top
  // `range_issues` shared issues are computed again with these detections for those firms.
  double range_low = 0.8, range_high = 0.95;
  std::size_t range_issues = 10;
};

// What the figures rest on where the data is silent (docs/quality-model.md, "Defaults").
struct QualityDefaults {
  double detection = graphs::kBuiltInDetection;  // used by firms without a detection
  bool detection_from_chain = false;             // chain.defaults.detection, else built in
  std::uint32_t firms_defaulted = 0;             // firms without a detection of their own
  double inspection = graphs::kBuiltInInspection;
  bool inspection_from_chain = false;
  std::uint32_t links_defaulted = 0;             // links without an inspection of their own
};

// The main figures again with the defaulted firms' detection set to `low` and `high`.
struct DetectionRange {
  double low = 0.0, high = 0.0;
  std::vector<double> leader_yield_low, leader_yield_high;  // per leader, as QualityAnalysis::leaders
  std::vector<std::uint32_t> issues;                        // the top of the ranking (issue ids)
  std::vector<double> gain_low, gain_high;                  // their weighted total gains
};

struct LeaderQuality {
  graphs::FirmId leader = 0;
  double delivered_yield = 0.0;    // 1 − d_L
  std::vector<double> origin;      // per firm: p_u ∂d_L/∂p_u, normalised to sum 1 (all 0 without defects)
  std::vector<double> by_segment;  // origins summed per segment; the last slot: firms without a segment
  double own_share = 0.0;          // origin of the leader itself: its own first-pass failures that escape its detection
  std::vector<double> by_issue;    // per issue code: its attributed defects weighted the same way
  double unexplained = 0.0;        // the part of the origins not attributed to any issue
};

struct IssueImpact {
  std::uint32_t issue = 0;
  std::uint32_t firms = 0;
  std::vector<std::uint32_t> by_segment;  // as LeaderQuality::by_segment
  std::array<std::uint32_t, graphs::kRoleCount> by_role{};
  std::vector<double> leader_gain;  // per leader: delivered yield with the issue removed everywhere − baseline
  double total_gain = 0.0;          // weighted over leaders
};

// The chain as surveyed: own defect rates, their attribution to issues and their propagation. What
// every scenario and plan is compared with, and the start of the quality analysis.
struct QualityBaseline {
  OwnDefects own;
  IssueAttribution attribution;
  Propagation state;
};
// Keeps nothing: the result owns its vectors.
QualityBaseline quality_baseline(const DefectPropagator& prop);

struct QualityAnalysis : QualityBaseline {
  std::vector<graphs::FirmId> leaders;
  std::vector<double> leader_weight;  // revenue shares of the leaders, equal when a revenue is missing
  std::vector<LeaderQuality> leader_quality;
  // Where the leaders' delivered defects come from upstream of them: per segment (+ the unsegmented
  // slot), leader-weighted, each leader's origins other than its own renormalised to sum 1. A
  // leader's own defects are its own process (own_share); the weak segment (短板) is the segment of
  // its supply chain that contributes most.
  std::vector<double> segment_share;
  std::uint32_t weak_segment = graphs::kNone;
  std::vector<IssueImpact> issues;    // every issue code some firm has, most total gain first
  std::vector<double> risk;           // per firm: first-order drop of the leaders' weighted delivered yield if its own defect rate doubled
  std::vector<graphs::FirmId> risk_ranking;  // firms with risk > 0, highest first
  QualityDefaults defaults;
  bool has_range = false;  // some firm rests on a default detection
  DetectionRange range;
};

QualityDefaults quality_defaults(const graphs::ChainGraph& g);

// The analysis on top of a baseline computed by the same propagator (the analysis context shares
// both with scenarios and plans); `prop` is used during the call only.
QualityAnalysis analyze_quality(const DefectPropagator& prop, const QualityBaseline& base, const QualityOptions& options = {});
// The same, building the propagator and the baseline.
QualityAnalysis analyze_quality(const graphs::ChainGraph& g, const graphs::StrongComponentsResult& scc,
                                const QualityOptions& options = {});

// Revenue shares of `firms`, or equal shares when one of them has no revenue.
std::vector<double> revenue_weights(const graphs::ChainGraph& g, const std::vector<graphs::FirmId>& firms);

}  // namespace qchain::engine
