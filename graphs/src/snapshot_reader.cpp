// Opening a .qcsr snapshot: header, section table and every section's checksum verified, then the
// structure checked (offsets monotone, ids and string references in range, enums known) so that no
// file, however made, can send an analysis out of bounds. The chain was validated when it was
// packed, so the builder's checks (shares, duplicates, references by id) are not run again.
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <future>
#include <memory>

#include "qchain/graphs/snapshot.hpp"
#include "huge_pages.hpp"
#include "snapshot_format.hpp"

namespace qchain::graphs {

void SnapshotAccess::index_small_tables(ChainGraph& g) {
  for (std::uint32_t i = 0; i < g.segments_.size(); ++i)
    g.segment_index_.insert(g.segments_[i].id, i, [&g](std::uint32_t k) -> std::string_view { return g.segments_[k].id; });
  for (std::uint32_t i = 0; i < g.issues_.size(); ++i)
    g.issue_index_.insert(g.issues_[i].code, i, [&g](std::uint32_t k) -> std::string_view { return g.issues_[k].code; });
  for (std::uint32_t i = 0; i < g.scheme_keys_.size(); ++i)
    g.scheme_index_.insert(g.scheme_keys_[i], i, [&g](std::uint32_t k) -> std::string_view { return g.scheme_keys_[k]; });
  for (std::uint32_t i = 0; i < g.regions_.size(); ++i)
    g.region_index_.insert(g.regions_[i], i, [&g](std::uint32_t k) -> std::string_view { return g.regions_[k]; });
  for (std::uint32_t i = 0; i < g.input_catalogue_.size(); ++i)
    g.input_catalogue_index_.insert(g.input_catalogue_[i].id, i,
                                    [&g](std::uint32_t k) -> std::string_view { return g.input_catalogue_[k].id; });
}

namespace {

using namespace qcsr;

class Mapping {
 public:
  Mapping(void* p, std::size_t n) : p_(p), n_(n) {}
  ~Mapping() {
    if (p_ != nullptr) ::munmap(p_, n_);
  }
  Mapping(const Mapping&) = delete;
  Mapping& operator=(const Mapping&) = delete;

 private:
  void* p_;
  std::size_t n_;
};

constexpr std::uint32_t kElementSize[tag_count] = {
    sizeof(Meta), 8, 1, sizeof(SegmentRow), sizeof(IssueRow), 4, 4, 4, sizeof(AssistanceRow), sizeof(OutcomeRow), 4, 4, 4,
    sizeof(FirmRow), 4, sizeof(CertificationRow), 4, sizeof(FirmIssueRow), sizeof(SupplyLink), 4, 4, 4, 4, 4, 4, 8, 4, 4,
    1, 8, 4, 8, sizeof(DiagnosticRow), sizeof(InputEntryRow)};

class Reader {
 public:
  Reader(const unsigned char* base, std::size_t size, std::string name, std::shared_ptr<const void> keeper,
         const SnapshotOptions& options)
      : base_(base), size_(size), name_(std::move(name)), keep_(std::move(keeper)), options_(options) {}

  ChainLoad read() {
    check_header();
    check_sections();
    ChainLoad load;
    load.chain.emplace();
    ChainGraph& g = *load.chain;
    if (count(Tag::meta) != 1) inconsistent(Tag::meta, 0);
    const Meta& m = rows<Meta>(Tag::meta)[0];
    firms_ = m.firm_count, links_ = m.link_count, groups_ = m.group_count, strings_ = m.string_count;
    if (firms_ >= kNone || links_ >= kNone || groups_ >= kNone) inconsistent(Tag::meta, 0);
    // Two halves side by side: this thread builds the firms (allocation-bound), the other verifies
    // the checksums and the big arrays that are used in place (read-bound) and copies the firm index.
    auto verified = std::async(std::launch::async, [this, &g, &m] { return verify(g, m); });
    std::string firms_problem;
    try {
      read_strings();
      read_tables(g, m);
      read_firms(g);
      read_diagnostics(load, m);
    } catch (const InputError& e) {
      firms_problem = e.diagnostics().empty() ? std::string("?") : e.diagnostics()[0].message;
    }
    const Verdict v = verified.get();
    // A checksum that does not match explains everything else.
    if (v.checksum) fail(v.problem);
    if (!firms_problem.empty()) fail(firms_problem);
    if (!v.problem.empty()) fail(v.problem);
    SnapshotAccess::links(g) = column<SupplyLink>(Tag::links);
    use_network(g);
    return load;
  }

