// The JSON chain loader: a RapidJSON SAX handler that checks syntax and types and streams records
// into ChainBuilder (no DOM: allocation, not parsing, dominates big loads), reading a regular file
// straight from its mapping. Problems are located by a second SAX pass over the file that runs only
// when there is something to report.
#include <rapidjson/error/en.h>
#include <rapidjson/filereadstream.h>
#include <rapidjson/reader.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <deque>
#include <exception>
#include <functional>
#include <iterator>
#include <memory>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include "json_paths.hpp"
#include "qchain/core/utf8.hpp"
#include "qchain/graphs/chain_builder.hpp"
#include "qchain/graphs/chain_loader.hpp"
#include "qchain/graphs/json_locations.hpp"

namespace qchain::graphs {
namespace {

using Kind = RecordRef::Kind;

enum class Ctx : std::uint8_t {
  top, chain, defaults, segments, segment, issues, issue, firms, firm, certs, cert, firm_issues, firm_issue, assisted,
  links, link, requires_list, inputs, input, skip
};
enum class Type : std::uint8_t { string, number, boolean, object, array };

struct FieldSpec {
  std::string_view name;
  Type type;
  Ctx child;  // for objects and arrays
};

// Key tables; a field's position is its id within the context.
const FieldSpec kTop[] = {{"format", Type::string, Ctx::skip},     {"chain", Type::object, Ctx::chain},
                          {"segments", Type::array, Ctx::segments}, {"issues", Type::array, Ctx::issues},
                          {"firms", Type::array, Ctx::firms},       {"links", Type::array, Ctx::links},
                          {"inputs", Type::array, Ctx::inputs}};
const FieldSpec kChain[] = {{"id", Type::string, Ctx::skip},       {"name", Type::string, Ctx::skip},
                            {"region", Type::string, Ctx::skip},   {"industry", Type::string, Ctx::skip},
                            {"description", Type::string, Ctx::skip}, {"as_of", Type::string, Ctx::skip},
                            {"defaults", Type::object, Ctx::defaults}};
const FieldSpec kDefaults[] = {{"detection", Type::number, Ctx::skip}, {"inspection", Type::number, Ctx::skip}};
const FieldSpec kSegment[] = {{"id", Type::string, Ctx::skip}, {"name", Type::string, Ctx::skip}, {"order", Type::number, Ctx::skip}};
const FieldSpec kIssue[] = {{"code", Type::string, Ctx::skip},     {"name", Type::string, Ctx::skip},
                            {"category", Type::string, Ctx::skip}, {"yield_loss", Type::number, Ctx::skip},
                            {"description", Type::string, Ctx::skip}};
const FieldSpec kFirm[] = {{"id", Type::string, Ctx::skip},
                           {"name", Type::string, Ctx::skip},
                           {"role", Type::string, Ctx::skip},
                           {"segment", Type::string, Ctx::skip},
                           {"region", Type::string, Ctx::skip},
                           {"first_pass_yield", Type::number, Ctx::skip},
                           {"maturity", Type::string, Ctx::skip},
                           {"employees", Type::number, Ctx::skip},
                           {"revenue", Type::number, Ctx::skip},
                           {"certifications", Type::array, Ctx::certs},
                           {"issues", Type::array, Ctx::firm_issues},
                           {"assisted", Type::object, Ctx::assisted},
                           {"detection", Type::number, Ctx::skip},
                           {"willingness", Type::string, Ctx::skip},
                           {"profit", Type::number, Ctx::skip},
                           {"operating_cost", Type::number, Ctx::skip},
                           {"quality_cost", Type::number, Ctx::skip},
                           {"satisfaction", Type::number, Ctx::skip}};
const FieldSpec kCert[] = {{"scheme", Type::string, Ctx::skip}, {"status", Type::string, Ctx::skip}, {"expires", Type::string, Ctx::skip}};
const FieldSpec kFirmIssue[] = {{"code", Type::string, Ctx::skip}, {"severity", Type::number, Ctx::skip}};
const FieldSpec kAssisted[] = {{"by", Type::string, Ctx::skip}, {"since", Type::string, Ctx::skip}, {"programme", Type::string, Ctx::skip}};
const FieldSpec kLink[] = {{"supplier", Type::string, Ctx::skip},  {"customer", Type::string, Ctx::skip},
                           {"input", Type::string, Ctx::skip},     {"share", Type::number, Ctx::skip},
                           {"essential", Type::boolean, Ctx::skip}, {"weight", Type::number, Ctx::skip},
                           {"inspection", Type::number, Ctx::skip}, {"requires", Type::array, Ctx::requires_list},
                           {"value", Type::number, Ctx::skip}};

const FieldSpec kInput[] = {{"id", Type::string, Ctx::skip}, {"name", Type::string, Ctx::skip}};

struct Table {
  const FieldSpec* fields;
  int size;
};
// Indexed by Ctx; contexts without keys have none.
const Table kTables[] = {{kTop, 7},      {kChain, 7},    {kDefaults, 2},  {nullptr, 0},   {kSegment, 3}, {nullptr, 0},
                         {kIssue, 5},    {nullptr, 0},   {kFirm, 18},     {nullptr, 0},   {kCert, 3},    {nullptr, 0},
                         {kFirmIssue, 2}, {kAssisted, 3}, {nullptr, 0},   {kLink, 9},     {nullptr, 0},  {nullptr, 0},
                         {kInput, 2},    {nullptr, 0}};
static_assert(std::size(kTables) == static_cast<std::size_t>(Ctx::skip) + 1);
inline Table table_of(Ctx c) { return kTables[static_cast<int>(c)]; }
// Keys are a few bytes long: a plain loop beats a call to memcmp.
inline bool same_key(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (a[i] != b[i]) return false;
  return true;
}
// The record kind an array holds, and the object context of its elements.
Ctx element_of(Ctx array) {
  switch (array) {
    case Ctx::segments: return Ctx::segment;
    case Ctx::issues: return Ctx::issue;
    case Ctx::firms: return Ctx::firm;
    case Ctx::certs: return Ctx::cert;
    case Ctx::firm_issues: return Ctx::firm_issue;
    case Ctx::links: return Ctx::link;
    case Ctx::inputs: return Ctx::input;
    default: return Ctx::skip;
  }
}
const char* type_name(Type t) {
  switch (t) {
    case Type::string: return "a string";
    case Type::number: return "a number";
    case Type::boolean: return "true or false";
    case Type::object: return "an object";
    case Type::array: return "an array";
  }
  return "";
}

constexpr std::size_t kMaxDepth = 64;

struct Frame {
  Ctx ctx;
  int field = -1;           // the key being read (object frames)
  std::uint32_t seen = 0;   // keys seen so far (duplicate detection)
  std::uint32_t count = 0;  // elements so far (array frames)
  bool is_array = false;
  int next = 0;  // where the key search starts: the field after the last one found
};

// Nesting is capped at kMaxDepth, so the frames live in a fixed array: a push and a pop per record,
// millions of them, need no growth checks.
class FrameStack {
 public:
  bool empty() const { return size_ == 0; }
  std::size_t size() const { return size_; }
  Frame& back() { return frames_[size_ - 1]; }
  const Frame& back() const { return frames_[size_ - 1]; }
  void push_back(const Frame& f) { frames_[size_++] = f; }
  void pop_back() { --size_; }
  const Frame* begin() const { return frames_; }
  const Frame* end() const { return frames_ + size_; }
  std::reverse_iterator<const Frame*> rbegin() const { return std::reverse_iterator<const Frame*>(end()); }
  std::reverse_iterator<const Frame*> rend() const { return std::reverse_iterator<const Frame*>(begin()); }

