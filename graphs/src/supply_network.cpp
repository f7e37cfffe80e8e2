// ChainBuilder's second half: the CSR arrays, input groups, share normalisation and the checks that
// need every link at once (share sums, essential agreement, duplicate links, isolated firms).
#include <algorithm>
#include <cmath>
#include <string>

#include "qchain/graphs/chain_builder.hpp"
#include "qchain/core/number_format.hpp"
#include "qchain/core/parallel_for.hpp"
#include "huge_pages.hpp"
#include "quoted.hpp"

namespace qchain::graphs {
namespace {

using Kind = RecordRef::Kind;

// Stable counting sort of `items` links, the i-th being item(i), by key(link) in [0, key_count).
// begin[k] is where key k's links start in the result; begin has key_count + 1 entries.
// `place(position, link)` is told where each link went (for columns filled alongside).
template <class ItemFn, class KeyFn, class PlaceFn>
std::vector<std::uint32_t> counting_sort(std::size_t items, ItemFn item, std::size_t key_count, KeyFn key,
                                         std::vector<std::uint32_t>& begin, PlaceFn place) {
  // Counted two places up, the prefix sums leave begin[k + 1] at key k's start; placing moves it to
  // k's end, which is k + 1's start, so no second copy of the offsets is needed.
  begin.assign(key_count + 2, 0);
  for (std::size_t i = 0; i < items; ++i) ++begin[key(item(i)) + 2];
  for (std::size_t k = 1; k < begin.size(); ++k) begin[k] += begin[k - 1];
  std::vector<std::uint32_t> out = huge_vector<std::uint32_t>(items);
  for (std::size_t i = 0; i < items; ++i) {
    const std::uint32_t x = item(i);
    const std::uint32_t at = begin[key(x) + 1]++;
    out[at] = x;
    place(at, x);
  }
  begin.pop_back();
  return out;
}

// From this many links on, the out- and in-halves of the network are built on two threads.
constexpr std::size_t kTwoThreadsFrom = std::size_t{1} << 18;

constexpr double kShareSlack = 0.01;

// SupplyNetwork while it is made: vectors, moved into the graph's columns at the end.
struct NetworkArrays {
  std::vector<std::uint32_t> out_begin, out_customer, out_link, in_begin, in_supplier, in_link;
  std::vector<double> in_share;
  std::vector<std::uint32_t> firm_group_begin, group_begin;
  std::vector<std::uint8_t> group_essential;
  std::vector<double> group_outside;
  std::vector<std::uint32_t> link_group;

