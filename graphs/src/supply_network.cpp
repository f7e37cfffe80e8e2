// ChainBuilder's second half: the CSR arrays, input groups, share normalisation and the checks that
// need every link at once (share sums, essential agreement, duplicate links, isolated firms).
#include <algorithm>
#include <cmath>
#include <string>

#include "qchain/graphs/chain_builder.hpp"
#include "qchain/core/number_format.hpp"
#include "huge_pages.hpp"
#include "quoted.hpp"

namespace qchain::graphs {
namespace {

using Kind = RecordRef::Kind;

// Stable counting sort of `items` by key(item) in [0, key_count).
template <class KeyFn>
std::vector<std::uint32_t> counting_sort(const std::vector<std::uint32_t>& items, std::size_t key_count, KeyFn key) {
  std::vector<std::uint32_t> count(key_count + 1, 0);
  for (std::uint32_t x : items) ++count[key(x) + 1];
  for (std::size_t k = 1; k <= key_count; ++k) count[k] += count[k - 1];
  std::vector<std::uint32_t> out = huge_vector<std::uint32_t>(items.size());
  for (std::uint32_t x : items) out[count[key(x)]++] = x;
  return out;
}

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
  // The sorts below read these compact copies, not the much larger SupplyLink records.
  std::vector<std::uint32_t> sup = huge_vector<std::uint32_t>(links.size()), cus = huge_vector<std::uint32_t>(links.size()),
                             key = huge_vector<std::uint32_t>(links.size());
  for (LinkId e = 0; e < links.size(); ++e) {
    const SupplyLink& l = links[e];
    sup[e] = l.supplier;
    cus[e] = l.customer;
    key[e] = l.input_name == kNone ? l.supplier : name_key[l.input_name];
  }
  const auto input_key = [&](LinkId e) { return key[e]; };

  // Links with an unknown end or to themselves (already reported) stay out of the network.
  std::vector<std::uint32_t> valid;
  reserve_huge(valid, links.size());
  for (LinkId e = 0; e < links.size(); ++e)
    if (sup[e] != kNone && cus[e] != kNone && sup[e] != cus[e]) valid.push_back(e);
  auto by_supplier = counting_sort(valid, n, [&](LinkId e) { return sup[e]; });
  valid = std::vector<std::uint32_t>();
  net.out_begin.assign(n + 1, 0);
  for (LinkId e : by_supplier) ++net.out_begin[sup[e] + 1];
  for (std::uint32_t v = 0; v < n; ++v) net.out_begin[v + 1] += net.out_begin[v];
  net.out_customer = huge_vector<FirmId>(by_supplier.size());
  for (std::size_t k = 0; k < by_supplier.size(); ++k) net.out_customer[k] = cus[by_supplier[k]];

  // LSD radix order (customer, input key, supplier): stable sorts on top of the supplier order.
  auto in_order = counting_sort(by_supplier, n + name_key.size(), input_key);
  net.out_link = std::move(by_supplier);
  in_order = counting_sort(in_order, n, [&](LinkId e) { return cus[e]; });

  net.in_begin.assign(n + 1, 0);
  for (LinkId e : in_order) ++net.in_begin[cus[e] + 1];
  for (std::uint32_t v = 0; v < n; ++v) net.in_begin[v + 1] += net.in_begin[v];
  net.in_link = std::move(in_order);
  const std::vector<LinkId>& order = net.in_link;
  net.in_supplier = huge_vector<FirmId>(order.size());
  net.in_share = huge_vector<double>(order.size(), 0.0);
  net.link_group = huge_vector<std::uint32_t>(links.size(), kNone);
  net.firm_group_begin.assign(n + 1, 0);
  net.group_begin.clear();
  net.group_essential.clear();
  net.group_outside.clear();

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
