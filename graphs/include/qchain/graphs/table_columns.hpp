#pragma once
// The chain as tables — the CSV folder and the survey workbook (.xlsx) alike: which tables, which
// columns, their Chinese names, and how a cell as people write it becomes the value the builder
// checks (链主 → chain_leader, "95%" → 0.95, 2024年6月1日 → 2024-06-01, 是 → true). Defined once here,
// used by the CSV reader, the workbook reader, the workbook template and the workbook writer.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace qchain::graphs {

// What a column holds: how its cells are read, formatted in a workbook and validated there.
enum class CellKind : std::uint8_t {
  text,
  fraction,  // a number in [0,1]; "95%" is 0.95, a percent cell is its value
  number,
  integer,
  date,      // YYYY-MM-DD; also 2024/6/1, 2024年6月1日, 2024.6.1 and a spreadsheet date (serial number)
  role,      // chain_leader large medium small micro (链主 大型 中型 小型 微型)
  status,    // valid suspended expired in_progress (有效 暂停 过期 认证中)
  category,  // man machine material method measurement environment (人 机 料 法 测 环)
  boolean,   // true false (是 否, yes no, 1 0)
  maturity,  // startup developing leaping (初创级 发展级 跨越级)
  willingness,  // strong moderate weak (强 一般 弱)
  list,      // items separated by ';'
};

struct ColumnSpec {
  const char* key;  // the English column name (CSV header, JSON-like)
  const char* zh;   // the Chinese header
  CellKind kind = CellKind::text;
};

enum class TableId : std::uint8_t { chain, segments, issues, firms, certifications, firm_issues, links, inputs };

struct TableSpec {
  TableId id;
  const char* key;  // CSV file stem and English sheet name: "firms" (firms.csv)
  const char* zh;   // Chinese sheet name: "企业"
  std::vector<ColumnSpec> columns;
  std::vector<const char*> required;
  std::vector<const char*> needed;  // optional, but every analysis rests on them
};

// Every table, in the order a reader loads them.
const std::vector<TableSpec>& table_specs();
const TableSpec& table_spec(TableId id);
// The table a CSV file stem or sheet name (English or Chinese, folded) names.
const TableSpec* find_table(std::string_view name);
// The column's index in `t` for a header written as its key, its Chinese name, or either folded
// (case, full-width forms, spaces and hyphens). `exact` says whether no folding was needed.
std::optional<std::size_t> find_column(const TableSpec& t, std::string_view header, bool& exact);

// The English value of an enumerated cell written in Chinese (or in English with other case or
// spaces); nullopt when it is neither (the builder then reports it as unknown).
std::optional<std::string> english_value(CellKind kind, std::string_view cell);
// The Chinese words an enumerated column accepts, in the order of the English values (drop-downs).
std::vector<std::string> chinese_values(CellKind kind);
std::vector<std::string> english_values(CellKind kind);
// The Chinese word of an English enumerated value ("chain_leader" → "链主"); the value itself when none.
std::string chinese_value(CellKind kind, std::string_view english);

// A number cell: "1,234", " 95% ", "0.95". Returns nullopt with `error` set when it is not a
// number, or, for a fraction written as a percentage (95 meaning 95 %), a message that says so.
std::optional<double> read_number(std::string_view cell, CellKind kind, std::string& error);
// A date cell as YYYY-MM-DD: 2024-06-01, 2024-6-1, 2024/6/1, 2024.6.1, 2024年6月1日 and spreadsheet
// serial numbers (1900 system: 45444 is 2024-06-01); time parts after the day are dropped. Anything
// else is returned unchanged (the builder reports a malformed date).
std::string read_date(std::string_view cell);
// The 1900-system serial of a YYYY-MM-DD date (for workbooks qchain writes); nullopt if malformed.
std::optional<double> date_serial(std::string_view date);

}  // namespace qchain::graphs
