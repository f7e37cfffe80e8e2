#include "qchain/server/server.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/strand.hpp>

#include <csignal>
#include <ostream>
#include <thread>
#include <vector>

#include "connection.hpp"
#include "qchain/core/error.hpp"
#include "qchain/report/messages.hpp"
#include "qchain/workspace/users.hpp"

namespace qchain::server {

namespace net = boost::asio;
using tcp = net::ip::tcp;
using boost::system::error_code;
using report::Lang;
using report::tr;

namespace {

// "HOST:PORT", the host an IPv4 or IPv6 address ("[::1]:8080").
tcp::endpoint parse_listen(const std::string& text) {
  const std::size_t colon = text.rfind(':');
  const auto bad = [&] { return UsageError("--listen: expected HOST:PORT (such as 127.0.0.1:8080), got \"" + text + "\""); };
  if (colon == std::string::npos || colon + 1 == text.size()) throw bad();
  std::string host = text.substr(0, colon);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  const std::string port_text = text.substr(colon + 1);
  if (port_text.size() > 5 || port_text.find_first_not_of("0123456789") != std::string::npos) throw bad();
  const unsigned long port = std::stoul(port_text);
  if (port > 65535) throw bad();
  error_code ec;
  const net::ip::address address = net::ip::make_address(host, ec);
  if (ec) throw bad();
  return {address, static_cast<unsigned short>(port)};
}

service::Role role_of(workspace::UserRole r) {
  switch (r) {
    case workspace::UserRole::admin: return service::Role::admin;
    case workspace::UserRole::planner: return service::Role::planner;
    case workspace::UserRole::viewer: return service::Role::viewer;
  }
  return service::Role::viewer;
}

detail::RouterConfig router_config(const ServerOptions& o, bool accounts) {
  detail::RouterConfig rc;
  rc.accounts = accounts;
  rc.local = service::Identity{o.local_user.empty() ? "local" : o.local_user, service::Role::admin, {}};
  rc.local_csrf = detail::random_token();
  rc.session_lifetime = o.session_lifetime;
  rc.api = o.api;
  rc.api_cached = o.api_cached;
  rc.assets = o.assets;
  const std::string file = o.workspace;
  rc.verify = [file](const std::string& name, const std::string& password) -> std::optional<service::Identity> {
    const auto u = workspace::verify_user(file, name, password);
    if (!u) return std::nullopt;
    return service::Identity{u->name, role_of(u->role), u->regions};
  };
  return rc;
}

void load_tls(detail::Shared& shared, const ServerOptions& o) {
  if (o.tls_cert.empty() != o.tls_key.empty()) throw UsageError("--tls-cert and --tls-key go together");
  if (o.tls_cert.empty()) return;
  auto& ctx = shared.tls.emplace(net::ssl::context::tls_server);
  ctx.set_options(net::ssl::context::default_workarounds | net::ssl::context::no_sslv2 | net::ssl::context::no_sslv3 |
                  net::ssl::context::no_tlsv1 | net::ssl::context::no_tlsv1_1 | net::ssl::context::single_dh_use);
  try {
    ctx.use_certificate_chain_file(o.tls_cert);
  } catch (const boost::system::system_error&) {
    throw UsageError(o.tls_cert + ": cannot load the TLS certificate (PEM)");
  }
  try {
    ctx.use_private_key_file(o.tls_key, net::ssl::context::pem);
  } catch (const boost::system::system_error&) {
    throw UsageError(o.tls_key + ": cannot load the TLS private key (PEM), or it does not match the certificate");
  }
}

class Listener {
 public:
  Listener(net::io_context& ioc, detail::Shared& shared) : ioc_(ioc), acceptor_(net::make_strand(ioc)), shared_(shared) {}

