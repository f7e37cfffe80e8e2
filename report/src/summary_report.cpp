#include "qchain/report/summary_report.hpp"

#include "json_out.hpp"
#include "json_sections.hpp"

namespace qchain::report {

using namespace qchain::engine;

using namespace qchain::graphs;

void write_summary(json::Writer& w, const ChainGraph& g, const ChainSummary& s) {
  w.StartObject();
  json::key(w, "chain");
  w.StartObject();
  const ChainInfo& c = g.info();
  for (auto [k, v] : {std::pair{"id", &c.id}, {"name", &c.name}, {"region", &c.region}, {"industry", &c.industry}, {"as_of", &c.as_of}}) {
    json::key(w, k);
    json::str(w, *v);
  }
  w.EndObject();
  json::key(w, "firms"); json::count(w, s.firms);
  json::key(w, "links"); json::count(w, s.links);
  json::key(w, "inputs"); json::count(w, s.inputs);
  json::key(w, "roles"); json::role_object(w, s.by_role);
  json::key(w, "leaders");
  w.StartArray();
  for (FirmId v : s.leaders) {
    w.StartObject();
    json::key(w, "id"); json::str(w, g.firm(v).id);
    json::key(w, "name"); json::str(w, g.firm(v).name);
    json::key(w, "segment"); json::str(w, g.segment_id(g.firm(v).segment));
    w.EndObject();
  }
  w.EndArray();
  json::key(w, "yield");
  w.StartObject();
  json::key(w, "mean"); json::num(w, s.all.mean_yield);
  json::key(w, "weighted"); json::num(w, s.all.weighted_yield);
  json::key(w, "missing"); json::count(w, s.firms - s.all.yields_known);
  w.EndObject();
  json::key(w, "segments");
  w.StartArray();
  for (const SegmentSummary& x : s.segments) {
    w.StartObject();
    json::key(w, "id"); json::str(w, g.segment_id(x.segment));
    json::key(w, "name"); json::str(w, x.segment == kNone ? "" : g.segments()[x.segment].name);
    json::key(w, "order");
    if (x.segment == kNone) w.Null(); else json::count(w, g.segments()[x.segment].order);
    json::key(w, "firms"); json::count(w, x.firms);
    json::key(w, "roles"); json::role_object(w, x.by_role);
    json::key(w, "mean_yield"); json::num(w, x.mean_yield);
    json::key(w, "weighted_yield"); json::num(w, x.weighted_yield);
    json::key(w, "yields_known"); json::count(w, x.yields_known);
    w.EndObject();
  }
  w.EndArray();
  json::key(w, "certifications");
  w.StartArray();
  for (const SchemeCoverage& c2 : s.certifications) {
    w.StartObject();
    json::key(w, "scheme"); json::str(w, g.schemes()[c2.scheme]);
    for (int st = 0; st < 4; ++st) {
      json::key(w, to_string(static_cast<CertStatus>(st)));
      json::count(w, c2.by_status[st]);
    }
    json::key(w, "coverage"); json::num(w, c2.coverage);
    w.EndObject();
  }
  w.EndArray();
  json::key(w, "issues");
  w.StartArray();
  for (const IssueCount& x : s.issues) {
    const IssueType& t = g.issues()[x.issue];
    w.StartObject();
    json::key(w, "code"); json::str(w, t.code);
    json::key(w, "name"); json::str(w, t.name);
    json::key(w, "category"); json::str(w, to_string(t.category));
    json::key(w, "firms"); json::count(w, x.firms);
    json::key(w, "mean_severity"); json::num(w, x.mean_severity);
    w.EndObject();
  }
  w.EndArray();
  json::key(w, "issue_categories");
  w.StartObject();
  for (int k = 0; k < kCategoryCount; ++k) {
    json::key(w, to_string(static_cast<IssueCategory>(k)));
    json::count(w, s.issue_pairs_by_category[k]);
  }
  w.EndObject();
  w.EndObject();
}

std::string summary_json(const ChainGraph& g, const ChainSummary& s) {
  return json::document([&](json::Writer& w) { write_summary(w, g, s); });
}

std::string summary_text(const ChainGraph& g, const ChainSummary& s, Lang lang) {
  const ChainInfo& c = g.info();
  std::string out = chain_title(g);
  if (!c.region.empty()) out += lang == Lang::zh ? "（" + c.region + "）" : " (" + c.region + ")";
  out += "\n";
  if (!c.as_of.empty()) out += std::string(tr(lang, "数据日期：", "As of: ")) + c.as_of + "\n";
  out += std::string(tr(lang, "企业 ", "Firms ")) + std::to_string(s.firms) + tr(lang, " 家，供应关系 ", ", supply links ") +
         std::to_string(s.links) + tr(lang, " 条，投入 ", ", inputs ") + std::to_string(s.inputs) +
         tr(lang, " 项；一次合格率均值 ", "; mean first-pass yield ") + percent(s.all.mean_yield, 2) +
         tr(lang, "，营收加权 ", ", revenue-weighted ") + percent(s.all.weighted_yield, 2) + "\n";
  if (s.all.yields_known < s.firms)
    out += std::string(tr(lang, "缺少一次合格率的企业：", "Firms without a first-pass yield: ")) +
           std::to_string(s.firms - s.all.yields_known) + "\n";
  out += "\n";

  out += std::string(tr(lang, "链主企业", "Chain leaders")) + "\n";
  TextTable leaders;
  leaders.add_column("ID");
  leaders.add_column(tr(lang, "名称", "Name"));
  leaders.add_column(tr(lang, "环节", "Segment"));
  leaders.add_column(tr(lang, "一次合格率", "First-pass yield"), TextTable::Align::right);
  for (FirmId v : s.leaders) {
    const Firm& f = g.firm(v);
    leaders.add_row({f.id, f.name, segment_label(g, f.segment, lang), percent(f.first_pass_yield, 1)});
  }
  out += s.leaders.empty() ? std::string(tr(lang, "（无）\n", "(none)\n")) : leaders.render();
  out += "\n";

  out += std::string(tr(lang, "各环节企业构成与一次合格率", "Firms and first-pass yield by segment")) + "\n";
  TextTable seg;
  seg.add_column(tr(lang, "环节", "Segment"));
  seg.add_column(tr(lang, "企业", "Firms"), TextTable::Align::right);
  for (int r = 0; r < kRoleCount; ++r) seg.add_column(role_label(static_cast<Role>(r), lang), TextTable::Align::right);
  seg.add_column(tr(lang, "合格率均值", "Mean yield"), TextTable::Align::right);
  seg.add_column(tr(lang, "营收加权", "Weighted"), TextTable::Align::right);
  auto seg_row = [&](const SegmentSummary& x, const std::string& name) {
    std::vector<std::string> row{name, std::to_string(x.firms)};
    for (int r = 0; r < kRoleCount; ++r) row.push_back(std::to_string(x.by_role[r]));
    row.push_back(percent(x.mean_yield, 2));
    row.push_back(percent(x.weighted_yield, 2));
    seg.add_row(std::move(row));
  };
  for (const SegmentSummary& x : s.segments)
    seg_row(x, segment_label(g, x.segment, lang));
  seg_row(s.all, tr(lang, "合计", "Total"));
  out += seg.render() + "\n";

  out += std::string(tr(lang, "认证覆盖", "Certification coverage")) + "\n";
  TextTable certs;
  certs.add_column(tr(lang, "认证", "Scheme"));
  certs.add_column(tr(lang, "有效", "Valid"), TextTable::Align::right);
  certs.add_column(tr(lang, "认证中", "In progress"), TextTable::Align::right);
  certs.add_column(tr(lang, "暂停", "Suspended"), TextTable::Align::right);
  certs.add_column(tr(lang, "过期", "Expired"), TextTable::Align::right);
  certs.add_column(tr(lang, "有效覆盖率", "Coverage"), TextTable::Align::right);
  for (const SchemeCoverage& x : s.certifications)
    certs.add_row({g.schemes()[x.scheme], std::to_string(x.by_status[0]), std::to_string(x.by_status[3]),
                   std::to_string(x.by_status[1]), std::to_string(x.by_status[2]), percent(x.coverage, 1)});
  out += s.certifications.empty() ? std::string(tr(lang, "（无）\n", "(none)\n")) : certs.render();
  out += "\n";

  out += std::string(tr(lang, "质量问题（按涉及企业数）", "Quality issues (by firms affected)")) + "\n";
  TextTable issues;
  issues.add_column(tr(lang, "代码", "Code"));
  issues.add_column(tr(lang, "问题", "Issue"));
  issues.add_column(tr(lang, "类别", "Category"));
  issues.add_column(tr(lang, "企业", "Firms"), TextTable::Align::right);
  issues.add_column(tr(lang, "平均严重度", "Mean severity"), TextTable::Align::right);
  std::vector<IssueCount> sorted = s.issues;
  std::stable_sort(sorted.begin(), sorted.end(), [](const IssueCount& a, const IssueCount& b) { return a.firms > b.firms; });
  for (const IssueCount& x : sorted) {
    const IssueType& t = g.issues()[x.issue];
    issues.add_row({t.code, t.name, category_label(t.category, lang), std::to_string(x.firms), fixed(x.mean_severity, 1)});
  }
  out += sorted.empty() ? std::string(tr(lang, "（无）\n", "(none)\n")) : issues.render();
  out += std::string(tr(lang, "按类别（人机料法测环）：", "By category: "));
  for (int k = 0; k < kCategoryCount; ++k) {
    if (k) out += lang == Lang::zh ? "，" : ", ";
    out += std::string(category_label(static_cast<IssueCategory>(k), lang)) + " " + std::to_string(s.issue_pairs_by_category[k]);
  }
  out += "\n";
  return out;
}

}  // namespace qchain::report
