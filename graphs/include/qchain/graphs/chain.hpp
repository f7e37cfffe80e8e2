#pragma once
// The chain data model: firms, supply links, segments and issue codes on dense uint32_t ids,
// with the links also held in compressed (CSR) form, forward and reverse, for the algorithms.
// A ChainGraph is immutable; only ChainBuilder makes one (chain_builder.hpp).
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "qchain/graphs/column.hpp"
#include "qchain/graphs/id_index.hpp"

namespace qchain::graphs {

using FirmId = std::uint32_t;
using LinkId = std::uint32_t;
inline constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();
inline constexpr double kAbsent = std::numeric_limits<double>::quiet_NaN();
// What the quality model assumes where neither the firm (link) nor chain.defaults says
// (docs/quality-model.md): most first-pass failures are caught in-house before delivery; incoming
// inspection is not assumed.
inline constexpr double kBuiltInDetection = 0.9;
inline constexpr double kBuiltInInspection = 0.0;

enum class Role : std::uint8_t { chain_leader, large, medium, small, micro };
inline constexpr int kRoleCount = 5;
enum class Maturity : std::uint8_t { unknown, startup, developing, leaping };
enum class CertStatus : std::uint8_t { valid, suspended, expired, in_progress };
// 提升意愿: how keen a firm is to improve, as the programme screens candidates for assistance.
enum class Willingness : std::uint8_t { unknown, weak, moderate, strong };
// The six fishbone (6M) classes 人机料法测环.
enum class IssueCategory : std::uint8_t { man, machine, material, method, measurement, environment };
inline constexpr int kCategoryCount = 6;

std::string_view to_string(Role r);
std::string_view to_string(Maturity m);
std::string_view to_string(CertStatus s);
std::string_view to_string(IssueCategory c);
std::string_view to_string(Willingness w);
std::optional<Role> parse_role(std::string_view s);
std::optional<Maturity> parse_maturity(std::string_view s);
std::optional<CertStatus> parse_cert_status(std::string_view s);
std::optional<IssueCategory> parse_issue_category(std::string_view s);
// "strong", "moderate", "weak", or as the survey writes them: 强, 一般, 弱.
std::optional<Willingness> parse_willingness(std::string_view s);

struct ChainInfo {
  std::string id, name, region, industry, description;
  std::string as_of;  // YYYY-MM-DD or empty
  double default_detection = kAbsent;   // chain.defaults.detection as given
  double default_inspection = kAbsent;  // chain.defaults.inspection as given
};

struct Segment {
  std::string id, name;
  std::uint32_t order = 0;  // 0 = most upstream
};

struct IssueType {
  std::string code, name, description;
  IssueCategory category = IssueCategory::man;
  double yield_loss = kAbsent;  // NaN when the catalogue gives none
};

// An entry of the optional input catalogue: what a link's `input` id means to a reader (伺服电机 for
// `custom-encoder`). Ids need not be used by any link; links need not have an entry.
struct InputEntry {
  std::string id, name;
};

struct Certification {
  std::uint32_t scheme = 0;  // index into ChainGraph::schemes()
  CertStatus status = CertStatus::valid;
  std::string expires;  // YYYY-MM-DD or empty
};

struct FirmIssue {
  std::uint32_t issue = 0;  // index into ChainGraph::issues()
  std::uint8_t severity = 1;  // 1..5
};

struct Assistance {
  std::string by, since, programme;
};

// The effect indicators a programme reports (docs/programme-views.md): money in 10k CNY like
// revenue, satisfaction in [0,1]. NaN: not given. Rare, so kept in a side table of the ChainGraph.
struct FirmOutcomes {
  double profit = kAbsent;          // any finite number, a loss negative
  double operating_cost = kAbsent;  // ≥ 0
  double quality_cost = kAbsent;    // ≥ 0
  double satisfaction = kAbsent;    // customer satisfaction, [0,1]
  bool any() const { return profit == profit || operating_cost == operating_cost || quality_cost == quality_cost || satisfaction == satisfaction; }
};

// Kept small: a province-sized chain holds millions. Regions and assistance records, shared or
// rare, live in side tables of the ChainGraph.
struct Firm {
  std::string id, name;
  std::uint32_t region = kNone;    // index into ChainGraph::regions()
  std::uint32_t segment = kNone;   // index into ChainGraph::segments()
  std::uint32_t assisted = kNone;  // index into ChainGraph::assistance(); kNone: not assisted
  std::uint32_t outcomes = kNone;  // index into ChainGraph::outcomes(); kNone: none given
  Role role = Role::micro;
  Maturity maturity = Maturity::unknown;
  Willingness willingness = Willingness::unknown;
  double first_pass_yield = kAbsent;  // NaN: not given
  double detection = kAbsent;         // η, share of own defects caught before delivery; NaN: not given
  double revenue = kAbsent;
  std::int64_t employees = -1;  // -1: not given
  std::vector<Certification> certifications;  // sorted by scheme id
  std::vector<FirmIssue> issues;              // sorted by issue id
};

struct SupplyLink {
  FirmId supplier = 0, customer = 0;
  std::uint32_t input_name = kNone;  // index into input_names(); kNone: the default (supplier's own id)
  std::uint32_t requires_set = 0;    // index into requirement_sets(); 0 is the empty set
  double share = kAbsent;            // as given
  double weight = kAbsent;           // as given
  double inspection = 0.0;         // as given, or the chain's default when not given
  double value = kAbsent;
  bool essential = true;
  bool inspection_given = false;
};

// Reverse CSR of one customer's in-links, grouped by input: group g of firm v is
// [group_begin[g], group_begin[g+1]) in the in_* arrays, for g in [firm_group_begin[v], firm_group_begin[v+1]).
// Within a group links are ordered by supplier id; groups by input key.
// Columns: owned when built from a chain file, views of the mapping when opened from a snapshot.
struct SupplyNetwork {
  Column<std::uint32_t> out_begin;     // firm_count + 1
  Column<FirmId> out_customer;         // link_count
  Column<LinkId> out_link;             // link_count
  Column<std::uint32_t> in_begin;      // firm_count + 1
  Column<FirmId> in_supplier;          // link_count
  Column<LinkId> in_link;              // link_count
  Column<double> in_share;             // normalised share of the link within its input (sums to 1)
  Column<std::uint32_t> firm_group_begin;  // firm_count + 1
  Column<std::uint32_t> group_begin;       // group_count + 1, offsets into in_*
  Column<std::uint8_t> group_essential;    // group_count
  // Per group: the part of the input bought from sources outside the chain (1 − Σ share when every
  // source has a share and they add up to less than 1; else 0). in_share stays normalised within
  // the recorded sources, which is what the quality model uses.
  Column<double> group_outside;
  Column<std::uint32_t> link_group;        // link id -> its input group
};

// A run of ids in one of the network's arrays, for a range-for (C++17 has no std::span).
struct IdRange {
  const std::uint32_t* first = nullptr;
  const std::uint32_t* last = nullptr;
  const std::uint32_t* begin() const { return first; }
  const std::uint32_t* end() const { return last; }
  std::size_t size() const { return static_cast<std::size_t>(last - first); }
  bool empty() const { return first == last; }
  std::uint32_t operator[](std::size_t i) const { return first[i]; }
};

// The integers [first, last): a firm's input groups.
struct IndexRange {
  struct iterator {
    std::uint32_t at;
    std::uint32_t operator*() const { return at; }
    iterator& operator++() { return ++at, *this; }
    bool operator!=(iterator o) const { return at != o.at; }
  };
  std::uint32_t first = 0, last = 0;
  iterator begin() const { return {first}; }
  iterator end() const { return {last}; }
  std::size_t size() const { return last - first; }
};

// A link seen from one of its firms: the link and the firm at its other end.
struct LinkEnd {
  LinkId link;
  FirmId firm;
};

// The links of one firm with the firms at their other ends, walked side by side.
struct LinkEnds {
  struct iterator {
    const LinkId* link;
    const FirmId* firm;
    LinkEnd operator*() const { return {*link, *firm}; }
    iterator& operator++() { return ++link, ++firm, *this; }
    bool operator!=(iterator o) const { return link != o.link; }
  };
  const LinkId* links = nullptr;
  const FirmId* firms = nullptr;
  std::size_t count = 0;
  iterator begin() const { return {links, firms}; }
  iterator end() const { return {links + count, firms + count}; }
  std::size_t size() const { return count; }
  bool empty() const { return count == 0; }
};

class ChainGraph {
 public:
  const ChainInfo& info() const { return info_; }
  const std::vector<Segment>& segments() const { return segments_; }
  const std::vector<IssueType>& issues() const { return issues_; }
  const std::vector<Firm>& firms() const { return firms_; }
  const Column<SupplyLink>& links() const { return links_; }
  const std::vector<std::string>& schemes() const { return schemes_; }
  const std::vector<std::string>& regions() const { return regions_; }
  const std::vector<Assistance>& assistance() const { return assistance_; }
  const std::vector<FirmOutcomes>& outcomes() const { return outcomes_; }
  const std::vector<std::string>& input_names() const { return input_names_; }
  const std::vector<InputEntry>& input_catalogue() const { return input_catalogue_; }
  const std::vector<std::vector<std::uint32_t>>& requirement_sets() const { return requirement_sets_; }
  const SupplyNetwork& network() const { return net_; }

