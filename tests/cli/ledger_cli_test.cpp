// `qchain ledger` and `qchain plan --record` end to end: both languages, refusals with exit 2, a
// busy workspace with exit 3, and the picks of a plan recorded exactly.
#include <gtest/gtest.h>
#include <pwd.h>
#include <rapidjson/document.h>
#include <unistd.h>

#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <thread>

#include "cli_support.hpp"

namespace qchain::test {
namespace {

std::string pilot(const std::string& name) { return source_path("data/pilots/" + name + ".json"); }

struct Anping {
  TempDir dir;
  std::string ws = dir.file("ws.qcw");
  std::string ref = ws + "#anping-wire-mesh";
  Anping() {
    EXPECT_EQ(qchain_run("workspace init " + ws).code, 0);
    EXPECT_EQ(qchain_run("import " + ws + " " + pilot("anping-wire-mesh.before")).code, 0);
    EXPECT_EQ(qchain_run("import " + ws + " " + pilot("anping-wire-mesh")).code, 0);
  }
};

rapidjson::Document parse(const std::string& text) {
  rapidjson::Document d;
  d.Parse(text.c_str());
  EXPECT_FALSE(d.HasParseError()) << text;
  return d;
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

std::string me() {
  const passwd* p = ::getpwuid(::geteuid());
  return p ? p->pw_name : std::to_string(::geteuid());
}

const char* const kAdd =
    " add --firm AP0006 --provider 河北省质检院 --provider-kind 检测机构 --region 衡水 --issue MAT-01 --issue MSR-08"
    " --measure 来料检验规程 --measure '卡尺校准' --start 2024-07-01 --end 2025-05-31 --status 进行中 --cost 2.5 --funding 财政补贴";

TEST(LedgerCli, AddListShowUpdateInEnglish) {
  Anping w;
  const CmdResult add = qchain_run("--lang en ledger " + w.ref + kAdd);
  ASSERT_EQ(add.code, 0) << add.err;
  EXPECT_EQ(add.out, w.ref + ": added to the ledger as entry 1\n");
  const CmdResult list = qchain_run("--lang en ledger " + w.ref + " list");
  EXPECT_EQ(list.code, 0) << list.err;
  EXPECT_TRUE(has(list.out, w.ref + ": 1 entry")) << list.out;
  EXPECT_TRUE(has(list.out, "in progress")) << list.out;
  EXPECT_TRUE(has(list.out, "MAT-01 MSR-08")) << list.out;
  const CmdResult show = qchain_run("--lang en ledger " + w.ref + " show 1");
  EXPECT_EQ(show.code, 0) << show.err;
  // AP0006: 0.855 in the 2024-06-30 snapshot, 0.923 in the 2025-06-30 one.
  EXPECT_TRUE(has(show.out, "First-pass yield before: 85.5% (2024-06-30 snapshot)")) << show.out;
  EXPECT_TRUE(has(show.out, "First-pass yield after: 92.3% (2025-06-30 snapshot)")) << show.out;
  EXPECT_TRUE(has(show.out, "Provider: 河北省质检院 (testing lab, 衡水)")) << show.out;
  EXPECT_FALSE(has_cjk(show.out.substr(0, show.out.find("Provider")))) << show.out;

  const CmdResult update = qchain_run("--lang en ledger " + w.ref + " update 1 --status done --outcome 'yield up' --cost 2.5");
  EXPECT_EQ(update.code, 0) << update.err;
  EXPECT_EQ(update.out, w.ref + ": entry 1 updated, 2 fields\n");  // the cost is what it was
  const CmdResult json = qchain_run("ledger " + w.ref + " show 1 --json -");
  ASSERT_EQ(json.code, 0) << json.err;
  const rapidjson::Document d = parse(json.out);
  EXPECT_STREQ(d["entry"]["status"].GetString(), "done");
  EXPECT_STREQ(d["entry"]["outcome"].GetString(), "yield up");
  EXPECT_EQ(d["entry"]["cost"].GetDouble(), 2.5);
  EXPECT_STREQ(d["entry"]["provider"]["kind"].GetString(), "testing_lab");
  EXPECT_EQ(d["entry"]["measures"].Size(), 2u);
  EXPECT_DOUBLE_EQ(d["yield"]["before"]["first_pass_yield"].GetDouble(), 0.855);
  // 9 fields given at creation, then status and outcome.
  const auto& h = d["history"];
  ASSERT_EQ(h.Size(), 11u);
  EXPECT_STREQ(h[9]["field"].GetString(), "status");
  EXPECT_STREQ(h[9]["old"].GetString(), "in_progress");
  EXPECT_STREQ(h[9]["new"].GetString(), "done");
  EXPECT_STREQ(h[10]["field"].GetString(), "outcome");
  EXPECT_TRUE(h[10]["old"].IsNull());
  for (const auto& row : h.GetArray()) EXPECT_EQ(row["who"].GetString(), me());
  EXPECT_STREQ(d["entry"]["created_by"].GetString(), me().c_str());
  // Filters.
  EXPECT_EQ(parse(qchain_run("ledger " + w.ref + " list --status done --json -").out)["count"].GetUint(), 1u);
  EXPECT_EQ(parse(qchain_run("ledger " + w.ref + " list --status planned --json -").out)["count"].GetUint(), 0u);
  EXPECT_EQ(parse(qchain_run("ledger " + w.ref + " list --firm AP0001 --json -").out)["count"].GetUint(), 0u);
  EXPECT_EQ(parse(qchain_run("ledger " + w.ref + " list --provider 河北省质检院 --json -").out)["count"].GetUint(), 1u);
}

TEST(LedgerCli, ChineseByDefault) {
  Anping w;
  const CmdResult add = qchain_run("ledger " + w.ref + kAdd);
  ASSERT_EQ(add.code, 0) << add.err;
  EXPECT_EQ(add.out, w.ref + "：已记入帮扶台账，条目 1\n");
  const CmdResult list = qchain_run("ledger " + w.ref + " list");
  EXPECT_TRUE(has(list.out, "【帮扶台账】")) << list.out;
  EXPECT_TRUE(has(list.out, "进行中")) << list.out;
  const CmdResult show = qchain_run("ledger " + w.ref + " show 1");
  EXPECT_TRUE(has(show.out, "帮扶前一次合格率：85.5%（2024-06-30 快照）")) << show.out;
  EXPECT_TRUE(has(show.out, "变更记录")) << show.out;
  const CmdResult help = qchain_run("ledger " + w.ref + " add --help");
  EXPECT_EQ(help.code, 0);
  EXPECT_TRUE(has(help.out, "服务机构类型")) << help.out;
  const CmdResult bad = qchain_run("ledger " + w.ref + " add --firm AP9999");
  EXPECT_EQ(bad.code, 2);
  EXPECT_TRUE(has(bad.err, "企业 \"AP9999\" 不在产业链 \"anping-wire-mesh\" 的最新快照中（2025-06-30，共 396 家企业）")) << bad.err;
  const CmdResult status = qchain_run("ledger " + w.ref + " update 1 --status finished");
  EXPECT_EQ(status.code, 2);
  EXPECT_TRUE(has(status.err, "未知的台账状态 \"finished\"")) << status.err;
}

TEST(LedgerCli, RefusalsExitTwoAndChangeNothing) {
  Anping w;
  ASSERT_EQ(qchain_run("ledger " + w.ref + kAdd).code, 0);
  const std::string before = qchain_run("ledger " + w.ref + " show 1 --json -").out;
  const auto refused = [&](const std::string& args, const std::string& part) {
    const CmdResult r = qchain_run("--lang en ledger " + args);
    EXPECT_EQ(r.code, 2) << args;
    EXPECT_TRUE(has(r.err, part)) << args << "\n" << r.err;
  };
  refused(w.ref + " update 1 --end 2024-01-01", "ledger entry 1: start 2024-07-01 is after end 2024-01-01");
  refused(w.ref + " update 1 --issue NOPE", "issue code \"NOPE\" is not in the issue catalogue");
  refused(w.ref + " update 1 --cost -3", "cost must be a number of at least 0");
  refused(w.ref + " update 1 --cost abc", "--cost: \"abc\" is not a number");
  refused(w.ref + " update 1", "nothing to change");
  refused(w.ref + " update 9 --status done", "has no entry 9");
  refused(w.ref + " show 9", "has no entry 9");
  refused(w.ref + " add --firm AP0001 --provider 新机构", "provider \"新机构\" is new: give its kind");
  refused(w.ref + " add --firm AP0001 --start 2024-02-30", "start: \"2024-02-30\" is not a date");
  refused(w.ref + "@2024-06-30 list", "the ledger belongs to the chain, not to one snapshot");
  refused(pilot("anping-wire-mesh") + " list", "is not a workspace reference");
  refused(w.ws + "#nope list", "the workspace holds no chain \"nope\"");
  EXPECT_EQ(qchain_run("ledger " + w.ref + " show 1 --json -").out, before);
  EXPECT_EQ(parse(qchain_run("ledger " + w.ref + " list --json -").out)["count"].GetUint(), 1u);
  // Clearing with an empty value.
  EXPECT_EQ(qchain_run("--lang en ledger " + w.ref + " update 1 --end '' --issue ''").out, w.ref + ": entry 1 updated, 2 fields\n");
  const rapidjson::Document d = parse(qchain_run("ledger " + w.ref + " show 1 --json -").out);
  EXPECT_TRUE(d["entry"]["end"].IsNull());
  EXPECT_EQ(d["entry"]["issues"].Size(), 0u);
  EXPECT_TRUE(d["yield"]["after"].IsNull());
}

// A writer holding the workspace: a ledger change waits (5 s) and then fails with "workspace busy",
// exit 3, and nothing of it is stored.
TEST(LedgerCli, ABusyWorkspaceFailsClearly) {
  Anping w;
  WorkspaceHolder holder(w.ws, w.dir);
  if (!holder.ok()) GTEST_SKIP() << "no python3 sqlite3";
  const CmdResult busy = qchain_run("--lang en ledger " + w.ref + " add --firm AP0001");
  EXPECT_EQ(busy.code, 3) << busy.err;
  EXPECT_TRUE(has(busy.err, "workspace busy")) << busy.err;
  const CmdResult zh = qchain_run("ledger " + w.ref + " add --firm AP0001");
  EXPECT_TRUE(has(zh.err, "工作区正忙")) << zh.err;
  // Readers do not wait for the writer; nothing of the refused changes is there.
  EXPECT_EQ(parse(qchain_run("ledger " + w.ref + " list --json -").out)["count"].GetUint(), 0u);
  holder.release();
  // Once the holder has gone, the change goes through.
  for (int k = 0; k < 50; ++k) {
    if (qchain_run("ledger " + w.ref + " add --firm AP0001").code == 0) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  EXPECT_EQ(parse(qchain_run("ledger " + w.ref + " list --json -").out)["count"].GetUint(), 1u);
}

// Two writers at once: both succeed (one waits for the other) or one says the workspace is busy.
TEST(LedgerCli, TwoWritersAtOnce) {
  Anping w;
  const std::string a = w.dir.file("a.rc"), b = w.dir.file("b.rc");
  const std::string one = std::string(QCHAIN_BINARY) + " --lang en ledger " + w.ref;
  const std::string cmd = "(" + one + " add --firm AP0001 >/dev/null 2>" + w.dir.file("a.err") + "; echo $? >" + a + ") & (" + one +
                          " add --firm AP0002 >/dev/null 2>" + w.dir.file("b.err") + "; echo $? >" + b + "); wait";
  std::system(cmd.c_str());
  std::size_t ok = 0;
  for (const auto& [rc, err] : {std::pair{a, w.dir.file("a.err")}, std::pair{b, w.dir.file("b.err")}}) {
    const std::string code = read(rc);
    EXPECT_TRUE(code == "0\n" || (code == "3\n" && has(read(err), "workspace busy"))) << code << read(err);
    ok += code == "0\n";
  }
  EXPECT_EQ(parse(qchain_run("ledger " + w.ref + " list --json -").out)["count"].GetUint(), ok);
}

// `plan --record` killed at several moments (while planning, or while writing its entries): the
// ledger holds every pick of a run or none of them, and the workspace stays sound.
TEST(LedgerCli, AKilledRecordLeavesAllOrNothing) {
  TempDir dir;
  const std::string ws = dir.file("ws.qcw"), big = dir.file("big.json");
  ASSERT_EQ(std::system((std::string(QCHAIN_GENERATE) + " --firms 20000 --seed 3 --chain-id big -o " + big + " >/dev/null").c_str()), 0);
  ASSERT_EQ(qchain_run("workspace init " + ws).code, 0);
  ASSERT_EQ(qchain_run("import " + ws + " " + big).code, 0);
  const std::string plan = std::string(QCHAIN_BINARY) + " plan " + ws + "#big --budget 3000 --record";
  for (const char* delay : {"0.5", "1.5", "2.2", "2.5"}) {
    const std::string cmd = "(" + plan + " >/dev/null 2>&1 & pid=$!; sleep " + delay + "; kill -9 $pid; wait $pid) 2>/dev/null";
    std::system(cmd.c_str());
    const CmdResult list = qchain_run("ledger " + ws + "#big list --json -");
    ASSERT_EQ(list.code, 0) << list.err;
    EXPECT_EQ(parse(list.out)["count"].GetUint() % 3000, 0u) << delay;
  }
  const CmdResult done = qchain_run("--lang en plan " + ws + "#big --budget 3000 --record");
  ASSERT_EQ(done.code, 0) << done.err;
  const std::size_t before = parse(qchain_run("ledger " + ws + "#big list --json -").out)["count"].GetUint();
  EXPECT_GE(before, 3000u);
  EXPECT_EQ(before % 3000, 0u);
}

TEST(LedgerCli, PlanRecordAddsExactlyThePicks) {
  Anping w;
  const std::string plan = "plan " + w.ref + " --budget 4 --fix-issues";
  const CmdResult picks = qchain_run(plan + " --json -");
  ASSERT_EQ(picks.code, 0) << picks.err;
  const rapidjson::Document p = parse(picks.out);
  ASSERT_EQ(p["plan"].Size(), 4u);
  const CmdResult rec = qchain_run("--lang en " + plan + " --record");
  ASSERT_EQ(rec.code, 0) << rec.err;
  const std::string said = w.ws + "#anping-wire-mesh: recorded 4 planned entries in the ledger (entries 1–4)\n";
  ASSERT_GT(rec.out.size(), said.size());
  EXPECT_EQ(rec.out.substr(rec.out.size() - said.size()), said) << rec.out;  // after the plan
  const rapidjson::Document l = parse(qchain_run("ledger " + w.ref + " list --json -").out);
  ASSERT_EQ(l["count"].GetUint(), 4u);
  for (rapidjson::SizeType k = 0; k < 4; ++k) {
    const auto& e = l["entries"][k];
    EXPECT_STREQ(e["firm"].GetString(), p["plan"][k]["id"].GetString());
    EXPECT_STREQ(e["status"].GetString(), "planned");
    EXPECT_EQ(e["issues"], p["plan"][k]["issues"]);  // fix-issues: the firm's issues are what it targets
    ASSERT_EQ(e["measures"].Size(), 1u);
    EXPECT_STREQ(e["measures"][0].GetString(), "fix all its quality issues");
    EXPECT_TRUE(e["cost"].IsNull());  // no cost was given
  }
  // With money, the costs; JSON on standard output keeps the count off it.
  const CmdResult money = qchain_run("plan " + w.ref + " --budget 2 --budget-money 100 --cost small=1.5,micro=1.5 --record --json -");
  ASSERT_EQ(money.code, 0) << money.err;
  EXPECT_FALSE(parse(money.out).HasParseError());
  EXPECT_TRUE(has(money.err, "已把方案的 2 家企业记入帮扶台账")) << money.err;
  const rapidjson::Document l2 = parse(qchain_run("ledger " + w.ref + " list --json -").out);
  ASSERT_EQ(l2["count"].GetUint(), 6u);
  EXPECT_STREQ(l2["entries"][4]["measures"][0].GetString(), "一次合格率提升 3.0 个百分点");
  EXPECT_EQ(l2["entries"][4]["cost"].GetDouble(), 1.5);
  EXPECT_EQ(l2["entries"][5]["cost"].GetDouble(), 1.5);
  // Not a workspace reference: refused before anything is computed, nothing recorded.
  const CmdResult file = qchain_run("--lang en plan " + pilot("anping-wire-mesh") + " --budget 2 --record");
  EXPECT_EQ(file.code, 2);
  EXPECT_TRUE(has(file.err, "plan --record: the chain must be a workspace reference")) << file.err;
  EXPECT_EQ(parse(qchain_run("ledger " + w.ref + " list --json -").out)["count"].GetUint(), 6u);
}

}  // namespace
}  // namespace qchain::test
