#include <cmath>
#include <random>

#include "../../support/random_chain.hpp"
#include "../../support/test_support.hpp"
#include "naive_cascade.hpp"
#include "qchain/engine/production/production_cascade.hpp"
#include "qchain/core/number_format.hpp"
#include "qchain/graphs/chain_csv_writer.hpp"
#include "qchain/engine/production/systemic_index.hpp"

namespace {

using namespace qchain;
using namespace qchain::graphs;
using namespace qchain::engine;
using qchain::test::Naive;
using qchain::test::naive;

std::string doc(const std::string& firms, const std::string& links) {
  return R"({"format": "qchain-chain/1", "chain": {"id": "c", "name": "C"}, "firms": [)" + firms + R"(], "links": [)" + links + "]}";
}
std::string firm(const std::string& id, const std::string& role = "small") {
  return R"({"id": ")" + id + R"(", "name": "x", "role": ")" + role + R"(", "revenue": 100})";
}

TEST(ProductionCascade, EssentialAlternativeOptionalAndUpstream) {
  // L needs input x from A or B (half each) and, optionally, y from C (weight 0.2); L buys all of A.
  const ChainGraph g = test::load_text(doc(firm("A") + "," + firm("B") + "," + firm("C") + "," + firm("L", "chain_leader"),
                                           R"({"supplier": "A", "customer": "L", "input": "x", "value": 100},
                                              {"supplier": "B", "customer": "L", "input": "x", "value": 50},
                                              {"supplier": "C", "customer": "L", "input": "y", "essential": false, "weight": 0.2, "value": 10})"));
  const ProductionModel m(g);
  ProductionModel::Cascade c(m);
  c.run({{{0, 1.0}}, {}, {}});  // A stops
  EXPECT_DOUBLE_EQ(c.hd(3), 0.5);
  c.run({{{2, 1.0}}, {}, {}});  // C stops: the optional input costs its weight
  EXPECT_DOUBLE_EQ(c.hd(3), 0.8);
  EXPECT_DOUBLE_EQ(c.hd(0), 1.0);  // reset between runs
  c.run({{{3, 1.0}}, {}, {}});  // L stops: A loses all its sales (value 100 = revenue 100), B half
  EXPECT_DOUBLE_EQ(c.hu(0), 0.0);
  EXPECT_DOUBLE_EQ(c.hu(1), 0.5);
  EXPECT_DOUBLE_EQ(c.level(0, false), 1.0);
  EXPECT_DOUBLE_EQ(c.level(0, true), 0.0);
  c.run({{}, {}, {0}});  // the link A -> L is cut (decertification)
  EXPECT_DOUBLE_EQ(c.hd(3), 0.5);
}

TEST(ProductionCascade, MatchesTheEquationsOnRandomChainsWithCycles) {
  for (std::uint64_t seed = 1; seed <= 60; ++seed) {
    const ChainGraph g = test::random_chain({25, 50, 3, 0.4, 0.2, false, test::RandomChainSpec::Mode::mixed, seed});
    const ProductionModel m(g);
    ProductionModel::Cascade c(m);
    std::mt19937_64 rng(seed);
    std::vector<double> psi(g.firm_count(), 0), pert(g.firm_count(), 0);
    std::vector<std::uint8_t> cut(g.link_count(), 0);
    ProductionShock shock;
    for (int k = 0; k < 3; ++k) {
      const FirmId v = rng() % g.firm_count();
      const double x = 0.3 + 0.7 * (rng() % 100) / 100.0;
      psi[v] = std::max(psi[v], x);  // two stops of one firm: the larger loss counts
      shock.psi.emplace_back(v, x);
    }
    const FirmId p = rng() % g.firm_count();
    pert[p] = 0.1;
    shock.perturb.emplace_back(p, 0.1);
    const LinkId e = rng() % g.link_count();
    cut[e] = 1;
    shock.cut.push_back(e);
    c.run(shock);
    const Naive ref = naive(g, psi, pert, cut);
    for (FirmId v = 0; v < g.firm_count(); ++v) {
      ASSERT_NEAR(c.hd(v), ref.hd[v], 1e-9) << "seed " << seed << " firm " << v;
      ASSERT_NEAR(c.hu(v), ref.hu[v], 1e-9) << "seed " << seed << " firm " << v;
    }
  }
}

// Check (1) of the issue: with only non-essential links and perturbations, q = 1 − hd is the
// inoperability input-output model's q = A* q + c*, i.e. (I − A*)^{-1} c* when nothing clamps.
TEST(ProductionCascade, EqualsInoperabilityInputOutputModelWithCycles) {
  for (std::uint64_t seed = 1; seed <= 50; ++seed) {
    std::mt19937_64 rng(seed);
    const int n = 8;
    std::string firms, links;
    std::vector<std::vector<double>> A(n, std::vector<double>(n, 0.0));
    for (int i = 0; i < n; ++i) firms += (i ? "," : "") + firm("F" + std::to_string(i));
    for (int v = 0; v < n; ++v)
      for (int u = 0; u < n; ++u)
        if (u != v && rng() % 3 == 0) {
          A[v][u] = 0.02 + 0.1 * (rng() % 100) / 100.0;  // row sums stay below 1: nothing clamps
          links += std::string(links.empty() ? "" : ",") + R"({"supplier": "F)" + std::to_string(u) + R"(", "customer": "F)" +
                   std::to_string(v) + R"(", "essential": false, "weight": )" + qchain::number_text(A[v][u]) + "}";
        }
    const ChainGraph g = test::load_text(doc(firms, links));
    std::vector<double> cvec(n);
    ProductionShock shock;
    for (int v = 0; v < n; ++v) {
      cvec[v] = 0.05 * (rng() % 100) / 100.0;
      shock.perturb.emplace_back(v, cvec[v]);
    }
    // Dense solve (I − A) q = c by Gaussian elimination with partial pivoting.
    std::vector<std::vector<double>> M(n, std::vector<double>(n + 1));
    for (int i = 0; i < n; ++i) {
      for (int j = 0; j < n; ++j) M[i][j] = (i == j) - A[i][j];
      M[i][n] = cvec[i];
    }
    for (int col = 0; col < n; ++col) {
      int piv = col;
      for (int r = col + 1; r < n; ++r)
        if (std::fabs(M[r][col]) > std::fabs(M[piv][col])) piv = r;
      std::swap(M[col], M[piv]);
      for (int r = 0; r < n; ++r)
        if (r != col) {
          const double f = M[r][col] / M[col][col];
          for (int j = col; j <= n; ++j) M[r][j] -= f * M[col][j];
        }
    }
    const ProductionModel m(g);
    ProductionModel::Cascade c(m);
    c.run(shock);
    for (int v = 0; v < n; ++v) ASSERT_NEAR(1.0 - c.hd(v), M[v][n] / M[v][v], 1e-10) << "seed " << seed;
  }
}

