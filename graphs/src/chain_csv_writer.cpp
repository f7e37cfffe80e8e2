#include "qchain/graphs/chain_csv_writer.hpp"

#include <filesystem>
#include <cerrno>
#include <cmath>
#include <cstring>

#include "qchain/core/atomic_file.hpp"
#include "qchain/core/error.hpp"
#include "qchain/core/number_format.hpp"
#include "qchain/core/text_encoding.hpp"

namespace qchain::graphs {
namespace {

std::string cell(std::string_view s) {
  const bool quote = s.find_first_of(",\"\r\n") != std::string_view::npos ||
                     (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.back() == ' ' || s.back() == '\t'));
  if (!quote) return std::string(s);
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string opt_number(double x) { return std::isnan(x) ? std::string() : number_text(x); }

void row(std::string& out, std::initializer_list<std::string> cells) {
  bool first = true;
  for (const std::string& c : cells) {
    if (!first) out += ',';
    out += cell(c);
    first = false;
  }
  out += "\r\n";
}

void require_listable(std::string_view s, const char* what) {
  if (s.find_first_of(":;") != std::string_view::npos)
    throw UsageError(std::string(what) + " \"" + std::string(s) + "\" contains ':' or ';' and cannot be written as CSV");
}

}  // namespace

std::vector<std::pair<std::string, std::string>> chain_to_csv(const ChainGraph& g) {
  for (const std::string& s : g.schemes()) require_listable(s, "certification scheme");
  for (const IssueType& t : g.issues()) require_listable(t.code, "issue code");

  std::vector<std::pair<std::string, std::string>> files;
  const ChainInfo& c = g.info();
  std::string out;
  row(out, {"id", "name", "region", "industry", "description", "as_of", "default_detection", "default_inspection"});
  row(out, {c.id, c.name, c.region, c.industry, c.description, c.as_of, opt_number(c.default_detection),
            opt_number(c.default_inspection)});
  files.emplace_back("chain.csv", std::move(out));

  out.clear();
  row(out, {"id", "name", "order"});
  for (const Segment& s : g.segments()) row(out, {s.id, s.name, std::to_string(s.order)});
  files.emplace_back("segments.csv", std::move(out));

  out.clear();
  row(out, {"code", "name", "category", "yield_loss", "description"});
  for (const IssueType& t : g.issues())
    row(out, {t.code, t.name, std::string(to_string(t.category)), opt_number(t.yield_loss), t.description});
  files.emplace_back("issues.csv", std::move(out));

  out.clear();
  // The outcome columns only when some firm has one: a chain without them is written as before.
  const bool outcomes = !g.outcomes().empty();
  row(out, {"id", "name", "role", "segment", "region", "first_pass_yield", "maturity", "employees", "revenue", "certifications",
            "issues", "assisted_by", "assisted_since", "assisted_programme", "detection", "willingness"});
  if (outcomes) {
    out.resize(out.size() - 2);
    out += ",profit,operating_cost,quality_cost,satisfaction\r\n";
  }
  for (const Firm& f : g.firms()) {
    std::string certs, issues;
    for (const Certification& x : f.certifications) {
      if (!certs.empty()) certs += ';';
      certs += g.schemes()[x.scheme] + ':' + std::string(to_string(x.status)) + ':' + x.expires;
    }
    for (const FirmIssue& x : f.issues) {
      if (!issues.empty()) issues += ';';
      issues += g.issues()[x.issue].code + ':' + std::to_string(x.severity);
    }
    const Assistance* assisted = g.assistance_of(f);
    const Assistance a = assisted ? *assisted : Assistance{};
    row(out, {f.id, f.name, std::string(to_string(f.role)), std::string(g.segment_id(f.segment)),
              std::string(g.region_of(f)),
              opt_number(f.first_pass_yield), std::string(to_string(f.maturity)),
              f.employees < 0 ? "" : std::to_string(f.employees), opt_number(f.revenue), certs, issues, a.by, a.since,
              a.programme, opt_number(f.detection), std::string(to_string(f.willingness))});
    if (outcomes) {
      const FirmOutcomes& o = g.outcomes_of(f);
      out.resize(out.size() - 2);
      out += ',';
      row(out, {opt_number(o.profit), opt_number(o.operating_cost), opt_number(o.quality_cost), opt_number(o.satisfaction)});
    }
  }
  files.emplace_back("firms.csv", std::move(out));

  out.clear();
  row(out, {"supplier", "customer", "input", "share", "essential", "weight", "inspection", "requires", "value"});
  for (const SupplyLink& l : g.links()) {
    std::string req;
    for (std::uint32_t s : g.requirement_sets()[l.requires_set]) {
      if (!req.empty()) req += ';';
      req += g.schemes()[s];
    }
    row(out, {g.firm(l.supplier).id, g.firm(l.customer).id, l.input_name == kNone ? "" : g.input_names()[l.input_name],
              opt_number(l.share), l.essential ? "true" : "false", opt_number(l.weight), l.inspection_given ? number_text(l.inspection) : "", req,
              opt_number(l.value)});
  }
  files.emplace_back("links.csv", std::move(out));

  if (!g.input_catalogue().empty()) {
    out.clear();
    row(out, {"id", "name"});
    for (const InputEntry& i : g.input_catalogue()) row(out, {i.id, i.name});
    files.emplace_back("inputs.csv", std::move(out));
  }
  return files;
}

void write_chain_csv(const ChainGraph& g, const std::string& folder, bool bom) {
  const auto files = chain_to_csv(g);
  std::error_code ec;
  std::filesystem::create_directories(folder, ec);
  if (ec) throw IoError(folder + ": cannot create folder: " + ec.message());
  for (const auto& [name, content] : files)
    write_file_atomically(folder + "/" + name, bom ? std::string(kUtf8Bom) + content : content);
}

}  // namespace qchain::graphs
