#include "qchain/graphs/chain_loader.hpp"

#include <sys/stat.h>

#include <cctype>
#include <cerrno>
#include <cstring>

#include "qchain/graphs/snapshot.hpp"

namespace qchain::graphs {

namespace {
// A file named .qcsr that lacks the magic (empty, truncated, foreign) gets the snapshot reader's
// error rather than a JSON parse error.
bool has_snapshot_extension(const std::string& path) {
  return path.size() >= 5 && path.compare(path.size() - 5, 5, ".qcsr") == 0;
}
}  // namespace

ChainLoad load_chain(const std::string& path, const LoadOptions& options) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) throw IoError(path + ": cannot open: " + std::strerror(errno));
  if (S_ISDIR(st.st_mode)) return load_chain_csv(path, options);
  // By its first bytes, not its name: a snapshot renamed is still one.
  if (is_snapshot(path) || has_snapshot_extension(path)) return load_snapshot(path);
  if (is_xlsx_path(path)) return load_chain_xlsx(path, options);
  return load_chain_json(path, options);
}

bool is_xlsx_path(const std::string& path) {
  if (path.size() < 5) return false;
  std::string ext = path.substr(path.size() - 5);
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return ext == ".xlsx" || ext == ".xlsm";
}

ChainGraph require_chain(ChainLoad load) {
  if (!load.chain) throw InputError(std::move(load.diagnostics));
  return std::move(*load.chain);
}

}  // namespace qchain::graphs
