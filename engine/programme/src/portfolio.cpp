#include "qchain/engine/programme/portfolio.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>

#include "qchain/core/error.hpp"
#include "qchain/engine/structure/yield_mean.hpp"

namespace qchain::engine {

using namespace qchain::graphs;

namespace {

PortfolioChain overview(const ChainGraph& g, const QualityAnalysis& q) {
  PortfolioChain c;
  c.firms = g.firm_count();
  c.links = g.link_count();
  c.mean_yield = mean_first_pass_yield(g);
  for (const Firm& f : g.firms())
    for (const FirmIssue& x : f.issues) ++c.category_pairs[static_cast<int>(g.issues()[x.issue].category)];
  for (const LeaderQuality& l : q.leader_quality) c.leaders.emplace_back(l.leader, l.delivered_yield);
  c.weak_segment = q.weak_segment;
  for (std::size_t k = 0; k < q.issues.size() && c.top_issues.size() < 3; ++k)
    if (q.issues[k].total_gain > 0) c.top_issues.push_back(q.issues[k].issue);
  for (std::size_t i = 0; i < q.leader_quality.size(); ++i)
    for (std::size_t k = 0; k < q.leader_quality[i].by_issue.size(); ++k)
      c.category_share[static_cast<int>(g.issues()[k].category)] += q.leader_weight[i] * q.leader_quality[i].by_issue[k];
  return c;
}

}  // namespace

void check_distinct_chains(const std::vector<const ChainGraph*>& chains) {
  for (std::size_t i = 0; i < chains.size(); ++i)
    for (std::size_t j = 0; j < i; ++j)
      if (chains[i]->info().id == chains[j]->info().id)
        throw UsageError("portfolio: chain \"" + chains[i]->info().id + "\" is given twice (chains are told apart by chain.id)");
}

PortfolioResult build_portfolio(const std::vector<const ChainGraph*>& chains, const std::vector<const QualityAnalysis*>& quality) {
  if (chains.size() != quality.size()) throw UsageError("portfolio: one quality analysis per chain");
  check_distinct_chains(chains);
  PortfolioResult r;
  for (std::size_t i = 0; i < chains.size(); ++i) r.chains.push_back(overview(*chains[i], *quality[i]));

  // Issue codes: per code, the chains where some firm has it, with the name each uses.
  struct Use {
    std::uint32_t chain, firms;
    std::string name;
    double gain;
  };
  std::map<std::string, std::vector<Use>> uses;
  for (std::uint32_t i = 0; i < chains.size(); ++i)
    for (const IssueImpact& x : quality[i]->issues)
      if (x.firms > 0) {
        const IssueType& t = chains[i]->issues()[x.issue];
        uses[t.code].push_back({i, x.firms, t.name, x.total_gain});
      }
  for (const auto& [code, list] : uses) {
    if (list.size() < 2) continue;
    const std::string& first = list[0].name;  // (C++17 lambdas cannot capture a structured binding)
    const bool same = std::all_of(list.begin(), list.end(), [&first](const Use& u) { return u.name == first; });
    if (!same) {
      r.code_clashes.push_back(code);
      continue;
    }
    SharedIssue s;
    s.code = code;
    s.name = first;
    for (const Use& u : list) s.chains.push_back(u.chain), s.firms.push_back(u.firms), s.gain += u.gain;
    r.shared_issues.push_back(std::move(s));
  }
  std::stable_sort(r.shared_issues.begin(), r.shared_issues.end(), [](const SharedIssue& a, const SharedIssue& b) {
    return a.chains.size() != b.chains.size() ? a.chains.size() > b.chains.size() : a.gain > b.gain;
  });

  // Fishbone classes: where each is among a chain's two largest sources of the leaders' defects.
  for (int k = 0; k < kCategoryCount; ++k) r.categories[k].category = static_cast<IssueCategory>(k);
  for (std::uint32_t i = 0; i < chains.size(); ++i) {
    const auto& share = r.chains[i].category_share;
    std::array<int, kCategoryCount> order;
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return share[a] > share[b]; });
    for (int k = 0; k < 2; ++k)
      if (share[order[k]] > 0) r.categories[order[k]].chains.push_back(i);
  }

  // Firms in several chains: each id is taken up in the first chain that has it (hash lookups, no
  // table of every id: a province-sized chain has millions).
  for (std::uint32_t i = 0; i < chains.size(); ++i)
    for (FirmId v = 0; v < chains[i]->firm_count(); ++v) {
      const Firm& f = chains[i]->firm(v);
      bool earlier = false;
      for (std::uint32_t j = 0; j < i && !earlier; ++j) earlier = chains[j]->find_firm(f.id).has_value();
      if (earlier) continue;
      SharedFirm s;
      s.id = f.id;
      s.in.emplace_back(i, v);
      for (std::uint32_t j = i + 1; j < chains.size(); ++j)
        if (auto w = chains[j]->find_firm(f.id)) {
          s.in.emplace_back(j, *w);
          s.same_name &= chains[j]->firm(*w).name == f.name;
        }
      if (s.in.size() > 1) r.shared_firms.push_back(std::move(s));
    }
  std::sort(r.shared_firms.begin(), r.shared_firms.end(), [](const SharedFirm& a, const SharedFirm& b) { return a.id < b.id; });
  return r;
}

}  // namespace qchain::engine
