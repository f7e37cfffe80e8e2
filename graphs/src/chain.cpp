#include "qchain/graphs/chain.hpp"

#include <array>
#include <string>

#include "qchain/core/error.hpp"
#include "qchain/graphs/name_match.hpp"

namespace qchain::graphs {
namespace {

constexpr std::array<std::string_view, kRoleCount> kRoles{"chain_leader", "large", "medium", "small", "micro"};
constexpr std::array<std::string_view, 4> kMaturities{"", "startup", "developing", "leaping"};
constexpr std::array<std::string_view, 4> kStatuses{"valid", "suspended", "expired", "in_progress"};
constexpr std::array<std::string_view, 4> kWillingness{"", "weak", "moderate", "strong"};
constexpr std::array<std::string_view, 4> kWillingnessZh{"", "弱", "一般", "强"};
constexpr std::array<std::string_view, kCategoryCount> kCategories{"man",    "machine",     "material",
                                                                   "method", "measurement", "environment"};

template <class Enum, std::size_t N>
std::optional<Enum> parse_enum(const std::array<std::string_view, N>& names, std::string_view s) {
  for (std::size_t i = 0; i < N; ++i)
    if (!names[i].empty() && names[i] == s) return static_cast<Enum>(i);
  return std::nullopt;
}

}  // namespace

std::string_view to_string(Role r) { return kRoles[static_cast<std::size_t>(r)]; }
std::string_view to_string(Maturity m) { return kMaturities[static_cast<std::size_t>(m)]; }
std::string_view to_string(CertStatus s) { return kStatuses[static_cast<std::size_t>(s)]; }
std::string_view to_string(IssueCategory c) { return kCategories[static_cast<std::size_t>(c)]; }
std::string_view to_string(Willingness w) { return kWillingness[static_cast<std::size_t>(w)]; }
std::optional<Role> parse_role(std::string_view s) { return parse_enum<Role>(kRoles, s); }
std::optional<Maturity> parse_maturity(std::string_view s) { return parse_enum<Maturity>(kMaturities, s); }
std::optional<CertStatus> parse_cert_status(std::string_view s) { return parse_enum<CertStatus>(kStatuses, s); }
std::optional<Willingness> parse_willingness(std::string_view s) {
  if (auto w = parse_enum<Willingness>(kWillingness, s)) return w;
  return parse_enum<Willingness>(kWillingnessZh, s);
}
std::optional<IssueCategory> parse_issue_category(std::string_view s) {
  return parse_enum<IssueCategory>(kCategories, s);
}

namespace {
std::optional<std::uint32_t> found(std::uint32_t i) {
  if (i == IdIndex::npos) return std::nullopt;
  return i;
}
}  // namespace

std::optional<FirmId> ChainGraph::find_firm(std::string_view id) const {
  return found(firm_index_.find(id, [this](std::uint32_t i) -> std::string_view { return firms_[i].id; }));
}
std::optional<std::uint32_t> ChainGraph::find_segment(std::string_view id) const {
  return found(segment_index_.find(id, [this](std::uint32_t i) -> std::string_view { return segments_[i].id; }));
}
std::optional<std::uint32_t> ChainGraph::find_segment_named(std::string_view id_or_name) const {
  if (const auto k = find_segment(id_or_name)) return k;
  for (std::uint32_t k = 0; k < segments_.size(); ++k)
    if (segments_[k].name == id_or_name) return k;
  return std::nullopt;
}
std::optional<std::uint32_t> ChainGraph::find_issue(std::string_view code) const {
  return found(issue_index_.find(code, [this](std::uint32_t i) -> std::string_view { return issues_[i].code; }));
}
std::optional<std::uint32_t> ChainGraph::find_scheme(std::string_view name) const {
  return found(scheme_index_.find(scheme_key(name), [this](std::uint32_t i) -> std::string_view { return scheme_keys_[i]; }));
}

std::string_view ChainGraph::input_of(LinkId e) const {
  const SupplyLink& l = links_[e];
  return l.input_name == kNone ? std::string_view(firms_[l.supplier].id) : std::string_view(input_names_[l.input_name]);
}

std::string_view ChainGraph::input_label(std::string_view input) const {
  if (input_catalogue_.empty()) return input;
  const std::uint32_t i = input_catalogue_index_.find(input, [this](std::uint32_t k) -> std::string_view { return input_catalogue_[k].id; });
  return i == kNone || input_catalogue_[i].name.empty() ? input : std::string_view(input_catalogue_[i].name);
}

std::vector<FirmId> ChainGraph::leaders() const {
  std::vector<FirmId> out;
  for (FirmId v = 0; v < firm_count(); ++v)
    if (firms_[v].role == Role::chain_leader) out.push_back(v);
  return out;
}

std::vector<FirmId> ChainGraph::leaders_or(const std::vector<FirmId>& chosen, const char* what) const {
  if (chosen.empty()) return leaders();
  for (FirmId v : chosen)
    if (v >= firm_count()) throw UsageError(std::string(what) + ": firm index " + std::to_string(v) + " out of range");
  return chosen;
}

}  // namespace qchain::graphs
