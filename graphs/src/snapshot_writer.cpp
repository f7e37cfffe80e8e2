// Writing the .qcsr snapshot: every table of the ChainGraph as a section of plain rows, strings in
// one blob, the CSR network as it is in memory.
#include <algorithm>
#include <cstring>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "qchain/core/atomic_file.hpp"
#include "qchain/graphs/snapshot.hpp"
#include "snapshot_format.hpp"

namespace qchain::graphs {
namespace qcsr {
namespace {

constexpr std::uint64_t kP1 = 0x9E3779B185EBCA87ull, kP2 = 0xC2B2AE3D27D4EB4Full, kP3 = 0x165667B19E3779F9ull;

std::uint64_t rotl(std::uint64_t x, int r) { return (x << r) | (x >> (64 - r)); }
std::uint64_t lane(std::uint64_t acc, std::uint64_t word) { return rotl(acc + word * kP2, 31) * kP1; }
std::uint64_t word_at(const unsigned char* p) {
  std::uint64_t w;
  std::memcpy(&w, p, 8);
  return w;
}

}  // namespace

Checksum::Checksum() : a_(kP1 + kP2), b_(kP2), c_(0), d_(0 - kP1) {}

void Checksum::update(const void* data, std::size_t bytes) {
  if (bytes == 0) return;  // an empty section's data() may be null, which memcpy must not see
  const auto* p = static_cast<const unsigned char*>(data);
  total_ += bytes;
  if (pending_ > 0) {
    const std::size_t take = std::min(bytes, sizeof block_ - pending_);
    std::memcpy(block_ + pending_, p, take);
    pending_ += take, p += take, bytes -= take;
    if (pending_ < sizeof block_) return;
    mix(block_);
    pending_ = 0;
  }
  for (; bytes >= 32; p += 32, bytes -= 32) mix(p);
  std::memcpy(block_, p, bytes);
  pending_ = bytes;
}

void Checksum::mix(const unsigned char* p) {
  a_ = lane(a_, word_at(p));
  b_ = lane(b_, word_at(p + 8));
  c_ = lane(c_, word_at(p + 16));
  d_ = lane(d_, word_at(p + 24));
}

std::uint64_t Checksum::value() const {
  const unsigned char* p = block_;
  std::size_t n = pending_;
  std::uint64_t h = rotl(a_, 1) + rotl(b_, 7) + rotl(c_, 12) + rotl(d_, 18) + total_;
  for (; n >= 8; p += 8, n -= 8) h = rotl(h ^ lane(0, word_at(p)), 27) * kP1 + kP3;
  for (; n > 0; ++p, --n) h = rotl(h ^ (*p * kP3), 11) * kP1;
  h ^= h >> 33;
  h *= kP2;
  h ^= h >> 29;
  h *= kP3;
  return h ^ (h >> 32);
}

std::uint64_t checksum(const void* data, std::size_t bytes) {
  Checksum c;
  c.update(data, bytes);
  return c.value();
}

const char* tag_name(std::uint32_t tag) {
  static const char* const kNames[tag_count] = {
      "meta", "string_offsets", "string_bytes", "segments", "issues", "schemes", "scheme_keys", "regions", "assistance",
      "outcomes", "input_names", "requirement_begin", "requirement_items", "firms", "certification_begin",
      "certifications", "firm_issue_begin", "firm_issues", "links", "out_begin", "out_customer", "out_link", "in_begin",
      "in_supplier", "in_link", "in_share", "firm_group_begin", "group_begin", "group_essential", "group_outside",
      "link_group", "firm_index", "diagnostics", "input_catalogue"};
  return tag < tag_count ? kNames[tag] : "unknown";
}

}  // namespace qcsr

namespace {

using namespace qcsr;

template <class T>
T zeroed() {
  T r;
  std::memset(&r, 0, sizeof r);
  return r;
}

// String i is bytes [offsets[i], offsets[i+1]); string 0 is "". Not deduplicated: the tables
// that share strings (regions, schemes) already hold each once.
class StringTable {
 public:
  StringTable() : offsets_{0, 0} {}
  std::uint32_t add(std::string_view s) {
    if (s.empty()) return 0;
    bytes_.append(s);
    offsets_.push_back(bytes_.size());
    return static_cast<std::uint32_t>(offsets_.size() - 2);
  }
  const std::vector<std::uint64_t>& offsets() const { return offsets_; }
  const std::string& bytes() const { return bytes_; }

