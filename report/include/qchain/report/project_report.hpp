#pragma once
// What `qchain project` prints: a chain's joint tackling projects (质量攻关项目), one project with
// its progress against the target and its history, and what a change did.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "qchain/engine/programme/project_progress.hpp"
#include "qchain/report/lang.hpp"
#include "qchain/workspace/project.hpp"

namespace qchain::report {

// 合格率损失降低 50% / yield loss reduced by 50%; 3 家企业消除该问题 / 3 firms cleared; "-" for none.
std::string project_target_text(const workspace::Project& p, Lang lang);

// The progress a project's `show` reports: the snapshots read and what project_progress found;
// `progress` is nullopt when there is no snapshot on or before the start (or no start date).
struct ProjectProgressView {
  std::string before_as_of, latest_as_of;  // before_as_of "" with no progress
  std::optional<engine::ProjectProgressResult> progress;
  std::uint32_t latest_firms = 0;  // firms in the latest snapshot (the scope when no firm is listed)
};

// `ref` is the chain's reference (FILE#CHAIN_ID) as the reader gave it.
std::string project_list_text(const std::string& ref, const std::vector<workspace::Project>& projects, Lang lang);
std::string project_list_json(const std::string& ref, const std::string& chain_id, const std::vector<workspace::Project>& projects);

std::string project_text(const workspace::Project& p, const ProjectProgressView& v, const std::vector<workspace::LedgerHistoryRow>& history,
                         Lang lang);
std::string project_json(const workspace::Project& p, const ProjectProgressView& v, const std::vector<workspace::LedgerHistoryRow>& history);

// One line: firms cleared, loss reduced and the target attained, between the two snapshots.
std::string project_progress_line(const workspace::Project& p, const ProjectProgressView& v, Lang lang);

std::string project_added_text(const std::string& ref, std::int64_t id, Lang lang);
std::string project_updated_text(const std::string& ref, std::int64_t id, std::size_t changed, Lang lang);

}  // namespace qchain::report
