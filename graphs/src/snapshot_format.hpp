#pragma once
// The .qcsr layout shared by the writer and the reader (docs/qcsr.md). Every row type is plain
// data written with its padding zeroed, so the same chain always gives the same bytes.
#include <cstddef>
#include <cstdint>
#include <cstring>

#include "qchain/graphs/chain.hpp"

namespace qchain::graphs {

// Reaches into ChainGraph for the snapshot writer and reader (a friend of ChainGraph).
struct SnapshotAccess {
  static const ChainGraph& in(const ChainGraph& g) { return g; }
  static ChainInfo& info(ChainGraph& g) { return g.info_; }
  static std::vector<Segment>& segments(ChainGraph& g) { return g.segments_; }
  static std::vector<IssueType>& issues(ChainGraph& g) { return g.issues_; }
  static std::vector<Firm>& firms(ChainGraph& g) { return g.firms_; }
  static Column<SupplyLink>& links(ChainGraph& g) { return g.links_; }
  static std::vector<std::string>& schemes(ChainGraph& g) { return g.schemes_; }
  static std::vector<std::string>& scheme_keys(ChainGraph& g) { return g.scheme_keys_; }
  static const std::vector<std::string>& scheme_keys(const ChainGraph& g) { return g.scheme_keys_; }
  static std::vector<std::string>& regions(ChainGraph& g) { return g.regions_; }
  static std::vector<Assistance>& assistance(ChainGraph& g) { return g.assistance_; }
  static std::vector<FirmOutcomes>& outcomes(ChainGraph& g) { return g.outcomes_; }
  static std::vector<std::string>& input_names(ChainGraph& g) { return g.input_names_; }
  static std::vector<InputEntry>& input_catalogue(ChainGraph& g) { return g.input_catalogue_; }
  static std::vector<std::vector<std::uint32_t>>& requirement_sets(ChainGraph& g) { return g.requirement_sets_; }
  static SupplyNetwork& network(ChainGraph& g) { return g.net_; }
  static const IdIndex& firm_index(const ChainGraph& g) { return g.firm_index_; }
  static IdIndex& firm_index(ChainGraph& g) { return g.firm_index_; }
  // The small indexes are rebuilt from their tables (the firm index is stored: it is large).
  static void index_small_tables(ChainGraph& g);
};

namespace qcsr {

inline constexpr char kMagic[8] = {'Q', 'C', 'S', 'R', '\r', '\n', '\x1a', '\n'};
inline constexpr std::uint32_t kByteOrderMark = 0x01020304u;
inline constexpr std::size_t kHeaderSize = 64;
inline constexpr std::size_t kAlign = 64;

struct Header {
  char magic[8];
  std::uint32_t version;
  std::uint32_t byte_order;  // kByteOrderMark as the writing machine stores it
  std::uint32_t section_count;
  std::uint32_t header_size;
  std::uint64_t file_size;
  std::uint64_t table_checksum;   // of the section table
  std::uint64_t header_checksum;  // of the bytes before this field
  std::uint8_t reserved[16];
};
static_assert(sizeof(Header) == kHeaderSize);

struct SectionEntry {
  std::uint32_t tag;
  std::uint32_t element_size;
  std::uint64_t offset;  // from the start of the file, a multiple of kAlign
  std::uint64_t count;   // elements
  std::uint64_t checksum;
};
static_assert(sizeof(SectionEntry) == 32);

// One section per array, in this order in the file; the tag is the order.
enum Tag : std::uint32_t {
  meta, string_offsets, string_bytes, segments, issues, schemes, scheme_keys, regions, assistance, outcomes,
  input_names, requirement_begin, requirement_items, firms, certification_begin, certifications, firm_issue_begin,
  firm_issues, links, out_begin, out_customer, out_link, in_begin, in_supplier, in_link, in_share, firm_group_begin,
  group_begin, group_essential, group_outside, link_group, firm_index, diagnostics, input_catalogue, tag_count
};
const char* tag_name(std::uint32_t tag);

struct Meta {
  std::uint64_t firm_count, link_count, group_count, string_count;
  std::uint64_t warnings;     // warnings the source's loading counted (diagnostics keeps at most kMaxProblems)
  std::uint64_t index_count;  // entries of the firm index
  double default_detection, default_inspection;
  std::uint32_t id, name, region, industry, description, as_of;  // ChainInfo's strings
};
struct InputEntryRow {
  std::uint32_t id, name;
};
struct SegmentRow {
  std::uint32_t id, name, order;
};
struct IssueRow {
  std::uint32_t code, name, description;
  std::uint8_t category, pad[3];
  double yield_loss;
};
struct AssistanceRow {
  std::uint32_t by, since, programme;
};
struct OutcomeRow {
  double profit, operating_cost, quality_cost, satisfaction;
};
struct FirmRow {
  std::uint32_t id, name, region, segment, assisted, outcomes;
  std::uint8_t role, maturity, willingness, pad[5];
  double first_pass_yield, detection, revenue;
  std::int64_t employees;
};
static_assert(sizeof(FirmRow) == 64);
struct CertificationRow {
  std::uint32_t scheme, expires;
  std::uint8_t status, pad[3];
};
struct FirmIssueRow {
  std::uint32_t issue;
  std::uint8_t severity, pad[3];
};
// SupplyLink itself, used in place from the mapping: its layout is part of the format.
static_assert(sizeof(SupplyLink) == 56 && offsetof(SupplyLink, share) == 16 && offsetof(SupplyLink, essential) == 48 &&
              offsetof(SupplyLink, inspection_given) == 49);
struct DiagnosticRow {
  std::uint32_t file, field, message, sheet, line, column;
  std::uint8_t severity, pad[3];
};

// A 64-bit checksum of four interleaved multiply-rotate lanes: fast enough to verify hundreds of
// megabytes on every open, and it catches flipped, swapped and truncated bytes.
std::uint64_t checksum(const void* data, std::size_t bytes);
// The same checksum over bytes handed over in pieces: value() after update(p1), update(p2), … equals
// checksum() of the pieces joined.
class Checksum {
 public:
  Checksum();
  void update(const void* data, std::size_t bytes);
  std::uint64_t value() const;

 private:
  void mix(const unsigned char* block);  // one 32-byte block into the four lanes
  std::uint64_t a_, b_, c_, d_;  // the lanes
  std::uint64_t total_ = 0;
  unsigned char block_[32] = {};
  std::size_t pending_ = 0;
};

}  // namespace qcsr
}  // namespace qchain::graphs
