#pragma once
// Every file qchain writes goes to a temporary file beside the target and is renamed into place
// only when complete, so a failure midway never leaves a half-written or clobbered output.
#include <string>
#include <string_view>

namespace qchain {

// Writes `content` to `path` atomically; "-" writes to standard output. Throws IoError.
void write_file_atomically(const std::string& path, std::string_view content);

// Throws UsageError when writing `output` would overwrite the input: the same file on disk, or,
// when the input is a CSV folder, the folder itself or one of the chain files it may hold.
void refuse_to_overwrite_input(const std::string& output, const std::string& input);

// The files a CSV-folder chain consists of (chain.csv, segments.csv, issues.csv, firms.csv, links.csv).
bool is_chain_csv_name(std::string_view file_name);

}  // namespace qchain
