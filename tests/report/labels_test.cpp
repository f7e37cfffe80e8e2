#include "qchain/report/labels.hpp"

#include "../support/test_support.hpp"

namespace {

using namespace qchain;
using namespace qchain::graphs;
using namespace qchain::report;

TEST(Labels, RolesAndCategoriesInBothLanguages) {
  const std::pair<Role, const char*> zh[] = {{Role::chain_leader, "链主企业"}, {Role::large, "龙头企业"}, {Role::medium, "中型企业"},
                                             {Role::small, "小型企业"}, {Role::micro, "微型企业"}};
  for (const auto& [role, label] : zh) EXPECT_STREQ(role_label(role, Lang::zh), label);
  EXPECT_STREQ(role_label(Role::chain_leader, Lang::en), "chain leader");
  EXPECT_STREQ(role_label(Role::micro, Lang::en), "micro");
  // The six 6M classes (人机料法测环) of the fishbone, in its order.
  const char* zh6[] = {"人", "机", "料", "法", "测", "环"};
  const char* en6[] = {"man", "machine", "material", "method", "measurement", "environment"};
  for (int k = 0; k < 6; ++k) {
    EXPECT_STREQ(category_label(static_cast<IssueCategory>(k), Lang::zh), zh6[k]);
    EXPECT_STREQ(category_label(static_cast<IssueCategory>(k), Lang::en), en6[k]);
  }
}

TEST(Labels, ChainTitleDateAndSegments) {
  const ChainGraph dated = test::load_text(R"({"format": "qchain-chain/1", "chain": {"id": "hp", "name": "黄埔智能装备", "as_of": "2024-06-30"},
    "segments": [{"id": "s", "name": "零部件", "order": 0}],
    "firms": [{"id": "L", "name": "l", "role": "chain_leader", "segment": "s"}], "links": []})");
  EXPECT_EQ(chain_title(dated), "黄埔智能装备");
  EXPECT_EQ(as_of_label(dated, Lang::zh), "2024-06-30");
  EXPECT_EQ(as_of_label(dated, Lang::en), "2024-06-30");
  EXPECT_EQ(segment_label(dated, 0, Lang::en), "零部件");  // names are data: never translated
  EXPECT_EQ(segment_label(dated, kNone, Lang::zh), "（未分环节）");
  EXPECT_EQ(segment_label(dated, kNone, Lang::en), "(no segment)");
  const ChainGraph undated = test::load_text(R"({"format": "qchain-chain/1", "chain": {"id": "hp", "name": "H"},
    "firms": [{"id": "L", "name": "l", "role": "chain_leader"}], "links": []})");
  EXPECT_EQ(as_of_label(undated, Lang::zh), "未注明日期");
  EXPECT_EQ(as_of_label(undated, Lang::en), "undated");
}

}  // namespace
