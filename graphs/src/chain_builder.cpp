#include "qchain/graphs/chain_builder.hpp"

#include "huge_pages.hpp"
#include "quoted.hpp"
#include "qchain/core/number_format.hpp"
#include "qchain/graphs/name_match.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <numeric>

namespace qchain::graphs {
namespace {

using Kind = RecordRef::Kind;

bool flagged(const std::vector<std::string>& invalid, std::string_view field) {
  return std::find(invalid.begin(), invalid.end(), field) != invalid.end();
}

// The index of `name` in `names`, appended on first sight (regions and input names are few and
// repeated: looked up first, copied only when new).
std::uint32_t intern(std::vector<std::string>& names, IdIndex& index, const std::string& name) {
  const auto key_of = [&names](std::uint32_t i) -> std::string_view { return names[i]; };
  const std::uint32_t at = index.find(name, key_of);
  if (at != IdIndex::npos) return at;
  const auto next = static_cast<std::uint32_t>(names.size());
  names.push_back(name);
  return index.insert(names.back(), next, key_of);
}

}  // namespace

bool is_valid_date(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (s[i] < '0' || s[i] > '9') return false;
  const int y = std::stoi(std::string(s.substr(0, 4)));
  const int m = (s[5] - '0') * 10 + (s[6] - '0');
  const int d = (s[8] - '0') * 10 + (s[9] - '0');
  if (m < 1 || m > 12 || d < 1) return false;
  static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return d <= days[m - 1] + (m == 2 && leap ? 1 : 0);
}

bool has_control_chars(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7F; });
}

void FirmRecord::clear() {
  id.reset(); name.reset(); role.reset(); segment.reset(); region.reset(); maturity.reset(); willingness.reset();
  first_pass_yield.reset(); detection.reset(); employees.reset(); revenue.reset();
  profit.reset(); operating_cost.reset(); quality_cost.reset(); satisfaction.reset();
  certifications.clear(); issues.clear(); assisted.reset(); invalid.clear();
}

void LinkRecord::clear() {
  supplier.reset(); customer.reset(); input.reset();
  share.reset(); weight.reset(); inspection.reset(); value.reset(); essential.reset();
  requires_schemes.clear(); invalid.clear();
}

void ChainBuilder::reserve(std::size_t firms, std::size_t links) {
  constexpr std::size_t kCap = std::size_t{1} << 27;
  reserve_huge(g_.firms_, std::min(firms, kCap));
  reserve_huge(links_, std::min(links, kCap));
  reserve_huge(id_span_, std::min(firms, kCap));
}

void ChainBuilder::add_problem(Problem p) {
  ++total_problems_;
  if (p.severity == Severity::error) ++errors_;
  if (problems_.size() < kMaxProblems) problems_.push_back(std::move(p));
}

void ChainBuilder::error(RecordRef ref, std::string field, std::string message) {
  add_problem(Problem{Severity::error, ref, std::move(field), std::move(message), std::nullopt});
}

void ChainBuilder::warning(RecordRef ref, std::string field, std::string message) {
  add_problem(Problem{Severity::warning, ref, std::move(field), std::move(message), std::nullopt});
}

void ChainBuilder::duplicate(RecordRef ref, std::string field, std::string message, RecordRef first) {
  add_problem(Problem{Severity::error, ref, std::move(field), std::move(message), first});
}

