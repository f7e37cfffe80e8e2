#pragma once
// `qchain benchmark` output (与先进水平比对): a stable JSON document and readable tables.
#include <string>

#include "qchain/engine/benchmark.hpp"
#include "qchain/engine/text_table.hpp"

namespace qchain::engine {

std::string benchmark_json(const graphs::ChainGraph& g, const Benchmark& b, const BenchmarkResult& r);
// `top`: rows in the lists of firms below the domestic level and of issue categories above it.
std::string benchmark_text(const graphs::ChainGraph& g, const Benchmark& b, const BenchmarkResult& r, Lang lang, std::size_t top);

// The entry's name for tables: the segment's name, and the role when the entry has one.
std::string benchmark_entry_label(const graphs::ChainGraph& g, const BenchmarkEntry& e, Lang lang);

}  // namespace qchain::engine
