#include <cmath>
#include <initializer_list>

#include "../../support/test_support.hpp"
#include "qchain/engine/programme/chain_comparison.hpp"
#include "qchain/report/comparison_report.hpp"

namespace {

using namespace qchain;
using namespace qchain::graphs;
using namespace qchain::engine;
using namespace qchain::report;

// Before: A, B, C supply leader L; A leaves, D joins. B and C are assisted (C only marked before).
const char* kBefore = R"({"format": "qchain-chain/1", "chain": {"id": "c", "name": "c", "as_of": "2024-06-30"},
 "issues": [{"code": "X", "name": "x", "category": "man"}, {"code": "Y", "name": "y", "category": "method"},
            {"code": "Z", "name": "z", "category": "material"}],
 "firms": [
  {"id": "A", "name": "a", "role": "micro", "first_pass_yield": 0.7, "issues": [{"code": "X", "severity": 2}]},
  {"id": "B", "name": "b", "role": "small", "first_pass_yield": 0.80,
   "issues": [{"code": "X", "severity": 3}, {"code": "Y", "severity": 2}],
   "certifications": [{"scheme": "ISO14001", "status": "valid", "expires": "2025-01-01"}]},
  {"id": "C", "name": "c", "role": "small", "first_pass_yield": 0.90, "assisted": {"by": "o", "since": "2024-01-01", "programme": "p"},
   "issues": [{"code": "Z", "severity": 1}]},
  {"id": "L", "name": "l", "role": "chain_leader", "first_pass_yield": 0.95}],
 "links": [{"supplier": "A", "customer": "L"}, {"supplier": "B", "customer": "L"}, {"supplier": "C", "customer": "B", "essential": false}]})";

const char* kAfter = R"({"format": "qchain-chain/1", "chain": {"id": "c", "name": "c", "as_of": "2025-06-30"},
 "issues": [{"code": "Y", "name": "y", "category": "method"}, {"code": "Z", "name": "z", "category": "material"},
            {"code": "W", "name": "w", "category": "machine"}],
 "firms": [
  {"id": "D", "name": "d", "role": "micro", "first_pass_yield": 0.99},
  {"id": "B", "name": "b", "role": "small", "first_pass_yield": 0.86, "assisted": {"by": "o", "since": "2024-09-01", "programme": "p"},
   "issues": [{"code": "Y", "severity": 1}, {"code": "W", "severity": 2}],
   "certifications": [{"scheme": "ISO9001", "status": "valid"}, {"scheme": "ISO14001", "status": "valid", "expires": "2025-01-01"}]},
  {"id": "C", "name": "c", "role": "small", "first_pass_yield": 0.90, "issues": [{"code": "Y", "severity": 2}]},
  {"id": "L", "name": "l", "role": "chain_leader", "first_pass_yield": 0.96}],
 "links": [{"supplier": "D", "customer": "L"}, {"supplier": "B", "customer": "L"}, {"supplier": "C", "customer": "B", "essential": false}]})";

const FirmChange& change_of(const ChainComparison& c, const ChainGraph& after, const char* id) {
  for (const FirmChange& f : c.firms)
    if (after.firm(f.after).id == id) return f;
  throw std::runtime_error(std::string("no change for ") + id);
}

std::vector<std::string> names(const std::vector<std::string>& list, const std::vector<std::uint32_t>& idx) {
  std::vector<std::string> out;
  for (auto k : idx) out.push_back(list[k]);
  return out;
}

TEST(ChainComparison, MatchesFirmsById) {
  const ChainGraph b = test::load_text(kBefore), a = test::load_text(kAfter);
  const ChainComparison c = compare_chains(b, a);
  EXPECT_EQ(c.matched, 3u);
  EXPECT_EQ(c.added, 1u);
  EXPECT_EQ(c.removed, 1u);
  EXPECT_EQ(c.before_of_after[*a.find_firm("D")], kNone);
  EXPECT_EQ(c.after_of_before[*b.find_firm("A")], kNone);
  EXPECT_EQ(c.before_of_after[*a.find_firm("B")], *b.find_firm("B"));
  ASSERT_EQ(c.firms.size(), 3u);
  EXPECT_EQ(a.firm(c.firms[0].after).id, "B");  // the after snapshot's order
}

TEST(ChainComparison, FirmLevelIssuesAndCertificates) {
  const ChainGraph b = test::load_text(kBefore), a = test::load_text(kAfter);
  const ChainComparison c = compare_chains(b, a);
  const FirmChange& fb = change_of(c, a, "B");
  EXPECT_EQ(names(c.codes, fb.issues_resolved), std::vector<std::string>{"X"});
  EXPECT_EQ(names(c.codes, fb.issues_new), std::vector<std::string>{"W"});
  // ISO14001 was in force on 2024-06-30 and has run out by 2025-06-30: lost, not kept.
  EXPECT_EQ(names(c.schemes, fb.certifications_gained), std::vector<std::string>{"ISO9001"});
  EXPECT_EQ(names(c.schemes, fb.certifications_lost), std::vector<std::string>{"ISO14001"});
  const FirmChange& fc = change_of(c, a, "C");
  EXPECT_EQ(names(c.codes, fc.issues_resolved), std::vector<std::string>{"Z"});
  EXPECT_EQ(names(c.codes, fc.issues_new), std::vector<std::string>{"Y"});
  EXPECT_EQ(c.pairs_resolved, 2u);  // B:X, C:Z — A's X left with A and is not counted
  EXPECT_EQ(c.pairs_new, 2u);       // B:W, C:Y
}

