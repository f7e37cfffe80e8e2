#pragma once
// Private to qchain_server: signed-in sessions and the sign-in throttle, both in memory and
// thread-safe. A restart signs everybody out.
#include <chrono>
#include <cstddef>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "qchain/service/api_types.hpp"

namespace qchain::server::detail {

using Clock = std::chrono::steady_clock;

// 256 random bits (libsodium's randombytes_buf) as 64 hex digits.
std::string random_token();
// Equal texts, compared in time independent of where they differ.
bool same_token(const std::string& a, const std::string& b);

struct Session {
  service::Identity identity;
  std::string csrf;
  Clock::time_point expires;
};

class Sessions {
 public:
  explicit Sessions(std::chrono::seconds lifetime) : lifetime_(lifetime) {}
  // A new session; returns its cookie token. Expired sessions are dropped on the way.
  std::string open(const service::Identity& who, const std::string& csrf);
  std::optional<Session> find(const std::string& token);
  void close(const std::string& token);
  std::chrono::seconds lifetime() const { return lifetime_; }

 private:
  std::chrono::seconds lifetime_;
  std::mutex m_;
  // Keyed by a hash of the token, so that a lookup's timing says nothing of the tokens kept.
  std::unordered_map<std::string, Session> by_hash_;
};

// Failed sign-ins: after kMaxFailures within kWindow for one key (an account, or a client
// address), that key is refused until the oldest of them leaves the window.
class Throttle {
 public:
  static constexpr std::size_t kMaxFailures = 5;
  static constexpr std::chrono::seconds kWindow{300};
  // Seconds to wait when `key` is refused now, else nullopt.
  std::optional<std::chrono::seconds> refused(const std::string& key, Clock::time_point now);
  void fail(const std::string& key, Clock::time_point now);
  void clear(const std::string& key);

 private:
  void forget_old(std::deque<Clock::time_point>& d, Clock::time_point now);
  std::mutex m_;
  std::unordered_map<std::string, std::deque<Clock::time_point>> failures_;
};

}  // namespace qchain::server::detail
