#include "qchain/graphs/strong_components.hpp"

#include <algorithm>

namespace qchain::graphs {

StrongComponentsResult strong_components(const ChainGraph& g) {
  const std::uint32_t n = g.firm_count();
  const SupplyNetwork& net = g.network();
  StrongComponentsResult r;
  r.component.assign(n, kNone);

  // Tarjan's algorithm with an explicit call stack. Components complete sinks first, so the
  // numbering is reversed at the end to put suppliers first.
  std::vector<std::uint32_t> index(n, kNone), low(n, 0), next_edge(n, 0);
  std::vector<FirmId> stack, call;
  std::vector<std::uint8_t> on_stack(n, 0);
  std::uint32_t counter = 0, found = 0;
  for (FirmId root = 0; root < n; ++root) {
    if (index[root] != kNone) continue;
    call.push_back(root);
    while (!call.empty()) {
      const FirmId v = call.back();
      if (index[v] == kNone) {
        index[v] = low[v] = counter++;
        next_edge[v] = net.out_begin[v];
        stack.push_back(v);
        on_stack[v] = 1;
      }
      bool descended = false;
      while (next_edge[v] < net.out_begin[v + 1]) {
        const FirmId w = net.out_customer[next_edge[v]++];
        if (index[w] == kNone) {
          call.push_back(w);
          descended = true;
          break;
        }
        if (on_stack[w]) low[v] = std::min(low[v], index[w]);
      }
      if (descended) continue;
      call.pop_back();
      if (!call.empty()) low[call.back()] = std::min(low[call.back()], low[v]);
      if (low[v] == index[v]) {
        FirmId w;
        do {
          w = stack.back();
          stack.pop_back();
          on_stack[w] = 0;
          r.component[w] = found;
        } while (w != v);
        ++found;
      }
    }
  }
  r.count = found;
  for (std::uint32_t& c : r.component) c = found - 1 - c;

  r.begin.assign(found + 1, 0);
  for (FirmId v = 0; v < n; ++v) ++r.begin[r.component[v] + 1];
  for (std::uint32_t c = 0; c < found; ++c) r.begin[c + 1] += r.begin[c];
  r.firms.resize(n);
  std::vector<std::uint32_t> fill(r.begin.begin(), r.begin.end() - 1);
  for (FirmId v = 0; v < n; ++v) r.firms[fill[r.component[v]]++] = v;
  return r;
}

}  // namespace qchain::graphs
