#include "router.hpp"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <cctype>
#include <exception>

#include "qchain/report/messages.hpp"

namespace qchain::server::detail {

namespace {

using report::Lang;
using service::Identity;

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// %XX escapes (and '+' as a space in a query); nullopt for a broken escape.
std::optional<std::string> percent_decode(std::string_view s, bool plus_is_space) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%') {
      if (i + 2 >= s.size()) return std::nullopt;
      const int hi = hex_digit(s[i + 1]), lo = hex_digit(s[i + 2]);
      if (hi < 0 || lo < 0) return std::nullopt;
      out += static_cast<char>(hi * 16 + lo);
      i += 2;
    } else {
      out += plus_is_space && s[i] == '+' ? ' ' : s[i];
    }
  }
  return out;
}

bool odd_text(const std::string& s) {
  return s.find("..") != std::string::npos || s.find('\\') != std::string::npos ||
         std::any_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; });
}

bool writes(const std::string& method) { return method == "POST" || method == "PATCH" || method == "DELETE"; }

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return std::string(s);
}

// ?lang= first, then the first language of Accept-Language; Chinese unless English is asked for.
Lang request_lang(const HttpRequest& r, const std::map<std::string, std::string>& query) {
  if (const auto it = query.find("lang"); it != query.end()) return it->second == "en" ? Lang::en : Lang::zh;
  const std::string accept = lower(r.header("accept-language"));
  return accept.rfind("en", 0) == 0 ? Lang::en : Lang::zh;
}

std::string cookie_token(const HttpRequest& r) {
  const std::string& cookies = r.header("cookie");
  std::string_view rest = cookies;
  while (!rest.empty()) {
    const std::size_t semi = rest.find(';');
    const std::string pair = trim(rest.substr(0, semi));
    rest = semi == std::string_view::npos ? std::string_view() : rest.substr(semi + 1);
    const std::string name = std::string(Router::kCookie) + "=";
    if (pair.rfind(name, 0) == 0) return pair.substr(name.size());
  }
  return "";
}

using Writer = rapidjson::Writer<rapidjson::StringBuffer>;

void put(Writer& w, const char* key, const std::string& value) {
  w.Key(key);
  w.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
}

std::string session_json(const Identity& who, const std::string& csrf, bool accounts) {
  rapidjson::StringBuffer b;
  Writer w(b);
  w.StartObject();
  put(w, "user", who.user);
  const char* roles[] = {"viewer", "planner", "admin"};
  put(w, "role", roles[static_cast<int>(who.role)]);
  w.Key("regions");
  w.StartArray();
  for (const std::string& r : who.regions) w.String(r.data(), static_cast<rapidjson::SizeType>(r.size()));
  w.EndArray();
  put(w, "csrf", csrf);
  w.Key("accounts");
  w.Bool(accounts);
  w.EndObject();
  return b.GetString();
}

std::string csrf_json(const std::string& csrf) {
  rapidjson::StringBuffer b;
  Writer w(b);
  w.StartObject();
  put(w, "csrf", csrf);
  w.EndObject();
  return b.GetString();
}

HttpResponse ok_json(std::string body, const std::string& user) {
  HttpResponse out;
  out.body = std::move(body);
  out.user = user;
  return out;
}

}  // namespace

std::string error_json(const std::string& message, const std::string& location) {
  rapidjson::StringBuffer b;
  Writer w(b);
  w.StartObject();
  w.Key("error");
  w.StartObject();
  put(w, "message", message);
  put(w, "location", location);
  w.EndObject();
  w.EndObject();
  return b.GetString();
}

HttpResponse error_response(int status, const std::string& english, const std::string& location, Lang lang) {
  HttpResponse out;
  out.status = status;
  out.body = error_json(report::localise_message(english, lang), location);
  return out;
}