 private:
  [[noreturn]] void fail(const std::string& message) const { throw InputError(name_, 0, "", message); }
  [[noreturn]] void inconsistent(std::uint32_t tag, std::uint64_t at) const {
    fail(std::string("section ") + tag_name(tag) + " is inconsistent at element " + std::to_string(at) +
         ": the file was not written by qchain pack or has been altered");
  }

  void check_header() {
    if (size_ == 0) fail("empty file: not a qchain snapshot");
    const std::size_t seen = std::min(size_, sizeof kMagic);
    if (std::memcmp(base_, kMagic, seen) != 0) fail("not a qchain snapshot (the file does not begin with the QCSR magic)");
    if (size_ < kHeaderSize)
      fail("truncated: " + std::to_string(size_) + " bytes, shorter than the " + std::to_string(kHeaderSize) + "-byte header");
    std::memcpy(&h_, base_, sizeof h_);
    if (h_.byte_order == __builtin_bswap32(kByteOrderMark))
      fail("written with the other byte order: pack the chain again on this machine");
    if (h_.byte_order != kByteOrderMark) fail("header is corrupt (unknown byte order mark)");
    if (h_.version != kSnapshotVersion)
      fail("snapshot format version " + std::to_string(h_.version) + " is not supported (this qchain reads version " +
           std::to_string(kSnapshotVersion) + "): pack the chain again");
    if (options_.verify_checksums && checksum(&h_, offsetof(Header, header_checksum)) != h_.header_checksum)
      fail("header checksum does not match: the file is corrupt");
    if (size_ < h_.file_size) fail("truncated: " + std::to_string(size_) + " bytes of " + std::to_string(h_.file_size));
    if (size_ > h_.file_size) fail(std::to_string(size_ - h_.file_size) + " bytes after the end of the snapshot: the file is corrupt");
    if (h_.header_size != kHeaderSize || h_.section_count != tag_count) fail("header is corrupt (section count or header size)");
  }

  void check_sections() {
    const std::size_t table = tag_count * sizeof(SectionEntry);
    if (size_ < kHeaderSize + table) fail("truncated: the section table does not fit in the file");
    if (options_.verify_checksums && checksum(base_ + kHeaderSize, table) != h_.table_checksum)
      fail("section table checksum does not match: the file is corrupt");
    std::memcpy(entries_, base_ + kHeaderSize, table);
    for (std::uint32_t t = 0; t < tag_count; ++t) {
      const SectionEntry& e = entries_[t];
      if (e.tag != t || e.element_size != kElementSize[t]) fail(std::string("section ") + tag_name(t) + " is corrupt (tag or element size)");
      if (e.offset % kAlign != 0 || e.offset > size_ || e.count > (size_ - e.offset) / e.element_size)
        fail(std::string("section ") + tag_name(t) + " lies outside the file: the file is corrupt");
    }
    check_padding();
  }

  struct Verdict {
    bool checksum = false;
    std::string problem;  // "" when all is well
  };
  Verdict verify(ChainGraph& g, const Meta& m) const {
    try {
      for (std::uint32_t t = 0; t < tag_count && options_.verify_checksums; ++t)
        if (!section_ok(t)) return {true, std::string("section ") + tag_name(t) + " checksum does not match: the file is corrupt"};
      check_links();
      check_network();
      read_firm_index(g, m);
    } catch (const InputError& e) {
      return {false, e.diagnostics().empty() ? std::string("?") : e.diagnostics()[0].message};
    }
    return {};
  }

  // Sections follow one another in tag order; the bytes between them, which no checksum covers,
  // must be zero, so that no flipped byte anywhere in the file goes unnoticed.
  void check_padding() const {
    for (std::uint8_t b : h_.reserved)
      if (b != 0) fail("header is corrupt (reserved bytes)");
    std::uint64_t at = kHeaderSize + tag_count * sizeof(SectionEntry);
    for (std::uint32_t t = 0; t <= tag_count; ++t) {
      const std::uint64_t next = t < tag_count ? entries_[t].offset : h_.file_size;
      if (next < at) fail(std::string("section ") + tag_name(t) + " lies outside the file: the file is corrupt");
      for (std::uint64_t k = at; k < next; ++k)
        if (base_[k] != 0) fail("byte " + std::to_string(k) + " between sections is not zero: the file is corrupt");
      if (t < tag_count) at = next + entries_[t].count * entries_[t].element_size;
    }
  }
  bool section_ok(std::uint32_t t) const {
    return checksum(base_ + entries_[t].offset, entries_[t].count * entries_[t].element_size) == entries_[t].checksum;
  }

