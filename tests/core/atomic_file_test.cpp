#include "qchain/core/atomic_file.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "../support/test_support.hpp"
#include "qchain/core/error.hpp"

namespace {

using namespace qchain;
namespace fs = std::filesystem;

std::size_t entries(const std::string& dir) {
  return static_cast<std::size_t>(std::distance(fs::directory_iterator(dir), fs::directory_iterator{}));
}

TEST(AtomicFile, WritesAndReplacesWholeFilesWithNothingLeftBeside) {
  test::TempDir dir;
  const std::string f = dir.file("out.json");
  write_file_atomically(f, "{\"a\": 1}\n");
  EXPECT_EQ(test::read(f), "{\"a\": 1}\n");
  write_file_atomically(f, "");
  EXPECT_EQ(test::read(f), "");
  std::string big(5 << 20, 'x');
  write_file_atomically(f, big);
  EXPECT_EQ(test::read(f), big);
  EXPECT_EQ(entries(dir.path()), 1u);  // no temporary file left
  struct stat st {};
  ASSERT_EQ(::stat(f.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0644u);  // mkstemp's 0600 is not what a written file should be
}

// A failed write leaves what was there, and no temporary file.
TEST(AtomicFile, AFailureLeavesTheOldFile) {
  test::TempDir dir;
  EXPECT_THROW(write_file_atomically(dir.path(), "x"), IoError);  // a directory
  EXPECT_THROW(write_file_atomically(dir.file("no/such/folder/f.txt"), "x"), IoError);
  fs::create_directories(dir.file("target"));
  std::ofstream(dir.file("target/inside")) << "kept";
  try {
    write_file_atomically(dir.file("target"), "x");
    ADD_FAILURE() << "no error";
  } catch (const IoError& e) {
    EXPECT_EQ(std::string(e.what()), dir.file("target") + ": is a directory");
  }
  EXPECT_EQ(test::read(dir.file("target/inside")), "kept");
  if (::geteuid() != 0) {  // root writes anywhere
    fs::create_directories(dir.file("ro"));
    std::ofstream(dir.file("ro/f.txt")) << "old";
    fs::permissions(dir.file("ro"), fs::perms::owner_read | fs::perms::owner_exec);
    EXPECT_THROW(write_file_atomically(dir.file("ro/f.txt"), "new"), IoError);
    fs::permissions(dir.file("ro"), fs::perms::owner_all);
    EXPECT_EQ(test::read(dir.file("ro/f.txt")), "old");
    EXPECT_EQ(entries(dir.file("ro")), 1u);
  }
}

// Output written piece by piece appears whole at commit(), or not at all.
TEST(AtomicFileWriter, PiecesAppearTogetherOnlyOnCommit) {
  test::TempDir dir;
  const std::string f = dir.file("out.json");
  std::ofstream(f) << "old";
  const std::string big(1 << 20, '7');
  {
    AtomicFileWriter out(f);
    out.write("{\"a\": ");
    out.write(big);
    out.write("}\n");
    EXPECT_EQ(test::read(f), "old");      // the old file while the new one is written
    EXPECT_EQ(entries(dir.path()), 2u);  // and the temporary one beside it
    out.commit();
  }
  EXPECT_EQ(test::read(f), "{\"a\": " + big + "}\n");
  EXPECT_EQ(entries(dir.path()), 1u);
  struct stat st {};
  ASSERT_EQ(::stat(f.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0644u);
}

TEST(AtomicFileWriter, AbandonedBeforeCommitLeavesTheOldFileAndNoTemporary) {
  test::TempDir dir;
  const std::string f = dir.file("out.json");
  std::ofstream(f) << "old";
  {
    AtomicFileWriter out(f);
    out.write("half of a new");
  }  // e.g. an exception before commit()
  EXPECT_EQ(test::read(f), "old");
  {
    AtomicFileWriter out(dir.file("new.json"));
    out.write("never complete");
  }
  EXPECT_FALSE(fs::exists(dir.file("new.json")));
  EXPECT_EQ(entries(dir.path()), 1u);
}

TEST(AtomicFileWriter, RefusesAFolderAndAMissingFolderAtOnce) {
  test::TempDir dir;
  try {
    AtomicFileWriter out(dir.path());
    ADD_FAILURE() << "a folder accepted";
  } catch (const IoError& e) {
    EXPECT_EQ(std::string(e.what()), dir.path() + ": is a directory");
  }
  try {
    AtomicFileWriter out(dir.file("no/such/file"));
    ADD_FAILURE() << "a missing folder accepted";
  } catch (const IoError& e) {
    EXPECT_NE(std::string(e.what()).find("cannot create a temporary file beside it"), std::string::npos) << e.what();
  }
  EXPECT_EQ(entries(dir.path()), 0u);
}

TEST(AtomicFile, RefusesToOverwriteTheInput) {
  test::TempDir dir;
  std::ofstream(dir.file("in.json")) << "{}";
  EXPECT_THROW(refuse_to_overwrite_input(dir.file("in.json"), dir.file("in.json")), UsageError);
  // The same file by another name.
  EXPECT_THROW(refuse_to_overwrite_input(dir.path() + "/./in.json", dir.file("in.json")), UsageError);
  fs::create_symlink(dir.file("in.json"), dir.file("link.json"));
  EXPECT_THROW(refuse_to_overwrite_input(dir.file("link.json"), dir.file("in.json")), UsageError);
  EXPECT_NO_THROW(refuse_to_overwrite_input(dir.file("out.json"), dir.file("in.json")));
  EXPECT_NO_THROW(refuse_to_overwrite_input("-", dir.file("in.json")));
  EXPECT_NO_THROW(refuse_to_overwrite_input(dir.file("in.json"), ""));
}

// A CSV folder's chain files, present or not yet (chain.csv is optional), are its input too.
TEST(AtomicFile, RefusesToWriteOverAChainFileOfTheInputFolder) {
  test::TempDir dir;
  const std::string folder = dir.file("chain");
  fs::create_directories(folder);
  std::ofstream(folder + "/firms.csv") << "id,name,role\n";
  for (const char* name : {"firms.csv", "links.csv", "chain.csv", "segments.csv", "issues.csv"})
    EXPECT_THROW(refuse_to_overwrite_input(folder + "/" + name, folder), UsageError) << name;
  EXPECT_THROW(refuse_to_overwrite_input(folder + "/../chain/links.csv", folder), UsageError);
  EXPECT_NO_THROW(refuse_to_overwrite_input(folder + "/report.json", folder));
  EXPECT_NO_THROW(refuse_to_overwrite_input(dir.file("links.csv"), folder));  // beside the folder, not in it
  EXPECT_TRUE(is_chain_csv_name("links.csv"));
  EXPECT_FALSE(is_chain_csv_name("Links.csv"));
  EXPECT_FALSE(is_chain_csv_name("links.csv.bak"));
}

}  // namespace
