#include <rapidjson/document.h>

#include <cmath>

#include "../../support/test_support.hpp"
#include "qchain/report/analysis_report.hpp"
#include "qchain/engine/production/certification_gaps.hpp"

namespace {

using namespace qchain;
using namespace qchain::graphs;
using namespace qchain::engine;
using namespace qchain::report;

// S2's ISO 9001 expired before as_of and M's IATF 16949 is suspended; S3 holds nothing. Enforcing
// every requirement stops M (its only source of input b is S2), hence L1 (its only source of m is
// M), and halves L2's input c (half of it from S3).
const char* kChain = R"({"format": "qchain-chain/1", "chain": {"id": "g", "name": "G", "as_of": "2024-06-30"},
  "segments": [{"id": "parts", "name": "零件", "order": 0}, {"id": "assy", "name": "组件", "order": 1}, {"id": "final", "name": "整机", "order": 2}],
  "firms": [
    {"id": "S1", "name": "s1", "role": "micro", "segment": "parts", "certifications": [{"scheme": "ISO9001", "status": "valid"}]},
    {"id": "S2", "name": "s2", "role": "micro", "segment": "parts", "certifications": [{"scheme": "ISO9001", "status": "valid", "expires": "2024-01-31"}]},
    {"id": "S3", "name": "s3", "role": "small", "segment": "parts"},
    {"id": "M", "name": "m", "role": "medium", "segment": "assy",
     "certifications": [{"scheme": "ISO9001", "status": "valid"}, {"scheme": "IATF16949", "status": "suspended"}]},
    {"id": "L1", "name": "l1", "role": "chain_leader", "segment": "final", "revenue": 300},
    {"id": "L2", "name": "l2", "role": "chain_leader", "segment": "final", "revenue": 100}],
  "links": [
    {"supplier": "S1", "customer": "M", "input": "a", "requires": ["ISO9001"], "value": 1},
    {"supplier": "S2", "customer": "M", "input": "b", "requires": ["ISO9001"], "value": 1},
    {"supplier": "S3", "customer": "M", "input": "d", "essential": false, "requires": ["ISO9001", "IATF16949"], "value": 1},
    {"supplier": "M", "customer": "L1", "input": "m", "requires": ["IATF16949"], "value": 1},
    {"supplier": "S3", "customer": "L2", "input": "c", "share": 0.5, "requires": ["ISO9001"], "value": 1},
    {"supplier": "S1", "customer": "L2", "input": "c", "share": 0.5, "value": 1}]})";

TEST(CertificationGaps, HandCheckedChain) {
  const ChainGraph g = test::load_text(kChain);
  const ProductionModel m(g);
  CertificationGapOptions o;
  o.production = &m;
  const CertificationGapsResult r = certification_gaps(g, o);
  EXPECT_EQ(r.requires_links, 5u);
  EXPECT_EQ(r.gap_links, (std::vector<LinkId>{1, 2, 3, 4}));
  EXPECT_EQ(r.gaps.size(), 5u);  // S3 → M misses two schemes
  const auto id = [&](const char* s) { return *g.find_firm(s); };
  EXPECT_EQ(r.gap_links_by_supplier[id("S1")], 0u);
  EXPECT_EQ(r.gap_links_by_supplier[id("S2")], 1u);
  EXPECT_EQ(r.gap_links_by_supplier[id("S3")], 2u);
  EXPECT_EQ(r.gap_links_by_supplier[id("M")], 1u);
  const std::uint32_t parts = *g.find_segment("parts"), assy = *g.find_segment("assy");
  EXPECT_EQ(r.requires_by_segment[parts], 4u);
  EXPECT_EQ(r.gap_links_by_segment[parts], 3u);
  EXPECT_EQ(r.requires_by_segment[assy], 1u);
  EXPECT_EQ(r.gap_links_by_segment[assy], 1u);

  ASSERT_EQ(r.leaders.size(), 2u);
  EXPECT_EQ(r.leaders[0].requires_links, 4u);  // L1's base: S1, S2, S3, M
  EXPECT_EQ(r.leaders[0].gap_links, 3u);
  EXPECT_EQ(r.leaders[1].requires_links, 1u);  // L2's base: S1, S3
  EXPECT_EQ(r.leaders[1].gap_links, 1u);
  EXPECT_DOUBLE_EQ(r.leaders[0].output_at_risk, 1.0);
  EXPECT_DOUBLE_EQ(r.leaders[1].output_at_risk, 0.5);
  EXPECT_DOUBLE_EQ(r.output_at_risk, 0.75 * 1.0 + 0.25 * 0.5);  // revenue weights 300 : 100

  // Links fully closed first, then gaps, then supplier id, then scheme name.
  ASSERT_EQ(r.pairs.size(), 4u);
  const auto pair = [&](std::size_t k) { return g.firm(r.pairs[k].supplier).id + "/" + g.schemes()[r.pairs[k].scheme]; };
  EXPECT_EQ(pair(0), "S3/ISO9001");
  EXPECT_EQ(pair(1), "M/IATF16949");
  EXPECT_EQ(pair(2), "S2/ISO9001");
  EXPECT_EQ(pair(3), "S3/IATF16949");
  EXPECT_EQ(r.pairs[0].gaps, 2u);
  EXPECT_EQ(r.pairs[0].links_closed, 1u);  // S3 → M still misses IATF 16949
  EXPECT_EQ(r.pairs[3].links_closed, 0u);
  // S3's ISO 9001 gives L2 its input c back; M's or S2's certificate alone leaves L1 stopped by the other.
  EXPECT_DOUBLE_EQ(r.pairs[0].protected_output, 0.25 * 0.5);
  EXPECT_DOUBLE_EQ(r.pairs[1].protected_output, 0.0);
  EXPECT_DOUBLE_EQ(r.pairs[2].protected_output, 0.0);
  EXPECT_DOUBLE_EQ(r.pairs[3].protected_output, 0.0);
}