  template <class T>
  const T* rows(std::uint32_t t) const {
    return reinterpret_cast<const T*>(base_ + entries_[t].offset);
  }
  std::uint64_t count(std::uint32_t t) const { return entries_[t].count; }
  void expect_count(std::uint32_t t, std::uint64_t n) const {
    if (count(t) != n) inconsistent(t, std::min(count(t), n));
  }
  template <class T>
  Column<T> column(std::uint32_t t) const {
    return Column<T>(rows<T>(t), count(t), keep_);
  }

  // An offsets array of n + 1 entries from 0 up to `total`, never decreasing.
  void check_offsets(std::uint32_t t, std::uint64_t n, std::uint64_t total) const {
    expect_count(t, n + 1);
    const auto* o = rows<std::uint32_t>(t);
    if (o[0] != 0) inconsistent(t, 0);
    for (std::uint64_t i = 0; i < n; ++i)
      if (o[i + 1] < o[i]) inconsistent(t, i + 1);
    if (o[n] != total) inconsistent(t, n);
  }
  // Every id below `limit` (kNone allowed when `none_ok`).
  void check_ids(std::uint32_t t, std::uint64_t limit, bool none_ok) const {
    const auto* v = rows<std::uint32_t>(t);
    for (std::uint64_t i = 0; i < count(t); ++i)
      if (v[i] >= limit && !(none_ok && v[i] == kNone)) inconsistent(t, i);
  }
  void check_ref(std::uint32_t t, std::uint64_t at, std::uint32_t id, std::uint64_t limit, bool none_ok = true) const {
    if (id >= limit && !(none_ok && id == kNone)) inconsistent(t, at);
  }

  void read_strings() {
    expect_count(Tag::string_offsets, strings_ + 1);
    const auto* o = rows<std::uint64_t>(Tag::string_offsets);
    if (o[0] != 0) inconsistent(Tag::string_offsets, 0);
    for (std::uint64_t i = 0; i < strings_; ++i)
      if (o[i + 1] < o[i]) inconsistent(Tag::string_offsets, i + 1);
    if (o[strings_] != count(Tag::string_bytes)) inconsistent(Tag::string_offsets, strings_);
    offsets_ = o;
    bytes_ = rows<char>(Tag::string_bytes);
  }
  std::string text(std::uint32_t tag, std::uint64_t at, std::uint32_t s) const {
    if (s >= strings_) inconsistent(tag, at);
    return std::string(bytes_ + offsets_[s], offsets_[s + 1] - offsets_[s]);
  }
  std::vector<std::string> string_list(std::uint32_t t) const {
    std::vector<std::string> out;
    const auto* v = rows<std::uint32_t>(t);
    for (std::uint64_t i = 0; i < count(t); ++i) out.push_back(text(t, i, v[i]));
    return out;
  }