namespace {

// Checks shared by every record kind; each reports through `report(field, message)`.
template <class Report>
bool require_text(const std::optional<std::string>& v, const std::vector<std::string>& invalid, const char* field,
                  Report report, bool allow_empty = false) {
  if (!v) {
    if (!flagged(invalid, field)) report(field, "required field is missing");
    return false;
  }
  if (!allow_empty && v->empty()) {
    report(field, "must not be empty");
    return false;
  }
  return true;
}

template <class Report>
bool check_unit(const std::optional<double>& v, const char* field, Report report) {
  if (!v) return false;
  if (!std::isfinite(*v)) { report(field, "must be a finite number"); return false; }
  if (*v < 0.0 || *v > 1.0) { report(field, "must be between 0 and 1, got " + significant(*v, 10)); return false; }
  return true;
}

template <class Report>
bool check_non_negative(const std::optional<double>& v, const char* field, Report report) {
  if (!v) return false;
  if (!std::isfinite(*v)) { report(field, "must be a finite number"); return false; }
  if (*v < 0.0) { report(field, "must not be negative, got " + significant(*v, 10)); return false; }
  return true;
}

template <class Report>
bool check_finite(const std::optional<double>& v, const char* field, Report report) {
  if (!v) return false;
  if (!std::isfinite(*v)) { report(field, "must be a finite number"); return false; }
  return true;
}

template <class Report>
bool check_whole(const std::optional<double>& v, const char* field, double lo, double hi, Report report) {
  if (!v) return false;
  if (!std::isfinite(*v) || *v != std::floor(*v)) { report(field, "must be a whole number"); return false; }
  if (*v < lo || *v > hi) {
    report(field, "must be between " + significant(lo, 10) + " and " + significant(hi, 10) + ", got " + significant(*v, 10));
    return false;
  }
  return true;
}

template <class Report>
void check_date(const std::optional<std::string>& v, const std::string& field, Report report) {
  if (v && !is_valid_date(*v)) report(field, "not a date (YYYY-MM-DD): " + quoted(*v));
}

}  // namespace

void ChainBuilder::set_chain(const ChainRecord& r) {
  const RecordRef ref{Kind::chain, 0};
  auto report = [&](const std::string& f, std::string m) { error(ref, f, std::move(m)); };
  if (require_text(r.id, r.invalid, "id", report)) g_.info_.id = *r.id;
  if (require_text(r.name, r.invalid, "name", report, true)) g_.info_.name = *r.name;
  g_.info_.region = r.region.value_or("");
  g_.info_.industry = r.industry.value_or("");
  g_.info_.description = r.description.value_or("");
  check_date(r.as_of, "as_of", report);
  g_.info_.as_of = r.as_of.value_or("");
  if (check_unit(r.default_detection, "defaults.detection", report)) g_.info_.default_detection = *r.default_detection;
  if (check_unit(r.default_inspection, "defaults.inspection", report)) g_.info_.default_inspection = *r.default_inspection;
}

void ChainBuilder::add_segment(const SegmentRecord& r) {
  const auto index = static_cast<std::uint32_t>(g_.segments_.size());
  const RecordRef ref{Kind::segment, index};
  auto report = [&](const std::string& f, std::string m) { error(ref, f, std::move(m)); };
  Segment s;
  if (require_text(r.id, r.invalid, "id", report)) s.id = *r.id;
  if (require_text(r.name, r.invalid, "name", report, true)) s.name = *r.name;
  if (!r.order && !flagged(r.invalid, "order")) report("order", "required field is missing");
  if (check_whole(r.order, "order", 0, 1e6, report)) s.order = static_cast<std::uint32_t>(*r.order);
  g_.segments_.push_back(std::move(s));
  if (g_.segments_.back().id.empty()) return;
  const auto key_of = [this](std::uint32_t i) -> std::string_view { return g_.segments_[i].id; };
  const std::uint32_t at = g_.segment_index_.insert(g_.segments_.back().id, index, key_of);
  if (at != index) duplicate(ref, "id", "duplicate segment id " + quoted(*r.id), {Kind::segment, at});
}

void ChainBuilder::add_issue(const IssueRecord& r) {
  const auto index = static_cast<std::uint32_t>(g_.issues_.size());
  const RecordRef ref{Kind::issue, index};
  auto report = [&](const std::string& f, std::string m) { error(ref, f, std::move(m)); };
  IssueType t;
  if (require_text(r.code, r.invalid, "code", report)) t.code = *r.code;
  if (require_text(r.name, r.invalid, "name", report, true)) t.name = *r.name;
  if (require_text(r.category, r.invalid, "category", report)) {
    if (auto c = parse_issue_category(*r.category)) t.category = *c;
    else report("category", "unknown category " + quoted(*r.category) +
                                " (expected man, machine, material, method, measurement or environment)");
  }
  if (check_unit(r.yield_loss, "yield_loss", report)) t.yield_loss = *r.yield_loss;
  t.description = r.description.value_or("");
  g_.issues_.push_back(std::move(t));
  if (g_.issues_.back().code.empty()) return;
  const auto key_of = [this](std::uint32_t i) -> std::string_view { return g_.issues_[i].code; };
  const std::uint32_t at = g_.issue_index_.insert(g_.issues_.back().code, index, key_of);
  if (at != index) duplicate(ref, "code", "duplicate issue code " + quoted(*r.code), {Kind::issue, at});
}

