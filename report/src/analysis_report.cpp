#include "qchain/report/analysis_report.hpp"

#include <algorithm>
#include <cmath>
#include <optional>
#include <type_traits>

#include "json_out.hpp"
#include "json_sections.hpp"
#include "qchain/engine/structure/chain_summary.hpp"
#include "qchain/report/labels.hpp"
#include "qchain/report/ledger_report.hpp"

namespace qchain::report {

using namespace qchain::engine;

using namespace qchain::graphs;

namespace {

// What a reader sees: the catalogue's name where the chain has one (JSON keeps the id).
std::string_view input_label(const ChainGraph& g, std::uint32_t group) {
  return g.input_label_of(g.group_links(group)[0]);
}

// The names a critical-supplier path is written with — firm ids and inputs — packed for random
// access. Paths visit firms and input groups in no order; at a million firms the Firm records (the
// id inside each, about 170 bytes apart) and the links behind a group's input are far too big for
// the cache, so every step of a path cost several misses. Here the ids sit in one buffer of a few
// bytes each, and a group's input is looked up once and then kept as one integer.
class PathNames {
 public:
  explicit PathNames(const ChainGraph& g) : g_(g), begin_(g.firm_count() + std::size_t{1}), group_(g.network().group_essential.size(), kUnseen) {
    std::size_t bytes = 0;
    for (const Firm& f : g.firms()) bytes += f.id.size();
    ids_.reserve(bytes);
    for (FirmId v = 0; v < g.firm_count(); ++v) {
      begin_[v] = ids_.size();
      ids_ += g.firm(v).id;
    }
    begin_.back() = ids_.size();
  }
  std::string_view firm(FirmId v) const { return std::string_view(ids_.data() + begin_[v], begin_[v + 1] - begin_[v]); }
  // The input of the group's links as written (ChainGraph::input_of).
  std::string_view input(std::uint32_t group) {
    std::uint32_t& code = group_[group];
    if (code == kUnseen) {
      const SupplyLink& l = g_.link(g_.group_links(group)[0]);
      code = l.input_name == kNone ? l.supplier : (kNamed | l.input_name);
    }
    return code & kNamed ? std::string_view(g_.input_names()[code & ~kNamed]) : firm(code);
  }

