#pragma once
// What the workspace commands print: its chains and snapshots, an import, a new workspace.
#include <cstdint>
#include <string>
#include <vector>

#include "qchain/report/lang.hpp"
#include "qchain/workspace/workspace.hpp"

namespace qchain::report {

std::string workspace_json(const std::string& file, const std::vector<workspace::ChainEntry>& chains);
std::string workspace_text(const std::string& file, const std::vector<workspace::ChainEntry>& chains, Lang lang);
std::string import_text(const std::string& file, const workspace::ImportResult& r, std::uint32_t firms, std::uint32_t links, Lang lang);
std::string workspace_created_text(const std::string& file, Lang lang);

}  // namespace qchain::report
