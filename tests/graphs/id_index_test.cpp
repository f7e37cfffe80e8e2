#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "qchain/graphs/id_index.hpp"

namespace {

using qchain::graphs::IdIndex;

TEST(IdIndex, FindsEveryKeyAndRejectsDuplicates) {
  std::vector<std::string> keys;
  IdIndex index;
  auto key_of = [&](std::uint32_t i) -> std::string_view { return keys[i]; };
  for (std::uint32_t i = 0; i < 100000; ++i) {
    keys.push_back("F" + std::to_string(i * 7919 % 100003));
    ASSERT_EQ(index.insert(keys.back(), i, key_of), i);
  }
  EXPECT_EQ(index.size(), 100000u);
  for (std::uint32_t i = 0; i < keys.size(); i += 97) EXPECT_EQ(index.find(keys[i], key_of), i);
  EXPECT_EQ(index.find("nope", key_of), IdIndex::npos);
  keys.push_back(keys[5]);
  EXPECT_EQ(index.insert(keys.back(), 100000, key_of), 5u);
  IdIndex empty;
  EXPECT_EQ(empty.find("x", key_of), IdIndex::npos);
}

}  // namespace
