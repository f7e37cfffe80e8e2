#pragma once
// `qchain benchmark` output (与先进水平比对): a stable JSON document and readable tables.
#include <string>

#include "qchain/engine/programme/benchmark.hpp"
#include "qchain/report/text_table.hpp"

namespace qchain::report {

std::string benchmark_json(const graphs::ChainGraph& g, const engine::Benchmark& b, const engine::BenchmarkResult& r);
// `top`: rows in the lists of firms below the domestic level and of issue categories above it.
std::string benchmark_text(const graphs::ChainGraph& g, const engine::Benchmark& b, const engine::BenchmarkResult& r, Lang lang, std::size_t top);

// The entry's name for tables: the segment's name, and the role when the entry has one.
std::string benchmark_entry_label(const graphs::ChainGraph& g, const engine::BenchmarkEntry& e, Lang lang);

}  // namespace qchain::report