std::optional<Target> parse_target(std::string_view target) {
  const std::size_t q = target.find('?');
  const std::string_view raw_path = target.substr(0, q);
  if (raw_path.empty() || raw_path.front() != '/' || raw_path.find('\\') != std::string_view::npos) return std::nullopt;
  std::optional<std::string> path = percent_decode(raw_path, false);
  if (!path || odd_text(*path)) return std::nullopt;
  Target t{std::move(*path), {}};
  std::string_view rest = q == std::string_view::npos ? std::string_view() : target.substr(q + 1);
  while (!rest.empty()) {
    const std::size_t amp = rest.find('&');
    const std::string_view pair = rest.substr(0, amp);
    rest = amp == std::string_view::npos ? std::string_view() : rest.substr(amp + 1);
    if (pair.empty()) continue;
    const std::size_t eq = pair.find('=');
    auto key = percent_decode(pair.substr(0, eq), true);
    auto value = percent_decode(eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1), true);
    if (!key || !value || key->find('\0') != std::string::npos || value->find('\0') != std::string::npos) return std::nullopt;
    t.query[*key] = std::move(*value);  // the last one wins
  }
  return t;
}

Router::Router(RouterConfig config) : config_(std::move(config)), sessions_(config_.session_lifetime) {}

HttpResponse Router::handle(const HttpRequest& r) noexcept {
  try {
    const std::optional<Target> t = parse_target(r.target);
    if (!t) {
      const bool en = r.target.find("lang=en") != std::string::npos || lower(r.header("accept-language")).rfind("en", 0) == 0;
      return error_response(404, "no such page", "", en ? Lang::en : Lang::zh);
    }
    const Lang lang = request_lang(r, t->query);
    return route(r, *t, lang);
  } catch (...) {
    // Nothing of the exception reaches the client: its text may name files or internals.
    try {
      return error_response(500, "internal error", "", Lang::zh);
    } catch (...) {
      HttpResponse out;
      out.status = 500;
      out.body = R"({"error":{"message":"internal error","location":""}})";
      return out;
    }
  }
}

HttpResponse Router::route(const HttpRequest& r, const Target& t, Lang lang) {
  const bool api = t.path == "/api" || t.path.rfind("/api/", 0) == 0;
  if (!api) return asset(r, t, lang);
  if (t.path == "/api/v1/login") {
    if (r.method != "POST") return error_response(405, "method " + r.method + " is not allowed here", t.path, lang);
    return login(r, t, lang);
  }
  const std::string token = cookie_token(r);
  std::optional<Session> session;
  if (config_.accounts) {
    session = sessions_.find(token);
    if (!session) return error_response(401, "not signed in", t.path, lang);
  } else {
    session = Session{config_.local, config_.local_csrf, Clock::time_point::max()};
  }
  const std::string& user = session->identity.user;
  if (t.path == "/api/v1/session") {
    if (r.method != "GET") return error_response(405, "method " + r.method + " is not allowed here", t.path, lang);
    return ok_json(session_json(session->identity, session->csrf, config_.accounts), user);
  }
  if (r.method != "GET" && !writes(r.method)) {
    HttpResponse out = error_response(405, "method " + r.method + " is not allowed here", t.path, lang);
    out.user = user;
    return out;
  }
  if (writes(r.method) && !same_token(r.header("x-csrf-token"), session->csrf)) {
    HttpResponse out = error_response(403, "missing or wrong X-CSRF-Token header", t.path, lang);
    out.user = user;
    return out;
  }
  if (t.path == "/api/v1/logout") {
    if (r.method != "POST") return error_response(405, "method " + r.method + " is not allowed here", t.path, lang);
    return logout(r, t, token, lang);
  }
  return call_api(r, t, session->identity, lang);
}

HttpResponse Router::login(const HttpRequest& r, const Target& t, Lang lang) {
  rapidjson::Document d;
  d.Parse(r.body.data(), r.body.size());
  if (d.HasParseError() || !d.IsObject() || !d.HasMember("user") || !d["user"].IsString() || !d.HasMember("password") ||
      !d["password"].IsString())
    return error_response(400, "a sign-in needs a JSON object with the texts \"user\" and \"password\"", t.path, lang);
  const std::string name(d["user"].GetString(), d["user"].GetStringLength());
  const std::string password(d["password"].GetString(), d["password"].GetStringLength());
  if (!config_.accounts) return ok_json(csrf_json(config_.local_csrf), config_.local.user);

  const std::string account_key = "user:" + name, address_key = "addr:" + r.client;
  const Clock::time_point now = Clock::now();
  std::optional<std::chrono::seconds> wait = throttle_.refused(account_key, now);
  if (const auto w2 = throttle_.refused(address_key, now); w2 && (!wait || *w2 > *wait)) wait = w2;
  if (wait) {
    HttpResponse out = error_response(429, "too many failed sign-ins; try again in " + std::to_string(wait->count()) + " s", t.path, lang);
    out.headers.emplace_back("Retry-After", std::to_string(wait->count()));
    return out;
  }
  const std::optional<Identity> who = config_.verify(name, password);
  if (!who) {
    throttle_.fail(account_key, now);
    throttle_.fail(address_key, now);
    return error_response(401, "wrong user name or password", t.path, lang);
  }
  throttle_.clear(account_key);
  const std::string csrf = random_token();
  const std::string token = sessions_.open(*who, csrf);
  HttpResponse out = ok_json(csrf_json(csrf), who->user);
  out.headers.emplace_back("Set-Cookie", std::string(kCookie) + "=" + token + "; HttpOnly; SameSite=Strict; Path=/; Max-Age=" +
                                             std::to_string(sessions_.lifetime().count()) + (r.tls ? "; Secure" : ""));
  return out;
}

