#include "qchain/engine/io/benchmark_reader.hpp"
#include "qchain/engine/programme/benchmark.hpp"

#include <rapidjson/document.h>

#include <cmath>

#include "../../support/test_support.hpp"
#include "qchain/report/benchmark_report.hpp"

namespace {

using namespace qchain;
using namespace qchain::graphs;
using namespace qchain::engine;
using namespace qchain::report;

const char* kChain = R"({"format": "qchain-chain/1", "chain": {"id": "c", "name": "C"},
  "segments": [{"id": "fab", "name": "伞布", "order": 0}, {"id": "asm", "name": "整伞", "order": 1}],
  "issues": [{"code": "MAT-01", "name": "m", "category": "material"}, {"code": "MTH-01", "name": "t", "category": "method"}],
  "firms": [
    {"id": "A", "name": "a", "role": "micro", "segment": "fab", "first_pass_yield": 0.90, "issues": [{"code": "MAT-01", "severity": 2}]},
    {"id": "B", "name": "b", "role": "micro", "segment": "fab", "first_pass_yield": 0.96},
    {"id": "C", "name": "c", "role": "small", "segment": "fab", "first_pass_yield": 0.95, "issues": [{"code": "MTH-01", "severity": 1}],
     "certifications": [{"scheme": "ISO 9001", "status": "valid"}]},
    {"id": "D", "name": "d", "role": "small", "segment": "fab",
     "certifications": [{"scheme": "ISO9001", "status": "suspended"}]},
    {"id": "L", "name": "l", "role": "chain_leader", "segment": "asm", "first_pass_yield": 0.97}],
  "links": [{"supplier": "A", "customer": "L"}, {"supplier": "B", "customer": "L"}, {"supplier": "C", "customer": "L"},
            {"supplier": "D", "customer": "L"}]})";

std::string level(double d, double i) {
  return R"("domestic": )" + std::to_string(d) + R"(, "international": )" + std::to_string(i) + R"(, "source": "s", "year": 2024)";
}

const std::string kBench = R"({"format": "qchain-benchmark/1", "name": "b", "illustrative": true, "entries": [
  {"segment": "伞布", "first_pass_yield": {)" + level(0.97, 0.985) + R"(},
   "certification_coverage": [{"scheme": "iso9001", )" + level(0.6, 0.85) + R"(}],
   "issue_share": [{"category": "material", )" + level(0.1, 0.05) + R"(}]},
  {"segment": "fab", "role": "micro", "first_pass_yield": {)" + level(0.95, 0.97) + R"(}},
  {"segment": "mould", "first_pass_yield": {)" + level(0.9, 0.95) + R"(}}]})";

TEST(Benchmark, EachFirmIsHeldAgainstItsOwnEntry) {
  const ChainGraph g = test::load_text(kChain);
  const Benchmark b = parse_benchmark(kBench, "b.json", g);
  EXPECT_EQ(b.unmatched_segments, std::vector<std::string>{"mould"});
  const BenchmarkResult r = benchmark_chain(g, b);
  ASSERT_EQ(r.entries.size(), 2u);
  // The segment entry (matched by name) holds C and D, the small firms; the micro entry A and B.
  const EntryComparison& seg = r.entries[0];
  EXPECT_EQ(seg.firms, 2u);
  EXPECT_EQ(seg.with_yield, 1u);  // D has no yield of its own: not averaged in, never imputed
  EXPECT_NEAR(seg.yield->chain, 0.95, 1e-15);
  EXPECT_NEAR(seg.yield->gap_domestic(), 0.02, 1e-12);
  EXPECT_NEAR(seg.coverage[0].second.chain, 0.5, 1e-15);  // C holds ISO 9001 in force, D's is suspended
  EXPECT_NEAR(seg.issue_share[0].second.chain, 0.0, 1e-15);
  EXPECT_NEAR(seg.issue_share[0].second.gap_domestic(), -0.1, 1e-12);  // ahead: fewer firms with material issues
  const EntryComparison& micro = r.entries[1];
  EXPECT_EQ(micro.firms, 2u);
  EXPECT_NEAR(micro.yield->chain, 0.93, 1e-12);
  // Below the domestic level of their own entry: A against 0.95 (micro), C against 0.97; B (0.96) is
  // above the micro level although below the segment's.
  ASSERT_EQ(r.firms_below.size(), 2u);
  EXPECT_EQ(g.firm(r.firms_below[0].firm).id, "A");
  EXPECT_NEAR(r.firms_below[0].gap, 0.05, 1e-12);
  EXPECT_EQ(g.firm(r.firms_below[1].firm).id, "C");
  EXPECT_NEAR(r.firms_below[1].gap, 0.02, 1e-12);
  rapidjson::Document d;
  d.Parse(benchmark_json(g, b, r).c_str());
  ASSERT_TRUE(d.IsObject());
  EXPECT_STREQ(d["unmatched_segments"][0].GetString(), "mould");
  EXPECT_NEAR(d["segments"][0]["first_pass_yield"]["gap_domestic"].GetDouble(), 0.02, 1e-12);
  EXPECT_STREQ(d["firms_below_domestic"][0]["id"].GetString(), "A");
  EXPECT_NE(benchmark_text(g, b, r, Lang::en, 10).find("warning: the benchmark's segment mould is not in this chain"), std::string::npos);
}

