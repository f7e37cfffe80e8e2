// Any bytes as a workbook (.xlsx): the package checks and limits, liborcus, the package
// normalisation (absolute targets, inline strings) and the table reader.
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <string>

#include "qchain/graphs/chain_loader.hpp"

namespace {
const std::string& file() {
  static const std::string path = [] {
    char tmpl[] = "/tmp/qchain-fuzz-xlsx-XXXXXX";
    return std::string(::mkdtemp(tmpl)) + "/survey.xlsx";
  }();
  return path;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::FILE* f = std::fopen(file().c_str(), "wb");
  std::fwrite(data, 1, size, f);
  std::fclose(f);
  const auto load = qchain::graphs::load_chain_xlsx(file());
  if (load.chain && load.errors != 0) __builtin_trap();
  return 0;
}