void ChainBuilder::add_firm(FirmRecord& r) {
  const auto index = static_cast<FirmId>(g_.firms_.size());
  const RecordRef ref{Kind::firm, index};
  auto report = [&](const std::string& f, std::string m) { error(ref, f, std::move(m)); };
  Firm f;
  if (require_text(r.id, r.invalid, "id", report)) {
    if (has_control_chars(*r.id)) report("id", "contains control characters: " + quoted(*r.id));
    f.id = std::move(*r.id);
  }
  if (require_text(r.name, r.invalid, "name", report)) f.name = std::move(*r.name);
  if (require_text(r.role, r.invalid, "role", report)) {
    if (auto role = parse_role(*r.role)) f.role = *role;
    else report("role", "unknown role " + quoted(*r.role) + " (expected chain_leader, large, medium, small or micro)");
  }
  if (f.role == Role::chain_leader) has_leader_ = true;
  if (r.region && !r.region->empty()) f.region = intern(g_.regions_, g_.region_index_, *r.region);
  if (check_unit(r.first_pass_yield, "first_pass_yield", report)) f.first_pass_yield = *r.first_pass_yield;
  if (check_unit(r.detection, "detection", report)) f.detection = *r.detection;
  if (r.maturity) {
    if (auto m = parse_maturity(*r.maturity)) f.maturity = *m;
    else report("maturity", "unknown maturity " + quoted(*r.maturity) + " (expected startup, developing or leaping)");
  }
  if (r.willingness && !r.willingness->empty()) {
    if (auto w = parse_willingness(*r.willingness)) f.willingness = *w;
    else report("willingness", "unknown willingness " + quoted(*r.willingness) + " (expected strong, moderate or weak: 强, 一般 or 弱)");
  }
  if (check_whole(r.employees, "employees", 0, 1e12, report)) f.employees = static_cast<std::int64_t>(*r.employees);
  if (check_non_negative(r.revenue, "revenue", report)) f.revenue = *r.revenue;
  if (r.profit || r.operating_cost || r.quality_cost || r.satisfaction) {
    FirmOutcomes o;
    if (check_finite(r.profit, "profit", report)) o.profit = *r.profit;
    if (check_non_negative(r.operating_cost, "operating_cost", report)) o.operating_cost = *r.operating_cost;
    if (check_non_negative(r.quality_cost, "quality_cost", report)) o.quality_cost = *r.quality_cost;
    if (check_unit(r.satisfaction, "satisfaction", report)) o.satisfaction = *r.satisfaction;
    if (o.any()) {
      f.outcomes = static_cast<std::uint32_t>(g_.outcomes_.size());
      g_.outcomes_.push_back(o);
    }
  }

  if (r.segment) {
    const auto key_of = [this](std::uint32_t i) -> std::string_view { return g_.segments_[i].id; };
    f.segment = g_.segment_index_.find(*r.segment, key_of);
    if (f.segment == IdIndex::npos) {
      f.segment = kNone;
      pending_firm_refs_.push_back({index, kNone, std::move(*r.segment)});
    }
  }
  for (std::size_t k = 0; k < r.certifications.size(); ++k) {
    const CertificationRecord& c = r.certifications[k];
    const auto field = [k](const char* name) { return "certifications[" + std::to_string(k) + "]." + name; };
    Certification cert;
    bool ok = true;
    if (!c.scheme || c.scheme->empty()) { report(field("scheme"), c.scheme ? "must not be empty" : "required field is missing"); ok = false; }
    if (!c.status) { report(field("status"), "required field is missing"); ok = false; }
    else if (auto s = parse_cert_status(*c.status)) cert.status = *s;
    else { report(field("status"), "unknown status " + quoted(*c.status) + " (expected valid, suspended, expired or in_progress)"); ok = false; }
    if (c.expires) {
      if (is_valid_date(*c.expires)) cert.expires = *c.expires;
      else report(field("expires"), "not a date (YYYY-MM-DD): " + quoted(*c.expires));
    }
    if (!ok) continue;
    cert.scheme = known_scheme(*c.scheme);
    if (cert.scheme == kNone) cert.scheme = intern_scheme(*c.scheme, ref, field("scheme"));
    const bool dup = std::any_of(f.certifications.begin(), f.certifications.end(),
                                 [&](const Certification& x) { return x.scheme == cert.scheme; });
    if (dup) report(field("scheme"), "certification " + quoted(*c.scheme) + " listed twice");
    else f.certifications.push_back(std::move(cert));
  }
  std::sort(f.certifications.begin(), f.certifications.end(),
            [](const Certification& a, const Certification& b) { return a.scheme < b.scheme; });
  const auto issue_key = [this](std::uint32_t i) -> std::string_view { return g_.issues_[i].code; };
  for (std::size_t k = 0; k < r.issues.size(); ++k) {
    const FirmIssueRecord& x = r.issues[k];
    const auto field = [k](const char* name) { return "issues[" + std::to_string(k) + "]." + name; };
    bool ok = true;
    if (!x.code || x.code->empty()) { report(field("code"), x.code ? "must not be empty" : "required field is missing"); ok = false; }
    if (!x.severity) { report(field("severity"), "required field is missing"); ok = false; }
    else if (!std::isfinite(*x.severity) || *x.severity != std::floor(*x.severity)) { report(field("severity"), "must be a whole number"); ok = false; }
    else if (*x.severity < 1 || *x.severity > 5) { report(field("severity"), "must be between 1 and 5, got " + significant(*x.severity, 10)); ok = false; }
    if (!ok) continue;
    const bool dup = std::any_of(r.issues.begin(), r.issues.begin() + static_cast<std::ptrdiff_t>(k),
                                 [&](const FirmIssueRecord& y) { return y.code == x.code; });
    if (dup) { report(field("code"), "issue " + quoted(*x.code) + " listed twice"); continue; }
    FirmIssue fi;
    fi.severity = static_cast<std::uint8_t>(*x.severity);
    fi.issue = g_.issue_index_.find(*x.code, issue_key);
    if (fi.issue == IdIndex::npos) {
      fi.issue = kNone;
      pending_firm_refs_.push_back({index, static_cast<std::uint32_t>(f.issues.size()), *x.code});
    }
    f.issues.push_back(fi);
  }
  if (r.assisted) {
    check_date(r.assisted->since, "assisted.since", report);
    f.assisted = static_cast<std::uint32_t>(g_.assistance_.size());
    g_.assistance_.push_back(
        Assistance{r.assisted->by.value_or(""), r.assisted->since.value_or(""), r.assisted->programme.value_or("")});
  }

  id_span_.push_back((static_cast<std::uint64_t>(id_arena_.size()) << 24) | std::min<std::size_t>(f.id.size(), 0xFFFFFF));
  id_arena_ += f.id;
  g_.firms_.push_back(std::move(f));
  const std::string& id = g_.firms_.back().id;
  if (id.empty() || id.size() > 0xFFFFFF) return;
  const std::uint32_t at = g_.firm_index_.insert(id, index, [this](std::uint32_t i) {
    return std::string_view(id_arena_.data() + (id_span_[i] >> 24), id_span_[i] & 0xFFFFFF);
  });
  if (at != index) {
    duplicate(ref, "id", "duplicate firm id " + quoted_firm(id, g_.firms_.back().name), {Kind::firm, at});
    duplicate_firms_.push_back(index);
  }
}

