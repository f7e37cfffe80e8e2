#include "qchain/engine/scenario.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <optional>
#include <sstream>

#include "json_in.hpp"
#include "qchain/graphs/error.hpp"

namespace qchain::engine {

using namespace qchain::graphs;

namespace {

using json_in::Value;
using Type = ScenarioEvent::Type;

// The generic reader plus the chain's firms, segments and issue codes.
class Reader : public json_in::Reader {
 public:
  explicit Reader(const ChainGraph& g) : g_(g) {}

  std::optional<FirmId> firm(const Value& v, const std::string& path) {
    if (!v.IsString()) {
      problem(path, "expected a firm id (a string)");
      return std::nullopt;
    }
    auto f = g_.find_firm(std::string_view(v.GetString(), v.GetStringLength()));
    if (!f) problem(path, "unknown firm \"" + std::string(v.GetString()) + "\"");
    return f;
  }
  std::vector<FirmId> firms(const Value& obj, const std::string& path, bool required) {
    std::vector<FirmId> out;
    const Value* v = member(obj, "firms", path, required);
    if (!v) return out;
    if (!v->IsArray() || v->Empty()) {
      problem(path + ".firms", "expected a non-empty array of firm ids");
      return out;
    }
    for (rapidjson::SizeType k = 0; k < v->Size(); ++k)
      if (auto f = firm((*v)[k], path + ".firms[" + std::to_string(k) + "]")) out.push_back(*f);
    return out;
  }
  std::optional<std::uint32_t> segment(const Value& obj, const std::string& path, bool required) {
    auto id = text(obj, "segment", path, required);
    if (!id) return std::nullopt;
    auto s = g_.find_segment(*id);
    if (!s) problem(path + ".segment", "unknown segment \"" + *id + "\"");
    return s;
  }
  std::optional<std::uint32_t> issue(const Value& obj, const char* key, const std::string& path) {
    auto code = text(obj, key, path, true);
    if (!code) return std::nullopt;
    auto i = g_.find_issue(*code);
    if (!i) problem(path + "." + key, "unknown issue code \"" + *code + "\"");
    return i;
  }
  std::vector<FirmId> segment_firms(std::uint32_t seg) const {
    std::vector<FirmId> out;
    for (FirmId v = 0; v < g_.firm_count(); ++v)
      if (g_.firm(v).segment == seg) out.push_back(v);
    return out;
  }
  std::vector<FirmId> issue_firms(std::uint32_t issue) const {
    std::vector<FirmId> out;
    for (FirmId v = 0; v < g_.firm_count(); ++v)
      for (const FirmIssue& x : g_.firm(v).issues)
        if (x.issue == issue) out.push_back(v);
    return out;
  }
  const ChainGraph& g_;
};

ScenarioEvent read_event(Reader& r, const Value& e, const std::string& path, const ChainGraph& g) {
  ScenarioEvent ev;
  auto type = r.text(e, "type", path, true);
  if (!type) return ev;
  static const std::pair<const char*, Type> kTypes[] = {
      {"set_yield", Type::set_yield}, {"stop", Type::stop},       {"decertify", Type::decertify}, {"spread_issue", Type::spread_issue},
      {"fix_issue", Type::fix_issue}, {"assist", Type::assist}, {"perturb", Type::perturb}};
  auto it = std::find_if(std::begin(kTypes), std::end(kTypes), [&](const auto& t) { return *type == t.first; });
  if (it == std::end(kTypes)) {
    r.problem(path + ".type", "unknown event type \"" + *type +
                                  "\" (expected set_yield, stop, decertify, spread_issue, fix_issue, assist or perturb)");
    return ev;
  }
  ev.type = it->second;
  switch (ev.type) {
    case Type::set_yield: {
      const int targets = e.HasMember("firms") + e.HasMember("segment") + e.HasMember("issue");
      if (targets != 1) r.problem(path, "set_yield needs exactly one of firms, segment or issue");
      else if (e.HasMember("firms")) ev.firms = r.firms(e, path, true);
      else if (e.HasMember("segment")) {
        if (auto s = r.segment(e, path, true)) ev.firms = r.segment_firms(*s);
      } else if (auto i = r.issue(e, "issue", path)) {
        ev.firms = r.issue_firms(*i);
      }
      if (e.HasMember("value") == e.HasMember("delta")) r.problem(path, "set_yield needs exactly one of value or delta");
      else if (e.HasMember("value")) ev.value = r.number(e, "value", path, true, 0, 1).value_or(kAbsent);
      else ev.delta = r.number(e, "delta", path, true, -1, 1).value_or(kAbsent);
      break;
    }
    case Type::stop:
      ev.firms = r.firms(e, path, true);
      ev.value = r.number(e, "level", path, false, 0, 1).value_or(0.0);
      break;
    case Type::decertify: {
      if (const Value* f = r.member(e, "firm", path, true))
        if (auto v = r.firm(*f, path + ".firm")) ev.firms = {*v};
      if (auto scheme = r.text(e, "scheme", path, true)) {
        auto s = g.find_scheme(*scheme);
        if (!s) {
          r.problem(path + ".scheme", "unknown certification scheme \"" + *scheme + "\"");
        } else {
          ev.scheme = *s;
          // Withdrawing a certificate the firm does not hold is a mistake in the scenario, not a no-op.
          // A suspended one is still held (暂停 → 撤销 is the usual way a certificate is lost).
          if (ev.firms.size() == 1) {
            const Firm& f = g.firm(ev.firms[0]);
            const bool held = std::any_of(f.certifications.begin(), f.certifications.end(), [&](const Certification& c) {
              Certification as_valid = c;
              as_valid.status = CertStatus::valid;
              return c.scheme == *s && (c.status == CertStatus::valid || c.status == CertStatus::suspended) && g.in_force(as_valid);
            });
            if (!held)
              r.problem(path + ".scheme", "firm \"" + f.id + "\" (" + f.name + ") does not hold " + g.schemes()[*s] +
                                              " (no certificate, or one expired or still in progress)");
          }
        }
      }
      break;
    }
    case Type::spread_issue: {
      if (auto i = r.issue(e, "code", path)) ev.issue = *i;
      if (auto s = r.segment(e, path, true)) ev.firms = r.segment_firms(*s);
      ev.severity = static_cast<std::uint8_t>(r.number(e, "severity", path, true, 1, 5).value_or(1));
      if (e.HasMember("severity") && e["severity"].IsNumber() && e["severity"].GetDouble() != std::floor(e["severity"].GetDouble()))
        r.problem(path + ".severity", "must be a whole number");
      break;
    }
    case Type::fix_issue: {
      auto i = r.issue(e, "code", path);
      if (i) ev.issue = *i;
      if (e.HasMember("segment") && e.HasMember("firms")) r.problem(path, "fix_issue takes segment or firms, not both");
      std::vector<FirmId> scope;
      if (e.HasMember("firms")) scope = r.firms(e, path, true);
      else if (e.HasMember("segment")) {
        if (auto s = r.segment(e, path, true)) scope = r.segment_firms(*s);
      } else if (i) {
        scope = r.issue_firms(*i);
      }
      ev.firms = scope;
      break;
    }
    case Type::assist:
      ev.firms = r.firms(e, path, true);
      ev.value = r.number(e, "yield_gain", path, true, 0, 1).value_or(0.0);
      break;
    case Type::perturb:
      if (const Value* f = r.member(e, "firm", path, true))
        if (auto v = r.firm(*f, path + ".firm")) ev.firms = {*v};
      ev.value = r.number(e, "inoperability", path, true, 0, 1).value_or(0.0);
      break;
  }
  return ev;
}

}  // namespace

Scenario parse_scenario(const std::string& text, const std::string& name, const ChainGraph& g) {
  rapidjson::Document d;
  json_in::parse(d, text, name);
  Reader r(g);
  Scenario s;
  if (!d.IsObject()) {
    r.problem("", "the document must be a JSON object");
  } else {
    r.format_is(d, "qchain-scenario/1");
    auto title = r.text(d, "name", "", false);
    const auto slash = name.find_last_of('/');
    s.name = title ? *title : (slash == std::string::npos ? name : name.substr(slash + 1));
    if (auto up = r.boolean(d, "upstream", "")) s.upstream = *up;
    if (const Value* events = r.member(d, "events", "", true)) {
      if (!events->IsArray()) r.problem(".events", "expected an array");
      else
        for (rapidjson::SizeType k = 0; k < events->Size(); ++k) {
          const std::string path = ".events[" + std::to_string(k) + "]";
          if (!(*events)[k].IsObject()) r.problem(path, "expected an object");
          else s.events.push_back(read_event(r, (*events)[k], path, g));
        }
    }
  }
  json_in::throw_problems(r, text, name);
  return s;
}

Scenario load_scenario(const std::string& path, const ChainGraph& g) {
  return parse_scenario(json_in::read_file(path), path, g);
}

ScenarioInputs apply_scenario(const ChainGraph& g, const Scenario& s, const OwnDefects& base, const IssueAttribution& attribution) {
  ScenarioInputs in;
  const std::uint32_t n = g.firm_count();
  in.own = base.rate;
  in.psi.assign(n, 0.0);
  in.perturb.assign(n, 0.0);
  in.cut.assign(g.link_count(), 0);
  std::vector<std::uint8_t> shocked(n, 0);
  const auto clamp01 = [](double x) { return std::min(1.0, std::max(0.0, x)); };
  // The issue's share of a firm's defect rate, or kAbsent when the firm does not have it.
  const auto share_of = [&](FirmId v, std::uint32_t issue) {
    const auto& issues = g.firm(v).issues;
    for (std::size_t k = 0; k < issues.size(); ++k)
      if (issues[k].issue == issue) return attribution.of(v, k);
    return kAbsent;
  };
  for (const ScenarioEvent& e : s.events) {
    for (FirmId v : e.firms) shocked[v] = 1;
    switch (e.type) {
      case ScenarioEvent::Type::set_yield:
        for (FirmId v : e.firms) in.own[v] = std::isnan(e.value) ? clamp01(in.own[v] - e.delta) : 1.0 - e.value;
        break;
      case ScenarioEvent::Type::stop:
        for (FirmId v : e.firms) in.psi[v] = std::max(in.psi[v], 1.0 - e.value);
        break;
      case ScenarioEvent::Type::decertify:
        for (FirmId v : e.firms) {
          const SupplyNetwork& net = g.network();
          for (std::uint32_t o = net.out_begin[v]; o < net.out_begin[v + 1]; ++o) {
            const auto& req = g.requirement_sets()[g.link(net.out_link[o]).requires_set];
            if (std::find(req.begin(), req.end(), e.scheme) != req.end()) in.cut[net.out_link[o]] = 1;
          }
        }
        break;
      case ScenarioEvent::Type::spread_issue: {
        double rise = g.issues()[e.issue].yield_loss;
        if (std::isnan(rise)) {
          // Per severity point, what the issue costs the firms that have it.
          double amount = 0, severity = 0;
          for (FirmId v = 0; v < n; ++v)
            for (std::size_t k = 0; k < g.firm(v).issues.size(); ++k)
              if (g.firm(v).issues[k].issue == e.issue) amount += attribution.of(v, k), severity += g.firm(v).issues[k].severity;
          rise = severity > 0 ? amount / severity * e.severity : 0.0;
        }
        for (FirmId v : e.firms)
          if (std::isnan(share_of(v, e.issue))) in.own[v] = clamp01(in.own[v] + rise);
        break;
      }
      case ScenarioEvent::Type::fix_issue:
        for (FirmId v : e.firms) {
          const double share = share_of(v, e.issue);
          if (!std::isnan(share)) in.own[v] = clamp01(in.own[v] - share);
        }
        break;
      case ScenarioEvent::Type::assist:
        for (FirmId v : e.firms) in.own[v] = clamp01(in.own[v] - e.value);
        break;
      case ScenarioEvent::Type::perturb:
        for (FirmId v : e.firms) in.perturb[v] = clamp01(in.perturb[v] + e.value);
        break;
    }
  }
  for (FirmId v = 0; v < n; ++v)
    if (shocked[v]) in.shocked.push_back(v);
  return in;
}

}  // namespace qchain::engine
