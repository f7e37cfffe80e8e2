#include "qchain/visualization/ecosystem_map.hpp"

#include <algorithm>
#include <cstdint>
#include <map>
#include <optional>
#include <set>

#include "qchain/report/labels.hpp"
#include "qchain/report/ledger_report.hpp"
#include "qchain/visualization/chain_map.hpp"
#include "qchain/visualization/colour.hpp"

namespace qchain::visualization {

using namespace qchain::graphs;
using report::Lang;
using report::tr;
using workspace::LedgerStatus;

namespace {

constexpr std::uint32_t kOtherIssue = kNone;  // a code the chain's catalogue lacks, or none given

const char* status_fill(LedgerStatus s) {
  switch (s) {
    case LedgerStatus::planned: return "#cfe0f3";
    case LedgerStatus::in_progress: return okabe_ito::orange;
    case LedgerStatus::done: return okabe_ito::bluish_green;
    case LedgerStatus::dropped: return "#e4e4e4";
  }
  return "#ffffff";
}

// One measure group or project: the issue it aims at, what it reaches, through whom.
struct Action {
  std::string node, heading, label;
  LedgerStatus status = LedgerStatus::planned;
  std::uint32_t issue = kOtherIssue;
  std::map<std::string, std::uint32_t> providers;  // provider name ("" = none given) -> entries
  std::set<std::string> firms;
};

struct Builder {
  const ChainGraph& g;
  const EcosystemMapOptions& o;
  Lang L;
  Diagram d;
  std::vector<std::uint32_t> firms_concerned;           // per issue of the catalogue
  std::map<std::pair<std::uint32_t, int>, Action> measures;  // (issue, status) -> the ledger's entries
  std::vector<Action> projects;
  std::map<std::string, std::optional<workspace::ProviderKind>> provider_kind;

  std::uint32_t issue_of(const std::string& code) const {
    const auto k = g.find_issue(code);
    return k ? static_cast<std::uint32_t>(*k) : kOtherIssue;
  }

  void collect(const EcosystemInput& in) {
    firms_concerned.assign(g.issues().size(), 0);
    for (const Firm& f : g.firms())
      for (const FirmIssue& i : f.issues) ++firms_concerned[i.issue];
    for (const workspace::LedgerEntry& e : in.ledger) {
      std::vector<std::uint32_t> aims;
      for (const std::string& code : e.issues) aims.push_back(issue_of(code));
      if (aims.empty()) aims.push_back(kOtherIssue);
      std::sort(aims.begin(), aims.end());
      aims.erase(std::unique(aims.begin(), aims.end()), aims.end());
      if (!e.provider.name.empty() && !provider_kind[e.provider.name]) provider_kind[e.provider.name] = e.provider.kind;
      for (std::uint32_t issue : aims) {
        Action& a = measures[{issue, static_cast<int>(e.status)}];
        a.issue = issue;
        a.status = e.status;
        ++a.providers[e.provider.name];
        a.firms.insert(e.firm_id);
        if (a.label.empty() && !e.measures.empty()) a.label = e.measures.front();  // the first measure, as an example
      }
    }
    for (const workspace::Project& p : in.projects) {
      Action a;
      a.issue = issue_of(p.issue_code);
      a.status = p.status;
      a.label = p.title;
      a.node = "p" + std::to_string(p.id);
      a.heading = tr(L, "攻关项目 #", "Project #") + std::to_string(p.id);
      for (const workspace::Provider& v : p.providers) {
        ++a.providers[v.name];
        if (!provider_kind.count(v.name) || !provider_kind[v.name]) provider_kind[v.name] = v.kind;
      }
      if (p.providers.empty()) ++a.providers[""];
      a.firms.insert(p.firms.begin(), p.firms.end());
      if (!p.leader_firm_id.empty()) a.firms.insert(p.leader_firm_id);
      projects.push_back(std::move(a));
    }
  }

  std::string issue_node(std::uint32_t issue) const { return issue == kOtherIssue ? "i_other" : "i" + std::to_string(issue); }

