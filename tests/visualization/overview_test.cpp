// The overview of generated chains of 1,000 and 100,000 firms: a bounded number of nodes whatever the
// size, every firm counted once, one edge per pair of nodes, the leaders by name; and as it prints on
// one A3 landscape page at 100 % in headless Chromium, no text below 7 pt, no two texts overlapping,
// every text at least 4.5 : 1 against its fill.
#include <chrono>
#include <cstdio>
#include <map>
#include <regex>
#include <set>

#include "../support/test_support.hpp"
#include "qchain/report/labels.hpp"
#include "qchain/visualization/graphviz_renderer.hpp"
#include "qchain/visualization/overview_map.hpp"
#include "view_measures.hpp"

namespace {

using namespace qchain;
using namespace qchain::graphs;
using namespace qchain::visualization;

// A generated layered chain, made once per size for the whole suite.
const ChainGraph& generated(std::uint32_t firms) {
  static std::map<std::uint32_t, std::unique_ptr<ChainGraph>> chains;
  static test::TempDir dir;
  auto& g = chains[firms];
  if (!g) {
    const std::string file = dir.file("g" + std::to_string(firms) + ".json");
    const auto t0 = std::chrono::steady_clock::now();
    const std::string cmd = std::string(QCHAIN_GENERATE) + " --firms " + std::to_string(firms) + " --seed 11 -o " + file + " >/dev/null";
    if (std::system(cmd.c_str()) != 0) throw std::runtime_error("qchain-generate failed");
    g = std::make_unique<ChainGraph>(require_chain(load_chain(file)));
    // Not an assertion (speed targets live in bench/): the time, for whoever reads the log.
    std::printf("generated and loaded %u firms in %.2f s\n", firms, std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
  }
  return *g;
}

std::size_t count_in(const std::string& label) {
  // A group's header: "<B>小型企业</B>  1,234 家"; a firm counts one.
  static const std::regex head("</B>  ([0-9,]+) 家");
  std::smatch m;
  if (!std::regex_search(label, m, head)) return 1;
  std::string digits = m[1];
  digits.erase(std::remove(digits.begin(), digits.end(), ','), digits.end());
  return std::stoul(digits);
}

void expect_sound(const ChainGraph& g, const Diagram& d) {
  std::size_t nodes = 0, firms = 0;
  std::set<std::string> ids;
  for (const DiagramNode& n : d.nodes) {
    if (n.id == "legend") continue;
    ++nodes, ids.insert(n.id);
    firms += count_in(n.label);
  }
  EXPECT_EQ(firms, g.firm_count());  // every firm in exactly one node
  // Bounded by segments × roles plus the leaders, whatever the number of firms.
  EXPECT_LE(nodes, (g.segments().size() + 1) * kRoleCount + 12);
  std::set<std::pair<std::string, std::string>> pairs;
  std::size_t drawn = 0;
  for (const DiagramEdge& e : d.edges) {
    if (e.attributes.count("style") && e.attributes.at("style") == "invis") continue;
    ++drawn;
    EXPECT_TRUE(ids.count(e.tail) && ids.count(e.head)) << e.tail << " -> " << e.head;
    EXPECT_TRUE(pairs.insert({e.tail, e.head}).second) << "parallel edges " << e.tail << " -> " << e.head;
  }
  EXPECT_GE(drawn, 5u);
  EXPECT_LE(drawn, 40u + nodes);
  // The leaders by name, each with one edge per group supplying it.
  for (FirmId v : g.leaders()) {
    const std::string id = "f" + std::to_string(v);
    ASSERT_TRUE(ids.count(id)) << g.firm(v).id;
    const auto it = std::find_if(d.nodes.begin(), d.nodes.end(), [&](const DiagramNode& n) { return n.id == id; });
    EXPECT_NE(it->label.find(html(wrap_lines(g.firm(v).name, kWrapEm, 2)[0])), std::string::npos) << it->label;
    EXPECT_TRUE(std::any_of(d.edges.begin(), d.edges.end(), [&](const DiagramEdge& e) { return e.head == id; })) << id;
  }
}

// Chromium's measures of the overview as printed on A3; the smallest text in pt (NaN without chromium).
double check_in_chromium(const std::string& name, const std::string& svg) {
  std::size_t texts = 0;
  const std::vector<std::string> bad = test::low_contrast_texts(svg, &texts);
  EXPECT_GT(texts, 30u) << name;
  EXPECT_TRUE(bad.empty()) << name << ": " << bad.size() << " texts below 4.5:1, e.g. " << bad.front();
  const auto r = test::measure_in_chromium({{name, svg}}, true);
  if (!r) return std::nan("");
  EXPECT_TRUE(r->first.empty()) << r->first.size() << " problems, e.g. "
                                << ::testing::PrintToString(std::vector<std::string>(r->first.begin(), r->first.begin() + std::min<std::size_t>(10, r->first.size())));
  EXPECT_GT(r->second.at(name), 30) << name;
  return r->second.at("min-pt " + name) / 1000.0;
}

TEST(Overview, TheA3MeasureFindsTextTooSmall) {
  // 3,000 pt wide: scaled by 1190.55 / 3000 to fit A3, its 10 pt text prints at about 4 pt.
  const std::string svg = R"(<svg xmlns="http://www.w3.org/2000/svg" width="3000pt" height="500pt" viewBox="0 0 3000 500">
<text x="10" y="30" font-size="10">太小的字</text><text x="10" y="200" font-size="40">够大的字</text></svg>)";
  const auto r = test::measure_in_chromium({{"sample", svg}}, true);
  if (!r) GTEST_SKIP() << "chromium is not installed (scripts/setup installs it)";
  ASSERT_EQ(r->first.size(), 1u) << ::testing::PrintToString(r->first);
  EXPECT_NE(r->first[0].find("太小的字"), std::string::npos);
  EXPECT_NEAR(r->second.at("min-pt sample") / 1000.0, 10 * (420 / 25.4 * 72) / 3000, 0.01);
}

TEST(Overview, AThousandFirms) {
  const ChainGraph& g = generated(1000);
  const Diagram d = overview_map(g, {});
  expect_sound(g, d);
  const double least = check_in_chromium("overview 1000", render(d, Format::svg));
  if (std::isnan(least)) GTEST_SKIP() << "chromium is not installed (scripts/setup installs it)";
  EXPECT_GE(least, 7.0);
}

TEST(Overview, AHundredThousandFirmsInTheSameBound) {
  const ChainGraph& g = generated(100000);
  const auto t0 = std::chrono::steady_clock::now();
  const Diagram d = overview_map(g, {});
  const std::string svg = render(d, Format::svg);
  std::printf("overview of 100,000 firms built and laid out in %.2f s\n", std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
  expect_sound(g, d);
  EXPECT_NE(svg.find("100,000 家"), std::string::npos);
  const double least = check_in_chromium("overview 100000", svg);
  if (std::isnan(least)) GTEST_SKIP() << "chromium is not installed (scripts/setup installs it)";
  EXPECT_GE(least, 7.0);
}

TEST(Overview, FocusDrawsAFirmAndItsMainPartnersByName) {
  const ChainGraph& g = generated(1000);
  // A firm in the middle of the chain, with suppliers and customers.
  FirmId focus = 0;
  for (FirmId v = 0; v < g.firm_count(); ++v)
    if (g.firm(v).role != Role::chain_leader && g.suppliers_of(v).size() >= 2 && g.customers_of(v).size() >= 2) {
      focus = v;
      break;
    }
  OverviewOptions o;
  o.focus = focus;
  const Diagram d = overview_map(g, o);
  expect_sound(g, d);
  const std::string id = "f" + std::to_string(focus);
  const auto it = std::find_if(d.nodes.begin(), d.nodes.end(), [&](const DiagramNode& n) { return n.id == id; });
  ASSERT_NE(it, d.nodes.end());
  EXPECT_EQ(it->attributes.at("color"), okabe_ito::blue);
  std::size_t into = 0, out = 0;
  for (const DiagramEdge& e : d.edges) into += e.head == id, out += e.tail == id;
  EXPECT_GE(into, std::min<std::size_t>(2, g.suppliers_of(focus).size()));
  EXPECT_GE(out, 1u);
  EXPECT_NE(it->label.find(html(g.firm(focus).id)), std::string::npos);
  const double least = check_in_chromium("overview focus", render(d, Format::svg));
  if (!std::isnan(least)) {
    EXPECT_GE(least, 7.0);
  }
}

TEST(Overview, DrillsDownIntoASegment) {
  const ChainGraph& g = generated(1000);
  OverviewOptions o;
  o.segment = 1;
  const Diagram d = overview_map(g, o);
  expect_sound(g, d);
  // Inside the segment a node per role and band; elsewhere one node per segment (leaders aside).
  std::map<std::string, int> per_cluster;
  for (const DiagramNode& n : d.nodes)
    if (n.id[0] == 'g') ++per_cluster[n.cluster];
  EXPECT_GT(per_cluster["s1"], 4);
  for (const auto& [cluster, count] : per_cluster)
    if (cluster != "s1") {
      EXPECT_EQ(count, 1) << cluster;
    }
  const double least = check_in_chromium("overview segment", render(d, Format::svg));
  if (!std::isnan(least)) {
    EXPECT_GE(least, 7.0);
  }
  OverviewOptions bad;
  bad.segment = static_cast<std::uint32_t>(g.segments().size());
  EXPECT_THROW(overview_map(g, bad), UsageError);
}

TEST(Overview, EnglishLabels) {
  const ChainGraph& g = generated(1000);
  OverviewOptions o;
  o.lang = report::Lang::en;
  const std::string svg = render(overview_map(g, o), Format::svg);
  EXPECT_NE(svg.find("Chain overview: 1,000 firms"), std::string::npos);
  EXPECT_NE(svg.find("mean yield"), std::string::npos);
  EXPECT_EQ(svg.find("平均合格率"), std::string::npos);  // (the generated chain's own name is Chinese)
}

}  // namespace
