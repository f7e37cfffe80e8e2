// The JSON chain loader: a RapidJSON SAX handler that checks syntax and types and streams records
// into ChainBuilder (no DOM: allocation, not parsing, dominates big loads). Problems are located by
// a second SAX pass over the file that runs only when there is something to report.
#include <rapidjson/error/en.h>
#include <rapidjson/filereadstream.h>
#include <rapidjson/reader.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <functional>
#include <memory>
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
  links, link, requires_list, skip
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
                          {"firms", Type::array, Ctx::firms},       {"links", Type::array, Ctx::links}};
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
                           {"willingness", Type::string, Ctx::skip}};
const FieldSpec kCert[] = {{"scheme", Type::string, Ctx::skip}, {"status", Type::string, Ctx::skip}, {"expires", Type::string, Ctx::skip}};
const FieldSpec kFirmIssue[] = {{"code", Type::string, Ctx::skip}, {"severity", Type::number, Ctx::skip}};
const FieldSpec kAssisted[] = {{"by", Type::string, Ctx::skip}, {"since", Type::string, Ctx::skip}, {"programme", Type::string, Ctx::skip}};
const FieldSpec kLink[] = {{"supplier", Type::string, Ctx::skip},  {"customer", Type::string, Ctx::skip},
                           {"input", Type::string, Ctx::skip},     {"share", Type::number, Ctx::skip},
                           {"essential", Type::boolean, Ctx::skip}, {"weight", Type::number, Ctx::skip},
                           {"inspection", Type::number, Ctx::skip}, {"requires", Type::array, Ctx::requires_list},
                           {"value", Type::number, Ctx::skip}};

struct Table {
  const FieldSpec* fields;
  int size;
};
Table table_of(Ctx c) {
  switch (c) {
    case Ctx::top: return {kTop, 6};
    case Ctx::chain: return {kChain, 7};
    case Ctx::defaults: return {kDefaults, 2};
    case Ctx::segment: return {kSegment, 3};
    case Ctx::issue: return {kIssue, 5};
    case Ctx::firm: return {kFirm, 14};
    case Ctx::cert: return {kCert, 3};
    case Ctx::firm_issue: return {kFirmIssue, 2};
    case Ctx::assisted: return {kAssisted, 3};
    case Ctx::link: return {kLink, 9};
    default: return {nullptr, 0};
  }
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
};

std::string record_path_of(RecordRef ref, const std::string& field);

