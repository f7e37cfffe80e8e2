// The trend's document and tables: absent values as null and "-", names from the latest snapshot.
#include <rapidjson/document.h>

#include "../support/test_support.hpp"
#include "qchain/engine/programme/chain_comparison.hpp"
#include "qchain/report/trend_report.hpp"

namespace {

using namespace qchain;
using namespace qchain::graphs;
using namespace qchain::engine;

std::string chain(const char* as_of, const char* segment_name, bool second_leader) {
  return std::string(R"({"format": "qchain-chain/1", "chain": {"id": "c", "name": "测试链", "as_of": ")") + as_of +
         R"("}, "segments": [{"id": "s", "name": ")" + segment_name + R"(", "order": 0}],
 "firms": [{"id": "A", "name": "甲", "role": "micro", "segment": "s", "first_pass_yield": 0.9},
           {"id": "L", "name": "链主", "role": "chain_leader", "segment": "s", "first_pass_yield": 0.95})" +
         (second_leader ? R"(, {"id": "M", "name": "新链主", "role": "chain_leader", "segment": "s"})" : "") +
         R"(], "links": [{"supplier": "A", "customer": "L"}]})";
}

struct Trend {
  ChainGraph before = test::load_text(chain("2024-06-30", "旧名", false));
  ChainGraph after = test::load_text(chain("2025-06-30", "拉丝", true));
  std::vector<double> d0 = delivered_defects(before), d1 = delivered_defects(after);
  std::vector<const ChainGraph*> snapshots{&before, &after};
  TrendResult t = chain_trend({{&before, &d0}, {&after, &d1}});
};

TEST(TrendReport, JsonNamesFromTheLatestAndNullWhereAbsent) {
  const Trend x;
  rapidjson::Document d;
  ASSERT_FALSE(d.Parse(report::trend_json(x.snapshots, x.t).c_str()).HasParseError());
  ASSERT_TRUE(d.IsObject());
  EXPECT_EQ(d["chain"], "c");
  EXPECT_EQ(d["segments"][0]["name"], "拉丝");
  ASSERT_EQ(d["leaders"].Size(), 2u);
  EXPECT_EQ(d["leaders"][1]["name"], "新链主");
  EXPECT_TRUE(d["snapshots"][0]["leader_delivered_yield"][1].IsNull());  // not a leader before
  EXPECT_TRUE(d["snapshots"][1]["leader_delivered_yield"][1].IsNumber());
  EXPECT_EQ(d["steps"][0]["to"], "2025-06-30");
  EXPECT_EQ(d["steps"][0]["added"].GetUint(), 1u);
}

TEST(TrendReport, TablesInBothLanguages) {
  const Trend x;
  const std::string zh = report::trend_text(x.snapshots, x.t, report::Lang::zh);
  EXPECT_NE(zh.find("测试链：历次调查趋势（2 期）"), std::string::npos) << zh;
  EXPECT_NE(zh.find("各期变化"), std::string::npos);
  EXPECT_NE(zh.find("新链主"), std::string::npos);
  const std::string en = report::trend_text(x.snapshots, x.t, report::Lang::en);
  EXPECT_NE(en.find("trend over 2 snapshots"), std::string::npos) << en;
  EXPECT_NE(en.find("Chain leaders' delivered yield"), std::string::npos);
  EXPECT_FALSE(test::has_cjk(en.substr(en.find("Each snapshot"), 200)));
}

}  // namespace
