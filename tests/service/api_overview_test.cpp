// GET overview: the whole chain at most max_firms firms, else (tier, segment) groups whose counts,
// mean yields and merged links must add up to the whole chain's own document.
#include <map>
#include <set>

#include <rapidjson/document.h>

#include "api_support.hpp"
#include "qchain/graphs/chain_loader.hpp"

namespace qchain::test {
namespace {

const std::string kOverview = "/api/v1/chains/anping-wire-mesh/overview";

rapidjson::Document parsed(const service::ApiResponse& r) {
  rapidjson::Document d;
  d.Parse(r.body.c_str());
  EXPECT_FALSE(d.HasParseError()) << r.body.substr(0, 200);
  return d;
}

using ApiOverview = SharedApi;

TEST_F(ApiOverview, ASmallChainComesWhole) {
  const service::ApiResponse r = api->handle(get(kOverview));
  ASSERT_EQ(r.status, 200) << r.body;
  const rapidjson::Document d = parsed(r);
  EXPECT_STREQ(d["format"].GetString(), "qchain-overview/1");
  EXPECT_FALSE(d["aggregated"].GetBool());
  EXPECT_EQ(d["max_firms"].GetUint(), 10000u);
  EXPECT_EQ(d["nodes"].Size(), d["firm_count"].GetUint());
  EXPECT_EQ(d["links"].Size(), d["link_count"].GetUint());
  EXPECT_GT(d["links"].Size(), 0u);
  // The legend's segments: the chain's own, in their declared order, each node's among them.
  const graphs::ChainGraph pilot = graphs::require_chain(graphs::load_chain(source_path("data/pilots/anping-wire-mesh.json")));
  ASSERT_TRUE(d["segments"].IsArray());
  ASSERT_EQ(d["segments"].Size(), pilot.segments().size());
  std::set<std::string> segments;
  for (rapidjson::SizeType k = 0; k < d["segments"].Size(); ++k) {
    EXPECT_EQ(d["segments"][k]["id"].GetString(), pilot.segments()[k].id);
    EXPECT_EQ(d["segments"][k]["name"].GetString(), pilot.segments()[k].name);
    segments.insert(d["segments"][k]["id"].GetString());
  }
  for (const auto& n : d["nodes"].GetArray()) EXPECT_EQ(segments.count(n["segment"].GetString()), 1u);
  std::set<std::string> ids;
  for (const auto& n : d["nodes"].GetArray()) ids.insert(n["id"].GetString());
  EXPECT_EQ(ids.size(), d["nodes"].Size());
  // The same tier and column as the neighbourhood gives the firm.
  const rapidjson::Document hood = parsed(api->handle(get("/api/v1/chains/anping-wire-mesh/neighbourhood", {{"firm", "AP0006"}, {"up", "0"}, {"down", "0"}})));
  bool seen = false;
  for (const auto& n : d["nodes"].GetArray()) {
    if (std::string(n["id"].GetString()) != "AP0006") continue;
    seen = true;
    EXPECT_EQ(n["tier"].GetUint(), hood["nodes"][0]["tier"].GetUint());
  }
  EXPECT_TRUE(seen);
}

TEST_F(ApiOverview, ALargeChainComesInGroupsThatAddUp) {
  const rapidjson::Document whole = parsed(api->handle(get(kOverview)));
  const service::ApiResponse r = api->handle(get(kOverview, {{"max_firms", "50"}}));
  ASSERT_EQ(r.status, 200) << r.body;
  const rapidjson::Document d = parsed(r);
  EXPECT_TRUE(d["aggregated"].GetBool());
  EXPECT_FALSE(d.HasMember("nodes"));
  // Each group's count and mean yield, recomputed from the whole chain's firms.
  std::map<std::string, std::pair<unsigned, double>> expected;
  for (const auto& n : whole["nodes"].GetArray()) {
    const std::string key = "T" + std::to_string(n["tier"].GetUint()) + "/" + (n["segment"].IsNull() ? "-" : n["segment"].GetString());
    expected[key].first += 1;
    expected[key].second += n["delivered_yield"].GetDouble();
  }
  std::map<std::string, std::string> group_of_firm;
  unsigned firms = 0, links = 0;
  ASSERT_EQ(d["groups"].Size(), expected.size());
  for (const auto& g : d["groups"].GetArray()) {
    const auto& e = expected[g["id"].GetString()];
    EXPECT_EQ(g["firms"].GetUint(), e.first) << g["id"].GetString();
    EXPECT_NEAR(g["mean_delivered_yield"].GetDouble(), e.second / e.first, 1e-12) << g["id"].GetString();
    firms += g["firms"].GetUint();
    links += g["internal_links"].GetUint();
  }
  for (const auto& l : d["group_links"].GetArray()) {
    EXPECT_STRNE(l["from"].GetString(), l["to"].GetString());
    links += l["links"].GetUint();
  }
  EXPECT_EQ(firms, d["firm_count"].GetUint());
  EXPECT_EQ(links, whole["links"].Size());
  EXPECT_LT(d["group_links"].Size(), whole["links"].Size());
}

TEST_F(ApiOverview, ReadByEveryRoleWrittenByNone) {
  service::ApiRequest r = get(kOverview);
  r.identity = {"v", service::Role::viewer, {}};
  EXPECT_EQ(api->handle(r).status, 200);
  EXPECT_EQ(api->handle(send("POST", kOverview, "{}")).status, 405);
  EXPECT_EQ(api->handle(get(kOverview, {{"max_firms", "many"}})).status, 400);
  EXPECT_EQ(api->handle(get("/api/v1/chains/nowhere/overview")).status, 404);
}

}  // namespace
}  // namespace qchain::test