HttpResponse Router::logout(const HttpRequest& r, const Target&, const std::string& token, Lang) {
  HttpResponse out = ok_json("{}", config_.accounts ? "-" : config_.local.user);
  if (!config_.accounts) return out;
  if (const auto s = sessions_.find(token)) out.user = s->identity.user;
  sessions_.close(token);
  out.headers.emplace_back("Set-Cookie", std::string(kCookie) + "=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0" +
                                             (r.tls ? "; Secure" : ""));
  return out;
}

service::ApiRequest Router::api_request(const HttpRequest& r, Target t, const Identity& who, Lang lang) const {
  service::ApiRequest a;
  a.method = r.method;
  a.path = std::move(t.path);
  a.query = std::move(t.query);
  const std::string& type = r.header("content-type");
  a.content_type = lower(trim(std::string_view(type).substr(0, type.find(';'))));
  a.body = r.body;
  a.lang = lang == Lang::en ? "en" : "zh";
  a.identity = who;
  return a;
}

std::optional<HttpResponse> Router::cached(const HttpRequest& r) noexcept {
  try {
    if (r.method != "GET" || !config_.api_cached) return std::nullopt;
    std::optional<Target> t = parse_target(r.target);
    if (!t || t->path.rfind("/api/v1/chains/", 0) != 0) return std::nullopt;
    std::optional<Session> session;
    if (config_.accounts) session = sessions_.find(cookie_token(r));
    else session = Session{config_.local, config_.local_csrf, Clock::time_point::max()};
    if (!session) return std::nullopt;
    const Lang lang = request_lang(r, t->query);
    std::optional<service::ApiResponse> res = config_.api_cached(api_request(r, std::move(*t), session->identity, lang));
    if (!res) return std::nullopt;
    HttpResponse out;
    out.user = session->identity.user;
    out.status = res->status;
    out.content_type = std::move(res->content_type);
    out.body = std::move(res->body);
    out.shared_body = std::move(res->shared_body);
    out.headers = std::move(res->headers);
    return out;
  } catch (...) {
    return std::nullopt;
  }
}

HttpResponse Router::call_api(const HttpRequest& r, Target t, const Identity& who, Lang lang) {
  const service::ApiRequest a = api_request(r, std::move(t), who, lang);
  HttpResponse out;
  out.user = who.user;
  if (!config_.api) {
    out = error_response(503, "the API is not part of this build", a.path, lang);
    out.user = who.user;
    return out;
  }
  service::ApiResponse res;
  try {
    res = config_.api(a);
  } catch (...) {
    out = error_response(500, "internal error", a.path, lang);
    out.user = who.user;
    return out;
  }
  out.status = res.status;
  out.content_type = std::move(res.content_type);
  out.body = std::move(res.body);
  out.headers = std::move(res.headers);
  return out;
}

HttpResponse Router::asset(const HttpRequest& r, const Target& t, Lang lang) {
  if (r.method != "GET" && r.method != "HEAD") return error_response(405, "method " + r.method + " is not allowed here", t.path, lang);
  std::optional<service::ApiResponse> a;
  if (config_.assets) {
    try {
      a = config_.assets(t.path);
    } catch (...) {
      return error_response(500, "internal error", t.path, lang);
    }
  }
  if (!a) return error_response(404, "no such page", t.path, lang);
  HttpResponse out;
  out.status = a->status;
  out.content_type = std::move(a->content_type);
  out.body = std::move(a->body);
  out.headers = std::move(a->headers);
  return out;
}

}  // namespace qchain::server::detail
