// The exact top-K systemic index against the full computation, and the bound it rests on.
#include <string>

#include "../../support/test_support.hpp"
#include "qchain/engine/production/systemic_bound.hpp"
#include "qchain/engine/production/systemic_index.hpp"
#include "qchain/graphs/chain_loader.hpp"

using namespace qchain;
using namespace qchain::graphs;
using namespace qchain::engine;

namespace {

void check_top(const ChainGraph& g) {
  const ProductionModel m(g);
  const SystemicResult full = systemic_index(m, {});
  const std::vector<double> bound = systemic_bound(m);
  for (FirmId v = 0; v < g.firm_count(); ++v) EXPECT_GE(bound[v], full.index[v]) << g.firm(v).id;
  for (std::size_t k : {std::size_t{1}, std::size_t{3}, std::size_t{10}, std::size_t{50}}) {
    SystemicOptions o;
    o.top = k;
    const SystemicResult top = systemic_index(m, o);
    const std::size_t want = std::min<std::size_t>(k, g.firm_count());
    ASSERT_EQ(top.ranking.size(), want);
    EXPECT_EQ(top.cascades_run + top.cascades_skipped, g.firm_count());
    for (std::size_t i = 0; i < want; ++i) {
      const FirmId v = full.ranking[i];
      EXPECT_EQ(top.ranking[i], v) << "rank " << i << " of top " << k;
      EXPECT_EQ(top.index[v], full.index[v]);
      EXPECT_EQ(top.down[v], full.down[v]);
      EXPECT_EQ(top.up[v], full.up[v]);
    }
  }
}

}  // namespace

TEST(SystemicTop, PilotsMatchTheFullRanking) {
  for (const char* name : {"anping-wire-mesh", "fengxian-nev", "huangpu-smart-equipment", "shangyu-umbrella",
                           "shaxian-snacks", "wuxing-childrens-clothing"}) {
    SCOPED_TRACE(name);
    const ChainLoad load = load_chain(test::source_path(std::string("data/pilots/") + name + ".json"));
    ASSERT_TRUE(load.chain);
    check_top(*load.chain);
  }
}

// Ties: four identical isolated suppliers of one leader, each with the same index; the top 2 must
// take the two lowest ids, as the full ranking does.
TEST(SystemicTop, TiesGoByIdAsInTheFullRanking) {
  std::string links, firms = R"({"id": "L", "name": "L", "role": "chain_leader", "revenue": 100})";
  for (int i = 0; i < 4; ++i) {
    const std::string id = "S" + std::to_string(i);
    firms += R"(, {"id": ")" + id + R"(", "name": "s", "role": "micro", "revenue": 10})";
    links += std::string(i ? ", " : "") + R"({"supplier": ")" + id + R"(", "customer": "L", "input": "x", "value": 5})";
  }
  const ChainLoad load = load_chain_json_text(
      R"({"format": "qchain-chain/1", "chain": {"id": "t", "name": "t"}, "firms": [)" + firms + R"(], "links": [)" + links + "]}",
      "ties");
  ASSERT_TRUE(load.chain);
  check_top(*load.chain);
}