 private:
  Frame frames_[kMaxDepth];
  std::size_t size_ = 0;
};

std::string record_path_of(RecordRef ref, const std::string& field);

// Carries the handler's records and problems to the builder, in file order, in batches. For a big
// file a second thread builds while the parser reads on: parsing and building take about as long,
// so a load takes little more than the parse. A small file is built batch by batch on the parser's
// thread, through the same batches.
class RecordPipe {
 public:
  RecordPipe(ChainBuilder& b, bool threaded) : b_(b) {
    if (!threaded) {
      current_ = &own_;
      return;
    }
    for (Batch& x : pool_) free_.push_back(&x);
    current_ = take_free();
    builder_ = std::thread([this] { build_batches(); });
  }
  ~RecordPipe() {
    if (builder_.joinable()) stop();
  }
  RecordPipe(const RecordPipe&) = delete;
  RecordPipe& operator=(const RecordPipe&) = delete;

  // A problem may come inside a firm or link record, whose slot must stay in this batch.
  void problem(Problem p) {
    current_->problems.push_back(std::move(p));
    current_->ops.push_back(Op::problem);
  }
  void chain(const ChainRecord& r) {
    current_->chains.push_back(r);
    push(Op::chain);
  }
  void segment(SegmentRecord& r) {
    current_->segments.push_back(std::move(r));
    r = {};
    push(Op::segment);
  }
  void issue(IssueRecord& r) {
    current_->issues.push_back(std::move(r));
    r = {};
    push(Op::issue);
  }
  // Firm and link records are filled in place, in the batch that will carry them: a record of
  // hundreds of bytes is never copied or swapped. A record's slot is asked for when its object
  // opens and stays valid until it is committed, because batches change hands only at commits.
  FirmRecord& next_firm() {
    Batch& b = *current_;
    if (b.firm_count == b.firms.size()) b.firms.emplace_back();
    return b.firms[b.firm_count];
  }
  LinkRecord& next_link() {
    Batch& b = *current_;
    if (b.link_count == b.links.size()) b.links.emplace_back();
    return b.links[b.link_count];
  }
  void commit_firm() {
    ++current_->firm_count;
    push(Op::firm);
  }
  void commit_link() {
    ++current_->link_count;
    push(Op::link);
  }
  void input(InputRecord& r) {
    current_->inputs.push_back(std::move(r));
    r = {};
    push(Op::input);
  }
  void firms_unreadable() { current_->ops.push_back(Op::firms_unreadable); }
  void links_unreadable() { current_->ops.push_back(Op::links_unreadable); }

