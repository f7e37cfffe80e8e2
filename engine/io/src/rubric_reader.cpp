#include "qchain/engine/io/rubric_reader.hpp"

#include <algorithm>
#include <cmath>

#include "json_in.hpp"
#include "qchain/core/error.hpp"
#include "qchain/graphs/name_match.hpp"

namespace qchain::engine {

using namespace qchain::graphs;

namespace {

constexpr const char* kCriteriaKeys[] = {"min_first_pass_yield", "min_certifications", "required_schemes", "max_open_issues",
                                         "max_severity", "in_progress_counts_if_assisted"};

std::uint32_t whole(json_in::Reader& r, const json_in::Value& obj, const char* key, const std::string& path, double lo, double hi,
                    std::uint32_t absent) {
  auto x = r.number(obj, key, path, false, lo, hi);
  if (!x) return absent;
  if (*x != std::floor(*x)) {
    r.problem(path + "." + key, "expected a whole number, got " + json_in::Reader::format(*x));
    return absent;
  }
  return static_cast<std::uint32_t>(*x);
}

GradeCriteria read_rung(json_in::Reader& r, const json_in::Value& v, const std::string& path) {
  GradeCriteria c;
  if (!v.IsObject()) {
    r.problem(path, "expected an object");
    return c;
  }
  r.unique_keys(v, path);
  for (auto it = v.MemberBegin(); it != v.MemberEnd(); ++it) {
    const std::string k(it->name.GetString(), it->name.GetStringLength());
    if (std::find(std::begin(kCriteriaKeys), std::end(kCriteriaKeys), k) == std::end(kCriteriaKeys))
      r.problem(path + "." + k, "unknown criterion (known: min_first_pass_yield, min_certifications, required_schemes, "
                                "max_open_issues, max_severity, in_progress_counts_if_assisted)");
  }
  if (auto y = r.number(v, "min_first_pass_yield", path, false, 0, 1)) c.min_yield = *y;
  c.min_certifications = whole(r, v, "min_certifications", path, 0, 1000, 0);
  c.max_open_issues = whole(r, v, "max_open_issues", path, 0, 1000000, kNone);
  c.max_severity = whole(r, v, "max_severity", path, 1, 5, kNone);  // severities run 1..5
  if (auto b = r.boolean(v, "in_progress_counts_if_assisted", path)) c.in_progress_counts_if_assisted = *b;
  if (const json_in::Value* s = r.member(v, "required_schemes", path, false)) {
    if (!s->IsArray()) r.problem(path + ".required_schemes", "expected an array of scheme names");
    else
      for (rapidjson::SizeType k = 0; k < s->Size(); ++k) {
        const std::string p = path + ".required_schemes[" + std::to_string(k) + "]";
        if (!(*s)[k].IsString() || (*s)[k].GetStringLength() == 0) r.problem(p, "expected a scheme name");
        else c.required_schemes.emplace_back((*s)[k].GetString(), (*s)[k].GetStringLength());
      }
  }
  return c;
}

}  // namespace

Rubric parse_rubric(const std::string& text, const std::string& name) {
  rapidjson::Document d;
  json_in::parse(d, text, name);
  json_in::Reader r;
  Rubric rubric;
  if (!d.IsObject()) {
    r.problem("", "the document must be a JSON object");
  } else {
    r.unique_keys(d, "");
    r.format_is(d, "qchain-rubric/1");
    for (auto it = d.MemberBegin(); it != d.MemberEnd(); ++it) {
      const std::string k(it->name.GetString(), it->name.GetStringLength());
      if (k != "format" && k != "name" && k != "description" && k != "grades")
        r.problem("." + k, "unknown key (known: format, name, description, grades)");
    }
    if (auto n = r.text(d, "name", "", false)) rubric.name = *n;
    r.text(d, "description", "", false);  // checked to be a string, not used
    if (const json_in::Value* grades = r.member(d, "grades", "", true)) {
      if (!grades->IsObject()) {
        r.problem(".grades", "expected an object with \"developing\" and \"leaping\"");
      } else {
        r.unique_keys(*grades, ".grades");
        for (auto it = grades->MemberBegin(); it != grades->MemberEnd(); ++it) {
          const std::string k(it->name.GetString(), it->name.GetStringLength());
          if (k != "developing" && k != "leaping")
            r.problem(".grades." + k, "unknown grade (the rungs above startup are \"developing\" and \"leaping\")");
        }
        if (const json_in::Value* v = r.member(*grades, "developing", ".grades", true)) rubric.developing = read_rung(r, *v, ".grades.developing");
        if (const json_in::Value* v = r.member(*grades, "leaping", ".grades", true)) rubric.leaping = read_rung(r, *v, ".grades.leaping");
      }
    }
  }
  json_in::throw_problems(r, text, name);
  return rubric;
}

Rubric load_rubric(const std::string& path) { return parse_rubric(json_in::read_file(path), path); }

}  // namespace qchain::engine
