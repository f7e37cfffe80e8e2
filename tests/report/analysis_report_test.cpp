#include <rapidjson/document.h>

#include <set>

#include "../support/test_support.hpp"
#include "qchain/report/analysis_report.hpp"

namespace {

using namespace qchain;
using namespace qchain::graphs;
using namespace qchain::engine;
using namespace qchain::report;

const char* kDoc = R"({"format": "qchain-chain/1", "chain": {"id": "c", "name": "测试"},
  "segments": [{"id": "s0", "name": "铸件", "order": 0}, {"id": "s1", "name": "整机", "order": 1}],
  "firms": [{"id": "F0410", "name": "铸造厂", "role": "micro", "segment": "s0"},
            {"id": "F0102", "name": "伺服厂", "role": "small", "segment": "s0"},
            {"id": "F0001", "name": "链主", "role": "chain_leader", "segment": "s1"},
            {"id": "F0500", "name": "备用", "role": "micro", "segment": "s0"}],
  "links": [{"supplier": "F0410", "customer": "F0102", "input": "casting"},
            {"supplier": "F0102", "customer": "F0001", "input": "servo-motor"},
            {"supplier": "F0500", "customer": "F0001", "input": "paint", "essential": false}]})";

TEST(AnalysisReport, StructureJsonHasTheDocumentedShape) {
  const ChainGraph g = test::load_text(kDoc);
  const StructureAnalysis a = analyze_structure(g);
  AnalysisSections s;
  s.structure = &a;
  const std::string json = analysis_json(g, s, {});
  EXPECT_EQ(json, analysis_json(g, s, {}));
  rapidjson::Document d;
  ASSERT_FALSE(d.Parse(json.c_str()).HasParseError());
  const auto& st = d["structure"];
  EXPECT_EQ(st["tiers"]["F0001"].GetUint(), 2u);
  EXPECT_TRUE(st["cycles"].IsArray());
  EXPECT_TRUE(st["order_warnings"].IsArray());
  const auto& leader = st["leaders"][0];
  EXPECT_STREQ(leader["id"].GetString(), "F0001");
  EXPECT_EQ(leader["supply_base"].GetUint(), 3u);
  EXPECT_EQ(leader["supply_base_by_segment"]["s0"].GetUint(), 3u);
  EXPECT_EQ(leader["depth"].GetUint(), 2u);
  const auto& critical = leader["critical_suppliers"];
  ASSERT_EQ(critical.Size(), 2u);  // F0102 and F0410, not the non-essential F0500; by id
  EXPECT_STREQ(critical[0]["id"].GetString(), "F0102");
  const auto& path = critical[1]["path"];
  ASSERT_EQ(path.Size(), 5u);
  const char* expected[] = {"F0410", "casting", "F0102", "servo-motor", "F0001"};
  for (rapidjson::SizeType k = 0; k < 5; ++k) EXPECT_STREQ(path[k].GetString(), expected[k]);
  EXPECT_STREQ(st["cut_firms"][0]["id"].GetString(), "F0102");
  EXPECT_TRUE(st["betweenness_exact"].GetBool());
  EXPECT_STREQ(st["brokers"][0]["id"].GetString(), "F0102");
}

TEST(AnalysisReport, TextNamesCriticalSuppliersWithTheirPath) {
  const ChainGraph g = test::load_text(kDoc);
  const StructureAnalysis a = analyze_structure(g);
  AnalysisSections s;
  s.structure = &a;
  const std::string zh = analysis_text(g, s, {Lang::zh, 20});
  EXPECT_NE(zh.find("关键供应商"), std::string::npos);
  EXPECT_NE(zh.find("F0410 → casting → F0102 → servo-motor → F0001"), std::string::npos);
  const std::string en = analysis_text(g, s, {Lang::en, 20});
  EXPECT_NE(en.find("Cut firms"), std::string::npos);
}

}  // namespace

