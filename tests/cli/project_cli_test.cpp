// `qchain project` end to end: both languages, progress read from two snapshots and worked by hand,
// refusals with exit 2, a busy workspace with exit 3, two writers at once, and the shared-issue
// list of `analyze` and `report` marking the issues that have a project (and unchanged otherwise).
#include <gtest/gtest.h>
#include <rapidjson/document.h>
#include <unistd.h>

#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <thread>

#include "cli_support.hpp"

namespace qchain::test {
namespace {

// The two snapshots of tests/data/projects (worked in tests/engine/programme/project_progress_test.cpp):
// X's loss 0.02 + 0.02 + 0.01 over A, B, C in 2024; 0.02 + 0.02 over B, D in 2025; A cleared, B
// still, C gone; B clear of Y in 2025. L is the chain leader, A a micro firm.
struct Small {
  TempDir dir;
  std::string ws = dir.file("ws.qcw");
  std::string ref = ws + "#c";
  Small() {
    EXPECT_EQ(qchain_run("workspace init " + ws).code, 0);
    for (const char* year : {"2024", "2025"}) {
      const CmdResult r = qchain_run("import " + ws + " " + source_path(std::string("tests/data/projects/c.") + year + ".json"));
      EXPECT_EQ(r.code, 0) << r.err;
    }
  }
};

rapidjson::Document parse(const std::string& text) {
  rapidjson::Document d;
  d.Parse(text.c_str());
  EXPECT_FALSE(d.HasParseError()) << text;
  return d;
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

const char* const kAdd = " add --issue X --leader L --title 'X 攻关' --provider 质检院 --provider-kind testing_lab --region 衡水"
                         " --target-loss-reduction 0.5 --start 2024-07-01 --status 进行中";

TEST(ProjectCli, AddListShowUpdateInEnglish) {
  Small w;
  const CmdResult add = qchain_run("--lang en project " + w.ref + kAdd);
  ASSERT_EQ(add.code, 0) << add.err;
  EXPECT_EQ(add.out, w.ref + ": added joint tackling project 1\n");
  const CmdResult list = qchain_run("--lang en project " + w.ref + " list");
  EXPECT_EQ(list.code, 0) << list.err;
  EXPECT_TRUE(has(list.out, w.ref + ": 1 project")) << list.out;
  EXPECT_TRUE(has(list.out, "yield loss reduced by 50.0%")) << list.out;
  EXPECT_TRUE(has(list.out, "in progress")) << list.out;
  const CmdResult show = qchain_run("--lang en project " + w.ref + " show 1");
  ASSERT_EQ(show.code, 0) << show.err;
  EXPECT_TRUE(has(show.out, "Providers: 质检院 (testing lab, 衡水)")) << show.out;
  EXPECT_TRUE(has(show.out, "Progress (2024-06-30 snapshot → 2025-06-30 snapshot):")) << show.out;
  EXPECT_TRUE(has(show.out, "Scope: every firm (5 at the start)")) << show.out;
  EXPECT_TRUE(has(show.out, "Firms with the issue at the start: 3\n")) << show.out;
  EXPECT_TRUE(has(show.out, "of which cleared: 1, still with it 1, gone from the latest snapshot 1\n")) << show.out;
  EXPECT_TRUE(has(show.out, "Firms with the issue in the latest snapshot: 2\n")) << show.out;
  EXPECT_TRUE(has(show.out, "Yield loss from the issue (summed over the firms, points): 5.000 → 4.000 (reduced by 20.0%)")) << show.out;
  EXPECT_TRUE(has(show.out, "Against the target: 40.0% (not yet met)")) << show.out;
  EXPECT_TRUE(has(show.out, "leading firm")) << show.out;  // the history
  const rapidjson::Document d = parse(qchain_run("project " + w.ref + " show 1 --json -").out);
  EXPECT_EQ(std::string(d["project"]["issue"].GetString()), "X");
  EXPECT_EQ(std::string(d["project"]["target"]["kind"].GetString()), "loss_reduction");
  EXPECT_EQ(d["progress"]["cleared"].GetUint(), 1u);
  EXPECT_EQ(d["progress"]["gone"].GetUint(), 1u);
  EXPECT_NEAR(d["progress"]["loss_before"].GetDouble(), 0.05, 1e-12);
  EXPECT_NEAR(d["progress"]["loss_reduced"].GetDouble(), 0.2, 1e-12);
  EXPECT_FALSE(d["progress"]["met"].GetBool());
  EXPECT_EQ(d["history"].Size(), 7u);  // issue, leader, title, providers, target, start, status

  // Only A and B take part, a target of one firm cleared: met.
  const CmdResult up = qchain_run("--lang en project " + w.ref + " update 1 --firm A --firm B --target-firms-cleared 1");
  EXPECT_EQ(up.out, w.ref + ": project 1 updated, 2 fields\n") << up.err;
  const CmdResult again = qchain_run("--lang en project " + w.ref + " show 1");
  EXPECT_TRUE(has(again.out, "Against the target: 100.0% (met)")) << again.out;
  EXPECT_TRUE(has(again.out, "Yield loss from the issue (summed over the firms, points): 4.000 → 2.000 (reduced by 50.0%)")) << again.out;
  EXPECT_EQ(qchain_run("--lang en project " + w.ref + " update 1 --status 进行中").out, w.ref + ": project 1 unchanged\n");
  // Without a start (nor a planned start) there is no progress to tell.
  EXPECT_EQ(qchain_run("project " + w.ref + " update 1 --start ''").code, 0);
  EXPECT_TRUE(parse(qchain_run("project " + w.ref + " show 1 --json -").out)["progress"].IsNull());
  EXPECT_TRUE(has(qchain_run("--lang en project " + w.ref + " show 1").out, "Progress: none (no start date)"));
}

TEST(ProjectCli, ChineseByDefault) {
  Small w;
  ASSERT_EQ(qchain_run("project " + w.ref + kAdd).code, 0);
  const CmdResult add = qchain_run("project " + w.ref + " add --issue Y --leader L --target-firms-cleared 1 --start 2024-06-30");
  EXPECT_EQ(add.out, w.ref + "：已登记质量攻关项目 2\n");
  const CmdResult show = qchain_run("project " + w.ref + " show 1");
  EXPECT_TRUE(has(show.out, "【质量攻关项目 1】 c")) << show.out;
  EXPECT_TRUE(has(show.out, "其中已消除：1 家，仍有 1 家，已不在最新快照中 1 家")) << show.out;
  EXPECT_TRUE(has(show.out, "该问题造成的合格率损失（各企业相加，百分点）：5.000 → 4.000（降低 20.0%）")) << show.out;
  EXPECT_TRUE(has(show.out, "目标完成度：40.0%（未达成）")) << show.out;
  EXPECT_TRUE(has(show.out, "变更记录")) << show.out;
  const CmdResult y = qchain_run("project " + w.ref + " show 2");
  EXPECT_TRUE(has(y.out, "目标：1 家企业消除该问题")) << y.out;
  EXPECT_TRUE(has(y.out, "目标完成度：100.0%（已达成）")) << y.out;  // B is clear of Y in 2025
  const CmdResult list = qchain_run("project " + w.ref + " list --issue Y");
  EXPECT_TRUE(has(list.out, "：1 个")) << list.out;
  EXPECT_TRUE(has(list.out, "计划 1，进行中 0，完成 0，放弃 0")) << list.out;
}

TEST(ProjectCli, RefusalsNameWhatIsWrong) {
  Small w;
  const CmdResult micro = qchain_run("--lang en project " + w.ref + " add --issue X --leader A");
  EXPECT_EQ(micro.code, 2);
  EXPECT_EQ(micro.err, "qchain: project for issue \"X\": leading firm \"A\" is of role micro: a project is led by a chain_leader or a large firm\n");
  const CmdResult zh = qchain_run("project " + w.ref + " add --issue X --leader A");
  EXPECT_EQ(zh.err, "qchain: 攻关项目（问题 \"X\"）：牵头企业 \"A\" 的角色为 micro：攻关项目须由链主（chain_leader）或大型企业（large）牵头\n");
  const CmdResult target = qchain_run("project " + w.ref + " add --issue X --leader L --target-loss-reduction 2");
  EXPECT_EQ(target.code, 2);
  EXPECT_TRUE(has(target.err, "目标：合格率损失降低的比例须大于 0 且不超过 1（0.5 即减半），实际为 2")) << target.err;
  const CmdResult both = qchain_run("--lang en project " + w.ref + " add --issue X --leader L --target-loss-reduction 0.5 --target-firms-cleared 2");
  EXPECT_EQ(both.code, 2);
  EXPECT_TRUE(has(both.err, "give one target")) << both.err;
  const CmdResult firm = qchain_run("project " + w.ref + " add --issue X --leader L --firm C");  // C left in 2025
  EXPECT_EQ(firm.code, 2);
  EXPECT_TRUE(has(firm.err, "参与企业 \"C\" 不在产业链 \"c\" 的最新快照中（2025-06-30，共 4 家企业）")) << firm.err;
  const CmdResult kinds = qchain_run("project " + w.ref + " add --issue X --leader L --provider a --provider b --provider-kind expert");
  EXPECT_EQ(kinds.code, 2);
  EXPECT_TRUE(has(kinds.err, "--provider-kind 须按 --provider 的顺序每个给出一次")) << kinds.err;
  EXPECT_EQ(qchain_run("project " + w.ref + " show 9").err, "qchain: 攻关项目：产业链 \"c\" 没有项目 9\n");
  EXPECT_EQ(qchain_run("project " + w.ref + "@2024-06-30 list").code, 2);
  EXPECT_EQ(qchain_run("--lang en project " + w.ref + " add --leader L").err, "qchain: project add: give the issue code (--issue CODE)\n");
  EXPECT_EQ(parse(qchain_run("project " + w.ref + " list --json -").out)["count"].GetUint(), 0u);  // nothing stored
}

// A writer holding the workspace: a project change waits and then fails with "workspace busy", exit 3.
TEST(ProjectCli, ABusyWorkspaceFailsClearly) {
  Small w;
  WorkspaceHolder holder(w.ws, w.dir);
  if (!holder.ok()) GTEST_SKIP() << "no python3 sqlite3";
  const CmdResult busy = qchain_run("--lang en project " + w.ref + " add --issue X --leader L");
  EXPECT_EQ(busy.code, 3) << busy.err;
  EXPECT_TRUE(has(busy.err, "workspace busy")) << busy.err;
  EXPECT_TRUE(has(qchain_run("project " + w.ref + " update 1 --status 完成").err, "工作区正忙"));
  EXPECT_EQ(parse(qchain_run("project " + w.ref + " list --json -").out)["count"].GetUint(), 0u);
  holder.release();
  // Once the holder has gone, the change goes through.
  bool added = false;
  for (int k = 0; k < 50 && !added; ++k) {
    added = qchain_run("project " + w.ref + " add --issue X --leader L").code == 0;
    if (!added) std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  EXPECT_EQ(parse(qchain_run("project " + w.ref + " list --json -").out)["count"].GetUint(), 1u);
}

TEST(ProjectCli, TwoWritersAtOnce) {
  Small w;
  const std::string a = w.dir.file("a.rc"), b = w.dir.file("b.rc");
  const std::string one = std::string(QCHAIN_BINARY) + " --lang en project " + w.ref;
  const std::string cmd = "(" + one + " add --issue X --leader L >/dev/null 2>" + w.dir.file("a.err") + "; echo $? >" + a + ") & (" + one +
                          " add --issue Y --leader L >/dev/null 2>" + w.dir.file("b.err") + "; echo $? >" + b + "); wait";
  std::system(cmd.c_str());
  std::size_t ok = 0;
  for (const auto& rc_err : {std::pair{a, w.dir.file("a.err")}, std::pair{b, w.dir.file("b.err")}}) {
    const std::string code = read(rc_err.first);
    EXPECT_TRUE(code == "0\n" || (code == "3\n" && has(read(rc_err.second), "workspace busy"))) << code << read(rc_err.second);
    ok += code == "0\n";
  }
  EXPECT_EQ(parse(qchain_run("project " + w.ref + " list --json -").out)["count"].GetUint(), ok);
}

// The shared-issue list marks the issues that have a project, for a workspace chain that has
// projects; another chain of the same workspace (no projects) gives what it gave before, byte for byte.
TEST(ProjectCli, TheSharedIssueListMarksProjects) {
  Small w;
  ASSERT_EQ(qchain_run("import " + w.ws + " " + source_path("data/pilots/anping-wire-mesh.json")).code, 0);
  const std::string other = w.ws + "#anping-wire-mesh";
  const CmdResult text0 = qchain_run("analyze " + w.ref), json0 = qchain_run("analyze " + w.ref + " --json -");
  const CmdResult other0 = qchain_run("analyze " + other + " --json -"), other_text0 = qchain_run("analyze " + other);
  ASSERT_EQ(text0.code, 0) << text0.err;
  EXPECT_FALSE(has(text0.out, "攻关项目"));
  EXPECT_FALSE(has(json0.out, "\"projects\""));

  ASSERT_EQ(qchain_run("project " + w.ref + kAdd).code, 0);
  ASSERT_EQ(qchain_run("project " + w.ref + " add --issue X --leader L").code, 0);
  const CmdResult text = qchain_run("analyze " + w.ref);
  EXPECT_TRUE(has(text.out, "攻关项目")) << text.out;
  EXPECT_TRUE(has(text.out, "#1 进行中，#2 计划")) << text.out;
  const CmdResult en = qchain_run("--lang en analyze " + w.ref);
  EXPECT_TRUE(has(en.out, "Project")) << en.out;
  EXPECT_TRUE(has(en.out, "#1 in progress, #2 planned")) << en.out;
  // The earlier snapshot has both issues (the latest only X): Y, without a project, gets [].
  const rapidjson::Document d = parse(qchain_run("analyze " + w.ref + "@2024-06-30 --json -").out);
  const auto& issues = d["quality"]["issues"];
  ASSERT_EQ(issues.Size(), 2u);
  for (const auto& i : issues.GetArray()) {
    const std::string code = i["code"].GetString();
    ASSERT_TRUE(i.HasMember("projects")) << code;
    if (code == "X") {
      ASSERT_EQ(i["projects"].Size(), 2u);
      EXPECT_EQ(i["projects"][0].GetInt64(), 1);
      EXPECT_EQ(i["projects"][1].GetInt64(), 2);
    } else {
      EXPECT_EQ(i["projects"].Size(), 0u);
    }
  }
  // The other chain, without projects: byte-identical.
  EXPECT_EQ(qchain_run("analyze " + other + " --json -").out, other0.out);
  EXPECT_EQ(qchain_run("analyze " + other).out, other_text0.out);
  // The HTML report marks them too.
  const std::string out = w.dir.file("rep");
  const CmdResult rep = qchain_run("report " + w.ref + " -o " + out);
  ASSERT_EQ(rep.code, 0) << rep.err;
  const std::string html = read(out + "/report.html");
  EXPECT_TRUE(has(html, "攻关项目")) << rep.out;
  EXPECT_TRUE(has(html, "#1 进行中，#2 计划"));
  EXPECT_TRUE(has(read(out + "/report.json"), "\"projects\""));
}

}  // namespace
}  // namespace qchain::test
