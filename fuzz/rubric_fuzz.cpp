// Any bytes as a grading rubric against a small fixed chain: an InputError or grades with reasons.
#include <cstdint>
#include <string>

#include "qchain/engine/io/rubric_reader.hpp"
#include "qchain/engine/programme/firm_grading.hpp"
#include "qchain/report/grade_report.hpp"
#include "qchain/graphs/chain_loader.hpp"

namespace {
const qchain::graphs::ChainGraph& chain() {
  static const qchain::graphs::ChainGraph g = qchain::graphs::require_chain(qchain::graphs::load_chain_json_text(
      R"({"format": "qchain-chain/1", "chain": {"id": "c", "name": "C", "as_of": "2025-06-30"},
          "issues": [{"code": "MAT-01", "name": "m", "category": "material"}],
          "firms": [{"id": "A", "name": "a", "role": "micro", "first_pass_yield": 0.9, "issues": [{"code": "MAT-01", "severity": 3}],
                     "certifications": [{"scheme": "ISO9001", "status": "in_progress"}],
                     "assisted": {"by": "o", "since": "2025-01-01", "programme": "p"}},
                    {"id": "L", "name": "l", "role": "chain_leader", "maturity": "leaping",
                     "certifications": [{"scheme": "ISO9001", "status": "valid", "expires": "2025-06-30"}]}],
          "links": [{"supplier": "A", "customer": "L"}]})",
      "chain.json"));
  return g;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    const auto rubric = qchain::engine::parse_rubric(text, "fuzz.json");
    const auto r = qchain::engine::grade_firms(chain(), rubric);
    qchain::report::grading_text(chain(), rubric, r, qchain::report::Lang::zh, 5);
    qchain::report::grading_json(chain(), rubric, r);
  } catch (const qchain::InputError&) {
  }
  return 0;
}
