#include "qchain/graphs/chain_export.hpp"

#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/graphml.hpp>
#include <cmath>
#include <sstream>

#include "qchain/core/number_format.hpp"

namespace qchain::graphs {
namespace {

struct VertexData {
  std::string id, name, role, segment;
  double first_pass_yield = 0;
};
struct EdgeData {
  std::string input;
  double share = 0, inspection = 0, value = 0;
  bool essential = true;
};

std::string dot_string(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') out += "\\n";
    else if (static_cast<unsigned char>(c) >= 0x20) out += c;
  }
  return out + "\"";
}


// Normalised share of every link within its input.
std::vector<double> link_shares(const ChainGraph& g) {
  std::vector<double> s(g.link_count(), 0.0);
  for (std::size_t k = 0; k < g.network().in_link.size(); ++k) s[g.network().in_link[k]] = g.network().in_share[k];
  return s;
}

}  // namespace

std::string chain_to_graphml(const ChainGraph& g) {
  using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS, VertexData, EdgeData>;
  Graph bg(g.firm_count());
  for (FirmId v = 0; v < g.firm_count(); ++v) {
    const Firm& f = g.firm(v);
    bg[v] = {f.id, f.name, std::string(to_string(f.role)), std::string(g.segment_id(f.segment)), std::isnan(f.first_pass_yield) ? -1.0 : f.first_pass_yield};
  }
  const auto shares = link_shares(g);
  for (LinkId e = 0; e < g.link_count(); ++e) {
    const SupplyLink& l = g.link(e);
    boost::add_edge(l.supplier, l.customer,
                    EdgeData{std::string(g.input_of(e)), shares[e], l.inspection, std::isnan(l.value) ? 0.0 : l.value, l.essential}, bg);
  }
  boost::dynamic_properties dp(boost::ignore_other_properties);
  dp.property("id", boost::get(&VertexData::id, bg));
  dp.property("name", boost::get(&VertexData::name, bg));
  dp.property("role", boost::get(&VertexData::role, bg));
  dp.property("segment", boost::get(&VertexData::segment, bg));
  dp.property("first_pass_yield", boost::get(&VertexData::first_pass_yield, bg));
  dp.property("input", boost::get(&EdgeData::input, bg));
  dp.property("share", boost::get(&EdgeData::share, bg));
  dp.property("inspection", boost::get(&EdgeData::inspection, bg));
  dp.property("value", boost::get(&EdgeData::value, bg));
  dp.property("essential", boost::get(&EdgeData::essential, bg));
  std::ostringstream out;
  out.imbue(std::locale::classic());
  boost::write_graphml(out, bg, dp, true);
  return out.str();
}

