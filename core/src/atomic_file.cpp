#include "qchain/core/atomic_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>

#include "qchain/core/error.hpp"

namespace qchain {
namespace {

[[noreturn]] void fail(const std::string& path, const char* what, int err) {
  throw IoError(path + ": " + what + ": " + std::strerror(err));
}

bool write_all(int fd, std::string_view content) {
  std::size_t done = 0;
  while (done < content.size()) {
    const ssize_t n = ::write(fd, content.data() + done, content.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    done += static_cast<std::size_t>(n);
  }
  return true;
}

}  // namespace

AtomicFileWriter::AtomicFileWriter(const std::string& path) : path_(path) {
  if (path_ == "-") return;
  struct stat st {};
  if (::stat(path_.c_str(), &st) == 0 && S_ISDIR(st.st_mode)) throw IoError(path_ + ": is a directory");
  tmp_ = path_ + ".tmp-XXXXXX";
  fd_ = ::mkstemp(tmp_.data());
  if (fd_ < 0) fail(path_, "cannot create a temporary file beside it", errno);
}

AtomicFileWriter::~AtomicFileWriter() {
  if (fd_ >= 0) ::close(fd_);
  if (!committed_ && !tmp_.empty()) ::unlink(tmp_.c_str());
}

void AtomicFileWriter::write(std::string_view bytes) {
  if (tmp_.empty()) {
    if (std::fwrite(bytes.data(), 1, bytes.size(), stdout) != bytes.size()) fail("<stdout>", "cannot write", errno);
    return;
  }
  if (!write_all(fd_, bytes)) fail(path_, "cannot write", errno);
}

void AtomicFileWriter::commit() {
  if (tmp_.empty()) {
    if (std::fflush(stdout) != 0) fail("<stdout>", "cannot write", errno);
    committed_ = true;
    return;
  }
  // On disk before the rename, so that a crash leaves the old file or the whole new one.
  if (::fsync(fd_) != 0) fail(path_, "cannot write", errno);
  ::fchmod(fd_, 0644);
  const int fd = fd_;
  fd_ = -1;
  if (::close(fd) != 0) fail(path_, "cannot write", errno);
  if (::rename(tmp_.c_str(), path_.c_str()) != 0) fail(path_, "cannot rename the temporary file into place", errno);
  committed_ = true;
}

void write_file_atomically(const std::string& path, std::string_view content) {
  AtomicFileWriter out(path);
  out.write(content);
  out.commit();
}

bool is_chain_csv_name(std::string_view name) {
  for (const char* f : {"chain.csv", "segments.csv", "issues.csv", "firms.csv", "links.csv"})
    if (name == f) return true;
  return false;
}

namespace {
bool same_file(const std::string& a, const std::string& b) {
  struct stat x {}, y {};
  return ::stat(a.c_str(), &x) == 0 && ::stat(b.c_str(), &y) == 0 && x.st_dev == y.st_dev && x.st_ino == y.st_ino;
}
bool is_directory(const std::string& p) {
  struct stat x {};
  return ::stat(p.c_str(), &x) == 0 && S_ISDIR(x.st_mode);
}
}  // namespace

void refuse_to_overwrite_input(const std::string& output, const std::string& input) {
  if (output == "-" || input.empty()) return;
  if (same_file(output, input)) throw UsageError(output + ": refusing to overwrite the input " + input);
  if (!is_directory(input)) return;
  // A CSV folder: a chain file in it need not exist yet to be read next time (chain.csv is optional).
  std::string out = output;
  while (out.size() > 1 && out.back() == '/') out.pop_back();
  const auto slash = out.find_last_of('/');
  const std::string parent = slash == std::string::npos ? "." : slash == 0 ? "/" : out.substr(0, slash);
  const std::string name = slash == std::string::npos ? out : out.substr(slash + 1);
  if (is_chain_csv_name(name) && same_file(parent, input))
    throw UsageError(output + ": refusing to write over a file of the input chain folder " + input);
}

}  // namespace qchain
