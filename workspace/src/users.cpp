#include "qchain/workspace/users.hpp"

#include <sodium.h>

#include "qchain/core/error.hpp"
#include "schema.hpp"
#include "sqlite_db.hpp"

namespace qchain::workspace {

using detail::Database;
using detail::Statement;
using detail::Transaction;
using detail::open_workspace;

namespace {

void init_sodium() {
  if (sodium_init() < 0) throw IoError("libsodium could not be initialised");
}

void check_name(const std::string& name) {
  if (name.empty() || name.size() > 64) throw UsageError("user name must be 1 to 64 bytes, got " + std::to_string(name.size()));
  for (const unsigned char c : name)
    if (c < 0x20 || c == 0x7f || c == ' ' || c == '/' || c == '\\')
      throw UsageError("user name \"" + name + "\" contains a space, a slash or a control character");
}

void check_password(std::string_view pw) {
  if (pw.size() < kMinPassword || pw.size() > kMaxPassword)
    throw UsageError("password must be " + std::to_string(kMinPassword) + " to " + std::to_string(kMaxPassword) + " bytes long");
  for (const unsigned char c : pw)
    if (c < 0x20 || c == 0x7f) throw UsageError("password contains a control character");
}

// Argon2id at libsodium's interactive limits (64 MiB, a fraction of a second): a sign-in stays quick
// on a small server while a stolen hash stays slow to attack.
std::string hash_password(std::string_view pw) {
  check_password(pw);
  init_sodium();
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(out, pw.data(), pw.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
    throw IoError("out of memory while hashing the password");
  return out;
}

bool password_matches(const std::string& hash, std::string_view pw) {
  return crypto_pwhash_str_verify(hash.c_str(), pw.data(), pw.size()) == 0;
}

// A hash of no one's password, checked for an unknown name so that it takes as long as a known one.
const std::string& decoy_hash() {
  static const std::string h = hash_password("decoy password, never valid");
  return h;
}

std::vector<std::string> regions_of(Database& db, const std::string& name) {
  Statement s = db.prepare("SELECT region FROM user_regions WHERE name = ?1 ORDER BY seq");
  s.bind(1, name);
  std::vector<std::string> out;
  while (s.step()) out.emplace_back(s.text(0));
  return out;
}

User read_user(Database& db, Statement& s) {
  User u;
  u.name = std::string(s.text(0));
  u.role = parse_user_role(s.text(1)).value_or(UserRole::viewer);
  u.created_at = std::string(s.text(2));
  u.regions = regions_of(db, u.name);
  return u;
}

bool user_exists(Database& db, const std::string& name) {
  Statement s = db.prepare("SELECT 1 FROM users WHERE name = ?1");
  s.bind(1, name);
  return s.step();
}

[[noreturn]] void no_such_user(const std::string& name) { throw UsageError("no user \"" + name + "\" in the workspace"); }

}  // namespace

const char* to_string(UserRole r) {
  switch (r) {
    case UserRole::viewer: return "viewer";
    case UserRole::planner: return "planner";
    case UserRole::admin: return "admin";
  }
  return "viewer";
}

std::optional<UserRole> parse_user_role(std::string_view text) {
  for (const UserRole r : {UserRole::viewer, UserRole::planner, UserRole::admin})
    if (text == to_string(r)) return r;
  return std::nullopt;
}

void add_user(const std::string& file, const User& u, std::string_view password) {
  check_name(u.name);
  for (const std::string& r : u.regions)
    if (r.empty()) throw UsageError("user \"" + u.name + "\": a region must not be empty");
  const std::string hash = hash_password(password);
  Database db = open_workspace(file);
  Transaction t(db);
  if (user_exists(db, u.name)) throw UsageError("user \"" + u.name + "\" exists already");
  Statement ins = db.prepare("INSERT INTO users (name, password_hash, role, created_at) VALUES (?1, ?2, ?3, ?4)");
  ins.bind(1, u.name).bind(2, hash).bind(3, std::string_view(to_string(u.role))).bind(4, detail::utc_now());
  ins.run();
  Statement reg = db.prepare("INSERT INTO user_regions (name, seq, region) VALUES (?1, ?2, ?3)");
  for (std::size_t i = 0; i < u.regions.size(); ++i) {
    reg.bind(1, u.name).bind(2, static_cast<std::int64_t>(i)).bind(3, u.regions[i]);
    reg.run();
  }
  t.commit();
}

void set_user_password(const std::string& file, const std::string& name, std::string_view password) {
  const std::string hash = hash_password(password);
  Database db = open_workspace(file);
  Transaction t(db);
  if (!user_exists(db, name)) no_such_user(name);
  Statement s = db.prepare("UPDATE users SET password_hash = ?2 WHERE name = ?1");
  s.bind(1, name).bind(2, hash);
  s.run();
  t.commit();
}

void remove_user(const std::string& file, const std::string& name) {
  Database db = open_workspace(file);
  Transaction t(db);
  if (!user_exists(db, name)) no_such_user(name);
  Statement s = db.prepare("DELETE FROM users WHERE name = ?1");
  s.bind(1, name);
  s.run();
  t.commit();
}

std::vector<User> list_users(const std::string& file) {
  Database db = open_workspace(file);
  Statement s = db.prepare("SELECT name, role, created_at FROM users ORDER BY name");
  std::vector<User> out;
  while (s.step()) out.push_back(read_user(db, s));
  return out;
}

bool has_users(const std::string& file) {
  Database db = open_workspace(file);
  Statement s = db.prepare("SELECT 1 FROM users LIMIT 1");
  return s.step();
}

std::optional<User> verify_user(const std::string& file, const std::string& name, std::string_view password) {
  init_sodium();
  Database db = open_workspace(file);
  Statement s = db.prepare("SELECT name, role, created_at, password_hash FROM users WHERE name = ?1");
  s.bind(1, name);
  if (!s.step()) {
    password_matches(decoy_hash(), password);
    return std::nullopt;
  }
  const std::string hash(s.text(3));
  if (!password_matches(hash, password)) return std::nullopt;
  return read_user(db, s);
}

}  // namespace qchain::workspace
