#include "connection.hpp"

#include <boost/asio/dispatch.hpp>
#include <boost/asio/execution.hpp>
#include <boost/asio/prefer.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

#include <array>
#include <cctype>
#include <chrono>
#include <ctime>
#include <type_traits>

namespace qchain::server::detail {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;
using boost::system::error_code;

namespace {

// A connection that is closed drains what the client still sends for this long (or this many
// bytes), so that the response already written is not lost to a reset (a 413 before the body).
constexpr std::chrono::seconds kLinger{2};
constexpr std::size_t kLingerBytes = 16u << 20;
constexpr std::size_t kHeaderLimit = 16u << 10;

std::string utc_now() {
  const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

// The path of a target, without its query (which may hold anything), printable.
std::string log_path(std::string_view target) {
  std::string out(target.substr(0, target.find('?')));
  for (char& c : out)
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f) c = '?';
  return out.empty() ? "-" : out;
}

template <class Stream>
class Connection : public Stoppable, public std::enable_shared_from_this<Connection<Stream>> {
  static constexpr bool kTls = !std::is_same_v<Stream, beast::tcp_stream>;

 public:
  Connection(tcp::socket&& socket, Shared& shared) : stream_(make_stream(std::move(socket), shared)), shared_(shared) {
    error_code ec;
    client_ = tcp_layer().socket().remote_endpoint(ec).address().to_string();
  }
  ~Connection() override { shared_.leave(this); }

  void start() {
    shared_.enter(this, this->shared_from_this());
    net::dispatch(stream_.get_executor(), [self = this->shared_from_this()] { self->begin(); });
  }

  void stop() override {
    net::post(stream_.get_executor(), [self = this->shared_from_this()] {
      self->stopping_ = true;
      if (self->idle_) self->tcp_layer().cancel();
    });
  }

 private:
  static Stream make_stream(tcp::socket&& socket, Shared& shared) {
    if constexpr (kTls) return Stream(std::move(socket), *shared.tls);
    else return Stream(std::move(socket));
  }

  beast::tcp_stream& tcp_layer() {
    if constexpr (kTls) return beast::get_lowest_layer(stream_);
    else return stream_;
  }

  void begin() {
    if constexpr (kTls) {
      tcp_layer().expires_after(shared_.options.header_timeout);
      stream_.async_handshake(net::ssl::stream_base::server, [self = this->shared_from_this()](error_code ec) {
        if (ec) return self->drop();
        self->read_header();
      });
    } else {
      read_header();
    }
  }

  void read_header() {
    if (stopping_) return close();
    parser_.emplace();
    parser_->header_limit(kHeaderLimit);
    idle_ = true;
    tcp_layer().expires_after(shared_.options.header_timeout);
    http::async_read_header(stream_, buffer_, *parser_, [self = this->shared_from_this()](error_code ec, std::size_t) {
      self->on_header(ec);
    });
  }

  // A read that failed: the client went away or was too slow (closed without a word), or sent
  // something that is not HTTP (400) or too much (413).
  void read_failed(error_code ec) {
    if (ec == http::error::end_of_stream || ec == beast::error::timeout || ec == net::error::operation_aborted ||
        ec == net::error::connection_reset || ec == net::ssl::error::stream_truncated)
      return drop();
    if (ec == http::error::body_limit) return refuse(413, "request body too large: the limit is " + std::to_string(limit_) + " bytes");
    if (ec == http::error::header_limit) return refuse(431, "request header too large");
    refuse(400, "malformed request: " + ec.message());
  }

