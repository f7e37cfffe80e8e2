// The progress of a joint tackling project, worked by hand on a five-firm chain in two snapshots.
#include <cmath>

#include "../../support/test_support.hpp"
#include "qchain/engine/programme/project_progress.hpp"
#include "qchain/graphs/chain_loader.hpp"

namespace {

using namespace qchain;
using namespace qchain::engine;
using Target = ProjectProgressOptions::Target;

// tests/data/projects: five firms in two snapshots, the issue X stating its yield loss (2 points),
// Y stating none, so that it takes what is left of a firm's defect rate.
// 2024: A has X (defect rate 0.10: X takes its 0.02); B has X and Y (0.05: X 0.02, Y the other
// 0.03); C has X (0.01, less than X's 0.02: X scaled down to 0.01); D has none; L leads.
// 2025: A cleared of X, B still has X (0.04: X 0.02) but not Y, C has left the chain, D has X now
// (0.10: X 0.02).
graphs::ChainGraph snapshot(const char* year) {
  return graphs::require_chain(graphs::load_chain(test::source_path(std::string("tests/data/projects/c.") + year + ".json")));
}
const graphs::ChainGraph& before_snapshot() {
  static const graphs::ChainGraph g = snapshot("2024");
  return g;
}
const graphs::ChainGraph& latest_snapshot() {
  static const graphs::ChainGraph g = snapshot("2025");
  return g;
}

ProjectProgressOptions options(const char* issue, std::vector<std::string> firms, Target t, double v) {
  ProjectProgressOptions o;
  o.issue_code = issue;
  o.firms = std::move(firms);
  o.target = t;
  o.target_value = v;
  return o;
}

TEST(ProjectProgress, EveryFirmWhenNoneIsListed) {
  const graphs::ChainGraph &before = before_snapshot(), &latest = latest_snapshot();
  const ProjectProgressResult r = project_progress(before, latest, options("X", {}, Target::loss_reduction, 0.5));
  EXPECT_TRUE(r.issue_in_before);
  EXPECT_TRUE(r.issue_in_latest);
  EXPECT_EQ(r.scope_before, 5u);
  EXPECT_EQ(r.had_before, 3u);  // A, B, C
  EXPECT_EQ(r.cleared, 1u);     // A
  EXPECT_EQ(r.still, 1u);       // B
  EXPECT_EQ(r.gone, 1u);        // C
  EXPECT_EQ(r.has_latest, 2u);  // B, and D which is new to the issue
  EXPECT_NEAR(r.loss_before, 0.02 + 0.02 + 0.01, 1e-12);
  EXPECT_NEAR(r.loss_latest, 0.02 + 0.02, 1e-12);
  EXPECT_NEAR(r.loss_reduced, 1 - 0.04 / 0.05, 1e-12);  // 0.2
  EXPECT_NEAR(r.attained, 0.2 / 0.5, 1e-12);
  EXPECT_FALSE(r.met);
  // The same counts against a target of one firm cleared: met.
  const ProjectProgressResult f = project_progress(before, latest, options("X", {}, Target::firms_cleared, 1));
  EXPECT_NEAR(f.attained, 1.0, 1e-12);
  EXPECT_TRUE(f.met);
  const ProjectProgressResult two = project_progress(before, latest, options("X", {}, Target::firms_cleared, 2));
  EXPECT_NEAR(two.attained, 0.5, 1e-12);
  EXPECT_FALSE(two.met);
}

TEST(ProjectProgress, OnlyTheParticipatingFirms) {
  const graphs::ChainGraph &before = before_snapshot(), &latest = latest_snapshot();
  const ProjectProgressResult r = project_progress(before, latest, options("X", {"A", "B"}, Target::loss_reduction, 0.5));
  EXPECT_EQ(r.scope_before, 2u);
  EXPECT_EQ(r.had_before, 2u);
  EXPECT_EQ(r.cleared, 1u);
  EXPECT_EQ(r.still, 1u);
  EXPECT_EQ(r.gone, 0u);
  EXPECT_EQ(r.has_latest, 1u);  // B; D has it but does not take part
  EXPECT_NEAR(r.loss_before, 0.04, 1e-12);
  EXPECT_NEAR(r.loss_latest, 0.02, 1e-12);
  EXPECT_NEAR(r.loss_reduced, 0.5, 1e-12);
  EXPECT_NEAR(r.attained, 1.0, 1e-12);
  EXPECT_TRUE(r.met);  // halved, as targeted
}

// Y states no loss: B's defect rate less X's stated 0.02 goes to it, 0.03; gone by 2025.
TEST(ProjectProgress, AnIssueWithoutAStatedLossTakesTheRest) {
  const graphs::ChainGraph &before = before_snapshot(), &latest = latest_snapshot();
  const ProjectProgressResult r = project_progress(before, latest, options("Y", {}, Target::none, graphs::kAbsent));
  EXPECT_EQ(r.had_before, 1u);
  EXPECT_EQ(r.cleared, 1u);
  EXPECT_NEAR(r.loss_before, 0.03, 1e-12);
  EXPECT_NEAR(r.loss_latest, 0.0, 1e-12);
  EXPECT_NEAR(r.loss_reduced, 1.0, 1e-12);
  EXPECT_TRUE(std::isnan(r.attained));  // no target
  EXPECT_FALSE(r.met);
}

// A code neither snapshot knows: nothing to count, no reduction to tell.
TEST(ProjectProgress, AnUnknownCodeCountsNothing) {
  const graphs::ChainGraph &before = before_snapshot(), &latest = latest_snapshot();
  const ProjectProgressResult r = project_progress(before, latest, options("Z", {}, Target::loss_reduction, 0.5));
  EXPECT_FALSE(r.issue_in_before);
  EXPECT_FALSE(r.issue_in_latest);
  EXPECT_EQ(r.had_before, 0u);
  EXPECT_EQ(r.loss_before, 0.0);
  EXPECT_TRUE(std::isnan(r.loss_reduced));
  EXPECT_TRUE(std::isnan(r.attained));
}

}  // namespace
