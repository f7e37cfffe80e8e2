#include "qchain/graphs/cut_firms.hpp"

#include <algorithm>
#include <functional>
#include <numeric>

namespace qchain::graphs {

std::uint32_t CutFirm::separated() const {
  return pieces.empty() ? 0 : std::accumulate(pieces.begin() + 1, pieces.end(), 0u);
}

CutFirmsResult cut_firms(const ChainGraph& g) {
  const std::uint32_t n = g.firm_count();
  // Neighbour k of v, over customers then suppliers: the undirected view without copying it.
  const auto degree = [&](FirmId v) { return static_cast<std::uint32_t>(g.customers_of(v).size() + g.suppliers_of(v).size()); };
  const auto neighbour = [&](FirmId v, std::uint32_t k) {
    const IdRange out = g.customers_of(v);
    return k < out.size() ? out[k] : g.suppliers_of(v)[k - out.size()];
  };

  std::vector<std::uint32_t> disc(n, kNone), low(n, 0), size(n, 1), next(n, 0);
  std::vector<FirmId> parent(n, kNone), call;
  std::vector<std::vector<std::uint32_t>> pieces(n);  // filled only for cut firms
  std::vector<std::uint8_t> is_cut(n, 0);
  std::uint32_t counter = 0;

  std::vector<FirmId> members;  // the current component, in discovery order
  for (FirmId root = 0; root < n; ++root) {
    if (disc[root] != kNone) continue;
    std::uint32_t root_children = 0;
    call.assign(1, root);
    members.assign(1, root);
    disc[root] = low[root] = counter++;
    while (!call.empty()) {
      const FirmId v = call.back();
      if (next[v] < degree(v)) {
        const FirmId w = neighbour(v, next[v]++);
        if (w == parent[v]) continue;  // parallel links to the parent change no articulation point
        if (disc[w] == kNone) {
          parent[w] = v;
          disc[w] = low[w] = counter++;
          call.push_back(w);
          members.push_back(w);
        } else {
          low[v] = std::min(low[v], disc[w]);
        }
        continue;
      }
      call.pop_back();
      if (call.empty()) break;
      const FirmId p = call.back();
      size[p] += size[v];
      low[p] = std::min(low[p], low[v]);
      if (p == root) ++root_children;
      if (low[v] >= disc[p]) pieces[p].push_back(size[v]);  // v's subtree hangs on p alone
    }
    // The root is a cut firm with two or more DFS children; another firm with a hanging subtree is
    // one, and the rest of its component is one more piece.
    const auto component = static_cast<std::uint32_t>(members.size());
    for (FirmId v : members) {
      if (pieces[v].empty()) continue;
      if (v == root) {
        if (root_children < 2) {
          pieces[v].clear();
          continue;
        }
      } else {
        const std::uint32_t hanging = std::accumulate(pieces[v].begin(), pieces[v].end(), 0u);
        if (component - 1 > hanging) pieces[v].push_back(component - 1 - hanging);
      }
      is_cut[v] = 1;
    }
  }

  CutFirmsResult r;
  for (FirmId v = 0; v < n; ++v) {
    if (!is_cut[v]) continue;
    std::sort(pieces[v].begin(), pieces[v].end(), std::greater<>());
    r.firms.push_back({v, std::move(pieces[v])});
  }
  std::stable_sort(r.firms.begin(), r.firms.end(),
                   [](const CutFirm& a, const CutFirm& b) { return a.separated() > b.separated(); });
  return r;
}

}  // namespace qchain::graphs
