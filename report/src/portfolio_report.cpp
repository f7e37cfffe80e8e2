#include "qchain/report/portfolio_report.hpp"

#include <algorithm>

#include "json_out.hpp"
#include "json_sections.hpp"
#include "qchain/report/labels.hpp"

namespace qchain::report {

using namespace qchain::engine;

using namespace qchain::graphs;

std::vector<FirmId> customers_of(const ChainGraph& g, FirmId v) {
  const IdRange all = g.customers_of(v);
  std::vector<FirmId> out(all.begin(), all.end());
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::string customers_text(const ChainGraph& g, FirmId v, std::size_t limit) {
  const std::vector<FirmId> customers = customers_of(g, v);
  std::string out;
  for (std::size_t k = 0; k < customers.size() && k < limit; ++k) out += (out.empty() ? "" : ", ") + g.firm(customers[k]).name;
  if (customers.size() > limit) out += ", … (" + std::to_string(customers.size()) + ")";
  return out.empty() ? "-" : out;
}

RegionIndustryGrid region_industry_grid(const ChainList& chains) {
  RegionIndustryGrid grid;
  const auto index = [](std::vector<std::string>& list, const std::string& s) {
    const auto it = std::find(list.begin(), list.end(), s);
    if (it != list.end()) return static_cast<std::size_t>(it - list.begin());
    list.push_back(s);
    return list.size() - 1;
  };
  std::vector<std::pair<std::size_t, std::size_t>> at;
  for (const ChainGraph* g : chains) at.emplace_back(index(grid.regions, g->info().region), index(grid.industries, g->info().industry));
  grid.cell.assign(grid.regions.size(), std::vector<std::vector<std::uint32_t>>(grid.industries.size()));
  for (std::uint32_t i = 0; i < at.size(); ++i) grid.cell[at[i].first][at[i].second].push_back(i);
  return grid;
}

std::string grid_cell_text(const ChainList& chains, const PortfolioResult& r, const std::vector<std::uint32_t>& cell, Lang L) {
  std::string out;
  for (std::uint32_t i : cell)
    out += (out.empty() ? "" : tr(L, "；", "; ")) + chain_title(*chains[i]) + " " + std::to_string(r.chains[i].firms) +
           tr(L, " 家 ", " firms ") + percent(r.chains[i].mean_yield, 1);
  return out.empty() ? "-" : out;
}

void write_portfolio(json::Writer& w, const ChainList& chains, const PortfolioResult& r) {
  w.StartObject();
  json::key(w, "chains");
  w.StartArray();
  for (std::size_t i = 0; i < chains.size(); ++i) {
    const ChainGraph& g = *chains[i];
    const PortfolioChain& c = r.chains[i];
    w.StartObject();
    for (auto [k, v] : {std::pair{"id", &g.info().id}, {"name", &g.info().name}, {"region", &g.info().region},
                        {"industry", &g.info().industry}, {"as_of", &g.info().as_of}})
      json::key(w, k), json::str(w, *v);
    json::key(w, "firms"); json::count(w, c.firms);
    json::key(w, "links"); json::count(w, c.links);
    json::key(w, "mean_yield"); json::num(w, c.mean_yield);
    json::key(w, "leaders");
    w.StartArray();
    for (auto [v, y] : c.leaders) {
      w.StartObject();
      json::key(w, "id"); json::str(w, g.firm(v).id);
      json::key(w, "name"); json::str(w, g.firm(v).name);
      json::key(w, "delivered_yield"); json::num(w, y);
      w.EndObject();
    }
    w.EndArray();
    json::key(w, "weak_segment");
    if (c.weak_segment == kNone) w.Null();
    else json::str(w, g.segments()[c.weak_segment].id);
    json::key(w, "top_issues");
    w.StartArray();
    for (std::uint32_t k : c.top_issues) json::str(w, g.issues()[k].code);
    w.EndArray();
    json::key(w, "categories");
    w.StartObject();
    for (int k = 0; k < kCategoryCount; ++k) {
      json::key(w, to_string(static_cast<IssueCategory>(k)));
      w.StartObject();
      json::key(w, "pairs"); json::count(w, c.category_pairs[k]);
      json::key(w, "share"); json::num(w, c.category_share[k]);
      w.EndObject();
    }
    w.EndObject();
    w.EndObject();
  }
  w.EndArray();
  json::key(w, "shared_issues");
  w.StartArray();
  for (const SharedIssue& s : r.shared_issues) {
    w.StartObject();
    json::key(w, "code"); json::str(w, s.code);
    json::key(w, "name"); json::str(w, s.name);
    json::key(w, "chains");
    w.StartArray();
    for (std::size_t k = 0; k < s.chains.size(); ++k) {
      w.StartObject();
      json::key(w, "id"); json::str(w, chains[s.chains[k]]->info().id);
      json::key(w, "firms"); json::count(w, s.firms[k]);
      w.EndObject();
    }
    w.EndArray();
    json::key(w, "gain"); json::num(w, s.gain);
    w.EndObject();
  }
  w.EndArray();
  json::key(w, "code_clashes");
  w.StartArray();
  for (const std::string& code : r.code_clashes) json::str(w, code);
  w.EndArray();
  json::key(w, "shared_categories");
  w.StartArray();
  for (const SharedCategory& c : r.categories) {
    if (c.chains.size() < 2) continue;
    w.StartObject();
    json::key(w, "category"); json::str(w, to_string(c.category));
    json::key(w, "chains");
    w.StartArray();
    for (std::uint32_t i : c.chains) json::str(w, chains[i]->info().id);
    w.EndArray();
    w.EndObject();
  }
  w.EndArray();
  json::key(w, "shared_firms");
  w.StartArray();
  for (const SharedFirm& s : r.shared_firms) {
    w.StartObject();
    json::key(w, "id"); json::str(w, s.id);
    json::key(w, "same_name"); w.Bool(s.same_name);
    json::key(w, "in");
    w.StartArray();
    for (auto [i, v] : s.in) {
      const ChainGraph& g = *chains[i];
      const Firm& f = g.firm(v);
      w.StartObject();
      json::key(w, "chain"); json::str(w, g.info().id);
      json::key(w, "name"); json::str(w, f.name);
      json::key(w, "role"); json::str(w, to_string(f.role));
      json::key(w, "segment"); json::str(w, g.segment_id(f.segment));
      json::key(w, "customers");
      w.StartArray();
      for (FirmId x : customers_of(g, v)) json::str(w, g.firm(x).id);
      w.EndArray();
      w.EndObject();
    }
    w.EndArray();
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
}

std::string portfolio_json(const ChainList& chains, const PortfolioResult& r) {
  return json::document([&](json::Writer& w) { write_portfolio(w, chains, r); }, r.shared_firms.size() > 100000 ? r.shared_firms.size() * 200 : 0, r.shared_firms.size() > 100000);
}

std::string portfolio_text(const ChainList& chains, const PortfolioResult& r, Lang L, std::size_t top) {
  std::string out = std::string(tr(L, "产业链组合：", "Portfolio: ")) + std::to_string(chains.size()) + tr(L, " 条产业链\n\n", " chains\n\n");
  TextTable t;
  t.add_column(tr(L, "产业链", "Chain"));
  t.add_column(tr(L, "地区", "Region"));
  t.add_column(tr(L, "企业", "Firms"), TextTable::Align::right);
  t.add_column(tr(L, "一次合格率均值", "Mean yield"), TextTable::Align::right);
  t.add_column(tr(L, "链主交付合格率", "Leaders' delivered yield"));
  t.add_column(tr(L, "短板环节", "Weak segment"));
  t.add_column(tr(L, "首要质量问题", "Top issues"));
  for (std::size_t i = 0; i < chains.size(); ++i) {
    const ChainGraph& g = *chains[i];
    const PortfolioChain& c = r.chains[i];
    std::string leaders, issues;
    for (auto [v, y] : c.leaders) leaders += (leaders.empty() ? "" : " ") + percent(y, 1);
    for (std::uint32_t k : c.top_issues) issues += (issues.empty() ? "" : " ") + g.issues()[k].code;
    t.add_row({chain_title(g), g.info().region, std::to_string(c.firms), percent(c.mean_yield, 1), leaders.empty() ? "-" : leaders,
               c.weak_segment == kNone ? "-" : g.segments()[c.weak_segment].name, issues.empty() ? "-" : issues});
  }
  out += t.render() + "\n";

  const RegionIndustryGrid grid = region_industry_grid(chains);
  out += std::string(tr(L, "地区 × 产业（企业数、一次合格率均值）", "Region × industry (firms, mean yield)")) + "\n";
  TextTable gt;
  gt.add_column(tr(L, "地区", "Region"));
  for (const std::string& ind : grid.industries) gt.add_column(ind.empty() ? tr(L, "（未注明产业）", "(no industry)") : ind);
  for (std::size_t r2 = 0; r2 < grid.regions.size(); ++r2) {
    std::vector<std::string> row{grid.regions[r2].empty() ? tr(L, "（未注明地区）", "(no region)") : grid.regions[r2]};
    for (const auto& cell : grid.cell[r2]) row.push_back(grid_cell_text(chains, r, cell, L));
    gt.add_row(std::move(row));
  }
  out += gt.render() + "\n";

  out += std::string(tr(L, "链主交付缺陷按鱼骨类别（人机料法测环）的来源占比", "Leaders' delivered defects by fishbone class")) + "\n";
  TextTable ct;
  ct.add_column(tr(L, "类别", "Class"));
  for (const ChainGraph* g : chains) ct.add_column(chain_title(*g), TextTable::Align::right);
  ct.add_column(tr(L, "居前两位的链数", "Top-2 in chains"), TextTable::Align::right);
  for (const SharedCategory& c : r.categories) {
    std::vector<std::string> row{category_label(c.category, L)};
    for (const PortfolioChain& x : r.chains) row.push_back(percent(x.category_share[static_cast<int>(c.category)], 1));
    row.push_back(std::to_string(c.chains.size()));
    ct.add_row(std::move(row));
  }
  out += ct.render() + "\n";

  out += std::string(tr(L, "多条链共有的质量问题（同一代码、同一名称；跨区域协作候选）",
                        "Issues shared by several chains (same code and name: candidates for cross-region cooperation)")) + "\n";
  TextTable st;
  st.add_column(tr(L, "代码", "Code"));
  st.add_column(tr(L, "问题", "Issue"));
  st.add_column(tr(L, "涉及产业链（企业数）", "Chains (firms)"));
  st.add_column(tr(L, "消除后链主提升合计（百分点）", "Leaders' gain if fixed, summed (points)"), TextTable::Align::right);
  for (const SharedIssue& s : r.shared_issues) {
    std::string where;
    for (std::size_t k = 0; k < s.chains.size(); ++k)
      where += (where.empty() ? "" : tr(L, "、", ", ")) + chain_title(*chains[s.chains[k]]) + "(" + std::to_string(s.firms[k]) + ")";
    st.add_row({s.code, s.name, where, fixed(s.gain * 100, 3)});
  }
  out += r.shared_issues.empty() ? std::string(tr(L, "（无）\n", "(none)\n")) : st.render();
  if (!r.code_clashes.empty()) {
    out += tr(L, "注：以下代码在不同产业链中含义不同，未合并：", "Note: these codes mean different things in different chains and were not merged: ");
    for (std::size_t k = 0; k < r.code_clashes.size(); ++k) out += (k ? " " : "") + r.code_clashes[k];
    out += "\n";
  }
  out += "\n";

  out += std::string(tr(L, "跨链企业（同一企业 ID 出现在多条产业链中）", "Firms in several chains (same id)")) + "\n";
  TextTable ft;
  ft.add_column("ID");
  ft.add_column(tr(L, "企业", "Firm"));
  ft.add_column(tr(L, "产业链", "Chain"));
  ft.add_column(tr(L, "环节", "Segment"));
  ft.add_column(tr(L, "供货对象", "Supplies"));
  std::size_t clashes = 0;
  for (const SharedFirm& s : r.shared_firms) clashes += !s.same_name;
  out += L == Lang::zh ? std::to_string(r.shared_firms.size()) + " 家，其中名称不一致 " + std::to_string(clashes) + " 家\n"
                       : std::to_string(r.shared_firms.size()) + " firms, " + std::to_string(clashes) + " of them under different names\n";
  for (std::size_t k = 0; k < r.shared_firms.size() && k < top; ++k)
    for (auto [i, v] : r.shared_firms[k].in) {
      const SharedFirm& s = r.shared_firms[k];
      const ChainGraph& g = *chains[i];
      ft.add_row({s.id + (s.same_name ? "" : " (!)"), g.firm(v).name, chain_title(g), segment_label(g, g.firm(v).segment, L), customers_text(g, v)});
    }
  if (!r.shared_firms.empty() && top > 0) out += ft.render();
  if (r.shared_firms.size() > top)
    out += "... " + std::to_string(r.shared_firms.size() - top) + tr(L, " 家未列出（--top 可调整）\n", " more not shown (--top)\n");
  if (clashes) out += tr(L, "(!) 名称不一致：可能是不同企业误用了同一 ID。\n", "(!) names differ: possibly two firms sharing an id by mistake.\n");
  return out;
}

}  // namespace qchain::report