  std::uint32_t firm_count() const { return static_cast<std::uint32_t>(firms_.size()); }
  std::uint32_t link_count() const { return static_cast<std::uint32_t>(links_.size()); }
  const Firm& firm(FirmId v) const { return firms_[v]; }
  const SupplyLink& link(LinkId e) const { return links_[e]; }

  std::optional<FirmId> find_firm(std::string_view id) const;
  std::optional<std::uint32_t> find_segment(std::string_view id) const;
  // A segment a person names: by its id, or else by its name (the first segment of that name).
  std::optional<std::uint32_t> find_segment_named(std::string_view id_or_name) const;
  std::optional<std::uint32_t> find_issue(std::string_view code) const;
  // Spellings that differ only by case, spaces, hyphens or full-width forms find the same scheme.
  std::optional<std::uint32_t> find_scheme(std::string_view name) const;

  // A firm's customers, one entry per link it supplies through (a customer it supplies under two
  // inputs appears twice), and its suppliers, one per link into it, grouped by input and by
  // supplier id within one: slices of the network's arrays, nothing copied.
  IdRange customers_of(FirmId v) const { return slice(net_.out_customer, net_.out_begin, v); }
  IdRange suppliers_of(FirmId v) const { return slice(net_.in_supplier, net_.in_begin, v); }
  // The same links with their ids: (link, customer) and (link, supplier), in the same order.
  LinkEnds customer_links_of(FirmId v) const { return ends(net_.out_link, net_.out_customer, net_.out_begin, v); }
  LinkEnds supplier_links_of(FirmId v) const { return ends(net_.in_link, net_.in_supplier, net_.in_begin, v); }
  // A firm's input groups (SupplyNetwork), and one group's suppliers and links.
  IndexRange input_groups_of(FirmId v) const { return {net_.firm_group_begin[v], net_.firm_group_begin[v + 1]}; }
  IdRange group_suppliers(std::uint32_t group) const { return slice(net_.in_supplier, net_.group_begin, group); }
  IdRange group_links(std::uint32_t group) const { return slice(net_.in_link, net_.group_begin, group); }

