#include "zip_folder.hpp"

#include <filesystem>
#include <fstream>
#include <memory>
#include <set>
#include <vector>

#include <zip.h>

#include "api_internal.hpp"

namespace qchain::service {

namespace {

struct ArchiveCloser {
  void operator()(zip_t* z) const { zip_discard(z); }
};
struct EntryCloser {
  void operator()(zip_file_t* f) const { zip_fclose(f); }
};

bool safe_name(const std::string& name) {
  if (name.empty() || name[0] == '/' || name.find('\\') != std::string::npos) return false;
  for (const auto& part : std::filesystem::path(name))
    if (part == "..") return false;
  return true;
}

}  // namespace

std::string unzip_chain_folder(const std::string& bytes, const std::string& folder, std::size_t limit) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  if (!source) throw ApiError(400, "body: not a zip archive", "body");
  std::unique_ptr<zip_t, ArchiveCloser> archive(zip_open_from_source(source, ZIP_RDONLY, &error));
  if (!archive) {
    zip_source_free(source);
    zip_error_fini(&error);
    throw ApiError(400, "body: not a zip archive", "body");
  }
  zip_error_fini(&error);
  std::filesystem::create_directories(folder);
  std::size_t total = 0;
  std::set<std::string> tops;
  bool loose = false;  // a file at the archive's top
  const zip_int64_t n = zip_get_num_entries(archive.get(), 0);
  for (zip_int64_t k = 0; k < n; ++k) {
    zip_stat_t st;
    if (zip_stat_index(archive.get(), static_cast<zip_uint64_t>(k), 0, &st) != 0 || !(st.valid & ZIP_STAT_NAME)) continue;
    const std::string name = st.name;
    if (!safe_name(name)) throw ApiError(400, "body: the zip holds a file outside its folder: " + name, "body");
    const auto slash = name.find('/');
    if (slash == std::string::npos) loose = true;
    else tops.insert(name.substr(0, slash));
    if (name.back() == '/') continue;
    total += st.size;
    if (total > limit) throw ApiError(413, "body: the zip's contents are over the limit of " + std::to_string(limit) + " bytes");
    std::unique_ptr<zip_file_t, EntryCloser> in(zip_fopen_index(archive.get(), static_cast<zip_uint64_t>(k), 0));
    if (!in) throw ApiError(400, "body: cannot read " + name + " in the zip", "body");
    const std::filesystem::path target = std::filesystem::path(folder) / name;
    std::filesystem::create_directories(target.parent_path());
    std::ofstream out(target, std::ios::binary);
    std::vector<char> buffer(1 << 16);
    for (zip_int64_t got; (got = zip_fread(in.get(), buffer.data(), buffer.size())) > 0;)
      out.write(buffer.data(), static_cast<std::streamsize>(got));
    if (!out) throw IoError("cannot write the upload to a temporary file");
  }
  return !loose && tops.size() == 1 ? folder + "/" + *tops.begin() : folder;
}

}  // namespace qchain::service
