// Any bytes split into firms.csv and links.csv (at the first 0xFF byte, or all firms).
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <string>

#include "qchain/graphs/chain_loader.hpp"

namespace {
const std::string& folder() {
  static const std::string dir = [] {
    char tmpl[] = "/tmp/qchain-fuzz-csv-XXXXXX";
    return std::string(::mkdtemp(tmpl));
  }();
  return dir;
}
void write(const std::string& path, const std::string& text) {
  std::FILE* f = std::fopen(path.c_str(), "wb");
  std::fwrite(text.data(), 1, text.size(), f);
  std::fclose(f);
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string all(reinterpret_cast<const char*>(data), size);
  const auto cut = all.find('\xFF');
  write(folder() + "/firms.csv", all.substr(0, cut));
  write(folder() + "/links.csv", cut == std::string::npos ? std::string("supplier,customer\n") : all.substr(cut + 1));
  const auto load = qchain::graphs::load_chain_csv(folder());
  if (load.chain && load.errors != 0) __builtin_trap();
  return 0;
}
