// The server's pieces without a socket: target decoding, the sign-in throttle's window (with a
// clock the test moves), sessions, and the router's rules with a fake API.
#include <gtest/gtest.h>

#include "auth.hpp"
#include "router.hpp"

using namespace qchain::server::detail;
using qchain::service::Identity;
using qchain::service::Role;

namespace {

TEST(ServerTarget, DecodesPathAndQuery) {
  const auto t = parse_target("/api/v1/chains/%E5%AE%89%E5%B9%B3/firms/F%201?up=2&a=x+y&a=z&flag&=v");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->path, "/api/v1/chains/安平/firms/F 1");
  EXPECT_EQ(t->query.at("up"), "2");
  EXPECT_EQ(t->query.at("a"), "z");  // the last one wins
  EXPECT_EQ(t->query.at("flag"), "");
  EXPECT_EQ(t->query.at(""), "v");
}

TEST(ServerTarget, RefusesOddUrls) {
  for (const char* bad : {"", "api", "/a/../b", "/a/%2E%2E/b", "/a%00", "/a%5Cb", "/a\\b", "/a%", "/a%4", "/a%g0", "/a?x=%zz",
                          "/a?x=%00", "/a%0a", "http://example.com/"})
    EXPECT_FALSE(parse_target(bad)) << bad;
}

TEST(ServerThrottle, RefusesAfterFiveFailuresUntilTheWindowMoves) {
  Throttle t;
  const Clock::time_point t0{};
  for (int i = 0; i < 4; ++i) t.fail("user:li", t0 + std::chrono::seconds(i));
  EXPECT_FALSE(t.refused("user:li", t0 + std::chrono::seconds(10)));
  t.fail("user:li", t0 + std::chrono::seconds(10));
  const auto wait = t.refused("user:li", t0 + std::chrono::seconds(10));
  ASSERT_TRUE(wait);
  EXPECT_EQ(wait->count(), 290);  // until the first failure (at 0 s) is 300 s old
  EXPECT_FALSE(t.refused("user:wang", t0 + std::chrono::seconds(10)));
  EXPECT_FALSE(t.refused("user:li", t0 + std::chrono::seconds(300)));  // the first has left the window
  t.clear("user:li");
  EXPECT_FALSE(t.refused("user:li", t0 + std::chrono::seconds(11)));
}

TEST(ServerSessions, OpenFindClose) {
  Sessions s(std::chrono::seconds(3600));
  const std::string token = s.open({"li", Role::planner, {"河北省"}}, "c");
  EXPECT_EQ(token.size(), 64u);
  const auto found = s.find(token);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->identity.user, "li");
  EXPECT_FALSE(s.find(token.substr(1)));
  EXPECT_FALSE(s.find(""));
  s.close(token);
  EXPECT_FALSE(s.find(token));
  Sessions expired(std::chrono::seconds(0));
  EXPECT_FALSE(expired.find(expired.open({"li", Role::viewer, {}}, "c")));
  EXPECT_NE(random_token(), random_token());
}

TEST(ServerRouter, ExceptionsAndOddRequestsAreJson) {
  RouterConfig rc;
  rc.accounts = false;
  rc.local = {"me", Role::admin, {}};
  rc.local_csrf = random_token();
  rc.api = [](const qchain::service::ApiRequest&) -> qchain::service::ApiResponse { throw 42; };
  Router r(rc);
  HttpRequest q;
  q.method = "GET";
  q.target = "/api/v1/chains?lang=en";
  const HttpResponse res = r.handle(q);
  EXPECT_EQ(res.status, 500);
  EXPECT_EQ(res.body, R"({"error":{"message":"internal error","location":"/api/v1/chains"}})");
  q.method = "PUT";
  EXPECT_EQ(r.handle(q).status, 405);
  q.method = "GET";
  q.target = "/no/asset";
  EXPECT_EQ(r.handle(q).status, 404);
}

}  // namespace
