#include <algorithm>
#include <random>
#include <set>
#include <tuple>

#include "../support/test_support.hpp"

namespace {

using namespace qchain;
using namespace qchain::graphs;

// Customer C buys "steel" from A (share 0.3), B (no share) and D (no share), and its own
// default input from E; explicit input "E" from F is the same input as E's default.
const char* kDoc = R"({"format": "qchain-chain/1", "chain": {"id": "c", "name": "C"},
  "firms": [{"id": "A", "name": "a", "role": "micro"}, {"id": "B", "name": "b", "role": "micro"},
            {"id": "C", "name": "c", "role": "chain_leader"}, {"id": "D", "name": "d", "role": "micro"},
            {"id": "E", "name": "e", "role": "micro"}, {"id": "F", "name": "f", "role": "micro"}],
  "links": [{"supplier": "D", "customer": "C", "input": "steel"},
            {"supplier": "A", "customer": "C", "input": "steel", "share": 0.3},
            {"supplier": "E", "customer": "C"},
            {"supplier": "B", "customer": "C", "input": "steel"},
            {"supplier": "F", "customer": "C", "input": "E", "share": 0.5},
            {"supplier": "A", "customer": "B"}]})";

TEST(SupplyNetwork, GroupsInputsAndNormalisesShares) {
  const ChainGraph g = test::load_text(kDoc);
  const SupplyNetwork& n = g.network();
  const FirmId c = *g.find_firm("C");
  ASSERT_EQ(n.firm_group_begin[c + 1] - n.firm_group_begin[c], 2u);
  // Group order: default-input keys (firm ids) before named inputs.
  const std::uint32_t g0 = n.firm_group_begin[c], g1 = g0 + 1;
  ASSERT_EQ(n.group_begin[g0 + 1] - n.group_begin[g0], 2u);  // E and F: the input "E"
  EXPECT_EQ(n.in_supplier[n.group_begin[g0]], *g.find_firm("E"));
  EXPECT_EQ(n.in_supplier[n.group_begin[g0] + 1], *g.find_firm("F"));
  EXPECT_DOUBLE_EQ(n.in_share[n.group_begin[g0]], 0.5);  // E gets what F leaves
  ASSERT_EQ(n.group_begin[g1 + 1] - n.group_begin[g1], 3u);  // steel: A, B, D by id
  EXPECT_EQ(n.in_supplier[n.group_begin[g1]], 0u);
  EXPECT_DOUBLE_EQ(n.in_share[n.group_begin[g1]], 0.3);
  EXPECT_DOUBLE_EQ(n.in_share[n.group_begin[g1] + 1], 0.35);
  EXPECT_DOUBLE_EQ(n.in_share[n.group_begin[g1] + 2], 0.35);
  for (LinkId e = 0; e < g.link_count(); ++e) EXPECT_NE(n.link_group[e], kNone);
}

TEST(SupplyNetwork, ForwardAndReverseHoldEveryLinkOnce) {
  const ChainGraph g = test::load_text(kDoc);
  const SupplyNetwork& n = g.network();
  std::vector<int> seen_out(g.link_count()), seen_in(g.link_count());
  for (FirmId v = 0; v < g.firm_count(); ++v) {
    for (std::uint32_t k = n.out_begin[v]; k < n.out_begin[v + 1]; ++k) {
      ++seen_out[n.out_link[k]];
      EXPECT_EQ(g.link(n.out_link[k]).supplier, v);
      EXPECT_EQ(g.link(n.out_link[k]).customer, n.out_customer[k]);
    }
    for (std::uint32_t k = n.in_begin[v]; k < n.in_begin[v + 1]; ++k) {
      ++seen_in[n.in_link[k]];
      EXPECT_EQ(g.link(n.in_link[k]).customer, v);
    }
  }
  for (LinkId e = 0; e < g.link_count(); ++e) {
    EXPECT_EQ(seen_out[e], 1);
    EXPECT_EQ(seen_in[e], 1);
  }
}

