#pragma once
// Reading domestic and international reference levels (qchain-benchmark/1, data/schema/BENCHMARK.md).
#include <string>

#include "qchain/engine/programme/benchmark.hpp"

namespace qchain::engine {

// Throws IoError when the file cannot be read, InputError with every problem (file:line:column) when it
// is invalid. Problems: a level outside [0, 1], a missing source or year, an unknown role, scheme or
// category, a duplicate entry (same segment and role) or a scheme or category listed twice in one entry.
// A segment the chain does not have is not an error: it is listed in unmatched_segments.
Benchmark load_benchmark(const std::string& path, const graphs::ChainGraph& g);
Benchmark parse_benchmark(const std::string& text, const std::string& name, const graphs::ChainGraph& g);

}  // namespace qchain::engine
