// Every document of the API is the CLI's `--json` of the same command on the same snapshot.
#include "api_support.hpp"

namespace qchain::test {
namespace {

class ApiDocuments : public SharedApi {
 protected:
  // The API's body for GET `path` and the CLI's `qchain ARGS --json -` must be the same bytes.
  static void same(const std::string& path, const std::map<std::string, std::string>& query, const std::string& args) {
    const service::ApiResponse r = api->handle(get(path, query));
    EXPECT_EQ(r.status, 200) << path << ": " << r.body;
    EXPECT_EQ(r.content_type, "application/json");
    const std::string expected = cli(w->dir.path(), args + " --json -");
    ASSERT_FALSE(expected.empty()) << args;
    EXPECT_EQ(r.body, expected) << path;
  }
};

const std::string kAnping = "'pilots.qcw#anping-wire-mesh'";
const std::string kBefore = "'pilots.qcw#anping-wire-mesh@2024-06-30'";

TEST_F(ApiDocuments, ChainsAreTheWorkspaceList) { same("/api/v1/chains", {}, "workspace list pilots.qcw"); }

TEST_F(ApiDocuments, SummaryOfTheLatestAndOfADate) {
  same("/api/v1/chains/anping-wire-mesh/summary", {}, "summary " + kAnping);
  same("/api/v1/chains/anping-wire-mesh@2024-06-30/summary", {}, "summary " + kBefore);
  same("/api/v1/chains/shaxian-snacks/summary", {}, "summary 'pilots.qcw#shaxian-snacks'");
}

TEST_F(ApiDocuments, AnalysisWholeAndBySection) {
  same("/api/v1/chains/anping-wire-mesh/analysis", {}, "analyze " + kAnping);
  for (const char* only : {"structure", "gaps", "quality", "systemic"})
    same("/api/v1/chains/anping-wire-mesh/analysis", {{"only", only}}, "analyze " + kAnping + " --only " + only);
  // Options that change the context: a context of its own, the same document as the CLI's.
  same("/api/v1/chains/shaxian-snacks/analysis", {{"top", "3"}, {"no_brokers", "1"}},
       "analyze 'pilots.qcw#shaxian-snacks' --top 3 --no-brokers");
}

TEST_F(ApiDocuments, WhatIfOfAPostedScenario) {
  const std::string file = source_path("data/scenarios/anping-wire-mesh--wire-rod-supplier-stop.json");
  service::ApiRequest r = send("POST", "/api/v1/chains/anping-wire-mesh/whatif", read(file));
  const service::ApiResponse a = api->handle(r);
  ASSERT_EQ(a.status, 200) << a.body;
  EXPECT_EQ(a.body, cli(w->dir.path(), "whatif " + kAnping + " " + file + " --json -"));
}

TEST_F(ApiDocuments, RiskPlanGrade) {
  same("/api/v1/chains/anping-wire-mesh/risk", {{"runs", "200"}, {"seed", "7"}}, "risk " + kAnping + " --runs 200 --seed 7");
  same("/api/v1/chains/anping-wire-mesh/risk", {{"runs", "100"}, {"upstream", "1"}, {"stop_prob", "micro=0.2,small=0.1"}},
       "risk " + kAnping + " --runs 100 --upstream --stop-prob micro=0.2,small=0.1");
  same("/api/v1/chains/anping-wire-mesh/plan", {{"budget", "5"}}, "plan " + kAnping + " --budget 5");
  same("/api/v1/chains/anping-wire-mesh/plan", {{"budget_money", "30"}, {"cost", "micro=2,small=4"}, {"goal", "leaders=0.5,gaps=0.5"}},
       "plan " + kAnping + " --budget-money 30 --cost micro=2,small=4 --goal leaders=0.5,gaps=0.5");
  same("/api/v1/chains/anping-wire-mesh/plan", {{"budget", "4"}, {"screen", "1"}}, "plan " + kAnping + " --budget 4 --screen");
  same("/api/v1/chains/anping-wire-mesh/grade", {}, "grade " + kAnping);
}

TEST_F(ApiDocuments, TrendCompareAndPortfolio) {
  same("/api/v1/chains/anping-wire-mesh/trend", {}, "trend " + kAnping);
  same("/api/v1/chains/anping-wire-mesh/compare", {{"before", "2024-06-30"}}, "compare " + kBefore + " " + kAnping);
  same("/api/v1/portfolio", {{"chains", "anping-wire-mesh,shaxian-snacks"}},
       "portfolio " + kAnping + " 'pilots.qcw#shaxian-snacks'");
}

TEST_F(ApiDocuments, LedgerAndProjects) {
  same("/api/v1/chains/anping-wire-mesh/ledger", {}, "ledger " + kAnping + " list");
  same("/api/v1/chains/anping-wire-mesh/ledger/1", {}, "ledger " + kAnping + " show 1");
  same("/api/v1/chains/anping-wire-mesh/projects", {}, "project " + kAnping + " list");
  same("/api/v1/chains/anping-wire-mesh/projects/1", {}, "project " + kAnping + " show 1");
}

TEST_F(ApiDocuments, XlsxTablesAreAWorkbook) {
  const service::ApiResponse r = api->handle(get("/api/v1/chains/anping-wire-mesh/summary", {{"format", "xlsx"}}));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.content_type, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  EXPECT_EQ(r.body.substr(0, 2), "PK");  // a zip: the workbook
  // The CLI's workbook of the same tables has the same sheets: compare sizes loosely (timestamps differ).
  const std::string file = w->dir.file("summary.xlsx");
  cli(w->dir.path(), "summary " + kAnping + " --xlsx " + file);
  EXPECT_NEAR(static_cast<double>(r.body.size()), static_cast<double>(read(file).size()), 64.0);
}

// The overview through the API is the CLI's drawing of it, with its drill-downs; a segment is named by id or name.
TEST_F(ApiDocuments, RenderTheOverview) {
  const std::string path = "/api/v1/chains/anping-wire-mesh/render";
  service::ApiResponse r = api->handle(get(path, {{"view", "overview"}, {"format", "dot"}}));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.body, cli(w->dir.path(), "render " + kAnping + " --view overview --format dot -o -"));
  r = api->handle(get(path, {{"view", "overview"}, {"format", "dot"}, {"segment", "拉丝"}}));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.body, cli(w->dir.path(), "render " + kAnping + " --view overview --segment drawing --format dot -o -"));
  EXPECT_EQ(api->handle(get(path, {{"view", "overview"}, {"segment", "no-such-segment"}})).status, 404);
  EXPECT_EQ(api->handle(get(path, {{"view", "map"}, {"segment", "drawing"}})).status, 400);
}

