#include "qchain/graphs/name_match.hpp"

#include <gtest/gtest.h>

namespace {

using namespace qchain::graphs;

TEST(NameMatch, FoldHeaderIgnoresCaseSpacesSeparatorsAndFullWidth) {
  EXPECT_EQ(fold_header("First_Pass_Yield "), "first_pass_yield");
  EXPECT_EQ(fold_header("  first pass-yield"), "first_pass_yield");
  EXPECT_EQ(fold_header("ｆｉｒｓｔ＿ｐａｓｓ　ｙｉｅｌｄ"), "first_pass_yield");
  EXPECT_EQ(fold_header("一次合格率"), "一次合格率");  // other characters pass through
  EXPECT_EQ(fold_header(" \t "), "");
  EXPECT_NE(fold_header("firstpassyield"), "first_pass_yield");  // separators are folded, not dropped
}

TEST(NameMatch, SchemeKeyMakesSpellingsOneScheme) {
  EXPECT_EQ(scheme_key("ISO 9001"), scheme_key("iso9001"));
  EXPECT_EQ(scheme_key("ISO-9001"), scheme_key("ＩＳＯ９００１"));
  EXPECT_EQ(scheme_key("IATF 16949"), "iatf16949");
  EXPECT_NE(scheme_key("ISO 9001"), scheme_key("ISO 14001"));
}

TEST(NameMatch, ClosestNameSuggestsOnlyLikelyTypos) {
  const std::vector<std::string> keys{"level", "segment", "upstream", "first_pass_yield"};
  EXPECT_EQ(closest_name("levl", keys), "level");
  EXPECT_EQ(closest_name("segmnet", keys), "segment");
  EXPECT_EQ(closest_name("upsteam", keys), "upstream");
  EXPECT_EQ(closest_name("First_Pass_Yeild", keys), "first_pass_yield");
  EXPECT_FALSE(closest_name("remarks", keys).has_value());
  EXPECT_FALSE(closest_name("x", keys).has_value());
}

}  // namespace