std::string chain_to_gexf(const ChainGraph& g) {
  std::string out =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<gexf xmlns=\"http://www.gexf.net/1.2draft\" version=\"1.2\">\n"
      "  <meta><creator>qchain</creator><description>" + xml_escape(g.info().name) + "</description></meta>\n"
      "  <graph defaultedgetype=\"directed\">\n"
      "    <attributes class=\"node\">\n"
      "      <attribute id=\"0\" title=\"role\" type=\"string\"/>\n"
      "      <attribute id=\"1\" title=\"segment\" type=\"string\"/>\n"
      "      <attribute id=\"2\" title=\"first_pass_yield\" type=\"double\"/>\n"
      "    </attributes>\n"
      "    <attributes class=\"edge\">\n"
      "      <attribute id=\"0\" title=\"input\" type=\"string\"/>\n"
      "      <attribute id=\"1\" title=\"essential\" type=\"boolean\"/>\n"
      "      <attribute id=\"2\" title=\"inspection\" type=\"double\"/>\n"
      "    </attributes>\n"
      "    <nodes>\n";
  for (const Firm& f : g.firms()) {
    out += "      <node id=\"" + xml_escape(f.id) + "\" label=\"" + xml_escape(f.name) + "\"><attvalues><attvalue for=\"0\" value=\"" +
           std::string(to_string(f.role)) + "\"/><attvalue for=\"1\" value=\"" + xml_escape(g.segment_id(f.segment)) + "\"/>";
    if (!std::isnan(f.first_pass_yield)) out += "<attvalue for=\"2\" value=\"" + number_text(f.first_pass_yield) + "\"/>";
    out += "</attvalues></node>\n";
  }
  out += "    </nodes>\n    <edges>\n";
  const auto shares = link_shares(g);
  for (LinkId e = 0; e < g.link_count(); ++e) {
    const SupplyLink& l = g.link(e);
    out += "      <edge id=\"" + std::to_string(e) + "\" source=\"" + xml_escape(g.firm(l.supplier).id) + "\" target=\"" +
           xml_escape(g.firm(l.customer).id) + "\" weight=\"" + number_text(shares[e]) + "\"><attvalues><attvalue for=\"0\" value=\"" +
           xml_escape(g.input_of(e)) + "\"/><attvalue for=\"1\" value=\"" + (l.essential ? "true" : "false") +
           "\"/><attvalue for=\"2\" value=\"" + number_text(l.inspection) + "\"/></attvalues></edge>\n";
  }
  return out + "    </edges>\n  </graph>\n</gexf>\n";
}

std::string chain_to_dot(const ChainGraph& g) {
  std::string out = "digraph chain {\n  graph [label=" + dot_string(g.info().name) + ", rankdir=LR];\n";
  for (const Firm& f : g.firms()) {
    out += "  " + dot_string(f.id) + " [label=" + dot_string(f.name) + ", role=" + std::string(to_string(f.role)) +
           ", segment=" + dot_string(g.segment_id(f.segment));
    if (!std::isnan(f.first_pass_yield)) out += ", first_pass_yield=" + number_text(f.first_pass_yield);
    out += "];\n";
  }
  for (LinkId e = 0; e < g.link_count(); ++e) {
    const SupplyLink& l = g.link(e);
    out += "  " + dot_string(g.firm(l.supplier).id) + " -> " + dot_string(g.firm(l.customer).id) + " [input=" +
           dot_string(g.input_of(e)) + (l.essential ? "" : ", style=dashed, essential=false") + "];\n";
  }
  return out + "}\n";
}

