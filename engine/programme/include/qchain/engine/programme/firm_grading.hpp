#pragma once
// Firm grading (质量分级, `qchain grade`): a rubric maps each firm's measurable state — own
// first-pass yield, certificates in force, open issues and their severity, assistance — to startup /
// developing / leaping (初创级 / 发展级 / 跨越级). Grades are a ladder: a firm is on the highest rung
// whose criteria it meets together with those of every rung below. Format `qchain-rubric/1`
// (data/rubrics/README.md); the default rubric is the one in data/rubrics/default.json.
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "qchain/graphs/chain.hpp"

namespace qchain::engine {

// What a rung asks for; an absent bound (NaN, or kNone for counts) asks nothing.
struct GradeCriteria {
  double min_yield = graphs::kAbsent;              // own first-pass yield ≥ (a firm without one misses it)
  std::uint32_t min_certifications = 0;            // certificates in force ≥
  std::vector<std::string> required_schemes;       // each held in force
  std::uint32_t max_open_issues = graphs::kNone;   // open issues ≤
  std::uint32_t max_severity = graphs::kNone;      // every open issue's severity ≤
  // An assisted firm's certification in progress counts as held: the programme is bringing it in.
  bool in_progress_counts_if_assisted = false;
};

struct Rubric {
  std::string name;
  GradeCriteria developing, leaping;
};

Rubric default_rubric();

enum class Criterion : std::uint8_t { yield, certifications, schemes, open_issues, severity };
inline constexpr int kCriterionCount = 5;

// One criterion of one rung checked for one firm.
struct CriterionCheck {
  Criterion criterion = Criterion::yield;
  bool met = false;
  double value = graphs::kAbsent;      // the firm's: yield, count of certificates or issues, top severity
  double threshold = graphs::kAbsent;  // the rung's
  std::vector<std::string> missing;    // schemes: those not held; open_issues/severity: the issue codes in the way
};

// Every criterion the rung asks for, checked for firm v.
std::vector<CriterionCheck> check_rung(const graphs::ChainGraph& g, const GradeCriteria& rung, graphs::FirmId v);

struct GradeCounts {
  std::array<std::uint32_t, 3> by_grade{};  // startup, developing, leaping
};

struct GradingResult {
  std::vector<graphs::Maturity> grade;                // per firm: startup, developing or leaping
  std::vector<GradeCounts> by_segment;                // per segment; the last slot: firms without a segment
  std::array<GradeCounts, graphs::kRoleCount> by_role{};
  GradeCounts all;
  std::vector<graphs::FirmId> mismatched;             // declared maturity given and different, by id
};

GradingResult grade_firms(const graphs::ChainGraph& g, const Rubric& rubric);

// The grade firm v would have with own first-pass yield `yield` in place of the one given (NaN: no
// yield, which misses a yield criterion) and, with `issues_fixed`, no open issue: what assisting it
// would make of it (`qchain plan --goal grades`). Certificates stay as they are.
graphs::Maturity grade_with(const graphs::ChainGraph& g, const Rubric& rubric, graphs::FirmId v, double yield, bool issues_fixed);

// The rung above `grade` (kNone-like: nullptr at the top).
const GradeCriteria* next_rung(const Rubric& r, graphs::Maturity grade);

}  // namespace qchain::engine