  // Everything handed over has been built when this returns; rethrows what the builder threw.
  void finish() {
    if (builder_.joinable()) {
      hand_over();
      stop();
      if (failure_) std::rethrow_exception(failure_);
    } else {
      build(own_);
    }
  }

 private:
  enum class Op : std::uint8_t { problem, chain, segment, issue, firm, link, input, firms_unreadable, links_unreadable };
  static constexpr std::size_t kRecords = 2048, kOps = 8192;
  // Every push is at the end of a record, where no firm or link slot is being filled.
  struct Batch {
    std::vector<Op> ops;  // in file order; each takes the next entry of its list
    std::vector<Problem> problems;
    std::vector<ChainRecord> chains;
    std::vector<SegmentRecord> segments;
    std::vector<IssueRecord> issues;
    std::vector<InputRecord> inputs;
    std::vector<FirmRecord> firms;  // [0, firm_count) committed; the rest cleared records to fill
    std::vector<LinkRecord> links;
    std::size_t firm_count = 0, link_count = 0;
  };

  void push(Op op) {
    Batch& b = *current_;
    b.ops.push_back(op);
    if (b.firm_count + b.link_count < kRecords && b.ops.size() < kOps) return;
    if (builder_.joinable()) hand_over();
    else build(b);
  }

  // Applies a batch to the builder, then empties it for reuse.
  void build(Batch& b) {
    std::size_t problem = 0, chain = 0, segment = 0, issue = 0, firm = 0, link = 0, input = 0;
    for (const Op op : b.ops) {
      switch (op) {
        case Op::problem: b_.add_problem(std::move(b.problems[problem++])); break;
        case Op::chain: b_.set_chain(b.chains[chain++]); break;
        case Op::segment: b_.add_segment(b.segments[segment++]); break;
        case Op::issue: b_.add_issue(b.issues[issue++]); break;
        case Op::firm: b_.add_firm(b.firms[firm++]); break;
        case Op::link: b_.add_link(b.links[link++]); break;
        case Op::input: b_.add_input(b.inputs[input++]); break;
        case Op::firms_unreadable: b_.set_firms_unreadable(); break;
        case Op::links_unreadable: b_.set_links_unreadable(); break;
      }
    }
    empty(b);
  }
  static void empty(Batch& b) {
    for (std::size_t k = 0; k < b.firm_count; ++k) b.firms[k].clear();
    for (std::size_t k = 0; k < b.link_count; ++k) b.links[k].clear();
    b.firm_count = b.link_count = 0;
    b.ops.clear();
    b.problems.clear();
    b.chains.clear();
    b.segments.clear();
    b.issues.clear();
    b.inputs.clear();
  }

  // The builder's thread: builds batches in the order handed over. After a failure it only
  // empties them, so that the parser never waits for a batch that does not come back.
  void build_batches() {
    for (;;) {
      Batch* b = nullptr;
      {
        std::unique_lock<std::mutex> lock(mutex_);
        full_ready_.wait(lock, [this] { return !full_.empty() || done_; });
        if (full_.empty()) return;
        b = full_.front();
        full_.pop_front();
      }
      if (!failure_) {
        try {
          build(*b);
        } catch (...) {
          failure_ = std::current_exception();
        }
      }
      empty(*b);
      {
        std::lock_guard<std::mutex> lock(mutex_);
        free_.push_back(b);
      }
      free_ready_.notify_one();
    }
  }
  void hand_over() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      full_.push_back(current_);
    }
    full_ready_.notify_one();
    current_ = take_free();
  }
  Batch* take_free() {
    std::unique_lock<std::mutex> lock(mutex_);
    free_ready_.wait(lock, [this] { return !free_.empty(); });
    Batch* b = free_.back();
    free_.pop_back();
    return b;
  }
  void stop() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      done_ = true;
    }
    full_ready_.notify_one();
    builder_.join();
  }

  ChainBuilder& b_;
  Batch own_;            // the one batch when building on the parser's thread
  Batch pool_[4];        // in flight between the threads otherwise
  Batch* current_ = nullptr;
  std::thread builder_;
  std::mutex mutex_;
  std::condition_variable full_ready_, free_ready_;
  std::deque<Batch*> full_;
  std::vector<Batch*> free_;
  bool done_ = false;
  std::exception_ptr failure_;  // written by the builder's thread, read after it is joined
};

class ChainHandler : public rapidjson::BaseReaderHandler<rapidjson::UTF8<>, ChainHandler> {
 public:
  explicit ChainHandler(RecordPipe& b) : b_(b) {}