 private:
  std::vector<std::uint64_t> offsets_;
  std::string bytes_;
};

// The file laid out from the sections' sizes and written in two passes over them: one for the
// checksums, which the section table at the head of the file holds, then one that hands the bytes
// to the sink. So a snapshot is never held in memory whole (at 10M firms it is gigabytes): only the
// graph's own arrays and the rows made for it are.
class FileBuilder {
 public:
  // Emits a section's bytes, in one piece or several; called once per pass.
  using Produce = std::function<void(const std::function<void(const char*, std::size_t)>&)>;

  FileBuilder() : entries_(tag_count), produce_(tag_count) {}

  template <class T>
  void section(Tag tag, const T* rows, std::size_t count, std::uint32_t element_size = sizeof(T)) {
    const char* data = reinterpret_cast<const char*>(rows);
    const std::size_t bytes = count * element_size;
    section(tag, count, element_size, [data, bytes](const auto& emit) { emit(data, bytes); });
  }
  template <class T>
  void section(Tag tag, const std::vector<T>& rows) { section(tag, rows.data(), rows.size()); }
  template <class T>
  void section(Tag tag, const Column<T>& rows) { section(tag, rows.data(), rows.size()); }
  void section(Tag tag, std::size_t count, std::uint32_t element_size, Produce produce) {
    SectionEntry& e = entries_[tag];
    e.element_size = element_size;
    e.count = count;
    produce_[tag] = std::move(produce);
  }

  // Sections lie in tag order, whatever the order they were given in; one never given is empty.
  void write(const std::function<void(std::string_view)>& sink) {
    std::string head(align(kHeaderSize + tag_count * sizeof(SectionEntry)), '\0');
    std::uint64_t end = head.size();
    for (std::uint32_t t = 0; t < tag_count; ++t) {
      SectionEntry& e = entries_[t];
      e.tag = t;
      e.offset = end;
      end = align(end + e.count * e.element_size);
    }
    for (SectionEntry& e : entries_) {
      Checksum c;
      if (produce_[e.tag]) produce_[e.tag]([&c](const char* p, std::size_t n) { c.update(p, n); });
      e.checksum = c.value();
    }
    std::memcpy(&head[kHeaderSize], entries_.data(), entries_.size() * sizeof(SectionEntry));
    auto h = zeroed<Header>();
    std::memcpy(h.magic, kMagic, sizeof kMagic);
    h.version = kSnapshotVersion;
    h.byte_order = kByteOrderMark;
    h.section_count = tag_count;
    h.header_size = kHeaderSize;
    h.file_size = end;
    h.table_checksum = checksum(head.data() + kHeaderSize, entries_.size() * sizeof(SectionEntry));
    h.header_checksum = checksum(&h, offsetof(Header, header_checksum));
    std::memcpy(&head[0], &h, sizeof h);
    sink(head);
    std::uint64_t at = head.size();
    static const char kZeros[kAlign] = {};
    for (const SectionEntry& e : entries_) {
      if (produce_[e.tag]) produce_[e.tag]([&](const char* p, std::size_t n) {
        sink(std::string_view(p, n));
        at += n;
      });
      sink(std::string_view(kZeros, static_cast<std::size_t>(align(at) - at)));
      at = align(at);
    }
  }