  void read_tables(ChainGraph& g, const Meta& m) {
    ChainInfo& info = SnapshotAccess::info(g);
    info.id = text(Tag::meta, 0, m.id), info.name = text(Tag::meta, 0, m.name), info.region = text(Tag::meta, 0, m.region);
    info.industry = text(Tag::meta, 0, m.industry), info.description = text(Tag::meta, 0, m.description);
    info.as_of = text(Tag::meta, 0, m.as_of);
    info.default_detection = m.default_detection, info.default_inspection = m.default_inspection;
    for (std::uint64_t i = 0; i < count(Tag::segments); ++i) {
      const SegmentRow& r = rows<SegmentRow>(Tag::segments)[i];
      SnapshotAccess::segments(g).push_back({text(Tag::segments, i, r.id), text(Tag::segments, i, r.name), r.order});
    }
    for (std::uint64_t i = 0; i < count(Tag::issues); ++i) {
      const IssueRow& r = rows<IssueRow>(Tag::issues)[i];
      if (r.category >= kCategoryCount) inconsistent(Tag::issues, i);
      SnapshotAccess::issues(g).push_back({text(Tag::issues, i, r.code), text(Tag::issues, i, r.name),
                                           text(Tag::issues, i, r.description), static_cast<IssueCategory>(r.category), r.yield_loss});
    }
    SnapshotAccess::schemes(g) = string_list(Tag::schemes);
    SnapshotAccess::scheme_keys(g) = string_list(Tag::scheme_keys);
    expect_count(Tag::scheme_keys, count(Tag::schemes));
    SnapshotAccess::regions(g) = string_list(Tag::regions);
    for (std::uint64_t i = 0; i < count(Tag::assistance); ++i) {
      const AssistanceRow& r = rows<AssistanceRow>(Tag::assistance)[i];
      SnapshotAccess::assistance(g).push_back(
          {text(Tag::assistance, i, r.by), text(Tag::assistance, i, r.since), text(Tag::assistance, i, r.programme)});
    }
    for (std::uint64_t i = 0; i < count(Tag::outcomes); ++i) {
      const OutcomeRow& r = rows<OutcomeRow>(Tag::outcomes)[i];
      SnapshotAccess::outcomes(g).push_back({r.profit, r.operating_cost, r.quality_cost, r.satisfaction});
    }
    SnapshotAccess::input_names(g) = string_list(Tag::input_names);
    for (std::uint64_t i = 0; i < count(Tag::input_catalogue); ++i) {
      const InputEntryRow& r = rows<InputEntryRow>(Tag::input_catalogue)[i];
      SnapshotAccess::input_catalogue(g).push_back({text(Tag::input_catalogue, i, r.id), text(Tag::input_catalogue, i, r.name)});
    }
    const std::uint64_t sets = count(Tag::requirement_begin);
    if (sets < 2) inconsistent(Tag::requirement_begin, 0);
    check_offsets(Tag::requirement_begin, sets - 1, count(Tag::requirement_items));
    check_ids(Tag::requirement_items, count(Tag::schemes), false);
    const auto* b = rows<std::uint32_t>(Tag::requirement_begin);
    const auto* items = rows<std::uint32_t>(Tag::requirement_items);
    auto& out = SnapshotAccess::requirement_sets(g);
    out.clear();
    for (std::uint64_t s = 0; s + 1 < sets; ++s) out.emplace_back(items + b[s], items + b[s + 1]);
    if (!out[0].empty()) inconsistent(Tag::requirement_begin, 1);  // set 0 is the empty set
    SnapshotAccess::index_small_tables(g);
  }

  void read_firms(ChainGraph& g) {
    expect_count(Tag::firms, firms_);
    check_offsets(Tag::certification_begin, firms_, count(Tag::certifications));
    check_offsets(Tag::firm_issue_begin, firms_, count(Tag::firm_issues));
    const auto* cb = rows<std::uint32_t>(Tag::certification_begin);
    const auto* ib = rows<std::uint32_t>(Tag::firm_issue_begin);
    const auto* certs = rows<CertificationRow>(Tag::certifications);
    const auto* issues = rows<FirmIssueRow>(Tag::firm_issues);
    const std::uint64_t regions = count(Tag::regions), segments = count(Tag::segments), assisted = count(Tag::assistance),
                        outcomes = count(Tag::outcomes), schemes = count(Tag::schemes), issue_types = count(Tag::issues);
    std::vector<Firm>& firms = SnapshotAccess::firms(g);
    reserve_huge(firms, firms_);
    for (std::uint64_t v = 0; v < firms_; ++v) {
      const FirmRow& r = rows<FirmRow>(Tag::firms)[v];
      check_ref(Tag::firms, v, r.region, regions);
      check_ref(Tag::firms, v, r.segment, segments);
      check_ref(Tag::firms, v, r.assisted, assisted);
      check_ref(Tag::firms, v, r.outcomes, outcomes);
      if (r.role >= kRoleCount || r.maturity > 3 || r.willingness > 3) inconsistent(Tag::firms, v);
      Firm& f = firms.emplace_back();
      f.id = text(Tag::firms, v, r.id), f.name = text(Tag::firms, v, r.name);
      f.region = r.region, f.segment = r.segment, f.assisted = r.assisted, f.outcomes = r.outcomes;
      f.role = static_cast<Role>(r.role), f.maturity = static_cast<Maturity>(r.maturity);
      f.willingness = static_cast<Willingness>(r.willingness);
      f.first_pass_yield = r.first_pass_yield, f.detection = r.detection, f.revenue = r.revenue, f.employees = r.employees;
      for (std::uint32_t k = cb[v]; k < cb[v + 1]; ++k) {
        const CertificationRow& c = certs[k];
        if (c.scheme >= schemes || c.status > 3) inconsistent(Tag::certifications, k);
        f.certifications.push_back({c.scheme, static_cast<CertStatus>(c.status), text(Tag::certifications, k, c.expires)});
      }
      for (std::uint32_t k = ib[v]; k < ib[v + 1]; ++k) {
        const FirmIssueRow& i = issues[k];
        if (i.issue >= issue_types || i.severity < 1 || i.severity > 5) inconsistent(Tag::firm_issues, k);
        f.issues.push_back({i.issue, i.severity});
      }
    }
  }

