#include <rapidjson/document.h>

#include <cmath>

#include "../../support/test_support.hpp"
#include "qchain/engine/structure/chain_summary.hpp"
#include "qchain/report/summary_report.hpp"

namespace {

using namespace qchain;
using namespace qchain::graphs;
using namespace qchain::engine;
using namespace qchain::report;

const char* kDoc = R"({"format": "qchain-chain/1", "chain": {"id": "c", "name": "测试链", "region": "安平县"},
  "segments": [{"id": "down", "name": "深加工", "order": 1}, {"id": "up", "name": "拉丝", "order": 0}],
  "issues": [{"code": "MAT-01", "name": "批次", "category": "material"}, {"code": "MAN-02", "name": "培训", "category": "man"}],
  "firms": [
    {"id": "A", "name": "甲", "role": "micro", "segment": "up", "first_pass_yield": 0.8, "revenue": 100,
     "issues": [{"code": "MAT-01", "severity": 2}], "certifications": [{"scheme": "ISO9001", "status": "valid"}]},
    {"id": "B", "name": "乙", "role": "small", "segment": "up", "first_pass_yield": 0.9, "revenue": 300,
     "issues": [{"code": "MAT-01", "severity": 4}, {"code": "MAN-02", "severity": 1}],
     "certifications": [{"scheme": "ISO9001", "status": "in_progress"}]},
    {"id": "C", "name": "丙", "role": "small", "segment": "up"},
    {"id": "L", "name": "链主", "role": "chain_leader", "segment": "down", "first_pass_yield": 0.96},
    {"id": "X", "name": "散户", "role": "micro"}],
  "links": [{"supplier": "A", "customer": "L"}, {"supplier": "B", "customer": "L"}, {"supplier": "C", "customer": "L"},
            {"supplier": "X", "customer": "A"}]})";

TEST(ChainSummary, CountsAndYields) {
  const ChainGraph g = test::load_text(kDoc);
  const ChainSummary s = summarize_chain(g);
  EXPECT_EQ(s.firms, 5u);
  EXPECT_EQ(s.links, 4u);
  EXPECT_EQ(s.leaders, std::vector<FirmId>{3});
  ASSERT_EQ(s.segments.size(), 3u);  // up (order 0), down (order 1), then the unsegmented
  EXPECT_EQ(g.segments()[s.segments[0].segment].id, "up");
  EXPECT_EQ(s.segments[0].firms, 3u);
  EXPECT_EQ(s.segments[0].by_role[static_cast<int>(Role::small)], 2u);
  EXPECT_EQ(s.segments[0].yields_known, 2u);
  EXPECT_DOUBLE_EQ(s.segments[0].mean_yield, 0.85);
  EXPECT_DOUBLE_EQ(s.segments[0].weighted_yield, (100 * 0.8 + 300 * 0.9) / 400);
  EXPECT_EQ(s.segments[2].segment, kNone);
  EXPECT_TRUE(std::isnan(s.segments[2].mean_yield));
  ASSERT_EQ(s.certifications.size(), 1u);
  EXPECT_EQ(s.certifications[0].by_status[static_cast<int>(CertStatus::valid)], 1u);
  EXPECT_DOUBLE_EQ(s.certifications[0].coverage, 0.2);
  EXPECT_EQ(s.issues[0].firms, 2u);
  EXPECT_DOUBLE_EQ(s.issues[0].mean_severity, 3.0);
  EXPECT_EQ(s.issue_pairs_by_category[static_cast<int>(IssueCategory::material)], 2u);
  EXPECT_EQ(s.issue_pairs_by_category[static_cast<int>(IssueCategory::man)], 1u);
}

TEST(SummaryReport, JsonHasStableKeysAndIsDeterministic) {
  const ChainGraph g = test::load_text(kDoc);
  const std::string json = summary_json(g, summarize_chain(g));
  EXPECT_EQ(json, summary_json(g, summarize_chain(g)));
  rapidjson::Document d;
  ASSERT_FALSE(d.Parse(json.c_str()).HasParseError());
  for (const char* k : {"chain", "firms", "links", "inputs", "roles", "leaders", "yield", "segments", "certifications", "issues", "issue_categories"})
    EXPECT_TRUE(d.HasMember(k)) << k;
  EXPECT_EQ(d["firms"].GetUint(), 5u);
  EXPECT_TRUE(d["segments"][2]["mean_yield"].IsNull());
  EXPECT_STREQ(d["leaders"][0]["id"].GetString(), "L");
  EXPECT_DOUBLE_EQ(d["certifications"][0]["coverage"].GetDouble(), 0.2);
}

TEST(SummaryReport, TextSpeaksChineseByDefaultAndEnglishOnRequest) {
  const ChainGraph g = test::load_text(kDoc);
  const ChainSummary s = summarize_chain(g);
  const std::string zh = summary_text(g, s, Lang::zh), en = summary_text(g, s, Lang::en);
  EXPECT_NE(zh.find("链主企业"), std::string::npos);
  EXPECT_NE(zh.find("认证覆盖"), std::string::npos);
  EXPECT_NE(en.find("Chain leaders"), std::string::npos);
  EXPECT_EQ(en.find("认证覆盖"), std::string::npos);
}

TEST(SummaryReport, UnsegmentedFirmsGetALabelInBothLanguages) {
  const ChainGraph g = test::load_text(kDoc);
  EXPECT_EQ(segment_label(g, kNone, Lang::zh), "（未分环节）");
  EXPECT_EQ(segment_label(g, kNone, Lang::en), "(no segment)");
  EXPECT_EQ(segment_label(g, 0, Lang::en), "深加工");  // names are data: never translated
  const ChainSummary s = summarize_chain(g);  // X has no segment
  EXPECT_NE(summary_text(g, s, Lang::zh).find("（未分环节）"), std::string::npos);
  EXPECT_NE(summary_text(g, s, Lang::en).find("(no segment)"), std::string::npos);
}

TEST(SummaryReport, ALeaderWithoutASegmentSaysSoInItsRow) {
  std::string doc = kDoc;
  const std::string seg = R"("role": "chain_leader", "segment": "down",)";
  doc.replace(doc.find(seg), seg.size(), R"("role": "chain_leader",)");
  const ChainGraph g = test::load_text(doc);
  const std::string en = summary_text(g, summarize_chain(g), Lang::en);
  const std::size_t row = en.find("链主");  // the leader's name in the leaders table
  ASSERT_NE(row, std::string::npos);
  const std::string line = en.substr(row, en.find('\n', row) - row);
  EXPECT_NE(line.find("(no segment)"), std::string::npos) << line;
}

}  // namespace