  bool StartObject() { return open(Type::object); }
  bool StartArray() { return open(Type::array); }
  bool EndObject(rapidjson::SizeType) { return close(); }
  bool EndArray(rapidjson::SizeType) { return close(); }
  bool Null() { return scalar_null(); }
  bool Bool(bool v) { return scalar(Type::boolean, nullptr, 0, 0.0, v); }
  bool Int(int v) { return scalar(Type::number, nullptr, 0, v, false); }
  bool Uint(unsigned v) { return scalar(Type::number, nullptr, 0, v, false); }
  bool Int64(std::int64_t v) { return scalar(Type::number, nullptr, 0, static_cast<double>(v), false); }
  bool Uint64(std::uint64_t v) { return scalar(Type::number, nullptr, 0, static_cast<double>(v), false); }
  bool Double(double v) { return scalar(Type::number, nullptr, 0, v, false); }
  bool String(const char* s, rapidjson::SizeType n, bool) {
    if (!is_valid_utf8(std::string_view(s, n))) return invalid_utf8();
    return scalar(Type::string, s, n, 0.0, false);
  }
  bool Key(const char* s, rapidjson::SizeType n, bool) {
    Frame& f = stack_.back();
    if (f.ctx == Ctx::skip) return true;
    const Table t = table_of(f.ctx);
    const std::string_view key(s, n);
    f.field = -1;
    // Records mostly list their keys in one order, so the search starts after the last key found.
    for (int k = 0, i = f.next; k < t.size; ++k, i = i + 1 == t.size ? 0 : i + 1) {
      const std::string_view name = t.fields[i].name;
      if (same_key(key, name)) {
        f.field = i;
        f.next = i + 1 == t.size ? 0 : i + 1;
        break;
      }
    }
    if (f.field < 0) {
      if (!is_valid_utf8(key)) {
        problem(Severity::error, "", "invalid UTF-8 in a key");
        f.field = -2;
        return true;
      }
      problem(Severity::warning, field_name(key), "unknown field (ignored)");
      f.field = -2;  // skip the value
    } else if (f.seen & (1u << f.field)) {
      problem(Severity::error, field_name(key), "duplicate key");
      f.field = -2;
    } else {
      f.seen |= 1u << f.field;
      if (f.ctx == Ctx::top) {
        format_seen |= f.field == 0;
        chain_seen |= f.field == 1;
        firms_seen |= f.field == 4;
      }
    }
    return true;
  }

  // The record path of the value being read now, for a value the parser itself could not read
  // (a number past double's range): "firms[3].first_pass_yield".
  std::string value_path() const {
    if (stack_.empty()) return {};
    const Frame& f = stack_.back();
    std::string field;
    if (f.ctx != Ctx::skip && !f.is_array && f.field >= 0) field = field_name(table_of(f.ctx).fields[f.field].name);
    return record_path_of(current_ref(), field);
  }

  bool aborted_on_depth = false;
  bool format_seen = false, chain_seen = false, firms_seen = false, top_is_object = false;
  // Called every few thousand records, between two events (see MappedInput::release_before).
  std::function<void()> progress;

 private:
  // What the value now starting is for: its expected type and, for containers, the child context.
  // Field names for messages are built only when there is something to report.
  struct Slot {
    bool skip;
    Type expected;
    Ctx child;
  };

  Slot slot() const {
    const Frame& f = stack_.back();
    if (f.ctx == Ctx::skip || f.field == -2) return {true, Type::object, Ctx::skip};
    if (f.is_array) {
      if (f.ctx == Ctx::requires_list) return {false, Type::string, Ctx::skip};
      return {false, Type::object, element_of(f.ctx)};
    }
    const FieldSpec& spec = table_of(f.ctx).fields[f.field];
    return {false, spec.type, spec.child};
  }

  // The name of the value now starting, relative to the current top-level record.
  std::string slot_name() const {
    const Frame& f = stack_.back();
    if (f.is_array) {
      if (f.ctx == Ctx::requires_list) return "requires[" + std::to_string(f.count - 1) + "]";
      return element_field(f);
    }
    return field_name(table_of(f.ctx).fields[f.field].name);
  }

  // A key's path relative to the current top-level record.
  std::string field_name(std::string_view key_view) const {
    const std::string key(key_view);
    const Frame& f = stack_.back();
    switch (f.ctx) {
      case Ctx::cert: return "certifications[" + std::to_string(firm_->certifications.size() - 1) + "]." + key;
      case Ctx::firm_issue: return "issues[" + std::to_string(firm_->issues.size() - 1) + "]." + key;
      case Ctx::assisted: return "assisted." + key;
      case Ctx::defaults: return "defaults." + key;
      default: return key;
    }
  }
  std::string element_field(const Frame& f) const {
    if (f.ctx == Ctx::certs) return "certifications[" + std::to_string(f.count - 1) + "]";
    if (f.ctx == Ctx::firm_issues) return "issues[" + std::to_string(f.count - 1) + "]";
    return {};
  }

