#pragma once
// Private to qchain_server: a request and a response as the dispatcher sees them, free of Beast, so
// that the router and the sign-in rules are plain functions (and a fuzz target drives them).
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace qchain::server::detail {

struct HttpRequest {
  std::string method;  // as sent: GET, POST, ...
  std::string target;  // as sent: /api/v1/chains?x=1
  std::vector<std::pair<std::string, std::string>> headers;  // names lower case
  std::string body;
  std::string client;  // the peer's address, for the sign-in throttle
  bool tls = false;

  // The first header of that (lower-case) name, or "".
  const std::string& header(const std::string& name) const {
    static const std::string none;
    for (const auto& [k, v] : headers)
      if (k == name) return v;
    return none;
  }
};

struct HttpResponse {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::shared_ptr<const std::string> shared_body;  // when set, the body (a cached document), not copied
  std::vector<std::pair<std::string, std::string>> headers;
  std::string user = "-";  // for the access log: who asked, "-" when nobody signed in
};

}  // namespace qchain::server::detail