  void check_links() const {
    expect_count(Tag::links, links_);
    const std::uint64_t names = count(Tag::input_names), sets = count(Tag::requirement_begin) - 1;
    const unsigned char* p = base_ + entries_[Tag::links].offset;
    for (std::uint64_t e = 0; e < links_; ++e, p += sizeof(SupplyLink)) {
      std::uint32_t ids[4];
      std::memcpy(ids, p, sizeof ids);
      // bool must hold 0 or 1 before the bytes are read as SupplyLink.
      if (ids[0] >= firms_ || ids[1] >= firms_ || (ids[2] >= names && ids[2] != kNone) || ids[3] >= sets ||
          p[offsetof(SupplyLink, essential)] > 1 || p[offsetof(SupplyLink, inspection_given)] > 1)
        inconsistent(Tag::links, e);
    }
  }

  void check_network() const {
    const std::uint64_t used = count(Tag::out_link);  // links in the network (links to unknown firms stay out)
    if (used > links_) inconsistent(Tag::out_link, links_);
    check_offsets(Tag::out_begin, firms_, used);
    check_offsets(Tag::in_begin, firms_, used);
    for (std::uint32_t t : {Tag::out_customer, Tag::in_supplier, Tag::in_link, Tag::in_share}) expect_count(t, used);
    check_ids(Tag::out_customer, firms_, false);
    check_ids(Tag::in_supplier, firms_, false);
    check_ids(Tag::out_link, links_, false);
    check_ids(Tag::in_link, links_, false);
    check_offsets(Tag::firm_group_begin, firms_, groups_);
    check_offsets(Tag::group_begin, groups_, used);
    expect_count(Tag::group_essential, groups_);
    expect_count(Tag::group_outside, groups_);
    expect_count(Tag::link_group, links_);
    check_ids(Tag::link_group, groups_, true);
    const auto* essential = rows<std::uint8_t>(Tag::group_essential);
    for (std::uint64_t k = 0; k < groups_; ++k)
      if (essential[k] > 1) inconsistent(Tag::group_essential, k);
    // A firm's groups cover exactly its in-links.
    const auto* fg = rows<std::uint32_t>(Tag::firm_group_begin);
    const auto* gb = rows<std::uint32_t>(Tag::group_begin);
    const auto* ib = rows<std::uint32_t>(Tag::in_begin);
    for (std::uint64_t v = 0; v <= firms_; ++v)
      if (gb[fg[v]] != ib[v]) inconsistent(Tag::firm_group_begin, v);
  }
  void use_network(ChainGraph& g) const {
    SupplyNetwork& net = SnapshotAccess::network(g);
    net.out_begin = column<std::uint32_t>(Tag::out_begin);
    net.out_customer = column<FirmId>(Tag::out_customer);
    net.out_link = column<LinkId>(Tag::out_link);
    net.in_begin = column<std::uint32_t>(Tag::in_begin);
    net.in_supplier = column<FirmId>(Tag::in_supplier);
    net.in_link = column<LinkId>(Tag::in_link);
    net.in_share = column<double>(Tag::in_share);
    net.firm_group_begin = column<std::uint32_t>(Tag::firm_group_begin);
    net.group_begin = column<std::uint32_t>(Tag::group_begin);
    net.group_essential = column<std::uint8_t>(Tag::group_essential);
    net.group_outside = column<double>(Tag::group_outside);
    net.link_group = column<std::uint32_t>(Tag::link_group);
  }