namespace {

TEST(AnalysisReport, QualityAndBottlenecksJson) {
  const ChainGraph g = test::load_text(R"({"format": "qchain-chain/1", "chain": {"id": "c", "name": "测试"},
    "segments": [{"id": "s0", "name": "铸件", "order": 0}, {"id": "s1", "name": "整机", "order": 1}],
    "issues": [{"code": "MAT-01", "name": "批次", "category": "material", "yield_loss": 0.02}],
    "firms": [{"id": "A", "name": "甲", "role": "micro", "segment": "s0", "first_pass_yield": 0.9, "detection": 0,
               "issues": [{"code": "MAT-01", "severity": 3}]},
              {"id": "B", "name": "乙", "role": "micro", "segment": "s0", "detection": 0},
              {"id": "L", "name": "链主", "role": "chain_leader", "segment": "s1", "first_pass_yield": 0.98}],
    "links": [{"supplier": "A", "customer": "L", "inspection": 0.5}, {"supplier": "B", "customer": "L", "inspection": 0.5}]})");
  const StructureAnalysis st = analyze_structure(g);
  const QualityAnalysis q = analyze_quality(g, st.components);
  const auto bottlenecks = find_bottlenecks(g, q, &st.critical, {5});
  AnalysisSections s;
  s.quality = &q;
  s.bottlenecks = &bottlenecks;
  rapidjson::Document d;
  ASSERT_FALSE(d.Parse(analysis_json(g, s, {}).c_str()).HasParseError());
  const auto& qj = d["quality"];
  EXPECT_FALSE(d.HasMember("structure"));
  EXPECT_TRUE(qj["firms"]["B"]["imputed"].GetBool());
  EXPECT_DOUBLE_EQ(qj["firms"]["B"]["own_yield"].GetDouble(), 0.9);  // the segment's median
  // A and B ship every defect (detection 0); L catches 0.9 (built in); inspection 0.5 on both links.
  const double expected = 1 - 0.1 * (1 - 0.98 * (1 - 0.1 * 0.5) * (1 - 0.1 * 0.5));
  EXPECT_NEAR(qj["leaders"][0]["delivered_yield"].GetDouble(), expected, 1e-12);
  EXPECT_NEAR(qj["leaders"][0]["origins_by_segment"]["s0"].GetDouble() + qj["leaders"][0]["origins_by_segment"]["s1"].GetDouble(), 1.0, 1e-12);
  EXPECT_STREQ(qj["weak_segment"].GetString(), "s0");
  EXPECT_STREQ(qj["issues"][0]["code"].GetString(), "MAT-01");
  EXPECT_GT(qj["issues"][0]["leader_gain"]["L"].GetDouble(), 0.0);
  EXPECT_TRUE(qj["converged"].GetBool());
  std::set<std::string> kinds;
  for (const auto& b : d["bottlenecks"].GetArray()) kinds.insert(b["kind"].GetString());
  EXPECT_EQ(kinds, (std::set<std::string>{"issue", "firm", "critical_supplier", "segment"}));
  // The JSON carries the numbers, never prose: the same document in every language.
  const auto& first = d["bottlenecks"][0];
  EXPECT_STREQ(first["id"].GetString(), "MAT-01");
  EXPECT_STREQ(first["leader"].GetString(), "L");
  EXPECT_GT(first["delivered_yield_fixed"].GetDouble(), first["delivered_yield"].GetDouble());
  EXPECT_FALSE(first.HasMember("reason"));
  ReportOptions en, zh;
  en.lang = Lang::en;
  zh.lang = Lang::zh;
  EXPECT_EQ(analysis_json(g, s, zh), analysis_json(g, s, en));
  // The report layer words the same numbers.
  const std::string reason = bottleneck_reason(g, bottlenecks[0], Lang::en);
  EXPECT_NE(reason.find("MAT-01"), std::string::npos);
  EXPECT_NE(reason.find("fixing it raises L's delivered yield"), std::string::npos);
  EXPECT_NE(bottleneck_reason(g, bottlenecks[0], Lang::zh).find("消除后链主 L 交付合格率"), std::string::npos);
}

// The streamed document is the document, in pieces of at most the writer's buffer.
TEST(AnalysisReport, StreamedJsonIsTheSameDocument) {
  const ChainGraph g = require_chain(load_chain(test::pilot_files().front()));
  const StructureAnalysis st = analyze_structure(g);
  const QualityAnalysis q = analyze_quality(g, st.components);
  AnalysisSections s;
  s.structure = &st;
  s.quality = &q;
  std::string streamed;
  std::size_t pieces = 0;
  write_analysis_json(g, s, {}, [&](std::string_view piece) {
    EXPECT_LE(piece.size(), std::size_t{1} << 16);
    streamed.append(piece);
    ++pieces;
  });
  EXPECT_EQ(streamed, analysis_json(g, s, {}));
  EXPECT_GT(pieces, 1u);
}

}  // namespace