TEST(ChainComparison, IssueTrendsOverTheWholeChain) {
  const ChainGraph b = test::load_text(kBefore), a = test::load_text(kAfter);
  const ChainComparison c = compare_chains(b, a);
  std::map<std::string, std::pair<IssueTrend, std::uint32_t>> got;
  for (const IssueChange& x : c.issues) got[c.codes[x.code]] = {x.trend, x.firms[0] * 10 + x.firms[1]};
  EXPECT_EQ(got.at("X"), std::make_pair(IssueTrend::solved, 20u));
  EXPECT_EQ(got.at("Y"), std::make_pair(IssueTrend::grew, 12u));
  EXPECT_EQ(got.at("Z"), std::make_pair(IssueTrend::solved, 10u));
  EXPECT_EQ(got.at("W"), std::make_pair(IssueTrend::appeared, 1u));
  std::map<std::string, std::pair<std::uint32_t, std::uint32_t>> cov;
  for (const SchemeChange& s : c.certifications) cov[c.schemes[s.scheme]] = {s.holders[0], s.holders[1]};
  EXPECT_EQ(cov.at("ISO9001"), std::make_pair(0u, 1u));
  EXPECT_EQ(cov.at("ISO14001"), std::make_pair(1u, 0u));
}

TEST(ChainComparison, IndicatorArithmetic) {
  const ChainGraph b = test::load_text(kBefore), a = test::load_text(kAfter);
  const ProgrammeIndicators i = compare_chains(b, a).indicators;
  // Assisted (marked in either snapshot): B +0.06, C 0.00. Others: L +0.01.
  EXPECT_EQ(i.assisted, 2u);
  EXPECT_EQ(i.others, 1u);
  EXPECT_NEAR(i.assisted_mean_change, 0.03, 1e-12);
  EXPECT_NEAR(i.others_mean_change, 0.01, 1e-12);
  EXPECT_NEAR(i.difference, 0.02, 1e-12);
  EXPECT_NEAR(i.assisted_improved_share, 0.5, 1e-12);
  EXPECT_NEAR(i.others_improved_share, 1.0, 1e-12);
  EXPECT_EQ(i.newly_assisted, 1u);  // B: marked only after; C was marked only before
  EXPECT_NEAR(i.newly_assisted_mean_change, 0.06, 1e-12);
  EXPECT_NEAR(i.mean_yield[0], (0.7 + 0.8 + 0.9 + 0.95) / 4, 1e-12);
  EXPECT_NEAR(i.mean_yield[1], (0.99 + 0.86 + 0.9 + 0.96) / 4, 1e-12);
}

TEST(ChainComparison, LeadersDeliveredYieldByHand) {
  const ChainGraph b = test::load_text(kBefore), a = test::load_text(kAfter);
  const ChainComparison c = compare_chains(b, a);
  ASSERT_EQ(c.leaders.size(), 1u);
  // d = (1 − η)·[1 − (1 − p)·Π(1 − e)] with the built-in η = 0.9: C's input to B is non-essential
  // but still delivers defects.
  const auto d = [](double yield, std::initializer_list<double> in) {
    double good = yield;
    for (double e : in) good *= 1 - e;
    return 0.1 * (1 - good);
  };
  const double before = 1 - d(0.95, {d(0.7, {}), d(0.80, {d(0.90, {})})});
  const double after = 1 - d(0.96, {d(0.99, {}), d(0.86, {d(0.90, {})})});
  EXPECT_NEAR(c.leaders[0].delivered_yield[0], before, 1e-12);
  EXPECT_NEAR(c.leaders[0].delivered_yield[1], after, 1e-12);
}

TEST(ChainComparison, RefusesSnapshotsInTheWrongOrder) {
  const ChainGraph b = test::load_text(kBefore), a = test::load_text(kAfter);
  EXPECT_THROW(compare_chains(a, b), UsageError);
  std::string other = kAfter;
  other.replace(other.find(R"("id": "c")"), 9, R"("id": "d")");
  EXPECT_THROW(compare_chains(b, test::load_text(other)), UsageError);  // not the same chain
}

TEST(ChainComparison, UndatedSnapshotsAreSaidToBe) {
  std::string undated = kBefore;
  const std::string date = R"(, "as_of": "2024-06-30")";
  undated.replace(undated.find(date), date.size(), "");
  const ChainGraph b = test::load_text(undated), a = test::load_text(kAfter);
  const ChainComparison c = compare_chains(b, a);
  const std::string text = comparison_text(b, a, c, Lang::en, 5);
  EXPECT_EQ(text.substr(0, text.find('\n')), "c: undated → 2025-06-30");
  EXPECT_EQ(change_map_title(b, a, Lang::zh), "提升前后对比：未注明日期 → 2025-06-30");
}

TEST(ChainComparison, JsonCarriesTheDocumentedKeys) {
  const ChainGraph b = test::load_text(kBefore), a = test::load_text(kAfter);
  const std::string j = comparison_json(b, a, compare_chains(b, a));
  for (const char* k : {"\"firms\"", "\"own_yield\"", "\"delivered_yield\"", "\"issues_resolved\"", "\"issues_new\"",
                        "\"certifications_gained\"", "\"certifications_lost\"", "\"leaders\"", "\"issues_solved\"",
                        "\"pairs_resolved\": 2", "\"assisted_mean_yield_change\"", "\"others_mean_yield_change\"",
                        "\"difference\"", "\"assisted_improved_share\": 0.5"})
    EXPECT_NE(j.find(k), std::string::npos) << k;
  EXPECT_EQ(j, comparison_json(b, a, compare_chains(b, a)));
}

}  // namespace
