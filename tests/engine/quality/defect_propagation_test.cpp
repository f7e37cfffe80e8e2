#include <cmath>

#include "../../support/random_chain.hpp"
#include "../../support/test_support.hpp"
#include "qchain/engine/quality/defect_propagation.hpp"
#include "qchain/engine/quality/own_defects.hpp"

namespace {

using namespace qchain;
using namespace qchain::graphs;
using namespace qchain::engine;

Propagation run(const ChainGraph& g) {
  const StrongComponentsResult scc = strong_components(g);
  return DefectPropagator(g, scc).forward(own_defects(g).rate);
}

// `defaults` is the chain's "defaults" object ("" for none: the built-in detection 0.9).
std::string chain(const std::string& firms, const std::string& links, const std::string& defaults = R"({"detection": 0})") {
  return R"({"format": "qchain-chain/1", "chain": {"id": "c", "name": "C")" +
         (defaults.empty() ? std::string() : R"(, "defaults": )" + defaults) + R"(}, "firms": [)" + firms +
         R"(], "links": [)" + links + "]}";
}

std::string firm(const std::string& id, double yield, double detection = -1) {
  return R"({"id": ")" + id + R"(", "name": "x", "role": "small", "first_pass_yield": )" + std::to_string(yield) +
         (detection < 0 ? std::string() : R"(, "detection": )" + std::to_string(detection)) + "}";
}

// With every detection 0 the model is the one where every first-pass failure ships: the yields multiply.
TEST(DefectPropagation, SerialChainWithoutDetectionMultipliesYields) {
  const ChainGraph g = test::load_text(chain(firm("A", 0.90) + "," + firm("B", 0.95) + "," + firm("C", 0.98),
                                             R"({"supplier": "A", "customer": "B"}, {"supplier": "B", "customer": "C"})"));
  const Propagation r = run(g);
  EXPECT_NEAR(1.0 - r.delivered[2], 0.8379, 1e-12);
  EXPECT_NEAR(1.0 - r.delivered[1], 0.855, 1e-12);
}

// d_v = (1 − η_v) [1 − (1 − a_v) Π (1 − e_vi)], worked by hand: A and C take the built-in 0.9, B has its own 0.8.
TEST(DefectPropagation, SerialChainWithDetection) {
  const ChainGraph g = test::load_text(chain(firm("A", 0.90) + "," + firm("B", 0.95, 0.8) + "," + firm("C", 0.98),
                                             R"({"supplier": "A", "customer": "B"}, {"supplier": "B", "customer": "C"})", ""));
  const Propagation r = run(g);
  const double dA = 0.1 * 0.1;                          // 0.01
  const double dB = 0.2 * (1 - 0.95 * (1 - dA));        // 0.0119
  const double dC = 0.1 * (1 - 0.98 * (1 - dB));        // 0.0031662
  EXPECT_NEAR(r.delivered[0], dA, 1e-15);
  EXPECT_NEAR(r.delivered[1], dB, 1e-15);
  EXPECT_NEAR(r.delivered[2], dC, 1e-15);
  EXPECT_NEAR(r.intake[2], 0.1 * (1 - dB), 1e-15);     // ∂d_C/∂a_C = (1 − η_C) Π (1 − e)
}

TEST(DefectPropagation, ChainDefaultDetectionAppliesToFirmsWithoutOne) {
  const ChainGraph g = test::load_text(chain(firm("A", 0.90) + "," + firm("B", 0.95, 0.0),
                                             R"({"supplier": "A", "customer": "B"})", R"({"detection": 0.5})"));
  EXPECT_DOUBLE_EQ(g.detection_of(0), 0.5);
  EXPECT_DOUBLE_EQ(g.detection_of(1), 0.0);
  const Propagation r = run(g);
  EXPECT_NEAR(r.delivered[1], 1 - 0.95 * (1 - 0.05), 1e-15);
}

TEST(DefectPropagation, AlternativesInspectionAndOptionalInputs) {
  // C buys input x from A (share 0.6, inspection 0.5) and B (0.4), and optional y from D.
  const ChainGraph g = test::load_text(
      chain(firm("A", 0.9) + "," + firm("B", 0.8) + "," + firm("C", 0.95) + "," + firm("D", 0.7),
            R"({"supplier": "A", "customer": "C", "input": "x", "share": 0.6, "inspection": 0.5},
               {"supplier": "B", "customer": "C", "input": "x", "share": 0.4},
               {"supplier": "D", "customer": "C", "input": "y", "essential": false, "weight": 0.1})"));
  const double ex = 0.6 * 0.1 * 0.5 + 0.4 * 0.2;
  const double ey = 0.3;
  EXPECT_NEAR(run(g).delivered[2], 1.0 - 0.95 * (1 - ex) * (1 - ey), 1e-15);
}

TEST(DefectPropagation, TwoFirmCycleMatchesClosedForm) {
  // A <-> B, each its other's only source; S feeds A as an alternative (share 0.5 each).
  const ChainGraph g = test::load_text(
      chain(firm("S", 0.9) + "," + firm("A", 0.95) + "," + firm("B", 0.97),
            R"({"supplier": "S", "customer": "A", "input": "x", "share": 0.5}, {"supplier": "B", "customer": "A", "input": "x", "share": 0.5},
               {"supplier": "A", "customer": "B", "inspection": 0.2})"));
  // dA = 1 - 0.95 (1 - 0.5·0.1 - 0.5·dB); dB = 1 - 0.97 (1 - 0.8 dA): linear, solved by hand
  // (detection 0 throughout: S delivers its own 0.1).
  const double a0 = 1 - 0.95 * (1 - 0.05), a1 = 0.95 * 0.5;  // dA = a0 + a1 dB
  const double b0 = 0.03, b1 = 0.97 * 0.8;                    // dB = b0 + b1 dA
  const double dA = (a0 + a1 * b0) / (1 - a1 * b1);
  const Propagation r = run(g);
  EXPECT_TRUE(r.converged);
  EXPECT_GT(r.sweeps, 1u);
  EXPECT_NEAR(r.delivered[1], dA, 1e-11);
  EXPECT_NEAR(r.delivered[2], b0 + b1 * dA, 1e-11);
}

TEST(DefectPropagation, TwoFirmCycleWithDetection) {
  // As above, with A detecting half of its defects and B and S the built-in 0.9.
  const ChainGraph g = test::load_text(
      chain(firm("S", 0.9) + "," + firm("A", 0.95, 0.5) + "," + firm("B", 0.97),
            R"({"supplier": "S", "customer": "A", "input": "x", "share": 0.5}, {"supplier": "B", "customer": "A", "input": "x", "share": 0.5},
               {"supplier": "A", "customer": "B", "inspection": 0.2})", ""));
  const double dS = 0.1 * 0.1;
  const double a0 = 0.5 * (1 - 0.95 * (1 - 0.5 * dS)), a1 = 0.5 * 0.95 * 0.5;  // dA = a0 + a1 dB
  const double b0 = 0.1 * 0.03, b1 = 0.1 * 0.97 * 0.8;                        // dB = b0 + b1 dA
  const double dA = (a0 + a1 * b0) / (1 - a1 * b1);
  const Propagation r = run(g);
  EXPECT_TRUE(r.converged);
  EXPECT_NEAR(r.delivered[1], dA, 1e-13);
  EXPECT_NEAR(r.delivered[2], b0 + b1 * dA, 1e-13);
}

TEST(DefectPropagation, CyclesConvergeOnRandomChains) {
  for (std::uint64_t seed = 1; seed <= 100; ++seed) {
    test::RandomChainSpec spec{40, 90, 2, 0.4, 0.1, false, test::RandomChainSpec::Mode::mixed, seed};
    spec.inspection = 0.3;
    spec.detection = 0.5;
    const ChainGraph g = test::random_chain(spec);
    const StrongComponentsResult scc = strong_components(g);
    const DefectPropagator prop(g, scc);
    const std::vector<double> p = own_defects(g).rate;
    const Propagation r = prop.forward(p);
    ASSERT_TRUE(r.converged) << seed;
    // A fixed point: every firm satisfies its equation.
    for (FirmId v = 0; v < g.firm_count(); ++v) {
      double good = 1.0;
      const SupplyNetwork& n = g.network();
      for (std::uint32_t grp = n.firm_group_begin[v]; grp < n.firm_group_begin[v + 1]; ++grp) {
        double e = 0;
        for (std::uint32_t k = n.group_begin[grp]; k < n.group_begin[grp + 1]; ++k)
          e += n.in_share[k] * r.delivered[n.in_supplier[k]] * (1 - g.link(n.in_link[k]).inspection);
        good *= 1 - e;
      }
      ASSERT_NEAR(r.delivered[v], (1 - g.detection_of(v)) * (1 - (1 - p[v]) * good), 1e-11) << seed;
    }
  }
}

TEST(DefectPropagation, AdjointMatchesFiniteDifferencesWithCycles) {
  int compared = 0, cyclic = 0;
  for (std::uint64_t seed = 1; seed <= 80; ++seed) {
    test::RandomChainSpec spec{30, 48, 2, 0.4, 0.1, false, test::RandomChainSpec::Mode::mixed, seed};
    spec.inspection = 0.3;
    spec.detection = 0.5;
    const ChainGraph g = test::random_chain(spec);
    const StrongComponentsResult scc = strong_components(g);
    // Detection 0 for half the seeds: there the cycles contract least, the hardest case for the adjoint.
    std::vector<double> eta(g.firm_count());
    for (FirmId v = 0; v < g.firm_count(); ++v) eta[v] = seed % 2 ? g.detection_of(v) : 0.0;
    const DefectPropagator prop(g, scc, &eta);
    const std::vector<double> p = own_defects(g).rate;
    const Propagation base = prop.forward(p);
    const auto lin = prop.linearise(p, base);
    const auto at = [&](FirmId u, double h, FirmId leader) {
      std::vector<double> up = p, down = p;
      up[u] += h;
      down[u] -= h;
      return (prop.forward(up).delivered[leader] - prop.forward(down).delivered[leader]) / (2 * h);
    };
    for (FirmId leader : g.leaders()) {
      const std::vector<double> s = prop.sensitivity(lin, base, leader);
      for (FirmId u = 0; u < g.firm_count(); ++u) {
        // Richardson-extrapolated central differences: error O(h^4). Where the perturbation moves
        // d_L by less than 1e-9 (a thousand times the forward tolerance) the quotient is noise.
        const double h = 1e-3;
        const double fd = (4 * at(u, h / 2, leader) - at(u, h, leader)) / 3;
        if (std::fabs(fd) * h < 1e-9) {
          ASSERT_LT(std::fabs(s[u] - fd), 1e-5) << "seed " << seed << " firm " << u;
          continue;
        }
        ASSERT_NEAR(s[u] / fd, 1.0, 1e-6) << "seed " << seed << " firm " << u;
        ++compared;
        cyclic += scc.size(scc.component[u]) > 1;
      }
    }
  }
  EXPECT_GT(compared, 500);
  EXPECT_GT(cyclic, 50);  // firms inside cycles were among those checked
}

}  // namespace

namespace {

// The range figures reuse the chain's propagator with other detections: the same numbers as a
// propagator built with those detections.
TEST(DefectPropagation, ForwardWithDetectionMatchesAPropagatorBuiltWithIt) {
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    test::RandomChainSpec spec{30, 60, 2, 0.4, 0.1, false, test::RandomChainSpec::Mode::mixed, seed};
    spec.detection = 0.5;
    const ChainGraph g = test::random_chain(spec);
    const StrongComponentsResult scc = strong_components(g);
    std::vector<double> eta(g.firm_count());
    for (FirmId v = 0; v < g.firm_count(); ++v) eta[v] = std::isnan(g.firm(v).detection) ? 0.8 : g.firm(v).detection;
    const std::vector<double> p = own_defects(g).rate;
    const Propagation a = DefectPropagator(g, scc).forward_with_detection(p, eta);
    const Propagation b = DefectPropagator(g, scc, &eta).forward(p);
    ASSERT_EQ(a.delivered, b.delivered) << seed;
    ASSERT_EQ(a.intake, b.intake) << seed;
  }
}

}  // namespace
