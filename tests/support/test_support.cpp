#include "test_support.hpp"

#include <cmath>
#include <sstream>

namespace qchain::test {

using namespace qchain::graphs;

namespace {

bool same_num(double x, double y) { return (std::isnan(x) && std::isnan(y)) || x == y; }

std::string scheme_set(const ChainGraph& g, std::uint32_t set) {
  std::string out;
  for (std::uint32_t s : g.requirement_sets()[set]) out += g.schemes()[s] + ";";
  return out;
}

}  // namespace

::testing::AssertionResult same_chain(const ChainGraph& a, const ChainGraph& b) {
  auto fail = [](const std::string& what) { return ::testing::AssertionFailure() << what; };
  const ChainInfo &ia = a.info(), &ib = b.info();
  if (ia.id != ib.id || ia.name != ib.name || ia.region != ib.region || ia.industry != ib.industry ||
      ia.description != ib.description || ia.as_of != ib.as_of || !same_num(ia.default_detection, ib.default_detection) ||
      !same_num(ia.default_inspection, ib.default_inspection))
    return fail("chain info differs");
  if (a.segments().size() != b.segments().size()) return fail("segment count differs");
  for (std::size_t k = 0; k < a.segments().size(); ++k) {
    const Segment &x = a.segments()[k], &y = b.segments()[k];
    if (x.id != y.id || x.name != y.name || x.order != y.order) return fail("segment " + x.id + " differs");
  }
  if (a.issues().size() != b.issues().size()) return fail("issue count differs");
  for (std::size_t k = 0; k < a.issues().size(); ++k) {
    const IssueType &x = a.issues()[k], &y = b.issues()[k];
    if (x.code != y.code || x.name != y.name || x.category != y.category || !same_num(x.yield_loss, y.yield_loss) ||
        x.description != y.description)
      return fail("issue " + x.code + " differs");
  }
  if (a.firm_count() != b.firm_count()) return fail("firm count differs");
  for (FirmId v = 0; v < a.firm_count(); ++v) {
    const Firm &x = a.firm(v), &y = b.firm(v);
    bool same = x.id == y.id && x.name == y.name && a.region_of(x) == b.region_of(y) && x.role == y.role && x.segment == y.segment &&
                same_num(x.first_pass_yield, y.first_pass_yield) && same_num(x.detection, y.detection) && x.maturity == y.maturity && x.willingness == y.willingness &&
                x.employees == y.employees && same_num(x.revenue, y.revenue) &&
                x.certifications.size() == y.certifications.size() && x.issues.size() == y.issues.size() &&
                (x.assisted == kNone) == (y.assisted == kNone);
    for (std::size_t k = 0; same && k < x.certifications.size(); ++k) {
      const Certification &c = x.certifications[k], &d = y.certifications[k];
      same = a.schemes()[c.scheme] == b.schemes()[d.scheme] && c.status == d.status && c.expires == d.expires;
    }
    for (std::size_t k = 0; same && k < x.issues.size(); ++k)
      same = x.issues[k].issue == y.issues[k].issue && x.issues[k].severity == y.issues[k].severity;
    if (same && x.assisted != kNone) {
      const Assistance &p = *a.assistance_of(x), &q = *b.assistance_of(y);
      same = p.by == q.by && p.since == q.since && p.programme == q.programme;
    }
    if (same) {
      const FirmOutcomes &p = a.outcomes_of(x), &q = b.outcomes_of(y);
      same = (x.outcomes == kNone) == (y.outcomes == kNone) && same_num(p.profit, q.profit) &&
             same_num(p.operating_cost, q.operating_cost) && same_num(p.quality_cost, q.quality_cost) &&
             same_num(p.satisfaction, q.satisfaction);
    }
    if (!same) return fail("firm " + x.id + " differs");
  }
  if (a.link_count() != b.link_count()) return fail("link count differs");
  for (LinkId e = 0; e < a.link_count(); ++e) {
    const SupplyLink &x = a.link(e), &y = b.link(e);
    if (x.supplier != y.supplier || x.customer != y.customer || a.input_of(e) != b.input_of(e) ||
        (x.input_name == kNone) != (y.input_name == kNone) || !same_num(x.share, y.share) ||
        !same_num(x.weight, y.weight) || x.inspection != y.inspection || x.inspection_given != y.inspection_given ||
        !same_num(x.value, y.value) ||
        x.essential != y.essential || scheme_set(a, x.requires_set) != scheme_set(b, y.requires_set))
      return fail("link " + std::to_string(e) + " differs");
  }
  const SupplyNetwork &na = a.network(), &nb = b.network();
  if (na.in_link != nb.in_link || na.out_link != nb.out_link || na.group_begin != nb.group_begin ||
      na.in_share != nb.in_share || na.group_outside != nb.group_outside)
    return fail("network differs");
  return ::testing::AssertionSuccess();
}

}  // namespace qchain::test