  RecordRef current_ref() const {
    for (auto it = stack_.rbegin(); it != stack_.rend(); ++it) {
      switch (it->ctx) {
        case Ctx::chain: return {Kind::chain, 0};
        case Ctx::segment: return {Kind::segment, record_index(Ctx::segments)};
        case Ctx::issue: return {Kind::issue, record_index(Ctx::issues)};
        case Ctx::firm: return {Kind::firm, record_index(Ctx::firms)};
        case Ctx::link: return {Kind::link, record_index(Ctx::links)};
        case Ctx::input: return {Kind::input, record_index(Ctx::inputs)};
        default: break;
      }
    }
    return {Kind::document, 0};
  }
  std::uint32_t record_index(Ctx array) const {
    for (const Frame& f : stack_)
      if (f.ctx == array) return f.count - 1;
    return 0;
  }
  // The element of a top-level array that is being read as an object does not count yet.
  void problem(Severity s, std::string field, std::string message) {
    b_.problem(Problem{s, current_ref(), std::move(field), std::move(message), std::nullopt});
  }
  void type_error(const Slot& sl, Type got) {
    const std::string field = slot_name();
    problem(Severity::error, field, std::string("expected ") + type_name(sl.expected) + ", got " + type_name(got));
    mark_invalid(field);
  }
  void mark_invalid(const std::string& field) {
    switch (current_ref().kind) {
      case Kind::chain: chain_.invalid.push_back(field); break;
      case Kind::segment: segment_.invalid.push_back(field); break;
      case Kind::issue: issue_.invalid.push_back(field); break;
      case Kind::firm: firm_->invalid.push_back(field); break;
      case Kind::link: link_->invalid.push_back(field); break;
      case Kind::input: input_.invalid.push_back(field); break;
      default: break;
    }
  }

  bool open(Type t) {
    if (stack_.empty()) {
      top_is_object = t == Type::object;
      if (!top_is_object) b_.problem(Problem{Severity::error, {}, "", "the document must be a JSON object", std::nullopt});
      stack_.push_back({top_is_object ? Ctx::top : Ctx::skip, -1, 0, 0, t == Type::array, 0});
      return true;
    }
    if (stack_.size() >= kMaxDepth) {
      aborted_on_depth = true;
      b_.problem(Problem{Severity::error, current_ref(), "", "nesting deeper than " + std::to_string(kMaxDepth) + " levels", std::nullopt});
      return false;
    }
    Frame& parent = stack_.back();
    if (parent.is_array) ++parent.count;
    const Slot sl = slot();
    Ctx child = Ctx::skip;
    if (!sl.skip) {
      if (sl.expected != t) {
        type_error(sl, t);
        if (sl.child == Ctx::firms) b_.firms_unreadable();
        if (sl.child == Ctx::links) b_.links_unreadable();
      } else {
        child = sl.child;
      }
    }
    if (t == Type::object) {
      if (child == Ctx::firm) firm_ = &b_.next_firm();
      if (child == Ctx::link) link_ = &b_.next_link();
      if (child == Ctx::cert) firm_->certifications.emplace_back();
      if (child == Ctx::firm_issue) firm_->issues.emplace_back();
      if (child == Ctx::assisted) firm_->assisted.emplace();
    }
    stack_.push_back({child, -1, 0, 0, t == Type::array, 0});
    return true;
  }

  bool close() {
    const Ctx c = stack_.back().ctx;
    stack_.pop_back();
    switch (c) {
      case Ctx::chain: b_.chain(chain_); break;
      case Ctx::segment: b_.segment(segment_); break;
      case Ctx::issue: b_.issue(issue_); break;
      case Ctx::firm: b_.commit_firm(); tick(); break;
      case Ctx::link: b_.commit_link(); tick(); break;
      case Ctx::input: b_.input(input_); break;
      default: break;
    }
    return true;
  }

  void tick() {
    if (progress && (++records_ & 0xFFF) == 0) progress();
  }

  bool invalid_utf8() {
    if (stack_.empty()) return scalar(Type::string, "", 0, 0.0, false);
    Frame& f = stack_.back();
    if (f.is_array) ++f.count;
    const std::string field = slot_name_or_empty();
    problem(Severity::error, field, "invalid UTF-8 in a string");
    mark_invalid(field);
    return true;
  }
  std::string slot_name_or_empty() const {
    const Frame& f = stack_.back();
    if (f.ctx == Ctx::skip || f.field == -2 || (f.field < 0 && !f.is_array)) return {};
    return slot_name();
  }

  bool scalar_null() {
    if (stack_.empty()) return scalar(Type::object, nullptr, 0, 0.0, false);
    Frame& f = stack_.back();
    if (f.is_array) ++f.count;
    return true;  // null is the same as leaving the field out
  }

