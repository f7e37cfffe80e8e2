#pragma once
// The progress of a joint tackling project (质量攻关项目) against one shared issue, read from two
// snapshots of the chain: the one on or before the project's start (`before`) and the latest
// (docs/workspace.md, "Progress").
//
// The firms in scope are the participating firms, or every firm of the chain when none are listed.
// - Firms cleared: of the scope's firms that had the issue in `before`, those in `latest` without it
//   (a firm no longer in `latest` is counted apart, as gone, not as cleared).
// - Yield loss: the share of own defect rate the quality model attributes to the issue
//   (attribute_issues over own_defects), summed over the scope's firms that have the issue, in each
//   snapshot; the fraction reduced is 1 - latest / before.
#include <cstdint>
#include <string>
#include <vector>

#include "qchain/graphs/chain.hpp"

namespace qchain::engine {

struct ProjectProgressOptions {
  enum class Target : std::uint8_t { none, loss_reduction, firms_cleared };
  std::string issue_code;
  std::vector<std::string> firms;  // participating firm ids; empty: every firm
  Target target = Target::none;
  double target_value = graphs::kAbsent;  // a fraction (loss_reduction) or a count (firms_cleared)
};

struct ProjectProgressResult {
  bool issue_in_before = false, issue_in_latest = false;  // the code is in each snapshot's catalogue
  std::uint32_t scope_before = 0;  // firms in scope found in `before`
  std::uint32_t had_before = 0;    // of those, with the issue in `before`
  std::uint32_t cleared = 0;       // of had_before: in `latest` without the issue
  std::uint32_t still = 0;         // of had_before: in `latest` with the issue
  std::uint32_t gone = 0;          // of had_before: not in `latest`
  std::uint32_t has_latest = 0;    // firms in scope with the issue in `latest` (new ones too)
  double loss_before = 0.0, loss_latest = 0.0;  // summed attributed yield loss (a defect rate)
  double loss_reduced = graphs::kAbsent;        // 1 - loss_latest / loss_before; NaN when loss_before is 0
  // Progress against the target: cleared / target, or loss_reduced / target (1 = met; may exceed 1
  // or be negative); NaN without a target or when loss_reduced is NaN.
  double attained = graphs::kAbsent;
  bool met = false;  // attained >= 1
};

ProjectProgressResult project_progress(const graphs::ChainGraph& before, const graphs::ChainGraph& latest,
                                       const ProjectProgressOptions& o);

}  // namespace qchain::engine
