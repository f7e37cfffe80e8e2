#pragma once
// The names readers see for a chain's parts: roles, issue categories, the chain, its date, segments.
#include <cstdint>
#include <string>

#include "qchain/graphs/chain.hpp"
#include "qchain/report/lang.hpp"

namespace qchain::report {

// The role's name for readers ("链主企业" / "chain leader").
const char* role_label(graphs::Role r, Lang lang);
const char* category_label(graphs::IssueCategory c, Lang lang);
// The 6M class as a diagram heads it: "人 · 人员" / "Man".
std::string category_title(graphs::IssueCategory c, Lang lang);
// The chain's name, or its id when unnamed.
std::string chain_title(const graphs::ChainGraph& g);
// The day the snapshot describes (chain.as_of), or "未注明日期" / "undated".
std::string as_of_label(const graphs::ChainGraph& g, Lang lang);
// The segment's name, or "（未分环节）" / "(no segment)" for kNone.
std::string segment_label(const graphs::ChainGraph& g, std::uint32_t segment, Lang lang);

}  // namespace qchain::report