class ChainHandler : public rapidjson::BaseReaderHandler<rapidjson::UTF8<>, ChainHandler> {
 public:
  explicit ChainHandler(ChainBuilder& b) : b_(b) {}

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
    for (int i = 0; i < t.size && f.field < 0; ++i)
      if (key.size() == t.fields[i].name.size() && key[0] == t.fields[i].name[0] && key == t.fields[i].name) f.field = i;
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
      case Ctx::cert: return "certifications[" + std::to_string(firm_.certifications.size() - 1) + "]." + key;
      case Ctx::firm_issue: return "issues[" + std::to_string(firm_.issues.size() - 1) + "]." + key;
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
    b_.add_problem(Problem{s, current_ref(), std::move(field), std::move(message), std::nullopt});
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
      case Kind::firm: firm_.invalid.push_back(field); break;
      case Kind::link: link_.invalid.push_back(field); break;
      default: break;
    }
  }

  bool open(Type t) {
    if (stack_.empty()) {
      top_is_object = t == Type::object;
      if (!top_is_object) b_.add_problem(Problem{Severity::error, {}, "", "the document must be a JSON object", std::nullopt});
      stack_.push_back({top_is_object ? Ctx::top : Ctx::skip, -1, 0, 0, t == Type::array});
      return true;
    }
    if (stack_.size() >= kMaxDepth) {
      aborted_on_depth = true;
      b_.add_problem(Problem{Severity::error, current_ref(), "", "nesting deeper than " + std::to_string(kMaxDepth) + " levels", std::nullopt});
      return false;
    }
    Frame& parent = stack_.back();
    if (parent.is_array) ++parent.count;
    const Slot sl = slot();
    Ctx child = Ctx::skip;
    if (!sl.skip) {
      if (sl.expected != t) {
        type_error(sl, t);
        if (sl.child == Ctx::firms) b_.set_firms_unreadable();
        if (sl.child == Ctx::links) b_.set_links_unreadable();
      } else {
        child = sl.child;
      }
    }
    if (t == Type::object) {
      if (child == Ctx::cert) firm_.certifications.emplace_back();
      if (child == Ctx::firm_issue) firm_.issues.emplace_back();
      if (child == Ctx::assisted) firm_.assisted.emplace();
    }
    stack_.push_back({child, -1, 0, 0, t == Type::array});
    return true;
  }

  bool close() {
    const Ctx c = stack_.back().ctx;
    stack_.pop_back();
    switch (c) {
      case Ctx::chain: b_.set_chain(chain_); break;
      case Ctx::segment: b_.add_segment(segment_); segment_ = {}; break;
      case Ctx::issue: b_.add_issue(issue_); issue_ = {}; break;
      case Ctx::firm: b_.add_firm(firm_); firm_.clear(); break;
      case Ctx::link: b_.add_link(link_); link_.clear(); break;
      default: break;
    }
    return true;
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
      b_.add_problem(Problem{Severity::error, {}, "", "the document must be a JSON object", std::nullopt});
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
      link_.requires_schemes.emplace_back(s, n);
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
        *fields[f.field] = std::string(text);
        break;
      }
      case Ctx::defaults:
        (f.field == 0 ? chain_.default_detection : chain_.default_inspection) = num;
        break;
      case Ctx::segment:
        if (f.field == 2) segment_.order = num;
        else (f.field == 0 ? segment_.id : segment_.name) = std::string(text);
        break;
      case Ctx::issue:
        if (f.field == 3) issue_.yield_loss = num;
        else {
          std::optional<std::string>* fields[] = {&issue_.code, &issue_.name, &issue_.category, nullptr, &issue_.description};
          *fields[f.field] = std::string(text);
        }
        break;
      case Ctx::firm:
        switch (f.field) {
          case 0: firm_.id = std::string(text); break;
          case 1: firm_.name = std::string(text); break;
          case 2: firm_.role = std::string(text); break;
          case 3: firm_.segment = std::string(text); break;
          case 4: firm_.region = std::string(text); break;
          case 5: firm_.first_pass_yield = num; break;
          case 6: firm_.maturity = std::string(text); break;
          case 7: firm_.employees = num; break;
          case 8: firm_.revenue = num; break;
          case 12: firm_.detection = num; break;
          case 13: firm_.willingness = std::string(text); break;
          default: break;
        }
        break;
      case Ctx::cert: {
        CertificationRecord& c = firm_.certifications.back();
        (f.field == 0 ? c.scheme : f.field == 1 ? c.status : c.expires) = std::string(text);
        break;
      }
      case Ctx::firm_issue:
        if (f.field == 0) firm_.issues.back().code = std::string(text);
        else firm_.issues.back().severity = num;
        break;
      case Ctx::assisted: {
        AssistanceRecord& a = *firm_.assisted;
        (f.field == 0 ? a.by : f.field == 1 ? a.since : a.programme) = std::string(text);
        break;
      }
      case Ctx::link:
        switch (f.field) {
          case 0: link_.supplier = std::string(text); break;
          case 1: link_.customer = std::string(text); break;
          case 2: link_.input = std::string(text); break;
          case 3: link_.share = num; break;
          case 4: link_.essential = flag; break;
          case 5: link_.weight = num; break;
          case 6: link_.inspection = num; break;
          case 8: link_.value = num; break;
          default: break;
        }
        break;
      default: break;
    }
    return true;
  }

  ChainBuilder& b_;
  std::vector<Frame> stack_;
  ChainRecord chain_;
  SegmentRecord segment_;
  IssueRecord issue_;
  FirmRecord firm_;
  LinkRecord link_;
};

std::string record_path_of(RecordRef ref, const std::string& field) {
  static const char* kArrays[] = {"", "chain", "segments", "issues", "firms", "links"};
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

template <class MakeStream>
ChainLoad run(MakeStream make_stream, const std::string& name, std::size_t size, const LoadOptions& options,
              const std::function<std::vector<LineColumn>(std::vector<std::size_t>)>& locate) {
  ChainBuilder builder;
  // Reserving from the file size avoids copying big arrays as they grow; the estimate errs high
  // (the shortest records), which costs only address space: untouched pages are never mapped.
  builder.reserve(size / 160, size / 48);
  ChainHandler handler(builder);
  rapidjson::Reader reader;
  std::optional<ChainGraph> chain;
  ChainLoad out;
  std::size_t parse_error_offset = 0;
  std::string parse_error, parse_error_field;
  {
    auto stream = make_stream();
    // Strings are validated as UTF-8 by the handler, faster than the parser's per-character check.
    constexpr unsigned kFlags = rapidjson::kParseIterativeFlag;
    rapidjson::ParseResult ok = reader.Parse<kFlags>(*stream, handler);
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
  return run(make, path, size > 0 ? static_cast<std::size_t>(size) : 0, options, [&](std::vector<std::size_t> o) {
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
  return run(make, name, text.size(), options, [&](std::vector<std::size_t> o) {
    for (std::size_t& x : o) x += skipped;
    return locate_offsets_in_text(text, o);
  });
}

std::vector<LineColumn> locate_json_fields(const std::string& text, const std::vector<std::string>& paths) {
  TextStream stream{text.c_str(), text.c_str()};
  return locate_offsets_in_text(text, locate_json_paths(stream, paths));
}

}  // namespace qchain::graphs
