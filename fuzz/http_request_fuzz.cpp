// Any bytes as an HTTP/1.1 request: Beast's parser, then the server's router (target decoding,
// sign-in, sessions, the CSRF rule, dispatch) with a fake API. Nothing may crash or throw; every
// answer is a status the server gives.
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>

#include <cctype>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "router.hpp"

namespace {

namespace http = boost::beast::http;
using namespace qchain::server::detail;

Router& router(bool accounts) {
  const auto make = [](bool with_accounts) {
    RouterConfig rc;
    rc.accounts = with_accounts;
    rc.local = {"local", qchain::service::Role::admin, {}};
    rc.local_csrf = std::string(64, 'a');
    rc.verify = [](const std::string& user, const std::string& password) -> std::optional<qchain::service::Identity> {
      if (password != "password") return std::nullopt;
      return qchain::service::Identity{user, qchain::service::Role::planner, {"r"}};
    };
    rc.api = [](const qchain::service::ApiRequest& r) {
      qchain::service::ApiResponse out;
      out.body = r.path;
      if (r.path == "/api/v1/throw") throw std::runtime_error("thrown");
      return out;
    };
    rc.assets = [](std::string_view path) -> std::optional<qchain::service::ApiResponse> {
      if (path != "/") return std::nullopt;
      return qchain::service::ApiResponse{};
    };
    return new Router(std::move(rc));  // one per process, as in the server
  };
  static Router* with = make(true);
  static Router* without = make(false);
  return accounts ? *with : *without;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const bool accounts = data[0] & 1;
  http::request_parser<http::string_body> parser;
  parser.eager(true);
  parser.body_limit(1u << 16);
  boost::beast::error_code ec;
  parser.put(boost::asio::buffer(data + 1, size - 1), ec);
  if (ec || !parser.is_header_done()) return 0;
  const auto& msg = parser.get();
  HttpRequest r;
  r.method = std::string(msg.method_string());
  r.target = std::string(msg.target());
  for (const auto& f : msg) {
    std::string name(f.name_string());
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    r.headers.emplace_back(std::move(name), std::string(f.value()));
  }
  r.body = msg.body();
  r.client = "127.0.0.1";
  const HttpResponse res = router(accounts).handle(r);
  if (res.status < 200 || res.status > 599) std::abort();
  return 0;
}
