#include "qchain/report/screening_report.hpp"

#include "json_out.hpp"
#include "json_sections.hpp"
#include "qchain/report/labels.hpp"

namespace qchain::report {

using namespace qchain::engine;

using namespace qchain::graphs;

namespace {

const char* reason_code(ScreenReason r) {
  switch (r) {
    case ScreenReason::screened: return "screened";
    case ScreenReason::willingness_low: return "willingness_low";
    case ScreenReason::willingness_unknown: return "willingness_unknown";
    case ScreenReason::no_potential: return "no_potential";
  }
  return "";
}

const char* reason_label(ScreenReason r, Lang L) {
  switch (r) {
    case ScreenReason::screened: return tr(L, "入选：意愿达标且有提升潜力", "in: willing, with potential");
    case ScreenReason::willingness_low: return tr(L, "未入选：提升意愿低于要求", "out: willingness below the threshold");
    case ScreenReason::willingness_unknown: return tr(L, "待核实：未填提升意愿", "to ask: no willingness recorded");
    case ScreenReason::no_potential: return tr(L, "未入选：帮扶后目标无提升", "out: assisting it gains nothing");
  }
  return "";
}

}  // namespace

const char* willingness_label(Willingness w, Lang L) {
  switch (w) {
    case Willingness::strong: return tr(L, "强", "strong");
    case Willingness::moderate: return tr(L, "一般", "moderate");
    case Willingness::weak: return tr(L, "弱", "weak");
    case Willingness::unknown: return tr(L, "未填", "not recorded");
  }
  return "";
}

void write_screening(json::Writer& w, const ChainGraph& g, const ScreeningResult& r, const ScreeningOptions& o) {
  w.StartObject();
  json::key(w, "minimum_willingness"); json::str(w, to_string(o.minimum));
  json::key(w, "screened"); json::count(w, r.screened);
  json::key(w, "willingness_low"); json::count(w, r.willingness_low);
  json::key(w, "willingness_unknown"); json::count(w, r.willingness_unknown);
  json::key(w, "no_potential"); json::count(w, r.no_potential);
  json::key(w, "firms");
  w.StartArray();
  for (const ScreenedFirm& s : r.firms) {
    w.StartObject();
    json::key(w, "id"); json::str(w, g.firm(s.firm).id);
    json::key(w, "willingness");
    if (s.willingness == Willingness::unknown) w.Null(); else json::str(w, to_string(s.willingness));
    json::key(w, "potential"); json::num(w, s.potential);
    json::key(w, "reason"); json::str(w, reason_code(s.reason));
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
}

std::string screening_json(const ChainGraph& g, const ScreeningResult& r, const ScreeningOptions& o) {
  return json::document([&](json::Writer& w) { write_screening(w, g, r, o); });
}

std::string screening_text(const ChainGraph& g, const ScreeningResult& r, const ScreeningOptions& o, Lang L, std::size_t top) {
  std::string out = std::string(tr(L, "【帮扶对象筛选清单】", "[Screening list]")) + tr(L, "提升意愿至少为“", " willingness at least ") +
                    willingness_label(o.minimum, L) + tr(L, "”，按提升潜力排序", ", ranked by potential") + "\n";
  out += std::string(tr(L, "入选 ", "Screened ")) + std::to_string(r.screened) + tr(L, " 家；意愿不足 ", "; willingness too low ") +
         std::to_string(r.willingness_low) + tr(L, " 家；未填意愿 ", "; no willingness recorded ") + std::to_string(r.willingness_unknown) +
         tr(L, " 家（需逐家核实，见下表）；无提升潜力 ", " (ask them: listed below); no potential ") + std::to_string(r.no_potential) +
         tr(L, " 家", "") + "\n";
  const auto table = [&](bool unknown_only, std::size_t rows) {
    TextTable t;
    t.add_column("ID");
    t.add_column(tr(L, "名称", "Name"));
    t.add_column(tr(L, "规模", "Role"));
    t.add_column(tr(L, "提升意愿", "Willingness"));
    t.add_column(r.potential_is_yield ? tr(L, "提升潜力(百分点)", "Potential (points)") : tr(L, "提升潜力", "Potential"), TextTable::Align::right);
    t.add_column(tr(L, "结论", "Decision"));
    std::size_t shown = 0;
    for (const ScreenedFirm& s : r.firms) {
      if ((s.reason == ScreenReason::willingness_unknown) != unknown_only || shown == rows) continue;
      ++shown;
      const Firm& f = g.firm(s.firm);
      t.add_row({f.id, f.name, role_label(f.role, L), willingness_label(s.willingness, L), fixed(r.potential_is_yield ? s.potential * 100 : s.potential, 4),
                 reason_label(s.reason, L)});
    }
    return shown ? t.render() : std::string(tr(L, "（无）\n", "(none)\n"));
  };
  out += table(false, top);
  if (r.willingness_unknown > 0) {
    out += std::string(tr(L, "未填提升意愿的企业（不会被静默剔除，请补充调查）：", "Firms without a willingness (never dropped in silence; ask them):")) + "\n";
    out += table(true, r.firms.size());
  }
  return out;
}

}  // namespace qchain::report
