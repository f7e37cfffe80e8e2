#include <rapidjson/document.h>

#include "../support/test_support.hpp"
#include "qchain/engine/analysis_report.hpp"

namespace {

using namespace qchain;
using namespace qchain::graphs;
using namespace qchain::engine;

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
