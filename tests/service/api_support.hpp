#pragma once
// A workspace made by the qchain binary (both Anping snapshots, Shaxian, a ledger entry and a
// project), an Api over it, and the CLI's output of a command run beside it.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <string>

#include "qchain/service/api.hpp"
#include "../support/test_support.hpp"

namespace qchain::test {

// Standard output of `qchain ARGS` run in `dir` (so that the workspace is named as the API names it).
inline std::string cli(const std::string& dir, const std::string& args) {
  const std::string command = "cd '" + dir + "' && " + QCHAIN_BINARY + " " + args + " 2>/dev/null";
  std::string out;
  if (FILE* p = ::popen(command.c_str(), "r")) {
    char buffer[65536];
    for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, p)) > 0;) out.append(buffer, n);
    ::pclose(p);
  }
  return out;
}

struct ApiWorkspace {
  TempDir dir;
  std::string ws = dir.file("pilots.qcw");
  ApiWorkspace() {
    const std::string pilots = source_path("data/pilots/");
    cli(dir.path(), "workspace init pilots.qcw");
    cli(dir.path(), "import pilots.qcw " + pilots + "anping-wire-mesh.before.json");
    cli(dir.path(), "import pilots.qcw " + pilots + "anping-wire-mesh.json");
    cli(dir.path(), "import pilots.qcw " + pilots + "shaxian-snacks.json");
    cli(dir.path(), "ledger 'pilots.qcw#anping-wire-mesh' add --firm AP0006 --provider 检测院 --provider-kind 检测机构 --issue MSR-08 "
                    "--measure 计量器具送检校准 --start 2024-09-01 --end 2025-03-31 --status 完成 --cost 1.5");
    cli(dir.path(), "project 'pilots.qcw#anping-wire-mesh' add --issue MTH-06 --leader AP0259 --title 攻关 --firm AP0088 "
                    "--target-firms-cleared 2 --start 2024-07-01 --status 进行中");
  }
};

// One workspace of pilots and one Api over it for every test of a suite (building them costs seconds).
class SharedApi : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    w = new ApiWorkspace;
    service::ApiOptions o;
    o.workspace = w->ws;
    api = new service::Api(o);
  }
  static void TearDownTestSuite() {
    delete api;
    delete w;
    api = nullptr, w = nullptr;
  }
  static inline ApiWorkspace* w = nullptr;
  static inline service::Api* api = nullptr;
};

inline service::ApiRequest get(const std::string& path, std::map<std::string, std::string> query = {}) {
  service::ApiRequest r;
  r.method = "GET";
  r.path = path;
  r.query = std::move(query);
  r.identity = {"admin", service::Role::admin, {}};
  return r;
}

inline service::ApiRequest send(const std::string& method, const std::string& path, std::string body,
                                const service::Identity& who = {"admin", service::Role::admin, {}}) {
  service::ApiRequest r;
  r.method = method;
  r.path = path;
  r.body = std::move(body);
  r.content_type = "application/json";
  r.identity = who;
  return r;
}

}  // namespace qchain::test