std::string chain_to_json(const ChainGraph& g) {
  rapidjson::StringBuffer buf;
  rapidjson::PrettyWriter<rapidjson::StringBuffer> w(buf);
  w.SetIndent(' ', 1);
  const auto str = [&](std::string_view s) { w.String(s.data(), static_cast<rapidjson::SizeType>(s.size())); };
  const auto key = [&](const char* k) { w.Key(k); };
  const auto opt_num = [&](const char* k, double x) {
    if (std::isnan(x)) return;
    key(k);
    w.Double(x);
  };
  w.StartObject();
  key("format"); str("qchain-chain/1");
  key("chain");
  w.StartObject();
  const ChainInfo& c = g.info();
  key("id"); str(c.id);
  key("name"); str(c.name);
  if (!c.region.empty()) key("region"), str(c.region);
  if (!c.industry.empty()) key("industry"), str(c.industry);
  if (!c.description.empty()) key("description"), str(c.description);
  if (!c.as_of.empty()) key("as_of"), str(c.as_of);
  if (!std::isnan(c.default_detection) || !std::isnan(c.default_inspection)) {
    key("defaults");
    w.StartObject();
    opt_num("detection", c.default_detection);
    opt_num("inspection", c.default_inspection);
    w.EndObject();
  }
  w.EndObject();
  key("segments");
  w.StartArray();
  for (const Segment& s : g.segments()) {
    w.StartObject();
    key("id"); str(s.id);
    key("name"); str(s.name);
    key("order"); w.Uint(s.order);
    w.EndObject();
  }
  w.EndArray();
  key("issues");
  w.StartArray();
  for (const IssueType& t : g.issues()) {
    w.StartObject();
    key("code"); str(t.code);
    key("name"); str(t.name);
    key("category"); str(to_string(t.category));
    opt_num("yield_loss", t.yield_loss);
    if (!t.description.empty()) key("description"), str(t.description);
    w.EndObject();
  }
  w.EndArray();
  if (!g.input_catalogue().empty()) {  // optional: a chain without one is written as before it existed
    key("inputs");
    w.StartArray();
    for (const InputEntry& i : g.input_catalogue()) {
      w.StartObject();
      key("id"); str(i.id);
      key("name"); str(i.name);
      w.EndObject();
    }
    w.EndArray();
  }
  key("firms");
  w.StartArray();
  for (const Firm& f : g.firms()) {
    w.StartObject();
    key("id"); str(f.id);
    key("name"); str(f.name);
    key("role"); str(to_string(f.role));
    if (f.segment != kNone) key("segment"), str(g.segments()[f.segment].id);
    if (f.region != kNone) key("region"), str(g.region_of(f));
    opt_num("first_pass_yield", f.first_pass_yield);
    opt_num("detection", f.detection);
    if (f.maturity != Maturity::unknown) key("maturity"), str(to_string(f.maturity));
    if (f.willingness != Willingness::unknown) key("willingness"), str(to_string(f.willingness));
    if (f.employees >= 0) key("employees"), w.Int64(f.employees);
    opt_num("revenue", f.revenue);
    if (f.outcomes != kNone) {
      const FirmOutcomes& o = g.outcomes_of(f);
      opt_num("profit", o.profit);
      opt_num("operating_cost", o.operating_cost);
      opt_num("quality_cost", o.quality_cost);
      opt_num("satisfaction", o.satisfaction);
    }
    if (!f.certifications.empty()) {
      key("certifications");
      w.StartArray();
      for (const Certification& x : f.certifications) {
        w.StartObject();
        key("scheme"); str(g.schemes()[x.scheme]);
        key("status"); str(to_string(x.status));
        if (!x.expires.empty()) key("expires"), str(x.expires);
        w.EndObject();
      }
      w.EndArray();
    }
    if (!f.issues.empty()) {
      key("issues");
      w.StartArray();
      for (const FirmIssue& x : f.issues) {
        w.StartObject();
        key("code"); str(g.issues()[x.issue].code);
        key("severity"); w.Uint(x.severity);
        w.EndObject();
      }
      w.EndArray();
    }
    if (const Assistance* a = g.assistance_of(f)) {
      key("assisted");
      w.StartObject();
      key("by"); str(a->by);
      if (!a->since.empty()) key("since"), str(a->since);
      key("programme"); str(a->programme);
      w.EndObject();
    }
    w.EndObject();
  }
  w.EndArray();
  key("links");
  w.StartArray();
  for (LinkId e = 0; e < g.link_count(); ++e) {
    const SupplyLink& l = g.link(e);
    w.StartObject();
    key("supplier"); str(g.firm(l.supplier).id);
    key("customer"); str(g.firm(l.customer).id);
    if (l.input_name != kNone) key("input"), str(g.input_names()[l.input_name]);
    opt_num("share", l.share);
    key("essential"); w.Bool(l.essential);
    opt_num("weight", l.weight);
    if (l.inspection_given) key("inspection"), w.Double(l.inspection);
    if (l.requires_set != 0) {
      key("requires");
      w.StartArray();
      for (std::uint32_t s : g.requirement_sets()[l.requires_set]) str(g.schemes()[s]);
      w.EndArray();
    }
    opt_num("value", l.value);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  return std::string(buf.GetString(), buf.GetSize()) + "\n";
}

std::string xml_escape(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default:
        if (static_cast<unsigned char>(c) >= 0x20 || c == '\t' || c == '\n') out += c;
    }
  }
  return out;
}

}  // namespace qchain::graphs
