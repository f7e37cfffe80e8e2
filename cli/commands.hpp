#pragma once
// One function per command; each returns the process exit code. The CLI only wires libraries.
#include <string>

#include "qchain/engine/text_table.hpp"

namespace qchain::cli {

// Exit codes, documented in the README and `qchain help`.
enum Exit : int { kOk = 0, kWarnings = 1, kInvalidInput = 2, kIoFailure = 3, kInternal = 4 };

struct Common {
  engine::Lang lang = engine::Lang::zh;
};

int run_check(const Common& c, const std::string& path);
int run_summary(const Common& c, const std::string& path, const std::string& json_out);
int run_export(const Common& c, const std::string& path, const std::string& format, const std::string& out);

}  // namespace qchain::cli