std::uint32_t ChainBuilder::find_firm(std::string_view id) const {
  return g_.firm_index_.find(id, [this](std::uint32_t i) {
    return std::string_view(id_arena_.data() + (id_span_[i] >> 24), id_span_[i] & 0xFFFFFF);
  });
}

std::uint32_t ChainBuilder::known_scheme(const std::string& name) const {
  const std::uint32_t k = scheme_spelling_index_.find(name, [this](std::uint32_t i) -> std::string_view { return scheme_spellings_[i].first; });
  return k == IdIndex::npos ? kNone : scheme_spellings_[k].second;
}

std::uint32_t ChainBuilder::intern_scheme(const std::string& name, RecordRef ref, const std::string& field) {
  // Every spelling is resolved (and warned about) once; later uses of it only look it up.
  const auto next = static_cast<std::uint32_t>(scheme_spellings_.size());
  const std::uint32_t at = intern_scheme_spelling(name, ref, field);
  scheme_spellings_.emplace_back(name, at);
  scheme_spelling_index_.insert(scheme_spellings_.back().first, next,
                                [this](std::uint32_t i) -> std::string_view { return scheme_spellings_[i].first; });
  return at;
}

std::uint32_t ChainBuilder::intern_scheme_spelling(const std::string& name, RecordRef ref, const std::string& field) {
  std::string key = scheme_key(name);
  if (key.empty()) key = name;
  const auto next = static_cast<std::uint32_t>(g_.scheme_keys_.size());
  g_.scheme_keys_.push_back(std::move(key));
  const auto key_of = [this](std::uint32_t i) -> std::string_view { return g_.scheme_keys_[i]; };
  const std::uint32_t at = g_.scheme_index_.insert(g_.scheme_keys_.back(), next, key_of);
  if (at == next) {
    g_.schemes_.push_back(name);
    return next;
  }
  g_.scheme_keys_.pop_back();
  if (g_.schemes_[at] != name &&
      std::find(scheme_spellings_warned_.begin(), scheme_spellings_warned_.end(), name) == scheme_spellings_warned_.end()) {
    scheme_spellings_warned_.push_back(name);
    warning(ref, field, "certification scheme " + quoted(name) + " read as " + quoted(g_.schemes_[at]) +
                            " (the spelling first used; case, spaces and hyphens do not make another scheme)");
  }
  return at;
}