  void on_header(error_code ec) {
    idle_ = false;
    started_ = std::chrono::steady_clock::now();
    if (ec) return read_failed(ec);
    const auto& h = parser_->get();
    const std::string_view target(h.target().data(), h.target().size());
    const bool import = h.method() == http::verb::post && target.substr(0, target.find('?')) == "/api/v1/chains";
    limit_ = import ? shared_.options.import_limit : shared_.options.body_limit;
    parser_->body_limit(limit_);
    if (const auto length = parser_->content_length(); length && *length > limit_)
      return refuse(413, "request body too large: the limit is " + std::to_string(limit_) + " bytes");
    if (beast::iequals(h[http::field::expect], "100-continue")) {
      static constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
      net::async_write(stream_, net::buffer(kContinue.data(), kContinue.size()),
                       [self = this->shared_from_this()](error_code e, std::size_t) {
                         if (e) return self->drop();
                         self->read_body();
                       });
      return;
    }
    read_body();
  }

  void read_body() {
    tcp_layer().expires_after(shared_.options.body_timeout);
    http::async_read(stream_, buffer_, *parser_, [self = this->shared_from_this()](error_code ec, std::size_t) {
      if (ec) return self->read_failed(ec);
      self->dispatch();
    });
  }

  void dispatch() {
    http::request<http::string_body> msg = parser_->release();
    HttpRequest r;
    r.method = std::string(msg.method_string());
    r.target = std::string(msg.target());
    for (const auto& f : msg) {
      std::string name(f.name_string());
      for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      r.headers.emplace_back(std::move(name), std::string(f.value()));
    }
    r.body = std::move(msg.body());
    r.client = client_;
    r.tls = kTls;
    keep_alive_ = msg.keep_alive();
    if (std::optional<HttpResponse> hit = shared_.router.cached(r)) return send(std::move(*hit), r.method, r.target);
    // The work is counted on the connection's executor, so that the io_context runs until the
    // answer is written, shutdown included.
    auto back = net::prefer(stream_.get_executor(), net::execution::outstanding_work.tracked);
    net::post(shared_.workers, [self = this->shared_from_this(), r = std::move(r), back = std::move(back)]() mutable {
      HttpResponse res = self->shared_.router.handle(r);
      if (r.method == "HEAD") res.body.clear();
      net::post(back, [self, res = std::move(res), method = std::move(r.method), target = std::move(r.target)]() mutable {
        self->send(std::move(res), method, target);
      });
    });
  }

  // An error found while reading: answered, then the connection is closed (the parser is spent).
  void refuse(int status, const std::string& english) {
    keep_alive_ = false;
    const std::string method = parser_ ? std::string(parser_->get().method_string()) : "-";
    const std::string target = parser_ ? std::string(parser_->get().target()) : "";
    const bool en = beast::iequals(parser_ ? parser_->get()[http::field::accept_language].substr(0, 2) : "", "en");
    send(error_response(status, english, "", en ? report::Lang::en : report::Lang::zh), method.empty() ? "-" : method, target);
  }

  void send(HttpResponse res, const std::string& method, const std::string& target) {
    if (!res.shared_body) {
      auto m = std::make_shared<http::response<http::string_body>>(static_cast<http::status>(res.status), 11);
      m->body() = std::move(res.body);
      return write(std::move(m), std::move(res), method, target, nullptr);
    }
    // The cache's bytes, written where they are; the handler holds them until the write is done.
    auto m = std::make_shared<http::response<http::span_body<const char>>>(static_cast<http::status>(res.status), 11);
    m->body() = {res.shared_body->data(), res.shared_body->size()};
    std::shared_ptr<const void> keep = res.shared_body;
    write(std::move(m), std::move(res), method, target, std::move(keep));
  }

