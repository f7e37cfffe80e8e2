#include <rapidjson/document.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <thread>

#include "../../support/test_support.hpp"
#include "qchain/engine/production/disruption_risk.hpp"
#include "qchain/report/scenario_report.hpp"

namespace {

using namespace qchain;
using namespace qchain::graphs;
using namespace qchain::engine;
using namespace qchain::report;

// One leader L. C (large) is the sole source of L's essential input "core"; fifty micro firms each
// deliver a small non-essential accessory (weight 1/150 each); X (micro) supplies only Y, which
// supplies nobody: it cannot reach L.
std::string critical_chain() {
  std::string firms = R"({"id": "L", "name": "l", "role": "chain_leader", "revenue": 1000}, {"id": "C", "name": "c", "role": "large"},
    {"id": "X", "name": "x", "role": "micro"}, {"id": "Y", "name": "y", "role": "medium"})";
  std::string links = R"({"supplier": "C", "customer": "L", "input": "core", "value": 100}, {"supplier": "X", "customer": "Y", "value": 1})";
  for (int k = 0; k < 50; ++k) {
    const std::string id = "M" + std::to_string(k);
    firms += R"(, {"id": ")" + id + R"(", "name": "m", "role": "micro"})";
    links += R"(, {"supplier": ")" + id + R"(", "customer": "L", "input": "acc)" + std::to_string(k) +
             R"(", "essential": false, "value": 1})";
  }
  return R"({"format": "qchain-chain/1", "chain": {"id": "k", "name": "K"}, "firms": [)" + firms + R"(], "links": [)" + links + "]}";
}

TEST(DisruptionRisk, KnownCriticalSupplierRanksFirstByAttributableLoss) {
  const ChainGraph g = test::load_text(critical_chain());
  const ProductionModel m(g);
  RiskOptions o;
  o.runs = 20000;
  o.seed = 3;
  o.stop_probability = {0.0, 0.02, 0.0, 0.0, 0.3};
  o.threads = 2;
  const RiskResult r = disruption_risk(m, o);
  const FirmId c = *g.find_firm("C");
  ASSERT_FALSE(r.ranking.empty());
  EXPECT_EQ(r.ranking[0], c);
  // The former count ("most often among the causes") put every micro accessory supplier first.
  FirmId most_often = 0;
  for (FirmId v = 0; v < g.firm_count(); ++v)
    if (r.cause_runs[v] > r.cause_runs[most_often]) most_often = v;
  EXPECT_NE(most_often, c);
  std::size_t ahead = 0;
  for (FirmId v = 0; v < g.firm_count(); ++v) ahead += r.cause_runs[v] > r.cause_runs[c];
  EXPECT_EQ(ahead, 50u);
  // By hand: C stops L outright; without C the accessories cost L 50 · 0.3 / 150 = 0.1 on average.
  EXPECT_NEAR(r.attributable_loss[c], 0.02 * (1.0 - 0.1), 0.002);
  const FirmId m0 = *g.find_firm("M0");
  EXPECT_NEAR(r.attributable_loss[m0], 0.3 * (1.0 / 150) * 0.98, 0.001);
  EXPECT_GT(r.stop_runs[c], 300u);  // what it rests on: about 400 of 20,000 runs
  EXPECT_LT(r.stop_runs[c], 500u);
  EXPECT_GT(r.attributable_se[c], 0.0);
  EXPECT_LT(r.attributable_se[c], 0.002);
  // X cannot reach L: exactly 0 and not ranked, whatever the noise.
  const FirmId x = *g.find_firm("X");
  EXPECT_GT(r.stop_runs[x], 0u);
  EXPECT_EQ(r.attributable_loss[x], 0.0);
  EXPECT_EQ(std::count(r.ranking.begin(), r.ranking.end(), x), 0);
  EXPECT_FALSE(r.leaders_stop_almost_always);
}

// Bit-for-bit equality, NaN (no comparison possible) equal to NaN.
bool same(const std::vector<double>& a, const std::vector<double>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t k = 0; k < a.size(); ++k)
    if (!(a[k] == b[k] || (std::isnan(a[k]) && std::isnan(b[k])))) return false;
  return true;
}

TEST(DisruptionRisk, SameRankingForAnyThreadCount) {
  const ChainGraph g = test::load_text(critical_chain());
  const ProductionModel m(g);
  RiskOptions o;
  o.runs = 3001;
  o.stop_probability = {0.0, 0.05, 0.0, 0.0, 0.2};
  o.threads = 1;
  const RiskResult one = disruption_risk(m, o);
  for (unsigned t : {2u, 3u, 7u}) {
    o.threads = t;
    const RiskResult r = disruption_risk(m, o);
    EXPECT_TRUE(same(r.attributable_loss, one.attributable_loss)) << t;
    EXPECT_TRUE(same(r.attributable_se, one.attributable_se)) << t;
    EXPECT_EQ(r.stop_runs, one.stop_runs) << t;
    EXPECT_EQ(r.ranking, one.ranking) << t;
    EXPECT_EQ(r.leaders_loss_mean, one.leaders_loss_mean) << t;
  }
}

