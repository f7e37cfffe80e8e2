#include "auth.hpp"

#include <sodium.h>

#include <stdexcept>

namespace qchain::server::detail {

namespace {

std::string hex(const unsigned char* bytes, std::size_t n) {
  std::string out(2 * n + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), bytes, n);
  out.pop_back();
  return out;
}

std::string token_hash(const std::string& token) {
  unsigned char h[crypto_generichash_BYTES];
  crypto_generichash(h, sizeof h, reinterpret_cast<const unsigned char*>(token.data()), token.size(), nullptr, 0);
  return hex(h, sizeof h);
}

// The throttle forgets keys with no failure left in the window once it holds this many, so that
// a flood of addresses cannot grow it without bound.
constexpr std::size_t kThrottleKeys = 10000;

}  // namespace

std::string random_token() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialised");
  unsigned char bytes[32];
  randombytes_buf(bytes, sizeof bytes);
  return hex(bytes, sizeof bytes);
}

bool same_token(const std::string& a, const std::string& b) {
  return !a.empty() && a.size() == b.size() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string Sessions::open(const service::Identity& who, const std::string& csrf) {
  const std::string token = random_token();
  const Clock::time_point now = Clock::now();
  std::lock_guard lock(m_);
  for (auto it = by_hash_.begin(); it != by_hash_.end();) it = it->second.expires <= now ? by_hash_.erase(it) : std::next(it);
  by_hash_[token_hash(token)] = Session{who, csrf, now + lifetime_};
  return token;
}

std::optional<Session> Sessions::find(const std::string& token) {
  if (token.empty()) return std::nullopt;
  const std::string key = token_hash(token);
  std::lock_guard lock(m_);
  const auto it = by_hash_.find(key);
  if (it == by_hash_.end()) return std::nullopt;
  if (it->second.expires <= Clock::now()) {
    by_hash_.erase(it);
    return std::nullopt;
  }
  return it->second;
}

void Sessions::close(const std::string& token) {
  const std::string key = token_hash(token);
  std::lock_guard lock(m_);
  by_hash_.erase(key);
}

void Throttle::forget_old(std::deque<Clock::time_point>& d, Clock::time_point now) {
  while (!d.empty() && d.front() + kWindow <= now) d.pop_front();
}

std::optional<std::chrono::seconds> Throttle::refused(const std::string& key, Clock::time_point now) {
  std::lock_guard lock(m_);
  const auto it = failures_.find(key);
  if (it == failures_.end()) return std::nullopt;
  forget_old(it->second, now);
  if (it->second.size() < kMaxFailures) return std::nullopt;
  const auto wait = std::chrono::ceil<std::chrono::seconds>(it->second.front() + kWindow - now);
  return std::max(wait, std::chrono::seconds(1));
}

void Throttle::fail(const std::string& key, Clock::time_point now) {
  std::lock_guard lock(m_);
  if (failures_.size() >= kThrottleKeys)
    for (auto it = failures_.begin(); it != failures_.end();) {
      forget_old(it->second, now);
      it = it->second.empty() ? failures_.erase(it) : std::next(it);
    }
  auto& d = failures_[key];
  forget_old(d, now);
  d.push_back(now);
  if (d.size() > kMaxFailures) d.pop_front();
}

void Throttle::clear(const std::string& key) {
  std::lock_guard lock(m_);
  failures_.erase(key);
}

}  // namespace qchain::server::detail
