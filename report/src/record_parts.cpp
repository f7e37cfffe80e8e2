#include "record_parts.hpp"

#include "qchain/report/ledger_report.hpp"
#include "qchain/report/text_table.hpp"

namespace qchain::report::detail {

namespace {

const char* field_label(const std::string& f, Lang L) {
  struct Label {
    const char *field, *zh, *en;
  };
  // The ledger's fields, then the projects' own.
  static const Label labels[] = {{"firm", "企业", "firm"},
                                 {"provider", "服务机构", "provider"},
                                 {"issues", "质量问题", "issues"},
                                 {"measures", "帮扶措施", "measures"},
                                 {"planned_start", "计划开始", "planned start"},
                                 {"start", "开始", "start"},
                                 {"end", "结束", "end"},
                                 {"status", "状态", "status"},
                                 {"cost", "费用(万元)", "cost (10k CNY)"},
                                 {"funding", "资金来源", "funding"},
                                 {"outcome", "成效", "outcome"},
                                 {"issue", "质量问题", "issue"},
                                 {"leader", "牵头企业", "leading firm"},
                                 {"title", "名称", "title"},
                                 {"firms", "参与企业", "participating firms"},
                                 {"providers", "服务机构", "providers"},
                                 {"target", "目标", "target"}};
  for (const Label& l : labels)
    if (f == l.field) return tr(L, l.zh, l.en);
  return f.c_str();
}

// A history value as the reader sees it: a status by its label, an unset value as "-".
std::string history_value(const std::string& field, const std::optional<std::string>& v, Lang L) {
  if (!v) return "-";
  if (field == "status") return ledger_status_label(workspace::parse_ledger_status(*v), L);
  return *v;
}

}  // namespace

std::string or_dash(const std::string& s) { return s.empty() ? "-" : s; }

std::string joined(const std::vector<std::string>& items, const char* sep) {
  std::string out;
  for (std::size_t k = 0; k < items.size(); ++k) out += (k ? sep : "") + items[k];
  return out;
}

std::string provider_text(const workspace::Provider& p, Lang L) {
  if (p.name.empty()) return "-";
  std::string out = p.name;
  std::vector<std::string> about;
  if (p.kind) about.emplace_back(provider_kind_label(*p.kind, L));
  if (!p.region.empty()) about.push_back(p.region);
  if (!about.empty()) out += std::string(tr(L, "（", " (")) + joined(about, tr(L, "，", ", ")) + tr(L, "）", ")");
  return out;
}

void text_or_null(json::Writer& w, const char* k, const std::string& v) {
  json::key(w, k);
  if (v.empty()) w.Null();
  else json::str(w, v);
}

void list_json(json::Writer& w, const char* k, const std::vector<std::string>& v) {
  json::key(w, k);
  w.StartArray();
  for (const std::string& s : v) json::str(w, s);
  w.EndArray();
}

void provider_json(json::Writer& w, const workspace::Provider& p) {
  if (p.name.empty()) {
    w.Null();
    return;
  }
  w.StartObject();
  json::key(w, "name"); json::str(w, p.name);
  json::key(w, "kind");
  if (p.kind) json::str(w, workspace::to_string(*p.kind));
  else w.Null();
  text_or_null(w, "region", p.region);
  w.EndObject();
}

std::string history_table(const std::vector<workspace::LedgerHistoryRow>& history, Lang L) {
  TextTable t;
  t.add_column(tr(L, "时间", "When"));
  t.add_column(tr(L, "操作人", "Who"));
  t.add_column(tr(L, "字段", "Field"));
  t.add_column(tr(L, "原值", "Old"));
  t.add_column(tr(L, "新值", "New"));
  for (const workspace::LedgerHistoryRow& r : history)
    t.add_row({r.at, r.who, field_label(r.field, L), history_value(r.field, r.old_value, L), history_value(r.field, r.new_value, L)});
  return std::string(tr(L, "变更记录", "History")) + "\n" + t.render();
}

void history_json(json::Writer& w, const std::vector<workspace::LedgerHistoryRow>& history) {
  w.StartArray();
  for (const workspace::LedgerHistoryRow& r : history) {
    w.StartObject();
    json::key(w, "at"); json::str(w, r.at);
    json::key(w, "who"); json::str(w, r.who);
    json::key(w, "field"); json::str(w, r.field);
    json::key(w, "old");
    if (r.old_value) json::str(w, *r.old_value);
    else w.Null();
    json::key(w, "new");
    if (r.new_value) json::str(w, *r.new_value);
    else w.Null();
    w.EndObject();
  }
  w.EndArray();
}

}  // namespace qchain::report::detail
