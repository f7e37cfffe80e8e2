#include <algorithm>
#include <vector>

#include "../support/test_support.hpp"

namespace {

using namespace qchain;
using namespace qchain::graphs;

// C buys "steel" from A and B and its default input from D; C sells to L twice (two inputs of L);
// E has no segment.
const char* kDoc = R"({"format": "qchain-chain/1", "chain": {"id": "c", "name": "C"},
  "segments": [{"id": "up", "name": "上游", "order": 0}, {"id": "down", "name": "下游", "order": 1}],
  "firms": [{"id": "A", "name": "a", "role": "micro", "segment": "up"}, {"id": "B", "name": "b", "role": "micro", "segment": "up"},
            {"id": "C", "name": "c", "role": "small", "segment": "down"}, {"id": "D", "name": "d", "role": "micro", "segment": "up"},
            {"id": "L", "name": "l", "role": "chain_leader", "segment": "down"}, {"id": "E", "name": "e", "role": "micro"}],
  "links": [{"supplier": "B", "customer": "C", "input": "steel"},
            {"supplier": "A", "customer": "C", "input": "steel"},
            {"supplier": "D", "customer": "C"},
            {"supplier": "C", "customer": "L", "input": "frame"},
            {"supplier": "C", "customer": "L", "input": "body"},
            {"supplier": "E", "customer": "L"}]})";

FirmId id(const ChainGraph& g, const char* s) { return *g.find_firm(s); }

TEST(ChainRanges, SuppliersAndCustomersAreTheLinksEnds) {
  const ChainGraph g = test::load_text(kDoc);
  for (FirmId v = 0; v < g.firm_count(); ++v) {
    std::vector<LinkId> out, in;
    for (LinkId e = 0; e < g.link_count(); ++e) {
      if (g.link(e).supplier == v) out.push_back(e);
      if (g.link(e).customer == v) in.push_back(e);
    }
    ASSERT_EQ(g.customers_of(v).size(), out.size());
    ASSERT_EQ(g.suppliers_of(v).size(), in.size());
    ASSERT_EQ(g.customer_links_of(v).size(), out.size());
    std::size_t k = 0;
    for (const LinkEnd x : g.customer_links_of(v)) {
      EXPECT_EQ(g.link(x.link).supplier, v);
      EXPECT_EQ(g.link(x.link).customer, x.firm);
      EXPECT_EQ(g.customers_of(v)[k++], x.firm);  // the same order
    }
    k = 0;
    for (const LinkEnd x : g.supplier_links_of(v)) {
      EXPECT_EQ(g.link(x.link).customer, v);
      EXPECT_EQ(g.link(x.link).supplier, x.firm);
      EXPECT_EQ(g.suppliers_of(v)[k++], x.firm);
    }
    std::vector<LinkId> seen;
    for (const LinkEnd x : g.supplier_links_of(v)) seen.push_back(x.link);
    std::sort(seen.begin(), seen.end());
    EXPECT_EQ(seen, in);
  }
  const std::vector<FirmId> to_l(g.customers_of(id(g, "C")).begin(), g.customers_of(id(g, "C")).end());
  EXPECT_EQ(to_l, (std::vector<FirmId>{id(g, "L"), id(g, "L")}));  // one entry per link
  EXPECT_TRUE(g.customers_of(id(g, "L")).empty());
  EXPECT_TRUE(g.suppliers_of(id(g, "A")).empty());
}

TEST(ChainRanges, InputGroupsHoldTheirSuppliersByIdAndLinks) {
  const ChainGraph g = test::load_text(kDoc);
  const FirmId c = id(g, "C");
  ASSERT_EQ(g.input_groups_of(c).size(), 2u);
  std::vector<std::vector<FirmId>> groups;
  for (std::uint32_t grp : g.input_groups_of(c)) {
    const IdRange sup = g.group_suppliers(grp), links = g.group_links(grp);
    ASSERT_EQ(sup.size(), links.size());
    for (std::size_t k = 0; k < sup.size(); ++k) {
      EXPECT_EQ(g.link(links[k]).supplier, sup[k]);
      EXPECT_EQ(g.network().link_group[links[k]], grp);
    }
    groups.emplace_back(sup.begin(), sup.end());
  }
  // The default input (keyed by D's id) first, then "steel" with A before B.
  EXPECT_EQ(groups[0], std::vector<FirmId>{id(g, "D")});
  EXPECT_EQ(groups[1], (std::vector<FirmId>{id(g, "A"), id(g, "B")}));
  EXPECT_EQ(g.input_of(g.group_links(*g.input_groups_of(c).begin() + 1)[0]), "steel");
  EXPECT_EQ(g.input_groups_of(id(g, "A")).size(), 0u);
}

TEST(ChainRanges, SegmentSlotsPutTheUnsegmentedLast) {
  const ChainGraph g = test::load_text(kDoc);
  const std::uint32_t up = *g.find_segment("up");
  EXPECT_EQ(g.segment_slot(up), up);
  EXPECT_EQ(g.segment_slot(kNone), 2u);
  EXPECT_EQ(g.slot_segment(2), kNone);
  EXPECT_EQ(g.slot_segment(up), up);
  for (std::uint32_t s : {0u, 1u, kNone}) EXPECT_EQ(g.slot_segment(g.segment_slot(s)), s);
  EXPECT_EQ(g.segment_id(up), "up");
  EXPECT_EQ(g.segment_id(g.firm(id(g, "E")).segment), "");
}

}  // namespace