// Check (2): the systemic index on an 11-firm network like the paper's Fig. 1 illustration (two
// suppliers of raw goods, processors with essential and non-essential inputs, a cycle, final
// producers), against the paper's definitions computed the naive way: ESRI_i = Σ_v ω_v (1 − h_v)
// when i alone defaults, h = min(hd, hu), ω = revenue shares.
TEST(SystemicIndex, ElevenFirmNetworkFromTheDefinitions) {
  std::string firms;
  const double revenue[] = {50, 40, 30, 30, 20, 25, 15, 60, 70, 10, 35};
  for (int i = 0; i < 11; ++i)
    firms += std::string(i ? "," : "") + R"({"id": "F)" + std::to_string(i) + R"(", "name": "x", "role": ")" +
             (i >= 7 ? "chain_leader" : "small") + R"(", "revenue": )" + qchain::number_text(revenue[i]) + "}";
  const ChainGraph g = test::load_text(doc(firms, R"(
    {"supplier": "F0", "customer": "F2", "input": "ore", "value": 20}, {"supplier": "F1", "customer": "F2", "input": "ore", "value": 10},
    {"supplier": "F0", "customer": "F3", "value": 15}, {"supplier": "F1", "customer": "F4", "value": 20},
    {"supplier": "F2", "customer": "F5", "value": 12}, {"supplier": "F3", "customer": "F5", "essential": false, "value": 6},
    {"supplier": "F4", "customer": "F6", "value": 9}, {"supplier": "F6", "customer": "F4", "essential": false, "value": 3},
    {"supplier": "F5", "customer": "F7", "input": "part", "value": 10}, {"supplier": "F6", "customer": "F7", "input": "part", "value": 5},
    {"supplier": "F5", "customer": "F8", "value": 8}, {"supplier": "F3", "customer": "F8", "value": 10},
    {"supplier": "F6", "customer": "F9", "essential": false, "value": 4}, {"supplier": "F2", "customer": "F10", "value": 9},
    {"supplier": "F4", "customer": "F10", "value": 6})"));
  const ProductionModel m(g);
  const double total = 385;
  for (unsigned threads : {1u, 2u}) {
    SystemicOptions o;
    o.threads = threads;
    const SystemicResult r = systemic_index(m, o);
    for (FirmId i = 0; i < 11; ++i) {
      std::vector<double> psi(11, 0.0), c(11, 0.0);
      psi[i] = 1.0;
      const Naive ref = naive(g, psi, c, std::vector<std::uint8_t>(g.link_count(), 0));
      double esri = 0, down = 0, up = 0;
      for (FirmId v = 0; v < 11; ++v) {
        esri += revenue[v] / total * (1 - std::min(ref.hd[v], ref.hu[v]));
        down += revenue[v] / total * (1 - ref.hd[v]);
        up += revenue[v] / total * (1 - ref.hu[v]);
      }
      EXPECT_NEAR(r.index[i], esri, 1e-12) << i;
      EXPECT_NEAR(r.down[i], down, 1e-12) << i;
      EXPECT_NEAR(r.up[i], up, 1e-12) << i;
    }
    EXPECT_GT(r.index[r.ranking[0]], r.index[r.ranking[10]]);
  }
}

TEST(ProductionLevels, StoppedAndLostOutputAllowRoundingDust) {
  EXPECT_TRUE(is_stopped(0.0));
  EXPECT_TRUE(is_stopped(1e-12));
  EXPECT_FALSE(is_stopped(1e-6));
  EXPECT_FALSE(is_stopped(kStopSlack));
  EXPECT_TRUE(has_lost_output(0.0));
  EXPECT_TRUE(has_lost_output(0.999));
  EXPECT_FALSE(has_lost_output(1.0));
  EXPECT_FALSE(has_lost_output(1.0 - 1e-12));
  EXPECT_TRUE(has_lost_output(1.0 - 1e-6));
}

}  // namespace
