// The workspace from the command line: references in every command, a killed import, two writers.
#include <gtest/gtest.h>

#include <rapidjson/document.h>

#include <cstdlib>

#include "cli_support.hpp"

namespace qchain::test {
namespace {

std::string pilot(const std::string& name) { return source_path("data/pilots/" + name + ".json"); }

// A workspace with both Anping snapshots.
struct AnpingWorkspace {
  TempDir dir;
  std::string ws = dir.file("ws.qcw");
  AnpingWorkspace() {
    EXPECT_EQ(qchain_run("workspace init " + ws).code, 0);
    EXPECT_EQ(qchain_run("import " + ws + " " + pilot("anping-wire-mesh.before")).code, 0);
    EXPECT_EQ(qchain_run("import " + ws + " " + pilot("anping-wire-mesh")).code, 0);
  }
};

TEST(WorkspaceCli, ReferencesGiveWhatTheFilesGive) {
  AnpingWorkspace w;
  const std::string ref = w.ws + "#anping-wire-mesh";
  EXPECT_EQ(qchain_run("export " + ref + " --format json -o " + w.dir.file("a.json")).code, 0);
  EXPECT_EQ(qchain_run("export " + pilot("anping-wire-mesh") + " --format json -o " + w.dir.file("b.json")).code, 0);
  EXPECT_EQ(read(w.dir.file("a.json")), read(w.dir.file("b.json")));
  const CmdResult from_ws = qchain_run("compare " + ref + "@2024-06-30 " + ref + " --json -");
  const CmdResult from_files = qchain_run("compare " + pilot("anping-wire-mesh.before") + " " + pilot("anping-wire-mesh") + " --json -");
  EXPECT_EQ(from_ws.code, 0);
  EXPECT_EQ(from_ws.out, from_files.out);
  EXPECT_EQ(qchain_run("analyze " + ref + " --only quality --json -").out,
            qchain_run("analyze " + pilot("anping-wire-mesh") + " --only quality --json -").out);
  const CmdResult listing = qchain_run("--lang en workspace list " + w.ws);
  EXPECT_EQ(listing.code, 0);
  EXPECT_NE(listing.out.find("1 chains, 2 snapshots"), std::string::npos) << listing.out;
}

TEST(WorkspaceCli, MistakesAreNamedAndExitTwo) {
  AnpingWorkspace w;
  const CmdResult again = qchain_run("--lang en import " + w.ws + " " + pilot("anping-wire-mesh"));
  EXPECT_EQ(again.code, 2);
  EXPECT_NE(again.err.find("--replace"), std::string::npos) << again.err;
  const CmdResult missing = qchain_run("--lang en summary " + w.ws + "#nope");
  EXPECT_EQ(missing.code, 2);
  EXPECT_NE(missing.err.find("anping-wire-mesh (2024-06-30, 2025-06-30)"), std::string::npos) << missing.err;
  const CmdResult zh = qchain_run("summary " + w.ws + "#nope");
  EXPECT_TRUE(has_cjk(zh.err)) << zh.err;
  const CmdResult foreign = qchain_run("--lang en workspace list " + pilot("shaxian-snacks"));
  EXPECT_EQ(foreign.code, 2);
  EXPECT_NE(foreign.err.find("not a qchain workspace"), std::string::npos) << foreign.err;
  // No output lands on the workspace a reference reads.
  EXPECT_EQ(qchain_run("summary " + w.ws + "#anping-wire-mesh --json " + w.ws).code, 2);
  EXPECT_EQ(qchain_run("--lang en workspace list " + w.ws).code, 0);
}

// `trend` reads every snapshot of the chain; its step is what `compare` of the two says.
TEST(WorkspaceCli, TrendStepsAreTheComparisons) {
  AnpingWorkspace w;
  const std::string ref = w.ws + "#anping-wire-mesh";
  const CmdResult trend = qchain_run("trend " + ref + " --json -");
  ASSERT_EQ(trend.code, 0) << trend.err;
  const CmdResult compare = qchain_run("compare " + ref + "@2024-06-30 " + ref + " --json -");
  rapidjson::Document t, c;
  ASSERT_FALSE(t.Parse(trend.out.c_str()).HasParseError());
  ASSERT_FALSE(c.Parse(compare.out.c_str()).HasParseError());
  ASSERT_TRUE(t.IsObject() && t["snapshots"].IsArray() && t["steps"].IsArray());
  ASSERT_EQ(t["snapshots"].Size(), 2u);
  ASSERT_EQ(t["steps"].Size(), 1u);
  const rapidjson::Value& step = t["steps"][0];
  EXPECT_TRUE(step["indicators"] == c["indicators"]);
  ASSERT_TRUE(c.HasMember("effect_indicators"));  // the Anping pair has the outcome fields
  ASSERT_TRUE(step.HasMember("effect_indicators"));
  EXPECT_TRUE(step["effect_indicators"] == c["effect_indicators"]);
  EXPECT_EQ(step["from"], "2024-06-30");
  EXPECT_TRUE(step["added"] == c["matching"]["added"]);
  EXPECT_TRUE(t["snapshots"][1]["mean_yield"] == c["indicators"]["mean_yield_after"]);
  const CmdResult zh = qchain_run("trend " + ref);
  EXPECT_NE(zh.out.find("历次调查趋势（2 期）"), std::string::npos) << zh.out;
  EXPECT_NE(zh.out.find("各环节一次合格率均值"), std::string::npos);
  EXPECT_NE(zh.out.find("经营效果指标（按企业平均）：2024-06-30 → 2025-06-30"), std::string::npos);
  // A chain file is not a trend; a chain the workspace lacks is named with what it holds.
  const CmdResult file = qchain_run("--lang en trend " + pilot("anping-wire-mesh"));
  EXPECT_EQ(file.code, 2);
  EXPECT_NE(file.err.find("must be a chain in a workspace"), std::string::npos) << file.err;
  EXPECT_TRUE(has_cjk(qchain_run("trend " + pilot("anping-wire-mesh")).err));
  const CmdResult missing = qchain_run("--lang en trend " + w.ws + "#nope");
  EXPECT_EQ(missing.code, 2);
  EXPECT_NE(missing.err.find("anping-wire-mesh (2024-06-30, 2025-06-30)"), std::string::npos) << missing.err;
}

// The ecosystem map is drawn from the workspace's ledger; a chain file has none.
TEST(WorkspaceCli, EcosystemMapFromTheLedger) {
  AnpingWorkspace w;
  const std::string ref = w.ws + "#anping-wire-mesh";
  ASSERT_EQ(qchain_run("ledger " + ref + " add --firm AP0001 --issue MAN-10 --provider 检测院 --provider-kind testing_lab --status in_progress").code, 0);
  const std::string svg = w.dir.file("eco.svg");
  const CmdResult drawn = qchain_run("render " + ref + " --view ecosystem -o " + svg);
  ASSERT_EQ(drawn.code, 0) << drawn.err;
  const std::string text = read(svg);
  EXPECT_NE(text.find("对策措施生态图"), std::string::npos);
  EXPECT_NE(text.find("检测院"), std::string::npos);
  EXPECT_NE(text.find("缺乏专职质量管理人员"), std::string::npos);  // MAN-10, which the entry aims at
  const CmdResult file = qchain_run("--lang en render " + pilot("anping-wire-mesh") + " --view ecosystem -o " + w.dir.file("x.svg"));
  EXPECT_EQ(file.code, 2);
  EXPECT_NE(file.err.find("needs a chain in a workspace"), std::string::npos) << file.err;
  EXPECT_TRUE(has_cjk(qchain_run("render " + pilot("anping-wire-mesh") + " --view ecosystem -o " + w.dir.file("x.svg")).err));
}

// A killed import leaves the workspace exactly as it was: the snapshots before it read back the same.
TEST(WorkspaceCli, KilledImportLeavesTheWorkspaceAsItWas) {
  AnpingWorkspace w;
  const std::string big = w.dir.file("big.json");
  ASSERT_EQ(std::system((std::string(QCHAIN_GENERATE) + " --firms 60000 --seed 3 --chain-id big -o " + big + " >/dev/null").c_str()), 0);
  const std::string before = qchain_run("export " + w.ws + "#anping-wire-mesh@2024-06-30 --format json -o -").out;
  // Kill it once it has been running a while: while loading or while writing rows.
  for (const char* delay : {"0.3", "0.8", "1.5"}) {
    const std::string cmd = std::string("(") + QCHAIN_BINARY + " import " + w.ws + " " + big + " >/dev/null 2>&1 & pid=$!; sleep " +
                            delay + "; kill -9 $pid; wait $pid) 2>/dev/null";
    std::system(cmd.c_str());
    const CmdResult listing = qchain_run("workspace list " + w.ws + " --json -");
    ASSERT_EQ(listing.code, 0) << listing.err;
    EXPECT_EQ(qchain_run("export " + w.ws + "#anping-wire-mesh@2024-06-30 --format json -o -").out, before);
    // The big chain is either there completely or not at all.
    const CmdResult b = qchain_run("summary " + w.ws + "#big --json -");
    if (b.code == 0) {
      EXPECT_NE(b.out.find("\"firms\": 60000"), std::string::npos);
    } else {
      EXPECT_NE(b.err.find("big"), std::string::npos);
    }
    qchain_run("import " + w.ws + " " + big + " --replace");  // and it can be finished after
  }
  const std::string check = std::string("sqlite3 ") + w.ws + " 'PRAGMA integrity_check' 2>/dev/null";
  if (std::system("command -v sqlite3 >/dev/null") == 0) {
    FILE* p = ::popen(check.c_str(), "r");
    char buf[64] = {};
    std::fgets(buf, sizeof buf, p);
    ::pclose(p);
    EXPECT_EQ(std::string(buf), "ok\n");
  }
}

// Two imports at once: both succeed (one waits for the other), or one says the workspace is busy.
TEST(WorkspaceCli, TwoWritersNeverCorrupt) {
  AnpingWorkspace w;
  const std::string a = w.dir.file("a.rc"), b = w.dir.file("b.rc");
  const std::string cmd = std::string("(") + QCHAIN_BINARY + " --lang en import " + w.ws + " " + pilot("fengxian-nev") + " >/dev/null 2>" +
                          w.dir.file("a.err") + "; echo $? >" + a + ") & (" + QCHAIN_BINARY + " --lang en import " + w.ws + " " +
                          pilot("wuxing-childrens-clothing") + " >/dev/null 2>" + w.dir.file("b.err") + "; echo $? >" + b + "); wait";
  std::system(cmd.c_str());
  for (const auto& [rc, err] : {std::pair{a, w.dir.file("a.err")}, std::pair{b, w.dir.file("b.err")}}) {
    const std::string code = read(rc);
    EXPECT_TRUE(code == "0\n" || (code == "3\n" && read(err).find("workspace busy") != std::string::npos)) << code << read(err);
  }
  const CmdResult listing = qchain_run("--lang en workspace list " + w.ws);
  EXPECT_EQ(listing.code, 0);
  for (const char* chain : {"fengxian-nev", "wuxing-childrens-clothing"})
    if (read(chain == std::string("fengxian-nev") ? a : b) == "0\n") {
      EXPECT_NE(listing.out.find(chain), std::string::npos);
    }
}

}  // namespace
}  // namespace qchain::test
