#include "qchain/report/project_report.hpp"

#include <cmath>

#include "json_out.hpp"
#include "qchain/core/number_format.hpp"
#include "qchain/report/ledger_report.hpp"
#include "qchain/report/text_table.hpp"
#include "record_parts.hpp"

namespace qchain::report {

using engine::ProjectProgressResult;
using workspace::LedgerHistoryRow;
using workspace::LedgerStatus;
using workspace::Project;
using workspace::ProjectTarget;
using namespace detail;

namespace {

std::string providers_text(const Project& p, Lang L) {
  if (p.providers.empty()) return "-";
  std::vector<std::string> each;
  for (const workspace::Provider& v : p.providers) each.push_back(provider_text(v, L));
  return joined(each, tr(L, "；", "; "));
}

std::string points(double loss) { return fixed(loss * 100, 3); }

// `recorded`: with who recorded the project and when (not in a report, which the same data must
// reproduce byte for byte).
void project_object(json::Writer& w, const Project& p, bool recorded = true) {
  w.StartObject();
  json::key(w, "id"); w.Int64(p.id);
  json::key(w, "issue"); json::str(w, p.issue_code);
  json::key(w, "leader"); json::str(w, p.leader_firm_id);
  text_or_null(w, "title", p.title);
  json::key(w, "status"); json::str(w, workspace::to_string(p.status));
  list_json(w, "firms", p.firms);
  json::key(w, "providers");
  w.StartArray();
  for (const workspace::Provider& v : p.providers) provider_json(w, v);
  w.EndArray();
  json::key(w, "target");
  if (!p.target) {
    w.Null();
  } else {
    w.StartObject();
    json::key(w, "kind"); json::str(w, workspace::to_string(*p.target));
    json::key(w, "value"); json::num(w, p.target_value);
    w.EndObject();
  }
  text_or_null(w, "planned_start", p.planned_start);
  text_or_null(w, "start", p.start);
  text_or_null(w, "end", p.end);
  if (recorded) {
    json::key(w, "created_by"); json::str(w, p.created_by);
    json::key(w, "created_at"); json::str(w, p.created_at);
  }
  w.EndObject();
}

}  // namespace

std::string project_target_text(const Project& p, Lang L) {
  if (!p.target) return "-";
  if (*p.target == ProjectTarget::loss_reduction)
    return std::string(tr(L, "合格率损失降低 ", "yield loss reduced by ")) + percent(p.target_value, 1);
  return number_text(p.target_value) + tr(L, " 家企业消除该问题", p.target_value == 1 ? " firm cleared" : " firms cleared");
}

std::string project_list_text(const std::string& ref, const std::vector<Project>& projects, Lang L) {
  std::string out = std::string(tr(L, "【质量攻关项目】", "[Joint tackling projects]")) + " " + ref + tr(L, "：", ": ") +
                    std::to_string(projects.size()) + tr(L, " 个", projects.size() == 1 ? " project" : " projects") + "\n";
  if (projects.empty()) return out;
  std::size_t by_status[4] = {0, 0, 0, 0};
  for (const Project& p : projects) ++by_status[static_cast<int>(p.status)];
  for (int s = 0; s < 4; ++s)
    out += (s ? tr(L, "，", ", ") : "") + std::string(ledger_status_label(static_cast<LedgerStatus>(s), L)) + " " + std::to_string(by_status[s]);
  out += "\n\n";
  TextTable t;
  t.add_column("ID", TextTable::Align::right);
  t.add_column(tr(L, "问题", "Issue"));
  t.add_column(tr(L, "名称", "Title"));
  t.add_column(tr(L, "牵头企业", "Leader"));
  t.add_column(tr(L, "状态", "Status"));
  t.add_column(tr(L, "参与企业", "Firms"), TextTable::Align::right);
  t.add_column(tr(L, "服务机构", "Providers"), TextTable::Align::right);
  t.add_column(tr(L, "目标", "Target"));
  t.add_column(tr(L, "开始", "Start"));
  t.add_column(tr(L, "结束", "End"));
  for (const Project& p : projects)
    t.add_row({std::to_string(p.id), p.issue_code, or_dash(p.title), p.leader_firm_id, ledger_status_label(p.status, L),
               p.firms.empty() ? tr(L, "全部", "all") : std::to_string(p.firms.size()), std::to_string(p.providers.size()),
               project_target_text(p, L), or_dash(p.start.empty() ? p.planned_start : p.start), or_dash(p.end)});
  return out + t.render();
}

std::string project_list_json(const std::string& ref, const std::string& chain_id, const std::vector<Project>& projects) {
  return json::document([&](json::Writer& w) {
    w.StartObject();
    json::key(w, "projects_of"); json::str(w, ref);
    json::key(w, "chain"); json::str(w, chain_id);
    json::key(w, "count"); json::count(w, projects.size());
    json::key(w, "projects");
    w.StartArray();
    for (const Project& p : projects) project_object(w, p);
    w.EndArray();
    w.EndObject();
  });
}

std::string project_text(const Project& p, const ProjectProgressView& v, const std::vector<LedgerHistoryRow>& history, Lang L) {
  const char* colon = tr(L, "：", ": ");
  std::string out = std::string(tr(L, "【质量攻关项目 ", "[Joint tackling project ")) + std::to_string(p.id) + tr(L, "】 ", "] ") + p.chain_id + "\n";
  const auto line = [&](const char* zh, const char* en, const std::string& value) { out += std::string(tr(L, zh, en)) + colon + value + "\n"; };
  line("名称", "Title", or_dash(p.title));
  line("质量问题", "Issue", p.issue_code);
  line("牵头企业", "Leading firm", p.leader_firm_id);
  line("参与企业", "Participating firms", p.firms.empty() ? tr(L, "未列出（进展按全部企业计）", "none listed (progress counts every firm)") : joined(p.firms, " "));
  line("服务机构", "Providers", providers_text(p, L));
  line("目标", "Target", project_target_text(p, L));
  line("状态", "Status", ledger_status_label(p.status, L));
  line("计划开始", "Planned start", or_dash(p.planned_start));
  line("开始", "Start", or_dash(p.start));
  line("结束", "End", or_dash(p.end));
  line("登记", "Recorded", p.created_by + tr(L, "，", ", ") + p.created_at);
  out += "\n";
  if (!v.progress) {
    out += std::string(tr(L, "进展", "Progress")) + colon +
           (p.start.empty() && p.planned_start.empty() ? tr(L, "无（没有开始日期）", "none (no start date)")
                                                         : tr(L, "无（开始日期前没有快照）", "none (no snapshot on or before the start)")) +
           "\n";
  } else {
    const ProjectProgressResult& r = *v.progress;
    out += std::string(tr(L, "进展（", "Progress (")) + v.before_as_of + tr(L, " 快照 → ", " snapshot → ") + v.latest_as_of +
           tr(L, " 快照）", " snapshot)") + colon + "\n";
    const auto item = [&](const char* zh, const char* en, const std::string& value) {
      out += "  " + std::string(tr(L, zh, en)) + colon + value + "\n";
    };
    item("范围", "Scope",
         p.firms.empty() ? std::string(tr(L, "全部企业（开始时 ", "every firm (")) + std::to_string(r.scope_before) + tr(L, " 家）", " at the start)")
                         : std::string(tr(L, "参与企业（开始时在快照中的 ", "the participating firms (")) + std::to_string(r.scope_before) +
                               tr(L, " 家）", " in the snapshot at the start)"));
    item("开始时有该问题的企业", "Firms with the issue at the start", std::to_string(r.had_before) + tr(L, " 家", ""));
    item("其中已消除", "of which cleared", std::to_string(r.cleared) + tr(L, " 家，仍有 ", ", still with it ") + std::to_string(r.still) +
                                            tr(L, " 家，已不在最新快照中 ", ", gone from the latest snapshot ") + std::to_string(r.gone) +
                                            tr(L, " 家", ""));
    item("最新快照中有该问题的企业", "Firms with the issue in the latest snapshot", std::to_string(r.has_latest) + tr(L, " 家", ""));
    item("该问题造成的合格率损失（各企业相加，百分点）", "Yield loss from the issue (summed over the firms, points)",
         points(r.loss_before) + " → " + points(r.loss_latest) +
             (std::isnan(r.loss_reduced) ? std::string()
                                         : std::string(tr(L, "（降低 ", " (reduced by ")) + percent(r.loss_reduced, 1) + tr(L, "）", ")")));
    if (!p.target) item("目标完成度", "Against the target", tr(L, "未设目标", "no target set"));
    else if (std::isnan(r.attained)) item("目标完成度", "Against the target", tr(L, "无法计算（开始时没有该问题造成的损失）", "cannot be told (no loss from the issue at the start)"));
    else item("目标完成度", "Against the target", percent(r.attained, 1) + (r.met ? tr(L, "（已达成）", " (met)") : tr(L, "（未达成）", " (not yet met)")));
    if (!r.issue_in_latest) out += std::string("  ") + tr(L, "注：最新快照的问题目录中已没有该问题代码。", "Note: the latest snapshot's catalogue no longer has the issue code.") + "\n";
  }
  return out + "\n" + history_table(history, L);
}

void write_project_progress(json::Writer& w, const ProjectProgressView& v) {
  if (!v.progress) {
    w.Null();
    return;
  }
  const ProjectProgressResult& r = *v.progress;
  w.StartObject();
  json::key(w, "before"); json::str(w, v.before_as_of);
  json::key(w, "latest"); json::str(w, v.latest_as_of);
  json::key(w, "issue_in_before"); w.Bool(r.issue_in_before);
  json::key(w, "issue_in_latest"); w.Bool(r.issue_in_latest);
  json::key(w, "scope_firms"); json::count(w, r.scope_before);
  json::key(w, "had_issue_before"); json::count(w, r.had_before);
  json::key(w, "cleared"); json::count(w, r.cleared);
  json::key(w, "still"); json::count(w, r.still);
  json::key(w, "gone"); json::count(w, r.gone);
  json::key(w, "has_issue_latest"); json::count(w, r.has_latest);
  json::key(w, "loss_before"); json::num(w, r.loss_before);
  json::key(w, "loss_latest"); json::num(w, r.loss_latest);
  json::key(w, "loss_reduced"); json::num(w, r.loss_reduced);
  json::key(w, "attained"); json::num(w, r.attained);
  json::key(w, "met"); w.Bool(r.met);
  w.EndObject();
}

void write_projects(json::Writer& w, const std::vector<Project>& projects, const std::vector<ProjectProgressView>& views) {
  w.StartArray();
  for (std::size_t k = 0; k < projects.size(); ++k) {
    w.StartObject();
    json::key(w, "project"); project_object(w, projects[k], false);
    json::key(w, "progress"); write_project_progress(w, views[k]);
    w.EndObject();
  }
  w.EndArray();
}

std::string project_progress_line(const Project& p, const ProjectProgressView& v, Lang L) {
  if (!v.progress) return tr(L, "尚无进展数据", "no progress yet");
  const ProjectProgressResult& r = *v.progress;
  std::string out = (L == Lang::zh ? "已消除 " : "cleared ") + std::to_string(r.cleared) + "/" + std::to_string(r.had_before) +
                    (L == Lang::zh ? " 家" : " firms");
  if (!std::isnan(r.loss_reduced)) out += tr(L, "；损失降低 ", "; loss reduced by ") + percent(r.loss_reduced, 1);
  if (p.target && !std::isnan(r.attained))
    out += tr(L, "；目标完成度 ", "; target attained ") + percent(r.attained, 1) + (r.met ? tr(L, "（已达成）", " (met)") : "");
  return out + tr(L, "（", " (") + v.before_as_of + " → " + v.latest_as_of + tr(L, "）", ")");
}

std::string project_json(const Project& p, const ProjectProgressView& v, const std::vector<LedgerHistoryRow>& history) {
  return json::document([&](json::Writer& w) {
    w.StartObject();
    json::key(w, "chain"); json::str(w, p.chain_id);
    json::key(w, "project"); project_object(w, p);
    json::key(w, "progress");
    write_project_progress(w, v);
    json::key(w, "history"); history_json(w, history);
    w.EndObject();
  });
}

std::string project_added_text(const std::string& ref, std::int64_t id, Lang L) {
  return ref + tr(L, "：已登记质量攻关项目 ", ": added joint tackling project ") + std::to_string(id) + "\n";
}

std::string project_updated_text(const std::string& ref, std::int64_t id, std::size_t changed, Lang L) {
  if (changed == 0) return ref + tr(L, "：项目 ", ": project ") + std::to_string(id) + tr(L, " 没有变化\n", " unchanged\n");
  return ref + tr(L, "：项目 ", ": project ") + std::to_string(id) + tr(L, " 已更新 ", " updated, ") + std::to_string(changed) +
         tr(L, " 个字段\n", changed == 1 ? " field\n" : " fields\n");
}

}  // namespace qchain::report
