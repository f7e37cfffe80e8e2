#pragma once
// `qchain serve`: HTTP/1.1 (and HTTPS) in front of the API and the browser assets (docs/server.md).
// The server owns the transport and the accounts: connections, limits, timeouts, sign-in, sessions,
// the CSRF rule, the throttle and the access log. It turns each request it lets through into a
// service::ApiRequest carrying the signed-in identity and hands it to `api`; any other GET goes to
// `assets`. No Beast, OpenSSL or libsodium type appears here.
#include <chrono>
#include <cstddef>
#include <functional>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>

#include "qchain/report/lang.hpp"
#include "qchain/service/api_types.hpp"

namespace qchain::server {

using ApiHandler = std::function<service::ApiResponse(const service::ApiRequest&)>;
using CachedHandler = std::function<std::optional<service::ApiResponse>(const service::ApiRequest&)>;
// nullopt: no such asset (the server answers 404).
using AssetHandler = std::function<std::optional<service::ApiResponse>(std::string_view path)>;

struct ServerOptions {
  std::string workspace;                  // the accounts are read from it
  std::string listen = "127.0.0.1:8080";  // HOST:PORT; port 0 picks a free one (printed at start)
  unsigned threads = 0;                   // 0: one per core
  std::size_t import_limit = 200u << 20;  // bytes of a POST /api/v1/chains body
  std::size_t body_limit = 1u << 20;      // bytes of any other body
  std::string tls_cert, tls_key;          // PEM files; both given: HTTPS
  report::Lang lang = report::Lang::zh;   // of the start-up lines
  std::chrono::seconds header_timeout{30};  // to send a request's header, also the keep-alive idle time
  std::chrono::seconds body_timeout{300};   // to send its body (an import is large)
  std::chrono::seconds shutdown_grace{30};  // in-flight requests get this long after SIGTERM
  std::chrono::seconds session_lifetime{8 * 3600};
  std::string local_user;  // the identity with no account in the workspace (the OS user)
  ApiHandler api;
  // A read the API answers from its cache without building anything (nullopt: not cached). Answered
  // on the I/O threads; every other request goes to `workers` threads, so that cached reads never
  // wait behind what-ifs, renders or a document built for the first time.
  CachedHandler api_cached;
  unsigned workers = 2;
  AssetHandler assets;
};

// Serves until SIGTERM or SIGINT, then stops accepting, lets the requests in flight finish and
// returns. Start-up lines go to `out`, the access log (one line a request) to `log`. Throws
// UsageError for a bad --listen, a non-loopback address with no account in the workspace, or TLS
// files that do not load; IoError when the address cannot be bound.
void serve(const ServerOptions& options, std::ostream& out, std::ostream& log);

}  // namespace qchain::server