std::uint32_t ChainBuilder::intern_requirements(std::vector<std::uint32_t> set) {
  std::sort(set.begin(), set.end());
  set.erase(std::unique(set.begin(), set.end()), set.end());
  if (set.empty()) return 0;
  std::string key;
  for (std::uint32_t s : set) key += std::to_string(s) + ',';
  if (requirement_keys_.empty()) requirement_keys_.emplace_back();  // the empty set, index 0
  const auto next = static_cast<std::uint32_t>(requirement_keys_.size());
  requirement_keys_.push_back(std::move(key));
  const auto key_of = [this](std::uint32_t i) -> std::string_view { return requirement_keys_[i]; };
  const std::uint32_t at = requirement_set_index_.insert(requirement_keys_.back(), next, key_of);
  if (at != next) {
    requirement_keys_.pop_back();
    return at;
  }
  g_.requirement_sets_.push_back(std::move(set));
  return next;
}

void ChainBuilder::add_link(const LinkRecord& r) {
  const auto index = static_cast<LinkId>(links_.size());
  const RecordRef ref{Kind::link, index};
  auto report = [&](const std::string& f, std::string m) { error(ref, f, std::move(m)); };
  SupplyLink l;
  l.supplier = l.customer = kNone;  // until looked up: a missing end must not read as firm 0
  const bool has_s = require_text(r.supplier, r.invalid, "supplier", report);
  const bool has_c = require_text(r.customer, r.invalid, "customer", report);
  // Ends are looked up in batches (resolve_batch); until then they are kNone. Files usually list a
  // customer's links together, so the customer often repeats and needs no lookup at all.
  const auto defer = [&](const std::string& id, bool customer, bool same_as_previous) {
    if (batch_.size() <= batch_size_) batch_.emplace_back();
    Lookup& q = batch_[batch_size_++];
    q.link = index;
    q.customer = customer;
    q.same_as_previous = same_as_previous;
    q.id = id;
  };
  const bool same_customer = has_c && previous_customer_ && *previous_customer_ == *r.customer;
  if (has_s) defer(*r.supplier, false, false);
  if (has_c) defer(*r.customer, true, same_customer);
  if (!same_customer) previous_customer_ = r.customer;
  if (has_s && has_c && *r.supplier == *r.customer) report("customer", "a firm cannot supply itself (" + quoted(*r.supplier) + ")");
  if (r.input) {
    if (r.input->empty()) {
      report("input", "must not be empty");
    } else {
      l.input_name = intern(g_.input_names_, input_index_, *r.input);
    }
  }
  if (check_unit(r.share, "share", report)) l.share = *r.share;
  if (check_unit(r.weight, "weight", report)) l.weight = *r.weight;
  if (check_unit(r.inspection, "inspection", report)) l.inspection = *r.inspection, l.inspection_given = true;
  if (check_non_negative(r.value, "value", report)) l.value = *r.value;
  l.essential = r.essential.value_or(true);
  if (!r.requires_schemes.empty()) {
    std::vector<std::uint32_t> set;
    for (std::size_t k = 0; k < r.requires_schemes.size(); ++k) {
      if (r.requires_schemes[k].empty()) report("requires[" + std::to_string(k) + "]", "must not be empty");
      else if (const std::uint32_t known = known_scheme(r.requires_schemes[k]); known != kNone) set.push_back(known);
      else set.push_back(intern_scheme(r.requires_schemes[k], ref, "requires[" + std::to_string(k) + "]"));
    }
    l.requires_set = intern_requirements(std::move(set));
  }
  links_.push_back(l);
  if (batch_size_ >= kBatch) resolve_batch();
}

