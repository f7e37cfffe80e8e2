#pragma once
// Shared helpers for the test suite: paths to bundled data, temporary folders, model equality.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "qchain/graphs/chain.hpp"
#include "qchain/graphs/chain_loader.hpp"

namespace qchain::test {

inline std::string source_path(const std::string& rel) { return std::string(QCHAIN_SOURCE_DIR) + "/" + rel; }

// Every bundled pilot chain file.
inline std::vector<std::string> pilot_files() {
  std::vector<std::string> out;
  for (const auto& e : std::filesystem::directory_iterator(source_path("data/pilots")))
    if (e.path().extension() == ".json") out.push_back(e.path().string());
  std::sort(out.begin(), out.end());
  return out;
}

// The bytes of a file ("" when it cannot be read).
inline std::string read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// A fresh folder under the system temp dir, removed when the object goes.
class TempDir {
 public:
  TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "qchain-test-XXXXXX").string();
    path_ = ::mkdtemp(tmpl.data());
  }
  ~TempDir() { std::filesystem::remove_all(path_); }
  const std::string& path() const { return path_; }
  std::string file(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

inline graphs::ChainGraph load_text(const std::string& json) {
  return graphs::require_chain(graphs::load_chain_json_text(json, "test.json"));
}

// Formatted diagnostics of a load, for assertions.
inline std::vector<std::string> messages(const graphs::ChainLoad& load) {
  std::vector<std::string> out;
  for (const auto& d : load.diagnostics) out.push_back(format_diagnostic(d));
  return out;
}

// Whether `s` holds a CJK ideograph (U+3400..U+9FFF): a message or help text that was translated.
inline bool has_cjk(const std::string& s) {
  for (std::size_t i = 0; i + 2 < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if ((c & 0xF0) != 0xE0) continue;
    const char32_t cp = ((c & 0x0Fu) << 12) | ((static_cast<unsigned char>(s[i + 1]) & 0x3Fu) << 6) |
                        (static_cast<unsigned char>(s[i + 2]) & 0x3Fu);
    if (cp >= 0x3400 && cp <= 0x9FFF) return true;
  }
  return false;
}

// Field-by-field equality of two models (NaN equals NaN), reporting the first difference.
::testing::AssertionResult same_chain(const graphs::ChainGraph& a, const graphs::ChainGraph& b);

}  // namespace qchain::test
