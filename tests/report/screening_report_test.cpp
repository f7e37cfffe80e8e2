#include "qchain/report/screening_report.hpp"

#include <rapidjson/document.h>

#include "../support/test_support.hpp"

namespace {

using namespace qchain;
using namespace qchain::graphs;
using namespace qchain::engine;
using namespace qchain::report;

// A and E are keen, B is not, C moderately, D did not say.
const char* kChain = R"({"format": "qchain-chain/1", "chain": {"id": "c", "name": "C"},
  "firms": [
    {"id": "A", "name": "甲", "role": "micro", "first_pass_yield": 0.92, "willingness": "strong"},
    {"id": "B", "name": "乙", "role": "micro", "first_pass_yield": 0.80, "willingness": "weak"},
    {"id": "C", "name": "丙", "role": "small", "first_pass_yield": 0.90, "willingness": "moderate"},
    {"id": "D", "name": "丁", "role": "small", "first_pass_yield": 0.85},
    {"id": "E", "name": "戊", "role": "micro", "first_pass_yield": 0.95, "willingness": "strong"},
    {"id": "L", "name": "链主", "role": "chain_leader", "first_pass_yield": 0.98}],
  "links": [{"supplier": "A", "customer": "L"}, {"supplier": "B", "customer": "L"}, {"supplier": "C", "customer": "L"},
            {"supplier": "D", "customer": "L"}, {"supplier": "E", "customer": "L", "essential": false, "weight": 0.01}]})";

struct Fixture {
  ChainGraph g = test::load_text(kChain);
  StrongComponentsResult scc = strong_components(g);
  DefectPropagator prop{g, scc};
  QualityBaseline base = quality_baseline(prop);
  ScreeningOptions options{Willingness::strong};
  ScreeningResult r = screen_candidates(prop, base, PlanOptions{}, options);
};

TEST(ScreeningReport, JsonHasEveryFirmWithItsReason) {
  const Fixture f;
  const std::string json = screening_json(f.g, f.r, f.options);
  rapidjson::Document d;
  ASSERT_FALSE(d.Parse(json.c_str()).HasParseError()) << json;
  EXPECT_STREQ(d["minimum_willingness"].GetString(), "strong");
  EXPECT_EQ(d["screened"].GetUint(), 2u);
  EXPECT_EQ(d["willingness_low"].GetUint(), 2u);
  EXPECT_EQ(d["willingness_unknown"].GetUint(), 1u);
  EXPECT_EQ(d["no_potential"].GetUint(), 0u);
  ASSERT_EQ(d["firms"].Size(), 5u);
  EXPECT_STREQ(d["firms"][0]["id"].GetString(), "A");
  EXPECT_STREQ(d["firms"][0]["reason"].GetString(), "screened");
  for (const auto& firm : d["firms"].GetArray()) {
    const std::string id = firm["id"].GetString();
    EXPECT_TRUE(firm["potential"].IsNumber()) << id;
    if (id == "D") {
      EXPECT_TRUE(firm["willingness"].IsNull());  // not recorded: null, not a made-up value
      EXPECT_STREQ(firm["reason"].GetString(), "willingness_unknown");
    } else {
      EXPECT_TRUE(firm["willingness"].IsString()) << id;
    }
  }
  EXPECT_EQ(json, screening_json(f.g, f.r, f.options));
}

TEST(ScreeningReport, TextListsTheScreenedAndApartTheFirmsToAsk) {
  const Fixture f;
  const std::string zh = screening_text(f.g, f.r, f.options, Lang::zh, 10);
  EXPECT_EQ(zh.rfind("【帮扶对象筛选清单】提升意愿至少为“强”，按提升潜力排序\n", 0), 0u) << zh;
  EXPECT_NE(zh.find("入选 2 家；意愿不足 2 家；未填意愿 1 家（需逐家核实，见下表）；无提升潜力 0 家\n"), std::string::npos) << zh;
  EXPECT_NE(zh.find("提升潜力(百分点)"), std::string::npos);  // the goal is the leaders' yield
  EXPECT_NE(zh.find("未填提升意愿的企业（不会被静默剔除，请补充调查）："), std::string::npos);
  EXPECT_NE(zh.find("待核实：未填提升意愿"), std::string::npos);
  const std::string en = screening_text(f.g, f.r, f.options, Lang::en, 10);
  EXPECT_EQ(en.rfind("[Screening list] willingness at least strong, ranked by potential\n", 0), 0u) << en;
  EXPECT_NE(en.find("out: willingness below the threshold"), std::string::npos);
  EXPECT_FALSE(test::has_cjk(en.substr(0, en.find("ID"))));  // names are data; the wording is English
  // `top` cuts the screened table only; the firms to ask are always listed in full.
  const std::string one = screening_text(f.g, f.r, f.options, Lang::en, 1);
  EXPECT_NE(one.find("\nA "), std::string::npos);
  EXPECT_EQ(one.find("\nE "), std::string::npos);
  EXPECT_NE(one.find("\nD "), std::string::npos);
  EXPECT_NE(screening_text(f.g, f.r, f.options, Lang::en, 0).find("(none)\n"), std::string::npos);
}

TEST(ScreeningReport, WillingnessLabels) {
  EXPECT_STREQ(willingness_label(Willingness::strong, Lang::zh), "强");
  EXPECT_STREQ(willingness_label(Willingness::moderate, Lang::zh), "一般");
  EXPECT_STREQ(willingness_label(Willingness::weak, Lang::zh), "弱");
  EXPECT_STREQ(willingness_label(Willingness::unknown, Lang::zh), "未填");
  EXPECT_STREQ(willingness_label(Willingness::unknown, Lang::en), "not recorded");
}

}  // namespace
