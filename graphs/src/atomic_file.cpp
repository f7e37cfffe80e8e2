#include "qchain/graphs/atomic_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <functional>
#include <string>

#include "qchain/graphs/error.hpp"

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

void write_file_atomically(const std::string& path, std::string_view content) {
  write_file_atomically(path, [content](const std::function<void(std::string_view)>& write) { write(content); });
}

void write_file_atomically(const std::string& path,
                           const std::function<void(const std::function<void(std::string_view)>& write)>& produce) {
  if (path == "-") {
    produce([](std::string_view piece) {
      if (std::fwrite(piece.data(), 1, piece.size(), stdout) != piece.size()) fail("<stdout>", "cannot write", errno);
    });
    if (std::fflush(stdout) != 0) fail("<stdout>", "cannot write", errno);
    return;
  }
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode)) throw IoError(path + ": is a directory");
  std::string tmp = path + ".tmp-XXXXXX";
  const int fd = ::mkstemp(tmp.data());
  if (fd < 0) fail(path, "cannot create a temporary file beside it", errno);
  try {
    produce([&](std::string_view piece) {
      if (!write_all(fd, piece)) fail(path, "cannot write", errno);
    });
    if (::fsync(fd) != 0) fail(path, "cannot write", errno);
  } catch (...) {
    ::close(fd);
    ::unlink(tmp.c_str());
    throw;
  }
  ::fchmod(fd, 0644);
  if (::close(fd) != 0) {
    const int err = errno;
    ::unlink(tmp.c_str());
    fail(path, "cannot write", err);
  }
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    const int err = errno;
    ::unlink(tmp.c_str());
    fail(path, "cannot rename the temporary file into place", err);
  }
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
