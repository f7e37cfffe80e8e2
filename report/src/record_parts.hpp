#pragma once
// Private to qchain_report: what the ledger's and the projects' outputs share: providers, the
// history of changes (text table and JSON), and small text helpers.
#include <optional>
#include <string>
#include <vector>

#include "json_out.hpp"
#include "qchain/report/lang.hpp"
#include "qchain/workspace/ledger.hpp"

namespace qchain::report::detail {

std::string or_dash(const std::string& s);
std::string joined(const std::vector<std::string>& items, const char* sep);
// "河北省质检院（检测机构，衡水）"; "-" for no provider.
std::string provider_text(const workspace::Provider& p, Lang L);
// {"name", "kind", "region"}, or null for no provider.
void provider_json(json::Writer& w, const workspace::Provider& p);
// A key whose value is the text, or null when it is empty.
void text_or_null(json::Writer& w, const char* k, const std::string& v);
void list_json(json::Writer& w, const char* k, const std::vector<std::string>& v);
// The history as a table (When, Who, Field, Old, New) and as a JSON array.
std::string history_table(const std::vector<workspace::LedgerHistoryRow>& history, Lang L);
void history_json(json::Writer& w, const std::vector<workspace::LedgerHistoryRow>& history);

}  // namespace qchain::report::detail
