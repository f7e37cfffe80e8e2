#pragma once
// An uploaded zip of a chain's CSV folder, unpacked into a folder of its own.
#include <cstddef>
#include <string>

namespace qchain::service {

// Unpacks `bytes` under `folder` and returns the folder holding the CSV files (the zip's single
// top folder when it has one). Refuses entries that would land outside `folder`, and archives
// whose contents exceed `limit` bytes (ApiError 400 / 413).
std::string unzip_chain_folder(const std::string& bytes, const std::string& folder, std::size_t limit = 200u << 20);

}  // namespace qchain::service