  void issues(const std::set<std::uint32_t>& addressed) {
    // The issues no measure aims at yet, those concerning most firms first: where help is missing.
    std::vector<std::uint32_t> open;
    for (std::uint32_t k = 0; k < g.issues().size(); ++k)
      if (!addressed.count(k) && firms_concerned[k] > 0) open.push_back(k);
    std::stable_sort(open.begin(), open.end(), [&](std::uint32_t a, std::uint32_t b) { return firms_concerned[a] > firms_concerned[b]; });
    if (open.size() > o.unaddressed) open.resize(o.unaddressed);
    std::uint32_t most = 1;
    for (std::uint32_t k : addressed)
      if (k != kOtherIssue) most = std::max(most, firms_concerned[k]);
    for (std::uint32_t k : open) most = std::max(most, firms_concerned[k]);
    std::set<int> classes;
    for (std::uint32_t k : addressed) classes.insert(k == kOtherIssue ? kCategoryCount : static_cast<int>(g.issues()[k].category));
    for (std::uint32_t k : open) classes.insert(static_cast<int>(g.issues()[k].category));
    for (int c : classes) {
      const std::string label = c == kCategoryCount ? tr(L, "其他", "Other") : report::category_title(static_cast<IssueCategory>(c), L);
      d.clusters.push_back({"c" + std::to_string(c), "<B>" + html(label) + "</B>", {{"color", "#9aa7b8"}, {"style", "rounded"}, {"fontname", kFont}}});
    }
    const auto add = [&](std::uint32_t k, bool has_measure) {
      DiagramNode n;
      n.id = issue_node(k);  // no rank: a rank cannot span the class clusters
      if (k == kOtherIssue) {
        n.cluster = "c" + std::to_string(kCategoryCount);
        n.label = html(tr(L, "未指明或不在目录中的问题", "Issues not given or not in the catalogue"));
        n.attributes = {{"shape", "box"}, {"style", "rounded,filled"}, {"fillcolor", "#f4f4f4"}};
        d.nodes.push_back(std::move(n));
        return;
      }
      const IssueType& t = g.issues()[k];
      const double rel = static_cast<double>(firms_concerned[k]) / most;
      n.cluster = "c" + std::to_string(static_cast<int>(t.category));
      std::vector<std::string> rows{"<B>" + html(t.code) + "</B>"};
      for (const std::string& line : wrap_lines(t.name, kWrapEm, 2)) rows.push_back(html(line));
      rows.push_back("<FONT POINT-SIZE=\"9\">" + html(std::to_string(firms_concerned[k]) + tr(L, " 家企业", " firms")) +
                     (has_measure ? "" : html(tr(L, " · 尚无措施", " · no measure yet"))) + "</FONT>");
      n.label = stacked(rows);
      n.attributes = {{"shape", "box"}, {"fontsize", num(10 + 6 * rel, 1)}, {"tooltip", esc(t.code + " " + t.name)},
                      {"style", has_measure ? "rounded,filled" : "rounded,dashed"}, {"fillcolor", "#fff3d6"}};
      d.nodes.push_back(std::move(n));
    };
    for (std::uint32_t k : addressed) add(k, true);
    for (std::uint32_t k : open) add(k, false);
  }

