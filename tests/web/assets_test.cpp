#include "qchain/web/assets.hpp"

#include <gtest/gtest.h>

#include <string>

namespace {

using qchain::web::find_asset;

TEST(WebAssets, PageRoutesGiveTheSinglePage) {
  const auto index = find_asset("/index.html");
  ASSERT_TRUE(index);
  EXPECT_EQ(index->content_type.substr(0, 9), "text/html");
  EXPECT_NE(index->bytes.find("/app.js"), std::string_view::npos);
  for (const char* path : {"/", "/login", "/chains", "/chains/anping-wire-mesh", "/chains/anping-wire-mesh/whatif"}) {
    const auto a = find_asset(path);
    ASSERT_TRUE(a) << path;
    EXPECT_EQ(a->bytes, index->bytes) << path;
  }
}

TEST(WebAssets, BundledFilesByNameWithTheirTypes) {
  const auto js = find_asset("/app.js");
  ASSERT_TRUE(js);
  EXPECT_EQ(js->content_type, "text/javascript; charset=utf-8");
  // The bundle holds sigma's WebGL renderer and the search box's hook.
  EXPECT_NE(js->bytes.find("webgl"), std::string_view::npos);
  EXPECT_NE(js->bytes.find("firm-panel"), std::string_view::npos);
  const auto css = find_asset("/app.css");
  ASSERT_TRUE(css);
  EXPECT_EQ(css->content_type, "text/css; charset=utf-8");
  EXPECT_NE(css->bytes.find("Noto Sans CJK SC"), std::string_view::npos);
}

TEST(WebAssets, ApiAndUnknownFilesAreNotAssets) {
  for (const char* path : {"/api", "/api/v1/session", "/api/v1/chains", "/nope.js", "/favicon.ico", "/../etc/passwd", "login", "/chainsx"})
    EXPECT_FALSE(find_asset(path)) << path;
}

}  // namespace
