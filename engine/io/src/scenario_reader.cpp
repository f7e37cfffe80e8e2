#include "qchain/engine/io/scenario_reader.hpp"

#include <algorithm>
#include <cmath>
#include <optional>

#include "json_in.hpp"
#include "qchain/core/error.hpp"
#include "qchain/graphs/name_match.hpp"

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
    for (rapidjson::SizeType k = 0; k < v->Size(); ++k) {
      const std::string at = path + ".firms[" + std::to_string(k) + "]";
      auto f = firm((*v)[k], at);
      if (!f) continue;
      // Counted twice, an assistance would be applied twice (89 % → 99 % for one firm).
      if (std::find(out.begin(), out.end(), *f) != out.end()) problem(at, "firm \"" + g_.firm(*f).id + "\" is listed twice in this event");
      else out.push_back(*f);
    }
    return out;
  }
  // The firms of `segment` or of `firms`, exactly one of the two.
  std::vector<FirmId> firms_or_segment(const Value& e, const std::string& path, const char* type) {
    if (e.HasMember("firms") == e.HasMember("segment")) {
      problem(path, std::string(type) + " needs exactly one of firms or segment");
      return {};
    }
    if (e.HasMember("firms")) return firms(e, path, true);
    auto s = segment(e, path, true);
    return s ? segment_firms(*s) : std::vector<FirmId>{};
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

struct EventSpec {
  const char* name;
  Type type;
  std::vector<std::string> keys;  // besides "type" and "description"
};
const EventSpec kEvents[] = {
    {"set_yield", Type::set_yield, {"firms", "segment", "issue", "value", "delta"}},
    {"stop", Type::stop, {"firms", "level"}},
    {"decertify", Type::decertify, {"firm", "scheme"}},
    {"spread_issue", Type::spread_issue, {"code", "segment", "severity"}},
    {"fix_issue", Type::fix_issue, {"code", "segment", "firms"}},
    {"assist", Type::assist, {"firms", "yield_gain"}},
    {"perturb", Type::perturb, {"firm", "inoperability"}},
    {"require", Type::require, {"firms", "segment", "scheme"}},
    {"drop_requirement", Type::drop_requirement, {"firms", "segment", "scheme"}},
};

ScenarioEvent read_event(Reader& r, const Value& e, const std::string& path, const ChainGraph& g) {
  ScenarioEvent ev;
  auto type = r.text(e, "type", path, true);
  if (!type) return ev;
  auto it = std::find_if(std::begin(kEvents), std::end(kEvents), [&](const EventSpec& t) { return *type == t.name; });
  if (it == std::end(kEvents)) {
    std::vector<std::string> names;
    for (const EventSpec& t : kEvents) names.push_back(t.name);
    const auto guess = closest_name(*type, names);
    r.problem(path + ".type", "unknown event type \"" + *type + "\"" + (guess ? " (did you mean \"" + *guess + "\"?)" : std::string()) +
                                  " (expected set_yield, stop, decertify, spread_issue, fix_issue, assist, perturb, require or "
                                  "drop_requirement)");
    return ev;
  }
  ev.type = it->type;
  std::vector<std::string> keys = it->keys;
  keys.insert(keys.begin(), {"type", "description"});
  r.known_keys(e, path, keys);
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
    case Type::require:
    case Type::drop_requirement: {
      ev.firms = r.firms_or_segment(e, path, it->name);
      if (auto scheme = r.text(e, "scheme", path, true)) {
        // require may name a scheme nobody holds yet (that is the point); it still needs a name.
        auto known = g.find_scheme(*scheme);
        if (known) ev.scheme = *known;
        else if (ev.type == Type::drop_requirement) r.problem(path + ".scheme", "unknown certification scheme \"" + *scheme + "\"");
        else ev.new_scheme = *scheme;
      }
      break;
    }
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
    r.known_keys(d, "", {"format", "name", "description", "upstream", "events"});
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

}  // namespace qchain::engine
