#pragma once
// Several chains side by side (`qchain portfolio`): regions or industries compared on one table,
// the problems common to several of them (candidates for cross-region cooperation, 跨区域协作), and
// the firms that belong to more than one chain.
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "qchain/engine/quality/quality_analysis.hpp"
#include "qchain/graphs/chain.hpp"

namespace qchain::engine {

struct PortfolioChain {
  std::uint32_t firms = 0, links = 0;
  double mean_yield = graphs::kAbsent;  // own first-pass yields given
  std::vector<std::pair<graphs::FirmId, double>> leaders;  // delivered yields
  std::uint32_t weak_segment = graphs::kNone;
  std::vector<std::uint32_t> top_issues;  // the chain's issue ids, most gain first (at most 3)
  std::array<std::uint32_t, graphs::kCategoryCount> category_pairs{};  // (firm, issue) pairs per fishbone class
  std::array<double, graphs::kCategoryCount> category_share{};         // leader-weighted share of the leaders' defects
};

// An issue code present (some firm has it) in several chains with the same name: a shared catalogue
// entry. The same code under different names is a numbering clash, listed apart, never merged.
struct SharedIssue {
  std::string code, name;
  std::vector<std::uint32_t> chains;  // indices into the inputs, ascending
  std::vector<std::uint32_t> firms;   // firms having it, per listed chain
  double gain = 0.0;                  // Σ over the chains of the leaders' gain if it were fixed there
};

struct SharedCategory {
  graphs::IssueCategory category = graphs::IssueCategory::man;
  std::vector<std::uint32_t> chains;  // chains where it is among the two largest sources of the leaders' defects
};

// A firm id found in several chains. `same_name` false: probably two firms sharing an id by accident.
struct SharedFirm {
  std::string id;
  std::vector<std::pair<std::uint32_t, graphs::FirmId>> in;  // (chain, firm in that chain), by chain
  bool same_name = true;
};

struct PortfolioResult {
  std::vector<PortfolioChain> chains;
  std::vector<SharedIssue> shared_issues;      // most chains first, then most gain
  std::vector<std::string> code_clashes;       // codes used in several chains under different names, sorted
  std::array<SharedCategory, graphs::kCategoryCount> categories{};
  std::vector<SharedFirm> shared_firms;        // by id
};

// Throws UsageError when two chains have the same chain.id.
void check_distinct_chains(const std::vector<const graphs::ChainGraph*>& chains);

// `quality[i]` is the quality analysis of `chains[i]`. Chain ids must be distinct (UsageError).
PortfolioResult build_portfolio(const std::vector<const graphs::ChainGraph*>& chains,
                                const std::vector<const QualityAnalysis*>& quality);

}  // namespace qchain::engine
