#pragma once
// Private to qchain_server: what the server answers to one request, Beast aside. Sign-in, sign-out
// and the session document are answered here; every other /api/ request, once its session and
// CSRF token are checked, goes to the API handler as a service::ApiRequest; other GETs go to the
// asset handler. Never throws: an exception of a handler is a 500 with a plain JSON message.
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "auth.hpp"
#include "http_types.hpp"
#include "qchain/server/server.hpp"

namespace qchain::server::detail {

// The account check: the identity when the password is the user's, else nullopt.
using Verifier = std::function<std::optional<service::Identity>(const std::string& user, const std::string& password)>;

struct RouterConfig {
  bool accounts = true;           // false: no sign-in; every request is `local` (loopback only)
  service::Identity local;        // with no accounts
  std::string local_csrf;         // with no accounts: the one token for every writing request
  std::chrono::seconds session_lifetime{8 * 3600};
  Verifier verify;
  ApiHandler api;
  CachedHandler api_cached;
  AssetHandler assets;
};

// A decoded path and query, or nullopt for an odd URL: a bad %-escape, "..", NUL, a backslash, or
// a path that does not start with '/'.
struct Target {
  std::string path;
  std::map<std::string, std::string> query;
};
std::optional<Target> parse_target(std::string_view target);

// The body of every error: {"error": {"message": ..., "location": ...}}.
std::string error_json(const std::string& message, const std::string& location);

class Router {
 public:
  explicit Router(RouterConfig config);
  HttpResponse handle(const HttpRequest& r) noexcept;
  // The answer to a signed-in GET that the API has in its cache, else nullopt (`handle` answers it).
  std::optional<HttpResponse> cached(const HttpRequest& r) noexcept;
  // The name of the cookie that carries the session.
  static constexpr const char* kCookie = "qchain_session";

 private:
  HttpResponse route(const HttpRequest& r, const Target& t, report::Lang lang);
  HttpResponse login(const HttpRequest& r, const Target& t, report::Lang lang);
  HttpResponse logout(const HttpRequest& r, const Target& t, const std::string& token, report::Lang lang);
  service::ApiRequest api_request(const HttpRequest& r, Target t, const service::Identity& who, report::Lang lang) const;
  HttpResponse call_api(const HttpRequest& r, Target t, const service::Identity& who, report::Lang lang);
  HttpResponse asset(const HttpRequest& r, const Target& t, report::Lang lang);

  RouterConfig config_;
  Sessions sessions_;
  Throttle throttle_;
};

// An error response in the request's language.
HttpResponse error_response(int status, const std::string& english, const std::string& location, report::Lang lang);

}  // namespace qchain::server::detail
