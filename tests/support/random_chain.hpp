#pragma once
// Random small chains for exactness tests: built through the real ChainBuilder.
#include <cstdint>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "qchain/graphs/chain_builder.hpp"

namespace qchain::test {

struct RandomChainSpec {
  std::uint32_t firms = 20;
  std::uint32_t links = 40;
  std::uint32_t leaders = 2;       // the last firms
  double alternative = 0.4;        // chance a link joins one of the customer's existing inputs
  double non_essential = 0.15;     // chance a new input is non-essential
  bool acyclic = false;            // links only from lower to higher index
  enum class Mode { mixed, pure_or, pure_and } mode = Mode::mixed;
  std::uint64_t seed = 1;
  double inspection = 0.0;         // chance a link has a random inspection rate
  double detection = 0.0;          // chance a firm has its own random detection (else the built-in default)
};

inline graphs::ChainGraph random_chain(const RandomChainSpec& spec) {
  std::mt19937_64 rng(spec.seed);
  auto uniform = [&](std::uint32_t n) { return static_cast<std::uint32_t>(rng() % n); };
  auto chance = [&](double p) { return static_cast<double>(rng() % 1000000) / 1e6 < p; };
  // A generator of its own, so that the links drawn for a seed do not depend on `detection`.
  std::mt19937_64 detection_rng(spec.seed * 7919 + 1);
  graphs::ChainBuilder b;
  graphs::ChainRecord c;
  c.id = "random";
  c.name = "random";
  b.set_chain(c);
  for (std::uint32_t i = 0; i < spec.firms; ++i) {
    graphs::FirmRecord f;
    f.id = "F" + std::to_string(i);
    f.name = f.id;
    f.role = i + spec.leaders >= spec.firms ? "chain_leader" : "small";
    f.first_pass_yield = 0.8 + 0.2 * static_cast<double>(uniform(1000)) / 1000.0;
    if (static_cast<double>(detection_rng() % 1000000) / 1e6 < spec.detection)
      f.detection = static_cast<double>(detection_rng() % 990) / 1000.0;
    b.add_firm(f);
  }
  std::vector<std::vector<std::pair<std::string, bool>>> inputs(spec.firms);  // per customer: name, essential
  std::set<std::pair<std::uint32_t, std::uint32_t>> seen;
  for (std::uint32_t k = 0, tries = 0; k < spec.links && tries < spec.links * 20; ++tries) {
    std::uint32_t u = uniform(spec.firms), v = uniform(spec.firms);
    if (u == v) continue;
    if (spec.acyclic && u > v) std::swap(u, v);
    if (!seen.insert({u, v}).second) continue;
    graphs::LinkRecord l;
    l.supplier = "F" + std::to_string(u);
    l.customer = "F" + std::to_string(v);
    auto& ins = inputs[v];
    switch (spec.mode) {
      case RandomChainSpec::Mode::pure_or:
        l.input = "x";
        break;
      case RandomChainSpec::Mode::pure_and:
        break;  // the default input: the supplier's own
      case RandomChainSpec::Mode::mixed:
        if (!ins.empty() && chance(spec.alternative)) {
          const auto& pick = ins[uniform(static_cast<std::uint32_t>(ins.size()))];
          l.input = pick.first;
          l.essential = pick.second;
        } else {
          ins.emplace_back("in" + std::to_string(ins.size()), !chance(spec.non_essential));
          l.input = ins.back().first;
          l.essential = ins.back().second;
        }
        break;
    }
    if (chance(spec.inspection)) l.inspection = static_cast<double>(uniform(900)) / 1000.0;
    b.add_link(l);
    ++k;
  }
  auto g = b.build();
  if (!g) throw std::runtime_error("random_chain: builder rejected the chain");
  return std::move(*g);
}

}  // namespace qchain::test