  void action_node(const Action& a) {
    DiagramNode n;
    n.id = a.node;
    n.rank = "actions";
    const char* fill = status_fill(a.status);
    std::vector<std::string> rows{"<B>" + html(a.heading) + "</B>"};
    if (!a.label.empty())
      for (const std::string& line : wrap_lines(a.label, kWrapEm, 2)) rows.push_back(html(line));
    rows.push_back("<FONT POINT-SIZE=\"9\">" + html(report::ledger_status_label(a.status, L)) + " · " +
                   html(std::to_string(a.firms.size()) + tr(L, " 家企业", " firms")) + "</FONT>");
    n.label = stacked(rows);
    n.attributes = {{"shape", "box"}, {"style", a.status == LedgerStatus::dropped ? "rounded,filled,dashed" : "rounded,filled"},
                    {"fillcolor", fill}, {"fontcolor", text_colour_on(fill)}};
    d.nodes.push_back(std::move(n));
  }
};

// Providers in order of the actions they carry, then by name; the first `keep` are drawn one by one.
std::vector<std::string> ranked_providers(const std::map<std::string, std::uint32_t>& load) {
  std::vector<std::string> names;
  for (const auto& [name, n] : load) names.push_back(name);
  std::stable_sort(names.begin(), names.end(), [&](const std::string& a, const std::string& b) { return load.at(a) > load.at(b); });
  return names;
}

}  // namespace

Diagram ecosystem_map(const ChainGraph& g, const EcosystemInput& in, const EcosystemMapOptions& o) {
  Builder b{g, o, o.lang, {}, {}, {}, {}, {}};
  const Lang L = o.lang;
  b.collect(in);
  Diagram& d = b.d;
  d.name = "ecosystem";
  d.label = title_label(g.info().name, tr(L, "对策措施生态图：质量问题（按 6M 分类）→ 攻关项目与帮扶措施 → 帮扶机构 → 受益企业",
                                          "Countermeasure ecosystem: issues (by 6M class) → projects and assistance measures → providers → firms reached"));
  d.graph = {{"rankdir", "LR"}, {"labelloc", "t"}, {"fontname", kFont}, {"ranksep", "1.2"}, {"nodesep", "0.2"}, {"newrank", "true"}};
  d.node_defaults = {{"fontname", kFont}, {"fontsize", "11"}, {"style", "filled"}};
  d.edge_defaults = {{"color", "#4a6fa588"}, {"arrowhead", "none"}};

  std::vector<Action*> actions;
  for (auto& [key, a] : b.measures) {
    a.node = "m" + (a.issue == kOtherIssue ? std::string("x") : std::to_string(a.issue)) + "_" + std::to_string(key.second);
    actions.push_back(&a);
  }
  for (Action& a : b.projects) actions.push_back(&a);
  std::set<std::uint32_t> addressed;
  for (const Action* a : actions) addressed.insert(a->issue);
  b.issues(addressed);

  for (auto& [key, a] : b.measures) {
    std::uint32_t entries = 0;
    for (const auto& [name, k] : a.providers) entries += k;
    a.heading = (L == Lang::zh ? "帮扶措施 " : "Assistance: ") + std::to_string(entries) + (L == Lang::zh ? " 项" : " entries");
    // The first entry's first measure, as an example of what the group does.
    if (entries > 1 && !a.label.empty()) a.label = tr(L, "如：", "e.g. ") + a.label;
    b.action_node(a);
  }
  for (const Action& a : b.projects) b.action_node(a);

  // Providers: the busiest one by one, the rest one node per kind.
  std::map<std::string, std::uint32_t> load;
  for (const Action* a : actions)
    for (const auto& [name, n] : a->providers) load[name] += n;
  const std::vector<std::string> ranked = ranked_providers(load);
  std::map<std::string, std::string> provider_node;  // name -> node id
  std::map<std::string, std::vector<std::string>> grouped;  // node id -> the names it stands for
  std::size_t named = 0;  // "no provider" takes no place among the busiest
  for (const std::string& name : ranked) {
    std::string id;
    if (name.empty()) id = "v_none";
    else if (named < o.max_providers) id = "v" + std::to_string(named++);
    else {
      const auto kind = b.provider_kind[name];
      id = "v_kind" + (kind ? std::to_string(static_cast<int>(*kind)) : std::string("x"));
    }
    provider_node[name] = id;
    grouped[id].push_back(name);
  }
  for (const auto& [id, names] : grouped) {
    DiagramNode n;
    n.id = id;
    n.rank = "providers";
    const auto kind = b.provider_kind[names.front()];
    const std::string kind_text = kind ? report::provider_kind_label(*kind, L) : "";
    if (id == "v_none") n.label = html(tr(L, "未登记帮扶机构", "No provider recorded"));
    else if (names.size() == 1) n.label = stacked({"<B>" + wrapped(names.front()) + "</B>", "<FONT POINT-SIZE=\"9\">" + html(kind_text) + "</FONT>"});
    else
      n.label = html((L == Lang::zh ? "其他" + kind_text + " " : "Other " + kind_text + ": ") + std::to_string(names.size()) +
                     (L == Lang::zh ? " 家" : ""));
    n.attributes = {{"shape", "ellipse"}, {"fillcolor", "#e6f0e6"}};
    d.nodes.push_back(std::move(n));
  }

  // Firms reached: one by one when few, else one node per segment.
  std::set<std::string> reached;
  for (const Action* a : actions) reached.insert(a->firms.begin(), a->firms.end());
  const bool by_segment = reached.size() > o.max_firms;
  std::map<std::string, std::string> firm_node;
  std::map<std::string, std::uint32_t> per_node;
  for (const std::string& id : reached) {
    const auto v = g.find_firm(id);
    std::string node;
    if (!by_segment) node = "f_" + std::to_string(firm_node.size());
    else node = v ? "s" + std::to_string(g.segment_slot(g.firm(*v).segment)) : std::string("s_gone");
    firm_node[id] = node;
    if (per_node[node]++ > 0) continue;
    DiagramNode n;
    n.id = node;
    n.rank = "firms";
    if (!by_segment && v) {
      std::vector<std::string> rows;
      for (const std::string& line : wrap_lines(g.firm(*v).name, kWrapEm, 2)) rows.push_back("<B>" + html(line) + "</B>");
      rows.push_back("<FONT POINT-SIZE=\"9\">" + html(id) + "</FONT>");
      n.label = stacked(rows);
    } else if (!by_segment) {
      n.label = html(id + tr(L, "（已不在最新快照中）", " (not in the latest snapshot)"));
    }
    n.attributes = {{"shape", "box"}, {"fillcolor", "#eef2f8"}};
    d.nodes.push_back(std::move(n));
  }
  if (by_segment)
    for (DiagramNode& n : d.nodes) {
      if (n.rank != "firms") continue;
      const std::uint32_t count = per_node[n.id];
      std::string name = n.id == "s_gone" ? tr(L, "已退出的企业", "Firms no longer in the chain")
                                          : report::segment_label(g, g.slot_segment(std::stoul(n.id.substr(1))), L);
      n.label = stacked({"<B>" + wrapped(name) + "</B>", html(std::to_string(count) + tr(L, " 家企业", " firms"))});
    }

  // Edges, weighted by the entries (issue → action, action → provider) or firms (provider → firms).
  std::map<std::pair<std::string, std::string>, std::uint32_t> weight;
  for (const Action* a : actions) {
    std::uint32_t entries = 0;
    for (const auto& [name, n] : a->providers) {
      entries += n;
      weight[{a->node, provider_node[name]}] += n;
    }
    weight[{b.issue_node(a->issue), a->node}] += entries;
  }
  std::map<std::pair<std::string, std::string>, std::set<std::string>> reach;
  for (const Action* a : actions)
    for (const auto& [name, n] : a->providers)
      for (const std::string& f : a->firms) reach[{provider_node[name], firm_node[f]}].insert(f);
  for (const auto& [ends, firms] : reach) weight[ends] = static_cast<std::uint32_t>(firms.size());
  std::uint32_t heaviest = 1;
  for (const auto& [ends, w] : weight) heaviest = std::max(heaviest, w);
  for (const auto& [ends, w] : weight)
    d.edges.push_back({ends.first, ends.second, {{"penwidth", num(0.8 + 4.0 * w / heaviest, 2)}, {"tooltip", esc(std::to_string(w))}}});

  LegendRows rows;
  for (LedgerStatus s : {LedgerStatus::planned, LedgerStatus::in_progress, LedgerStatus::done, LedgerStatus::dropped})
    rows.emplace_back(status_fill(s), report::ledger_status_label(s, L));
  DiagramNode lg;
  lg.id = "legend";
  lg.label = legend_label(tr(L, "措施与项目的状态", "Status of measures and projects"), rows,
                          {{"", "┅", tr(L, "虚线问题框：涉及企业多、尚无措施", "dashed issue: many firms, no measure yet")},
                           {"", "━", tr(L, "线宽：帮扶条数或企业数", "line width: entries or firms")}});
  lg.attributes = {{"shape", "plaintext"}, {"style", ""}, {"fontsize", "10"}};
  d.nodes.push_back(std::move(lg));
  return d;
}

}  // namespace qchain::visualization
