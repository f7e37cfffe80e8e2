#pragma once
// Running the qchain executable from tests: exit code, standard output and error.
#include <sys/wait.h>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

#include "../support/test_support.hpp"

namespace qchain::test {

inline std::string read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

struct CmdResult {
  int code;
  std::string out, err;
};

// Runs qchain with `args` (shell syntax) and collects exit code, standard output and error.
inline CmdResult qchain_run(const std::string& args) {
  TempDir dir;
  const std::string cmd = std::string(QCHAIN_BINARY) + " " + args + " 2>" + dir.file("err");
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
