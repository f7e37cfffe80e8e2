// The cascade kernel settles strong components in topological order and sweeps only inside them:
// checked against the plain synchronous sweeps (naive_cascade.hpp) on random networks with a large
// strongly connected core, self-reinforcing cycles (non-essential weights adding up past 1, sales
// shares σ adding up past 1, rings of sole sources) and shells up- and downstream of the core.
#include <cmath>
#include <random>
#include <string>

#include "../../support/test_support.hpp"
#include "naive_cascade.hpp"
#include "qchain/core/number_format.hpp"
#include "qchain/engine/production/production_cascade.hpp"
#include "qchain/engine/production/systemic_index.hpp"
#include "qchain/graphs/strong_components.hpp"

namespace {

using namespace qchain;
using namespace qchain::graphs;
using namespace qchain::engine;

std::string num(double x) { return qchain::number_text(x); }

// `core` firms on a ring with random chords, `shell` firms that each buy from earlier ones (the core
// included) and a few that supply the core. Every customer's links fall into up to three inputs:
// essential with shares (sometimes adding up to less than 1: a part bought outside) or sole-sourced,
// or non-essential with weights of 0.2–0.9 each, so that two or three of them pass more than they
// receive. Revenues are random, sometimes below the sales (σ capped at 1 per link), sometimes absent.
std::string cyclic_network(std::uint64_t seed, int core, int shell) {
  std::mt19937_64 rng(seed);
  const auto u01 = [&] { return static_cast<double>(rng() % 1000000) / 1e6; };
  const int n = core + shell;
  std::vector<std::vector<int>> suppliers(n);
  for (int i = 0; i < core; ++i) suppliers[(i + 1) % core].push_back(i);
  for (int k = 0; k < core; ++k) {
    const int u = static_cast<int>(rng() % core), v = static_cast<int>(rng() % core);
    if (u != v && (u + 1) % core != v) suppliers[v].push_back(u);
  }
  for (int v = core; v < n; ++v)
    for (int k = 0; k < 1 + static_cast<int>(rng() % 3); ++k) suppliers[v].push_back(static_cast<int>(rng() % v));
  for (int k = 0; k < shell / 4; ++k) suppliers[rng() % core].push_back(core + static_cast<int>(rng() % shell));
  std::string firms, links;
  for (int v = 0; v < n; ++v) {
    const double r = u01();
    firms += std::string(v ? "," : "") + R"({"id": "F)" + std::to_string(v) + R"(", "name": "x", "role": "small")" +
             (r < 0.2 ? std::string() : R"(, "revenue": )" + num(r < 0.4 ? 5.0 : 20.0 + 80.0 * u01())) + "}";
  }
  for (int v = 0; v < n; ++v) {
    std::sort(suppliers[v].begin(), suppliers[v].end());
    suppliers[v].erase(std::unique(suppliers[v].begin(), suppliers[v].end()), suppliers[v].end());
    const int kind[3] = {static_cast<int>(rng() % 3), static_cast<int>(rng() % 3), static_cast<int>(rng() % 3)};
    const double covered[3] = {0.6 + 0.4 * u01(), 0.6 + 0.4 * u01(), 0.6 + 0.4 * u01()};  // of an input with shares
    std::vector<int> input(suppliers[v].size());
    int count[3] = {0, 0, 0};
    for (int& i : input) ++count[i = static_cast<int>(rng() % 3)];
    for (std::size_t k = 0; k < input.size(); ++k) {
      const int i = input[k];
      std::string l = R"({"supplier": "F)" + std::to_string(suppliers[v][k]) + R"(", "customer": "F)" + std::to_string(v) +
                      R"(", "input": "i)" + std::to_string(i) + R"(", "value": )" + num(1.0 + 20.0 * u01());
      if (kind[i] == 0) l += R"(, "essential": false, "weight": )" + num(0.2 + 0.7 * u01());
      if (kind[i] == 1) l += R"(, "share": )" + num(std::floor(covered[i] / count[i] * 1e6) / 1e6);
      links += std::string(links.empty() ? "" : ",") + l + "}";
    }
  }
  return R"({"format": "qchain-chain/1", "chain": {"id": "c", "name": "C"}, "firms": [)" + firms + R"(], "links": [)" + links + "]}";
}

std::uint32_t largest_component(const ChainGraph& g) {
  const StrongComponentsResult sc = strong_components(g);
  std::uint32_t best = 0;
  for (std::uint32_t c = 0; c < sc.count; ++c) best = std::max(best, sc.size(c));
  return best;
}

