#pragma once
// Private helpers for the engine's small JSON inputs (scenarios, rubrics): a DOM parsed with
// every problem collected as (path, message), types checked before every Get*(), and all problems
// thrown together as one InputError located at file:line:column.
#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

#include <algorithm>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "qchain/core/error.hpp"
#include "qchain/core/number_format.hpp"
#include "qchain/graphs/name_match.hpp"
#include "qchain/graphs/json_locations.hpp"

namespace qchain::engine::json_in {

using Value = rapidjson::Value;

class Reader {
 public:
  std::vector<std::pair<std::string, std::string>> problems;  // path as ".events[3].firms", message

  void problem(const std::string& path, std::string message) { problems.emplace_back(path, std::move(message)); }

  const Value* member(const Value& obj, const char* key, const std::string& path, bool required) {
    auto it = obj.FindMember(key);
    if (it == obj.MemberEnd() || it->value.IsNull()) {
      if (required) problem(path + "." + key, "required field is missing");
      return nullptr;
    }
    return &it->value;
  }
  std::optional<std::string> text(const Value& obj, const char* key, const std::string& path, bool required) {
    const Value* v = member(obj, key, path, required);
    if (!v) return std::nullopt;
    if (!v->IsString()) {
      problem(path + "." + key, "expected a string");
      return std::nullopt;
    }
    return std::string(v->GetString(), v->GetStringLength());
  }
  std::optional<double> number(const Value& obj, const char* key, const std::string& path, bool required, double lo, double hi) {
    const Value* v = member(obj, key, path, required);
    if (!v) return std::nullopt;
    if (!v->IsNumber()) {
      problem(path + "." + key, "expected a number");
      return std::nullopt;
    }
    const double x = v->GetDouble();
    if (!(x >= lo && x <= hi)) {
      problem(path + "." + key, "must be between " + format(lo) + " and " + format(hi) + ", got " + format(x));
      return std::nullopt;
    }
    return x;
  }
  std::optional<bool> boolean(const Value& obj, const char* key, const std::string& path) {
    const Value* v = member(obj, key, path, false);
    if (!v) return std::nullopt;
    if (!v->IsBool()) {
      problem(path + "." + key, "expected true or false");
      return std::nullopt;
    }
    return v->GetBool();
  }
  // Every key of `obj` once: RapidJSON keeps duplicates and FindMember would silently take the first.
  void unique_keys(const Value& obj, const std::string& path) {
    for (auto a = obj.MemberBegin(); a != obj.MemberEnd(); ++a)
      for (auto b = obj.MemberBegin(); b != a; ++b)
        if (a->name == b->name) {
          problem(path + "." + std::string(a->name.GetString(), a->name.GetStringLength()), "duplicate key");
          break;
        }
  }
  // Every key of `obj` is one of `known`: a misspelt key silently ignored changes results (a
  // "levl" read as no level is a full stop), so it is an error naming the closest known key.
  void known_keys(const Value& obj, const std::string& path, const std::vector<std::string>& known) {
    for (auto m = obj.MemberBegin(); m != obj.MemberEnd(); ++m) {
      const std::string key(m->name.GetString(), m->name.GetStringLength());
      if (std::find(known.begin(), known.end(), key) != known.end()) continue;
      std::string list;
      for (const std::string& k : known) list += (list.empty() ? "" : ", ") + k;
      const auto guess = graphs::closest_name(key, known);
      problem(path + "." + key, "unknown key" + (guess ? " (did you mean \"" + *guess + "\"?)" : std::string()) +
                                    "; known: " + list);
    }
  }
  // The document's "format" member, required to be `expected`.
  void format_is(const Value& doc, const char* expected) {
    auto f = text(doc, "format", "", true);
    if (f && *f != expected) problem(".format", "unknown format \"" + *f + "\" (expected \"" + expected + "\")");
  }
  // A number quoted back in a message: 6 significant digits, as the readers have always written it.
  static std::string format(double x) { return significant(x, 6); }
};

// Parses `text`; malformed JSON throws at once.
inline void parse(rapidjson::Document& d, const std::string& text, const std::string& name) {
  d.Parse<rapidjson::kParseIterativeFlag | rapidjson::kParseValidateEncodingFlag>(text.c_str(), text.size());
  if (d.HasParseError()) {
    const auto at = locate_offsets_in_text(text, {d.GetErrorOffset()});
    throw InputError({Diagnostic{Severity::error, name, at[0].line, at[0].column, "",
                                 std::string("malformed JSON: ") + rapidjson::GetParseError_En(d.GetParseError())}});
  }
}

// Throws the reader's problems, if any, located in `text`.
inline void throw_problems(const Reader& r, const std::string& text, const std::string& name) {
  if (r.problems.empty()) return;
  std::vector<std::string> paths;
  for (auto& [path, message] : r.problems) paths.push_back(path.empty() ? path : path.substr(1));
  const auto at = graphs::locate_json_fields(text, paths);
  std::vector<Diagnostic> out;
  for (std::size_t i = 0; i < paths.size(); ++i)
    out.push_back({Severity::error, name, at[i].line, at[i].column, paths[i], r.problems[i].second});
  throw InputError(std::move(out));
}

inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw IoError(path + ": cannot open");
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace qchain::engine::json_in
