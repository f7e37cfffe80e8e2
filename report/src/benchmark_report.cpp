#include "qchain/report/benchmark_report.hpp"

#include <cmath>

#include "json_out.hpp"
#include "json_sections.hpp"
#include "qchain/report/labels.hpp"

namespace qchain::report {

using namespace qchain::engine;

using namespace qchain::graphs;

namespace {

void level_json(json::Writer& w, const LevelComparison& c) {
  w.StartObject();
  json::key(w, "chain"); json::num(w, c.chain);
  json::key(w, "domestic"); json::num(w, c.reference.domestic);
  json::key(w, "international"); json::num(w, c.reference.international);
  json::key(w, "gap_domestic"); json::num(w, c.gap_domestic());
  json::key(w, "gap_international"); json::num(w, c.gap_international());
  json::key(w, "source"); json::str(w, c.reference.source);
  json::key(w, "year"); json::count(w, c.reference.year);
  w.EndObject();
}

// "97.0%" or "-" for an absent figure.
std::string pct(double x) { return std::isnan(x) ? "-" : percent(x, 1); }
// The chain's shortfall in percentage points: positive where it is behind, negative where ahead.
std::string gap(double x) { return std::isnan(x) ? "-" : fixed(x * 100, 1); }

}  // namespace

std::string benchmark_entry_label(const ChainGraph& g, const BenchmarkEntry& e, Lang L) {
  std::string s = e.segment == kNone ? e.segment_key : g.segments()[e.segment].name;
  if (e.role) s += std::string(L == Lang::zh ? "·" : " · ") + role_label(*e.role, L);
  return s;
}

void write_benchmark(json::Writer& w, const ChainGraph& g, const Benchmark& b, const BenchmarkResult& r) {
  w.StartObject();
  json::key(w, "chain"); json::str(w, g.info().id);
  json::key(w, "benchmark"); json::str(w, b.name);
  json::key(w, "industry"); json::str(w, b.industry);
  json::key(w, "illustrative"); w.Bool(b.illustrative);
  json::key(w, "unmatched_segments");
  w.StartArray();
  for (const std::string& s : b.unmatched_segments) json::str(w, s);
  w.EndArray();
  json::key(w, "segments");
  w.StartArray();
  for (const EntryComparison& c : r.entries) {
    const BenchmarkEntry& e = b.entries[c.entry];
    w.StartObject();
    json::key(w, "segment"); json::str(w, g.segments()[e.segment].id);
    json::key(w, "role");
    if (e.role) json::str(w, to_string(*e.role)); else w.Null();
    json::key(w, "firms"); json::count(w, c.firms);
    json::key(w, "firms_with_yield"); json::count(w, c.with_yield);
    json::key(w, "first_pass_yield");
    if (c.yield) level_json(w, *c.yield); else w.Null();
    json::key(w, "certification_coverage");
    w.StartArray();
    for (const auto& [scheme, lc] : c.coverage) {
      w.StartObject();
      json::key(w, "scheme"); json::str(w, scheme);
      json::key(w, "level"); level_json(w, lc);
      w.EndObject();
    }
    w.EndArray();
    json::key(w, "issue_share");
    w.StartArray();
    for (const auto& [category, lc] : c.issue_share) {
      w.StartObject();
      json::key(w, "category"); json::str(w, to_string(category));
      json::key(w, "level"); level_json(w, lc);
      w.EndObject();
    }
    w.EndArray();
    w.EndObject();
  }
  w.EndArray();
  json::key(w, "firms_below_domestic");
  w.StartArray();
  for (const FirmYieldGap& f : r.firms_below) {
    w.StartObject();
    json::key(w, "id"); json::str(w, g.firm(f.firm).id);
    json::key(w, "segment"); json::str(w, g.segments()[b.entries[f.entry].segment].id);
    json::key(w, "first_pass_yield"); json::num(w, g.firm(f.firm).first_pass_yield);
    json::key(w, "gap"); json::num(w, f.gap);
    w.EndObject();
  }
  w.EndArray();
  json::key(w, "categories_above_domestic");
  w.StartArray();
  for (const CategoryExcess& x : r.categories_above) {
    w.StartObject();
    json::key(w, "segment"); json::str(w, g.segments()[b.entries[x.entry].segment].id);
    json::key(w, "category"); json::str(w, to_string(x.category));
    json::key(w, "excess"); json::num(w, x.excess);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
}

std::string benchmark_json(const ChainGraph& g, const Benchmark& b, const BenchmarkResult& r) {
  return json::document([&](json::Writer& w) { write_benchmark(w, g, b, r); });
}

std::string benchmark_text(const ChainGraph& g, const Benchmark& b, const BenchmarkResult& r, Lang L, std::size_t top) {
  std::string out = std::string(tr(L, "【与先进水平比对】", "[Benchmark against advanced levels]")) + " " + b.name + "\n";
  if (b.illustrative)
    out += std::string(tr(L, "注：参照值为示意数据，不是官方统计，仅用于演示比对方法。",
                          "Note: the reference figures are illustrative, not official statistics; they show the method.")) + "\n";
  for (const std::string& s : b.unmatched_segments)
    out += std::string(tr(L, "警告：参照文件中的环节 ", "warning: the benchmark's segment ")) + s +
           tr(L, " 在本产业链中不存在，已跳过", " is not in this chain; skipped") + "\n";
  TextTable t;
  t.add_column(tr(L, "环节", "Segment"));
  t.add_column(tr(L, "指标", "Indicator"));
  t.add_column(tr(L, "本链", "Chain"), TextTable::Align::right);
  t.add_column(tr(L, "国内先进", "Domestic"), TextTable::Align::right);
  t.add_column(tr(L, "国际先进", "International"), TextTable::Align::right);
  t.add_column(tr(L, "落后(百分点，国内/国际)", "Behind (points, dom./intl.)"), TextTable::Align::right);
  t.add_column(tr(L, "来源", "Source"));
  const auto row = [&](const std::string& seg, const std::string& what, const LevelComparison& c) {
    t.add_row({seg, what, pct(c.chain), pct(c.reference.domestic), pct(c.reference.international),
               gap(c.gap_domestic()) + " / " + gap(c.gap_international()), c.reference.source + " " + std::to_string(c.reference.year)});
  };
  for (const EntryComparison& c : r.entries) {
    const std::string seg = benchmark_entry_label(g, b.entries[c.entry], L);
    if (c.yield)
      row(seg, std::string(tr(L, "一次合格率（", "first-pass yield (")) + std::to_string(c.with_yield) + tr(L, " 家有数据）", " firms with data)"),
          *c.yield);
    for (const auto& [scheme, lc] : c.coverage) row(seg, scheme + tr(L, " 覆盖率", " coverage"), lc);
    for (const auto& [category, lc] : c.issue_share)
      row(seg, std::string(tr(L, "有", "firms with ")) + category_label(category, L) + tr(L, "类问题的企业占比", " issues"), lc);
  }
  out += r.entries.empty() ? std::string(tr(L, "（没有与本链匹配的环节）\n", "(no segment of the file matches this chain)\n")) : t.render();

  out += "\n" + std::string(tr(L, "问题类别超出国内先进水平最多的环节", "Issue categories most above the domestic level")) + "\n";
  TextTable ct;
  ct.add_column(tr(L, "环节", "Segment"));
  ct.add_column(tr(L, "类别", "Category"));
  ct.add_column(tr(L, "超出(百分点)", "Above (points)"), TextTable::Align::right);
  for (std::size_t k = 0; k < r.categories_above.size() && k < top; ++k) {
    const CategoryExcess& x = r.categories_above[k];
    ct.add_row({benchmark_entry_label(g, b.entries[x.entry], L), category_label(x.category, L), fixed(x.excess * 100, 1)});
  }
  out += r.categories_above.empty() ? std::string(tr(L, "（无）\n", "(none)\n")) : ct.render();

  out += "\n" + std::string(tr(L, "一次合格率低于国内先进水平的企业（共 ", "Firms below the domestic advanced yield (")) +
         std::to_string(r.firms_below.size()) + tr(L, " 家，差距最大的在前）", " firms, largest gap first)") + "\n";
  TextTable ft;
  ft.add_column("ID");
  ft.add_column(tr(L, "名称", "Name"));
  ft.add_column(tr(L, "环节", "Segment"));
  ft.add_column(tr(L, "一次合格率", "Yield"), TextTable::Align::right);
  ft.add_column(tr(L, "差距(百分点)", "Gap (points)"), TextTable::Align::right);
  for (std::size_t k = 0; k < r.firms_below.size() && k < top; ++k) {
    const FirmYieldGap& f = r.firms_below[k];
    ft.add_row({g.firm(f.firm).id, g.firm(f.firm).name, benchmark_entry_label(g, b.entries[f.entry], L),
                percent(g.firm(f.firm).first_pass_yield, 1), fixed(f.gap * 100, 1)});
  }
  out += r.firms_below.empty() ? std::string(tr(L, "（无）\n", "(none)\n")) : ft.render();
  if (r.firms_below.size() > top)
    out += std::string(tr(L, "  ……另有 ", "  … and ")) + std::to_string(r.firms_below.size() - top) +
           tr(L, " 家（--top 可显示更多）", " more (--top shows more)") + "\n";
  return out;
}

}  // namespace qchain::report
