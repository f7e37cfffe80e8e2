#include "qchain/engine/io/benchmark_reader.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>

#include "json_in.hpp"
#include "qchain/core/error.hpp"
#include "qchain/graphs/name_match.hpp"

namespace qchain::engine {

using namespace qchain::graphs;

namespace {

using json_in::Value;

// Schemes a reference may name although no firm of the chain holds them (a coverage of 0 is a gap).
const char* const kWellKnownSchemes[] = {"ISO9001",  "ISO14001", "ISO45001", "IATF16949", "CCC",   "CR",    "ISO13485",
                                         "ISO22000", "HACCP",    "ISO50001", "ISO27001",  "AS9100", "GB/T29490"};

bool known_scheme(const ChainGraph& g, const std::string& s) {
  if (g.find_scheme(s)) return true;
  return std::any_of(std::begin(kWellKnownSchemes), std::end(kWellKnownSchemes),
                     [&](const char* k) { return scheme_key(k) == scheme_key(s); });
}

std::optional<ReferenceLevel> read_level(json_in::Reader& r, const Value& v, const std::string& path,
                                         const std::vector<std::string>& extra_keys) {
  if (!v.IsObject()) {
    r.problem(path, "expected an object");
    return std::nullopt;
  }
  std::vector<std::string> keys{"domestic", "international", "source", "year"};
  keys.insert(keys.end(), extra_keys.begin(), extra_keys.end());
  r.known_keys(v, path, keys);
  r.unique_keys(v, path);
  ReferenceLevel l;
  l.domestic = r.number(v, "domestic", path, false, 0, 1).value_or(kAbsent);
  l.international = r.number(v, "international", path, false, 0, 1).value_or(kAbsent);
  if (!v.HasMember("domestic") && !v.HasMember("international")) r.problem(path, "needs domestic, international or both");
  // A figure without its source cannot be put before an official.
  if (auto s = r.text(v, "source", path, true)) {
    if (s->empty()) r.problem(path + ".source", "must not be empty");
    l.source = *s;
  }
  if (auto y = r.number(v, "year", path, true, 1900, 2100)) {
    if (*y != std::floor(*y)) r.problem(path + ".year", "must be a whole number");
    l.year = static_cast<std::uint32_t>(*y);
  }
  return l;
}

BenchmarkEntry read_entry(json_in::Reader& r, const Value& e, const std::string& path, const ChainGraph& g, Benchmark& b) {
  BenchmarkEntry out;
  r.known_keys(e, path, {"segment", "role", "first_pass_yield", "certification_coverage", "issue_share", "description"});
  r.unique_keys(e, path);
  if (auto seg = r.text(e, "segment", path, true)) {
    out.segment_key = *seg;
    auto s = g.find_segment(*seg);
    if (!s)
      for (std::uint32_t k = 0; k < g.segments().size() && !s; ++k)
        if (g.segments()[k].name == *seg) s = k;
    if (s) out.segment = *s;
    else if (std::find(b.unmatched_segments.begin(), b.unmatched_segments.end(), *seg) == b.unmatched_segments.end())
      b.unmatched_segments.push_back(*seg);
  }
  if (auto role = r.text(e, "role", path, false)) {
    if (auto x = parse_role(*role)) out.role = *x;
    else r.problem(path + ".role", "unknown role \"" + *role + "\" (expected chain_leader, large, medium, small or micro)");
  }
  if (const Value* y = r.member(e, "first_pass_yield", path, false)) out.yield = read_level(r, *y, path + ".first_pass_yield", {});
  if (const Value* c = r.member(e, "certification_coverage", path, false)) {
    if (!c->IsArray()) r.problem(path + ".certification_coverage", "expected an array");
    else
      for (rapidjson::SizeType k = 0; k < c->Size(); ++k) {
        const std::string p = path + ".certification_coverage[" + std::to_string(k) + "]";
        auto level = read_level(r, (*c)[k], p, {"scheme"});
        auto scheme = (*c)[k].IsObject() ? r.text((*c)[k], "scheme", p, true) : std::nullopt;
        if (!level || !scheme) continue;
        if (!known_scheme(g, *scheme)) r.problem(p + ".scheme", "unknown certification scheme \"" + *scheme + "\"");
        const bool twice = std::any_of(out.coverage.begin(), out.coverage.end(),
                                       [&](const auto& x) { return scheme_key(x.first) == scheme_key(*scheme); });
        if (twice) r.problem(p + ".scheme", "scheme \"" + *scheme + "\" listed twice in this entry");
        else out.coverage.emplace_back(*scheme, *level);
      }
  }
  if (const Value* c = r.member(e, "issue_share", path, false)) {
    if (!c->IsArray()) r.problem(path + ".issue_share", "expected an array");
    else
      for (rapidjson::SizeType k = 0; k < c->Size(); ++k) {
        const std::string p = path + ".issue_share[" + std::to_string(k) + "]";
        auto level = read_level(r, (*c)[k], p, {"category"});
        auto name = (*c)[k].IsObject() ? r.text((*c)[k], "category", p, true) : std::nullopt;
        if (!level || !name) continue;
        auto cat = parse_issue_category(*name);
        if (!cat) {
          r.problem(p + ".category", "unknown category \"" + *name + "\" (expected man, machine, material, method, measurement or environment)");
          continue;
        }
        const bool twice = std::any_of(out.issue_share.begin(), out.issue_share.end(), [&](const auto& x) { return x.first == *cat; });
        if (twice) r.problem(p + ".category", "category \"" + *name + "\" listed twice in this entry");
        else out.issue_share.emplace_back(*cat, *level);
      }
  }
  return out;
}

}  // namespace

Benchmark parse_benchmark(const std::string& text, const std::string& name, const ChainGraph& g) {
  rapidjson::Document d;
  json_in::parse(d, text, name);
  json_in::Reader r;
  Benchmark b;
  if (!d.IsObject()) {
    r.problem("", "the document must be a JSON object");
  } else {
    r.known_keys(d, "", {"format", "name", "industry", "description", "illustrative", "entries"});
    r.unique_keys(d, "");
    r.format_is(d, "qchain-benchmark/1");
    b.name = r.text(d, "name", "", false).value_or("");
    b.industry = r.text(d, "industry", "", false).value_or("");
    b.description = r.text(d, "description", "", false).value_or("");
    b.illustrative = r.boolean(d, "illustrative", "").value_or(false);
    if (const Value* entries = r.member(d, "entries", "", true)) {
      if (!entries->IsArray()) r.problem(".entries", "expected an array");
      else
        for (rapidjson::SizeType k = 0; k < entries->Size(); ++k) {
          const std::string path = ".entries[" + std::to_string(k) + "]";
          if (!(*entries)[k].IsObject()) {
            r.problem(path, "expected an object");
            continue;
          }
          BenchmarkEntry e = read_entry(r, (*entries)[k], path, g, b);
          const bool dup = std::any_of(b.entries.begin(), b.entries.end(), [&](const BenchmarkEntry& x) {
            return x.segment_key == e.segment_key && x.role == e.role;
          });
          if (dup) r.problem(path, "duplicate entry for segment \"" + e.segment_key + "\"" + (e.role ? " and role " + std::string(to_string(*e.role)) : ""));
          b.entries.push_back(std::move(e));
        }
    }
  }
  json_in::throw_problems(r, text, name);
  return b;
}

Benchmark load_benchmark(const std::string& path, const ChainGraph& g) { return parse_benchmark(json_in::read_file(path), path, g); }

}  // namespace qchain::engine