void ChainBuilder::add_input(const InputRecord& r) {
  const auto index = static_cast<std::uint32_t>(g_.input_catalogue_.size());
  const RecordRef ref{Kind::input, index};
  auto report = [&](const std::string& f, std::string m) { error(ref, f, std::move(m)); };
  InputEntry e;
  if (require_text(r.id, r.invalid, "id", report)) e.id = *r.id;
  if (require_text(r.name, r.invalid, "name", report)) e.name = *r.name;
  g_.input_catalogue_.push_back(std::move(e));
  if (g_.input_catalogue_.back().id.empty()) return;
  const auto key_of = [this](std::uint32_t i) -> std::string_view { return g_.input_catalogue_[i].id; };
  const std::uint32_t at = g_.input_catalogue_index_.insert(g_.input_catalogue_.back().id, index, key_of);
  if (at != index) duplicate(ref, "id", "duplicate input id " + quoted(*r.id), {Kind::input, at});
}

void ChainBuilder::warn_unused_inputs() {
  if (g_.input_catalogue_.empty() || links_unreadable_) return;
  std::vector<bool> used(g_.input_catalogue_.size(), false);
  const auto key_of = [this](std::uint32_t i) -> std::string_view { return g_.input_catalogue_[i].id; };
  for (LinkId e = 0; e < g_.links_.size(); ++e) {
    const SupplyLink& l = g_.links_[e];
    if (l.input_name == kNone && l.supplier >= g_.firms_.size()) continue;
    const std::uint32_t i = g_.input_catalogue_index_.find(g_.input_of(e), key_of);
    if (i != kNone) used[i] = true;
  }
  for (std::uint32_t i = 0; i < used.size(); ++i)
    // A duplicate is an error already: only the first of an id is warned about.
    if (!used[i] && !g_.input_catalogue_[i].id.empty() && g_.input_catalogue_index_.find(g_.input_catalogue_[i].id, key_of) == i)
      warning({Kind::input, i}, "id", "input " + quoted(g_.input_catalogue_[i].id) + " is used by no link");
}

// Looks up a batch of link ends in stages, prefetching each stage's memory for the whole batch
// first, so that the cache misses of independent lookups overlap instead of queueing.
void ChainBuilder::resolve_batch() {
  const auto id_of = [this](std::uint32_t i) {
    return std::string_view(id_arena_.data() + (id_span_[i] >> 24), id_span_[i] & 0xFFFFFF);
  };
  const std::size_t n = batch_size_;
  for (std::size_t k = 0; k < n; ++k) {
    if (batch_[k].same_as_previous) continue;
    batch_[k].hash = IdIndex::hash(batch_[k].id);
    g_.firm_index_.prefetch(batch_[k].hash);
  }
  for (std::size_t k = 0; k < n; ++k) {
    if (batch_[k].same_as_previous) continue;
    batch_[k].candidate = g_.firm_index_.candidate(batch_[k].hash);
    if (batch_[k].candidate != kNone) __builtin_prefetch(&id_span_[batch_[k].candidate]);
  }
  for (std::size_t k = 0; k < n; ++k)
    if (!batch_[k].same_as_previous && batch_[k].candidate != kNone)
      __builtin_prefetch(id_arena_.data() + (id_span_[batch_[k].candidate] >> 24));
  for (std::size_t k = 0; k < n; ++k) {
    Lookup& q = batch_[k];
    SupplyLink& l = links_[q.link];
    std::uint32_t v;
    if (q.same_as_previous && links_[q.link - 1].customer != kNone) {
      v = links_[q.link - 1].customer;  // resolved before this entry: entries run in file order
    } else {
      if (q.same_as_previous) q.hash = IdIndex::hash(q.id), q.candidate = g_.firm_index_.candidate(q.hash);
      v = q.candidate;
      if (v != kNone && id_of(v) != q.id) v = g_.firm_index_.find_hashed(q.id, q.hash, id_of);
    }
    (q.customer ? l.customer : l.supplier) = v;
    if (v == kNone) {
      // Not (yet) a known firm: it may be declared later in the file.
      if (!pending_.empty() && pending_.back().link == q.link) (q.customer ? pending_.back().customer : pending_.back().supplier) = q.id;
      else pending_.push_back({q.link, q.customer ? std::string() : q.id, q.customer ? q.id : std::string()});
    }
  }
  batch_size_ = 0;
}