  bool scalar(Type t, const char* s, std::size_t n, double num, bool flag) {
    if (stack_.empty()) {
      b_.problem(Problem{Severity::error, {}, "", "the document must be a JSON object", std::nullopt});
      return true;
    }
    Frame& f = stack_.back();
    if (f.is_array) ++f.count;
    const Slot sl = slot();
    if (sl.skip) return true;
    if (sl.expected != t) {
      type_error(sl, t);
      return true;
    }
    if (f.ctx == Ctx::requires_list) {
      link_->requires_schemes.emplace_back(s, n);
      return true;
    }
    const std::string_view text = t == Type::string ? std::string_view(s, n) : std::string_view();
    switch (f.ctx) {
      case Ctx::top:
        if (text != "qchain-chain/1")
          problem(Severity::error, "format", "unknown format \"" + std::string(text) + "\" (expected \"qchain-chain/1\")");
        break;
      case Ctx::chain: {
        std::optional<std::string>* fields[] = {&chain_.id, &chain_.name, &chain_.region, &chain_.industry, &chain_.description, &chain_.as_of};
        fields[f.field]->emplace(text);
        break;
      }
      case Ctx::defaults:
        (f.field == 0 ? chain_.default_detection : chain_.default_inspection) = num;
        break;
      case Ctx::segment:
        if (f.field == 2) segment_.order = num;
        else (f.field == 0 ? segment_.id : segment_.name).emplace(text);
        break;
      case Ctx::issue:
        if (f.field == 3) issue_.yield_loss = num;
        else {
          std::optional<std::string>* fields[] = {&issue_.code, &issue_.name, &issue_.category, nullptr, &issue_.description};
          fields[f.field]->emplace(text);
        }
        break;
      case Ctx::firm:
        switch (f.field) {
          case 0: firm_->id.emplace(text); break;
          case 1: firm_->name.emplace(text); break;
          case 2: firm_->role.emplace(text); break;
          case 3: firm_->segment.emplace(text); break;
          case 4: firm_->region.emplace(text); break;
          case 5: firm_->first_pass_yield = num; break;
          case 6: firm_->maturity.emplace(text); break;
          case 7: firm_->employees = num; break;
          case 8: firm_->revenue = num; break;
          case 12: firm_->detection = num; break;
          case 13: firm_->willingness.emplace(text); break;
          case 14: firm_->profit = num; break;
          case 15: firm_->operating_cost = num; break;
          case 16: firm_->quality_cost = num; break;
          case 17: firm_->satisfaction = num; break;
          default: break;
        }
        break;
      case Ctx::input:
        (f.field == 0 ? input_.id : input_.name).emplace(text);
        break;
      case Ctx::cert: {
        CertificationRecord& c = firm_->certifications.back();
        (f.field == 0 ? c.scheme : f.field == 1 ? c.status : c.expires).emplace(text);
        break;
      }
      case Ctx::firm_issue:
        if (f.field == 0) firm_->issues.back().code.emplace(text);
        else firm_->issues.back().severity = num;
        break;
      case Ctx::assisted: {
        AssistanceRecord& a = *firm_->assisted;
        (f.field == 0 ? a.by : f.field == 1 ? a.since : a.programme).emplace(text);
        break;
      }
      case Ctx::link:
        switch (f.field) {
          case 0: link_->supplier.emplace(text); break;
          case 1: link_->customer.emplace(text); break;
          case 2: link_->input.emplace(text); break;
          case 3: link_->share = num; break;
          case 4: link_->essential = flag; break;
          case 5: link_->weight = num; break;
          case 6: link_->inspection = num; break;
          case 8: link_->value = num; break;
          default: break;
        }
        break;
      default: break;
    }
    return true;
  }

  RecordPipe& b_;
  std::uint32_t records_ = 0;
  FrameStack stack_;
  ChainRecord chain_;
  SegmentRecord segment_;
  IssueRecord issue_;
  FirmRecord* firm_ = nullptr;  // the slot being filled (RecordPipe::next_firm), inside a firm record
  LinkRecord* link_ = nullptr;
  InputRecord input_;
};

std::string record_path_of(RecordRef ref, const std::string& field) {
  static const char* kArrays[] = {"", "chain", "segments", "issues", "firms", "links", "inputs"};
  std::string path;
  switch (ref.kind) {
    case Kind::document: return field;
    case Kind::chain: path = "chain"; break;
    default: path = std::string(kArrays[static_cast<int>(ref.kind)]) + "[" + std::to_string(ref.index) + "]";
  }
  if (!field.empty()) path += (field[0] == '[' ? "" : ".") + field;
  return path;
}
std::string record_path(const Problem& p) { return record_path_of(p.ref, p.field); }

// Strings are validated as UTF-8 by the handler, faster than the parser's per-character check.
constexpr unsigned kParseFlags = rapidjson::kParseDefaultFlags;
// From this size on the builder runs on a thread of its own (RecordPipe); below it a thread costs
// more than it saves.
constexpr std::size_t kBuildAlongsideFrom = std::size_t{4} << 20;

