#pragma once
// Loading a chain from a `qchain-chain/1` JSON file or a CSV folder. Every problem is reported with
// its file, line (and column for JSON) and field; a chain is returned only when there is no error.
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "qchain/graphs/chain.hpp"
#include "qchain/core/error.hpp"

namespace qchain::graphs {

struct ChainLoad {
  std::optional<ChainGraph> chain;       // set when there was no error
  std::vector<Diagnostic> diagnostics;   // errors and warnings, in file order (at most ChainBuilder::kMaxProblems)
  std::size_t errors = 0, warnings = 0;  // all counted, including those not kept
};

struct LoadOptions {
  // Find the line and column of warnings too. Locating re-reads the file; commands that only count
  // warnings skip it (errors are always located).
  bool locate_warnings = true;
  // CSV: the encoding of every file, for iconv ("GB18030", "UTF-16LE", ...); empty = detect (UTF-8
  // with or without BOM, UTF-16 by BOM, else GB18030 with a warning).
  std::string encoding = {};
};

// PATH is a JSON file, a workbook (.xlsx: the survey workbook of `qchain template`) or a folder holding
// firms.csv and links.csv. Throws IoError when PATH cannot be read.
ChainLoad load_chain(const std::string& path, const LoadOptions& options = {});
ChainLoad load_chain_json(const std::string& path, const LoadOptions& options = {});
// `name` labels the messages.
ChainLoad load_chain_json_text(const std::string& text, const std::string& name, const LoadOptions& options = {});
ChainLoad load_chain_csv(const std::string& folder, const LoadOptions& options = {});
// A workbook: sheets named as the CSV files or in Chinese (FORMAT.md, "Workbook form"); problems are
// located as FILE:SHEET!E17.
ChainLoad load_chain_xlsx(const std::string& path, const LoadOptions& options = {});
// Whether PATH names a workbook (by its extension, .xlsx, any case).
bool is_xlsx_path(const std::string& path);

// The chain, or an InputError carrying every diagnostic when there is none.
ChainGraph require_chain(ChainLoad load);

}  // namespace qchain::graphs