TEST(DisruptionRisk, ProgressIsReportedFromTheCallerWithoutChangingTheResult) {
  const ChainGraph g = test::load_text(critical_chain());
  const ProductionModel m(g);
  RiskOptions o;
  o.runs = 2000;
  o.stop_probability = {0.0, 0.05, 0.0, 0.0, 0.2};
  o.threads = 3;
  const RiskResult quiet = disruption_risk(m, o);
  const std::thread::id caller = std::this_thread::get_id();
  std::vector<std::uint32_t> reported;
  bool elsewhere = false;
  o.progress = [&](std::uint32_t done) {
    reported.push_back(done);
    elsewhere |= std::this_thread::get_id() != caller;
  };
  const RiskResult watched = disruption_risk(m, o);
  ASSERT_FALSE(reported.empty());
  EXPECT_EQ(reported.back(), o.runs);
  EXPECT_TRUE(std::is_sorted(reported.begin(), reported.end()));
  EXPECT_FALSE(elsewhere);
  EXPECT_TRUE(same(watched.attributable_loss, quiet.attributable_loss));
  EXPECT_EQ(watched.stop_runs, quiet.stop_runs);
  EXPECT_EQ(watched.leaders_loss_mean, quiet.leaders_loss_mean);
}

TEST(DisruptionRisk, AFailingProgressReportReachesTheCaller) {
  const ChainGraph g = test::load_text(critical_chain());
  const ProductionModel m(g);
  RiskOptions o;
  o.runs = 100000;
  o.threads = 2;
  o.progress = [](std::uint32_t) { throw std::runtime_error("terminal gone"); };
  EXPECT_THROW(disruption_risk(m, o), std::runtime_error);  // not std::terminate
}

TEST(DisruptionRisk, WarnsWhenEveryLeaderStopsAlmostAlwaysAndSaysNothingWithoutAComparison) {
  const ChainGraph g = test::load_text(critical_chain());
  const ProductionModel m(g);
  RiskOptions o;
  o.runs = 500;
  o.stop_probability = {0.0, 0.99, 0.0, 0.0, 1.0};
  const RiskResult r = disruption_risk(m, o);
  EXPECT_TRUE(r.leaders_stop_almost_always);
  // The micro firms stop in every run: nothing to compare with, so no attributable loss.
  const FirmId m0 = *g.find_firm("M0");
  EXPECT_EQ(r.stop_runs[m0], 500u);
  EXPECT_TRUE(std::isnan(r.attributable_loss[m0]));
  EXPECT_EQ(std::count(r.ranking.begin(), r.ranking.end(), m0), 0);
  o.stop_probability = {0.0, 0.5, 0.0, 0.0, 0.0};
  EXPECT_FALSE(disruption_risk(m, o).leaders_stop_almost_always);
}

TEST(DisruptionRisk, OutputsSayTheUnitTheDefaultsAndTheWarning) {
  const ChainGraph g = test::load_text(critical_chain());
  const ProductionModel m(g);
  RiskOptions o;
  o.runs = 300;
  o.stop_probability[static_cast<int>(Role::micro)] = 1.0;  // given; the others stay the illustrative defaults
  o.probability_given[static_cast<int>(Role::micro)] = true;
  o.stop_probability[static_cast<int>(Role::large)] = 0.99;
  o.probability_given[static_cast<int>(Role::large)] = true;
  const RiskResult r = disruption_risk(m, o);
  const std::string json = risk_json(g, r, o, 3);
  rapidjson::Document d;
  ASSERT_FALSE(d.Parse(json.c_str()).HasParseError());
  EXPECT_STREQ(d["probability_unit"].GetString(), "per_year");
  EXPECT_STREQ(d["stop_probability_source"]["micro"].GetString(), "given");
  EXPECT_STREQ(d["stop_probability_source"]["small"].GetString(), "illustrative_default");
  ASSERT_EQ(d["warnings"].Size(), 1u);
  EXPECT_STREQ(d["warnings"][0]["code"].GetString(), "leaders_stop_almost_always");
  ASSERT_GE(d["causes"].Size(), 1u);
  EXPECT_LE(d["causes"].Size(), 3u);
  for (const char* key : {"id", "stop_runs", "attributable_loss", "standard_error"}) EXPECT_TRUE(d["causes"][0].HasMember(key)) << key;
  const std::string zh = risk_text(g, r, o, Lang::zh, 3), en = risk_text(g, r, o, Lang::en, 3);
  EXPECT_NE(zh.find("年停产概率"), std::string::npos);
  EXPECT_NE(zh.find("示意默认值，无公开来源"), std::string::npos);
  EXPECT_NE(zh.find("警告：每个链主都在超过 95% 的模拟中停产"), std::string::npos) << zh;
  EXPECT_NE(en.find("Stop probabilities per year"), std::string::npos);
  EXPECT_NE(en.find("illustrative default, from no published source"), std::string::npos);
  EXPECT_NE(en.find("warning: every leader stops in more than 95% of the runs"), std::string::npos) << en;
  o.probability_given.fill(true);
  EXPECT_EQ(risk_text(g, r, o, Lang::en, 3).find("illustrative"), std::string::npos);
}

}  // namespace
