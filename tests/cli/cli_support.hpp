#pragma once
// Running the qchain executable from tests: exit code, standard output and error.
#include <sys/wait.h>

#include <cstdio>
#include <string>

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

}  // namespace qchain::test
