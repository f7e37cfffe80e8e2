#include "qchain/engine/quality/issue_attribution.hpp"

#include <algorithm>
#include <cmath>

namespace qchain::engine {

using namespace qchain::graphs;

IssueAttribution attribute_issues(const ChainGraph& g, const std::vector<double>& own) {
  IssueAttribution a;
  a.begin.assign(g.firm_count() + 1, 0);
  a.unexplained.assign(g.firm_count(), 0.0);
  for (FirmId v = 0; v < g.firm_count(); ++v)
    a.begin[v + 1] = a.begin[v] + static_cast<std::uint32_t>(g.firm(v).issues.size());
  a.amount.assign(a.begin.back(), 0.0);
  for (FirmId v = 0; v < g.firm_count(); ++v) {
    const Firm& f = g.firm(v);
    const double p = own[v];
    double stated = 0.0, severity = 0.0;
    for (const FirmIssue& x : f.issues) {
      const double loss = g.issues()[x.issue].yield_loss;
      if (std::isnan(loss)) severity += x.severity;
      else stated += loss;
    }
    const double scale = stated > p && stated > 0.0 ? p / stated : 1.0;
    const double rest = std::max(0.0, p - stated * scale);
    for (std::size_t k = 0; k < f.issues.size(); ++k) {
      const double loss = g.issues()[f.issues[k].issue].yield_loss;
      a.amount[a.begin[v] + k] = std::isnan(loss) ? (severity > 0 ? rest * f.issues[k].severity / severity : 0.0) : loss * scale;
    }
    a.unexplained[v] = severity > 0 ? 0.0 : rest;
  }
  return a;
}

std::vector<double> without_issue(const ChainGraph& g, const IssueAttribution& a, const std::vector<double>& own,
                                  std::uint32_t issue) {
  std::vector<double> p = own;
  for (FirmId v = 0; v < g.firm_count(); ++v) {
    const auto& issues = g.firm(v).issues;
    for (std::size_t k = 0; k < issues.size(); ++k)
      if (issues[k].issue == issue) p[v] = std::max(0.0, p[v] - a.of(v, k));
  }
  return p;
}

}  // namespace qchain::engine
