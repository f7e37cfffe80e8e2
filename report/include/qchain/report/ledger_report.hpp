#pragma once
// What `qchain ledger` and `qchain plan --record` print: the assistance ledger (帮扶台账) of a chain,
// one entry with its yields and history, and what a change did.
#include <cstdint>
#include <string>
#include <vector>

#include "qchain/engine/programme/assistance_plan.hpp"
#include "qchain/engine/programme/ledger_summary.hpp"
#include "qchain/report/lang.hpp"
#include "qchain/workspace/ledger.hpp"

namespace qchain::report {

// 计划 / planned, 进行中 / in progress, 完成 / done, 放弃 / dropped.
const char* ledger_status_label(workspace::LedgerStatus s, Lang lang);
// 认证机构 / certification body, 检测机构 / testing lab, 专家 / expert, 行业协会 / association, 银行 / bank.
const char* provider_kind_label(workspace::ProviderKind k, Lang lang);

// The ledger's entries as the engine's ledger_summary takes them.
std::vector<engine::LedgerItem> ledger_items(const std::vector<workspace::LedgerEntry>& entries);
const char* ledger_status_label(engine::LedgerItemStatus s, Lang lang);

// `ref` is the chain's reference (FILE#CHAIN_ID) as the reader gave it.
std::string ledger_list_text(const std::string& ref, const std::vector<workspace::LedgerEntry>& entries, Lang lang);
std::string ledger_list_json(const std::string& ref, const std::vector<workspace::LedgerEntry>& entries);

std::string ledger_entry_text(const workspace::LedgerEntry& e, const workspace::LedgerYields& y,
                              const std::vector<workspace::LedgerHistoryRow>& history, Lang lang);
std::string ledger_entry_json(const workspace::LedgerEntry& e, const workspace::LedgerYields& y,
                              const std::vector<workspace::LedgerHistoryRow>& history);

std::string ledger_added_text(const std::string& ref, std::int64_t id, Lang lang);
std::string ledger_updated_text(const std::string& ref, std::int64_t id, std::size_t changed, Lang lang);
std::string plan_recorded_text(const std::string& ref, const std::vector<std::int64_t>& ids, Lang lang);
// The measure a plan's pick is recorded with: the assistance the plan assumed (a yield gain, the
// issues fixed, the certificates obtained), in the reader's language.
std::vector<std::string> plan_measures(const engine::PlanOptions& o, Lang lang);

}  // namespace qchain::report
