// Who may do what, the errors, the shared contexts and the cache, imports and what they invalidate.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <thread>

#include "api_support.hpp"
#include "qchain/graphs/chain_loader.hpp"
#include "qchain/workspace/workspace.hpp"

namespace qchain::test {
namespace {

const std::string kLedger = "/api/v1/chains/anping-wire-mesh/ledger";
const std::string kEntry = R"({"firm": "AP0050", "issues": ["MCH-03"], "measures": ["建立质量管理体系"], "status": "planned", "cost": 2})";
const std::string kRegion = "河北省衡水市安平县";

service::ApiOptions options(const ApiWorkspace& w, std::size_t cache = 2u << 30) {
  service::ApiOptions o;
  o.workspace = w.ws;
  o.cache_bytes = cache;
  return o;
}

std::string error_message(const service::ApiResponse& r) {
  const auto at = r.body.find("\"message\":\"");
  return at == std::string::npos ? "" : r.body.substr(at + 11, r.body.find('"', at + 11) - at - 11);
}

TEST(ApiRoles, ViewersReadPlannersWriteTheirRegionsAdminsAll) {
  ApiWorkspace w;
  service::Api api(options(w));
  const service::Identity viewer{"v", service::Role::viewer, {}}, planner_elsewhere{"p1", service::Role::planner, {"福建省三明市沙县区"}},
      planner{"p2", service::Role::planner, {kRegion}}, admin{"a", service::Role::admin, {}};
  EXPECT_EQ(api.handle(get(kLedger)).status, 200);
  EXPECT_EQ(api.handle(send("POST", kLedger, kEntry, viewer)).status, 403);
  EXPECT_EQ(api.handle(send("POST", kLedger, kEntry, planner_elsewhere)).status, 403);
  const service::ApiResponse added = api.handle(send("POST", kLedger, kEntry, planner));
  ASSERT_EQ(added.status, 201) << added.body;
  EXPECT_NE(added.body.find("\"created_by\": \"p2\""), std::string::npos) << added.body;
  EXPECT_EQ(api.handle(send("PATCH", kLedger + "/2", R"({"status": "done", "end": "2025-05-31"})", viewer)).status, 403);
  const service::ApiResponse changed = api.handle(send("PATCH", kLedger + "/2", R"({"status": "done", "end": "2025-05-31"})", admin));
  ASSERT_EQ(changed.status, 200) << changed.body;
  EXPECT_NE(changed.body.find("\"status\": \"done\""), std::string::npos);
  EXPECT_NE(changed.body.find("\"who\": \"a\""), std::string::npos);  // the history names the signed-in user
  // Projects follow the same rule; a what-if writes nothing, so a viewer may run one.
  const std::string project = R"({"issue": "MTH-06", "leader": "AP0259", "firms": ["AP0097"], "target": {"kind": "firms_cleared", "value": 1}})";
  EXPECT_EQ(api.handle(send("POST", "/api/v1/chains/anping-wire-mesh/projects", project, viewer)).status, 403);
  EXPECT_EQ(api.handle(send("POST", "/api/v1/chains/anping-wire-mesh/projects", project, planner)).status, 201);
  const std::string scenario = read(source_path("data/scenarios/anping-wire-mesh--wire-rod-supplier-stop.json"));
  EXPECT_EQ(api.handle(send("POST", "/api/v1/chains/anping-wire-mesh/whatif", scenario, viewer)).status, 200);
  // An import's region is the uploaded chain's.
  service::ApiRequest up = send("POST", "/api/v1/chains", read(source_path("data/pilots/fengxian-nev.json")), planner);
  EXPECT_EQ(api.handle(up).status, 403);
  up.identity = viewer;
  EXPECT_EQ(api.handle(up).status, 403);
}

TEST(ApiErrors, NotFoundBadRequestWrongMethod) {
  ApiWorkspace w;
  service::Api api(options(w));
  for (const char* path : {"/api/v1/chains/nowhere/summary", "/api/v1/chains/anping-wire-mesh@2023-01-01/summary",
                           "/api/v1/chains/anping-wire-mesh/firms/XX999", "/api/v1/chains/anping-wire-mesh/nothing",
                           "/api/v1/chains/anping-wire-mesh/ledger/77", "/api/v1/chains/anping-wire-mesh/scenarios/none",
                           "/api/v1/chains/../summary", "/api/v1/elsewhere"}) {
    const service::ApiResponse r = api.handle(get(path));
    EXPECT_EQ(r.status, 404) << path;
    EXPECT_EQ(r.body.rfind("{\"error\":{\"message\":", 0), 0u) << r.body;
    EXPECT_EQ(r.body.find(w.dir.path()), std::string::npos) << "an internal path in " << r.body;
  }
  EXPECT_EQ(api.handle(send("DELETE", "/api/v1/chains/anping-wire-mesh/summary", "")).status, 405);
  EXPECT_EQ(api.handle(get("/api/v1/chains/anping-wire-mesh/whatif")).status, 405);
  // Bad JSON and a bad scenario: 400, located, in Chinese unless English is asked for.
  service::ApiResponse r = api.handle(send("POST", kLedger, "{\"firm\": "));
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.body.find("\"location\":\"body:1:"), std::string::npos) << r.body;
  const std::string bad = R"({"format": "qchain-scenario/1", "chain": "anping-wire-mesh", "events": [{"type": "stop", "firm": "NOPE"}]})";
  service::ApiRequest q = send("POST", "/api/v1/chains/anping-wire-mesh/whatif", bad);
  r = api.handle(q);
  EXPECT_EQ(r.status, 400) << r.body;
  EXPECT_TRUE(has_cjk(error_message(r))) << r.body;
  q.lang = "en";
  r = api.handle(q);
  EXPECT_EQ(r.status, 400);
  EXPECT_FALSE(has_cjk(error_message(r))) << r.body;
  EXPECT_NE(r.body.find("scenario.json"), std::string::npos) << r.body;
  EXPECT_EQ(api.handle(get("/api/v1/chains/anping-wire-mesh/plan")).status, 400);  // no budget, as the CLI refuses
  EXPECT_EQ(api.handle(get("/api/v1/chains/anping-wire-mesh/risk", {{"runs", "many"}})).status, 400);
  // Over the body limit: 413.
  service::ApiOptions small = options(w);
  small.body_limit = 10;
  service::Api limited(small);
  EXPECT_EQ(limited.handle(send("POST", kLedger, kEntry)).status, 413);
}

TEST(ApiCache, OneContextPerSnapshotSharedAndEvictedWhenSmall) {
  ApiWorkspace w;
  {
    service::Api api(options(w));
    const void* first = api.context_identity("anping-wire-mesh");
    EXPECT_EQ(api.handle(get("/api/v1/chains/anping-wire-mesh/summary")).status, 200);
    EXPECT_EQ(api.handle(get("/api/v1/chains/anping-wire-mesh/grade")).status, 200);
    EXPECT_EQ(api.context_identity("anping-wire-mesh@2025-06-30"), first);  // the latest by its date: the same entry
    EXPECT_EQ(api.cache_stats().loads, 1u);
    EXPECT_EQ(api.cache_stats().evictions, 0u);
  }
  {
    // Room for one snapshot only: each new one evicts the least recently used.
    service::Api api(options(w, 1));
    EXPECT_EQ(api.handle(get("/api/v1/chains/anping-wire-mesh/summary")).status, 200);
    EXPECT_EQ(api.handle(get("/api/v1/chains/shaxian-snacks/summary")).status, 200);
    EXPECT_EQ(api.cache_stats().entries, 1u);
    EXPECT_EQ(api.cache_stats().evictions, 1u);
    EXPECT_EQ(api.handle(get("/api/v1/chains/anping-wire-mesh/summary")).status, 200);
    EXPECT_EQ(api.cache_stats().loads, 3u);
  }
}

TEST(ApiCache, ConcurrentRequestsShareOneLoad) {
  ApiWorkspace w;
  service::Api api(options(w));
  std::vector<std::thread> threads;
  std::vector<int> status(8, 0);
  for (int k = 0; k < 8; ++k)
    threads.emplace_back([&, k] {
      status[k] = api.handle(get(k % 2 ? "/api/v1/chains/anping-wire-mesh/analysis" : "/api/v1/chains/anping-wire-mesh/render")).status;
    });
  for (std::thread& t : threads) t.join();
  for (int s : status) EXPECT_EQ(s, 200);
  EXPECT_EQ(api.cache_stats().loads, 1u);
}

TEST(ApiCache, ReadsServedFromTheDocumentCacheUntilTheirChainChanges) {
  ApiWorkspace w;
  service::Api api(options(w));
  const std::string anping = "/api/v1/chains/anping-wire-mesh/", shaxian = "/api/v1/chains/shaxian-snacks/summary";
  const auto builds = [&] { return api.cache_stats().builds; };
  const service::ApiResponse first = api.handle(get(anping + "firms/AP0050"));
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_EQ(builds(), 1u);
  EXPECT_EQ(api.handle(get(anping + "firms/AP0050")).body, first.body);
  EXPECT_EQ(builds(), 1u);  // the second read built nothing
  EXPECT_EQ(api.handle(get(shaxian)).status, 200);
  EXPECT_EQ(api.handle(get(anping + "analysis", {{"top", "5"}})).status, 200);
  EXPECT_EQ(api.handle(get(anping + "analysis", {{"top", "5"}})).status, 200);
  EXPECT_EQ(builds(), 3u);
  EXPECT_EQ(api.handle(get(anping + "analysis", {{"top", "6"}})).status, 200);  // another query, another document
  EXPECT_EQ(builds(), 4u);
  EXPECT_EQ(api.cache_stats().documents, 4u);
  // Errors are not kept.
  EXPECT_EQ(api.handle(get(anping + "firms/NOPE")).status, 404);
  EXPECT_EQ(api.handle(get(anping + "firms/NOPE")).status, 404);
  EXPECT_EQ(builds(), 6u);

  // A ledger entry added through the API: the firm's document shows it, Shaxian's is still kept.
  ASSERT_EQ(api.handle(send("POST", kLedger, kEntry)).status, 201);
  const service::ApiResponse after = api.handle(get(anping + "firms/AP0050"));
  EXPECT_EQ(builds(), 7u);
  EXPECT_NE(after.body, first.body);
  EXPECT_EQ(api.handle(get(shaxian)).status, 200);
  EXPECT_EQ(builds(), 7u);

  // An import replacing Anping's snapshot: Anping's documents go, Shaxian's stay.
  service::ApiRequest up = send("POST", "/api/v1/chains", read(source_path("data/pilots/anping-wire-mesh.json")));
  up.query["replace"] = "1";
  ASSERT_EQ(api.handle(up).status, 201);
  EXPECT_EQ(api.handle(get(anping + "firms/AP0050")).body, after.body);
  EXPECT_EQ(builds(), 8u);
  EXPECT_EQ(api.handle(get(shaxian)).status, 200);
  EXPECT_EQ(builds(), 8u);

  // Another process writing the workspace: what it changed is not known, so every document goes.
  cli(w.dir.path(), "ledger 'pilots.qcw#shaxian-snacks' add --firm SX0001 --provider 检测院 --provider-kind 检测机构 --issue MSR-08 "
                    "--measure 计量器具送检校准 --start 2024-09-01 --end 2025-03-31 --status 完成 --cost 1.5");
  EXPECT_EQ(api.handle(get(shaxian)).status, 200);
  EXPECT_EQ(builds(), 9u);
}

TEST(ApiImport, ImportsAnswerTheCheckAndInvalidateOnlyWhatChanged) {
  ApiWorkspace w;
  service::Api api(options(w));
  const void* shaxian = api.context_identity("shaxian-snacks");
  const void* anping = api.context_identity("anping-wire-mesh");
  // Anping again, replacing its latest snapshot: only that entry goes.
  service::ApiRequest up = send("POST", "/api/v1/chains", read(source_path("data/pilots/anping-wire-mesh.json")));
  up.query["replace"] = "1";
  const service::ApiResponse r = api.handle(up);
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_NE(r.body.find("\"imported\":{\"chain\":\"anping-wire-mesh\",\"as_of\":\"2025-06-30\",\"replaced\":true"), std::string::npos) << r.body;
  EXPECT_NE(r.body.find("\"check\":{\"valid\":true"), std::string::npos);
  EXPECT_EQ(api.context_identity("shaxian-snacks"), shaxian);
  EXPECT_NE(api.context_identity("anping-wire-mesh"), anping);
  // Without replace the same snapshot is refused; a broken file answers its located messages.
  EXPECT_EQ(api.handle(send("POST", "/api/v1/chains", read(source_path("data/pilots/anping-wire-mesh.json")))).status, 400);
  service::ApiRequest broken = send("POST", "/api/v1/chains", R"({"format": "qchain-chain/1", "chain": {"id": "x"}, "firms": [{"id": 3}]})");
  broken.query["filename"] = "survey.json";
  const service::ApiResponse b = api.handle(broken);
  EXPECT_EQ(b.status, 400);
  EXPECT_NE(b.body.find("\"valid\":false"), std::string::npos) << b.body;
  EXPECT_NE(b.body.find("\"file\":\"survey.json\""), std::string::npos) << b.body;
  EXPECT_EQ(b.body.find("qchain-upload-"), std::string::npos) << b.body;
  service::ApiRequest odd = send("POST", "/api/v1/chains", "x");
  odd.content_type = "text/plain";
  EXPECT_EQ(api.handle(odd).status, 415);
  // A new chain appears in the list.
  EXPECT_EQ(api.handle(send("POST", "/api/v1/chains", read(source_path("data/pilots/fengxian-nev.json")))).status, 201);
  EXPECT_NE(api.handle(get("/api/v1/chains")).body.find("\"fengxian-nev\""), std::string::npos);
}

TEST(ApiImport, ZippedCsvFolder) {
  ApiWorkspace w;
  service::Api api(options(w));
  const std::string zip = w.dir.file("csv.zip");
  const std::string folder = source_path("data/pilots/csv");
  ASSERT_EQ(std::system(("cd '" + folder + "' && ls -d */ | head -1 | xargs -I{} python3 -c \"import shutil,sys; "
                         "shutil.make_archive(sys.argv[1], 'zip', '.', sys.argv[2])\" '" + w.dir.file("csv") + "' {}").c_str()), 0);
  service::ApiRequest up = send("POST", "/api/v1/chains", read(zip));
  up.content_type = "application/zip";
  const service::ApiResponse r = api.handle(up);
  EXPECT_TRUE(r.status == 201 || r.body.find("already") != std::string::npos) << r.body;
  EXPECT_NE(r.body.find("\"check\":{"), std::string::npos) << r.body;
}

TEST(ApiScenarios, SavedByNameAndReadBack) {
  ApiWorkspace w;
  service::Api api(options(w));
  const std::string s = read(source_path("data/scenarios/anping-wire-mesh--wire-rod-supplier-stop.json"));
  service::ApiRequest save = send("POST", "/api/v1/chains/anping-wire-mesh/scenarios", s);
  save.query["name"] = "线材停产";
  ASSERT_EQ(api.handle(save).status, 201);
  const service::ApiResponse list = api.handle(get("/api/v1/chains/anping-wire-mesh/scenarios"));
  EXPECT_NE(list.body.find("\"name\":\"线材停产\""), std::string::npos) << list.body;
  EXPECT_EQ(api.handle(get("/api/v1/chains/anping-wire-mesh/scenarios/线材停产")).body, s);
  save.body = "{}";
  EXPECT_EQ(api.handle(save).status, 400);  // not a scenario: nothing saved over the good one
  EXPECT_EQ(api.handle(get("/api/v1/chains/anping-wire-mesh/scenarios/线材停产")).body, s);
}

// An import killed half-way leaves the workspace as it was: the transaction never commits.
TEST(ApiImport, KilledImportLeavesTheWorkspaceIntact) {
  ApiWorkspace w;
  const std::string big = w.dir.file("big.json");
  ASSERT_EQ(std::system((std::string(QCHAIN_GENERATE) + " --firms 60000 --seed 3 --chain-id big -o " + big + " >/dev/null").c_str()), 0);
  const std::string before = cli(w.dir.path(), "summary 'pilots.qcw#anping-wire-mesh' --json -");
  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    service::Api api(options(w));
    service::ApiRequest up = send("POST", "/api/v1/chains", read(big));
    api.handle(up);
    ::_exit(0);
  }
  // Kill it once it is writing: the workspace's write-ahead log has grown (bounded wait).
  const std::string wal = w.ws + "-wal";
  for (int k = 0; k < 600 && !(std::filesystem::exists(wal) && std::filesystem::file_size(wal) > (1u << 20)); ++k)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  ::kill(child, SIGKILL);
  int status = 0;
  ::waitpid(child, &status, 0);
  ASSERT_TRUE(WIFSIGNALED(status)) << "the import finished before it was killed: make the chain bigger";
  const std::vector<workspace::ChainEntry> chains = workspace::list_workspace(w.ws);
  ASSERT_EQ(chains.size(), 2u);
  for (const workspace::ChainEntry& c : chains) EXPECT_NE(c.chain_id, "big");
  EXPECT_EQ(cli(w.dir.path(), "summary 'pilots.qcw#anping-wire-mesh' --json -"), before);
  service::Api api(options(w));
  EXPECT_EQ(api.handle(get("/api/v1/chains/anping-wire-mesh@2024-06-30/summary")).body,
            cli(w.dir.path(), "summary 'pilots.qcw#anping-wire-mesh@2024-06-30' --json -"));
}

}  // namespace
}  // namespace qchain::test