  tcp::endpoint open(const tcp::endpoint& at, const std::string& text) {
    error_code ec;
    acceptor_.open(at.protocol(), ec);
    if (!ec) acceptor_.set_option(net::socket_base::reuse_address(true), ec);
    if (!ec) acceptor_.bind(at, ec);
    if (!ec) acceptor_.listen(net::socket_base::max_listen_connections, ec);
    if (ec) throw IoError("cannot listen on " + text + ": " + ec.message());
    return acceptor_.local_endpoint();
  }
  void accept() {
    acceptor_.async_accept(net::make_strand(ioc_), [this](error_code ec, tcp::socket socket) {
      if (ec == net::error::operation_aborted || !acceptor_.is_open()) return;
      if (!ec) detail::start_connection(std::move(socket), shared_);
      accept();
    });
  }
  void close() {
    net::post(acceptor_.get_executor(), [this] {
      error_code ec;
      acceptor_.close(ec);
    });
  }

 private:
  net::io_context& ioc_;
  tcp::acceptor acceptor_;
  detail::Shared& shared_;
};

std::string url(const tcp::endpoint& e, bool tls) {
  const std::string host = e.address().is_v6() ? "[" + e.address().to_string() + "]" : e.address().to_string();
  return std::string(tls ? "https" : "http") + "://" + host + ":" + std::to_string(e.port()) + "/";
}

}  // namespace

void serve(const ServerOptions& o, std::ostream& out, std::ostream& log) {
  const Lang lang = o.lang;
  const tcp::endpoint at = parse_listen(o.listen);
  const bool loopback = at.address().is_loopback();
  const bool accounts = workspace::has_users(o.workspace);
  if (!accounts && !loopback)
    throw UsageError("--listen " + o.listen + ": the workspace has no account, so the server listens on a loopback address only (add one with `qchain user " +
                     o.workspace + " add NAME --role admin`)");

  detail::Shared shared(o, router_config(o, accounts), log);
  load_tls(shared, o);
  const bool tls = shared.tls.has_value();
  const unsigned threads = o.threads ? o.threads : std::max(1u, std::thread::hardware_concurrency());

  std::optional<net::io_context> ioc(std::in_place, static_cast<int>(threads));
  shared.grace.emplace(*ioc);
  {
    Listener listener(*ioc, shared);
    const tcp::endpoint bound = listener.open(at, o.listen);
    net::signal_set signals(*ioc, SIGINT, SIGTERM);
    signals.async_wait([&](error_code ec, int) {
      if (ec) return;
      out << tr(lang, "正在停止：不再接受新连接，等待处理中的请求完成", "stopping: no new connections, waiting for the requests in flight") << std::endl;
      listener.close();
      shared.begin_stop(*ioc);
    });
    listener.accept();

    out << tr(lang, "qchain 服务已启动：", "qchain serve listening on ") << url(bound, tls) << tr(lang, "（", " (")
        << threads << tr(lang, " 个线程）", " threads)") << "\n";
    if (!accounts)
      out << tr(lang, "工作区中没有账户：无需登录，每个请求都以本机用户 ", "the workspace has no account: no sign-in, every request acts as the local user ")
          << (o.local_user.empty() ? "local" : o.local_user) << tr(lang, "（管理员）的身份处理，且只在本机回环地址上监听",
                                               " (admin), and the server listens on loopback only")
          << "\n";
    if (!loopback && !tls)
      out << tr(lang, "警告：监听地址不是本机回环地址且未启用 TLS：本服务必须置于终止 TLS 的反向代理（如 nginx）之后",
                "warning: a non-loopback address without TLS: the server must sit behind a TLS-terminating proxy (such as nginx)")
          << "\n";
    out << tr(lang, "按 Ctrl+C 停止", "press Ctrl+C to stop") << std::endl;

    std::vector<std::thread> pool;
    for (unsigned i = 1; i < threads; ++i) pool.emplace_back([&] { ioc->run(); });
    ioc->run();
    for (std::thread& t : pool) t.join();
  }
  // A worker still busy after the grace period posts its answer to the stopped io_context, which
  // drops it; it must be done before that io_context goes.
  shared.workers.join();
  // Handlers left after the grace period hold connections, which leave `shared` as they go.
  shared.grace.reset();
  ioc.reset();
  out << tr(lang, "已停止", "stopped") << std::endl;
}

}  // namespace qchain::server
