#pragma once
// The accounts of `qchain serve` (docs/server.md), kept in the workspace they give access to: a
// name, a role, the regions a planner may write, and the password only as a libsodium Argon2id
// hash string (crypto_pwhash_str: algorithm, parameters and salt inside it). Every change is one
// transaction. Problems throw UsageError naming the user.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace qchain::workspace {

enum class UserRole : std::uint8_t { viewer, planner, admin };
// viewer, planner, admin.
const char* to_string(UserRole r);
// nullopt for any other text.
std::optional<UserRole> parse_user_role(std::string_view text);

struct User {
  std::string name;
  UserRole role = UserRole::viewer;
  std::vector<std::string> regions;  // in the order given; a planner writes only chains of these
  std::string created_at;            // set by the workspace, UTC
};

// Passwords: at least kMinPassword and at most kMaxPassword bytes, no control character (a line
// read from standard input).
inline constexpr std::size_t kMinPassword = 8;
inline constexpr std::size_t kMaxPassword = 1024;

// Adds the user (refused when the name exists). `created_at` is ignored.
void add_user(const std::string& file, const User& u, std::string_view password);
// A new password for an existing user.
void set_user_password(const std::string& file, const std::string& name, std::string_view password);
void remove_user(const std::string& file, const std::string& name);
// Every user, by name.
std::vector<User> list_users(const std::string& file);
bool has_users(const std::string& file);
// The user when `password` is theirs; nullopt for a wrong password or an unknown name (which
// costs the same time: a hash is checked either way).
std::optional<User> verify_user(const std::string& file, const std::string& name, std::string_view password);

}  // namespace qchain::workspace