  void read_firm_index(ChainGraph& g, const Meta& m) const {
    const std::uint64_t n = count(Tag::firm_index);
    const auto* slots = rows<std::uint64_t>(Tag::firm_index);
    // A power of two with at least one empty slot, or empty: else a lookup could probe forever.
    if ((n & (n - 1)) != 0 || (n > 0 && m.index_count >= n) || (n == 0 && m.index_count != 0) || m.index_count != firms_)
      inconsistent(Tag::firm_index, 0);
    std::uint64_t used = 0;
    for (std::uint64_t i = 0; i < n; ++i) {
      if (slots[i] == IdIndex::empty_slot()) continue;
      ++used;
      if (static_cast<std::uint32_t>(slots[i]) >= firms_) inconsistent(Tag::firm_index, i);
    }
    if (used != m.index_count) inconsistent(Tag::firm_index, 0);
    std::vector<std::uint64_t> copy;
    reserve_huge(copy, n);
    copy.assign(slots, slots + n);
    SnapshotAccess::firm_index(g).assign(std::move(copy), used);
  }

  void read_diagnostics(ChainLoad& load, const Meta& m) {
    for (std::uint64_t i = 0; i < count(Tag::diagnostics); ++i) {
      const DiagnosticRow& r = rows<DiagnosticRow>(Tag::diagnostics)[i];
      if (r.severity != static_cast<std::uint8_t>(Severity::warning)) inconsistent(Tag::diagnostics, i);
      load.diagnostics.push_back({Severity::warning, text(Tag::diagnostics, i, r.file), r.line, r.column,
                                  text(Tag::diagnostics, i, r.field), text(Tag::diagnostics, i, r.message),
                                  text(Tag::diagnostics, i, r.sheet)});
    }
    if (m.warnings < load.diagnostics.size()) inconsistent(Tag::meta, 0);
    load.warnings = m.warnings;
  }

  const unsigned char* base_;
  std::size_t size_;
  std::string name_;
  std::shared_ptr<const void> keep_;
  SnapshotOptions options_;
  Header h_{};
  SectionEntry entries_[tag_count]{};
  std::uint64_t firms_ = 0, links_ = 0, groups_ = 0, strings_ = 0;
  const std::uint64_t* offsets_ = nullptr;
  const char* bytes_ = nullptr;
};

// A broken file is reported like any invalid chain: one error, no chain.
ChainLoad read_or_report(Reader reader) {
  try {
    return reader.read();
  } catch (const InputError& e) {
    ChainLoad load;
    load.diagnostics = e.diagnostics();
    load.errors = 1;
    return load;
  }
}

}  // namespace

bool is_snapshot(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  char head[sizeof kMagic] = {};
  const ssize_t n = ::read(fd, head, sizeof head);
  ::close(fd);
  return n == static_cast<ssize_t>(sizeof head) && std::memcmp(head, kMagic, sizeof head) == 0;
}

ChainLoad load_snapshot(const std::string& path, const SnapshotOptions& options) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw IoError(path + ": cannot open: " + std::strerror(errno));
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    const int err = errno;
    ::close(fd);
    throw IoError(path + ": cannot read: " + std::strerror(err));
  }
  const auto size = static_cast<std::size_t>(st.st_size);
  if (size == 0) {
    ::close(fd);
    return read_or_report(Reader(nullptr, 0, path, nullptr, options));
  }
  // Populated at once: every page is read by the checksums anyway, and one call beats a fault a page.
  void* p = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
  const int err = errno;
  ::close(fd);
  if (p == MAP_FAILED) throw IoError(path + ": cannot read: " + std::strerror(err));
  auto mapping = std::make_shared<Mapping>(p, size);
  return read_or_report(Reader(static_cast<const unsigned char*>(p), size, path, mapping, options));
}

ChainLoad load_snapshot_bytes(const std::string& bytes, const std::string& name, const SnapshotOptions& options) {
  auto copy = std::make_shared<std::string>(bytes);  // heap memory: aligned for every row type
  const auto* base = reinterpret_cast<const unsigned char*>(copy->data());
  return read_or_report(Reader(base, copy->size(), name, copy, options));
}

}  // namespace qchain::graphs