// `parse(reader, handler)` runs the first pass; `make_stream()` gives a stream for the second (the
// path finder needs a stream whose Tell() is current inside callbacks).
template <class Parse, class MakeStream>
ChainLoad run(Parse parse, MakeStream make_stream, const std::string& name, std::size_t size, const LoadOptions& options,
              const std::function<std::vector<LineColumn>(std::vector<std::size_t>)>& locate) {
  ChainBuilder builder;
  // Reserving from the file size avoids copying big arrays as they grow; the estimate errs high
  // (the shortest records), which costs only address space: untouched pages are never mapped.
  builder.reserve(size / 160, size / 48);
  RecordPipe pipe(builder, size >= kBuildAlongsideFrom && std::thread::hardware_concurrency() > 1);
  ChainHandler handler(pipe);
  rapidjson::Reader reader;
  std::optional<ChainGraph> chain;
  ChainLoad out;
  std::size_t parse_error_offset = 0;
  std::string parse_error, parse_error_field;
  {
    const rapidjson::ParseResult ok = parse(reader, handler);
    pipe.finish();
    if (!ok && !handler.aborted_on_depth) {
      parse_error_offset = ok.Offset();
      if (ok.Code() == rapidjson::kParseErrorNumberTooBig) {
        parse_error_field = handler.value_path();
        parse_error = "number out of range";
      } else {
        parse_error = "malformed JSON: " + std::string(rapidjson::GetParseError_En(ok.Code()));
        if (parse_error.back() == '.') parse_error.pop_back();
      }
    }
  }
  if (parse_error.empty() && !handler.aborted_on_depth) {
    if (handler.top_is_object && !handler.format_seen)
      builder.add_problem(Problem{Severity::error, {}, "format", "required field is missing", std::nullopt});
    if (handler.top_is_object && !handler.chain_seen)
      builder.add_problem(Problem{Severity::error, {}, "chain", "required field is missing", std::nullopt});
    if (handler.top_is_object && !handler.firms_seen) {
      builder.add_problem(Problem{Severity::error, {}, "firms", "required field is missing", std::nullopt});
      builder.set_firms_unreadable();
    }
    if (handler.top_is_object) chain = builder.build();
  }

  // Locate every problem: paths through a second pass, offsets to line:column through a third.
  std::vector<std::string> paths;
  for (const Problem& p : builder.problems()) paths.push_back(record_path(p));
  std::vector<std::size_t> offsets(paths.size(), 0);
  const bool locate_all = options.locate_warnings || builder.error_count() > 0 || !parse_error.empty();
  if (!paths.empty() && locate_all) {
    auto stream = make_stream();
    offsets = locate_json_paths(*stream, paths);
  }
  if (!parse_error.empty()) offsets.push_back(parse_error_offset);
  const std::vector<LineColumn> where = locate_all && !offsets.empty() ? locate(offsets) : std::vector<LineColumn>(offsets.size());

  const auto& problems = builder.problems();
  for (std::size_t i = 0; i < problems.size(); ++i) {
    const Problem& p = problems[i];
    std::string message = p.message;
    if (p.first) message += " (first at " + record_path_of(*p.first, "") + ")";
    out.diagnostics.push_back({p.severity, name, where[i].line, where[i].column, paths[i], std::move(message)});
  }
  out.errors = builder.error_count();
  out.warnings = builder.problem_count() - builder.error_count();
  if (!parse_error.empty()) {
    out.diagnostics.push_back({Severity::error, name, where.back().line, where.back().column, parse_error_field, parse_error});
    ++out.errors;
  }
  std::stable_sort(out.diagnostics.begin(), out.diagnostics.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return a.line != b.line ? a.line < b.line : a.column < b.column;
  });
  if (out.errors == 0) out.chain = std::move(chain);
  return out;
}

// A regular file mapped read-only and followed by zero bytes, which end the reader's input as they
// end a C string. Parsing straight from the page cache saves FileReadStream's copy of every byte and
// its end-of-buffer test on every character. Pages the parser has passed are dropped from the
// mapping as it goes (the page cache keeps them), so the file never adds to the process's memory.
class MappedInput {
 public:
  // Null when `path` is not a non-empty regular file or cannot be mapped: it is then read as a stream.
  static std::unique_ptr<MappedInput> open(const std::string& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return nullptr;
    struct stat st {};
    std::unique_ptr<MappedInput> m;
    if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0) {
      const auto size = static_cast<std::size_t>(st.st_size);
      const std::size_t page = static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
      // One zero page beyond the file's last page: the terminator even when the size is a whole
      // number of pages (otherwise the kernel zero-fills the rest of the last page).
      const std::size_t reserved = (size + page - 1) / page * page + page;
      void* base = ::mmap(nullptr, reserved, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
      if (base != MAP_FAILED) {
        if (::mmap(base, size, PROT_READ, MAP_PRIVATE | MAP_FIXED, fd, 0) != MAP_FAILED)
          m.reset(new MappedInput(static_cast<char*>(base), size, reserved, page));
        else
          ::munmap(base, reserved);
      }
    }
    ::close(fd);
    return m;
  }
  ~MappedInput() { ::munmap(base_, reserved_); }
  MappedInput(const MappedInput&) = delete;
  MappedInput& operator=(const MappedInput&) = delete;