  template <class Message>
  void write(std::shared_ptr<Message> m, HttpResponse res, const std::string& method, const std::string& target,
             std::shared_ptr<const void> keep) {
    m->set(http::field::server, "qchain");
    m->set(http::field::content_type, res.content_type);
    m->set("X-Content-Type-Options", "nosniff");
    if (target.rfind("/api/", 0) == 0) m->set(http::field::cache_control, "no-store");
    for (const auto& [k, v] : res.headers) m->insert(k, v);
    // A response written after SIGTERM says it is the last on this connection.
    if (!stopping_ && shared_.is_stopping()) stopping_ = true;
    m->keep_alive(keep_alive_ && !stopping_);
    m->prepare_payload();
    if (method == "HEAD") m->body() = {};
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started_).count();
    shared_.access_log(res.user, method, target, res.status, ms);
    tcp_layer().expires_after(shared_.options.body_timeout);
    if (method == "HEAD") {
      auto sr = std::make_shared<http::response_serializer<typename Message::body_type>>(*m);
      http::async_write_header(stream_, *sr, [self = this->shared_from_this(), m, sr, keep](error_code ec, std::size_t) {
        self->on_write(ec, m->need_eof());
      });
      return;
    }
    http::async_write(stream_, *m, [self = this->shared_from_this(), m, keep](error_code ec, std::size_t) {
      self->on_write(ec, m->need_eof());
    });
  }

  void on_write(error_code ec, bool eof) {
    if (ec) return drop();
    if (eof || stopping_) return close();
    read_header();
  }

  // The orderly end: the TLS close_notify or the TCP half-close, then what the client still sends
  // is read and dropped (bounded) until it closes too.
  void close() {
    if constexpr (kTls) {
      tcp_layer().expires_after(kLinger);
      stream_.async_shutdown([self = this->shared_from_this()](error_code) { self->drop(); });
    } else {
      error_code ec;
      stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
      tcp_layer().expires_after(kLinger);
      linger();
    }
  }

  void linger() {
    tcp_layer().async_read_some(net::buffer(scratch_), [self = this->shared_from_this()](error_code ec, std::size_t n) {
      self->drained_ += n;
      if (ec || self->drained_ > kLingerBytes) return self->drop();
      self->linger();
    });
  }

  void drop() {
    error_code ec;
    tcp_layer().socket().close(ec);
  }

  Stream stream_;
  Shared& shared_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  std::string client_;
  std::size_t limit_ = 0;
  bool idle_ = false;
  bool stopping_ = false;
  bool keep_alive_ = false;
  std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
  std::array<char, 16384> scratch_{};
  std::size_t drained_ = 0;
};

}  // namespace

void Shared::enter(const void* key, std::weak_ptr<Stoppable> c) {
  std::shared_ptr<Stoppable> now;
  {
    std::lock_guard lock(m);
    open[key] = c;
    if (stopping) now = c.lock();
  }
  if (now) now->stop();  // accepted just before the acceptor closed
}

void Shared::leave(const void* key) {
  std::lock_guard lock(m);
  open.erase(key);
  if (stopping && open.empty() && grace) grace->cancel();
}

void Shared::begin_stop(net::io_context& ioc) {
  std::vector<std::shared_ptr<Stoppable>> all;
  {
    std::lock_guard lock(m);
    if (stopping) return;
    stopping = true;
    for (const auto& [key, weak] : open)
      if (auto c = weak.lock()) all.push_back(std::move(c));
    if (!open.empty()) {
      grace->expires_after(options.shutdown_grace);
      grace->async_wait([&ioc](error_code ec) {
        if (!ec) ioc.stop();  // cancelled: the last connection closed in time
      });
    }
  }
  for (const auto& c : all) c->stop();
}

void Shared::access_log(const std::string& user, const std::string& method, const std::string& target, int status, double ms) {
  const std::string line = utc_now() + " " + (user.empty() ? "-" : user) + " " + method + " " + log_path(target) + " " +
                           std::to_string(status) + " " + std::to_string(static_cast<long long>(ms + 0.5)) + "ms\n";
  std::lock_guard lock(log_m);
  log << line << std::flush;
}

void start_connection(tcp::socket&& socket, Shared& shared) {
  if (shared.tls) std::make_shared<Connection<beast::ssl_stream<beast::tcp_stream>>>(std::move(socket), shared)->start();
  else std::make_shared<Connection<beast::tcp_stream>>(std::move(socket), shared)->start();
}

}  // namespace qchain::server::detail
