#pragma once
// Every file qchain writes goes to a temporary file beside the target and is renamed into place
// only when complete, so a failure midway never leaves a half-written or clobbered output.
#include <string>
#include <string_view>

namespace qchain {

// Writes `content` to `path` atomically; "-" writes to standard output. Throws IoError.
void write_file_atomically(const std::string& path, std::string_view content);

// Throws UsageError when writing `output` would overwrite one of the inputs (same file on disk).
void refuse_to_overwrite_input(const std::string& output, const std::string& input);

}  // namespace qchain
