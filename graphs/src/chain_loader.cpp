#include "qchain/graphs/chain_loader.hpp"

#include <sys/stat.h>

#include <cerrno>
#include <cstring>

namespace qchain::graphs {

ChainLoad load_chain(const std::string& path, const LoadOptions& options) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) throw IoError(path + ": cannot open: " + std::strerror(errno));
  if (S_ISDIR(st.st_mode)) return load_chain_csv(path);
  return load_chain_json(path, options);
}

ChainGraph require_chain(ChainLoad load) {
  if (!load.chain) throw InputError(std::move(load.diagnostics));
  return std::move(*load.chain);
}

}  // namespace qchain::graphs
