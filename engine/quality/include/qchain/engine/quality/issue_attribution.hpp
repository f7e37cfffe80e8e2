#pragma once
// How a firm's own defect rate p_v is split over its quality issues. Issues whose catalogue entry
// has a yield_loss take that much (all of them scaled down together when they add up to more than
// p_v); what remains goes to the firm's other issues in proportion to their severity; a firm whose
// issues all carry a yield_loss, or that has no issues, keeps the remainder as unexplained.
#include <cstdint>
#include <vector>

#include "qchain/graphs/chain.hpp"

namespace qchain::engine {

struct IssueAttribution {
  std::vector<std::uint32_t> begin;  // firm_count + 1 offsets into `amount`, aligned with Firm::issues
  std::vector<double> amount;        // share of p_v attributed to each of the firm's issues
  std::vector<double> unexplained;   // per firm
  double of(graphs::FirmId v, std::size_t k) const { return amount[begin[v] + k]; }
};

IssueAttribution attribute_issues(const graphs::ChainGraph& g, const std::vector<double>& own);

// Own defect rates with issue `issue` removed from every firm that has it.
std::vector<double> without_issue(const graphs::ChainGraph& g, const IssueAttribution& a, const std::vector<double>& own,
                                  std::uint32_t issue);

}  // namespace qchain::engine
