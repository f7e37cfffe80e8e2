// `qchain serve` and `qchain user`: the server library wired to the API and the browser assets.
#include <termios.h>
#include <unistd.h>

#include <iostream>
#include <string>

#include "commands.hpp"
#include "qchain/core/error.hpp"
#include "qchain/report/text_table.hpp"
#include "qchain/server/server.hpp"
#include "qchain/workspace/users.hpp"
#include "wiring.hpp"

#include "qchain/service/api.hpp"
#include "qchain/web/assets.hpp"

namespace qchain::cli {

namespace {

using report::tr;

// One line of standard input, without its line end: the password is never an argument, where
// `ps` and the shell history would show it. The terminal's echo is off while it is typed.
std::string read_password(report::Lang lang) {
  const bool tty = ::isatty(STDIN_FILENO);
  if (tty) std::cerr << tr(lang, "密码：", "password: ") << std::flush;
  termios saved{};
  const bool quiet = tty && ::tcgetattr(STDIN_FILENO, &saved) == 0;
  if (quiet) {
    termios silent = saved;
    silent.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    ::tcsetattr(STDIN_FILENO, TCSANOW, &silent);
  }
  std::string line;
  const bool got = static_cast<bool>(std::getline(std::cin, line));
  if (quiet) {
    ::tcsetattr(STDIN_FILENO, TCSANOW, &saved);
    std::cerr << '\n';
  }
  if (!got) throw UsageError("no password on standard input (one line)");
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

}  // namespace

int run_serve(const Common& c, const ServeArgs& a) {
  server::ServerOptions o;
  o.workspace = a.file;
  o.listen = a.listen;
  o.threads = a.threads;
  o.import_limit = a.import_limit;
  o.body_limit = a.body_limit;
  o.tls_cert = a.tls_cert;
  o.tls_key = a.tls_key;
  o.lang = c.lang;
  o.local_user = os_user();
  service::ApiOptions api_options;
  api_options.workspace = a.file;
  api_options.threads = a.threads;
  api_options.import_limit = a.import_limit;
  api_options.body_limit = a.body_limit;
  auto api = std::make_shared<service::Api>(api_options);
  o.api = [api](const service::ApiRequest& r) { return api->handle(r); };
  o.api_cached = [api](const service::ApiRequest& r) { return api->cached(r); };
  o.assets = [](std::string_view path) -> std::optional<service::ApiResponse> {
    const std::optional<web::Asset> a = web::find_asset(path);
    if (!a) return std::nullopt;
    service::ApiResponse r;
    r.content_type = std::string(a->content_type);
    r.body = std::string(a->bytes);
    return r;
  };
  server::serve(o, std::cout, std::cerr);
  return kOk;
}

int run_user_add(const Common& c, const UserArgs& a) {
  workspace::User u;
  u.name = a.name;
  u.role = workspace::parse_user_role(a.role).value_or(workspace::UserRole::viewer);
  u.regions = a.regions;
  workspace::add_user(a.file, u, read_password(c.lang));
  std::cout << tr(c.lang, "已新增账户 ", "added user ") << a.name << " (" << a.role << ")\n";
  return kOk;
}

int run_user_passwd(const Common& c, const UserArgs& a) {
  workspace::set_user_password(a.file, a.name, read_password(c.lang));
  std::cout << tr(c.lang, "已更改密码：", "password changed: ") << a.name << "\n";
  return kOk;
}

int run_user_remove(const Common& c, const UserArgs& a) {
  workspace::remove_user(a.file, a.name);
  std::cout << tr(c.lang, "已删除账户 ", "removed user ") << a.name << "\n";
  return kOk;
}

int run_user_list(const Common& c, const UserArgs& a) {
  report::TextTable t;
  t.add_column(tr(c.lang, "用户名", "user"));
  t.add_column(tr(c.lang, "角色", "role"));
  t.add_column(tr(c.lang, "地区", "regions"));
  t.add_column(tr(c.lang, "创建时间", "created"));
  for (const workspace::User& u : workspace::list_users(a.file)) {
    std::string regions;
    for (const std::string& r : u.regions) regions += (regions.empty() ? "" : ", ") + r;
    t.add_row({u.name, workspace::to_string(u.role), regions.empty() ? "-" : regions, u.created_at});
  }
  std::cout << t.render();
  return kOk;
}

}  // namespace qchain::cli
