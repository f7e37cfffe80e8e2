#include <gtest/gtest.h>

#include "qchain/graphs/chain_loader.hpp"

using namespace qchain::graphs;

TEST(JsonLoader, Smoke) {
  auto load = load_chain_json_text(R"({"format":"qchain-chain/1","chain":{"id":"x","name":"X"},"firms":[{"id":"A","name":"a","role":"small"}]})", "t.json");
  EXPECT_TRUE(load.chain.has_value());
}