void ChainBuilder::resolve_pending_links() {
  for (const PendingLink& p : pending_) {
    SupplyLink& l = links_[p.link];
    const RecordRef ref{Kind::link, p.link};
    if (firms_unreadable_) continue;  // every reference would fail: one error about the firms suffices
    if (l.supplier == kNone && !p.supplier.empty()) {
      l.supplier = find_firm(p.supplier);
      if (l.supplier == kNone) error(ref, "supplier", "unknown firm " + quoted(p.supplier));
    }
    if (l.customer == kNone && !p.customer.empty()) {
      l.customer = find_firm(p.customer);
      if (l.customer == kNone) error(ref, "customer", "unknown firm " + quoted(p.customer));
    }
  }
  pending_.clear();
}

void ChainBuilder::resolve_pending_firm_refs() {
  const auto seg_key = [this](std::uint32_t i) -> std::string_view { return g_.segments_[i].id; };
  const auto issue_key = [this](std::uint32_t i) -> std::string_view { return g_.issues_[i].code; };
  for (const PendingFirmRef& p : pending_firm_refs_) {
    Firm& f = g_.firms_[p.firm];
    const RecordRef ref{Kind::firm, p.firm};
    if (p.slot == kNone) {
      f.segment = g_.segment_index_.find(p.key, seg_key);
      if (f.segment == kNone) error(ref, "segment", "unknown segment " + quoted(p.key));
    } else {
      f.issues[p.slot].issue = g_.issue_index_.find(p.key, issue_key);
      if (f.issues[p.slot].issue == kNone) error(ref, "issues[" + std::to_string(p.slot) + "].code", "unknown issue code " + quoted(p.key));
    }
  }
  pending_firm_refs_.clear();
  for (Firm& f : g_.firms_) {
    f.issues.erase(std::remove_if(f.issues.begin(), f.issues.end(), [](const FirmIssue& i) { return i.issue == kNone; }),
                   f.issues.end());
    std::sort(f.issues.begin(), f.issues.end(), [](const FirmIssue& a, const FirmIssue& b) { return a.issue < b.issue; });
  }
}

void ChainBuilder::name_subjects() {
  for (Problem& p : problems_) {
    std::string key, subject;
    if (p.ref.kind == Kind::firm && p.ref.index < g_.firms_.size() && !g_.firms_[p.ref.index].id.empty()) {
      const Firm& f = g_.firms_[p.ref.index];
      key = quoted(f.id);
      subject = "firm " + quoted_firm(f.id, f.name);
    } else if (p.ref.kind == Kind::link && p.ref.index < g_.links_.size()) {
      const SupplyLink& l = g_.links_[p.ref.index];
      if (l.supplier >= g_.firms_.size() || l.customer >= g_.firms_.size()) continue;
      key = quoted(g_.firms_[l.supplier].id);
      subject = "link " + key + " -> " + quoted(g_.firms_[l.customer].id);
    }
    if (!subject.empty() && p.message.find(key) == std::string::npos) p.message += " [" + subject + "]";
  }
}

std::optional<ChainGraph> ChainBuilder::build() {
  resolve_batch();
  resolve_pending_links();
  resolve_pending_firm_refs();
  // The chain record may come after the links: links without an inspection take its default now.
  const double inspection = g_.default_inspection();
  for (SupplyLink& l : links_)
    if (!l.inspection_given) l.inspection = inspection;
  g_.links_ = Column<SupplyLink>(std::move(links_));
  build_network();
  warn_isolated_and_expired();
  warn_unused_inputs();
  if (!has_leader_ && !firms_unreadable_) warning({Kind::document, 0}, "firms", "no firm has role chain_leader: leader analyses will be empty");
  name_subjects();
  id_arena_ = std::string();
  id_span_ = std::vector<std::uint64_t>();
  if (errors_ > 0) return std::nullopt;
  return std::move(g_);
}

}  // namespace qchain::graphs
