#pragma once
// Running the qchain executable from tests: exit code, standard output and error.
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <thread>

#include "../support/test_support.hpp"

namespace qchain::test {

struct CmdResult {
  int code;
  std::string out, err;
};

// Runs qchain with `args` (shell syntax) and collects exit code, standard output and error;
// `env` (NAME=value ...) is set for that run only.
inline CmdResult qchain_run(const std::string& args, const std::string& env = "") {
  TempDir dir;
  const std::string cmd = (env.empty() ? "" : "env " + env + " ") + QCHAIN_BINARY + " " + args + " 2>" + dir.file("err");
  FILE* p = ::popen(cmd.c_str(), "r");
  CmdResult r{-1, {}, {}};
  char buf[4096];
  std::size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) r.out.append(buf, n);
  const int status = ::pclose(p);
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.err = read(dir.file("err"));
  return r;
}

// Another process (python3's sqlite3) holding the workspace's write lock, from construction until
// release() or destruction; `ok()` is false when python3 has no sqlite3 (the test is then skipped).
class WorkspaceHolder {
 public:
  WorkspaceHolder(const std::string& ws, const TempDir& dir) : pid_file_(dir.file("holder.pid")) {
    ok_ = std::system("/usr/bin/python3 -c 'import sqlite3' 2>/dev/null") == 0;
    if (!ok_) return;
    const std::string locked = dir.file("holder.locked");
    const std::string hold = "/usr/bin/python3 -c \"import sqlite3, time; c = sqlite3.connect('" + ws +
                             "', isolation_level=None); c.execute('BEGIN IMMEDIATE'); open('" + locked +
                             "', 'w').close(); time.sleep(30)\" & echo $! >" + pid_file_;
    ok_ = std::system(hold.c_str()) == 0;
    for (int k = 0; ok_ && k < 100 && !std::filesystem::exists(locked); ++k) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ~WorkspaceHolder() { release(); }
  WorkspaceHolder(const WorkspaceHolder&) = delete;
  WorkspaceHolder& operator=(const WorkspaceHolder&) = delete;
  bool ok() const { return ok_; }
  void release() {
    if (!ok_) return;
    const pid_t holder = static_cast<pid_t>(std::atoi(read(pid_file_).c_str()));
    if (holder > 0) ::kill(holder, SIGTERM);
    ok_ = false;
  }

 private:
  std::string pid_file_;
  bool ok_ = false;
};

}  // namespace qchain::test
