#pragma once
// The one validating builder through which every loader makes a ChainGraph. Loaders check syntax
// and types and hand over records of raw values; the builder checks everything else (required
// fields, ranges, enums, references, duplicates, shares) so JSON and CSV report the same problems.
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "qchain/graphs/chain.hpp"
#include "qchain/core/error.hpp"

namespace qchain::graphs {

// Which record a problem belongs to: e.g. {Kind::link, 40} is links[40].
struct RecordRef {
  enum class Kind : std::uint8_t { document, chain, segment, issue, firm, link, input };
  Kind kind = Kind::document;
  std::uint32_t index = 0;
};

// A problem before it is located in a file: the loader turns ref + field into file:line:column.
struct Problem {
  Severity severity = Severity::error;
  RecordRef ref;
  std::string field;  // relative to the record, e.g. "supplier", "certifications[1].status"
  std::string message;
  // For duplicates: the record first declared with the same key. The loader says where it is in
  // the file's own terms (firms[3] in JSON, a line number in CSV).
  std::optional<RecordRef> first;
};

// Raw values as read. A field that was present but of the wrong type is absent here and flagged in
// `invalid` so that the builder does not report it missing as well.
struct ChainRecord {
  std::optional<std::string> id, name, region, industry, description, as_of;
  std::optional<double> default_detection, default_inspection;  // chain.defaults
  std::vector<std::string> invalid;
};
struct SegmentRecord {
  std::optional<std::string> id, name;
  std::optional<double> order;
  std::vector<std::string> invalid;
};
struct IssueRecord {
  std::optional<std::string> code, name, category, description;
  std::optional<double> yield_loss;
  std::vector<std::string> invalid;
};
struct InputRecord {  // an entry of the input catalogue
  std::optional<std::string> id, name;
  std::vector<std::string> invalid;
};
struct CertificationRecord {
  std::optional<std::string> scheme, status, expires;
};
struct FirmIssueRecord {
  std::optional<std::string> code;
  std::optional<double> severity;
};
struct AssistanceRecord {
  std::optional<std::string> by, since, programme;
};
struct FirmRecord {
  std::optional<std::string> id, name, role, segment, region, maturity, willingness;
  std::optional<double> first_pass_yield, detection, employees, revenue;
  std::optional<double> profit, operating_cost, quality_cost, satisfaction;  // FirmOutcomes
  std::vector<CertificationRecord> certifications;
  std::vector<FirmIssueRecord> issues;
  std::optional<AssistanceRecord> assisted;
  std::vector<std::string> invalid;
  void clear();
};
struct LinkRecord {
  std::optional<std::string> supplier, customer, input;
  std::optional<double> share, weight, inspection, value;
  std::optional<bool> essential;
  std::vector<std::string> requires_schemes;
  std::vector<std::string> invalid;
  void clear();
};

class ChainBuilder {
 public:
  // At most this many problems are kept (all are counted); a broken million-line file must not
  // produce a million messages.
  static constexpr std::size_t kMaxProblems = 1000;

  // Capacity hints; capped so that a wild estimate cannot exhaust the address space.
  void reserve(std::size_t firms, std::size_t links);
  void add_problem(Problem p);
  void set_chain(const ChainRecord& r);
  void add_segment(const SegmentRecord& r);
  void add_issue(const IssueRecord& r);
  void add_firm(FirmRecord& r);  // moves strings out of r
  void add_link(const LinkRecord& r);
  void add_input(const InputRecord& r);
  // The loader could not read the firm list at all: references to firms are not reported one by one.
  void set_firms_unreadable() { firms_unreadable_ = true; }
  // Likewise for the link list: firms are then not reported as unlinked.
  void set_links_unreadable() { links_unreadable_ = true; }

  // Finishes validation and, when no error was found, returns the graph. Problems (errors and
  // warnings) are in problems() either way.
  std::optional<ChainGraph> build();

  const std::vector<Problem>& problems() const { return problems_; }

  std::size_t error_count() const { return errors_; }
  std::size_t problem_count() const { return total_problems_; }

 private:
  void error(RecordRef ref, std::string field, std::string message);
  void warning(RecordRef ref, std::string field, std::string message);
  void duplicate(RecordRef ref, std::string field, std::string message, RecordRef first);
  std::uint32_t find_firm(std::string_view id) const;
  std::uint32_t intern_requirements(std::vector<std::uint32_t> set);
  // The scheme's index; a new spelling of a known scheme is read as the first one, with a warning.
  std::uint32_t intern_scheme(const std::string& name, RecordRef ref, const std::string& field);
  std::uint32_t intern_scheme_spelling(const std::string& name, RecordRef ref, const std::string& field);
  // The index of a spelling seen before (kNone if new): no key to normalise, no field name to build.
  std::uint32_t known_scheme(const std::string& name) const;
  void resolve_batch();
  void resolve_pending_links();
  void resolve_pending_firm_refs();
  void build_network();
  // Appends to each problem's message who it is about (`[firm "AP0017" (恒达丝网)]`, `[link "A" -> "L"]`)
  // unless the message names it already: a planner looks firms up by id and knows them by name.
  void name_subjects();
  void warn_isolated_and_expired();
  // Catalogue entries that no link uses are warned about: most likely a misspelt id.
  void warn_unused_inputs();

  ChainGraph g_;
  std::vector<SupplyLink> links_;  // moves to the graph at build
  std::vector<Problem> problems_;
  std::size_t errors_ = 0, total_problems_ = 0;
  IdIndex input_index_;
  std::vector<std::string> requirement_keys_;
  IdIndex requirement_set_index_;
  struct PendingLink {
    LinkId link;
    std::string supplier, customer;
  };
  std::vector<PendingLink> pending_;
  struct PendingFirmRef {
    FirmId firm;
    std::uint32_t slot;  // kNone: the firm's segment; else index into its issues
    std::string key;
  };
  std::vector<PendingFirmRef> pending_firm_refs_;
  // Firm ids packed in one buffer (offset << 24 | length per firm): id lookups while loading touch
  // these few megabytes instead of the much larger Firm array. The index moves to the graph at build.
  std::string id_arena_;
  std::vector<std::uint64_t> id_span_;
  bool has_leader_ = false;
  std::optional<std::string> previous_customer_;
  // Link ends waiting to be looked up together (see resolve_batch).
  struct Lookup {
    LinkId link;
    bool customer, same_as_previous;
    std::uint32_t hash = 0, candidate = kNone;
    std::string id;
  };
  static constexpr std::size_t kBatch = 64;
  std::vector<Lookup> batch_;
  std::size_t batch_size_ = 0;
  std::vector<std::string> scheme_spellings_warned_;
  std::vector<std::pair<std::string, std::uint32_t>> scheme_spellings_;  // every spelling seen, and its scheme
  IdIndex scheme_spelling_index_;
  std::vector<FirmId> duplicate_firms_;  // records whose id was declared before: not warned about again
  bool firms_unreadable_ = false;
  bool links_unreadable_ = false;
};

// Shared value checks, also used by scenario and rubric loaders.
bool is_valid_date(std::string_view s);  // YYYY-MM-DD, a real calendar day
bool has_control_chars(std::string_view s);

}  // namespace qchain::graphs
