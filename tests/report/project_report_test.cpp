// The projects' texts: the target, the shared-issue cell, one project's progress in both languages,
// and every message the projects compose has a Chinese text, the nested part included.
#include <gtest/gtest.h>

#include <functional>

#include "../support/test_support.hpp"
#include "qchain/core/error.hpp"
#include "qchain/report/analysis_report.hpp"
#include "qchain/report/messages.hpp"
#include "qchain/report/project_report.hpp"
#include "qchain/workspace/workspace.hpp"

namespace {

using namespace qchain;
using namespace qchain::report;
using namespace qchain::workspace;

Project project() {
  Project p;
  p.id = 4;
  p.chain_id = "c";
  p.issue_code = "X";
  p.leader_firm_id = "L";
  p.target = ProjectTarget::loss_reduction;
  p.target_value = 0.5;
  p.start = "2024-07-01";
  p.created_by = "t";
  p.created_at = "2025-07-01T08:00:00Z";
  return p;
}

TEST(ProjectReport, TargetTexts) {
  Project p = project();
  EXPECT_EQ(project_target_text(p, Lang::zh), "合格率损失降低 50.0%");
  EXPECT_EQ(project_target_text(p, Lang::en), "yield loss reduced by 50.0%");
  p.target = ProjectTarget::firms_cleared;
  p.target_value = 3;
  EXPECT_EQ(project_target_text(p, Lang::zh), "3 家企业消除该问题");
  EXPECT_EQ(project_target_text(p, Lang::en), "3 firms cleared");
  p.target.reset();
  EXPECT_EQ(project_target_text(p, Lang::en), "-");
}

TEST(ProjectReport, TheSharedIssueCell) {
  const IssueProjects projects = {{"X", {{1, LedgerStatus::in_progress}, {3, LedgerStatus::planned}}}, {"Y", {{2, LedgerStatus::done}}}};
  EXPECT_EQ(issue_projects_cell(projects, "X", Lang::zh), "#1 进行中，#3 计划");
  EXPECT_EQ(issue_projects_cell(projects, "X", Lang::en), "#1 in progress, #3 planned");
  EXPECT_EQ(issue_projects_cell(projects, "Y", Lang::en), "#2 done");
  EXPECT_EQ(issue_projects_cell(projects, "Z", Lang::zh), "-");
}

TEST(ProjectReport, ProgressInBothLanguages) {
  ProjectProgressView v;
  v.before_as_of = "2024-06-30";
  v.latest_as_of = "2025-06-30";
  engine::ProjectProgressResult r;
  r.issue_in_before = r.issue_in_latest = true;
  r.scope_before = 5;
  r.had_before = 3;
  r.cleared = 1;
  r.still = 1;
  r.gone = 1;
  r.has_latest = 2;
  r.loss_before = 0.05;
  r.loss_latest = 0.04;
  r.loss_reduced = 0.2;
  r.attained = 0.4;
  v.progress = r;
  const std::string zh = project_text(project(), v, {}, Lang::zh);
  EXPECT_NE(zh.find("进展（2024-06-30 快照 → 2025-06-30 快照）：\n"), std::string::npos) << zh;
  EXPECT_NE(zh.find("  范围：全部企业（开始时 5 家）\n"), std::string::npos) << zh;
  EXPECT_NE(zh.find("  该问题造成的合格率损失（各企业相加，百分点）：5.000 → 4.000（降低 20.0%）\n"), std::string::npos) << zh;
  EXPECT_NE(zh.find("  目标完成度：40.0%（未达成）\n"), std::string::npos) << zh;
  const std::string en = project_text(project(), v, {}, Lang::en);
  EXPECT_NE(en.find("  of which cleared: 1, still with it 1, gone from the latest snapshot 1\n"), std::string::npos) << en;
  EXPECT_NE(en.find("Participating firms: none listed (progress counts every firm)\n"), std::string::npos) << en;
  v.progress.reset();
  EXPECT_NE(project_text(project(), v, {}, Lang::en).find("Progress: none (no snapshot on or before the start)\n"), std::string::npos);
}

// No English left in the Chinese: none of these words survives a translation.
bool english_left(const std::string& zh) {
  for (const char* w : {" is ", "given", "firm ", "project", "target", "provider", "a number"})
    if (zh.find(w) != std::string::npos) return true;
  return false;
}

TEST(ProjectReport, EveryProjectMessageIsTranslated) {
  test::TempDir dir;
  const std::string ws = dir.file("ws.qcw");
  init_workspace(ws);
  import_snapshot(ws, graphs::require_chain(graphs::load_chain(test::source_path("data/pilots/anping-wire-mesh.json"))), {});
  const LedgerActor by{"t", ""};
  std::vector<std::string> messages;
  const auto provoke = [&](const std::function<void()>& f) {
    try {
      f();
      ADD_FAILURE() << "no error (after " << messages.size() << " messages)";
    } catch (const Error& e) {
      messages.emplace_back(e.what());
    }
  };
  const auto add = [&](const std::function<void(Project&)>& edit) {
    provoke([&] {
      Project p = project();
      p.issue_code = "MSR-07";
      p.leader_firm_id = "AP0259";
      edit(p);
      add_project(ws, "anping-wire-mesh", p, by);
    });
  };
  add([](Project& p) { p.leader_firm_id = "AP0006"; });
  add([](Project& p) { p.leader_firm_id = "NOPE"; });
  add([](Project& p) { p.leader_firm_id.clear(); });
  add([](Project& p) { p.firms = {"NOPE"}; });
  add([](Project& p) { p.firms = {""}; });
  add([](Project& p) { p.firms = {"AP0001", "AP0001"}; });
  add([](Project& p) { p.target_value = 2; });
  add([](Project& p) {
    p.target = ProjectTarget::firms_cleared;
    p.target_value = 0.5;
  });
  add([](Project& p) { p.target.reset(); });
  add([](Project& p) { p.end = "2024-01-01"; });
  add([](Project& p) { p.providers = {{"", std::nullopt, ""}}; });
  add([](Project& p) { p.providers = {{"a", ProviderKind::expert, ""}, {"a", ProviderKind::expert, ""}}; });
  add([](Project& p) { p.providers = {{"新机构", std::nullopt, ""}}; });
  provoke([&] { get_project(ws, "anping-wire-mesh", 42); });
  const std::int64_t id = add_project(ws, "anping-wire-mesh", [] {
    Project p = project();
    p.issue_code = "MSR-07";
    p.leader_firm_id = "AP0259";
    return p;
  }(), by);
  ProjectChange c;
  c.issue_code = std::string("NOPE");
  provoke([&] { update_project(ws, "anping-wire-mesh", id, c, by); });
  ASSERT_EQ(messages.size(), 15u);
  for (const std::string& m : messages) {
    const LocalisedMessage zh = localise(m, Lang::zh);
    EXPECT_TRUE(zh.matched) << m;
    EXPECT_FALSE(english_left(zh.text)) << m << " -> " << zh.text;
  }
  // And those the command composes.
  for (const char* m : {"project: x.json is not a workspace reference (FILE#CHAIN_ID)",
                        "project: projects belong to the chain, not to one snapshot: give w#c without @2024-06-30",
                        "project: give --provider-kind once for each --provider, in the same order (\"\" for a known provider), or not at all",
                        "project: give --region once for each --provider, in the same order (\"\" for none), or not at all",
                        "project: give one target, --target-loss-reduction or --target-firms-cleared, not both",
                        "--target-loss-reduction: \"x\" is not a number", "--target-firms-cleared: \"\" is not a number",
                        "project add: give the issue code (--issue CODE)", "project add: give the leading firm (--leader ID)",
                        "project update: nothing to change (give at least one of --status, --end, --firm ...)"}) {
    const LocalisedMessage zh = localise(m, Lang::zh);
    EXPECT_TRUE(zh.matched) << m;
    EXPECT_TRUE(test::has_cjk(zh.text)) << m;
  }
}

}  // namespace
