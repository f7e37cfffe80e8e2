#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "../support/test_support.hpp"
#include "qchain/graphs/atomic_file.hpp"

namespace {

using namespace qchain;

std::string read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST(AtomicFile, PiecesArriveInOrder) {
  test::TempDir dir;
  const std::string path = dir.file("out.json");
  write_file_atomically(path, [](const std::function<void(std::string_view)>& write) {
    for (int k = 0; k < 1000; ++k) write(std::to_string(k) + ",");
    write("");
  });
  std::string expected;
  for (int k = 0; k < 1000; ++k) expected += std::to_string(k) + ",";
  EXPECT_EQ(read(path), expected);
}

// A document that fails halfway leaves the earlier file as it was and no temporary file beside it.
TEST(AtomicFile, FailureMidwayLeavesTheTargetAlone) {
  test::TempDir dir;
  const std::string path = dir.file("out.json");
  write_file_atomically(path, std::string_view("before\n"));
  EXPECT_THROW(write_file_atomically(path,
                                     [](const std::function<void(std::string_view)>& write) {
                                       write("half of it");
                                       throw std::runtime_error("no more");
                                     }),
               std::runtime_error);
  EXPECT_EQ(read(path), "before\n");
  std::size_t entries = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir.path())) entries += e.is_regular_file();
  EXPECT_EQ(entries, 1u);
}

}  // namespace