  // Tables per segment have segments().size() + 1 slots, the last for the firms without one.
  std::uint32_t segment_slot(std::uint32_t segment) const {
    return segment == kNone ? static_cast<std::uint32_t>(segments_.size()) : segment;
  }
  std::uint32_t slot_segment(std::size_t slot) const {
    return slot == segments_.size() ? kNone : static_cast<std::uint32_t>(slot);
  }
  // The segment's id, or "" for kNone (files and JSON; readers see report::segment_label).
  std::string_view segment_id(std::uint32_t segment) const {
    return segment == kNone ? std::string_view() : std::string_view(segments_[segment].id);
  }

  std::string_view region_of(const Firm& f) const { return f.region == kNone ? std::string_view() : regions_[f.region]; }
  const Assistance* assistance_of(const Firm& f) const { return f.assisted == kNone ? nullptr : &assistance_[f.assisted]; }
  // The firm's outcome fields; all NaN when it has none.
  const FirmOutcomes& outcomes_of(const Firm& f) const {
    static const FirmOutcomes kNoOutcomes{};
    return f.outcomes == kNone ? kNoOutcomes : outcomes_[f.outcomes];
  }

  // The input's name as written, or the supplier's id for the default input.
  std::string_view input_of(LinkId e) const;
  // What a reader sees for an input: its catalogue name, else the id itself.
  std::string_view input_label(std::string_view input) const;
  std::string_view input_label_of(LinkId e) const { return input_label(input_of(e)); }
  std::vector<FirmId> leaders() const;  // firms with role chain_leader, in file order
  // A certificate counts as held when its status is valid and it has not expired by chain.as_of.
  bool in_force(const Certification& c) const {
    return c.status == CertStatus::valid && (c.expires.empty() || info_.as_of.empty() || c.expires >= info_.as_of);
  }
  // η_v: the firm's own detection, else chain.defaults.detection, else kBuiltInDetection.
  double detection_of(FirmId v) const {
    const double own = firms_[v].detection;
    return own == own ? own : default_detection();
  }
  double default_detection() const { return info_.default_detection == info_.default_detection ? info_.default_detection : kBuiltInDetection; }
  double default_inspection() const { return info_.default_inspection == info_.default_inspection ? info_.default_inspection : kBuiltInInspection; }
  // Whether firm v holds a certificate of `scheme` in force (the rule above).
  bool holds_in_force(FirmId v, std::uint32_t scheme) const {
    for (const Certification& c : firms_[v].certifications)
      if (c.scheme == scheme) return in_force(c);
    return false;
  }
  // `chosen` when given (each checked to be a firm), else leaders(). Throws UsageError naming `what`.
  std::vector<FirmId> leaders_or(const std::vector<FirmId>& chosen, const char* what) const;

