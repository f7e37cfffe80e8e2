#include "qchain/report/grade_report.hpp"

#include "json_out.hpp"
#include "json_sections.hpp"
#include "qchain/report/labels.hpp"

namespace qchain::report {

using namespace qchain::engine;

using namespace qchain::graphs;

namespace {

constexpr Maturity kGrades[] = {Maturity::startup, Maturity::developing, Maturity::leaping};

const char* criterion_key(Criterion c) {
  static const char* k[] = {"min_first_pass_yield", "min_certifications", "required_schemes", "max_open_issues", "max_severity"};
  return k[static_cast<int>(c)];
}

std::string join(const std::vector<std::string>& v) {
  std::string out;
  for (const std::string& s : v) out += (out.empty() ? "" : " ") + s;
  return out;
}

void counts(json::Writer& w, const GradeCounts& c) {
  w.StartObject();
  for (int k = 0; k < 3; ++k) {
    json::key(w, to_string(kGrades[k]));
    json::count(w, c.by_grade[k]);
  }
  w.EndObject();
}

void rung_json(json::Writer& w, const GradeCriteria& c) {
  w.StartObject();
  if (!std::isnan(c.min_yield)) json::key(w, "min_first_pass_yield"), json::num(w, c.min_yield);
  if (c.min_certifications) json::key(w, "min_certifications"), json::count(w, c.min_certifications);
  if (!c.required_schemes.empty()) {
    json::key(w, "required_schemes");
    w.StartArray();
    for (const std::string& s : c.required_schemes) json::str(w, s);
    w.EndArray();
  }
  if (c.max_open_issues != kNone) json::key(w, "max_open_issues"), json::count(w, c.max_open_issues);
  if (c.max_severity != kNone) json::key(w, "max_severity"), json::count(w, c.max_severity);
  json::key(w, "in_progress_counts_if_assisted");
  w.Bool(c.in_progress_counts_if_assisted);
  w.EndObject();
}

// The checks of the rung above the firm's grade that it misses (empty at the top).
std::vector<CriterionCheck> missed_next(const ChainGraph& g, const Rubric& rubric, const GradingResult& r, FirmId v) {
  std::vector<CriterionCheck> out;
  // From startup both rungs matter only through the developing one; from developing, leaping.
  if (const GradeCriteria* next = next_rung(rubric, r.grade[v]))
    for (CriterionCheck& c : check_rung(g, *next, v))
      if (!c.met) out.push_back(std::move(c));
  return out;
}

}  // namespace

const char* grade_label(Maturity m, Lang lang) {
  static const char* zh[] = {"未知", "初创级", "发展级", "跨越级"};
  static const char* en[] = {"unknown", "startup", "developing", "leaping"};
  return (lang == Lang::zh ? zh : en)[static_cast<int>(m)];
}

std::string describe(const CriterionCheck& c, Lang L) {
  const std::string need = tr(L, "（要求 ", " (needs ");
  const std::string close = tr(L, "）", ")");
  const std::string codes = c.missing.empty() ? "" : (L == Lang::zh ? "：" : ": ") + join(c.missing);
  switch (c.criterion) {
    case Criterion::yield:
      return tr(L, "一次合格率 ", "first-pass yield ") + percent(c.value, 2) + need + "≥ " + percent(c.threshold, 1) + close;
    case Criterion::certifications:
      return tr(L, "有效认证 ", "certificates in force: ") + fixed(c.value, 0) + need + "≥ " + fixed(c.threshold, 0) + close;
    case Criterion::schemes:
      return c.met ? std::string(tr(L, "持有所需认证", "holds the required schemes"))
                   : tr(L, "缺少认证", "lacks") + codes;
    case Criterion::open_issues:
      return tr(L, "未解决质量问题 ", "open issues: ") + fixed(c.value, 0) + need + "≤ " + fixed(c.threshold, 0) + close + codes;
    case Criterion::severity:
      return tr(L, "最高严重度 ", "highest severity ") + fixed(c.value, 0) + need + "≤ " + fixed(c.threshold, 0) + close + codes;
  }
  return "";
}

void write_grading(json::Writer& w, const ChainGraph& g, const Rubric& rubric, const GradingResult& r) {
  w.StartObject();
  json::key(w, "rubric");
  w.StartObject();
  json::key(w, "name"); json::str(w, rubric.name);
  json::key(w, "developing"); rung_json(w, rubric.developing);
  json::key(w, "leaping"); rung_json(w, rubric.leaping);
  w.EndObject();
  json::key(w, "counts"); counts(w, r.all);
  json::key(w, "by_role");
  w.StartObject();
  for (int k = 0; k < kRoleCount; ++k) {
    json::key(w, to_string(static_cast<Role>(k)));
    counts(w, r.by_role[k]);
  }
  w.EndObject();
  json::key(w, "by_segment");
  w.StartArray();
  for (std::uint32_t s = 0; s < r.by_segment.size(); ++s) {
    const GradeCounts& c = r.by_segment[s];
    if (g.slot_segment(s) == kNone && c.by_grade[0] + c.by_grade[1] + c.by_grade[2] == 0) continue;
    w.StartObject();
    json::key(w, "segment"); json::str(w, g.segment_id(g.slot_segment(s)));
    json::key(w, "counts"); counts(w, c);
    w.EndObject();
  }
  w.EndArray();
  json::key(w, "mismatched");
  w.StartArray();
  for (FirmId v : r.mismatched) {
    w.StartObject();
    json::key(w, "id"); json::str(w, g.firm(v).id);
    json::key(w, "declared"); json::str(w, to_string(g.firm(v).maturity));
    json::key(w, "computed"); json::str(w, to_string(r.grade[v]));
    w.EndObject();
  }
  w.EndArray();
  json::key(w, "firms");
  w.StartArray();
  for (FirmId v = 0; v < g.firm_count(); ++v) {
    const Firm& f = g.firm(v);
    w.StartObject();
    json::key(w, "id"); json::str(w, f.id);
    json::key(w, "grade"); json::str(w, to_string(r.grade[v]));
    json::key(w, "declared");
    if (f.maturity == Maturity::unknown) w.Null(); else json::str(w, to_string(f.maturity));
    json::key(w, "next_step");
    w.StartArray();
    for (const CriterionCheck& c : missed_next(g, rubric, r, v)) {
      w.StartObject();
      json::key(w, "criterion"); json::str(w, criterion_key(c.criterion));
      json::key(w, "value"); json::num(w, c.value);
      json::key(w, "threshold"); json::num(w, c.threshold);
      if (!c.missing.empty()) {
        json::key(w, "codes");
        w.StartArray();
        for (const std::string& s : c.missing) json::str(w, s);
        w.EndArray();
      }
      w.EndObject();
    }
    w.EndArray();
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
}

std::string grading_json(const ChainGraph& g, const Rubric& rubric, const GradingResult& r) {
  return json::document([&](json::Writer& w) { write_grading(w, g, rubric, r); }, g.firm_count() > 100000 ? std::size_t(g.firm_count()) * 160 : 0, g.firm_count() > 100000);
}

std::string grading_text(const ChainGraph& g, const Rubric& rubric, const GradingResult& r, Lang L, std::size_t top,
                         const FirmId* firm) {
  const auto row_of = [](const GradeCounts& c, std::string name) {
    const std::uint32_t n = c.by_grade[0] + c.by_grade[1] + c.by_grade[2];
    std::vector<std::string> row{std::move(name), std::to_string(n)};
    for (int k = 0; k < 3; ++k) row.push_back(std::to_string(c.by_grade[k]) + " (" + percent(n ? double(c.by_grade[k]) / n : kAbsent, 0) + ")");
    return row;
  };
  const auto table = [&](const char* first) {
    TextTable t;
    t.add_column(first);
    t.add_column(tr(L, "企业", "Firms"), TextTable::Align::right);
    for (Maturity m : kGrades) t.add_column(grade_label(m, L), TextTable::Align::right);
    return t;
  };
  std::string out = chain_title(g) + (L == Lang::zh ? "：企业质量分级（" : ": firm grades (") +
                    rubric.name + (L == Lang::zh ? "）\n\n" : ")\n\n");

  out += std::string(tr(L, "各环节分级", "Grades by segment")) + "\n";
  TextTable seg = table(tr(L, "环节", "Segment"));
  for (std::uint32_t s = 0; s < r.by_segment.size(); ++s) {
    const GradeCounts& c = r.by_segment[s];
    if (g.slot_segment(s) == kNone && c.by_grade[0] + c.by_grade[1] + c.by_grade[2] == 0) continue;
    seg.add_row(row_of(c, segment_label(g, g.slot_segment(s), L)));
  }
  seg.add_row(row_of(r.all, tr(L, "合计", "Total")));
  out += seg.render() + "\n";

  out += std::string(tr(L, "各类企业分级", "Grades by role")) + "\n";
  TextTable role = table(tr(L, "类型", "Role"));
  for (int k = 0; k < kRoleCount; ++k) role.add_row(row_of(r.by_role[k], role_label(static_cast<Role>(k), L)));
  out += role.render() + "\n";

  // What holds firms back: how many of each grade miss each criterion of the next rung.
  out += std::string(tr(L, "升级差距（未达到上一级要求的企业数）", "What holds firms back (firms missing each criterion of the next grade)")) + "\n";
  TextTable gap;
  gap.add_column(tr(L, "当前等级", "Grade"));
  const char* crit_zh[] = {"一次合格率", "有效认证数", "必需认证", "未解决问题数", "问题严重度"};
  const char* crit_en[] = {"yield", "certificates", "required schemes", "open issues", "severity"};
  for (int k = 0; k < kCriterionCount; ++k) gap.add_column(L == Lang::zh ? crit_zh[k] : crit_en[k], TextTable::Align::right);
  std::array<std::array<std::uint32_t, kCriterionCount>, 2> missing{};
  for (FirmId v = 0; v < g.firm_count(); ++v)
    for (const CriterionCheck& c : missed_next(g, rubric, r, v)) ++missing[static_cast<int>(r.grade[v]) - 1][static_cast<int>(c.criterion)];
  for (int k = 0; k < 2; ++k) {
    std::vector<std::string> row{std::string(grade_label(kGrades[k], L)) + " → " + grade_label(kGrades[k + 1], L)};
    for (std::uint32_t n : missing[k]) row.push_back(std::to_string(n));
    gap.add_row(std::move(row));
  }
  out += gap.render() + "\n";

  out += L == Lang::zh ? "申报等级与测算等级不一致的企业（" + std::to_string(r.mismatched.size()) + " 家）\n"
                       : "Firms whose declared maturity differs from the computed grade (" + std::to_string(r.mismatched.size()) + ")\n";
  TextTable mm;
  mm.add_column("ID");
  mm.add_column(tr(L, "名称", "Name"));
  mm.add_column(tr(L, "申报", "Declared"));
  mm.add_column(tr(L, "测算", "Computed"));
  mm.add_column(tr(L, "升级还需", "Next step"));
  for (std::size_t k = 0; k < r.mismatched.size() && k < top; ++k) {
    const FirmId v = r.mismatched[k];
    std::string next;
    for (const CriterionCheck& c : missed_next(g, rubric, r, v)) next += (next.empty() ? "" : tr(L, "；", "; ")) + describe(c, L);
    if (!next.empty())  // which grade the step climbs to
      next = std::string(grade_label(static_cast<Maturity>(static_cast<int>(r.grade[v]) + 1), L)) + (L == Lang::zh ? "：" : ": ") + next;
    mm.add_row({g.firm(v).id, g.firm(v).name, grade_label(g.firm(v).maturity, L), grade_label(r.grade[v], L), next.empty() ? "-" : next});
  }
  if (r.mismatched.empty()) out += tr(L, "（无）\n", "(none)\n");
  else if (top > 0) out += mm.render();
  if (r.mismatched.size() > top)
    out += "... " + std::to_string(r.mismatched.size() - top) + tr(L, " 家未列出（--top 可调整）\n", " more not shown (--top)\n");

  if (firm) {
    const FirmId v = *firm;
    out += "\n" + g.firm(v).id + " " + g.firm(v).name + (L == Lang::zh ? "：" : ": ") + grade_label(r.grade[v], L) + "\n";
    for (Maturity m : {Maturity::developing, Maturity::leaping}) {
      out += std::string("  ") + grade_label(m, L) + "\n";
      for (const CriterionCheck& c : check_rung(g, m == Maturity::developing ? rubric.developing : rubric.leaping, v))
        out += std::string("    ") + (c.met ? "✓ " : "✗ ") + describe(c, L) + "\n";
    }
  }
  return out;
}

}  // namespace qchain::report