TEST(Benchmark, IssueCategoriesAboveTheReferenceAreRanked) {
  const ChainGraph g = test::load_text(kChain);
  const std::string bench = R"({"format": "qchain-benchmark/1", "entries": [{"segment": "fab", "role": "micro",
    "issue_share": [{"category": "material", )" + level(0.2, 0.1) + R"(}, {"category": "method", )" + level(0.4, 0.1) + R"(}]}]})";
  const BenchmarkResult r = benchmark_chain(g, parse_benchmark(bench, "b.json", g));
  ASSERT_EQ(r.categories_above.size(), 1u);  // A has material (1 of 2 micro firms = 0.5 > 0.2); method 0 < 0.4
  EXPECT_EQ(r.categories_above[0].category, IssueCategory::material);
  EXPECT_NEAR(r.categories_above[0].excess, 0.3, 1e-12);
}

std::vector<std::string> problems(const std::string& text) {
  const ChainGraph g = test::load_text(kChain);
  std::vector<std::string> out;
  try {
    parse_benchmark(text, "b.json", g);
  } catch (const InputError& e) {
    for (const auto& d : e.diagnostics()) out.push_back(format_diagnostic(d));
  }
  return out;
}

TEST(Benchmark, BadInputIsLocatedAndNamed) {
  const auto m = problems(R"({"format": "qchain-benchmark/1", "entries": [
  {"segment": "fab", "first_pass_yield": {"domestic": 97, "source": "s", "year": 2024}},
  {"segment": "fab", "certification_coverage": [{"scheme": "ISO9001", "domestic": 0.6, "year": 2024}]},
  {"segment": "asm", "certification_coverage": [{"scheme": "XYZ-1", "domestic": 0.6, "source": "s", "year": 2024}],
   "issue_share": [{"category": "money", "domestic": 0.1, "source": "s", "year": 2024}]}]})");
  const std::vector<std::string> expected = {
      "b.json:2:43: entries[0].first_pass_yield.domestic: must be between 0 and 1, got 97",
      "b.json:3:3: entries[1]: duplicate entry for segment \"fab\"",
      "b.json:3:49: entries[1].certification_coverage[0].source: required field is missing",
      "b.json:4:50: entries[2].certification_coverage[0].scheme: unknown certification scheme \"XYZ-1\"",
      "b.json:5:21: entries[2].issue_share[0].category: unknown category \"money\" (expected man, machine, material, method, "
      "measurement or environment)"};
  for (const std::string& e : expected) EXPECT_NE(std::find(m.begin(), m.end(), e), m.end()) << e << "\nin " << ::testing::PrintToString(m);
  EXPECT_EQ(m.size(), expected.size()) << ::testing::PrintToString(m);
}

TEST(Benchmark, BundledIllustrativeFilesLoadAgainstTheirPilots) {
  for (const std::string& pilot : test::pilot_files()) {
    if (pilot.find(".before.") != std::string::npos) continue;
    const std::string name = pilot.substr(pilot.find_last_of('/') + 1);
    SCOPED_TRACE(name);
    const ChainGraph g = require_chain(load_chain(pilot));
    const Benchmark b = load_benchmark(test::source_path("data/benchmarks/" + name), g);
    EXPECT_TRUE(b.illustrative);  // no invented figure presented as official
    EXPECT_TRUE(b.unmatched_segments.empty());
    for (const BenchmarkEntry& e : b.entries)
      if (e.yield) {
        EXPECT_NE(e.yield->source.find("示意"), std::string::npos);
      }
    EXPECT_FALSE(benchmark_chain(g, b).entries.empty());
  }
}

}  // namespace
