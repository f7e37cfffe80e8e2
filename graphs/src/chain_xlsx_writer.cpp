#include "qchain/graphs/chain_xlsx_writer.hpp"

#include <algorithm>
#include <cmath>

#include "qchain/graphs/table_columns.hpp"
#include "qchain/graphs/xlsx_writer.hpp"

namespace qchain::graphs {
namespace {

using Style = XlsxWriter::Style;
constexpr std::uint32_t kValidatedRows = 100000;  // drop-downs reach this far down each sheet

// The columns a sheet of the workbook shows: the firm sheet leaves certifications and issues to
// their own sheets (the reader also takes them as `;` lists in the firm sheet, as in CSV).
// The outcome columns (profit .. satisfaction) are in the template and in the workbook of a chain
// that has them; a chain without them is written as before they existed.
bool is_outcome(const std::string& key) {
  return key == "profit" || key == "operating_cost" || key == "quality_cost" || key == "satisfaction";
}

std::vector<std::size_t> shown(const TableSpec& t, bool outcomes = true) {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < t.columns.size(); ++i) {
    const std::string key = t.columns[i].key;
    if (t.id == TableId::firms && (key == "certifications" || key == "issues")) continue;
    if (t.id == TableId::firms && !outcomes && is_outcome(key)) continue;
    out.push_back(i);
  }
  return out;
}

double width_of(const ColumnSpec& c) {
  const std::string key = c.key;
  if (key == "name" || key == "description" || key == "assisted_programme" || key == "assisted_by") return 28;
  if (c.kind == CellKind::date) return 13;
  return 14;
}

// One cell as the workbook holds it: numbers as numbers (fractions as percent), dates as dates,
// enumerations in the workbook's language.
class Cells {
 public:
  Cells(XlsxWriter& w, bool chinese) : w_(w), zh_(chinese) {}
  void put(std::uint32_t row, std::uint16_t col, const ColumnSpec& c, const std::string& value) {
    if (value.empty()) return;
    switch (c.kind) {
      case CellKind::date: w_.date(row, col, value); break;
      case CellKind::role:
      case CellKind::status:
      case CellKind::category:
      case CellKind::boolean:
      case CellKind::maturity:
      case CellKind::willingness: w_.text(row, col, zh_ ? chinese_value(c.kind, value) : value); break;
      default: w_.text(row, col, value);
    }
  }
  void put(std::uint32_t row, std::uint16_t col, const ColumnSpec& c, double value) {
    w_.number(row, col, value, c.kind == CellKind::fraction ? Style::percent : c.kind == CellKind::integer ? Style::integer : Style::plain);
  }

