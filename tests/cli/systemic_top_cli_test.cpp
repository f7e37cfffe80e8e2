// `analyze --systemic-top K` end to end: exactly the first K firms of the full systemic ranking,
// with the same values, and fewer cascades than firms, on pilots and a generated chain. (On a
// national-mode network, whose strongly connected core every firm reaches, the bound skips little:
// docs/production-model.md.)
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <cstdlib>
#include <string>
#include <vector>

#include "cli_support.hpp"

namespace {

using qchain::test::qchain_run;
using qchain::test::source_path;

struct Ranked {
  std::vector<std::string> ids;
  std::vector<std::string> values;  // index, down, up as written
  double run = -1, skipped = -1, top = -1;
};

Ranked systemic_of(const std::string& json) {
  rapidjson::Document d;
  d.Parse(json.c_str());
  Ranked r;
  EXPECT_FALSE(d.HasParseError());
  if (d.HasParseError() || !d.IsObject() || !d.HasMember("systemic") || !d["systemic"].IsObject()) return r;
  const auto& s = d["systemic"];
  if (s.HasMember("cascades_run") && s["cascades_run"].IsNumber()) r.run = s["cascades_run"].GetDouble();
  if (s.HasMember("cascades_skipped") && s["cascades_skipped"].IsNumber()) r.skipped = s["cascades_skipped"].GetDouble();
  if (s.HasMember("top") && s["top"].IsNumber()) r.top = s["top"].GetDouble();
  if (!s.HasMember("firms") || !s["firms"].IsObject()) return r;
  for (auto it = s["firms"].MemberBegin(); it != s["firms"].MemberEnd(); ++it) {
    r.ids.emplace_back(it->name.GetString());
    std::string v;
    for (const char* k : {"index", "down", "up"})
      if (it->value.HasMember(k) && it->value[k].IsNumber()) v += std::to_string(it->value[k].GetDouble()) + " ";
    r.values.push_back(v);
  }
  return r;
}

void expect_top_matches_full(const std::string& chain, std::size_t firms) {
  const auto full = qchain_run("analyze " + chain + " --only systemic --systemic on --all --json - --threads 2");
  ASSERT_EQ(full.code, 0) << full.err;
  const Ranked all = systemic_of(full.out);
  ASSERT_EQ(all.ids.size(), firms);
  EXPECT_EQ(all.run, -1) << "the full index's document gains no top-K keys";
  for (std::size_t k : {1u, 3u, 10u}) {
    const auto top = qchain_run("analyze " + chain + " --only systemic --systemic on --all --json - --systemic-top " +
                                std::to_string(k));
    ASSERT_EQ(top.code, 0) << top.err;
    const Ranked t = systemic_of(top.out);
    ASSERT_EQ(t.ids.size(), k) << chain;
    for (std::size_t i = 0; i < k; ++i) {
      EXPECT_EQ(t.ids[i], all.ids[i]) << chain << " rank " << i << " of top " << k;
      EXPECT_EQ(t.values[i], all.values[i]) << chain << " rank " << i;
    }
    EXPECT_EQ(t.top, static_cast<double>(k));
    EXPECT_EQ(t.run + t.skipped, static_cast<double>(firms));
    EXPECT_GE(t.run, static_cast<double>(k));
  }
}

std::size_t firm_count(const std::string& chain) {
  const auto r = qchain_run("summary " + chain + " --json -");
  rapidjson::Document d;
  d.Parse(r.out.c_str());
  if (d.HasParseError() || !d.IsObject() || !d.HasMember("firms") || !d["firms"].IsNumber()) return 0;
  return static_cast<std::size_t>(d["firms"].GetDouble());
}

TEST(SystemicTopCli, PilotsGiveTheHeadOfTheFullRanking) {
  for (const char* pilot : {"anping-wire-mesh", "huangpu-smart-equipment", "fengxian-nev"}) {
    const std::string chain = source_path(std::string("data/pilots/") + pilot + ".json");
    const std::size_t n = firm_count(chain);
    ASSERT_GT(n, 10u) << pilot;
    expect_top_matches_full(chain, n);
  }
}

TEST(SystemicTopCli, GeneratedChainGivesTheHeadOfTheFullRankingWithFewerCascades) {
  qchain::test::TempDir dir;
  const std::string chain = dir.file("chain.json");
  const std::string cmd = std::string(QCHAIN_GENERATE) + " --firms 3000 --seed 3 -o " + chain;
  ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
  expect_top_matches_full(chain, 3000);
  const Ranked t = systemic_of(qchain_run("analyze " + chain + " --only systemic --systemic on --json - --systemic-top 10").out);
  EXPECT_LT(t.run, 3000.0 / 5) << "the bound skipped too few cascades";
  EXPECT_EQ(t.run + t.skipped, 3000.0);
}

TEST(SystemicTopCli, ZeroIsRefused) {
  const auto r = qchain_run("analyze " + source_path("data/pilots/anping-wire-mesh.json") + " --systemic-top 0");
  EXPECT_NE(r.code, 0);
}

}  // namespace
