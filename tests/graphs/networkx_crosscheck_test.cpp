// Cross-checks tiers, cut firms and exact betweenness against networkx on generated chains and the
// pilots (skipped when networkx is not installed).
#include <rapidjson/document.h>

#include <cstdio>
#include <set>

#include "../support/test_support.hpp"
#include "qchain/graphs/brokers.hpp"
#include "qchain/graphs/cut_firms.hpp"
#include "qchain/graphs/tiers.hpp"

namespace {

using namespace qchain;
using namespace qchain::graphs;

// Runs the oracle; empty when networkx is missing.
std::string oracle(const std::string& chain_file) {
  const std::string cmd = std::string(QCHAIN_PYTHON) + " " + test::source_path("tests/oracles/networkx_structure.py") + " " + chain_file;
  FILE* p = ::popen(cmd.c_str(), "r");
  std::string out;
  char buf[65536];
  std::size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  const int status = ::pclose(p);
  return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? out : std::string();
}

void cross_check(const std::string& file) {
  SCOPED_TRACE(file);
  const std::string text = oracle(file);
  if (text.empty()) GTEST_SKIP() << "networkx is not installed";
  rapidjson::Document d;
  ASSERT_FALSE(d.Parse(text.c_str()).HasParseError());
  const ChainGraph g = require_chain(load_chain(file));
  const TiersResult t = compute_tiers(g);
  for (FirmId v = 0; v < g.firm_count(); ++v) ASSERT_EQ(t.tier[v], d["tiers"][g.firm(v).id.c_str()].GetUint()) << g.firm(v).id;
  std::set<std::string> cut, expected;
  for (const CutFirm& c : cut_firms(g).firms) cut.insert(g.firm(c.firm).id);
  for (const auto& x : d["cut"].GetArray()) expected.insert(x.GetString());
  EXPECT_EQ(cut, expected);
  const BrokersResult b = brokers(g, {});
  ASSERT_TRUE(b.exact);
  for (FirmId v = 0; v < g.firm_count(); ++v)
    ASSERT_NEAR(b.betweenness[v], d["betweenness"][g.firm(v).id.c_str()].GetDouble(), 1e-12) << g.firm(v).id;
}

TEST(NetworkxCrossCheck, GeneratedChainsWithCycles) {
  test::TempDir dir;
  for (int seed : {1, 2}) {
    const std::string file = dir.file("g" + std::to_string(seed) + ".json");
    const std::string cmd = std::string(QCHAIN_GENERATE) + " --firms 1500 --cycles 12 --seed " + std::to_string(seed) + " -o " + file;
    ASSERT_EQ(std::system(cmd.c_str()), 0);
    cross_check(file);
  }
}

TEST(NetworkxCrossCheck, Pilots) {
  for (const std::string& file : test::pilot_files()) cross_check(file);
}

}  // namespace