 private:
  static std::uint64_t align(std::uint64_t n) { return (n + kAlign - 1) / kAlign * kAlign; }
  std::vector<SectionEntry> entries_;
  std::vector<Produce> produce_;
};

std::vector<std::uint32_t> string_list(StringTable& st, const std::vector<std::string>& v) {
  std::vector<std::uint32_t> out;
  out.reserve(v.size());
  for (const std::string& s : v) out.push_back(st.add(s));
  return out;
}

// Field by field into zeroed bytes: the struct's tail padding must not carry stray memory. In
// chunks, so that the rows never exist all at once.
void link_rows(const Column<SupplyLink>& links, const std::function<void(const char*, std::size_t)>& emit) {
  constexpr std::size_t kChunk = 16384;
  std::string out;
  for (std::size_t first = 0; first < links.size(); first += kChunk) {
    const std::size_t n = std::min(kChunk, links.size() - first);
    out.assign(n * sizeof(SupplyLink), '\0');
    char* p = out.data();
    for (std::size_t k = first; k < first + n; ++k) {
      const SupplyLink& l = links[k];
      std::memcpy(p + offsetof(SupplyLink, supplier), &l.supplier, 4);
      std::memcpy(p + offsetof(SupplyLink, customer), &l.customer, 4);
      std::memcpy(p + offsetof(SupplyLink, input_name), &l.input_name, 4);
      std::memcpy(p + offsetof(SupplyLink, requires_set), &l.requires_set, 4);
      std::memcpy(p + offsetof(SupplyLink, share), &l.share, 8);
      std::memcpy(p + offsetof(SupplyLink, weight), &l.weight, 8);
      std::memcpy(p + offsetof(SupplyLink, inspection), &l.inspection, 8);
      std::memcpy(p + offsetof(SupplyLink, value), &l.value, 8);
      p[offsetof(SupplyLink, essential)] = l.essential ? 1 : 0;
      p[offsetof(SupplyLink, inspection_given)] = l.inspection_given ? 1 : 0;
      p += sizeof(SupplyLink);
    }
    emit(out.data(), out.size());
  }
}

void write_snapshot_to(const ChainGraph& g, const ChainLoad& load, const std::function<void(std::string_view)>& sink) {
  StringTable st;
  auto meta = zeroed<Meta>();
  const ChainInfo& info = g.info();
  meta.firm_count = g.firm_count();
  meta.link_count = g.link_count();
  meta.group_count = g.network().group_essential.size();
  meta.warnings = load.warnings;
  meta.index_count = SnapshotAccess::firm_index(g).size();
  meta.default_detection = info.default_detection;
  meta.default_inspection = info.default_inspection;
  meta.id = st.add(info.id), meta.name = st.add(info.name), meta.region = st.add(info.region);
  meta.industry = st.add(info.industry), meta.description = st.add(info.description), meta.as_of = st.add(info.as_of);

  std::vector<SegmentRow> segments;
  for (const Segment& s : g.segments()) segments.push_back({st.add(s.id), st.add(s.name), s.order});
  std::vector<IssueRow> issues;
  for (const IssueType& t : g.issues()) {
    auto r = zeroed<IssueRow>();
    r.code = st.add(t.code), r.name = st.add(t.name), r.description = st.add(t.description);
    r.category = static_cast<std::uint8_t>(t.category);
    r.yield_loss = t.yield_loss;
    issues.push_back(r);
  }
  const auto schemes = string_list(st, g.schemes());
  const auto scheme_keys = string_list(st, SnapshotAccess::scheme_keys(g));
  const auto regions = string_list(st, g.regions());
  std::vector<AssistanceRow> assistance;
  for (const Assistance& a : g.assistance()) assistance.push_back({st.add(a.by), st.add(a.since), st.add(a.programme)});
  std::vector<OutcomeRow> outcomes;
  for (const FirmOutcomes& o : g.outcomes()) outcomes.push_back({o.profit, o.operating_cost, o.quality_cost, o.satisfaction});
  const auto input_names = string_list(st, g.input_names());
  std::vector<InputEntryRow> input_catalogue;
  for (const InputEntry& e : g.input_catalogue()) input_catalogue.push_back({st.add(e.id), st.add(e.name)});
  std::vector<std::uint32_t> requirement_begin{0}, requirement_items;
  for (const auto& set : g.requirement_sets()) {
    requirement_items.insert(requirement_items.end(), set.begin(), set.end());
    requirement_begin.push_back(static_cast<std::uint32_t>(requirement_items.size()));
  }

  std::vector<FirmRow> firms;
  firms.reserve(g.firm_count());
  std::vector<std::uint32_t> certification_begin{0}, firm_issue_begin{0};
  std::vector<CertificationRow> certifications;
  std::vector<FirmIssueRow> firm_issues;
  for (const Firm& f : g.firms()) {
    auto r = zeroed<FirmRow>();
    r.id = st.add(f.id), r.name = st.add(f.name);
    r.region = f.region, r.segment = f.segment, r.assisted = f.assisted, r.outcomes = f.outcomes;
    r.role = static_cast<std::uint8_t>(f.role), r.maturity = static_cast<std::uint8_t>(f.maturity);
    r.willingness = static_cast<std::uint8_t>(f.willingness);
    r.first_pass_yield = f.first_pass_yield, r.detection = f.detection, r.revenue = f.revenue, r.employees = f.employees;
    firms.push_back(r);
    for (const Certification& c : f.certifications) {
      auto cr = zeroed<CertificationRow>();
      cr.scheme = c.scheme, cr.expires = st.add(c.expires), cr.status = static_cast<std::uint8_t>(c.status);
      certifications.push_back(cr);
    }
    certification_begin.push_back(static_cast<std::uint32_t>(certifications.size()));
    for (const FirmIssue& i : f.issues) {
      auto ir = zeroed<FirmIssueRow>();
      ir.issue = i.issue, ir.severity = i.severity;
      firm_issues.push_back(ir);
    }
    firm_issue_begin.push_back(static_cast<std::uint32_t>(firm_issues.size()));
  }

  std::vector<DiagnosticRow> diagnostics;
  for (const Diagnostic& d : load.diagnostics) {
    if (d.severity != Severity::warning) continue;  // a chain with errors has no snapshot
    auto r = zeroed<DiagnosticRow>();
    r.file = st.add(d.file), r.field = st.add(d.field), r.message = st.add(d.message), r.sheet = st.add(d.sheet);
    r.line = d.line, r.column = d.column;
    r.severity = static_cast<std::uint8_t>(d.severity);
    diagnostics.push_back(r);
  }
  meta.string_count = st.offsets().size() - 1;

  FileBuilder out;
  out.section(Tag::meta, &meta, 1);
  out.section(Tag::string_offsets, st.offsets());
  out.section(Tag::string_bytes, st.bytes().data(), st.bytes().size());
  out.section(Tag::segments, segments);
  out.section(Tag::issues, issues);
  out.section(Tag::schemes, schemes);
  out.section(Tag::scheme_keys, scheme_keys);
  out.section(Tag::regions, regions);
  out.section(Tag::assistance, assistance);
  out.section(Tag::outcomes, outcomes);
  out.section(Tag::input_names, input_names);
  out.section(Tag::requirement_begin, requirement_begin);
  out.section(Tag::requirement_items, requirement_items);
  out.section(Tag::firms, firms);
  out.section(Tag::certification_begin, certification_begin);
  out.section(Tag::certifications, certifications);
  out.section(Tag::firm_issue_begin, firm_issue_begin);
  out.section(Tag::firm_issues, firm_issues);
  out.section(Tag::links, g.link_count(), sizeof(SupplyLink), [&g](const auto& emit) { link_rows(g.links(), emit); });
  const SupplyNetwork& net = g.network();
  out.section(Tag::out_begin, net.out_begin);
  out.section(Tag::out_customer, net.out_customer);
  out.section(Tag::out_link, net.out_link);
  out.section(Tag::in_begin, net.in_begin);
  out.section(Tag::in_supplier, net.in_supplier);
  out.section(Tag::in_link, net.in_link);
  out.section(Tag::in_share, net.in_share);
  out.section(Tag::firm_group_begin, net.firm_group_begin);
  out.section(Tag::group_begin, net.group_begin);
  out.section(Tag::group_essential, net.group_essential);
  out.section(Tag::group_outside, net.group_outside);
  out.section(Tag::link_group, net.link_group);
  out.section(Tag::firm_index, SnapshotAccess::firm_index(g).slots());
  out.section(Tag::diagnostics, diagnostics);
  out.section(Tag::input_catalogue, input_catalogue);
  out.write(sink);
}

}  // namespace

std::string snapshot_bytes(const ChainGraph& g, const ChainLoad& load) {
  std::string bytes;
  write_snapshot_to(g, load, [&bytes](std::string_view piece) { bytes.append(piece); });
  return bytes;
}

void write_snapshot(const ChainGraph& g, const ChainLoad& load, const std::string& path) {
  AtomicFileWriter out(path);
  // Pieces gathered to a few megabytes: the writer makes one system call per piece.
  std::string buffer;
  const auto flush = [&] {
    out.write(buffer);
    buffer.clear();
  };
  write_snapshot_to(g, load, [&](std::string_view piece) {
    if (piece.size() >= (std::size_t{1} << 20)) {
      flush();
      out.write(piece);
    } else {
      buffer.append(piece);
      if (buffer.size() >= (std::size_t{4} << 20)) flush();
    }
  });
  flush();
  out.commit();
}

}  // namespace qchain::graphs