TEST(SupplyNetwork, ZeroSharesSplitEqually) {
  const ChainGraph g = test::load_text(R"({"format": "qchain-chain/1", "chain": {"id": "c", "name": "C"},
    "firms": [{"id": "A", "name": "a", "role": "micro"}, {"id": "B", "name": "b", "role": "micro"}, {"id": "C", "name": "c", "role": "micro"}],
    "links": [{"supplier": "A", "customer": "C", "input": "x", "share": 0}, {"supplier": "B", "customer": "C", "input": "x", "share": 0}]})");
  EXPECT_DOUBLE_EQ(g.network().in_share[0], 0.5);
  EXPECT_DOUBLE_EQ(g.network().in_share[1], 0.5);
}

// Enough links in scattered order for the out- and in-halves to be built on two threads (from
// 2^18 links); the arrays must be what the documented orders give: out-links by (supplier, link),
// in-links by (customer, input key, supplier, link), input keys being the supplier's own id for a
// default input and, after every firm, the names in order of first use.
TEST(SupplyNetwork, BigNetworkHasTheDocumentedOrders) {
  constexpr std::uint32_t kFirms = 20000, kLinks = 300000;
  const char* names[] = {"steel", "paint", "bolts"};
  std::mt19937 rng(7);
  std::string doc = R"({"format": "qchain-chain/1", "chain": {"id": "c", "name": "C"}, "firms": [)";
  for (std::uint32_t v = 0; v < kFirms; ++v)
    doc += std::string(v ? "," : "") + R"({"id": "F)" + std::to_string(v) + R"(", "name": "f", "role": "micro"})";
  doc += R"(], "links": [)";
  std::set<std::tuple<std::uint32_t, std::uint32_t, int>> used;
  std::vector<std::tuple<std::uint32_t, std::uint32_t, int>> made;
  while (made.size() < kLinks) {
    const std::uint32_t s = rng() % kFirms, c = rng() % 500;  // few customers: long in-lists to sort
    const int input = static_cast<int>(rng() % 4) - 1;          // -1: the supplier's default input
    if (s == c || !used.insert({s, c, input}).second) continue;
    doc += std::string(made.empty() ? "" : ",") + R"({"supplier": "F)" + std::to_string(s) + R"(", "customer": "F)" +
           std::to_string(c) + "\"" + (input < 0 ? std::string() : std::string(R"(, "input": ")") + names[input] + "\"") + "}";
    made.emplace_back(s, c, input);
  }
  doc += "]}";
  const ChainGraph g = test::load_text(doc);
  const SupplyNetwork& n = g.network();
  ASSERT_EQ(g.link_count(), kLinks);
  std::vector<int> first_use(3, -1);
  int uses = 0;
  for (const auto& [s, c, input] : made)
    if (input >= 0 && first_use[input] < 0) first_use[input] = uses++;
  const auto key = [&](LinkId e) {
    const int input = std::get<2>(made[e]);
    return input < 0 ? std::get<0>(made[e]) : kFirms + first_use[input];
  };
  std::vector<std::vector<LinkId>> out(kFirms), in(kFirms);
  for (LinkId e = 0; e < kLinks; ++e) {
    out[*g.find_firm("F" + std::to_string(std::get<0>(made[e])))].push_back(e);
    in[*g.find_firm("F" + std::to_string(std::get<1>(made[e])))].push_back(e);
  }
  for (FirmId v = 0; v < kFirms; ++v) {
    std::sort(in[v].begin(), in[v].end(), [&](LinkId a, LinkId b) {
      return std::make_tuple(key(a), g.link(a).supplier, a) < std::make_tuple(key(b), g.link(b).supplier, b);
    });
    ASSERT_EQ(n.out_begin[v + 1] - n.out_begin[v], out[v].size());
    ASSERT_EQ(n.in_begin[v + 1] - n.in_begin[v], in[v].size());
    for (std::size_t k = 0; k < out[v].size(); ++k) {
      ASSERT_EQ(n.out_link[n.out_begin[v] + k], out[v][k]);
      ASSERT_EQ(n.out_customer[n.out_begin[v] + k], g.link(out[v][k]).customer);
    }
    for (std::size_t k = 0; k < in[v].size(); ++k) {
      ASSERT_EQ(n.in_link[n.in_begin[v] + k], in[v][k]);
      ASSERT_EQ(n.in_supplier[n.in_begin[v] + k], g.link(in[v][k]).supplier);
    }
  }
}

}  // namespace
