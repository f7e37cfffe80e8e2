#include "qchain/report/scenario_report.hpp"

#include <cmath>

#include "json_out.hpp"
#include "json_sections.hpp"
#include "qchain/report/labels.hpp"

namespace qchain::report {

using namespace qchain::engine;

using namespace qchain::graphs;

namespace {

void change_list(json::Writer& w, const ChainGraph& g, const std::vector<WhatIfResult::Change>& changes) {
  w.StartArray();
  for (const auto& c : changes) {
    w.StartObject();
    json::key(w, "id"); json::str(w, g.firm(c.firm).id);
    json::key(w, "before"); json::num(w, c.before);
    json::key(w, "after"); json::num(w, c.after);
    w.EndObject();
  }
  w.EndArray();
}

void id_list(json::Writer& w, const ChainGraph& g, const std::vector<FirmId>& firms) {
  w.StartArray();
  for (FirmId v : firms) json::str(w, g.firm(v).id);
  w.EndArray();
}

const char* event_type_name(ScenarioEvent::Type t) {
  switch (t) {
    case ScenarioEvent::Type::set_yield: return "set_yield";
    case ScenarioEvent::Type::stop: return "stop";
    case ScenarioEvent::Type::decertify: return "decertify";
    case ScenarioEvent::Type::spread_issue: return "spread_issue";
    case ScenarioEvent::Type::fix_issue: return "fix_issue";
    case ScenarioEvent::Type::assist: return "assist";
    case ScenarioEvent::Type::perturb: return "perturb";
    case ScenarioEvent::Type::require: return "require";
    case ScenarioEvent::Type::drop_requirement: return "drop_requirement";
  }
  return "";
}

const char* event_type_label(ScenarioEvent::Type t, Lang L) {
  switch (t) {
    case ScenarioEvent::Type::set_yield: return tr(L, "设定合格率", "set yield");
    case ScenarioEvent::Type::stop: return tr(L, "停产/减产", "stop");
    case ScenarioEvent::Type::decertify: return tr(L, "取消认证", "decertify");
    case ScenarioEvent::Type::spread_issue: return tr(L, "问题扩散", "spread issue");
    case ScenarioEvent::Type::fix_issue: return tr(L, "问题整改", "fix issue");
    case ScenarioEvent::Type::assist: return tr(L, "帮扶", "assist");
    case ScenarioEvent::Type::perturb: return tr(L, "产出扰动", "perturb");
    case ScenarioEvent::Type::require: return tr(L, "新增认证要求", "require");
    case ScenarioEvent::Type::drop_requirement: return tr(L, "取消认证要求", "drop requirement");
  }
  return "";
}

}  // namespace

void write_whatif(json::Writer& w, const ChainGraph& g, const std::vector<WhatIfResult>& results, std::size_t top) {
  w.StartObject();
  json::key(w, "chain"); json::str(w, g.info().id);
  json::key(w, "scenarios");
  w.StartArray();
  for (const WhatIfResult& r : results) {
    w.StartObject();
    json::key(w, "name"); json::str(w, r.name);
    json::key(w, "upstream"); w.Bool(r.upstream);
    json::key(w, "shocked"); id_list(w, g, r.shocked);
    json::key(w, "events");
    w.StartArray();
    for (const WhatIfResult::EventOutcome& e : r.events) {
      w.StartObject();
      json::key(w, "type"); json::str(w, event_type_name(e.type));
      json::key(w, "named"); json::count(w, e.named);
      json::key(w, "changed"); json::count(w, e.changed);
      w.EndObject();
    }
    w.EndArray();
    json::key(w, "quality");
    w.StartObject();
    json::key(w, "leaders");
    change_list(w, g, r.leader_yield);
    json::key(w, "changed");
    change_list(w, g, r.changed);
    w.EndObject();
    json::key(w, "production");
    w.StartObject();
    json::key(w, "leaders");
    w.StartArray();
    const auto leaders = g.leaders();
    for (std::size_t i = 0; i < leaders.size(); ++i) {
      w.StartObject();
      json::key(w, "id"); json::str(w, g.firm(leaders[i]).id);
      json::key(w, "level"); json::num(w, r.leader_level[i]);
      w.EndObject();
    }
    w.EndArray();
    json::key(w, "total_loss"); json::num(w, r.total_loss);
    json::key(w, "stopped"); id_list(w, g, r.stopped);
    json::key(w, "reduced");
    w.StartArray();
    for (std::size_t k = 0; k < r.reduced.size() && k < top; ++k) {
      w.StartObject();
      json::key(w, "id"); json::str(w, g.firm(r.reduced[k]).id);
      json::key(w, "level"); json::num(w, r.level[r.reduced[k]]);
      w.EndObject();
    }
    w.EndArray();
    json::key(w, "reduced_count"); json::count(w, r.reduced.size());
    w.EndObject();
    json::key(w, "warnings");
    w.StartArray();
    for (const auto& [firm, scheme] : r.decertified_without_effect) {
      w.StartObject();
      json::key(w, "code"); json::str(w, "decertify_without_effect");
      json::key(w, "firm"); json::str(w, g.firm(firm).id);
      json::key(w, "scheme"); json::str(w, g.schemes()[scheme]);
      w.EndObject();
    }
    w.EndArray();
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
}

std::string whatif_json(const ChainGraph& g, const std::vector<WhatIfResult>& results, std::size_t top) {
  return json::document([&](json::Writer& w) { write_whatif(w, g, results, top); });
}

namespace {
// "… and 12 more (--top shows more)": a capped list says that it was capped.
std::string more_rows(std::size_t n, Lang L) {
  return std::string(tr(L, "  ……另有 ", "  … and ")) + std::to_string(n) + tr(L, " 家（--top 可显示更多）", " more (--top shows more)") + "\n";
}
}  // namespace

std::string whatif_text(const ChainGraph& g, const std::vector<WhatIfResult>& results, Lang L, std::size_t top) {
  std::string out;
  for (const WhatIfResult& r : results) {
    out += std::string(tr(L, "【情景】", "[Scenario] ")) + r.name + "\n";
    out += std::string(tr(L, "直接受冲击企业：", "Firms changed directly: ")) + std::to_string(r.shocked.size()) + "\n";
    for (std::size_t k = 0; k < r.events.size(); ++k) {
      const auto& e = r.events[k];
      out += "  " + std::to_string(k + 1) + ". " + event_type_label(e.type, L) + tr(L, "：涉及 ", ": names ") + std::to_string(e.named) +
             tr(L, " 家，实际改变 ", " firms, changes ") + std::to_string(e.changed) + tr(L, " 家", "") + "\n";
    }
    TextTable t;
    t.add_column("ID");
    t.add_column(tr(L, "链主", "Leader"));
    t.add_column(tr(L, "交付合格率（前）", "Delivered yield before"), TextTable::Align::right);
    t.add_column(tr(L, "交付合格率（后）", "after"), TextTable::Align::right);
    t.add_column(tr(L, "变化(百分点)", "change (points)"), TextTable::Align::right);
    t.add_column(tr(L, "生产水平", "Production level"), TextTable::Align::right);
    for (std::size_t i = 0; i < r.leader_yield.size(); ++i) {
      const auto& c = r.leader_yield[i];
      t.add_row({g.firm(c.firm).id, g.firm(c.firm).name, percent(c.before, 2), percent(c.after, 2),
                 fixed((c.after - c.before) * 100, 3), percent(r.leader_level[i], 1)});
    }
    out += t.render();
    out += std::string(tr(L, "交付合格率变化的企业：", "Firms whose delivered yield changed: ")) + std::to_string(r.changed.size()) +
           tr(L, "；产出加权总损失：", "; weighted total output loss: ") + percent(r.total_loss, 2) +
           tr(L, "；停产企业：", "; firms stopped: ") + std::to_string(r.stopped.size()) + tr(L, "；减产企业：", "; reduced: ") +
           std::to_string(r.reduced.size()) + "\n";
    for (const auto& [firm, scheme] : r.decertified_without_effect)
      out += std::string(tr(L, "警告：取消 ", "warning: withdrawing ")) + g.firm(firm).id + " " + g.firm(firm).name +
             tr(L, " 的 ", "'s ") + g.schemes()[scheme] +
             tr(L, " 认证未切断任何供货：其客户不要求（或已豁免）该认证", " stops no delivery: no customer requires it (or the requirement was dropped)") +
             "\n";
    for (std::size_t k = 0; k < r.changed.size() && k < top; ++k) {
      const auto& c = r.changed[k];
      out += "  " + g.firm(c.firm).id + " " + g.firm(c.firm).name + "：" + percent(c.before, 2) + " → " + percent(c.after, 2) + "\n";
    }
    if (r.changed.size() > top) out += more_rows(r.changed.size() - top, L);
    if (!r.stopped.empty()) out += std::string(tr(L, "停产企业：", "Firms stopped:")) + "\n";
    for (std::size_t k = 0; k < r.stopped.size() && k < top; ++k) {
      const FirmId v = r.stopped[k];
      out += "  " + g.firm(v).id + " " + g.firm(v).name + tr(L, "：停产", ": stopped") + "\n";
    }
    if (r.stopped.size() > top) out += more_rows(r.stopped.size() - top, L);
    if (!r.reduced.empty()) out += std::string(tr(L, "减产企业：", "Firms with reduced output:")) + "\n";
    for (std::size_t k = 0; k < r.reduced.size() && k < top; ++k) {
      const FirmId v = r.reduced[k];
      out += "  " + g.firm(v).id + " " + g.firm(v).name + tr(L, "：生产水平 ", ": production level ") + percent(r.level[v], 1) + "\n";
    }
    if (r.reduced.size() > top) out += more_rows(r.reduced.size() - top, L);
    out += "\n";
  }
  return out;
}

namespace {

// Per role: whether its probability was given or is the illustrative default.
bool any_default(const RiskOptions& o) {
  for (bool given : o.probability_given)
    if (!given) return true;
  return false;
}

}  // namespace

void write_risk(json::Writer& w, const ChainGraph& g, const RiskResult& r, const RiskOptions& o, std::size_t top) {
  w.StartObject();
  json::key(w, "chain"); json::str(w, g.info().id);
  json::key(w, "runs"); json::count(w, r.runs);
  json::key(w, "seed"); json::count(w, o.seed);
  json::key(w, "upstream"); w.Bool(o.upstream);
  json::key(w, "probability_unit"); json::str(w, "per_year");
  json::key(w, "stop_probability");
  json::role_object(w, o.stop_probability);
  json::key(w, "stop_probability_source");
  w.StartObject();
  for (int k = 0; k < kRoleCount; ++k) {
    json::key(w, to_string(static_cast<Role>(k)));
    json::str(w, o.probability_given[k] ? "given" : "illustrative_default");
  }
  w.EndObject();
  json::key(w, "leaders");
  w.StartArray();
  for (std::size_t i = 0; i < r.leaders.size(); ++i) {
    const LeaderRisk& l = r.leaders[i];
    w.StartObject();
    json::key(w, "id"); json::str(w, g.firm(l.leader).id);
    json::key(w, "weight"); json::num(w, r.leader_weight[i]);
    json::key(w, "mean"); json::num(w, l.mean);
    json::key(w, "p50"); json::num(w, l.p50);
    json::key(w, "p95"); json::num(w, l.p95);
    json::key(w, "p99"); json::num(w, l.p99);
    json::key(w, "stop_probability"); json::num(w, l.stop_probability);
    w.EndObject();
  }
  w.EndArray();
  json::key(w, "leaders_loss_mean"); json::num(w, r.leaders_loss_mean);
  json::key(w, "total_loss");
  w.StartObject();
  json::key(w, "mean"); json::num(w, r.total_loss_mean);
  json::key(w, "p95"); json::num(w, r.total_loss_p95);
  w.EndObject();
  json::key(w, "causes_count"); json::count(w, r.ranking.size());
  json::key(w, "causes");
  w.StartArray();
  for (std::size_t k = 0; k < r.ranking.size() && k < top; ++k) {
    const FirmId v = r.ranking[k];
    w.StartObject();
    json::key(w, "id"); json::str(w, g.firm(v).id);
    json::key(w, "role"); json::str(w, to_string(g.firm(v).role));
    json::key(w, "stop_probability"); json::num(w, o.stop_probability[static_cast<int>(g.firm(v).role)]);
    json::key(w, "stop_runs"); json::count(w, r.stop_runs[v]);
    json::key(w, "attributable_loss"); json::num(w, r.attributable_loss[v]);
    json::key(w, "standard_error"); json::num(w, r.attributable_se[v]);
    json::key(w, "cause_runs"); json::count(w, r.cause_runs[v]);
    w.EndObject();
  }
  w.EndArray();
  json::key(w, "warnings");
  w.StartArray();
  if (r.leaders_stop_almost_always) {
    w.StartObject();
    json::key(w, "code"); json::str(w, "leaders_stop_almost_always");
    json::key(w, "threshold"); json::num(w, kAlmostAlways);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
}

std::string risk_json(const ChainGraph& g, const RiskResult& r, const RiskOptions& o, std::size_t top) {
  return json::document([&](json::Writer& w) { write_risk(w, g, r, o, top); });
}

std::string risk_text(const ChainGraph& g, const RiskResult& r, const RiskOptions& o, Lang L, std::size_t top) {
  std::string out = std::string(tr(L, "【断供风险（蒙特卡洛）】", "[Disruption risk (Monte Carlo)]")) + " " + std::to_string(r.runs) +
                    tr(L, " 次模拟（每次代表一年），随机种子 ", " runs (each one year), seed ") + std::to_string(o.seed) + "\n";
  out += tr(L, "年停产概率：", "Stop probabilities per year: ");
  for (int k = 0; k < kRoleCount; ++k)
    out += std::string(k ? (L == Lang::zh ? "，" : ", ") : "") + role_label(static_cast<Role>(k), L) + " " + percent(o.stop_probability[k], 1) +
           (o.probability_given[k] ? "" : "*");
  out += "\n";
  if (any_default(o))
    out += tr(L, "  * 示意默认值，无公开来源；请用 --stop-prob 按本地数据设定。\n",
              "  * illustrative default, from no published source; set local figures with --stop-prob.\n");
  if (r.leaders_stop_almost_always)
    out += std::string(tr(L, "警告：每个链主都在超过 ", "warning: every leader stops in more than ")) + percent(kAlmostAlways, 0) +
           tr(L, " 的模拟中停产：这一结果反映的是所设停产概率，多于产业链本身。\n",
              " of the runs: the result reflects the stop probabilities more than the chain.\n");
  TextTable t;
  t.add_column("ID");
  t.add_column(tr(L, "链主", "Leader"));
  t.add_column(tr(L, "平均产出损失", "Mean loss"), TextTable::Align::right);
  t.add_column("P50", TextTable::Align::right);
  t.add_column("P95", TextTable::Align::right);
  t.add_column("P99", TextTable::Align::right);
  t.add_column(tr(L, "年停产概率", "P(stop) per year"), TextTable::Align::right);
  for (std::size_t i = 0; i < r.leaders.size() && i < top; ++i) {
    const LeaderRisk& l = r.leaders[i];
    t.add_row({g.firm(l.leader).id, g.firm(l.leader).name, percent(l.mean, 2), percent(l.p50, 1), percent(l.p95, 1), percent(l.p99, 1),
               percent(l.stop_probability, 1)});
  }
  out += t.render();
  if (r.leaders.size() > top) out += more_rows(r.leaders.size() - top, L);
  out += std::string(tr(L, "链主加权平均产出损失 ", "Leaders' weighted mean output loss ")) + percent(r.leaders_loss_mean, 2) +
         tr(L, "；全链产出加权损失：平均 ", "; weighted total output loss: mean ") + percent(r.total_loss_mean, 2) + ", P95 " +
         percent(r.total_loss_p95, 2) + "\n";
  out += std::string(tr(L, "停产企业按预期归因损失排序（年停产概率 ×〔该企业停产的年份中链主加权平均损失 − 其余年份的〕；“停产次数”为所依据的模拟次数）：",
                        "Firms by expected attributable loss (stop probability per year × [leaders' weighted mean loss in the runs where it "
                        "stopped − in the others]; \"stop runs\": the runs it rests on):")) +
         "\n";
  if (r.ranking.empty())
    return out + (r.leaders_stop_almost_always
                      ? tr(L, "  （无法排序：链主几乎每次都停产，任何一家企业停产与否都不改变链主损失；请按本地数据降低 --stop-prob 后再看）\n",
                           "  (no ranking: the leaders stop in almost every run, so no single firm's stop changes their loss; "
                           "lower --stop-prob to local figures and look again)\n")
                      : tr(L, "  （无：没有企业的停产增加链主损失）\n", "  (none: no firm's stop added to the leaders' loss)\n"));
  TextTable c;
  c.add_column("ID");
  c.add_column(tr(L, "名称", "Name"));
  c.add_column(tr(L, "规模", "Role"));
  c.add_column(tr(L, "年停产概率", "P(stop)"), TextTable::Align::right);
  c.add_column(tr(L, "停产次数", "Stop runs"), TextTable::Align::right);
  c.add_column(tr(L, "归因损失", "Attributable loss"), TextTable::Align::right);
  c.add_column(tr(L, "标准误", "Std. error"), TextTable::Align::right);
  for (std::size_t k = 0; k < r.ranking.size() && k < top; ++k) {
    const FirmId v = r.ranking[k];
    c.add_row({g.firm(v).id, g.firm(v).name, role_label(g.firm(v).role, L), percent(o.stop_probability[static_cast<int>(g.firm(v).role)], 1),
               std::to_string(r.stop_runs[v]), percent(r.attributable_loss[v], 3), percent(r.attributable_se[v], 3)});
  }
  out += c.render();
  if (r.ranking.size() > top) out += more_rows(r.ranking.size() - top, L);
  return out;
}

namespace {

const char* stop_code(PlanStop s) {
  switch (s) {
    case PlanStop::no_more_candidates: return "no_more_candidates";
    case PlanStop::no_more_gain: return "no_more_gain";
    case PlanStop::budget_money: return "budget_money";
    default: return "";
  }
}

int active_goals(const PlanOptions& o) { return (o.goals.leaders > 0) + (o.goals.grades > 0) + (o.goals.gaps > 0); }

// The objective's value as text: yield in points, firms and links as whole numbers, a mix as a score.
std::string objective_text(const PlanResult& r, const PlanOptions& o, double x) {
  if (r.normalised) return fixed(x, 4);
  if (o.goals.leaders > 0) return fixed(x * 100, 4);
  return fixed(x, 0);
}

const char* objective_unit(const PlanResult& r, const PlanOptions& o, Lang L) {
  if (r.normalised) return tr(L, "得分", "score");
  if (o.goals.leaders > 0) return tr(L, "百分点", "points");
  if (o.goals.grades > 0) return tr(L, "家", "firms");
  return tr(L, "条", "links");
}

bool shows_money(const PlanOptions& o) {
  if (!std::isnan(o.budget_money) || !o.firm_cost.empty() || o.cost_default != 1.0) return true;
  for (double c : o.role_cost)
    if (!std::isnan(c)) return true;
  return false;
}

std::string roles_text(const std::vector<Role>& roles, Lang L) {
  std::string out;
  for (Role role : roles) out += (out.empty() ? "" : tr(L, "、", ", ")) + std::string(role_label(role, L));
  return out;
}

}  // namespace

std::string plan_stop_text(const PlanResult& r, const PlanOptions& o, Lang L) {
  if (r.stopped_short == PlanStop::none) return "";
  const std::string chosen = std::to_string(r.steps.size());
  std::string out = r.steps.empty() ? std::string(tr(L, "计划为空", "The plan is empty"))
                                    : std::string(tr(L, "计划只选出 ", "The plan holds only ")) + chosen +
                                          tr(L, " 家", r.steps.size() == 1 ? " firm" : " firms");
  if (o.budget != graphs::kNone) out += std::string(tr(L, "（预算 ", " (budget ")) + std::to_string(o.budget) + tr(L, " 家）", " firms)");
  out += tr(L, "：", ": ");
  const std::string pool = std::to_string(r.candidates) + tr(L, " 家候选企业（", " candidates (") + roles_text(o.candidates, L) + tr(L, "）", ")");
  switch (r.stopped_short) {
    case PlanStop::no_more_candidates:
      out += std::string(tr(L, "只有 ", "only ")) + pool + tr(L, "，已全部入选。", ", all of them in the plan.");
      break;
    case PlanStop::no_more_gain:
      if (r.candidates_with_gain == 0)
        out += std::string(tr(L, "帮扶任何一家候选企业都不能提高目标（", "assisting any candidate raises the objective by nothing (")) + pool +
               (o.goals.leaders > 0 && o.action == PlanOptions::Action::yield_gain && o.gain <= 0
                    ? tr(L, "；--gain 为 0，不可能有提升）。", "; --gain is 0, so no gain is possible).")
                    : tr(L, "）。", ")."));
      else
        out += L == Lang::zh ? pool + "中只有 " + std::to_string(r.candidates_with_gain) + " 家帮扶后能提高目标，其余帮扶后目标不变。"
                             : "only " + std::to_string(r.candidates_with_gain) + " of the " + pool +
                                   " raise the objective when assisted; assisting the others changes nothing.";
      break;
    case PlanStop::budget_money:
      out += L == Lang::zh ? "资金预算 " + fixed(o.budget_money, 2) + " 万元已用 " + fixed(r.money_spent, 2) + " 万元，剩余 " +
                                 fixed(o.budget_money - r.money_spent, 2) + " 万元不够帮扶下一家能提高目标的候选企业。"
                           : "the money budget binds: " + fixed(r.money_spent, 2) + " of " + fixed(o.budget_money, 2) + " (10k CNY) spent, " +
                                 fixed(o.budget_money - r.money_spent, 2) + " left, too little for any candidate left that would raise the objective.";
      break;
    default: break;
  }
  return out + "\n";
}

namespace {
void goal_values(json::Writer& w, const GoalValues& v) {
  w.StartObject();
  json::key(w, "leaders"); json::num(w, v.leaders);
  json::key(w, "grades"); json::num(w, v.grades);
  json::key(w, "gaps"); json::num(w, v.gaps);
  w.EndObject();
}
}  // namespace

void write_plan(json::Writer& w, const ChainGraph& g, const PlanResult& r, const PlanOptions& o) {
  w.StartObject();
  json::key(w, "chain"); json::str(w, g.info().id);
  json::key(w, "budget");
  if (o.budget == graphs::kNone) w.Null();
  else json::count(w, o.budget);
  json::key(w, "budget_money"); json::num(w, o.budget_money);
  json::key(w, "action"); json::str(w, o.action == PlanOptions::Action::yield_gain ? "yield_gain" : "fix_issues");
  if (o.action == PlanOptions::Action::yield_gain) {
    json::key(w, "gain");
    json::num(w, o.gain);
  }
  json::key(w, "candidates");
  w.StartArray();
  for (Role role : o.candidates) json::str(w, to_string(role));
  w.EndArray();
  json::key(w, "goals");
  goal_values(w, o.goals);
  json::key(w, "normalised"); w.Bool(r.normalised);
  json::key(w, "goal_max");
  goal_values(w, r.goal_max);
  json::key(w, "cost");
  w.StartObject();
  json::key(w, "default"); json::num(w, o.cost_default);
  json::key(w, "by_role");
  w.StartObject();
  for (int k = 0; k < kRoleCount; ++k)
    if (!std::isnan(o.role_cost[k])) {
      json::key(w, to_string(static_cast<Role>(k)));
      json::num(w, o.role_cost[k]);
    }
  w.EndObject();
  json::key(w, "per_firm"); w.Bool(!o.firm_cost.empty());
  w.EndObject();
  json::key(w, "baseline"); json::num(w, r.baseline);
  json::key(w, "plan");
  w.StartArray();
  for (std::size_t k = 0; k < r.steps.size(); ++k) {
    const PlanStep& s = r.steps[k];
    const Firm& f = g.firm(s.firm);
    w.StartObject();
    json::key(w, "rank"); json::count(w, k + 1);
    json::key(w, "id"); json::str(w, f.id);
    json::key(w, "name"); json::str(w, f.name);
    json::key(w, "segment"); json::str(w, g.segment_id(f.segment));
    json::key(w, "issues");
    w.StartArray();
    for (const FirmIssue& x : f.issues) json::str(w, g.issues()[x.issue].code);
    w.EndArray();
    json::key(w, "cost"); json::num(w, s.cost);
    json::key(w, "marginal_gain"); json::num(w, s.marginal_gain);
    json::key(w, "cumulative_gain"); json::num(w, s.cumulative_gain);
    json::key(w, "cumulative_cost"); json::num(w, s.cumulative_cost);
    json::key(w, "gains");
    w.StartObject();
    if (o.goals.leaders > 0) { json::key(w, "leaders"); json::num(w, s.gains.leaders); }
    if (o.goals.grades > 0) { json::key(w, "grades"); json::num(w, s.gains.grades); }
    if (o.goals.gaps > 0) { json::key(w, "gaps"); json::num(w, s.gains.gaps); }
    w.EndObject();
    w.EndObject();
  }
  w.EndArray();
  json::key(w, "money_spent"); json::num(w, r.money_spent);
  json::key(w, "greedy"); json::str(w, r.greedy == PlanGreedy::unit_cost ? "unit_cost" : "gain_per_cost");
  json::key(w, "other_greedy_gain"); json::num(w, r.other_greedy_gain);
  json::key(w, "candidate_count"); json::count(w, r.candidates);
  json::key(w, "candidates_with_gain"); json::count(w, r.candidates_with_gain);
  json::key(w, "stopped_short");
  if (r.stopped_short == PlanStop::none) {
    w.Null();
  } else {
    w.StartObject();
    json::key(w, "reason"); json::str(w, stop_code(r.stopped_short));
    json::key(w, "chosen"); json::count(w, r.steps.size());
    json::key(w, "candidates"); json::count(w, r.candidates);
    json::key(w, "candidates_with_gain"); json::count(w, r.candidates_with_gain);
    json::key(w, "money_left"); json::num(w, std::isnan(o.budget_money) ? graphs::kAbsent : o.budget_money - r.money_spent);
    w.EndObject();
  }
  json::key(w, "naive");
  w.StartObject();
  json::key(w, "lowest_yield_first");
  w.StartObject();
  json::key(w, "firms"); id_list(w, g, r.lowest_yield_first);
  json::key(w, "gain"); json::num(w, r.lowest_yield_gain);
  w.EndObject();
  json::key(w, "most_customers_first");
  w.StartObject();
  json::key(w, "firms"); id_list(w, g, r.most_customers_first);
  json::key(w, "gain"); json::num(w, r.most_customers_gain);
  w.EndObject();
  w.EndObject();
  json::key(w, "evaluations"); json::count(w, r.evaluations);
  w.EndObject();
}

std::string plan_json(const ChainGraph& g, const PlanResult& r, const PlanOptions& o) {
  return json::document([&](json::Writer& w) { write_plan(w, g, r, o); });
}

std::string plan_text(const ChainGraph& g, const PlanResult& r, const PlanOptions& o, Lang L) {
  std::string out = std::string(tr(L, "【帮扶台账】", "[Assistance ledger]")) + " " + tr(L, "目标：", "goal: ");
  std::vector<std::string> goals;
  const auto goal = [&](double weight, const char* zh, const char* en) {
    if (weight <= 0) return;
    goals.push_back(std::string(tr(L, zh, en)) + (active_goals(o) > 1 ? " " + fixed(weight, 2) : ""));
  };
  goal(o.goals.leaders, "链主加权交付合格率", "the leaders' weighted delivered yield");
  goal(o.goals.grades, "按分级规则升级的企业数", "firms promoted by the rubric");
  goal(o.goals.gaps, "补齐的认证缺口供应关系", "certification gap links closed");
  for (std::size_t k = 0; k < goals.size(); ++k) out += (k ? tr(L, "，", ", ") : "") + goals[k];
  if (r.normalised)
    out += tr(L, "（各目标除以帮扶全部候选企业时的最大提升后加权）", " (each goal divided by its gain with every candidate assisted, then weighted)");
  out += "\n";
  if (o.goals.leaders > 0 || o.goals.grades > 0)
    out += std::string(tr(L, "帮扶方式：", "Assistance: ")) +
           (o.action == PlanOptions::Action::yield_gain
                ? std::string(tr(L, "每家帮扶企业一次合格率提升 ", "each assisted firm's first-pass yield +")) + fixed(o.gain * 100, 1) +
                      tr(L, " 个百分点", " points")
                : std::string(tr(L, "帮扶企业消除全部质量问题", "assisted firms fix all their quality issues"))) +
           (o.goals.gaps > 0 ? tr(L, "；并取得客户要求的全部认证", "; and obtain every certificate their customers require") : "") + "\n";
  else
    out += tr(L, "帮扶方式：帮扶企业取得客户要求的全部认证\n", "Assistance: assisted firms obtain every certificate their customers require\n");
  out += tr(L, "预算：", "Budget: ");
  if (o.budget != graphs::kNone) out += std::to_string(o.budget) + tr(L, " 家", " firms");
  if (!std::isnan(o.budget_money))
    out += (o.budget != graphs::kNone ? tr(L, "；", "; ") : "") + fixed(o.budget_money, 1) + tr(L, " 万元", " (10k CNY)");
  out += std::string(tr(L, "；候选：", "; candidates: ")) + std::to_string(r.candidates) + tr(L, " 家（", " (") + roles_text(o.candidates, L) +
         tr(L, "），", "), ") + std::to_string(r.candidates_with_gain) + tr(L, " 家帮扶后能提高目标", " of them raise the objective") + "\n";
  const bool money = shows_money(o);
  if (money) {
    out += std::string(tr(L, "每家费用（万元）：默认 ", "Cost per firm (10k CNY): default ")) + fixed(o.cost_default, 2);
    for (int k = 0; k < kRoleCount; ++k)
      if (!std::isnan(o.role_cost[k])) out += tr(L, "，", ", ") + std::string(role_label(static_cast<Role>(k), L)) + " " + fixed(o.role_cost[k], 2);
    if (!o.firm_cost.empty()) out += tr(L, "，部分企业按台账单列", ", some firms from the ledger");
    out += "\n";
  }
  if (o.goals.leaders > 0) out += std::string(tr(L, "链主加权交付合格率（现状）：", "Leaders' weighted delivered yield now: ")) + percent(r.baseline, 3) + "\n";
  const std::string unit = objective_unit(r, o, L);
  TextTable t;
  t.add_column(tr(L, "序号", "Rank"), TextTable::Align::right);
  t.add_column("ID");
  t.add_column(tr(L, "企业", "Firm"));
  t.add_column(tr(L, "环节", "Segment"));
  t.add_column(tr(L, "质量问题", "Issues"));
  if (money) t.add_column(tr(L, "费用(万元)", "Cost (10k CNY)"), TextTable::Align::right);
  if (r.normalised) {
    if (o.goals.leaders > 0) t.add_column(tr(L, "合格率(百分点)", "Yield (points)"), TextTable::Align::right);
    if (o.goals.grades > 0) t.add_column(tr(L, "升级", "Promoted"), TextTable::Align::right);
    if (o.goals.gaps > 0) t.add_column(tr(L, "补齐缺口", "Gaps closed"), TextTable::Align::right);
  }
  t.add_column(std::string(tr(L, "边际提升(", "Marginal (")) + unit + ")", TextTable::Align::right);
  t.add_column(std::string(tr(L, "累计提升(", "Cumulative (")) + unit + ")", TextTable::Align::right);
  for (std::size_t k = 0; k < r.steps.size(); ++k) {
    const PlanStep& s = r.steps[k];
    const Firm& f = g.firm(s.firm);
    std::string issues;
    for (const FirmIssue& x : f.issues) issues += (issues.empty() ? "" : " ") + g.issues()[x.issue].code;
    std::vector<std::string> row{std::to_string(k + 1), f.id, f.name, segment_label(g, f.segment, L), issues.empty() ? "-" : issues};
    if (money) row.push_back(fixed(s.cost, 2));
    if (r.normalised) {
      if (o.goals.leaders > 0) row.push_back(fixed(s.gains.leaders * 100, 4));
      if (o.goals.grades > 0) row.push_back(fixed(s.gains.grades, 0));
      if (o.goals.gaps > 0) row.push_back(fixed(s.gains.gaps, 0));
    }
    row.push_back(objective_text(r, o, s.marginal_gain));
    row.push_back(objective_text(r, o, s.cumulative_gain));
    t.add_row(std::move(row));
  }
  if (!r.steps.empty()) out += t.render();
  out += plan_stop_text(r, o, L);
  if (money)
    out += std::string(tr(L, "费用合计 ", "Total cost ")) + fixed(r.money_spent, 2) + tr(L, " 万元", " (10k CNY)") +
           (std::isnan(r.other_greedy_gain) ? std::string()
                                            : std::string(tr(L, "；按", "; of the greedy plans by ")) +
                                                  (r.greedy == PlanGreedy::unit_cost ? tr(L, "提升排序与按提升/费用比排序的两个贪心方案中取前者（后者 ",
                                                                                          "gain and by gain per cost the first is kept (the other: ")
                                                                                     : tr(L, "提升/费用比排序与按提升排序的两个贪心方案中取前者（后者 ",
                                                                                          "gain per cost and by gain the first is kept (the other: ")) +
                                                  objective_text(r, o, r.other_greedy_gain) + " " + unit + tr(L, "）", ")")) +
           "\n";
  if (r.steps.empty()) return out;
  const double best = r.steps.back().cumulative_gain;
  out += std::string(tr(L, "同等规模的朴素方案：按一次合格率最低优先 ", "Naive plans of the same size: lowest yield first ")) +
         objective_text(r, o, r.lowest_yield_gain) + " " + unit + tr(L, "；按客户最多优先 ", "; most customers first ") +
         objective_text(r, o, r.most_customers_gain) + " " + unit + tr(L, "；优化方案 ", "; this plan ") + objective_text(r, o, best) + " " + unit +
         tr(L, "。", ".") + "\n";
  return out;
}

}  // namespace qchain::report
