#pragma once
// Finds where JSON paths such as "links[40].supplier" start in a document, for error messages.
// Runs only when there are problems to report, so it favours simplicity over speed.
#include <rapidjson/reader.h>

#include <cstdlib>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace qchain::graphs {

// An in-memory stream for the reader. rapidjson::StringStream lets the reader work on a private
// copy of it, so Tell() in a callback would be stale; this one has no such trait.
struct TextStream {
  using Ch = char;
  const char* begin;
  const char* p;
  Ch Peek() const { return *p; }
  Ch Take() { return *p++; }
  std::size_t Tell() const { return static_cast<std::size_t>(p - begin); }
  Ch* PutBegin() { return nullptr; }
  void Put(Ch) {}
  void Flush() {}
  std::size_t PutEnd(Ch*) { return 0; }
};

// Tracks the path of every value, but builds path strings only inside the top-level records
// (e.g. links[40]) that a wanted path points into, so a big file is re-read at near parser speed.
template <class Stream>
class JsonPathFinder : public rapidjson::BaseReaderHandler<rapidjson::UTF8<>, JsonPathFinder<Stream>> {
 public:
  JsonPathFinder(Stream& s, const std::unordered_set<std::string>& wanted,
                 const std::unordered_map<std::string, std::unordered_set<std::size_t>>& records,
                 const std::unordered_set<std::string>& objects)
      : s_(s), wanted_(wanted), records_(records), objects_(objects) {}
  std::unordered_map<std::string, std::size_t> found;

  bool StartObject() { return open(false); }
  bool StartArray() { return open(true); }
  bool EndObject(rapidjson::SizeType) { return close(); }
  bool EndArray(rapidjson::SizeType) { return close(); }
  bool Default() {
    element(s_.Tell());
    return true;
  }
  bool String(const char*, rapidjson::SizeType n, bool) {
    element(s_.Tell() - n - 2);
    return true;
  }
  bool Key(const char* k, rapidjson::SizeType n, bool) {
    const Frame& f = stack_.back();
    if (stack_.size() == 1) {
      top_key_.assign(k, n);
      auto it = records_.find(top_key_);
      top_records_ = it == records_.end() ? nullptr : &it->second;
      active_ = objects_.count(top_key_) > 0;  // a wanted top-level object such as "chain"
    }
    if (!tracking()) return true;
    path_.resize(f.len);
    if (f.len > 0) path_ += '.';
    path_.append(k, n);
    record(s_.Tell() - n - 2);
    return true;
  }

 private:
  struct Frame {
    std::size_t len;
    bool is_array;
    std::size_t count;
  };
  // Outside the wanted records only the element counts are kept.
  bool tracking() const { return stack_.size() <= 1 || active_; }
  void element(std::size_t offset) {
    if (stack_.empty() || !stack_.back().is_array) return;
    Frame& f = stack_.back();
    const std::size_t index = f.count++;
    if (stack_.size() == 2) active_ = top_records_ && top_records_->count(index);
    if (!tracking()) return;
    path_.resize(f.len);
    path_ += '[' + std::to_string(index) + ']';
    record(offset);
  }
  bool open(bool is_array) {
    // The iterative reader announces an object or array before it takes the bracket.
    element(s_.Tell());
    stack_.push_back({path_.size(), is_array, 0});
    return true;
  }
  bool close() {
    stack_.pop_back();
    return true;
  }
  void record(std::size_t offset) {
    if (wanted_.count(path_)) found.emplace(path_, offset);
  }

  Stream& s_;
  const std::unordered_set<std::string>& wanted_;
  const std::unordered_map<std::string, std::unordered_set<std::size_t>>& records_;
  const std::unordered_set<std::string>& objects_;
  const std::unordered_set<std::size_t>* top_records_ = nullptr;
  std::vector<Frame> stack_;
  std::string path_, top_key_;
  bool active_ = false;
};

// One offset per path: where the path, or failing that its deepest existing prefix, starts.
template <class Stream>
std::vector<std::size_t> locate_json_paths(Stream& s, const std::vector<std::string>& paths) {
  std::unordered_set<std::string> wanted;
  std::unordered_map<std::string, std::unordered_set<std::size_t>> records;  // "links" -> {40, ...}
  std::unordered_set<std::string> objects;                                   // "chain"
  for (const std::string& p : paths) {
    wanted.insert(p);
    for (std::size_t i = 1; i < p.size(); ++i)
      if (p[i] == '.' || p[i] == '[') wanted.insert(p.substr(0, i));
    const std::size_t open = p.find('['), dot = p.find('.');
    if (open != std::string::npos && dot > open)
      records[p.substr(0, open)].insert(std::strtoull(p.c_str() + open + 1, nullptr, 10));
    else if (dot != std::string::npos)
      objects.insert(p.substr(0, dot));
  }
  JsonPathFinder<Stream> finder(s, wanted, records, objects);
  rapidjson::Reader reader;
  reader.Parse<rapidjson::kParseIterativeFlag>(s, finder);
  std::vector<std::size_t> out;
  for (const std::string& p : paths) {
    std::size_t offset = 0;
    for (std::size_t end = p.size(); end > 0; --end) {
      if (end != p.size() && p[end] != '.' && p[end] != '[') continue;
      auto it = finder.found.find(p.substr(0, end));
      if (it != finder.found.end()) {
        offset = it->second;
        break;
      }
    }
    out.push_back(offset);
  }
  return out;
}

}  // namespace qchain::graphs
