#include "qchain/report/ledger_report.hpp"

#include <cmath>

#include "json_out.hpp"
#include "record_parts.hpp"
#include "json_sections.hpp"
#include "qchain/core/number_format.hpp"
#include "qchain/report/text_table.hpp"

namespace qchain::report {

using workspace::LedgerEntry;
using workspace::LedgerHistoryRow;
using workspace::LedgerStatus;
using workspace::LedgerYields;
using workspace::ProviderKind;
using workspace::SnapshotYield;
using namespace detail;

namespace {

std::string yield_text(const std::optional<SnapshotYield>& y, bool before, const LedgerEntry& e, Lang L) {
  if (!y) {
    if (before)
      return e.start.empty() && e.planned_start.empty() ? tr(L, "无（没有开始日期）", "none (no start date)")
                                                         : tr(L, "无（开始日期前没有快照）", "none (no snapshot on or before the start)");
    return e.end.empty() ? tr(L, "尚无（尚未结束）", "not yet (no end date)") : tr(L, "尚无（结束后还没有快照）", "not yet (no snapshot since the end)");
  }
  std::string value = !y->firm_found       ? tr(L, "快照中没有这家企业", "the firm is not in the snapshot")
                      : std::isnan(y->yield) ? tr(L, "未填写", "not given")
                                             : percent(y->yield, 1);
  return value + tr(L, "（", " (") + y->as_of + tr(L, " 快照）", " snapshot)");
}

void entry_json(json::Writer& w, const LedgerEntry& e) {
  w.StartObject();
  json::key(w, "id"); w.Int64(e.id);
  json::key(w, "firm"); json::str(w, e.firm_id);
  json::key(w, "status"); json::str(w, workspace::to_string(e.status));
  json::key(w, "provider"); provider_json(w, e.provider);
  list_json(w, "issues", e.issues);
  list_json(w, "measures", e.measures);
  text_or_null(w, "planned_start", e.planned_start);
  text_or_null(w, "start", e.start);
  text_or_null(w, "end", e.end);
  json::key(w, "cost"); json::num(w, e.cost);
  text_or_null(w, "funding", e.funding);
  text_or_null(w, "outcome", e.outcome);
  json::key(w, "created_by"); json::str(w, e.created_by);
  json::key(w, "created_at"); json::str(w, e.created_at);
  w.EndObject();
}

void yield_json(json::Writer& w, const char* k, const std::optional<SnapshotYield>& y) {
  json::key(w, k);
  if (!y) {
    w.Null();
    return;
  }
  w.StartObject();
  json::key(w, "as_of"); json::str(w, y->as_of);
  json::key(w, "firm_found"); w.Bool(y->firm_found);
  json::key(w, "first_pass_yield"); json::num(w, y->yield);
  w.EndObject();
}

}  // namespace

std::vector<engine::LedgerItem> ledger_items(const std::vector<LedgerEntry>& entries) {
  static_assert(static_cast<int>(LedgerStatus::dropped) == static_cast<int>(engine::LedgerItemStatus::dropped));
  std::vector<engine::LedgerItem> out;
  out.reserve(entries.size());
  for (const LedgerEntry& e : entries)
    out.push_back({e.firm_id, static_cast<engine::LedgerItemStatus>(e.status), e.provider.name, e.funding, e.cost});
  return out;
}

void write_ledger_summary(json::Writer& w, const graphs::ChainGraph& g, const engine::LedgerSummaryResult& r) {
  const auto groups = [&](const char* k, const char* name, const std::vector<engine::LedgerCostGroup>& v) {
    json::key(w, k);
    w.StartArray();
    for (const engine::LedgerCostGroup& x : v) {
      w.StartObject();
      json::key(w, name);
      if (x.name.empty()) w.Null();
      else json::str(w, x.name);
      json::key(w, "entries"); json::count(w, x.entries);
      json::key(w, "entries_without_cost"); json::count(w, x.without_cost);
      json::key(w, "cost"); json::num(w, x.cost);
      w.EndObject();
    }
    w.EndArray();
  };
  w.StartObject();
  json::key(w, "entries"); json::count(w, r.entries);
  json::key(w, "by_status");
  w.StartObject();
  for (std::size_t k = 0; k < engine::kLedgerStatuses; ++k) {
    json::key(w, workspace::to_string(static_cast<LedgerStatus>(k)));
    json::count(w, r.by_status[k]);
  }
  w.EndObject();
  json::key(w, "cost"); json::num(w, r.cost);
  json::key(w, "entries_without_cost"); json::count(w, r.without_cost);
  groups("by_funding", "funding", r.by_funding);
  groups("by_provider", "provider", r.by_provider);
  json::key(w, "segments");
  w.StartArray();
  for (const engine::LedgerSegmentReach& x : r.segments) {
    w.StartObject();
    json::key(w, "segment");
    if (x.segment == graphs::kNone) w.Null();
    else json::str(w, g.segments()[x.segment].id);
    json::key(w, "firms"); json::count(w, x.firms);
    json::key(w, "firms_assisted"); json::count(w, x.assisted);
    json::key(w, "share"); json::num(w, x.firms ? double(x.assisted) / x.firms : graphs::kAbsent);
    w.EndObject();
  }
  w.EndArray();
  json::key(w, "firms_assisted"); json::count(w, r.firms_assisted);
  json::key(w, "firms_not_in_chain"); json::count(w, r.firms_not_in_chain);
  w.EndObject();
}

const char* ledger_status_label(engine::LedgerItemStatus s, Lang L) {
  return ledger_status_label(static_cast<LedgerStatus>(s), L);
}

const char* ledger_status_label(LedgerStatus s, Lang L) {
  switch (s) {
    case LedgerStatus::planned: return tr(L, "计划", "planned");
    case LedgerStatus::in_progress: return tr(L, "进行中", "in progress");
    case LedgerStatus::done: return tr(L, "完成", "done");
    case LedgerStatus::dropped: return tr(L, "放弃", "dropped");
  }
  return "";
}

const char* provider_kind_label(ProviderKind k, Lang L) {
  switch (k) {
    case ProviderKind::certification_body: return tr(L, "认证机构", "certification body");
    case ProviderKind::testing_lab: return tr(L, "检测机构", "testing lab");
    case ProviderKind::expert: return tr(L, "专家", "expert");
    case ProviderKind::association: return tr(L, "行业协会", "association");
    case ProviderKind::bank: return tr(L, "银行", "bank");
  }
  return "";
}

std::string ledger_list_text(const std::string& ref, const std::vector<LedgerEntry>& entries, Lang L) {
  std::string out = std::string(tr(L, "【帮扶台账】", "[Assistance ledger]")) + " " + ref + tr(L, "：", ": ") + std::to_string(entries.size()) +
                    tr(L, " 条", entries.size() == 1 ? " entry" : " entries") + "\n";
  if (entries.empty()) return out;
  std::size_t by_status[4] = {0, 0, 0, 0};
  double cost = 0;
  for (const LedgerEntry& e : entries) {
    ++by_status[static_cast<int>(e.status)];
    if (!std::isnan(e.cost)) cost += e.cost;
  }
  for (int s = 0; s < 4; ++s)
    out += (s ? tr(L, "，", ", ") : "") + std::string(ledger_status_label(static_cast<LedgerStatus>(s), L)) + " " + std::to_string(by_status[s]);
  out += std::string(tr(L, "；费用合计 ", "; total cost ")) + fixed(cost, 2) + tr(L, " 万元\n", " (10k CNY)\n");
  TextTable t;
  t.add_column("ID", TextTable::Align::right);
  t.add_column(tr(L, "企业", "Firm"));
  t.add_column(tr(L, "状态", "Status"));
  t.add_column(tr(L, "服务机构", "Provider"));
  t.add_column(tr(L, "质量问题", "Issues"));
  t.add_column(tr(L, "计划开始", "Planned"));
  t.add_column(tr(L, "开始", "Start"));
  t.add_column(tr(L, "结束", "End"));
  t.add_column(tr(L, "费用(万元)", "Cost (10k CNY)"), TextTable::Align::right);
  t.add_column(tr(L, "资金来源", "Funding"));
  for (const LedgerEntry& e : entries)
    t.add_row({std::to_string(e.id), e.firm_id, ledger_status_label(e.status, L), e.provider.name.empty() ? "-" : e.provider.name,
               e.issues.empty() ? "-" : joined(e.issues, " "), or_dash(e.planned_start), or_dash(e.start), or_dash(e.end), fixed(e.cost, 2),
               or_dash(e.funding)});
  return out + "\n" + t.render();
}

std::string ledger_list_json(const std::string& ref, const std::vector<LedgerEntry>& entries) {
  return json::document(
      [&](json::Writer& w) {
        w.StartObject();
        json::key(w, "ledger"); json::str(w, ref);
        json::key(w, "chain"); json::str(w, entries.empty() ? "" : entries.front().chain_id);
        json::key(w, "count"); json::count(w, entries.size());
        json::key(w, "entries");
        w.StartArray();
        for (const LedgerEntry& e : entries) entry_json(w, e);
        w.EndArray();
        w.EndObject();
      },
      entries.size() * 400, entries.size() > 10000);
}

std::string ledger_entry_text(const LedgerEntry& e, const LedgerYields& y, const std::vector<LedgerHistoryRow>& history, Lang L) {
  const char* colon = tr(L, "：", ": ");
  std::string out = std::string(tr(L, "【帮扶台账条目 ", "[Ledger entry ")) + std::to_string(e.id) + tr(L, "】 ", "] ") + e.chain_id + "\n";
  const auto line = [&](const char* zh, const char* en, const std::string& value) { out += std::string(tr(L, zh, en)) + colon + value + "\n"; };
  line("企业", "Firm", e.firm_id);
  line("状态", "Status", ledger_status_label(e.status, L));
  line("服务机构", "Provider", provider_text(e.provider, L));
  line("质量问题", "Issues", e.issues.empty() ? "-" : joined(e.issues, " "));
  if (e.measures.empty()) line("帮扶措施", "Measures", "-");
  else {
    out += std::string(tr(L, "帮扶措施", "Measures")) + colon + "\n";
    for (std::size_t k = 0; k < e.measures.size(); ++k) out += "  " + std::to_string(k + 1) + ". " + e.measures[k] + "\n";
  }
  line("计划开始", "Planned start", or_dash(e.planned_start));
  line("开始", "Start", or_dash(e.start));
  line("结束", "End", or_dash(e.end));
  line("费用", "Cost", std::isnan(e.cost) ? "-" : fixed(e.cost, 2) + tr(L, " 万元", " (10k CNY)"));
  line("资金来源", "Funding", or_dash(e.funding));
  line("成效", "Outcome", or_dash(e.outcome));
  line("帮扶前一次合格率", "First-pass yield before", yield_text(y.before, true, e, L));
  line("帮扶后一次合格率", "First-pass yield after", yield_text(y.after, false, e, L));
  line("登记", "Recorded", e.created_by + tr(L, "，", ", ") + e.created_at);
  return out + "\n" + history_table(history, L);
}

std::string ledger_entry_json(const LedgerEntry& e, const LedgerYields& y, const std::vector<LedgerHistoryRow>& history) {
  return json::document([&](json::Writer& w) {
    w.StartObject();
    json::key(w, "chain"); json::str(w, e.chain_id);
    json::key(w, "entry"); entry_json(w, e);
    json::key(w, "yield");
    w.StartObject();
    yield_json(w, "before", y.before);
    yield_json(w, "after", y.after);
    w.EndObject();
    json::key(w, "history"); history_json(w, history);
    w.EndObject();
  });
}

std::string ledger_added_text(const std::string& ref, std::int64_t id, Lang L) {
  return ref + tr(L, "：已记入帮扶台账，条目 ", ": added to the ledger as entry ") + std::to_string(id) + "\n";
}

std::string ledger_updated_text(const std::string& ref, std::int64_t id, std::size_t changed, Lang L) {
  if (changed == 0) return ref + tr(L, "：条目 ", ": entry ") + std::to_string(id) + tr(L, " 没有变化\n", " unchanged\n");
  return ref + tr(L, "：条目 ", ": entry ") + std::to_string(id) + tr(L, " 已更新 ", " updated, ") + std::to_string(changed) +
         tr(L, " 个字段\n", changed == 1 ? " field\n" : " fields\n");
}

std::string plan_recorded_text(const std::string& ref, const std::vector<std::int64_t>& ids, Lang L) {
  std::string out = ref + tr(L, "：已把方案的 ", ": recorded ") + std::to_string(ids.size()) +
                    tr(L, " 家企业记入帮扶台账（状态：计划", ids.size() == 1 ? " planned entry in the ledger" : " planned entries in the ledger");
  if (!ids.empty())
    out += std::string(tr(L, "，条目 ", " (entries ")) + std::to_string(ids.front()) + (ids.size() > 1 ? "–" + std::to_string(ids.back()) : "") +
           tr(L, "", ")");
  return out + tr(L, "）\n", "\n");
}

std::vector<std::string> plan_measures(const engine::PlanOptions& o, Lang L) {
  std::vector<std::string> out;
  if (o.goals.leaders > 0 || o.goals.grades > 0)
    out.push_back(o.action == engine::PlanOptions::Action::yield_gain
                      ? std::string(tr(L, "一次合格率提升 ", "first-pass yield +")) + fixed(o.gain * 100, 1) + tr(L, " 个百分点", " points")
                      : std::string(tr(L, "消除全部质量问题", "fix all its quality issues")));
  if (o.goals.gaps > 0) out.emplace_back(tr(L, "取得客户要求的全部认证", "obtain every certificate its customers require"));
  return out;
}

}  // namespace qchain::report
