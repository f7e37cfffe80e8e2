// Hostile but valid inputs: huge values and extreme shapes load correctly, in memory bounded by the
// model itself plus one copy of the largest string value (the reader's parse stack).
#include <sys/resource.h>

#include <filesystem>
#include <fstream>

#include "../support/test_support.hpp"

namespace {

using namespace qchain;
using namespace qchain::graphs;

long peak_rss_mb() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  return ru.ru_maxrss / 1024;
}

TEST(HostileInput, HundredMegabyteStringField) {
  const std::string big(100u << 20, 'x');
  const std::string doc = R"({"format": "qchain-chain/1", "chain": {"id": "c", "name": "C"},
    "firms": [{"id": "A", "name": ")" + big + R"(", "role": "micro"}, {"id": "L", "name": "l", "role": "chain_leader"}],
    "links": [{"supplier": "A", "customer": "L"}]})";
  const long before = peak_rss_mb();
  const ChainLoad load = load_chain_json_text(doc, "big.json");
  ASSERT_TRUE(load.chain.has_value());
  EXPECT_EQ(load.chain->firm(0).name.size(), big.size());
  // The text (~100 MB) and the test's own copies are already counted in `before`; the loader adds
  // at most the model's copy and the reader's stack copy of the string.
  EXPECT_LT(peak_rss_mb() - before, 400);
}

TEST(HostileInput, MillionLinksIntoOneFirm) {
  std::string doc = R"({"format": "qchain-chain/1", "chain": {"id": "c", "name": "C"}, "firms": [{"id": "L", "name": "l", "role": "chain_leader"})";
  const int n = 1000000;
  doc.reserve(120u * n);
  for (int i = 0; i < n; ++i) doc += R"(,{"id": "S)" + std::to_string(i) + R"(", "name": "s", "role": "micro"})";
  doc += R"(], "links": [)";
  for (int i = 0; i < n; ++i) doc += std::string(i ? "," : "") + R"({"supplier": "S)" + std::to_string(i) + R"(", "customer": "L", "input": "x"})";
  doc += "]}";
  const ChainLoad load = load_chain_json_text(doc, "wide.json");
  ASSERT_TRUE(load.chain.has_value());
  const SupplyNetwork& net = load.chain->network();
  EXPECT_EQ(net.in_begin[1] - net.in_begin[0], static_cast<std::uint32_t>(n));
  EXPECT_EQ(net.firm_group_begin[1] - net.firm_group_begin[0], 1u);  // one input with a million alternatives
  EXPECT_NEAR(net.in_share[0] * n, 1.0, 1e-9);  // normalised over a million equal shares
}

TEST(HostileInput, DirectoryOrMissingPathsAreIoErrorsOrClearMessages) {
  test::TempDir dir;
  EXPECT_THROW(load_chain(dir.file("missing.json")), IoError);
  const ChainLoad empty_folder = load_chain(dir.path());  // a folder without firms.csv
  EXPECT_GT(empty_folder.errors, 0u);
  EXPECT_NE(test::messages(empty_folder)[0].find("required file is missing"), std::string::npos);
}

}  // namespace

namespace {

TEST(HostileInput, DirectoryWhereAFileIsExpectedAndUnreadablePaths) {
  test::TempDir dir;
  std::filesystem::create_directory(dir.file("firms.csv"));
  { std::ofstream(dir.file("links.csv")) << "supplier,customer\n"; }
  const ChainLoad load = load_chain(dir.path());
  ASSERT_GT(load.errors, 0u);
  EXPECT_NE(test::messages(load)[0].find("firms.csv: is a directory, expected a CSV file"), std::string::npos);
  // Root reads every file here, so "unreadable" is a path that cannot be opened: one through a file.
  { std::ofstream(dir.file("plain")) << "x"; }
  EXPECT_THROW(load_chain(dir.file("plain/chain.json")), IoError);
}

}  // namespace
