// The exact top-K systemic index against the full computation, and the bound it rests on.
#include <string>

#include "../../support/random_chain.hpp"
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

// Random chains with cycles, of each input mode: the bound (now solved through strong components)
// stays at or above every firm's computed index, and the top K is the full ranking's.
TEST(SystemicTop, BoundHoldsOnRandomChainsWithCycles) {
  using Mode = test::RandomChainSpec::Mode;
  for (Mode mode : {Mode::mixed, Mode::pure_or, Mode::pure_and})
    for (std::uint64_t seed = 1; seed <= 12; ++seed) {
      SCOPED_TRACE(seed);
      check_top(test::random_chain({40, 70, 3, 0.5, 0.5, false, mode, seed}));
    }
}

// A cycle whose non-essential weights (0.5 each) multiply to less than 1 round it: the linear bound passes
// through it (the Neumann series converges), so a firm upstream of the cycle that feeds it a
// small weight gets a bound well below 1, where the reach bound alone would give the whole cycle.
TEST(SystemicTop, LinearBoundPassesThroughAContractingCycle) {
  std::string firms = R"({"id": "S", "name": "S", "role": "micro", "revenue": 1})";
  for (int i = 0; i < 4; ++i) firms += R"(, {"id": "C)" + std::to_string(i) + R"(", "name": "c", "role": "small", "revenue": 100})";
  std::string links = R"({"supplier": "S", "customer": "C0", "input": "s", "value": 1, "essential": false, "weight": 0.2})";
  for (int i = 0; i < 4; ++i)
    links += R"(, {"supplier": "C)" + std::to_string(i) + R"(", "customer": "C)" + std::to_string((i + 1) % 4) +
             R"(", "input": "c", "value": 10, "essential": false, "weight": 0.5})";
  const ChainLoad load = load_chain_json_text(
      R"({"format": "qchain-chain/1", "chain": {"id": "t", "name": "t"}, "firms": [)" + firms + R"(], "links": [)" + links + "]}",
      "cycle");
  ASSERT_TRUE(load.chain);
  const ProductionModel m(*load.chain);
  const std::vector<double> bound = systemic_bound(m);
  const FirmId s = *load.chain->find_firm("S");
  EXPECT_LT(bound[s], 0.2);  // ω_S + 0.2 × the cycle's 0.5 weights summed round it, ≈ 0.1
  check_top(*load.chain);
}

// Bounds refined by the cascades run. 400 rings of three firms, each the sole supplier of its
// neighbour's essential input, each also selling most of its output to a sink Z (whose stop takes
// every ring down upstream: the top 1), the first of each feeding the leader a small non-essential
// weight. A ring member's plain bound reaches the leader and Z (the ring does not contract
// downstream, so only the reach bound holds) and lies above the leader's index, the second, though its
// own index is tiny. Once one member of a ring has run, it stopped the other two, whose losses are
// then bounded by its own: they are skipped, and the top 2 is the full ranking's.
TEST(SystemicTop, CascadesRunTightenTheBoundsOfTheFirmsTheyStop) {
  constexpr int kRings = 400;
  std::string firms = R"({"id": "L", "name": "L", "role": "chain_leader", "revenue": 1000}, )"
                      R"({"id": "Z", "name": "Z", "role": "micro", "revenue": 1})";
  std::string links;
  for (int ring = 0; ring < kRings; ++ring)
    for (int i = 0; i < 3; ++i) {
      const std::string id = "Q" + std::to_string(ring) + "_" + std::to_string(i);
      const std::string next = "Q" + std::to_string(ring) + "_" + std::to_string((i + 1) % 3);
      firms += R"(, {"id": ")" + id + R"(", "name": "q", "role": "micro", "revenue": )" + (i == 0 ? "4.01" : "4") + "}";
      links += std::string(links.empty() ? "" : ", ") + R"({"supplier": ")" + id + R"(", "customer": ")" + next +
               R"(", "input": "q", "value": 1, "essential": true}, {"supplier": ")" + id +
               R"(", "customer": "Z", "input": "z)" + id + R"(", "value": 3, "essential": false, "weight": 0.0001})";
      if (i == 0)
        links += R"(, {"supplier": ")" + id + R"(", "customer": "L", "input": "r)" + std::to_string(ring) +
                 R"(", "value": 0.01, "essential": false, "weight": 0.0001})";
    }
  const ChainLoad load = load_chain_json_text(
      R"({"format": "qchain-chain/1", "chain": {"id": "t", "name": "t"}, "firms": [)" + firms + R"(], "links": [)" + links + "]}",
      "rings");
  ASSERT_TRUE(load.chain);
  const ProductionModel m(*load.chain);
  const SystemicResult full = systemic_index(m, {});
  const FirmId leader = *load.chain->find_firm("L");
  ASSERT_EQ(full.ranking[0], *load.chain->find_firm("Z"));
  ASSERT_EQ(full.ranking[1], leader);
  const std::vector<double> bound = systemic_bound(m);
  std::uint32_t above = 0;  // firms the plain bound cannot skip
  for (FirmId v = 0; v < load.chain->firm_count(); ++v) above += bound[v] >= full.index[leader];
  ASSERT_GE(above, 3u * kRings);
  SystemicOptions o;
  o.top = 2;
  for (unsigned threads : {1u, 2u}) {
    o.threads = threads;
    const SystemicResult top = systemic_index(m, o);
    ASSERT_EQ(top.ranking.size(), 2u);
    EXPECT_EQ(top.ranking[1], leader);
    EXPECT_EQ(top.index[leader], full.index[leader]);
    EXPECT_LE(top.cascades_run, above - kRings);  // the plain bound alone runs at least `above`
  }
  check_top(*load.chain);
}
