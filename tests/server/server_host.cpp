// The server as the tests drive it: qchain::server::serve with a fake API that echoes what it was
// given (identity, method, path, query, body) so that the tests can check what the server passes
// on, plus a few endpoints that answer slowly, with a chosen status, or by throwing.
//   qchain-server-host WORKSPACE [--listen A] [--tls-cert F --tls-key F] [--body-limit N]
//                      [--import-limit N] [--header-timeout S] [--lang en]
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <chrono>
#include <cstdlib>
#include <iostream>
#include <stdexcept>
#include <string>
#include <thread>

#include "qchain/core/error.hpp"
#include "qchain/report/messages.hpp"
#include "qchain/server/server.hpp"

namespace {

using qchain::service::ApiRequest;
using qchain::service::ApiResponse;

void put(rapidjson::Writer<rapidjson::StringBuffer>& w, const char* key, const std::string& v) {
  w.Key(key);
  w.String(v.data(), static_cast<rapidjson::SizeType>(v.size()));
}

ApiResponse echo(const ApiRequest& r) {
  rapidjson::StringBuffer b;
  rapidjson::Writer<rapidjson::StringBuffer> w(b);
  w.StartObject();
  put(w, "user", r.identity.user);
  const char* roles[] = {"viewer", "planner", "admin"};
  put(w, "role", roles[static_cast<int>(r.identity.role)]);
  w.Key("regions");
  w.StartArray();
  for (const std::string& g : r.identity.regions) w.String(g.c_str());
  w.EndArray();
  put(w, "method", r.method);
  put(w, "path", r.path);
  w.Key("query");
  w.StartObject();
  for (const auto& [k, v] : r.query) put(w, k.c_str(), v);
  w.EndObject();
  put(w, "content_type", r.content_type);
  put(w, "lang", r.lang);
  w.Key("body_size");
  w.Uint64(r.body.size());
  put(w, "body", r.body.size() <= 4096 ? r.body : std::string());
  w.EndObject();
  ApiResponse out;
  out.body = b.GetString();
  return out;
}

ApiResponse fake_api(const ApiRequest& r) {
  if (r.path == "/api/v1/slow") {
    const auto it = r.query.find("ms");
    std::this_thread::sleep_for(std::chrono::milliseconds(it == r.query.end() ? 1000 : std::stoi(it->second)));
    return echo(r);
  }
  if (r.path.rfind("/api/v1/status/", 0) == 0) {
    ApiResponse out = echo(r);
    out.status = std::stoi(r.path.substr(15));
    out.headers.emplace_back("X-Fake", "yes");
    return out;
  }
  if (r.path == "/api/v1/throw") throw std::runtime_error("/secret/internal/path.cpp:42 exploded");
  return echo(r);
}

std::optional<ApiResponse> fake_assets(std::string_view path) {
  if (path != "/" && path != "/index.html" && path.rfind("/chains/", 0) != 0) return std::nullopt;
  ApiResponse out;
  out.content_type = "text/html; charset=utf-8";
  out.body = "<!doctype html><title>qchain</title>";
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: qchain-server-host WORKSPACE [options]\n";
    return 2;
  }
  qchain::server::ServerOptions o;
  o.workspace = argv[1];
  o.listen = "127.0.0.1:0";
  o.threads = 4;
  o.local_user = "tester";
  for (int i = 2; i + 1 < argc; i += 2) {
    const std::string k = argv[i], v = argv[i + 1];
    if (k == "--listen") o.listen = v;
    else if (k == "--tls-cert") o.tls_cert = v;
    else if (k == "--tls-key") o.tls_key = v;
    else if (k == "--body-limit") o.body_limit = std::stoul(v);
    else if (k == "--import-limit") o.import_limit = std::stoul(v);
    else if (k == "--header-timeout") o.header_timeout = std::chrono::seconds(std::stoi(v));
    else if (k == "--lang") o.lang = v == "en" ? qchain::report::Lang::en : qchain::report::Lang::zh;
  }
  o.api = fake_api;
  o.assets = fake_assets;
  try {
    qchain::server::serve(o, std::cout, std::cerr);
  } catch (const qchain::UsageError& e) {
    std::cerr << "qchain-server-host: " << qchain::report::localise_message(e.what(), o.lang) << '\n';
    return 2;
  } catch (const qchain::Error& e) {
    std::cerr << "qchain-server-host: " << e.what() << '\n';
    return 3;
  }
  return 0;
}
