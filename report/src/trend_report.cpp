#include "qchain/report/trend_report.hpp"

#include "json_out.hpp"
#include "json_sections.hpp"
#include "qchain/core/number_format.hpp"
#include "qchain/report/comparison_report.hpp"
#include "qchain/report/labels.hpp"

namespace qchain::report {

using namespace qchain::engine;
using graphs::ChainGraph;

std::string trend_segment_name(const std::vector<const ChainGraph*>& s, const std::string& id) {
  for (auto k = s.size(); k-- > 0;)
    for (const auto& seg : s[k]->segments())
      if (seg.id == id) return seg.name;
  return id;
}

std::string trend_leader_name(const std::vector<const ChainGraph*>& s, const std::string& id) {
  for (auto k = s.size(); k-- > 0;)
    if (auto v = s[k]->find_firm(id)) return s[k]->firm(*v).name;
  return id;
}

namespace {

void numbers(json::Writer& w, const std::vector<double>& x) {
  w.StartArray();
  for (double v : x) json::num(w, v);
  w.EndArray();
}

void write_point(json::Writer& w, const TrendPoint& p) {
  w.StartObject();
  json::key(w, "as_of"); json::str(w, p.as_of);
  json::key(w, "firms"); json::count(w, p.firms);
  json::key(w, "links"); json::count(w, p.links);
  json::key(w, "mean_yield"); json::num(w, p.mean_yield);
  json::key(w, "segment_yield"); numbers(w, p.segment_yield);
  json::key(w, "leader_delivered_yield"); numbers(w, p.leader_delivered);
  json::key(w, "issue_pairs"); json::count(w, p.issue_pairs);
  json::key(w, "firms_with_issues"); json::count(w, p.firms_with_issues);
  json::key(w, "certified_firms"); json::count(w, p.certified);
  json::key(w, "certified_share"); json::num(w, p.certified_share);
  json::key(w, "assisted_firms"); json::count(w, p.assisted);
  w.EndObject();
}

}  // namespace

void write_trend(json::Writer& w, const std::vector<const ChainGraph*>& s, const TrendResult& t) {
  w.StartObject();
  json::key(w, "chain"); json::str(w, t.chain_id);
  json::key(w, "segments");
  w.StartArray();
  for (const std::string& id : t.segments) {
    w.StartObject();
    json::key(w, "id"); json::str(w, id);
    json::key(w, "name"); json::str(w, trend_segment_name(s, id));
    w.EndObject();
  }
  w.EndArray();
  json::key(w, "leaders");
  w.StartArray();
  for (const std::string& id : t.leaders) {
    w.StartObject();
    json::key(w, "id"); json::str(w, id);
    json::key(w, "name"); json::str(w, trend_leader_name(s, id));
    w.EndObject();
  }
  w.EndArray();
  json::key(w, "snapshots");
  w.StartArray();
  for (const TrendPoint& p : t.points) write_point(w, p);
  w.EndArray();
  json::key(w, "steps");
  w.StartArray();
  for (std::size_t k = 0; k < t.steps.size(); ++k) {
    const TrendStep& st = t.steps[k];
    w.StartObject();
    json::key(w, "from"); json::str(w, t.points[k].as_of);
    json::key(w, "to"); json::str(w, t.points[k + 1].as_of);
    json::key(w, "matched"); json::count(w, st.matched);
    json::key(w, "added"); json::count(w, st.added);
    json::key(w, "removed"); json::count(w, st.removed);
    json::key(w, "pairs_resolved"); json::count(w, st.pairs_resolved);
    json::key(w, "pairs_new"); json::count(w, st.pairs_new);
    json::key(w, "indicators"); write_programme_indicators(w, st.indicators);
    if (st.effects.any) {
      json::key(w, "effect_indicators");
      write_effect_indicators(w, st.effects);
    }
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
}

namespace {

std::string snapshots_table(const TrendResult& t, Lang L) {
  TextTable tb;
  tb.add_column(tr(L, "日期", "Date"));
  tb.add_column(tr(L, "企业", "Firms"), TextTable::Align::right);
  tb.add_column(tr(L, "一次合格率均值", "Mean first-pass yield"), TextTable::Align::right);
  tb.add_column(tr(L, "持证企业占比", "Firms certified"), TextTable::Align::right);
  tb.add_column(tr(L, "质量问题（企业 × 问题）", "Quality problems (firm × issue)"), TextTable::Align::right);
  tb.add_column(tr(L, "受帮扶企业", "Firms assisted"), TextTable::Align::right);
  for (const TrendPoint& p : t.points)
    tb.add_row({p.as_of, std::to_string(p.firms), percent(p.mean_yield, 2), percent(p.certified_share, 1),
                std::to_string(p.issue_pairs), std::to_string(p.assisted)});
  return tb.render();
}

std::string steps_table(const TrendResult& t, Lang L) {
  TextTable tb;
  tb.add_column(tr(L, "期间", "Period"));
  tb.add_column(tr(L, "已解决问题", "Problems resolved"), TextTable::Align::right);
  tb.add_column(tr(L, "新出现问题", "New problems"), TextTable::Align::right);
  tb.add_column(tr(L, "受帮扶企业合格率变化（百分点）", "Assisted firms' yield change (points)"), TextTable::Align::right);
  tb.add_column(tr(L, "其他企业（百分点）", "Other firms (points)"), TextTable::Align::right);
  tb.add_column(tr(L, "差值（百分点）", "Difference (points)"), TextTable::Align::right);
  for (std::size_t k = 0; k < t.steps.size(); ++k) {
    const TrendStep& s = t.steps[k];
    const ProgrammeIndicators& i = s.indicators;
    tb.add_row({t.points[k].as_of + " → " + t.points[k + 1].as_of, std::to_string(s.pairs_resolved),
                std::to_string(s.pairs_new), points(i.assisted_mean_change) + " (" + std::to_string(i.assisted) + ")",
                points(i.others_mean_change) + " (" + std::to_string(i.others) + ")", points(i.difference)});
  }
  return tb.render();
}

// Rows of named ids, a column per snapshot.
std::string by_date_table(const TrendResult& t, const char* what, const std::vector<std::string>& ids,
                          const std::vector<std::string>& names, std::vector<double> TrendPoint::*values) {
  TextTable tb;
  tb.add_column("ID");
  tb.add_column(what);
  for (const TrendPoint& p : t.points) tb.add_column(p.as_of, TextTable::Align::right);
  for (std::size_t r = 0; r < ids.size(); ++r) {
    std::vector<std::string> row = {ids[r], names[r]};
    for (const TrendPoint& p : t.points) row.push_back(percent((p.*values)[r], 2));
    tb.add_row(row);
  }
  return tb.render();
}

}  // namespace

std::string trend_json(const std::vector<const ChainGraph*>& snapshots, const TrendResult& t) {
  return json::document([&](json::Writer& w) { write_trend(w, snapshots, t); });
}

std::string trend_text(const std::vector<const ChainGraph*>& s, const TrendResult& t, Lang L) {
  std::string out = chain_title(*s.back()) + (L == Lang::zh ? "：历次调查趋势（" : ": trend over ") +
                    std::to_string(t.points.size()) + (L == Lang::zh ? " 期）\n\n" : " snapshots\n\n");
  out += std::string(tr(L, "各期概况", "Each snapshot")) + "\n" + snapshots_table(t, L) + "\n";
  if (!t.steps.empty()) out += std::string(tr(L, "各期变化", "From one snapshot to the next")) + "\n" + steps_table(t, L) + "\n";
  for (std::size_t k = 0; k < t.steps.size(); ++k)
    if (t.steps[k].effects.any)
      out += std::string(tr(L, "经营效果指标（按企业平均）：", "Effect indicators (mean over firms): ")) + t.points[k].as_of + " → " + t.points[k + 1].as_of + "\n" +
             effect_indicators_table(t.steps[k].effects, L) + "\n";
  std::vector<std::string> names;
  for (const std::string& id : t.segments) names.push_back(trend_segment_name(s, id));
  out += std::string(tr(L, "各环节一次合格率均值", "Mean first-pass yield by segment")) + "\n" +
         by_date_table(t, tr(L, "环节", "Segment"), t.segments, names, &TrendPoint::segment_yield) + "\n";
  names.clear();
  for (const std::string& id : t.leaders) names.push_back(trend_leader_name(s, id));
  out += std::string(tr(L, "链主企业交付合格率", "Chain leaders' delivered yield")) + "\n" +
         by_date_table(t, tr(L, "名称", "Name"), t.leaders, names, &TrendPoint::leader_delivered);
  return out;
}

}  // namespace qchain::report
