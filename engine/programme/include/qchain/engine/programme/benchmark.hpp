#pragma once
// Benchmarking a chain against advanced levels (与国际、国内先进水平的比对), format
// `qchain-benchmark/1` (data/schema/BENCHMARK.md): reference levels per segment, optionally per role
// (first-pass yield, certification coverage per scheme, the share of firms with each issue category),
// each at the domestic and the international advanced level with its source and year. The
// comparison puts the chain's level beside both and returns the gaps as numbers; wording is the
// report layer's.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "qchain/graphs/chain.hpp"

namespace qchain::engine {

struct ReferenceLevel {
  double domestic = graphs::kAbsent, international = graphs::kAbsent;  // in [0, 1]; NaN when not given
  std::string source;
  std::uint32_t year = 0;
};

struct BenchmarkEntry {
  std::uint32_t segment = graphs::kNone;  // resolved against the chain; kNone: not in the chain (warned)
  std::string segment_key;                 // as written (id or name)
  std::optional<graphs::Role> role;        // the entry applies to these firms only
  std::optional<ReferenceLevel> yield;
  std::vector<std::pair<std::string, ReferenceLevel>> coverage;                // scheme as written, level
  std::vector<std::pair<graphs::IssueCategory, ReferenceLevel>> issue_share;  // share of firms with the category
};

struct Benchmark {
  std::string name, industry, description;
  bool illustrative = false;  // the file says its figures are illustrative, not official
  std::vector<BenchmarkEntry> entries;
  std::vector<std::string> unmatched_segments;  // named by the file, not in the chain
};


// The chain beside one reference figure.
struct LevelComparison {
  double chain = graphs::kAbsent;  // NaN when no firm of the entry has the value
  ReferenceLevel reference;
  bool higher_is_better = true;    // yields and coverage; for issue shares lower is better
  // The shortfall: > 0 where the chain is behind the reference, whichever way "behind" points.
  double gap_domestic() const { return shortfall(reference.domestic); }
  double gap_international() const { return shortfall(reference.international); }
  double shortfall(double ref) const { return higher_is_better ? ref - chain : chain - ref; }
};

struct EntryComparison {
  std::size_t entry = 0;          // index into Benchmark::entries
  std::uint32_t firms = 0;        // firms of the segment (and role)
  std::uint32_t with_yield = 0;   // of them, with a first-pass yield of their own (imputed yields are not a level)
  std::optional<LevelComparison> yield;                                  // mean own first-pass yield
  std::vector<std::pair<std::string, LevelComparison>> coverage;         // share holding the scheme in force
  std::vector<std::pair<graphs::IssueCategory, LevelComparison>> issue_share;
};

struct FirmYieldGap {
  graphs::FirmId firm = 0;
  std::size_t entry = 0;
  double gap = 0.0;  // domestic advanced yield − own first-pass yield, > 0
};

struct CategoryExcess {
  std::size_t entry = 0;
  graphs::IssueCategory category = graphs::IssueCategory::man;
  double excess = 0.0;  // chain's share − domestic reference, > 0
};

struct BenchmarkResult {
  std::vector<EntryComparison> entries;        // as in the file, matched entries only
  std::vector<FirmYieldGap> firms_below;       // largest gap first, then by firm id
  std::vector<CategoryExcess> categories_above;  // largest excess first
};

// A firm belongs to the most specific entry of its segment: the one with its role, else the one without.
BenchmarkResult benchmark_chain(const graphs::ChainGraph& g, const Benchmark& b);

}  // namespace qchain::engine