 private:
  friend class ChainBuilder;
  friend struct SnapshotAccess;
  static IdRange slice(const Column<std::uint32_t>& items, const Column<std::uint32_t>& begin, std::uint32_t at) {
    return {items.data() + begin[at], items.data() + begin[at + 1]};
  }
  static LinkEnds ends(const Column<LinkId>& links, const Column<FirmId>& firms, const Column<std::uint32_t>& begin,
                       FirmId v) {
    return {links.data() + begin[v], firms.data() + begin[v], begin[v + 1] - begin[v]};
  }
  ChainInfo info_;
  std::vector<Segment> segments_;
  std::vector<IssueType> issues_;
  std::vector<Firm> firms_;
  Column<SupplyLink> links_;
  std::vector<std::string> schemes_;
  std::vector<std::string> scheme_keys_;  // scheme_key() of each: what makes two spellings one scheme
  std::vector<std::string> regions_;
  std::vector<Assistance> assistance_;
  std::vector<FirmOutcomes> outcomes_;
  std::vector<std::string> input_names_;
  std::vector<InputEntry> input_catalogue_;
  std::vector<std::vector<std::uint32_t>> requirement_sets_{{}};
  SupplyNetwork net_;
  IdIndex firm_index_, segment_index_, issue_index_, scheme_index_, region_index_, input_catalogue_index_;
};

}  // namespace qchain::graphs