TEST(CascadeCycles, MatchesTheEquationsOnCyclicNetworks) {
  std::uint32_t stopped_in_core = 0;
  for (std::uint64_t seed = 1; seed <= 40; ++seed) {
    const ChainGraph g = test::load_text(cyclic_network(seed, 12 + static_cast<int>(seed % 20), 30));
    ASSERT_GE(largest_component(g), 12u) << seed;
    const ProductionModel m(g);
    ProductionModel::Cascade c(m);
    std::mt19937_64 rng(seed * 31);
    const std::uint32_t n = g.firm_count();
    std::vector<double> psi(n, 0), pert(n, 0);
    std::vector<std::uint8_t> cut(g.link_count(), 0);
    ProductionShock shock;
    const FirmId v = static_cast<FirmId>(rng() % n);
    psi[v] = 0.2 + 0.8 * static_cast<double>(rng() % 100) / 100.0;
    shock.psi.emplace_back(v, psi[v]);
    const FirmId p = static_cast<FirmId>(rng() % n);
    pert[p] = 0.05;
    shock.perturb.emplace_back(p, 0.05);
    if (seed % 2) {
      const LinkId e = static_cast<LinkId>(rng() % g.link_count());
      cut[e] = 1;
      shock.cut.push_back(e);
    }
    c.run(shock);
    const test::Naive ref = test::naive(g, psi, pert, cut);
    for (FirmId u = 0; u < n; ++u) {
      ASSERT_NEAR(c.hd(u), ref.hd[u], 1e-9) << "seed " << seed << " firm " << u;
      ASSERT_NEAR(c.hu(u), ref.hu[u], 1e-9) << "seed " << seed << " firm " << u;
      stopped_in_core += u < 12 && is_stopped(c.hd(u)) && psi[u] == 0;
    }
  }
  // Self-reinforcing cycles drive some core firms all the way down: the clamp at 0 is exercised.
  EXPECT_GT(stopped_in_core, 0u);
}

TEST(CascadeCycles, SystemicIndexEqualsTheEquationsForAnyThreadCount) {
  for (std::uint64_t seed = 100; seed < 106; ++seed) {
    const ChainGraph g = test::load_text(cyclic_network(seed, 25, 40));
    const ProductionModel m(g);
    SystemicOptions one, two;
    one.threads = 1;
    two.threads = 2;
    const SystemicResult a = systemic_index(m, one), b = systemic_index(m, two);
    ASSERT_EQ(a.index, b.index);  // bit for bit
    ASSERT_EQ(a.ranking, b.ranking);
    const std::vector<double>& omega = m.weights();
    for (FirmId i = 0; i < g.firm_count(); i += 7) {
      std::vector<double> psi(g.firm_count(), 0.0);
      psi[i] = 1.0;
      const test::Naive ref = test::naive(g, psi, std::vector<double>(g.firm_count(), 0.0), std::vector<std::uint8_t>(g.link_count(), 0));
      double esri = 0;
      for (FirmId v = 0; v < g.firm_count(); ++v) esri += omega[v] * (1 - std::min(ref.hd[v], ref.hu[v]));
      ASSERT_NEAR(a.index[i], esri, 1e-9) << "seed " << seed << " firm " << i;
    }
  }
}

// A two-firm cycle that passes a quarter of each drop back, and one of its firms supplying 100
// others: the drop that leaves the cycle goes out once, when the cycle has settled, not once per
// round (about 20 rounds to fall below the tolerance).
TEST(CascadeCycles, DropsLeaveACycleOnce) {
  std::string firms = R"({"id": "X", "name": "x", "role": "small"}, {"id": "A", "name": "x", "role": "small"},
                         {"id": "B", "name": "x", "role": "small"}, {"id": "Y", "name": "x", "role": "small"})";
  std::string links = R"({"supplier": "X", "customer": "A", "input": "p", "value": 1, "share": 0.5},
                         {"supplier": "B", "customer": "A", "input": "p", "value": 1, "share": 0.5},
                         {"supplier": "A", "customer": "B", "input": "q", "value": 1, "share": 0.5},
                         {"supplier": "Y", "customer": "B", "input": "q", "value": 1, "share": 0.5})";
  for (int k = 0; k < 100; ++k) {
    firms += R"(, {"id": "L)" + std::to_string(k) + R"(", "name": "x", "role": "small"})";
    links += R"(, {"supplier": "A", "customer": "L)" + std::to_string(k) + R"(", "value": 1})";
  }
  const ChainGraph g = test::load_text(R"({"format": "qchain-chain/1", "chain": {"id": "c", "name": "C"}, "firms": [)" + firms +
                                       R"(], "links": [)" + links + "]}");
  const ProductionModel m(g);
  ProductionModel::Cascade c(m);
  ProductionShock shock;
  shock.psi.emplace_back(g.find_firm("X").value(), 1.0);  // downstream only: X has no customers but A
  c.run(shock);
  const FirmId a = g.find_firm("A").value();
  // h_A = 0.5 · h_B, h_B = 0.5 + 0.5 · h_A: h_A = 1/3.
  EXPECT_NEAR(c.hd(a), 1.0 / 3.0, 1e-11);
  EXPECT_NEAR(c.hd(g.find_firm("L7").value()), 1.0 / 3.0, 1e-11);
  // X's link once, about 40 passes round the cycle, each of the 100 links out of it once; upstream, X
  // stopping costs its only supplier nothing (it has none). Passing the drop out every round would
  // cost about 2,000.
  EXPECT_GT(c.link_visits(), 120u);
  EXPECT_LT(c.link_visits(), 200u);
}

}  // namespace
