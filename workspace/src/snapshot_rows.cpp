#include "snapshot_rows.hpp"

#include <cmath>
#include <vector>

#include "qchain/graphs/chain_builder.hpp"

namespace qchain::workspace::detail {

using namespace qchain::graphs;

namespace {

std::int64_t write_meta(Database& db, const ChainGraph& g, const SnapshotMeta& m) {
  const ChainInfo& i = g.info();
  Statement s = db.prepare(
      "INSERT INTO snapshots (chain_id, as_of, name, region, industry, description, chain_as_of, default_detection, "
      "default_inspection, source, imported_at, imported_by, firm_count, link_count) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)");
  s.bind(1, i.id).bind(2, m.as_of).bind(3, i.name).bind_text_or_null(4, i.region).bind_text_or_null(5, i.industry);
  s.bind_text_or_null(6, i.description).bind_text_or_null(7, i.as_of).bind(8, i.default_detection).bind(9, i.default_inspection);
  s.bind_text_or_null(10, m.source).bind(11, m.imported_at).bind_text_or_null(12, m.imported_by);
  s.bind(13, std::int64_t{g.firm_count()}).bind(14, std::int64_t{g.link_count()});
  s.run();
  return db.last_insert_id();
}

void write_catalogues(Database& db, const ChainGraph& g, std::int64_t id) {
  Statement seg = db.prepare("INSERT INTO segments (snapshot_id, seq, segment_id, name, \"order\") VALUES (?1, ?2, ?3, ?4, ?5)");
  for (std::size_t k = 0; k < g.segments().size(); ++k) {
    const Segment& s = g.segments()[k];
    seg.bind(1, id).bind(2, static_cast<std::int64_t>(k)).bind(3, s.id).bind(4, s.name).bind(5, std::int64_t{s.order});
    seg.run();
  }
  Statement iss = db.prepare(
      "INSERT INTO issue_types (snapshot_id, seq, code, name, category, description, yield_loss) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  for (std::size_t k = 0; k < g.issues().size(); ++k) {
    const IssueType& t = g.issues()[k];
    iss.bind(1, id).bind(2, static_cast<std::int64_t>(k)).bind(3, t.code).bind(4, t.name).bind(5, to_string(t.category));
    iss.bind_text_or_null(6, t.description).bind(7, t.yield_loss);
    iss.run();
  }
  Statement in = db.prepare("INSERT INTO inputs (snapshot_id, seq, input_id, name) VALUES (?1, ?2, ?3, ?4)");
  for (std::size_t k = 0; k < g.input_catalogue().size(); ++k) {
    const InputEntry& e = g.input_catalogue()[k];
    in.bind(1, id).bind(2, static_cast<std::int64_t>(k)).bind(3, e.id).bind(4, e.name);
    in.run();
  }
}

void write_firms(Database& db, const ChainGraph& g, std::int64_t id) {
  Statement firm = db.prepare(
      "INSERT INTO firms (snapshot_id, seq, firm_id, name, role, segment_id, region, maturity, willingness, first_pass_yield, "
      "detection, employees, revenue, assisted, assisted_by, assisted_since, assisted_programme, "
      "profit, operating_cost, quality_cost, satisfaction) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21)");
  Statement cert = db.prepare("INSERT INTO certifications (snapshot_id, firm_seq, seq, scheme, status, expires) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
  Statement issue = db.prepare("INSERT INTO firm_issues (snapshot_id, firm_seq, seq, code, severity) VALUES (?1, ?2, ?3, ?4, ?5)");
  for (FirmId v = 0; v < g.firm_count(); ++v) {
    const Firm& f = g.firm(v);
    firm.bind(1, id).bind(2, std::int64_t{v}).bind_kept(3, f.id).bind_kept(4, f.name).bind_kept(5, to_string(f.role));
    if (f.segment != kNone) firm.bind_kept(6, g.segments()[f.segment].id);
    firm.bind_text_or_null(7, g.region_of(f));
    if (f.maturity != Maturity::unknown) firm.bind(8, to_string(f.maturity));
    if (f.willingness != Willingness::unknown) firm.bind(9, to_string(f.willingness));
    firm.bind(10, f.first_pass_yield).bind(11, f.detection);
    if (f.employees >= 0) firm.bind(12, f.employees);
    firm.bind(13, f.revenue);
    const Assistance* a = g.assistance_of(f);
    firm.bind(14, std::int64_t{a != nullptr});
    if (a) firm.bind_text_or_null(15, a->by).bind_text_or_null(16, a->since).bind_text_or_null(17, a->programme);
    const FirmOutcomes& o = g.outcomes_of(f);
    firm.bind(18, o.profit).bind(19, o.operating_cost).bind(20, o.quality_cost).bind(21, o.satisfaction);
    firm.run();
    for (std::size_t k = 0; k < f.certifications.size(); ++k) {
      const Certification& c = f.certifications[k];
      cert.bind(1, id).bind(2, std::int64_t{v}).bind(3, static_cast<std::int64_t>(k)).bind_kept(4, g.schemes()[c.scheme]);
      cert.bind_kept(5, to_string(c.status)).bind_text_or_null(6, c.expires);
      cert.run();
    }
    for (std::size_t k = 0; k < f.issues.size(); ++k) {
      const FirmIssue& x = f.issues[k];
      issue.bind(1, id).bind(2, std::int64_t{v}).bind(3, static_cast<std::int64_t>(k)).bind_kept(4, g.issues()[x.issue].code);
      issue.bind(5, std::int64_t{x.severity});
      issue.run();
    }
  }
}

void write_links(Database& db, const ChainGraph& g, std::int64_t id) {
  Statement link = db.prepare(
      "INSERT INTO links (snapshot_id, seq, supplier_id, customer_id, input, share, weight, inspection, value, essential) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
  Statement req = db.prepare("INSERT INTO link_requirements (snapshot_id, link_seq, seq, scheme) VALUES (?1, ?2, ?3, ?4)");
  for (LinkId e = 0; e < g.link_count(); ++e) {
    const SupplyLink& l = g.link(e);
    link.bind(1, id).bind(2, std::int64_t{e}).bind_kept(3, g.firm(l.supplier).id).bind_kept(4, g.firm(l.customer).id);
    if (l.input_name != kNone) link.bind_kept(5, g.input_names()[l.input_name]);
    link.bind(6, l.share).bind(7, l.weight);
    if (l.inspection_given) link.bind(8, l.inspection);
    link.bind(9, l.value).bind(10, std::int64_t{l.essential});
    link.run();
    const std::vector<std::uint32_t>& schemes = g.requirement_sets()[l.requires_set];
    for (std::size_t k = 0; k < schemes.size(); ++k) {
      req.bind(1, id).bind(2, std::int64_t{e}).bind(3, static_cast<std::int64_t>(k)).bind_kept(4, g.schemes()[schemes[k]]);
      req.run();
    }
  }
}

std::optional<std::string> text_or_none(const Statement& s, int col) {
  if (s.is_null(col)) return std::nullopt;
  return std::string(s.text(col));
}
std::optional<double> number_or_none(const Statement& s, int col) {
  if (s.is_null(col)) return std::nullopt;
  return s.real(col);
}

void read_meta(Database& db, std::int64_t id, ChainBuilder& b) {
  Statement s = db.prepare(
      "SELECT chain_id, name, region, industry, description, chain_as_of, default_detection, default_inspection, firm_count, link_count "
      "FROM snapshots WHERE snapshot_id = ?1");
  s.bind(1, id);
  s.step();
  ChainRecord c;
  c.id = std::string(s.text(0));
  c.name = std::string(s.text(1));
  c.region = text_or_none(s, 2);
  c.industry = text_or_none(s, 3);
  c.description = text_or_none(s, 4);
  c.as_of = text_or_none(s, 5);
  c.default_detection = number_or_none(s, 6);
  c.default_inspection = number_or_none(s, 7);
  b.reserve(static_cast<std::size_t>(s.integer(8)), static_cast<std::size_t>(s.integer(9)));
  b.set_chain(c);
  Statement seg = db.prepare("SELECT segment_id, name, \"order\" FROM segments WHERE snapshot_id = ?1 ORDER BY seq");
  seg.bind(1, id);
  while (seg.step()) {
    SegmentRecord r;
    r.id = std::string(seg.text(0));
    r.name = std::string(seg.text(1));
    r.order = seg.real(2);
    b.add_segment(r);
  }
  Statement iss = db.prepare("SELECT code, name, category, description, yield_loss FROM issue_types WHERE snapshot_id = ?1 ORDER BY seq");
  iss.bind(1, id);
  while (iss.step()) {
    IssueRecord r;
    r.code = std::string(iss.text(0));
    r.name = std::string(iss.text(1));
    r.category = std::string(iss.text(2));
    r.description = text_or_none(iss, 3);
    r.yield_loss = number_or_none(iss, 4);
    b.add_issue(r);
  }
  Statement in = db.prepare("SELECT input_id, name FROM inputs WHERE snapshot_id = ?1 ORDER BY seq");
  in.bind(1, id);
  while (in.step()) {
    InputRecord r;
    r.id = std::string(in.text(0));
    r.name = std::string(in.text(1));
    b.add_input(r);
  }
}

// Firms with their certifications and issues: three ordered scans merged by firm, not one query per firm.
void read_firms(Database& db, std::int64_t id, ChainBuilder& b) {
  Statement firm = db.prepare(
      "SELECT seq, firm_id, name, role, segment_id, region, maturity, willingness, first_pass_yield, detection, employees, revenue, "
      "assisted, assisted_by, assisted_since, assisted_programme, profit, operating_cost, quality_cost, satisfaction "
      "FROM firms WHERE snapshot_id = ?1 ORDER BY seq");
  Statement cert = db.prepare("SELECT firm_seq, scheme, status, expires FROM certifications WHERE snapshot_id = ?1 ORDER BY firm_seq, seq");
  Statement issue = db.prepare("SELECT firm_seq, code, severity FROM firm_issues WHERE snapshot_id = ?1 ORDER BY firm_seq, seq");
  firm.bind(1, id);
  cert.bind(1, id);
  issue.bind(1, id);
  bool cert_row = cert.step(), issue_row = issue.step();
  FirmRecord r;
  while (firm.step()) {
    r.clear();
    const std::int64_t seq = firm.integer(0);
    r.id = std::string(firm.text(1));
    r.name = std::string(firm.text(2));
    r.role = std::string(firm.text(3));
    r.segment = text_or_none(firm, 4);
    r.region = text_or_none(firm, 5);
    r.maturity = text_or_none(firm, 6);
    r.willingness = text_or_none(firm, 7);
    r.first_pass_yield = number_or_none(firm, 8);
    r.detection = number_or_none(firm, 9);
    if (!firm.is_null(10)) r.employees = static_cast<double>(firm.integer(10));
    r.revenue = number_or_none(firm, 11);
    if (firm.integer(12)) r.assisted = AssistanceRecord{text_or_none(firm, 13), text_or_none(firm, 14), text_or_none(firm, 15)};
    r.profit = number_or_none(firm, 16);
    r.operating_cost = number_or_none(firm, 17);
    r.quality_cost = number_or_none(firm, 18);
    r.satisfaction = number_or_none(firm, 19);
    for (; cert_row && cert.integer(0) <= seq; cert_row = cert.step())
      if (cert.integer(0) == seq) r.certifications.push_back({std::string(cert.text(1)), std::string(cert.text(2)), text_or_none(cert, 3)});
    for (; issue_row && issue.integer(0) <= seq; issue_row = issue.step())
      if (issue.integer(0) == seq) r.issues.push_back({std::string(issue.text(1)), static_cast<double>(issue.integer(2))});
    b.add_firm(r);
  }
}

void read_links(Database& db, std::int64_t id, ChainBuilder& b) {
  Statement link = db.prepare(
      "SELECT seq, supplier_id, customer_id, input, share, weight, inspection, value, essential FROM links WHERE snapshot_id = ?1 ORDER BY seq");
  Statement req = db.prepare("SELECT link_seq, scheme FROM link_requirements WHERE snapshot_id = ?1 ORDER BY link_seq, seq");
  link.bind(1, id);
  req.bind(1, id);
  bool req_row = req.step();
  LinkRecord r;
  while (link.step()) {
    r.clear();
    const std::int64_t seq = link.integer(0);
    r.supplier = std::string(link.text(1));
    r.customer = std::string(link.text(2));
    r.input = text_or_none(link, 3);
    r.share = number_or_none(link, 4);
    r.weight = number_or_none(link, 5);
    r.inspection = number_or_none(link, 6);
    r.value = number_or_none(link, 7);
    r.essential = link.integer(8) != 0;
    for (; req_row && req.integer(0) <= seq; req_row = req.step())
      if (req.integer(0) == seq) r.requires_schemes.emplace_back(req.text(1));
    b.add_link(r);
  }
}

const char* table_of(RecordRef::Kind k) {
  switch (k) {
    case RecordRef::Kind::document: return "";
    case RecordRef::Kind::chain: return "snapshots";
    case RecordRef::Kind::segment: return "segments";
    case RecordRef::Kind::issue: return "issue_types";
    case RecordRef::Kind::firm: return "firms";
    case RecordRef::Kind::link: return "links";
    case RecordRef::Kind::input: return "inputs";
  }
  return "";
}

// "firms[12].segment": the table and the row's seq, then the field.
std::string place(const RecordRef& ref, const std::string& field) {
  std::string p = table_of(ref.kind);
  if (ref.kind != RecordRef::Kind::document && ref.kind != RecordRef::Kind::chain) p += "[" + std::to_string(ref.index) + "]";
  if (!field.empty()) p += (p.empty() ? "" : ".") + field;
  return p;
}

}  // namespace

void write_snapshot(Database& db, const ChainGraph& g, const SnapshotMeta& meta) {
  const std::int64_t id = write_meta(db, g, meta);
  write_catalogues(db, g, id);
  write_firms(db, g, id);
  write_links(db, g, id);
}

ChainLoad read_snapshot(Database& db, std::int64_t id, const std::string& name) {
  ChainBuilder b;
  read_meta(db, id, b);
  read_firms(db, id, b);
  read_links(db, id, b);
  std::optional<ChainGraph> chain = b.build();
  ChainLoad out;
  for (const Problem& p : b.problems()) {
    std::string message = p.message;
    if (p.first) message += " (first at " + place(*p.first, "") + ")";
    out.diagnostics.push_back({p.severity, name, 0, 0, place(p.ref, p.field), std::move(message)});
  }
  out.errors = b.error_count();
  out.warnings = b.problem_count() - b.error_count();
  if (out.errors == 0) out.chain = std::move(chain);
  return out;
}

}  // namespace qchain::workspace::detail
