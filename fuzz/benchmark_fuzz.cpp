// Any bytes as reference levels against a small fixed chain: an InputError or a comparison written out.
#include <cstdint>
#include <string>

#include "qchain/engine/io/benchmark_reader.hpp"
#include "qchain/engine/programme/benchmark.hpp"
#include "qchain/report/benchmark_report.hpp"
#include "qchain/graphs/chain_loader.hpp"

namespace {
const qchain::graphs::ChainGraph& chain() {
  static const qchain::graphs::ChainGraph g = qchain::graphs::require_chain(qchain::graphs::load_chain_json_text(
      R"({"format": "qchain-chain/1", "chain": {"id": "c", "name": "C", "as_of": "2025-06-30"},
          "segments": [{"id": "s", "name": "伞布", "order": 0}, {"id": "t", "name": "整伞", "order": 1}],
          "issues": [{"code": "MAT-01", "name": "m", "category": "material"}],
          "firms": [{"id": "A", "name": "a", "role": "micro", "segment": "s", "first_pass_yield": 0.9, "issues": [{"code": "MAT-01", "severity": 3}],
                     "certifications": [{"scheme": "ISO9001", "status": "valid"}]},
                    {"id": "B", "name": "b", "role": "small", "segment": "s"},
                    {"id": "L", "name": "l", "role": "chain_leader", "segment": "t", "first_pass_yield": 0.97}],
          "links": [{"supplier": "A", "customer": "L"}, {"supplier": "B", "customer": "L"}]})",
      "chain.json"));
  return g;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    const auto b = qchain::engine::parse_benchmark(text, "fuzz.json", chain());
    const auto r = qchain::engine::benchmark_chain(chain(), b);
    qchain::report::benchmark_text(chain(), b, r, qchain::report::Lang::zh, 5);
    qchain::report::benchmark_json(chain(), b, r);
  } catch (const qchain::InputError&) {
  }
  return 0;
}
