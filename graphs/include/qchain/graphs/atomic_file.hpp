#pragma once
// Every file qchain writes goes to a temporary file beside the target and is renamed into place
// only when complete, so a failure midway never leaves a half-written or clobbered output.
#include <functional>
#include <string>
#include <string_view>

namespace qchain {

// Writes `content` to `path` atomically; "-" writes to standard output. Throws IoError.
void write_file_atomically(const std::string& path, std::string_view content);
// The same for content made piece by piece: `produce(write)` hands every piece to `write` in order,
// so a document of hundreds of megabytes goes to the file as it is made instead of being held
// whole. When `produce` throws, the temporary file is removed and the target left as it was.
void write_file_atomically(const std::string& path,
                           const std::function<void(const std::function<void(std::string_view)>& write)>& produce);

// Throws UsageError when writing `output` would overwrite the input: the same file on disk, or,
// when the input is a CSV folder, the folder itself or one of the chain files it may hold.
void refuse_to_overwrite_input(const std::string& output, const std::string& input);

// The files a CSV-folder chain consists of (chain.csv, segments.csv, issues.csv, firms.csv, links.csv).
bool is_chain_csv_name(std::string_view file_name);

}  // namespace qchain
