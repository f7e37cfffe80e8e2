#pragma once
// Every file qchain writes goes to a temporary file beside the target and is renamed into place
// only when complete, so a failure midway never leaves a half-written or clobbered output.
#include <string>
#include <string_view>

namespace qchain {

// Writes `content` to `path` atomically; "-" writes to standard output. Throws IoError.
void write_file_atomically(const std::string& path, std::string_view content);

// The same for output too large to hold at once, written piece by piece: the pieces go to the
// temporary file and commit() renames it into place. Destroyed before commit() (an error midway),
// it removes the temporary file and `path` is left as it was. "-" writes to standard output.
// write() is unbuffered (one system call each): give it large pieces.
class AtomicFileWriter {
 public:
  explicit AtomicFileWriter(const std::string& path);  // throws IoError
  ~AtomicFileWriter();
  AtomicFileWriter(const AtomicFileWriter&) = delete;
  AtomicFileWriter& operator=(const AtomicFileWriter&) = delete;

  void write(std::string_view bytes);  // throws IoError
  void commit();                       // throws IoError; once it returns, `path` holds every byte

 private:
  std::string path_;
  std::string tmp_;  // empty for standard output
  int fd_ = -1;
  bool committed_ = false;
};

// Throws UsageError when writing `output` would overwrite the input: the same file on disk, or,
// when the input is a CSV folder, the folder itself or one of the chain files it may hold.
void refuse_to_overwrite_input(const std::string& output, const std::string& input);

// The files a CSV-folder chain consists of (chain.csv, segments.csv, issues.csv, firms.csv, links.csv).
bool is_chain_csv_name(std::string_view file_name);

}  // namespace qchain