  void move_into(SupplyNetwork& net) {
    net.out_begin = std::move(out_begin), net.out_customer = std::move(out_customer), net.out_link = std::move(out_link);
    net.in_begin = std::move(in_begin), net.in_supplier = std::move(in_supplier), net.in_link = std::move(in_link);
    net.in_share = std::move(in_share);
    net.firm_group_begin = std::move(firm_group_begin), net.group_begin = std::move(group_begin);
    net.group_essential = std::move(group_essential), net.group_outside = std::move(group_outside);
    net.link_group = std::move(link_group);
  }
};

}  // namespace

void ChainBuilder::build_network() {
  const std::uint32_t n = g_.firm_count();
  const auto& links = g_.links_;
  NetworkArrays net;

  // Input keys: [0, n) is firm v's default input, n + i the explicit name i. An explicit name that
  // equals a firm id means that firm's default input, so both spellings are alternatives.
  std::vector<std::uint32_t> name_key(g_.input_names_.size());
  for (std::uint32_t i = 0; i < name_key.size(); ++i) {
    auto f = g_.find_firm(g_.input_names_[i]);
    name_key[i] = f ? *f : n + i;
  }
  // Links are read in file order, where a customer's links are usually together, so the sorts
  // below read the link records nearly in sequence.
  const auto input_key = [&](LinkId e) {
    const SupplyLink& l = links[e];
    return l.input_name == kNone ? l.supplier : name_key[l.input_name];
  };

  // Links with an unknown end or to themselves (already reported) stay out of the network; when
  // there are none, the links are their own list.
  const auto is_valid = [](const SupplyLink& l) { return l.supplier != kNone && l.customer != kNone && l.supplier != l.customer; };
  std::vector<std::uint32_t> valid;
  const auto valid_count = static_cast<std::size_t>(std::count_if(links.begin(), links.end(), is_valid));
  if (valid_count < links.size()) {
    reserve_huge(valid, valid_count);
    for (LinkId e = 0; e < links.size(); ++e)
      if (is_valid(links[e])) valid.push_back(e);
  }
  const auto valid_link = [&](std::size_t i) { return valid.empty() ? static_cast<LinkId>(i) : valid[i]; };

  // The two halves share nothing but what they read: out-links by (supplier, link), and in-links
  // by (customer, input key, supplier, link), which groups each customer's sources by input.
  const auto build_out = [&] {
    net.out_customer = huge_vector<FirmId>(valid_count);
    net.out_link = counting_sort(valid_count, valid_link, n, [&](LinkId e) { return links[e].supplier; }, net.out_begin,
                                 [&](std::uint32_t at, LinkId e) { net.out_customer[at] = links[e].customer; });
  };
  const auto build_in = [&] {
    net.in_link = counting_sort(valid_count, valid_link, n, [&](LinkId e) { return links[e].customer; }, net.in_begin,
                                [](std::uint32_t, LinkId) {});
    const auto before = [&](LinkId a, LinkId b) {
      const std::uint32_t ka = input_key(a), kb = input_key(b);
      if (ka != kb) return ka < kb;
      return links[a].supplier != links[b].supplier ? links[a].supplier < links[b].supplier : a < b;
    };
    for (FirmId v = 0; v < n; ++v)
      if (net.in_begin[v + 1] - net.in_begin[v] > 1)
        std::sort(net.in_link.begin() + net.in_begin[v], net.in_link.begin() + net.in_begin[v + 1], before);
  };
  parallel_for(2, valid_count >= kTwoThreadsFrom ? 2 : 1, [&](std::size_t half) { half == 0 ? build_out() : build_in(); });

  const std::vector<LinkId>& order = net.in_link;
  net.in_supplier = huge_vector<FirmId>(order.size());
  net.in_share = huge_vector<double>(order.size(), 0.0);
  net.link_group = huge_vector<std::uint32_t>(links.size(), kNone);
  net.firm_group_begin.assign(n + 1, 0);
  // At most one group per link: reserving takes address space, not memory, and saves the copies of growth.
  reserve_huge(net.group_begin, order.size() + 1);
  reserve_huge(net.group_essential, order.size());
  reserve_huge(net.group_outside, order.size());

  std::size_t k = 0;
  for (FirmId v = 0; v < n; ++v) {
    net.firm_group_begin[v] = static_cast<std::uint32_t>(net.group_essential.size());
    while (k < net.in_begin[v + 1]) {
      const std::uint32_t key = input_key(order[k]);
      std::size_t end = k;
      while (end < net.in_begin[v + 1] && input_key(order[end]) == key) ++end;
      const auto g = static_cast<std::uint32_t>(net.group_essential.size());
      net.group_begin.push_back(static_cast<std::uint32_t>(k));
      const SupplyLink& first = links[order[k]];
      net.group_essential.push_back(first.essential ? 1 : 0);

      double given = 0.0;
      std::size_t unspecified = 0;
      for (std::size_t j = k; j < end; ++j) {
        const LinkId e = order[j];
        const SupplyLink& l = links[e];
        net.in_supplier[j] = l.supplier;
        net.link_group[e] = g;
        if (std::isnan(l.share)) ++unspecified;
        else given += l.share;
        if (l.essential != first.essential)
          error({Kind::link, e}, "essential", "sources of input " + quoted(g_.input_of(e)) + " into " +
                                                  quoted(g_.firms_[v].id) + " disagree on whether it is essential");
        if (j > k && l.supplier == net.in_supplier[j - 1])
          error({Kind::link, e}, "supplier", "duplicate link " + quoted(g_.firms_[l.supplier].id) + " -> " +
                                                 quoted(g_.firms_[v].id) + " for input " + quoted(g_.input_of(e)));
      }
      if (given > 1.0 + 1e-9)
        error({Kind::link, order[k]}, "share", "shares of input " + quoted(g_.input_of(order[k])) +
                                                      " into " + quoted(g_.firms_[v].id) + " add up to " +
                                                      number_text(given) + ", more than 1");
      // Every source has a share and they leave part of the input open: the rest is bought outside
      // the chain (a typo in an input name often splits one input in two, so say so).
      // Shares rounded by hand (0.33 three times) are meant to add up to 1: within kShareSlack they do.
      // Shares that are all 0 say nothing of the split (they are split equally below), not that
      // everything comes from outside.
      const double outside = unspecified == 0 && given > 0.0 && given < 1.0 - kShareSlack ? 1.0 - given : 0.0;
      net.group_outside.push_back(outside);
      if (outside > 0.0)
        warning({Kind::link, order[k]}, "share",
                "shares of input " + quoted(g_.input_of(order[k])) + " into " + quoted_firm(g_.firms_[v].id, g_.firms_[v].name) +
                    " add up to " + significant(given, 6) + ", less than 1: the other " + significant(1.0 - given, 6) +
                    " is taken to come from sources outside the chain");
      // Sources without a share split what the given shares leave; then normalise to sum 1.
      const double rest = unspecified > 0 ? std::max(0.0, 1.0 - given) / static_cast<double>(unspecified) : 0.0;
      double total = 0.0;
      for (std::size_t j = k; j < end; ++j) {
        const double s = links[order[j]].share;
        net.in_share[j] = std::isnan(s) ? rest : s;
        total += net.in_share[j];
      }
      for (std::size_t j = k; j < end; ++j)
        net.in_share[j] = total > 0.0 ? net.in_share[j] / total : 1.0 / static_cast<double>(end - k);
      k = end;
    }
  }
  net.firm_group_begin[n] = static_cast<std::uint32_t>(net.group_essential.size());
  net.group_begin.push_back(static_cast<std::uint32_t>(order.size()));
  net.move_into(g_.net_);
}

void ChainBuilder::warn_isolated_and_expired() {
  const SupplyNetwork& net = g_.net_;
  const std::string& as_of = g_.info_.as_of;
  std::size_t next_duplicate = 0;  // duplicate_firms_ is in ascending order
  for (FirmId v = 0; v < g_.firm_count() && !firms_unreadable_; ++v) {
    const Firm& f = g_.firms_[v];
    // A repeated firm is one mistake, already reported: links went to its first declaration.
    if (next_duplicate < duplicate_firms_.size() && duplicate_firms_[next_duplicate] == v) {
      ++next_duplicate;
      continue;
    }
    if (!links_unreadable_ && net.out_begin[v] == net.out_begin[v + 1] && net.in_begin[v] == net.in_begin[v + 1])
      warning({Kind::firm, v}, "id", "firm " + quoted(f.id) + " has no supply links");
    for (std::size_t k = 0; k < f.certifications.size(); ++k) {
      const Certification& c = f.certifications[k];
      const std::string& scheme = g_.schemes_[c.scheme];
      if (c.status == CertStatus::expired)
        warning({Kind::firm, v}, "certifications", "certification " + scheme + " has expired");
      else if (c.status == CertStatus::valid && !c.expires.empty() && !as_of.empty() && c.expires < as_of)
        warning({Kind::firm, v}, "certifications", "certification " + scheme + " is marked valid but expired on " +
                                                       c.expires + ", before the chain's as_of " + as_of);
    }
    // Assistance that starts after the day the snapshot describes is usually a typo in one of the dates.
    if (const Assistance* a = g_.assistance_of(f); a && !a->since.empty() && !as_of.empty() && a->since > as_of)
      warning({Kind::firm, v}, "assisted.since", "assistance since " + a->since + " starts after the chain's as_of " + as_of);
  }
}

}  // namespace qchain::graphs
