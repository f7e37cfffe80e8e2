// The explorer's documents (docs/api.md): one firm with everything known of it, the neighbourhood
// around a firm with positions for drawing, and the search box's suggestions. New documents: the
// CLI has none of them.
#include <algorithm>
#include <cctype>
#include <deque>
#include <map>

#include "api_internal.hpp"
#include "json_write.hpp"
#include "placed_firms.hpp"
#include "qchain/graphs/tiers.hpp"
#include "qchain/workspace/ledger.hpp"

namespace qchain::service {

namespace {

using json::Writer;

const char* criterion_name(engine::Criterion c) {
  switch (c) {
    case engine::Criterion::yield: return "yield";
    case engine::Criterion::certifications: return "certifications";
    case engine::Criterion::schemes: return "schemes";
    case engine::Criterion::open_issues: return "open_issues";
    case engine::Criterion::severity: return "severity";
  }
  return "";
}

void sv(Writer& w, std::string_view s) { json::str(w, s); }

void segment_json(Writer& w, const graphs::ChainGraph& g, std::uint32_t segment) {
  if (segment == graphs::kNone) return w.Null(), void();
  w.StartObject();
  json::key(w, "id"); json::str(w, g.segments()[segment].id);
  json::key(w, "name"); json::str(w, g.segments()[segment].name);
  w.EndObject();
}

void profile_json(Writer& w, const graphs::ChainGraph& g, const graphs::Firm& f) {
  w.StartObject();
  json::key(w, "id"); json::str(w, f.id);
  json::key(w, "name"); json::str(w, f.name);
  json::key(w, "segment"); segment_json(w, g, f.segment);
  json::key(w, "region"); f.region == graphs::kNone ? w.Null() : (json::str(w, g.regions()[f.region]), true);
  json::key(w, "role"); sv(w, graphs::to_string(f.role));
  json::key(w, "maturity"); sv(w, graphs::to_string(f.maturity));
  json::key(w, "willingness"); sv(w, graphs::to_string(f.willingness));
  json::key(w, "first_pass_yield"); json::num(w, f.first_pass_yield);
  json::key(w, "detection"); json::num(w, f.detection);
  json::key(w, "revenue"); json::num(w, f.revenue);
  json::key(w, "employees"); f.employees < 0 ? w.Null() : w.Int64(f.employees);
  json::key(w, "assisted");
  if (f.assisted == graphs::kNone) {
    w.Null();
  } else {
    const graphs::Assistance& a = g.assistance()[f.assisted];
    w.StartObject();
    json::text_or_null(w, "by", a.by);
    json::text_or_null(w, "since", a.since);
    json::text_or_null(w, "programme", a.programme);
    w.EndObject();
  }
  w.EndObject();
}

void yields_json(Writer& w, const engine::QualityAnalysis& q, graphs::FirmId v) {
  w.StartObject();
  json::key(w, "own"); json::num(w, 1.0 - q.own.rate[v]);
  json::key(w, "own_imputed"); w.Bool(q.own.imputed[v] != 0);
  json::key(w, "delivered"); json::num(w, 1.0 - q.state.delivered[v]);
  json::key(w, "risk_index"); json::num(w, q.risk[v]);
  const auto at = std::find(q.risk_ranking.begin(), q.risk_ranking.end(), v);
  json::key(w, "risk_rank"); at == q.risk_ranking.end() ? w.Null() : w.Uint64(static_cast<std::uint64_t>(at - q.risk_ranking.begin()) + 1);
  w.EndObject();
}

void issues_json(Writer& w, const graphs::ChainGraph& g, const graphs::Firm& f) {
  w.StartArray();
  for (const graphs::FirmIssue& x : f.issues) {
    const graphs::IssueType& t = g.issues()[x.issue];
    w.StartObject();
    json::key(w, "code"); json::str(w, t.code);
    json::key(w, "name"); json::str(w, t.name);
    json::key(w, "category"); sv(w, graphs::to_string(t.category));
    json::key(w, "severity"); w.Uint(x.severity);
    w.EndObject();
  }
  w.EndArray();
}

void certifications_json(Writer& w, const graphs::ChainGraph& g, const graphs::Firm& f) {
  w.StartArray();
  for (const graphs::Certification& x : f.certifications) {
    w.StartObject();
    json::key(w, "scheme"); json::str(w, g.schemes()[x.scheme]);
    json::key(w, "status"); sv(w, graphs::to_string(x.status));
    json::text_or_null(w, "expires", x.expires);
    w.EndObject();
  }
  w.EndArray();
}

void rung_json(Writer& w, const graphs::ChainGraph& g, const engine::GradeCriteria& rung, graphs::FirmId v) {
  w.StartArray();
  for (const engine::CriterionCheck& k : engine::check_rung(g, rung, v)) {
    w.StartObject();
    json::key(w, "criterion"); json::str(w, criterion_name(k.criterion));
    json::key(w, "met"); w.Bool(k.met);
    json::key(w, "value"); json::num(w, k.value);
    json::key(w, "threshold"); json::num(w, k.threshold);
    json::key(w, "missing");
    w.StartArray();
    for (const std::string& m : k.missing) json::str(w, m);
    w.EndArray();
    w.EndObject();
  }
  w.EndArray();
}

void grade_json(Writer& w, const engine::AnalysisContext& ctx, graphs::FirmId v) {
  const graphs::ChainGraph& g = ctx.chain();
  w.StartObject();
  json::key(w, "grade"); sv(w, graphs::to_string(ctx.grades().grade[v]));
  json::key(w, "rubric"); json::str(w, ctx.rubric().name);
  json::key(w, "developing"); rung_json(w, g, ctx.rubric().developing, v);
  json::key(w, "leaping"); rung_json(w, g, ctx.rubric().leaping, v);
  w.EndObject();
}

// The input of `customer` that `supplier` feeds: its name, or the supplier's id for the default input.
std::string input_between(const graphs::ChainGraph& g, graphs::FirmId supplier, graphs::FirmId customer) {
  for (const graphs::LinkEnd e : g.customer_links_of(supplier))
    if (e.firm == customer) {
      const graphs::SupplyLink& l = g.link(e.link);
      return l.input_name == graphs::kNone ? g.firm(supplier).id : g.input_names()[l.input_name];
    }
  return "";
}

void critical_json(Writer& w, const engine::AnalysisContext& ctx, graphs::FirmId v) {
  const graphs::ChainGraph& g = ctx.chain();
  w.StartArray();
  for (const graphs::LeaderCriticalSuppliers& l : ctx.structure().critical.leaders)
    for (const graphs::CriticalSupplier& s : l.suppliers) {
      if (s.firm != v) continue;
      w.StartObject();
      json::key(w, "leader"); json::str(w, g.firm(l.leader).id);
      json::key(w, "through");
      w.StartArray();
      for (std::size_t k = 0; k + 1 < s.firms.size(); ++k) {
        w.StartObject();
        json::key(w, "supplier"); json::str(w, g.firm(s.firms[k]).id);
        json::key(w, "customer"); json::str(w, g.firm(s.firms[k + 1]).id);
        json::key(w, "input"); json::str(w, input_between(g, s.firms[k], s.firms[k + 1]));
        w.EndObject();
      }
      w.EndArray();
      w.EndObject();
    }
  w.EndArray();
}

void systemic_json(Writer& w, const engine::AnalysisContext& ctx, graphs::FirmId v) {
  if (!ctx.systemic_by_default()) return w.Null(), void();
  const engine::SystemicResult& s = ctx.systemic();
  w.StartObject();
  json::key(w, "index"); json::num(w, s.index[v]);
  json::key(w, "down"); json::num(w, s.down[v]);
  json::key(w, "up"); json::num(w, s.up[v]);
  const auto at = std::find(s.ranking.begin(), s.ranking.end(), v);
  json::key(w, "rank"); at == s.ranking.end() ? w.Null() : w.Uint64(static_cast<std::uint64_t>(at - s.ranking.begin()) + 1);
  w.EndObject();
}

// Shown in full up to this many; the counts are always whole.
constexpr std::size_t kNeighboursListed = 100;

void neighbours_json(Writer& w, const graphs::ChainGraph& g, graphs::IdRange ids) {
  w.StartObject();
  json::key(w, "count"); w.Uint64(ids.size());
  json::key(w, "firms");
  w.StartArray();
  for (std::size_t k = 0; k < ids.size() && k < kNeighboursListed; ++k) json::str(w, g.firm(ids[k]).id);
  w.EndArray();
  w.EndObject();
}

void ledger_json(Writer& w, const std::vector<workspace::LedgerEntry>& entries) {
  w.StartArray();
  for (const workspace::LedgerEntry& e : entries) {
    w.StartObject();
    json::key(w, "id"); w.Int64(e.id);
    json::key(w, "status"); json::str(w, workspace::to_string(e.status));
    json::text_or_null(w, "provider", e.provider.name);
    json::key(w, "issues");
    w.StartArray();
    for (const std::string& s : e.issues) json::str(w, s);
    w.EndArray();
    json::key(w, "measures");
    w.StartArray();
    for (const std::string& s : e.measures) json::str(w, s);
    w.EndArray();
    json::text_or_null(w, "start", e.start.empty() ? e.planned_start : e.start);
    json::text_or_null(w, "end", e.end);
    json::key(w, "cost"); json::num(w, e.cost);
    w.EndObject();
  }
  w.EndArray();
}

std::string done(rapidjson::StringBuffer& b) { return std::string(b.GetString(), b.GetSize()) + "\n"; }

std::string lower_ascii(std::string s) {
  for (char& ch : s) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return s;
}

// 0: the whole id or name, 1: its start, 2: anywhere; -1: not at all.
int match_rank(const std::string& text, const std::string& q) {
  const std::string t = lower_ascii(text);
  if (t == q) return 0;
  const std::size_t at = t.find(q);
  return at == std::string::npos ? -1 : at == 0 ? 1 : 2;
}

}  // namespace

ApiResponse firm_document(Call& c, const Snapshot& s, const std::string& firm_id) {
  const graphs::ChainGraph& g = s.chain;
  const auto found = g.find_firm(firm_id);
  if (!found) throw ApiError(404, "unknown firm \"" + firm_id + "\"");
  const graphs::FirmId v = *found;
  const graphs::Firm& f = g.firm(v);
  const engine::AnalysisContext& ctx = *s.context;
  workspace::LedgerFilter filter;
  filter.firm_id = f.id;
  const std::vector<workspace::LedgerEntry> entries = workspace::list_ledger(c.workspace(), s.chain_id, filter);
  rapidjson::StringBuffer b;
  Writer w(b);
  w.StartObject();
  json::key(w, "format"); json::str(w, "qchain-firm/1");
  json::key(w, "chain"); json::str(w, s.chain_id);
  json::key(w, "as_of"); json::str(w, s.as_of);
  json::key(w, "firm"); profile_json(w, g, f);
  json::key(w, "leader"); w.Bool(std::find(ctx.quality().leaders.begin(), ctx.quality().leaders.end(), v) != ctx.quality().leaders.end());
  json::key(w, "yield"); yields_json(w, ctx.quality(), v);
  json::key(w, "issues"); issues_json(w, g, f);
  json::key(w, "certifications"); certifications_json(w, g, f);
  json::key(w, "grade"); grade_json(w, ctx, v);
  json::key(w, "critical_for"); critical_json(w, ctx, v);
  json::key(w, "systemic"); systemic_json(w, ctx, v);
  json::key(w, "suppliers"); neighbours_json(w, g, g.suppliers_of(v));
  json::key(w, "customers"); neighbours_json(w, g, g.customers_of(v));
  json::key(w, "ledger"); ledger_json(w, entries);
  w.EndObject();
  return json_response(done(b));
}

// The most firms a neighbourhood holds by default and at most (?limit=).
constexpr std::size_t kNeighbourhoodDefault = 300, kNeighbourhoodMax = 2000;

ApiResponse neighbourhood(Call& c, const Snapshot& s) {
  const graphs::ChainGraph& g = s.chain;
  if (!c.has("firm")) throw ApiError(400, "neighbourhood: give the firm (?firm=ID)", "firm");
  const auto found = g.find_firm(c.param("firm"));
  if (!found) throw ApiError(404, "unknown firm \"" + c.param("firm") + "\"", "firm");
  const std::uint32_t up = static_cast<std::uint32_t>(std::min<std::uint64_t>(c.number("up", 2), 50));
  const std::uint32_t down = static_cast<std::uint32_t>(std::min<std::uint64_t>(c.number("down", 2), 50));
  const std::size_t limit = static_cast<std::size_t>(std::clamp<std::uint64_t>(c.number("limit", kNeighbourhoodDefault), 1, kNeighbourhoodMax));
  // Breadth first, upstream and downstream apart, nearest first: what is cut is the farthest.
  std::map<graphs::FirmId, int> distance;  // negative upstream, positive downstream
  distance[*found] = 0;
  bool truncated = false;
  for (const int dir : {-1, 1}) {
    std::deque<graphs::FirmId> queue{*found};
    const std::uint32_t steps = dir < 0 ? up : down;
    while (!queue.empty()) {
      const graphs::FirmId v = queue.front();
      queue.pop_front();
      const int d = distance[v];
      if (static_cast<std::uint32_t>(std::abs(d)) >= steps) continue;
      for (const graphs::FirmId u : dir < 0 ? g.suppliers_of(v) : g.customers_of(v)) {
        if (distance.count(u)) continue;
        if (distance.size() >= limit) {
          truncated = true;
          break;
        }
        distance[u] = d + dir;
        queue.push_back(u);
      }
    }
  }
  const graphs::TiersResult tiers = graphs::compute_tiers(g, s.context->components());
  const engine::QualityAnalysis& q = s.context->quality();
  rapidjson::StringBuffer b;
  Writer w(b);
  w.StartObject();
  json::key(w, "format"); json::str(w, "qchain-neighbourhood/1");
  json::key(w, "chain"); json::str(w, s.chain_id);
  json::key(w, "as_of"); json::str(w, s.as_of);
  json::key(w, "firm"); json::str(w, g.firm(*found).id);
  json::key(w, "up"); w.Uint(up);
  json::key(w, "down"); w.Uint(down);
  json::key(w, "limit"); w.Uint64(limit);
  json::key(w, "truncated"); w.Bool(truncated);
  std::vector<graphs::FirmId> reached;
  for (const auto& [v, d] : distance) reached.push_back(v);
  write_placed_firms(w, g, tiers, q, reached, [&](graphs::FirmId v) { return std::optional<int>(distance.at(v)); });
  json::key(w, "links");
  w.StartArray();
  for (const auto& [v, d] : distance)
    for (const graphs::FirmId u : g.customers_of(v))
      if (distance.count(u)) {
        w.StartObject();
        json::key(w, "supplier"); json::str(w, g.firm(v).id);
        json::key(w, "customer"); json::str(w, g.firm(u).id);
        w.EndObject();
      }
  w.EndArray();
  w.EndObject();
  return json_response(done(b));
}

constexpr std::size_t kSearchDefault = 20, kSearchMax = 100;

ApiResponse search(Call& c, const Snapshot& s) {
  const graphs::ChainGraph& g = s.chain;
  const std::string query = c.param("q");
  if (query.empty()) throw ApiError(400, "search: give the text to look for (?q=...)", "q");
  const std::string q = lower_ascii(query);
  const std::size_t limit = static_cast<std::size_t>(std::clamp<std::uint64_t>(c.number("limit", kSearchDefault), 1, kSearchMax));
  struct Hit {
    int rank;
    std::uint32_t index;
  };
  std::vector<Hit> firms, issues, segments;
  std::size_t firm_matches = 0;
  for (graphs::FirmId v = 0; v < g.firm_count(); ++v) {
    const int a = match_rank(g.firm(v).id, q), n = match_rank(g.firm(v).name, q);
    if (a < 0 && n < 0) continue;
    ++firm_matches;
    firms.push_back({a < 0 ? n : n < 0 ? a : std::min(a, n), v});
  }
  for (std::uint32_t k = 0; k < g.issues().size(); ++k) {
    const int a = match_rank(g.issues()[k].code, q), n = match_rank(g.issues()[k].name, q);
    if (a >= 0 || n >= 0) issues.push_back({a < 0 ? n : n < 0 ? a : std::min(a, n), k});
  }
  for (std::uint32_t k = 0; k < g.segments().size(); ++k) {
    const int a = match_rank(g.segments()[k].id, q), n = match_rank(g.segments()[k].name, q);
    if (a >= 0 || n >= 0) segments.push_back({a < 0 ? n : n < 0 ? a : std::min(a, n), k});
  }
  const auto by_rank = [](const Hit& x, const Hit& y) { return std::make_pair(x.rank, x.index) < std::make_pair(y.rank, y.index); };
  for (std::vector<Hit>* hits : {&firms, &issues, &segments}) {
    const std::size_t keep = std::min(limit, hits->size());
    std::partial_sort(hits->begin(), hits->begin() + static_cast<std::ptrdiff_t>(keep), hits->end(), by_rank);
    hits->resize(keep);
  }
  std::vector<std::uint32_t> issue_firms(g.issues().size(), 0);
  for (const graphs::Firm& f : g.firms())
    for (const graphs::FirmIssue& x : f.issues) ++issue_firms[x.issue];
  rapidjson::StringBuffer b;
  Writer w(b);
  w.StartObject();
  json::key(w, "format"); json::str(w, "qchain-search/1");
  json::key(w, "query"); json::str(w, query);
  json::key(w, "limit"); w.Uint64(limit);
  json::key(w, "firm_matches"); w.Uint64(firm_matches);
  json::key(w, "firms");
  w.StartArray();
  for (const Hit& h : firms) {
    const graphs::Firm& f = g.firm(h.index);
    w.StartObject();
    json::key(w, "id"); json::str(w, f.id);
    json::key(w, "name"); json::str(w, f.name);
    json::key(w, "segment"); f.segment == graphs::kNone ? w.Null() : (json::str(w, g.segments()[f.segment].id), true);
    json::key(w, "rank"); w.Int(h.rank);
    w.EndObject();
  }
  w.EndArray();
  json::key(w, "issues");
  w.StartArray();
  for (const Hit& h : issues) {
    w.StartObject();
    json::key(w, "code"); json::str(w, g.issues()[h.index].code);
    json::key(w, "name"); json::str(w, g.issues()[h.index].name);
    json::key(w, "firms"); w.Uint(issue_firms[h.index]);
    json::key(w, "rank"); w.Int(h.rank);
    w.EndObject();
  }
  w.EndArray();
  json::key(w, "segments");
  w.StartArray();
  for (const Hit& h : segments) {
    w.StartObject();
    json::key(w, "id"); json::str(w, g.segments()[h.index].id);
    json::key(w, "name"); json::str(w, g.segments()[h.index].name);
    json::key(w, "rank"); w.Int(h.rank);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  return json_response(done(b));
}

}  // namespace qchain::service