TEST(CertificationGaps, CountsWithoutAProductionModelAndProtectTopHonoured) {
  const ChainGraph g = test::load_text(kChain);
  const CertificationGapsResult counts = certification_gaps(g);
  EXPECT_EQ(counts.gap_links.size(), 4u);
  EXPECT_TRUE(std::isnan(counts.output_at_risk));
  EXPECT_TRUE(std::isnan(counts.leaders[0].output_at_risk));
  EXPECT_TRUE(std::isnan(counts.pairs[0].protected_output));
  const ProductionModel m(g);
  CertificationGapOptions o;
  o.production = &m;
  o.protect_top = 1;
  const CertificationGapsResult r = certification_gaps(g, o);
  EXPECT_FALSE(std::isnan(r.pairs[0].protected_output));
  EXPECT_TRUE(std::isnan(r.pairs[1].protected_output));
}

TEST(CertificationGaps, InAnalyzeJsonAndTextInBothLanguages) {
  const ChainGraph g = test::load_text(kChain);
  const ProductionModel m(g);
  CertificationGapOptions o;
  o.production = &m;
  const CertificationGapsResult r = certification_gaps(g, o);
  AnalysisSections s;
  s.gaps = &r;
  std::string json[2];
  int k = 0;
  for (Lang lang : {Lang::zh, Lang::en}) {
    json[k++] = analysis_json(g, s, {lang, 20});
    const std::string text = analysis_text(g, s, {lang, 20});
    EXPECT_NE(text.find(lang == Lang::zh ? "【认证缺口】" : "[Certification gaps]"), std::string::npos);
    EXPECT_NE(text.find("S3 s3 → L2 l2（c）"), std::string::npos) << text;
  }
  EXPECT_EQ(json[0], json[1]);  // keys and values identical under both languages
  rapidjson::Document d;
  d.Parse(json[0].c_str());
  ASSERT_TRUE(d.IsObject());
  const auto& c = d["certification_gaps"];
  EXPECT_EQ(c["requires_links"].GetUint(), 5u);
  EXPECT_EQ(c["gap_links"].GetUint(), 4u);
  EXPECT_EQ(c["gaps"].GetUint(), 5u);
  EXPECT_FALSE(c["baseline_cuts_gaps"].GetBool());
  EXPECT_DOUBLE_EQ(c["output_at_risk"].GetDouble(), 0.875);
  EXPECT_EQ(std::string(c["pairs"][0]["supplier"].GetString()), "S3");
  EXPECT_EQ(c["links"].Size(), 4u);
  EXPECT_EQ(c["links"][1]["missing"].Size(), 2u);
  EXPECT_EQ(c["by_segment"]["parts"]["gap_links"].GetUint(), 3u);
}

TEST(CertificationGaps, NeverSilent) {
  // No requirement anywhere: the section says so rather than vanish.
  const ChainGraph g = test::load_text(R"({"format": "qchain-chain/1", "chain": {"id": "n", "name": "N"},
    "firms": [{"id": "A", "name": "a", "role": "micro"}, {"id": "L", "name": "l", "role": "chain_leader"}],
    "links": [{"supplier": "A", "customer": "L"}]})");
  const CertificationGapsResult r = certification_gaps(g);
  EXPECT_EQ(r.requires_links, 0u);
  EXPECT_TRUE(r.gap_links.empty());
  EXPECT_NE(gaps_text(g, r, {Lang::en, 20}).find("No link names a required certification"), std::string::npos);
  EXPECT_NE(gaps_text(g, r, {Lang::zh, 20}).find("没有要求认证的供应关系"), std::string::npos);
}

TEST(CertificationGaps, HuangpuPilotAsTheIssueCounted) {
  // Issue 14: 28 of the 58 `requires` links of the Huangpu pilot come from suppliers without the
  // certificate in force.
  const ChainGraph g = require_chain(load_chain(test::source_path("data/pilots/huangpu-smart-equipment.json")));
  const CertificationGapsResult r = certification_gaps(g);
  EXPECT_EQ(r.requires_links, 58u);
  EXPECT_EQ(r.gap_links.size(), 28u);
}

}  // namespace