TEST_F(ApiDocuments, RenderAndReport) {
  service::ApiResponse r = api->handle(get("/api/v1/chains/anping-wire-mesh/render", {{"view", "issues"}}));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.content_type, "image/svg+xml");
  EXPECT_NE(r.body.find("<svg"), std::string::npos);
  cli(w->dir.path(), "render " + kAnping + " --view issues -o issues.svg");
  EXPECT_EQ(r.body, read(w->dir.file("issues.svg")));
  r = api->handle(get("/api/v1/chains/anping-wire-mesh/render", {{"view", "map"}, {"format", "dot"}}));
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.body.rfind("digraph", 0), 0u) << r.body.substr(0, 40);
  r = api->handle(get("/api/v1/chains/anping-wire-mesh/report"));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.content_type, "text/html; charset=utf-8");
  EXPECT_NE(r.body.find("帮扶台账"), std::string::npos);  // the workspace's section
}

TEST_F(ApiDocuments, FirmNeighbourhoodSearch) {
  service::ApiResponse r = api->handle(get("/api/v1/chains/anping-wire-mesh/firms/AP0006"));
  ASSERT_EQ(r.status, 200) << r.body;
  for (const char* part : {"\"qchain-firm/1\"", "\"id\":\"AP0006\"", "\"MSR-08\"", "\"ISO9001\"", "\"critical_for\"", "\"ledger\":[{\"id\":1"})
    EXPECT_NE(r.body.find(part), std::string::npos) << part;
  r = api->handle(get("/api/v1/chains/anping-wire-mesh/neighbourhood", {{"firm", "AP0006"}, {"up", "1"}, {"down", "1"}}));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_NE(r.body.find("\"distance\":0"), std::string::npos);
  EXPECT_NE(r.body.find("\"x\":"), std::string::npos);
  r = api->handle(get("/api/v1/chains/anping-wire-mesh/neighbourhood", {{"firm", "AP0006"}, {"up", "9"}, {"down", "9"}, {"limit", "5"}}));
  EXPECT_NE(r.body.find("\"truncated\":true"), std::string::npos);
  r = api->handle(get("/api/v1/chains/anping-wire-mesh/search", {{"q", "鑫佳"}}));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_NE(r.body.find("\"id\":\"AP0006\""), std::string::npos);
  r = api->handle(get("/api/v1/chains/anping-wire-mesh/search", {{"q", "ap0006"}}));
  EXPECT_NE(r.body.find("\"firms\":[{\"id\":\"AP0006\",\"name\":\"安平县鑫佳金属材料有限公司\",\"segment\":\"wire-rod\",\"rank\":0}"), std::string::npos)
      << r.body;
  r = api->handle(get("/api/v1/chains/anping-wire-mesh/search", {{"q", "MSR"}}));
  EXPECT_NE(r.body.find("\"code\":\"MSR-08\""), std::string::npos);
}

}  // namespace
}  // namespace qchain::test
