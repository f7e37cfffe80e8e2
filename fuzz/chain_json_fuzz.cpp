// Any bytes as a chain file: the loader must answer with a chain or diagnostics, never crash.
#include <cstdint>
#include <string>

#include "qchain/graphs/chain_loader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  const auto load = qchain::graphs::load_chain_json_text(text, "fuzz.json");
  if (load.chain && load.errors != 0) __builtin_trap();  // a chain only without errors
  return 0;
}
