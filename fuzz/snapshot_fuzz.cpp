// Any bytes as a .qcsr snapshot: the reader must answer with a chain or one error, never crash.
// Checksums are off for half the inputs (by the first byte), so that mutations reach the structural
// checks behind them; a chain accepted must then be safe to walk.
#include <cstdint>
#include <string>

#include "qchain/graphs/snapshot.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  qchain::graphs::SnapshotOptions options;
  options.verify_checksums = (data[0] & 1) != 0;
  const std::string bytes(reinterpret_cast<const char*>(data + 1), size - 1);
  const auto load = qchain::graphs::load_snapshot_bytes(bytes, "fuzz.qcsr", options);
  if (!load.chain) {
    if (load.errors != 1 || load.diagnostics.size() != 1) __builtin_trap();
    return 0;
  }
  const auto& g = *load.chain;
  std::uint64_t sum = 0;
  for (qchain::graphs::FirmId v = 0; v < g.firm_count(); ++v) {
    for (const auto end : g.supplier_links_of(v)) sum += g.link(end.link).customer + end.firm;
    for (const std::uint32_t grp : g.input_groups_of(v)) sum += g.group_links(grp).size();
    for (const auto w : g.customers_of(v)) sum += g.firm(w).id.size();
    sum += g.input_of(v < g.link_count() ? v : 0).size() * (g.link_count() > 0);
  }
  if (sum == 0xFFFFFFFFFFFFFFFFull) __builtin_trap();  // keeps the walk from being optimised away
  return 0;
}
