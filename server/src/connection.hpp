#pragma once
// Private to qchain_server: what every connection shares (the router, the options, the access log)
// and the registry that graceful shutdown walks.
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>

#include <memory>
#include <mutex>
#include <optional>
#include <ostream>
#include <unordered_map>

#include "router.hpp"

namespace qchain::server::detail {

class Stoppable {
 public:
  virtual ~Stoppable() = default;
  // Posted to the connection's strand: finish the request in flight, then close; close at once
  // when waiting for the next request.
  virtual void stop() = 0;
};

struct Shared {
  Shared(const ServerOptions& o, RouterConfig rc, std::ostream& log_to) : options(o), router(std::move(rc)), log(log_to) {}
  const ServerOptions& options;
  Router router;
  std::ostream& log;
  std::mutex log_m;
  std::optional<boost::asio::ssl::context> tls;
  boost::asio::thread_pool workers{options.workers ? options.workers : 1};  // what is not a cached read

  // Open connections, for shutdown. Guarded by `m`, as is `grace` (the shutdown's deadline).
  std::mutex m;
  bool stopping = false;
  std::unordered_map<const void*, std::weak_ptr<Stoppable>> open;
  std::optional<boost::asio::steady_timer> grace;  // set before the first connection, reset after the last

  bool is_stopping() {
    std::lock_guard lock(m);
    return stopping;
  }
  void enter(const void* key, std::weak_ptr<Stoppable> c);
  void leave(const void* key);
  // Stops every connection; the io_context stops at the latest after the grace period.
  void begin_stop(boost::asio::io_context& ioc);
  void access_log(const std::string& user, const std::string& method, const std::string& target, int status, double ms);
};

// Starts a connection (plain or TLS, after `shared.tls`) on an accepted socket.
void start_connection(boost::asio::ip::tcp::socket&& socket, Shared& shared);

}  // namespace qchain::server::detail
