// Any bytes as a scenario against a small fixed chain: an InputError or a scenario that applies.
#include <cstdint>
#include <string>

#include "qchain/engine/io/scenario_reader.hpp"
#include "qchain/engine/quality/own_defects.hpp"
#include "qchain/engine/scenario/scenario.hpp"
#include "qchain/graphs/chain_loader.hpp"

namespace {
const qchain::graphs::ChainGraph& chain() {
  static const qchain::graphs::ChainGraph g = qchain::graphs::require_chain(qchain::graphs::load_chain_json_text(
      R"({"format": "qchain-chain/1", "chain": {"id": "c", "name": "C"},
          "segments": [{"id": "s", "name": "S", "order": 0}],
          "issues": [{"code": "MAT-01", "name": "m", "category": "material"}],
          "firms": [{"id": "A", "name": "a", "role": "micro", "segment": "s", "issues": [{"code": "MAT-01", "severity": 2}],
                     "certifications": [{"scheme": "ISO9001", "status": "valid"}]},
                    {"id": "L", "name": "l", "role": "chain_leader"}],
          "links": [{"supplier": "A", "customer": "L", "requires": ["ISO9001"]}]})",
      "chain.json"));
  return g;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    const auto s = qchain::engine::parse_scenario(text, "fuzz.json", chain());
    const auto own = qchain::engine::own_defects(chain());
    qchain::engine::apply_scenario(chain(), s, own, qchain::engine::attribute_issues(chain(), own.rate));
  } catch (const qchain::InputError&) {
  }
  return 0;
}