 private:
  // A group's code: the supplier whose id names its input, or kNamed | the index of its input name.
  static constexpr std::uint32_t kNamed = 0x80000000u, kUnseen = 0xFFFFFFFFu;
  const ChainGraph& g_;
  std::string ids_;
  std::vector<std::size_t> begin_;
  std::vector<std::uint32_t> group_;
};

// Every firm's position in the order of ids, so that lists "by id" sort on integers.
std::vector<std::uint32_t> id_ranks(const ChainGraph& g) {
  std::vector<FirmId> order(g.firm_count());
  for (FirmId v = 0; v < g.firm_count(); ++v) order[v] = v;
  // Files often list firms by id already; then the sort, a million string comparisons, is skipped.
  const auto by_id = [&](FirmId a, FirmId b) { return g.firm(a).id < g.firm(b).id; };
  if (!std::is_sorted(order.begin(), order.end(), by_id)) std::sort(order.begin(), order.end(), by_id);
  std::vector<std::uint32_t> rank(g.firm_count());
  for (std::uint32_t k = 0; k < order.size(); ++k) rank[order[k]] = k;
  return rank;
}


// Per segment index, then "" for firms without a segment, written only when it holds something.
template <class T>
void segment_object(json::Writer& w, const ChainGraph& g, const std::vector<T>& per_segment) {
  w.StartObject();
  for (std::size_t s = 0; s < per_segment.size(); ++s) {
    if (g.slot_segment(s) == kNone && per_segment[s] == 0) continue;
    json::key(w, g.segment_id(g.slot_segment(s)));
    if constexpr (std::is_integral_v<T>) json::count(w, per_segment[s]);
    else json::num(w, per_segment[s]);
  }
  w.EndObject();
}

// A leader's critical suppliers ordered by firm id (the text of the id, as the reader sees it).
std::vector<const CriticalSupplier*> by_id(const std::vector<std::uint32_t>& rank, const LeaderCriticalSuppliers& l) {
  std::vector<const CriticalSupplier*> out;
  for (const CriticalSupplier& c : l.suppliers) out.push_back(&c);
  std::sort(out.begin(), out.end(),
            [&](const CriticalSupplier* a, const CriticalSupplier* b) { return rank[a->firm] < rank[b->firm]; });
  return out;
}

void write_structure(json::Writer& w, const ChainGraph& g, const StructureAnalysis& a, const ReportOptions& o) {
  w.StartObject();
  json::key(w, "tiers");
  w.StartObject();
  for (FirmId v = 0; v < g.firm_count(); ++v) {
    json::key(w, g.firm(v).id);
    json::count(w, a.tiers.tier[v]);
  }
  w.EndObject();
  json::key(w, "max_tier");
  json::count(w, a.tiers.max_tier);
  json::key(w, "cycles");
  w.StartArray();
  for (const auto& cycle : a.tiers.cycles) {
    w.StartArray();
    for (FirmId v : cycle) json::str(w, g.firm(v).id);
    w.EndArray();
  }
  w.EndArray();
  json::key(w, "order_warnings");
  w.StartArray();
  for (LinkId e : a.tiers.order_warnings) {
    const SupplyLink& l = g.link(e);
    w.StartObject();
    json::key(w, "supplier"); json::str(w, g.firm(l.supplier).id);
    json::key(w, "customer"); json::str(w, g.firm(l.customer).id);
    json::key(w, "supplier_segment"); json::str(w, g.segment_id(g.firm(l.supplier).segment));
    json::key(w, "customer_segment"); json::str(w, g.segment_id(g.firm(l.customer).segment));
    w.EndObject();
  }
  w.EndArray();
  json::key(w, "leaders");
  w.StartArray();
  const std::vector<std::uint32_t> rank = id_ranks(g);
  std::optional<PathNames> names;
  for (const LeaderCriticalSuppliers& l : a.critical.leaders)
    if (!l.suppliers.empty() && !names) names.emplace(g);
  for (std::size_t i = 0; i < a.supply_bases.bases.size(); ++i) {
    const SupplyBase& b = a.supply_bases.bases[i];
    w.StartObject();
    json::key(w, "id"); json::str(w, g.firm(b.leader).id);
    json::key(w, "supply_base"); json::count(w, b.size);
    json::key(w, "supply_base_by_segment"); segment_object(w, g, b.by_segment);
    json::key(w, "supply_base_by_role");
    json::role_object(w, b.by_role);
    json::key(w, "depth"); json::count(w, b.depth);
    json::key(w, "critical_suppliers");
    w.StartArray();
    for (const CriticalSupplier* cp : by_id(rank, a.critical.leaders[i])) {
      const CriticalSupplier& c = *cp;
      w.StartObject();
      json::key(w, "id"); json::str(w, names->firm(c.firm));
      json::key(w, "path");
      w.StartArray();
      for (std::size_t k = 0; k < c.firms.size(); ++k) {
        if (k > 0) json::str(w, names->input(c.inputs[k - 1]));
        json::str(w, names->firm(c.firms[k]));
      }
      w.EndArray();
      w.EndObject();
    }
    w.EndArray();
    w.EndObject();
  }
  w.EndArray();
  json::key(w, "cut_firms");
  w.StartArray();
  for (const CutFirm& c : a.cut.firms) {
    w.StartObject();
    json::key(w, "id"); json::str(w, g.firm(c.firm).id);
    json::key(w, "pieces");
    w.StartArray();
    for (std::uint32_t p : c.pieces) json::count(w, p);
    w.EndArray();
    w.EndObject();
  }
  w.EndArray();
  json::key(w, "brokers");
  w.StartArray();
  for (std::size_t k = 0; k < a.brokers.ranking.size() && k < o.top; ++k) {
    const FirmId v = a.brokers.ranking[k];
    w.StartObject();
    json::key(w, "id"); json::str(w, g.firm(v).id);
    json::key(w, "betweenness"); json::num(w, a.brokers.betweenness[v]);
    w.EndObject();
  }
  w.EndArray();
  json::key(w, "betweenness_exact");
  w.Bool(a.brokers.exact);
  json::key(w, "betweenness_sources");
  json::count(w, a.brokers.sources);
  w.EndObject();
}

std::string firm_label(const ChainGraph& g, FirmId v) { return g.firm(v).id + " " + g.firm(v).name; }

std::string structure_text(const ChainGraph& g, const StructureAnalysis& a, const ReportOptions& o) {
  const Lang L = o.lang;
  std::string out = std::string(tr(L, "【产业链结构】", "[Chain structure]")) + "\n";
  std::vector<std::uint32_t> per_tier(a.tiers.max_tier + 1, 0);
  for (std::uint32_t t : a.tiers.tier) ++per_tier[t];
  out += std::string(tr(L, "供应层级：", "Tiers: ")) + std::to_string(a.tiers.max_tier + 1) + tr(L, " 层（", " (");
  for (std::size_t t = 0; t < per_tier.size(); ++t)
    out += (t ? tr(L, "，", ", ") : "") + std::string(tr(L, "第", "tier ")) + std::to_string(t) + tr(L, "层 ", ": ") +
           std::to_string(per_tier[t]);
  out += std::string(tr(L, "）", ")")) + "\n";
  out += std::string(tr(L, "互为供需的循环：", "Cycles (firms trading both ways): ")) + std::to_string(a.tiers.cycles.size());
  for (std::size_t k = 0; k < a.tiers.cycles.size() && k < 5; ++k) {
    out += k ? "；" : tr(L, "，如 ", ", e.g. ");
    for (std::size_t j = 0; j < a.tiers.cycles[k].size(); ++j) out += (j ? " ⇄ " : "") + g.firm(a.tiers.cycles[k][j]).id;
  }
  out += "\n";
  if (!a.tiers.order_warnings.empty()) {
    out += std::string(tr(L, "与环节顺序相反的供应关系（多为数据错误，请核对）：", "Links against the segment order (often data errors): ")) +
           std::to_string(a.tiers.order_warnings.size()) + "\n";
    for (std::size_t k = 0; k < a.tiers.order_warnings.size() && k < o.top; ++k) {
      const SupplyLink& l = g.link(a.tiers.order_warnings[k]);
      out += "  " + firm_label(g, l.supplier) + "（" + segment_label(g, g.firm(l.supplier).segment, L) + "）→ " +
             firm_label(g, l.customer) + "（" + segment_label(g, g.firm(l.customer).segment, L) + "）\n";
    }
  }
  out += "\n";

  out += std::string(tr(L, "链主企业的供应基础与关键供应商（单独停产即导致链主停产）", "Leaders' supply bases and critical suppliers (one stop alone stops the leader)")) + "\n";
  TextTable t;
  t.add_column("ID");
  t.add_column(tr(L, "链主", "Leader"));
  t.add_column(tr(L, "供应基础", "Supply base"), TextTable::Align::right);
  t.add_column(tr(L, "深度", "Depth"), TextTable::Align::right);
  t.add_column(tr(L, "小微企业", "Small+micro"), TextTable::Align::right);
  t.add_column(tr(L, "关键供应商", "Critical"), TextTable::Align::right);
  for (std::size_t i = 0; i < a.supply_bases.bases.size(); ++i) {
    const SupplyBase& b = a.supply_bases.bases[i];
    t.add_row({g.firm(b.leader).id, g.firm(b.leader).name, std::to_string(b.size), std::to_string(b.depth),
               std::to_string(b.by_role[static_cast<int>(Role::small)] + b.by_role[static_cast<int>(Role::micro)]),
               std::to_string(a.critical.leaders[i].suppliers.size())});
  }
  out += a.supply_bases.bases.empty() ? std::string(tr(L, "（无链主企业）\n", "(no chain leaders)\n")) : t.render();
  const std::vector<std::uint32_t> rank = id_ranks(g);
  for (const LeaderCriticalSuppliers& l : a.critical.leaders) {
    if (l.suppliers.empty()) continue;
    out += "  " + firm_label(g, l.leader) + tr(L, " 的关键供应商：", " critical suppliers:") + "\n";
    const auto sorted = by_id(rank, l);
    for (std::size_t k = 0; k < sorted.size() && k < o.top; ++k) {
      const CriticalSupplier& c = *sorted[k];
      const Firm& f = g.firm(c.firm);
      out += "    " + firm_label(g, c.firm) + "（" + role_label(f.role, L) + "）  " + path_text(g, c) + "\n";
    }
    if (l.suppliers.size() > o.top)
      out += std::string("    ") + tr(L, "……另有 ", "... and ") + std::to_string(l.suppliers.size() - o.top) +
             tr(L, " 家（见 --json）", " more (see --json)") + "\n";
  }
  out += "\n";

  out += std::string(tr(L, "断点企业（移除后产业链分裂）：", "Cut firms (removing one splits the chain): ")) +
         std::to_string(a.cut.firms.size()) + "\n";
  for (std::size_t k = 0; k < a.cut.firms.size() && k < o.top; ++k) {
    const CutFirm& c = a.cut.firms[k];
    out += "  " + firm_label(g, c.firm) + tr(L, "：分出 ", ": separates ") + std::to_string(c.separated()) +
           tr(L, " 家（各块 ", " firms (pieces ");
    for (std::size_t j = 0; j < c.pieces.size() && j < 6; ++j) out += (j ? "/" : "") + std::to_string(c.pieces[j]);
    if (c.pieces.size() > 6) out += "/…";
    out += std::string(tr(L, "）", ")")) + "\n";
  }
  if (!a.brokers.betweenness.empty()) {
    out += "\n" + std::string(tr(L, "枢纽企业（中介中心性", "Brokers (betweenness")) +
           (a.brokers.exact ? "" : std::string(tr(L, "，", ", ")) + tr(L, "抽样估计 ", "estimated from ") +
                                       std::to_string(a.brokers.sources) + tr(L, " 个源", " sources")) +
           tr(L, "）", ")") + "\n";
    TextTable bt;
    bt.add_column("ID");
    bt.add_column(tr(L, "名称", "Name"));
    bt.add_column(tr(L, "环节", "Segment"));
    bt.add_column(tr(L, "中介中心性", "Betweenness"), TextTable::Align::right);
    for (std::size_t k = 0; k < a.brokers.ranking.size() && k < std::min<std::size_t>(o.top, 10); ++k) {
      const FirmId v = a.brokers.ranking[k];
      bt.add_row({g.firm(v).id, g.firm(v).name, segment_label(g, g.firm(v).segment, L), fixed(a.brokers.betweenness[v], 5)});
    }
    out += bt.render();
  }
  return out;
}


// The `top` largest positive entries, largest first, ties in index order. Only the top are sorted:
// a leader's origins run to a million firms of which twenty are shown.
std::vector<std::size_t> top_indices(const std::vector<double>& v, std::size_t top) {
  std::vector<std::size_t> idx;
  for (std::size_t i = 0; i < v.size(); ++i)
    if (v[i] > 0) idx.push_back(i);
  const auto first = [&](std::size_t a, std::size_t b) { return v[a] != v[b] ? v[a] > v[b] : a < b; };
  const std::size_t keep = std::min(top, idx.size());
  std::partial_sort(idx.begin(), idx.begin() + static_cast<std::ptrdiff_t>(keep), idx.end(), first);
  idx.resize(keep);
  return idx;
}


// What rests on a default, and the range of the main figures over the plausible detections.
void write_defaults(json::Writer& w, const ChainGraph& g, const QualityAnalysis& q) {
  const QualityDefaults& d = q.defaults;
  json::key(w, "defaults");
  w.StartObject();
  json::key(w, "detection");
  w.StartObject();
  json::key(w, "value"); json::num(w, d.detection);
  json::key(w, "source"); json::str(w, d.detection_from_chain ? "chain" : "built_in");
  json::key(w, "firms"); json::count(w, d.firms_defaulted);
  w.EndObject();
  json::key(w, "inspection");
  w.StartObject();
  json::key(w, "value"); json::num(w, d.inspection);
  json::key(w, "source"); json::str(w, d.inspection_from_chain ? "chain" : "built_in");
  json::key(w, "links"); json::count(w, d.links_defaulted);
  w.EndObject();
  w.EndObject();
  json::key(w, "detection_range");
  if (!q.has_range) {
    w.Null();
    return;
  }
  const DetectionRange& r = q.range;
  w.StartObject();
  json::key(w, "low"); json::num(w, r.low);
  json::key(w, "high"); json::num(w, r.high);
  json::key(w, "leaders");
  w.StartArray();
  for (std::size_t i = 0; i < q.leaders.size(); ++i) {
    w.StartObject();
    json::key(w, "id"); json::str(w, g.firm(q.leaders[i]).id);
    json::key(w, "delivered_yield_low"); json::num(w, r.leader_yield_low[i]);
    json::key(w, "delivered_yield_high"); json::num(w, r.leader_yield_high[i]);
    w.EndObject();
  }
  w.EndArray();
  json::key(w, "issues");
  w.StartArray();
  for (std::size_t k = 0; k < r.issues.size(); ++k) {
    w.StartObject();
    json::key(w, "code"); json::str(w, g.issues()[r.issues[k]].code);
    json::key(w, "total_gain_low"); json::num(w, r.gain_low[k]);
    json::key(w, "total_gain_high"); json::num(w, r.gain_high[k]);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
}

void write_quality(json::Writer& w, const ChainGraph& g, const QualityAnalysis& q, const ReportOptions& o) {
  w.StartObject();
  json::key(w, "firms");
  w.StartObject();
  for (FirmId v = 0; v < g.firm_count(); ++v) {
    json::key(w, g.firm(v).id);
    w.StartObject();
    json::key(w, "own_yield"); json::num(w, 1 - q.own.rate[v]);
    json::key(w, "delivered_yield"); json::num(w, 1 - q.state.delivered[v]);
    json::key(w, "imputed"); w.Bool(q.own.imputed[v] != 0);
    json::key(w, "risk_index"); json::num(w, q.risk[v]);
    w.EndObject();
  }
  w.EndObject();
  json::key(w, "leaders");
  w.StartArray();
  for (std::size_t i = 0; i < q.leader_quality.size(); ++i) {
    const LeaderQuality& l = q.leader_quality[i];
    w.StartObject();
    json::key(w, "id"); json::str(w, g.firm(l.leader).id);
    json::key(w, "weight"); json::num(w, q.leader_weight[i]);
    json::key(w, "delivered_yield"); json::num(w, l.delivered_yield);
    json::key(w, "origins");
    w.StartArray();
    for (std::size_t u : top_indices(l.origin, o.top)) {
      w.StartObject();
      json::key(w, "id"); json::str(w, g.firm(static_cast<FirmId>(u)).id);
      json::key(w, "share"); json::num(w, l.origin[u]);
      w.EndObject();
    }
    w.EndArray();
    json::key(w, "own_share"); json::num(w, l.own_share);
    json::key(w, "origins_by_segment");
    segment_object(w, g, l.by_segment);
    json::key(w, "origins_by_issue");
    w.StartObject();
    for (std::size_t k = 0; k < l.by_issue.size(); ++k) {
      if (l.by_issue[k] <= 0) continue;
      json::key(w, g.issues()[k].code);
      json::num(w, l.by_issue[k]);
    }
    w.EndObject();
    json::key(w, "unexplained"); json::num(w, l.unexplained);
    w.EndObject();
  }
  w.EndArray();
  json::key(w, "weak_segment");
  if (q.weak_segment == kNone) w.Null(); else json::str(w, g.segments()[q.weak_segment].id);
  json::key(w, "upstream_origins_by_segment");
  segment_object(w, g, q.segment_share);
  json::key(w, "issues");
  w.StartArray();
  for (const IssueImpact& m : q.issues) {
    const IssueType& t = g.issues()[m.issue];
    w.StartObject();
    json::key(w, "code"); json::str(w, t.code);
    json::key(w, "name"); json::str(w, t.name);
    json::key(w, "category"); json::str(w, to_string(t.category));
    json::key(w, "firms"); json::count(w, m.firms);
    json::key(w, "by_segment");
    w.StartObject();
    for (std::size_t s = 0; s < m.by_segment.size(); ++s) {
      if (m.by_segment[s] == 0) continue;
      json::key(w, g.segment_id(g.slot_segment(s)));
      json::count(w, m.by_segment[s]);
    }
    w.EndObject();
    json::key(w, "by_role");
    json::role_object(w, m.by_role);
    json::key(w, "leader_gain");
    w.StartObject();
    for (std::size_t i = 0; i < q.leaders.size(); ++i) {
      json::key(w, g.firm(q.leaders[i]).id);
      json::num(w, m.leader_gain[i]);
    }
    w.EndObject();
    json::key(w, "total_gain"); json::num(w, m.total_gain);
    if (o.projects) {
      json::key(w, "projects");
      w.StartArray();
      if (const auto it = o.projects->find(t.code); it != o.projects->end())
        for (const IssueProject& p : it->second) w.Int64(p.id);
      w.EndArray();
    }
    w.EndObject();
  }
  w.EndArray();
  json::key(w, "categories");
  w.StartArray();
  for (int c = 0; c < kCategoryCount; ++c) {
    double gain = 0;
    std::uint32_t pairs = 0;
    w.StartObject();
    json::key(w, "category"); json::str(w, to_string(static_cast<IssueCategory>(c)));
    json::key(w, "issues");
    w.StartArray();
    for (const IssueImpact& m : q.issues) {
      if (static_cast<int>(g.issues()[m.issue].category) != c) continue;
      json::str(w, g.issues()[m.issue].code);
      gain += m.total_gain;
      pairs += m.firms;
    }
    w.EndArray();
    json::key(w, "firm_issues"); json::count(w, pairs);
    json::key(w, "total_gain"); json::num(w, gain);
    w.EndObject();
  }
  w.EndArray();
  json::key(w, "imputed_yields"); json::count(w, q.own.imputed_count);
  json::key(w, "converged"); w.Bool(q.state.converged);
  write_defaults(w, g, q);
  w.EndObject();
}

}  // namespace

std::string range_heading(const QualityAnalysis& q, Lang L) {
  return std::string(tr(L, "检出率取 ", "at detection ")) + fixed(q.range.low, 2) + "–" + fixed(q.range.high, 2) + tr(L, " 时", "");
}

std::string yield_range_cell(const QualityAnalysis& q, std::size_t i) {
  const double a = q.range.leader_yield_low[i], b = q.range.leader_yield_high[i];
  return percent(std::min(a, b), 2) + " – " + percent(std::max(a, b), 2);
}

std::string gain_range_cell(const QualityAnalysis& q, std::size_t k) {
  if (k >= q.range.issues.size()) return "";
  const double a = q.range.gain_low[k] * 100, b = q.range.gain_high[k] * 100;
  return fixed(std::min(a, b), 3) + " – " + fixed(std::max(a, b), 3);
}

// One line on what rests on a default, so that nobody reads a default as a measurement.
std::string issue_projects_cell(const IssueProjects& projects, const std::string& code, Lang L) {
  const auto it = projects.find(code);
  if (it == projects.end() || it->second.empty()) return "-";
  std::string out;
  for (const IssueProject& p : it->second)
    out += (out.empty() ? "#" : std::string(tr(L, "，#", ", #"))) + std::to_string(p.id) + " " + ledger_status_label(p.status, L);
  return out;
}

std::string defaults_note(const QualityAnalysis& q, Lang L) {
  const QualityDefaults& d = q.defaults;
  std::string out;
  if (d.firms_defaulted > 0)
    out += std::string(tr(L, "注：", "Note: ")) + std::to_string(d.firms_defaulted) +
           tr(L, " 家企业未填检出率，按", " firms have no detection; ") +
           (d.detection_from_chain ? tr(L, "链的默认值 ", "the chain's default ") : tr(L, "内置默认值 ", "the built-in default ")) +
           percent(d.detection, 0) +
           tr(L, " 计算；该默认值取 ", " is used. With it at ") + percent(q.range.low, 0) + tr(L, " 与 ", " and ") +
           percent(q.range.high, 0) + tr(L, " 时的结果列为区间。", " the figures are shown as a range.") + "\n";
  if (d.links_defaulted > 0)
    out += std::string(tr(L, "注：", "Note: ")) + std::to_string(d.links_defaulted) +
           tr(L, " 条供应关系未填来料检验率，按", " links have no incoming inspection; ") +
           (d.inspection_from_chain ? tr(L, "链的默认值 ", "the chain's default ") : tr(L, "内置默认值 ", "the built-in default ")) +
           percent(d.inspection, 0) + tr(L, " 计算。", " is used.") + "\n";
  return out;
}

namespace {

// The numbers a bottleneck's reason rests on, so that a tool words it in its own language.
void write_bottleneck_numbers(json::Writer& w, const ChainGraph& g, const Bottleneck& b) {
  const auto firm_id = [&](FirmId v) { json::str(w, v == kNone ? std::string_view() : std::string_view(g.firm(v).id)); };
  switch (b.kind) {
    case Bottleneck::Kind::issue:
      json::key(w, "firms"); json::count(w, b.firms);
      json::key(w, "segments"); json::count(w, b.segments);
      if (b.leader != kNone) {
        json::key(w, "leader"); firm_id(b.leader);
        json::key(w, "delivered_yield"); json::num(w, b.yield_before);
        json::key(w, "delivered_yield_fixed"); json::num(w, b.yield_after);
      }
      break;
    case Bottleneck::Kind::firm:
      json::key(w, "first_pass_yield"); json::num(w, b.own_yield);
      json::key(w, "imputed"); w.Bool(b.imputed);
      if (b.leader != kNone) {
        json::key(w, "leader"); firm_id(b.leader);
        json::key(w, "origin_share"); json::num(w, b.share);
      }
      json::key(w, "risk_index"); json::num(w, b.risk);
      break;
    case Bottleneck::Kind::critical_supplier:
      json::key(w, "leaders_stopped");
      w.StartArray();
      for (FirmId l : b.leaders_stopped) firm_id(l);
      w.EndArray();
      json::key(w, "input"); json::str(w, b.via_link == kNone ? std::string_view() : g.input_of(b.via_link));
      break;
    case Bottleneck::Kind::segment:
      json::key(w, "upstream_share"); json::num(w, b.share);
      break;
  }
}

}  // namespace

std::string bottleneck_reason(const ChainGraph& g, const Bottleneck& b, Lang L) {
  const bool zh = L == Lang::zh;
  switch (b.kind) {
    case Bottleneck::Kind::issue: {
      const IssueType& t = g.issues()[b.id];
      std::string r = t.code + " " + t.name + (zh ? "：" : ": ");
      r += zh ? "涉及 " + std::to_string(b.segments) + " 个环节 " + std::to_string(b.firms) + " 家企业"
              : std::to_string(b.firms) + " firms in " + std::to_string(b.segments) + " segments";
      if (b.leader != kNone) {
        const std::string& l = g.firm(b.leader).id;
        r += zh ? "；消除后链主 " + l + " 交付合格率 " + fixed(b.yield_before, 3) + " → " + fixed(b.yield_after, 3)
                : "; fixing it raises " + l + "'s delivered yield " + fixed(b.yield_before, 3) + " → " + fixed(b.yield_after, 3);
      }
      return r;
    }
    case Bottleneck::Kind::firm: {
      const Firm& f = g.firm(b.id);
      std::string r = f.id + " " + f.name + (zh ? "（" : " (") + role_label(f.role, L) + (zh ? "，" : ", ") +
                      segment_label(g, f.segment, L) + (zh ? "）：" : "): ");
      const std::string leader = b.leader == kNone ? std::string() : g.firm(b.leader).id;
      r += zh ? "一次合格率 " + percent(b.own_yield) + (b.imputed ? "（估算）" : "") + "，占链主 " + leader + " 交付缺陷来源的 " +
                    percent(b.share) + "；其缺陷率翻倍将使链主加权交付合格率下降 " + fixed(b.risk * 100, 2) + " 个百分点"
              : "first-pass yield " + percent(b.own_yield) + (b.imputed ? " (imputed)" : "") + ", " + percent(b.share) + " of " +
                    leader + "'s delivered defects; doubling its defect rate would cut the leaders' weighted delivered yield by " +
                    fixed(b.risk * 100, 2) + " points";
      return r;
    }
    case Bottleneck::Kind::critical_supplier: {
      const Firm& f = g.firm(b.id);
      std::string leaders;
      for (FirmId l : b.leaders_stopped) leaders += (leaders.empty() ? "" : (zh ? "、" : ", ")) + g.firm(l).id;
      const std::string input = b.via_link == kNone ? "" : std::string(g.input_label_of(b.via_link));
      std::string r = f.id + " " + f.name + (zh ? "（" : " (") + role_label(f.role, L) + (zh ? "）：" : "): ");
      r += zh ? "单独停产即导致链主 " + leaders + " 停产（经 " + input + "）" : "its stop alone stops leader(s) " + leaders + " (through " + input + ")";
      return r;
    }
    case Bottleneck::Kind::segment:
      return segment_label(g, b.id, L) + (zh ? "：" : ": ") +
             (zh ? "链主交付缺陷中来自上游的部分有 " + percent(b.share) + " 源自该环节（营收加权），为产业链质量短板"
                 : percent(b.share) + " of the leaders' delivered defects that come from upstream originate here (revenue-weighted): the chain's weak link");
  }
  return "";
}

namespace {

std::string quality_text(const ChainGraph& g, const QualityAnalysis& q, const std::vector<Bottleneck>* bottlenecks,
                         const ReportOptions& o) {
  const Lang L = o.lang;
  std::string out = std::string(tr(L, "【质量传导与共性质量问题】", "[Quality propagation and shared quality issues]")) + "\n";
  if (q.own.imputed_count)
    out += std::string(tr(L, "注：", "Note: ")) + std::to_string(q.own.imputed_count) +
           tr(L, " 家企业缺少一次合格率，按所在环节中位数估算。", " firms had no first-pass yield; their segment's median was used.") + "\n";
  out += defaults_note(q, L);
  const std::string range_head = range_heading(q, L);
  TextTable t;
  t.add_column("ID");
  t.add_column(tr(L, "链主", "Leader"));
  t.add_column(tr(L, "自身一次合格率", "Own yield"), TextTable::Align::right);
  t.add_column(tr(L, "交付合格率", "Delivered yield"), TextTable::Align::right);
  if (q.has_range) t.add_column(range_head, TextTable::Align::right);
  t.add_column(tr(L, "自身缺陷占比", "Own share"), TextTable::Align::right);
  t.add_column(tr(L, "主要上游来源", "Main upstream origin"));
  for (std::size_t i = 0; i < q.leader_quality.size(); ++i) {
    const LeaderQuality& l = q.leader_quality[i];
    std::vector<double> upstream = l.origin;
    upstream[l.leader] = 0.0;
    const auto top = top_indices(upstream, 1);
    std::vector<std::string> row{g.firm(l.leader).id, g.firm(l.leader).name, percent(1 - q.own.rate[l.leader], 2),
                                 percent(l.delivered_yield, 2)};
    if (q.has_range) row.push_back(yield_range_cell(q, i));
    row.push_back(percent(l.own_share));
    row.push_back(top.empty() || upstream[top[0]] <= 0 ? "-" : g.firm(static_cast<FirmId>(top[0])).id + " " + percent(l.origin[top[0]]));
    t.add_row(std::move(row));
  }
  out += t.render();
  if (q.weak_segment != kNone) {
    out += std::string(tr(L, "质量短板环节：", "Weak segment: ")) + g.segments()[q.weak_segment].name +
           tr(L, "（链主交付缺陷中来自上游的部分，按环节：", " (the leaders' delivered defects that come from upstream, by segment: ");
    bool first = true;
    for (std::uint32_t s : segments_in_order(g)) {
      out += (first ? "" : tr(L, "，", ", ")) + g.segments()[s].name + " " + percent(q.segment_share[s]);
      first = false;
    }
    out += std::string(tr(L, "）", ")")) + "\n";
  }
  out += "\n" + std::string(tr(L, "共性质量问题清单（按消除后链主交付合格率提升排序）", "Shared quality issues (by the leaders' gain if fixed)")) + "\n";
  TextTable it;
  it.add_column(tr(L, "代码", "Code"));
  it.add_column(tr(L, "问题", "Issue"));
  it.add_column(tr(L, "类别", "Category"));
  it.add_column(tr(L, "企业", "Firms"), TextTable::Align::right);
  it.add_column(tr(L, "环节", "Segments"), TextTable::Align::right);
  it.add_column(tr(L, "链主收益(百分点)", "Gain (points)"), TextTable::Align::right);
  if (q.has_range) it.add_column(range_head, TextTable::Align::right);
  if (o.projects) it.add_column(tr(L, "攻关项目", "Project"));
  for (std::size_t k = 0; k < q.issues.size() && k < o.top; ++k) {
    const IssueImpact& m = q.issues[k];
    const IssueType& ty = g.issues()[m.issue];
    std::uint32_t segs = 0;
    for (std::uint32_t c : m.by_segment) segs += c > 0;
    std::vector<std::string> row{ty.code, ty.name, category_label(ty.category, L), std::to_string(m.firms), std::to_string(segs),
                                 fixed(m.total_gain * 100, 3)};
    if (q.has_range)
      row.push_back(gain_range_cell(q, k));
    if (o.projects) row.push_back(issue_projects_cell(*o.projects, ty.code, L));
    it.add_row(std::move(row));
  }
  out += q.issues.empty() ? std::string(tr(L, "（无）\n", "(none)\n")) : it.render();
  out += "\n" + std::string(tr(L, "质量瓶颈企业（质量风险指数：自身缺陷率翻倍时链主加权交付合格率的下降）", "Quality bottleneck firms (risk index: drop of the leaders' weighted delivered yield if the firm's defect rate doubled)")) + "\n";
  TextTable rt;
  rt.add_column("ID");
  rt.add_column(tr(L, "名称", "Name"));
  rt.add_column(tr(L, "规模", "Role"));
  rt.add_column(tr(L, "一次合格率", "Own yield"), TextTable::Align::right);
  rt.add_column(tr(L, "风险指数(百分点)", "Risk (points)"), TextTable::Align::right);
  for (std::size_t k = 0; k < q.risk_ranking.size() && k < std::min<std::size_t>(o.top, 10); ++k) {
    const FirmId v = q.risk_ranking[k];
    rt.add_row({g.firm(v).id, g.firm(v).name, role_label(g.firm(v).role, L), percent(1 - q.own.rate[v]), fixed(q.risk[v] * 100, 3)});
  }
  out += rt.render();
  if (bottlenecks && !bottlenecks->empty()) {
    out += "\n" + std::string(tr(L, "【质量瓶颈汇总】", "[Bottlenecks]")) + "\n";
    static const char* zh_kind[] = {"共性问题", "瓶颈企业", "关键供应商", "短板环节"};
    static const char* en_kind[] = {"issue", "firm", "critical supplier", "weak segment"};
    for (const Bottleneck& b : *bottlenecks)
      out += "  [" + std::string((L == Lang::zh ? zh_kind : en_kind)[static_cast<int>(b.kind)]) + "] " + bottleneck_reason(g, b, L) + "\n";
  }
  return out;
}

const char* weights_name(OutputWeights w) {
  switch (w) {
    case OutputWeights::revenue: return "revenue";
    case OutputWeights::output: return "output";
    case OutputWeights::uniform: return "uniform";
    default: return "automatic";
  }
}

void write_systemic(json::Writer& w, const ChainGraph& g, const SystemicResult& r, const ProductionModel& m,
                    const ReportOptions& o) {
  w.StartObject();
  json::key(w, "weights"); json::str(w, weights_name(m.weights_used()));
  if (r.top > 0) {  // only with --systemic-top, so that the full index's document is unchanged
    json::key(w, "top"); json::count(w, r.top);
    json::key(w, "cascades_run"); json::count(w, r.cascades_run);
    json::key(w, "cascades_skipped"); json::count(w, r.cascades_skipped);
  }
  json::key(w, "firms");
  w.StartObject();
  const std::size_t count = o.all ? r.ranking.size() : std::min(o.top, r.ranking.size());
  for (std::size_t k = 0; k < count; ++k) {
    const FirmId v = r.ranking[k];
    json::key(w, g.firm(v).id);
    w.StartObject();
    json::key(w, "index"); json::num(w, r.index[v]);
    json::key(w, "down"); json::num(w, r.down[v]);
    json::key(w, "up"); json::num(w, r.up[v]);
    json::key(w, "leaders");
    w.StartObject();
    for (std::size_t i = 0; i < r.leaders.size(); ++i) {
      json::key(w, g.firm(r.leaders[i]).id);
      json::num(w, r.leader_level[static_cast<std::size_t>(v) * r.leaders.size() + i]);
    }
    w.EndObject();
    w.EndObject();
  }
  w.EndObject();
  w.EndObject();
}

std::string systemic_text(const ChainGraph& g, const SystemicResult& r, const ReportOptions& o) {
  const Lang L = o.lang;
  std::string out = std::string(tr(L, "【系统性风险指数】（企业单独停产时全链产出加权损失，含上下游传导）",
                                   "[Systemic index] (weighted total output loss if the firm alone stopped, up- and downstream)")) + "\n";
  TextTable t;
  t.add_column("ID");
  t.add_column(tr(L, "名称", "Name"));
  t.add_column(tr(L, "规模", "Role"));
  t.add_column(tr(L, "指数", "Index"), TextTable::Align::right);
  t.add_column(tr(L, "下游", "Down"), TextTable::Align::right);
  t.add_column(tr(L, "上游", "Up"), TextTable::Align::right);
  t.add_column(tr(L, "受影响链主", "Leaders hit"), TextTable::Align::right);
  for (std::size_t k = 0; k < r.ranking.size() && k < std::min<std::size_t>(o.top, 10); ++k) {
    const FirmId v = r.ranking[k];
    std::size_t hit = 0;
    for (std::size_t i = 0; i < r.leaders.size(); ++i) hit += has_lost_output(r.leader_level[static_cast<std::size_t>(v) * r.leaders.size() + i]);
    t.add_row({g.firm(v).id, g.firm(v).name, role_label(g.firm(v).role, L), percent(r.index[v], 2), percent(r.down[v], 2),
               percent(r.up[v], 2), std::to_string(hit)});
  }
  return out + t.render();
}


std::string missing_schemes(const ChainGraph& g, const CertificationGapsResult& r, std::size_t& k, LinkId e, const char* sep) {
  std::string out;
  for (; k < r.gaps.size() && r.gaps[k].link == e; ++k) out += (out.empty() ? "" : sep) + g.schemes()[r.gaps[k].scheme];
  return out;
}

void write_gaps(json::Writer& w, const ChainGraph& g, const CertificationGapsResult& r, const ReportOptions& o) {
  w.StartObject();
  json::key(w, "as_of"); json::str(w, g.info().as_of);
  // The decision of docs/production-model.md, stated where the numbers are.
  json::key(w, "baseline_cuts_gaps"); w.Bool(false);
  json::key(w, "requires_links"); json::count(w, r.requires_links);
  json::key(w, "gap_links"); json::count(w, r.gap_links.size());
  json::key(w, "gaps"); json::count(w, r.gaps.size());
  json::key(w, "output_at_risk"); json::num(w, r.output_at_risk);
  json::key(w, "leaders");
  w.StartArray();
  for (std::size_t i = 0; i < r.leaders.size(); ++i) {
    const LeaderGaps& l = r.leaders[i];
    w.StartObject();
    json::key(w, "id"); json::str(w, g.firm(l.leader).id);
    json::key(w, "weight"); json::num(w, r.leader_weight[i]);
    json::key(w, "requires_links"); json::count(w, l.requires_links);
    json::key(w, "gap_links"); json::count(w, l.gap_links);
    json::key(w, "output_at_risk"); json::num(w, l.output_at_risk);
    w.EndObject();
  }
  w.EndArray();
  json::key(w, "by_segment");
  w.StartObject();
  for (std::size_t s = 0; s < r.requires_by_segment.size(); ++s) {
    if (r.requires_by_segment[s] == 0) continue;
    json::key(w, g.segment_id(g.slot_segment(s)));
    w.StartObject();
    json::key(w, "requires_links"); json::count(w, r.requires_by_segment[s]);
    json::key(w, "gap_links"); json::count(w, r.gap_links_by_segment[s]);
    w.EndObject();
  }
  w.EndObject();
  json::key(w, "pairs_count"); json::count(w, r.pairs.size());
  json::key(w, "pairs");
  w.StartArray();
  for (std::size_t k = 0; k < r.pairs.size() && k < o.top; ++k) {
    const GapPair& p = r.pairs[k];
    w.StartObject();
    json::key(w, "supplier"); json::str(w, g.firm(p.supplier).id);
    json::key(w, "scheme"); json::str(w, g.schemes()[p.scheme]);
    json::key(w, "gaps"); json::count(w, p.gaps);
    json::key(w, "links_closed"); json::count(w, p.links_closed);
    json::key(w, "protected_output"); json::num(w, p.protected_output);
    w.EndObject();
  }
  w.EndArray();
  json::key(w, "links");
  w.StartArray();
  std::size_t k = 0;
  for (LinkId e : r.gap_links) {
    const SupplyLink& l = g.link(e);
    w.StartObject();
    json::key(w, "supplier"); json::str(w, g.firm(l.supplier).id);
    json::key(w, "customer"); json::str(w, g.firm(l.customer).id);
    json::key(w, "input"); json::str(w, g.input_of(e));
    json::key(w, "missing");
    w.StartArray();
    for (; k < r.gaps.size() && r.gaps[k].link == e; ++k) json::str(w, g.schemes()[r.gaps[k].scheme]);
    w.EndArray();
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
}

}  // namespace

std::string gaps_text(const ChainGraph& g, const CertificationGapsResult& r, const ReportOptions& o) {
  const Lang L = o.lang;
  std::string out = std::string(tr(L, "【认证缺口】（客户要求的认证，供应商在数据日期未持有有效证书）",
                                   "[Certification gaps] (a scheme the customer requires that the supplier does not hold in force)")) +
                    "\n";
  if (r.requires_links == 0)
    return out + tr(L, "链数据中没有要求认证的供应关系（供应关系的 requires 为空），无认证缺口可查。\n",
                    "No link names a required certification (every link's requires is empty): there are no gaps to check.\n");
  out += std::string(tr(L, "要求认证的供应关系 ", "Links with required certifications: ")) + std::to_string(r.requires_links) +
         tr(L, " 条，其中 ", "; ") + std::to_string(r.gap_links.size()) +
         tr(L, " 条的供应商缺少有效认证（缺口 ", " of them from a supplier without the certificate in force (") +
         std::to_string(r.gaps.size()) + tr(L, " 项；数据日期 ", " gaps; as of ") + as_of_label(g, L) + tr(L, "）。", ").") + "\n";
  if (r.gap_links.empty()) return out + tr(L, "全部要求均已满足。\n", "Every requirement is met.\n");
  out += std::string(tr(L, "基线不切断这些供应关系（调查时客户仍在采购）；“产出风险”为要求全部严格执行、缺口供应关系全部停供时链主的产出损失。",
                        "The baseline keeps these links delivering (the survey found the customer buying); \"output at risk\" is the leader's "
                        "production loss if every requirement were enforced and every gap link stopped delivering.")) +
         "\n";
  TextTable t;
  t.add_column("ID");
  t.add_column(tr(L, "链主", "Leader"));
  t.add_column(tr(L, "供应基础内要求认证", "Requiring links in base"), TextTable::Align::right);
  t.add_column(tr(L, "缺口", "Gap links"), TextTable::Align::right);
  t.add_column(tr(L, "产出风险", "Output at risk"), TextTable::Align::right);
  for (const LeaderGaps& l : r.leaders)
    t.add_row({g.firm(l.leader).id, g.firm(l.leader).name, std::to_string(l.requires_links), std::to_string(l.gap_links),
               std::isnan(l.output_at_risk) ? "-" : percent(l.output_at_risk, 1)});
  if (!r.leaders.empty()) out += t.render();
  out += tr(L, "按供应商所在环节：", "By the supplier's segment: ");
  bool first = true;
  for (std::size_t s = 0; s < r.requires_by_segment.size(); ++s) {
    if (r.requires_by_segment[s] == 0) continue;
    out += (first ? "" : tr(L, "；", "; ")) + segment_label(g, g.slot_segment(s), L) + " " +
           std::to_string(r.gap_links_by_segment[s]) + "/" + std::to_string(r.requires_by_segment[s]);
    first = false;
  }
  out += std::string(tr(L, "（缺口/要求认证）", " (gap links / requiring links)")) + "\n";
  out += std::string(tr(L, "一张证书补齐缺口最多的企业（“保护链主产出”：其余缺口仍严格执行时，补齐该证书使链主加权产出恢复的部分）：",
                        "One certificate that closes the most gaps (\"output protected\": what the leaders' weighted output regains "
                        "from it while every other gap stays enforced):")) +
         "\n";
  TextTable pt;
  pt.add_column("ID");
  pt.add_column(tr(L, "企业", "Firm"));
  pt.add_column(tr(L, "认证", "Scheme"));
  pt.add_column(tr(L, "补齐的缺口供应关系", "Gap links closed"), TextTable::Align::right);
  pt.add_column(tr(L, "缺口", "Gaps"), TextTable::Align::right);
  pt.add_column(tr(L, "保护链主产出", "Leaders' output protected"), TextTable::Align::right);
  for (std::size_t k = 0; k < r.pairs.size() && k < o.top; ++k) {
    const GapPair& p = r.pairs[k];
    pt.add_row({g.firm(p.supplier).id, g.firm(p.supplier).name, g.schemes()[p.scheme], std::to_string(p.links_closed), std::to_string(p.gaps),
                std::isnan(p.protected_output) ? "-" : percent(p.protected_output, 2)});
  }
  out += pt.render();
  if (r.pairs.size() > o.top)
    out += std::string("  ") + tr(L, "……另有 ", "... and ") + std::to_string(r.pairs.size() - o.top) +
           tr(L, " 项（--top 可显示更多）", " more (--top shows more)") + "\n";
  out += std::string(tr(L, "缺口供应关系：", "Gap links:")) + "\n";
  std::size_t k = 0;
  for (std::size_t j = 0; j < r.gap_links.size(); ++j) {
    const LinkId e = r.gap_links[j];
    const std::string missing = missing_schemes(g, r, k, e, ", ");
    if (j >= o.top) continue;
    const SupplyLink& l = g.link(e);
    out += "  " + firm_label(g, l.supplier) + " → " + firm_label(g, l.customer) + "（" + std::string(g.input_label_of(e)) + "）" +
           tr(L, "：缺 ", ": missing ") + missing + "\n";
  }
  if (r.gap_links.size() > o.top)
    out += std::string("  ") + tr(L, "……另有 ", "... and ") + std::to_string(r.gap_links.size() - o.top) +
           tr(L, " 条（--top 可显示更多，--json 列出全部）", " more (--top shows more, --json lists all)") + "\n";
  return out;
}

std::string path_text(const ChainGraph& g, const CriticalSupplier& c) {
  std::string out;
  for (std::size_t k = 0; k < c.firms.size(); ++k) {
    if (k > 0) out += " → " + std::string(input_label(g, c.inputs[k - 1])) + " → ";
    out += g.firm(c.firms[k]).id;
  }
  return out;
}

namespace {

// The sections as given.
struct GivenSections {
  const AnalysisSections& s;
  const engine::StructureAnalysis* structure() const { return s.structure; }
  const engine::CertificationGapsResult* gaps() const { return s.gaps; }
  const engine::QualityAnalysis* quality() const { return s.quality; }
  const engine::SystemicResult* systemic() const { return s.systemic; }
  const engine::ProductionModel* production() const { return s.production; }
  const std::vector<Bottleneck>* bottlenecks() const { return s.bottlenecks; }
};

// The selected sections of a context, each asked for only when the writer reaches it. The structure
// is computed then; before the first of the others, `before_aside` waits for the thread computing
// them (and rethrows what it threw), so that no product is asked for again after its computation
// failed: a std::call_once whose callable threw is not to be relied on to run again. The rest then
// come from analysis_sections, the one place that says which product each section reads.
struct ContextSections {
  const engine::AnalysisContext& ctx;
  engine::AnalysisSelection sel;
  const std::function<void()>& before_aside;
  mutable std::optional<AnalysisSections> rest;
  const AnalysisSections& aside() const {
    if (!rest) {
      if (before_aside) before_aside();
      rest = analysis_sections(ctx, sel);
    }
    return *rest;
  }
  const engine::StructureAnalysis* structure() const { return sel.structure ? &ctx.structure() : nullptr; }
  const engine::CertificationGapsResult* gaps() const { return aside().gaps; }
  const engine::QualityAnalysis* quality() const { return aside().quality; }
  const engine::SystemicResult* systemic() const { return aside().systemic; }
  const engine::ProductionModel* production() const { return aside().production; }
  const std::vector<Bottleneck>* bottlenecks() const { return aside().bottlenecks; }
};

template <class Sections>
void write_analysis_from(json::Writer& w, const ChainGraph& g, const Sections& from, const ReportOptions& o) {
  w.StartObject();
  json::key(w, "chain");
  json::str(w, g.info().id);
  if (const auto* structure = from.structure()) {
    json::key(w, "structure");
    write_structure(w, g, *structure, o);
  }
  if (const auto* gaps = from.gaps()) {
    json::key(w, "certification_gaps");
    write_gaps(w, g, *gaps, o);
  }
  if (const auto* quality = from.quality()) {
    json::key(w, "quality");
    write_quality(w, g, *quality, o);
  }
  const auto* systemic = from.systemic();
  const auto* production = from.production();
  if (systemic && production) {
    json::key(w, "systemic");
    write_systemic(w, g, *systemic, *production, o);
  }
  if (const auto* bottlenecks = from.bottlenecks()) {
    json::key(w, "bottlenecks");
    w.StartArray();
    for (const Bottleneck& b : *bottlenecks) {
      w.StartObject();
      json::key(w, "kind"); json::str(w, to_string(b.kind));
      json::key(w, "id");
      json::str(w, b.kind == Bottleneck::Kind::issue     ? g.issues()[b.id].code
                   : b.kind == Bottleneck::Kind::segment ? g.segments()[b.id].id
                                                         : g.firm(b.id).id);
      write_bottleneck_numbers(w, g, b);
      w.EndObject();
    }
    w.EndArray();
  }
  w.EndObject();
}

}  // namespace

void write_analysis(json::Writer& w, const ChainGraph& g, const AnalysisSections& s, const ReportOptions& o) {
  write_analysis_from(w, g, GivenSections{s}, o);
}

std::string analysis_json(const ChainGraph& g, const AnalysisSections& s, const ReportOptions& o) {
  std::size_t critical = 0;
  if (s.structure)
    for (const auto& l : s.structure->critical.leaders) critical += l.suppliers.size();
  std::string doc;
  if (g.firm_count() > 100000) doc.reserve(g.firm_count() * 200 + critical * 80);
  write_analysis_json(g, s, o, [&doc](std::string_view piece) { doc.append(piece); });
  return doc;
}

void write_analysis_json(const ChainGraph& g, const AnalysisSections& s, const ReportOptions& o,
                         const std::function<void(std::string_view)>& write) {
  json::stream([&](json::Writer& w) { write_analysis(w, g, s, o); }, write, g.firm_count() > 100000);
}

void write_analysis_json(const AnalysisContext& ctx, const AnalysisSelection& selection, const ReportOptions& o,
                         const std::function<void(std::string_view)>& write, const std::function<void()>& before_aside) {
  const ChainGraph& g = ctx.chain();
  json::stream([&](json::Writer& w) { write_analysis_from(w, g, ContextSections{ctx, selection, before_aside, std::nullopt}, o); }, write,
               g.firm_count() > 100000);
}

AnalysisSections analysis_sections(const AnalysisContext& ctx, const AnalysisSelection& selection) {
  AnalysisSections s;
  if (selection.structure) s.structure = &ctx.structure();
  if (selection.quality) {
    s.quality = &ctx.quality();
    s.bottlenecks = selection.structure ? &ctx.bottlenecks() : &ctx.quality_bottlenecks();
  }
  if (selection.gaps) s.gaps = &ctx.gaps();
  if (selection.systemic) {
    s.systemic = &ctx.systemic();
    s.production = &ctx.production();
  }
  return s;
}

std::string analysis_text(const ChainGraph& g, const AnalysisSections& s, const ReportOptions& o) {
  std::string out = chain_title(g) + "\n\n";
  if (s.structure) out += structure_text(g, *s.structure, o);
  if (s.gaps) out += (s.structure ? "\n" : "") + gaps_text(g, *s.gaps, o);
  if (s.quality) out += (s.structure || s.gaps ? "\n" : "") + quality_text(g, *s.quality, s.bottlenecks, o);
  if (s.systemic) out += "\n" + systemic_text(g, *s.systemic, o);
  return out;
}

}  // namespace qchain::report