  // After a UTF-8 byte-order mark, which RFC 8259 lets parsers ignore (as FileStream skips it).
  const char* text() const {
    const auto* b = reinterpret_cast<const unsigned char*>(base_);
    return base_ + (size_ >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF ? 3 : 0);
  }
  // The parser is at `p` and never looks back: the pages before it leave the mapping, a few
  // megabytes at a time.
  void release_before(const char* p) {
    constexpr std::size_t kStep = std::size_t{16} << 20;
    char* const limit = base_ + (static_cast<std::size_t>(p - base_) / page_ * page_);
    if (limit < released_ + kStep) return;
    ::madvise(released_, static_cast<std::size_t>(limit - released_), MADV_DONTNEED);
    released_ = limit;
  }

 private:
  MappedInput(char* base, std::size_t size, std::size_t reserved, std::size_t page)
      : base_(base), released_(base), size_(size), reserved_(reserved), page_(page) {}
  char* base_;
  char* released_;
  std::size_t size_, reserved_, page_;
};

}  // namespace

ChainLoad load_chain_json(const std::string& path, const LoadOptions& options) {
  std::FILE* probe = std::fopen(path.c_str(), "rb");
  if (!probe) throw IoError(path + ": cannot open: " + std::strerror(errno));
  std::fseek(probe, 0, SEEK_END);
  const long size = std::ftell(probe);
  std::fclose(probe);
  struct FileStream {
    std::unique_ptr<std::FILE, int (*)(std::FILE*)> file;
    std::vector<char> buffer;
    std::optional<rapidjson::FileReadStream> stream;
    std::size_t skipped = 0;  // a UTF-8 byte-order mark, which RFC 8259 lets parsers ignore
    explicit FileStream(const std::string& p) : file(std::fopen(p.c_str(), "rb"), &std::fclose), buffer(1 << 20) {
      if (!file) throw IoError(p + ": cannot open: " + std::strerror(errno));
      unsigned char bom[3] = {0, 0, 0};
      const std::size_t n = std::fread(bom, 1, 3, file.get());
      skipped = (n == 3 && bom[0] == 0xEF && bom[1] == 0xBB && bom[2] == 0xBF) ? 3 : 0;
      std::fseek(file.get(), static_cast<long>(skipped), SEEK_SET);
      stream.emplace(file.get(), buffer.data(), buffer.size());
    }
  };
  struct Holder {
    std::unique_ptr<FileStream> fs;
    rapidjson::FileReadStream& operator*() { return *fs->stream; }
  };
  auto make = [&] { return Holder{std::make_unique<FileStream>(path)}; };
  const std::unique_ptr<MappedInput> mapped = MappedInput::open(path);
  auto parse = [&](rapidjson::Reader& reader, ChainHandler& handler) {
    if (!mapped) {
      auto stream = make();
      return reader.Parse<kParseFlags>(*stream, handler);
    }
    rapidjson::StringStream stream(mapped->text());
    // Between two events the reader's position is the stream's: everything before it is read.
    handler.progress = [&] { mapped->release_before(stream.src_); };
    return reader.Parse<kParseFlags>(stream, handler);
  };
  return run(parse, make, path, size > 0 ? static_cast<std::size_t>(size) : 0, options, [&](std::vector<std::size_t> o) {
    const std::size_t skipped = FileStream(path).skipped;
    for (std::size_t& x : o) x += skipped;
    return locate_offsets_in_file(path, o);
  });
}

ChainLoad load_chain_json_text(const std::string& text, const std::string& name, const LoadOptions& options) {
  struct Holder {
    TextStream s;
    TextStream& operator*() { return s; }
  };
  // StringStream stops at a NUL byte; report that instead of silently truncating.
  const std::size_t skipped = text.compare(0, 3, "\xEF\xBB\xBF") == 0 ? 3 : 0;
  auto make = [&] { return Holder{TextStream{text.c_str() + skipped, text.c_str() + skipped}}; };
  if (text.find('\0') != std::string::npos) {
    ChainLoad out;
    const auto at = locate_offsets_in_text(text, {text.find('\0')});
    out.diagnostics.push_back({Severity::error, name, at[0].line, at[0].column, "", "malformed JSON: NUL byte in the text"});
    out.errors = 1;
    return out;
  }
  auto parse = [&](rapidjson::Reader& reader, ChainHandler& handler) {
    auto stream = make();
    return reader.Parse<kParseFlags>(*stream, handler);
  };
  return run(parse, make, name, text.size(), options, [&](std::vector<std::size_t> o) {
    for (std::size_t& x : o) x += skipped;
    return locate_offsets_in_text(text, o);
  });
}

std::vector<LineColumn> locate_json_fields(const std::string& text, const std::vector<std::string>& paths) {
  TextStream stream{text.c_str(), text.c_str()};
  return locate_offsets_in_text(text, locate_json_paths(stream, paths));
}

}  // namespace qchain::graphs
