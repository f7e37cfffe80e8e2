#include "qchain/report/comparison_report.hpp"

#include <algorithm>
#include <cmath>

#include "json_out.hpp"
#include "json_sections.hpp"
#include "qchain/report/labels.hpp"

namespace qchain::report {

using namespace qchain::engine;

using namespace qchain::graphs;

namespace {

void snapshot(json::Writer& w, const ChainGraph& g) {
  w.StartObject();
  json::key(w, "id"); json::str(w, g.info().id);
  json::key(w, "name"); json::str(w, g.info().name);
  json::key(w, "as_of"); json::str(w, g.info().as_of);
  json::key(w, "firms"); json::count(w, g.firm_count());
  w.EndObject();
}

void names(json::Writer& w, const std::vector<std::string>& list, const std::vector<std::uint32_t>& idx) {
  w.StartArray();
  for (std::uint32_t k : idx) json::str(w, list[k]);
  w.EndArray();
}

void pair(json::Writer& w, const double (&x)[2]) {
  w.StartArray();
  json::num(w, x[0]);
  json::num(w, x[1]);
  w.EndArray();
}

void measure(json::Writer& w, const char* name, const EffectMeasure& m) {
  json::key(w, name);
  w.StartObject();
  json::key(w, "value"); json::num(w, m.value);
  json::key(w, "firms"); json::count(w, m.firms);
  w.EndObject();
}

void effect_group(json::Writer& w, const EffectGroup& g) {
  w.StartObject();
  json::key(w, "firms"); json::count(w, g.firms);
  measure(w, "revenue_growth", g.revenue_growth);
  measure(w, "profit_margin_change", g.profit_margin_change);
  measure(w, "operating_cost_change", g.operating_cost_change);
  measure(w, "quality_cost_rate_change", g.quality_cost_rate_change);
  measure(w, "satisfaction_before", g.satisfaction[0]);
  measure(w, "satisfaction_after", g.satisfaction[1]);
  measure(w, "satisfied_share_before", g.satisfied_share[0]);
  measure(w, "satisfied_share_after", g.satisfied_share[1]);
  w.EndObject();
}

// The effect indicators' table: one row per indicator, the assisted firms and the others side by side.
std::string effect_rows(const EffectIndicators& e, Lang L) {
  TextTable t;
  t.add_column(tr(L, "指标", "Indicator"));
  t.add_column(tr(L, "受帮扶企业", "Assisted"), TextTable::Align::right);
  t.add_column(tr(L, "家数", "Firms"), TextTable::Align::right);
  t.add_column(tr(L, "其他企业", "Others"), TextTable::Align::right);
  t.add_column(tr(L, "家数", "Firms"), TextTable::Align::right);
  const auto growth = [](double x) { return std::isnan(x) ? std::string("-") : points(x, 1) + "%"; };
  const auto pp = [](double x) { return points(x, 2); };
  const auto share = [](double x) { return percent(x, 1); };
  const auto row = [&](const std::string& label, EffectMeasure EffectGroup::*m, const auto& format) {
    const EffectMeasure &a = e.assisted.*m, &o = e.others.*m;
    t.add_row({label, format(a.value), std::to_string(a.firms), format(o.value), std::to_string(o.firms)});
  };
  const auto row2 = [&](const std::string& label, EffectMeasure (EffectGroup::*m)[2], int k, const auto& format) {
    const EffectMeasure &a = (e.assisted.*m)[k], &o = (e.others.*m)[k];
    t.add_row({label, format(a.value), std::to_string(a.firms), format(o.value), std::to_string(o.firms)});
  };
  row(tr(L, "营业收入增长", "Revenue growth"), &EffectGroup::revenue_growth, growth);
  row(tr(L, "利润率变化（百分点）", "Profit margin change (points)"), &EffectGroup::profit_margin_change, pp);
  row(tr(L, "营业成本变化", "Operating cost change"), &EffectGroup::operating_cost_change, growth);
  row(tr(L, "质量成本率变化（百分点）", "Quality-cost rate change (points)"), &EffectGroup::quality_cost_rate_change, pp);
  row2(tr(L, "满意度均值（之前）", "Mean satisfaction (before)"), &EffectGroup::satisfaction, 0, share);
  row2(tr(L, "满意度均值（之后）", "Mean satisfaction (after)"), &EffectGroup::satisfaction, 1, share);
  const std::string at = percent(e.satisfied_at, 0);
  row2(L == Lang::zh ? "满意度不低于 " + at + " 的比例（之前）" : "Share with satisfaction of " + at + " or more (before)",
       &EffectGroup::satisfied_share, 0, share);
  row2(L == Lang::zh ? "满意度不低于 " + at + " 的比例（之后）" : "Share with satisfaction of " + at + " or more (after)",
       &EffectGroup::satisfied_share, 1, share);
  return t.render();
}

std::string join(const std::vector<std::string>& list, const std::vector<std::uint32_t>& idx) {
  std::string out;
  for (std::uint32_t k : idx) out += (out.empty() ? "" : " ") + list[k];
  return out.empty() ? "-" : out;
}


}  // namespace

const char* trend_label(IssueTrend t, Lang lang) {
  static const char* zh[] = {"已解决", "减少", "持平", "增加", "新出现"};
  static const char* en[] = {"solved", "shrank", "unchanged", "grew", "appeared"};
  return (lang == Lang::zh ? zh : en)[static_cast<int>(t)];
}

std::string change_map_title(const ChainGraph& before, const ChainGraph& after, Lang lang) {
  return tr(lang, "提升前后对比：", "Before and after: ") + as_of_label(before, lang) + " → " + as_of_label(after, lang);
}

std::string issue_name(const ChainGraph& before, const ChainGraph& after, const std::string& code) {
  if (auto k = after.find_issue(code)) return after.issues()[*k].name;
  if (auto k = before.find_issue(code)) return before.issues()[*k].name;
  return code;
}

void write_programme_indicators(json::Writer& w, const ProgrammeIndicators& i) {
  w.StartObject();
  json::key(w, "assisted_firms"); json::count(w, i.assisted);
  json::key(w, "other_firms"); json::count(w, i.others);
  json::key(w, "assisted_mean_yield_change"); json::num(w, i.assisted_mean_change);
  json::key(w, "others_mean_yield_change"); json::num(w, i.others_mean_change);
  json::key(w, "difference"); json::num(w, i.difference);
  json::key(w, "assisted_improved_share"); json::num(w, i.assisted_improved_share);
  json::key(w, "others_improved_share"); json::num(w, i.others_improved_share);
  json::key(w, "newly_assisted_firms"); json::count(w, i.newly_assisted);
  json::key(w, "newly_assisted_mean_yield_change"); json::num(w, i.newly_assisted_mean_change);
  json::key(w, "mean_yield_before"); json::num(w, i.mean_yield[0]);
  json::key(w, "mean_yield_after"); json::num(w, i.mean_yield[1]);
  w.EndObject();
}

std::string effect_indicators_table(const EffectIndicators& e, Lang lang) { return effect_rows(e, lang); }

void write_effect_indicators(json::Writer& w, const EffectIndicators& e) {
  w.StartObject();
  json::key(w, "satisfied_at"); json::num(w, e.satisfied_at);
  json::key(w, "assisted"); effect_group(w, e.assisted);
  json::key(w, "others"); effect_group(w, e.others);
  w.EndObject();
}

void write_comparison(json::Writer& w, const ChainGraph& before, const ChainGraph& after, const ChainComparison& c) {
  w.StartObject();
  json::key(w, "before"); snapshot(w, before);
  json::key(w, "after"); snapshot(w, after);
  json::key(w, "matching");
  w.StartObject();
  json::key(w, "matched"); json::count(w, c.matched);
  json::key(w, "added"); json::count(w, c.added);
  json::key(w, "removed"); json::count(w, c.removed);
  json::key(w, "added_firms");
  w.StartArray();
  for (FirmId v = 0; v < after.firm_count(); ++v)
    if (c.before_of_after[v] == kNone) json::str(w, after.firm(v).id);
  w.EndArray();
  json::key(w, "removed_firms");
  w.StartArray();
  for (FirmId u = 0; u < before.firm_count(); ++u)
    if (c.after_of_before[u] == kNone) json::str(w, before.firm(u).id);
  w.EndArray();
  w.EndObject();

  json::key(w, "firms");
  w.StartObject();
  for (const FirmChange& f : c.firms) {
    json::key(w, after.firm(f.after).id);
    w.StartObject();
    json::key(w, "assisted"); w.Bool(f.assisted);
    json::key(w, "own_yield"); pair(w, f.own_yield);
    json::key(w, "delivered_yield"); pair(w, f.delivered_yield);
    json::key(w, "issues_resolved"); names(w, c.codes, f.issues_resolved);
    json::key(w, "issues_new"); names(w, c.codes, f.issues_new);
    json::key(w, "certifications_gained"); names(w, c.schemes, f.certifications_gained);
    json::key(w, "certifications_lost"); names(w, c.schemes, f.certifications_lost);
    w.EndObject();
  }
  w.EndObject();

  json::key(w, "leaders");
  w.StartArray();
  for (const LeaderChange& l : c.leaders) {
    const Firm& f = l.after != kNone ? after.firm(l.after) : before.firm(l.before);
    w.StartObject();
    json::key(w, "id"); json::str(w, f.id);
    json::key(w, "name"); json::str(w, f.name);
    json::key(w, "before"); json::num(w, l.delivered_yield[0]);
    json::key(w, "after"); json::num(w, l.delivered_yield[1]);
    w.EndObject();
  }
  w.EndArray();

  json::key(w, "issues");
  w.StartArray();
  for (const IssueChange& x : c.issues) {
    w.StartObject();
    json::key(w, "code"); json::str(w, c.codes[x.code]);
    json::key(w, "name"); json::str(w, issue_name(before, after, c.codes[x.code]));
    json::key(w, "firms_before"); json::count(w, x.firms[0]);
    json::key(w, "firms_after"); json::count(w, x.firms[1]);
    json::key(w, "trend"); json::str(w, trend_label(x.trend, Lang::en));
    w.EndObject();
  }
  w.EndArray();
  for (IssueTrend t : {IssueTrend::solved, IssueTrend::shrank, IssueTrend::appeared}) {
    json::key(w, std::string("issues_") + trend_label(t, Lang::en));
    w.StartArray();
    for (const IssueChange& x : c.issues)
      if (x.trend == t) json::str(w, c.codes[x.code]);
    w.EndArray();
  }
  json::key(w, "pairs_resolved"); json::count(w, c.pairs_resolved);
  json::key(w, "pairs_new"); json::count(w, c.pairs_new);

  json::key(w, "certifications");
  w.StartArray();
  for (const SchemeChange& s : c.certifications) {
    w.StartObject();
    json::key(w, "scheme"); json::str(w, c.schemes[s.scheme]);
    json::key(w, "holders_before"); json::count(w, s.holders[0]);
    json::key(w, "holders_after"); json::count(w, s.holders[1]);
    json::key(w, "coverage_before"); json::num(w, s.coverage[0]);
    json::key(w, "coverage_after"); json::num(w, s.coverage[1]);
    json::key(w, "coverage_change"); json::num(w, s.coverage[1] - s.coverage[0]);
    w.EndObject();
  }
  w.EndArray();

  const ProgrammeIndicators& i = c.indicators;
  json::key(w, "indicators");
  write_programme_indicators(w, i);
  // Only when some firm has an outcome field: a comparison of chains without them is as before.
  if (c.effects.any) {
    json::key(w, "effect_indicators");
    write_effect_indicators(w, c.effects);
  }
  w.EndObject();
}

std::string comparison_json(const ChainGraph& before, const ChainGraph& after, const ChainComparison& c) {
  return json::document([&](json::Writer& w) { write_comparison(w, before, after, c); }, after.firm_count() > 100000 ? std::size_t(after.firm_count()) * 200 : 0, after.firm_count() > 100000);
}

std::string comparison_text(const ChainGraph& before, const ChainGraph& after, const ChainComparison& c, Lang L,
                            std::size_t top) {
  std::string out = chain_title(after) + (L == Lang::zh ? "：" : ": ") + as_of_label(before, L) + " → " + as_of_label(after, L) + "\n";
  out += L == Lang::zh ? "企业：匹配 " + std::to_string(c.matched) + " 家，新增 " + std::to_string(c.added) + " 家，退出 " +
                             std::to_string(c.removed) + " 家\n\n"
                       : "Firms: " + std::to_string(c.matched) + " matched, " + std::to_string(c.added) + " added, " +
                             std::to_string(c.removed) + " removed\n\n";

  const ProgrammeIndicators& i = c.indicators;
  out += std::string(tr(L, "提升行动成效指标", "Programme indicators")) + "\n";
  TextTable ind;
  ind.add_column(tr(L, "指标", "Indicator"));
  ind.add_column(tr(L, "数值", "Value"), TextTable::Align::right);
  ind.add_row({L == Lang::zh ? "受帮扶企业一次合格率平均变化（" + std::to_string(i.assisted) + " 家，百分点）"
                             : "Assisted firms: mean first-pass yield change (" + std::to_string(i.assisted) + " firms, points)",
               points(i.assisted_mean_change)});
  ind.add_row({L == Lang::zh ? "其中本期新纳入帮扶的企业（" + std::to_string(i.newly_assisted) + " 家，百分点）"
                             : "  of which assisted since the baseline (" + std::to_string(i.newly_assisted) + " firms, points)",
               points(i.newly_assisted_mean_change)});
  ind.add_row({L == Lang::zh ? "其他企业一次合格率平均变化（" + std::to_string(i.others) + " 家，百分点）"
                             : "Other firms: mean change (" + std::to_string(i.others) + " firms, points)",
               points(i.others_mean_change)});
  ind.add_row({tr(L, "差值（帮扶减其他，百分点）", "Difference, assisted minus others (points)"), points(i.difference)});
  ind.add_row({tr(L, "受帮扶企业中合格率提升的比例", "Share of assisted firms that improved"), percent(i.assisted_improved_share, 1)});
  ind.add_row({tr(L, "其他企业中合格率提升的比例", "Share of other firms that improved"), percent(i.others_improved_share, 1)});
  ind.add_row({tr(L, "全链一次合格率均值（前 → 后）", "Mean first-pass yield, whole chain (before → after)"),
               percent(i.mean_yield[0], 2) + " → " + percent(i.mean_yield[1], 2)});
  ind.add_row({tr(L, "已解决的质量问题（企业 × 问题）", "Quality problems resolved (firm × issue)"), std::to_string(c.pairs_resolved)});
  ind.add_row({tr(L, "新出现的质量问题（企业 × 问题）", "New quality problems (firm × issue)"), std::to_string(c.pairs_new)});
  out += ind.render() + "\n";
  if (c.effects.any) {
    out += std::string(tr(L, "经营效果指标（受帮扶企业与其他企业，按企业平均）", "Effect indicators (assisted firms and the others, mean over firms)")) + "\n";
    out += effect_rows(c.effects, L) + "\n";
  }

  out += std::string(tr(L, "链主企业交付合格率", "Chain leaders' delivered yield")) + "\n";
  TextTable lt;
  lt.add_column("ID");
  lt.add_column(tr(L, "名称", "Name"));
  lt.add_column(tr(L, "之前", "Before"), TextTable::Align::right);
  lt.add_column(tr(L, "之后", "After"), TextTable::Align::right);
  lt.add_column(tr(L, "变化（百分点）", "Change (points)"), TextTable::Align::right);
  for (const LeaderChange& l : c.leaders) {
    const Firm& f = l.after != kNone ? after.firm(l.after) : before.firm(l.before);
    lt.add_row({f.id, f.name, percent(l.delivered_yield[0], 2), percent(l.delivered_yield[1], 2),
                points(l.delivered_yield[1] - l.delivered_yield[0])});
  }
  out += (c.leaders.empty() ? std::string(tr(L, "（无）\n", "(none)\n")) : lt.render()) + "\n";

  out += std::string(tr(L, "共性质量问题变化（涉及企业数）", "Shared quality issues (firms affected)")) + "\n";
  TextTable it;
  it.add_column(tr(L, "代码", "Code"));
  it.add_column(tr(L, "问题", "Issue"));
  it.add_column(tr(L, "之前", "Before"), TextTable::Align::right);
  it.add_column(tr(L, "之后", "After"), TextTable::Align::right);
  it.add_column(tr(L, "趋势", "Trend"));
  for (const IssueChange& x : c.issues)
    it.add_row({c.codes[x.code], issue_name(before, after, c.codes[x.code]), std::to_string(x.firms[0]), std::to_string(x.firms[1]),
                trend_label(x.trend, L)});
  out += (c.issues.empty() ? std::string(tr(L, "（无）\n", "(none)\n")) : it.render()) + "\n";

  out += std::string(tr(L, "认证覆盖率（有效证书）", "Certification coverage (certificates in force)")) + "\n";
  TextTable ct;
  ct.add_column(tr(L, "认证", "Scheme"));
  ct.add_column(tr(L, "之前", "Before"), TextTable::Align::right);
  ct.add_column(tr(L, "之后", "After"), TextTable::Align::right);
  ct.add_column(tr(L, "变化（百分点）", "Change (points)"), TextTable::Align::right);
  for (const SchemeChange& s : c.certifications)
    ct.add_row({c.schemes[s.scheme], percent(s.coverage[0], 1), percent(s.coverage[1], 1), points(s.coverage[1] - s.coverage[0], 1)});
  out += (c.certifications.empty() ? std::string(tr(L, "（无）\n", "(none)\n")) : ct.render()) + "\n";

  // Firms whose own yield moved most, either way; ties by file order.
  std::vector<const FirmChange*> moved;
  for (const FirmChange& f : c.firms)
    if (!std::isnan(f.own_change()) && f.own_change() != 0) moved.push_back(&f);
  std::stable_sort(moved.begin(), moved.end(),
                   [](const FirmChange* a, const FirmChange* b) { return std::fabs(a->own_change()) > std::fabs(b->own_change()); });
  const bool any = !moved.empty();
  if (moved.size() > top) moved.resize(top);
  out += std::string(tr(L, "一次合格率变化最大的企业", "Firms whose first-pass yield changed most")) + "\n";
  TextTable ft;
  ft.add_column("ID");
  ft.add_column(tr(L, "名称", "Name"));
  ft.add_column(tr(L, "帮扶", "Assisted"));
  ft.add_column(tr(L, "之前", "Before"), TextTable::Align::right);
  ft.add_column(tr(L, "之后", "After"), TextTable::Align::right);
  ft.add_column(tr(L, "变化", "Change"), TextTable::Align::right);
  ft.add_column(tr(L, "解决的问题", "Issues resolved"));
  ft.add_column(tr(L, "新问题", "New issues"));
  ft.add_column(tr(L, "获得认证", "Certificates gained"));
  ft.add_column(tr(L, "失去认证", "Certificates lost"));
  for (const FirmChange* f : moved)
    ft.add_row({after.firm(f->after).id, after.firm(f->after).name, f->assisted ? tr(L, "是", "yes") : "", percent(f->own_yield[0], 1),
                percent(f->own_yield[1], 1), points(f->own_change(), 1), join(c.codes, f->issues_resolved), join(c.codes, f->issues_new),
                join(c.schemes, f->certifications_gained), join(c.schemes, f->certifications_lost)});
  if (!any) out += tr(L, "（无）\n", "(none)\n");
  else if (!moved.empty()) out += ft.render();
  return out;
}

}  // namespace qchain::report