 private:
  XlsxWriter& w_;
  bool zh_;
};

// A data sheet: header, formats, drop-downs, frozen header; rows written by `fill` (row, put).
template <typename Fill>
void data_sheet(XlsxWriter& w, const TableSpec& t, bool zh, bool outcomes, Fill&& fill) {
  w.sheet(zh ? t.zh : t.key);
  const auto cols = shown(t, outcomes);
  for (std::size_t k = 0; k < cols.size(); ++k) {
    const ColumnSpec& c = t.columns[cols[k]];
    const auto col = static_cast<std::uint16_t>(k);
    const Style style = c.kind == CellKind::fraction ? Style::percent : c.kind == CellKind::date ? Style::date : Style::plain;
    w.column_width(col, col, width_of(c), style);
    w.text(0, col, zh ? c.zh : c.key, Style::header);
    const auto values = zh ? chinese_values(c.kind) : english_values(c.kind);
    if (!values.empty()) w.list(col, 1, kValidatedRows, values);
  }
  w.freeze_rows(1);
  Cells cells(w, zh);
  fill(cols, cells);
}

// The instructions sheet: what each sheet holds, and one filled row per sheet.
// `inputs`: the input catalogue's example too (the template, and workbooks of chains that have one).
void instructions(XlsxWriter& w, bool zh, bool inputs) {
  w.sheet(zh ? "说明" : "instructions");
  w.column_width(0, 0, 18);
  w.column_width(1, 16, 16);
  std::uint32_t r = 0;
  w.text(r++, 0, zh ? "产业链质量状况调查表 — 填写说明" : "Industry chain quality survey — how to fill it in", Style::title);
  const char* lines_zh[] = {
      "每个工作表第一行是表头，从第二行起每行一条记录；可以调整列的顺序，表头用中文或英文均可。",
      "必填：企业表的 企业编号、企业名称、规模；供应关系表的 供应商编号、客户编号。其他列可留空。",
      "比率（一次合格率、检出率、份额等）填百分数：单元格已设为百分比格式，输入 95 即为 95%；也可写 0.95 或 \"95%\"。",
      "日期填 2024-06-01、2024/6/1 或 2024年6月1日。带下拉箭头的列请从列表中选择。",
      "环节可填环节编号或环节名称。认证与企业质量问题各占一个工作表，每行一条，按企业编号对应到企业。",
      "填好后：qchain check 调查表.xlsx 检查，qchain report 调查表.xlsx -o 报告 生成报告。",
  };
  const char* lines_en[] = {
      "Each sheet's first row is its header; one record per row from the second. Columns may be in any order; headers in Chinese or English.",
      "Required: firm id, name and role on the firms sheet; supplier and customer on the links sheet. Other cells may stay empty.",
      "Shares (first-pass yield, detection, share, ...) are percentages: the cells are formatted as percent, so typing 95 gives 95%; 0.95 and \"95%\" work too.",
      "Dates as 2024-06-01, 2024/6/1 or 2024年6月1日. Columns with a drop-down take one of its values.",
      "A segment by its id or its name. Certifications and firm issues have a sheet each, one per row, matched to firms by firm id.",
      "Then: qchain check survey.xlsx to check it, qchain report survey.xlsx -o report for the report.",
  };
  for (std::size_t i = 0; i < std::size(lines_zh); ++i) w.text(r++, 0, zh ? lines_zh[i] : lines_en[i]);
  ++r;
  // Example rows, by key; values in English, shown in the workbook's language.
  const std::vector<std::pair<TableId, std::vector<std::pair<const char*, std::string>>>> examples = {
      {TableId::chain, {{"id", "HP-IE"}, {"name", zh ? "黄埔智能装备产业链" : "Huangpu smart equipment"}, {"region", zh ? "广州市黄埔区" : "Huangpu, Guangzhou"},
                        {"industry", zh ? "智能装备" : "smart equipment"}, {"as_of", "2024-06-01"}, {"default_detection", "0.9"}}},
      {TableId::segments, {{"id", "S1"}, {"name", zh ? "零部件" : "components"}, {"order", "0"}}},
      {TableId::issues, {{"code", "MAT-01"}, {"name", zh ? "来料尺寸超差" : "incoming parts out of tolerance"}, {"category", "material"}, {"yield_loss", "0.02"}}},
      {TableId::firms, {{"id", "F001"}, {"name", zh ? "某某精密机械有限公司" : "Example Precision Co."}, {"role", "small"}, {"segment", "S1"},
                        {"region", zh ? "黄埔区" : "Huangpu"}, {"first_pass_yield", "0.96"}, {"maturity", "developing"}, {"employees", "45"},
                        {"revenue", "1200"}, {"detection", "0.9"}, {"profit", "96"}, {"operating_cost", "980"},
                        {"quality_cost", "36"}, {"satisfaction", "0.95"}}},
      {TableId::certifications, {{"firm", "F001"}, {"scheme", "ISO9001"}, {"status", "valid"}, {"expires", "2026-05-01"}}},
      {TableId::firm_issues, {{"firm", "F001"}, {"code", "MAT-01"}, {"severity", "3"}}},
      {TableId::links, {{"supplier", "F001"}, {"customer", "L001"}, {"input", zh ? "轴承" : "bearings"}, {"share", "0.6"}, {"essential", "true"},
                        {"inspection", "0.5"}, {"requires", "ISO9001"}, {"value", "300"}}},
      {TableId::inputs, {{"id", zh ? "轴承" : "bearings"}, {"name", zh ? "精密轴承" : "precision bearings"}}},
  };
  Cells cells(w, zh);
  for (const auto& [id, values] : examples) {
    if (id == TableId::inputs && !inputs) continue;
    const TableSpec& t = table_spec(id);
    w.text(r++, 0, std::string(zh ? "工作表 " : "sheet ") + (zh ? t.zh : t.key) + (zh ? "（示例）" : " (example)"), Style::title);
    const auto cols = shown(t);
    for (std::size_t k = 0; k < cols.size(); ++k) w.text(r, static_cast<std::uint16_t>(k), zh ? t.columns[cols[k]].zh : t.columns[cols[k]].key, Style::header);
    ++r;
    for (std::size_t k = 0; k < cols.size(); ++k) {
      const ColumnSpec& c = t.columns[cols[k]];
      for (const auto& [key, v] : values) {
        if (std::string(key) != c.key) continue;
        const auto col = static_cast<std::uint16_t>(k);
        if (c.kind == CellKind::fraction || c.kind == CellKind::number || c.kind == CellKind::integer) cells.put(r, col, c, std::stod(v));
        else cells.put(r, col, c, v);
      }
    }
    r += 2;
  }
}

void write(const ChainGraph* g, const std::string& path, bool zh) {
  // Big chains go out row by row (libxlsxwriter's constant-memory mode).
  const bool big = g && g->firm_count() + g->link_count() > 50000;
  XlsxWriter w(path, big);
  if (!g) instructions(w, zh, true);
  const bool outcomes = !g || !g->outcomes().empty();
  const auto col_of = [](const TableSpec& t, const std::vector<std::size_t>& cols, const char* key) {
    for (std::size_t k = 0; k < cols.size(); ++k)
      if (std::string(t.columns[cols[k]].key) == key) return static_cast<std::uint16_t>(k);
    return static_cast<std::uint16_t>(0);
  };
  const auto& chain = table_spec(TableId::chain);
  data_sheet(w, chain, zh, outcomes, [&](const std::vector<std::size_t>& cols, Cells& c) {
    if (!g) return;
    const ChainInfo& i = g->info();
    const auto at = [&](const char* key) { return col_of(chain, cols, key); };
    const auto& col = chain.columns;
    c.put(1, at("id"), col[0], i.id);
    c.put(1, at("name"), col[1], i.name);
    c.put(1, at("region"), col[2], i.region);
    c.put(1, at("industry"), col[3], i.industry);
    c.put(1, at("description"), col[4], i.description);
    c.put(1, at("as_of"), col[5], i.as_of);
    c.put(1, at("default_detection"), col[6], i.default_detection);
    c.put(1, at("default_inspection"), col[7], i.default_inspection);
  });
  const auto& segments = table_spec(TableId::segments);
  data_sheet(w, segments, zh, outcomes, [&](const std::vector<std::size_t>& cols, Cells& c) {
    if (!g) return;
    std::uint32_t r = 1;
    for (const Segment& s : g->segments()) {
      c.put(r, col_of(segments, cols, "id"), segments.columns[0], s.id);
      c.put(r, col_of(segments, cols, "name"), segments.columns[1], s.name);
      c.put(r, col_of(segments, cols, "order"), segments.columns[2], static_cast<double>(s.order));
      ++r;
    }
  });
  const auto& issues = table_spec(TableId::issues);
  data_sheet(w, issues, zh, outcomes, [&](const std::vector<std::size_t>& cols, Cells& c) {
    if (!g) return;
    std::uint32_t r = 1;
    for (const IssueType& t : g->issues()) {
      c.put(r, col_of(issues, cols, "code"), issues.columns[0], t.code);
      c.put(r, col_of(issues, cols, "name"), issues.columns[1], t.name);
      c.put(r, col_of(issues, cols, "category"), issues.columns[2], std::string(to_string(t.category)));
      c.put(r, col_of(issues, cols, "yield_loss"), issues.columns[3], t.yield_loss);
      c.put(r, col_of(issues, cols, "description"), issues.columns[4], t.description);
      ++r;
    }
  });
  const auto& firms = table_spec(TableId::firms);
  data_sheet(w, firms, zh, outcomes, [&](const std::vector<std::size_t>& cols, Cells& c) {
    if (!g) return;
    std::uint32_t r = 1;
    const auto& col = firms.columns;
    const auto at = [&](const char* key) { return col_of(firms, cols, key); };
    for (const Firm& f : g->firms()) {
      c.put(r, at("id"), col[0], f.id);
      c.put(r, at("name"), col[1], f.name);
      c.put(r, at("role"), col[2], std::string(to_string(f.role)));
      if (f.segment != kNone) c.put(r, at("segment"), col[3], g->segments()[f.segment].id);
      c.put(r, at("region"), col[4], std::string(g->region_of(f)));
      c.put(r, at("first_pass_yield"), col[5], f.first_pass_yield);
      c.put(r, at("maturity"), col[6], std::string(to_string(f.maturity)));
      if (f.employees >= 0) c.put(r, at("employees"), col[7], static_cast<double>(f.employees));
      c.put(r, at("revenue"), col[8], f.revenue);
      if (const Assistance* a = g->assistance_of(f)) {
        c.put(r, at("assisted_by"), col[11], a->by);
        c.put(r, at("assisted_since"), col[12], a->since);
        c.put(r, at("assisted_programme"), col[13], a->programme);
      }
      c.put(r, at("detection"), col[14], f.detection);
      if (f.willingness != Willingness::unknown) c.put(r, at("willingness"), col[15], std::string(to_string(f.willingness)));
      if (f.outcomes != kNone) {
        const FirmOutcomes& o = g->outcomes_of(f);
        c.put(r, at("profit"), col[16], o.profit);
        c.put(r, at("operating_cost"), col[17], o.operating_cost);
        c.put(r, at("quality_cost"), col[18], o.quality_cost);
        c.put(r, at("satisfaction"), col[19], o.satisfaction);
      }
      ++r;
    }
  });
  const auto& certs = table_spec(TableId::certifications);
  data_sheet(w, certs, zh, outcomes, [&](const std::vector<std::size_t>&, Cells& c) {
    if (!g) return;
    std::uint32_t r = 1;
    for (const Firm& f : g->firms())
      for (const Certification& x : f.certifications) {
        c.put(r, 0, certs.columns[0], f.id);
        c.put(r, 1, certs.columns[1], g->schemes()[x.scheme]);
        c.put(r, 2, certs.columns[2], std::string(to_string(x.status)));
        c.put(r, 3, certs.columns[3], x.expires);
        ++r;
      }
  });
  const auto& firm_issues = table_spec(TableId::firm_issues);
  data_sheet(w, firm_issues, zh, outcomes, [&](const std::vector<std::size_t>&, Cells& c) {
    if (!g) return;
    std::uint32_t r = 1;
    for (const Firm& f : g->firms())
      for (const FirmIssue& x : f.issues) {
        c.put(r, 0, firm_issues.columns[0], f.id);
        c.put(r, 1, firm_issues.columns[1], g->issues()[x.issue].code);
        c.put(r, 2, firm_issues.columns[2], static_cast<double>(x.severity));
        ++r;
      }
  });
  const auto& links = table_spec(TableId::links);
  data_sheet(w, links, zh, outcomes, [&](const std::vector<std::size_t>&, Cells& c) {
    if (!g) return;
    std::uint32_t r = 1;
    const auto& col = links.columns;
    for (const SupplyLink& l : g->links()) {
      std::string req;
      for (std::uint32_t s : g->requirement_sets()[l.requires_set]) req += (req.empty() ? "" : ";") + g->schemes()[s];
      c.put(r, 0, col[0], g->firm(l.supplier).id);
      c.put(r, 1, col[1], g->firm(l.customer).id);
      if (l.input_name != kNone) c.put(r, 2, col[2], g->input_names()[l.input_name]);
      c.put(r, 3, col[3], l.share);
      c.put(r, 4, col[4], std::string(l.essential ? "true" : "false"));
      c.put(r, 5, col[5], l.weight);
      if (l.inspection_given) c.put(r, 6, col[6], l.inspection);
      c.put(r, 7, col[7], req);
      c.put(r, 8, col[8], l.value);
      ++r;
    }
  });
  // The input catalogue: always in the template, in a chain's workbook only when it has one.
  if (!g || !g->input_catalogue().empty()) {
    const auto& inputs = table_spec(TableId::inputs);
    data_sheet(w, inputs, zh, outcomes, [&](const std::vector<std::size_t>&, Cells& c) {
      if (!g) return;
      std::uint32_t r = 1;
      for (const InputEntry& i : g->input_catalogue()) {
        c.put(r, 0, inputs.columns[0], i.id);
        c.put(r, 1, inputs.columns[1], i.name);
        ++r;
      }
    });
  }
  if (g) instructions(w, zh, !g->input_catalogue().empty());
  w.close();
}

}  // namespace

void write_survey_template(const std::string& path, bool chinese) { write(nullptr, path, chinese); }
void write_chain_xlsx(const ChainGraph& g, const std::string& path, bool chinese) { write(&g, path, chinese); }

}  // namespace qchain::graphs
