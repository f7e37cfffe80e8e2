#pragma once
// Private to qchain_graphs: the chain read as tables, shared by the CSV folder reader and the
// workbook (.xlsx) reader. The front end hands over each table's rows as text cells (header first);
// this class matches headers (English or Chinese, table_columns.hpp), normalises values as people
// write them (Chinese enumerations, percentages, dates, segments by name) and passes raw records to
// the one ChainBuilder, then locates the builder's problems: FILE:LINE for CSV,
// FILE:SHEET!A1 for a workbook.
#include <cstdint>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "qchain/graphs/chain_builder.hpp"
#include "qchain/graphs/chain_loader.hpp"
#include "qchain/graphs/table_columns.hpp"

namespace qchain::graphs::detail {

struct Place {
  std::string file, sheet;  // sheet: empty for CSV
  std::uint32_t line = 0, column = 0;
};

class TableLoader {
 public:
  // `spreadsheet`: messages name the column letter, and rows above the header (titles) are skipped.
  explicit TableLoader(bool spreadsheet) : spreadsheet_(spreadsheet) {}

  // Starts table `id`, its messages located in `file` (and `sheet`).
  void begin(TableId id, std::string file, std::string sheet = "");
  // The header row, then each data row; `line` is the CSV line or the Excel row number.
  void row(const std::vector<std::string>& cells, std::uint32_t line);
  // Ends the table; `complete` is false when it could not be read to the end.
  void end(bool complete);
  // Whether the last table ended with a readable header and complete.
  bool table_ok() const { return table_ok_; }
  // How many header names of table `id` the row holds (the workbook reader finds the header row by it).
  static std::size_t header_score(TableId id, const std::vector<std::string>& cells);

  void problem(Severity s, Place where, std::string field, std::string message);
  void set_default_chain(const std::string& name);
  void firms_unreadable() { b_.set_firms_unreadable(); }
  void links_unreadable() { b_.set_links_unreadable(); }
  ChainLoad finish();

 private:
  using Kind = RecordRef::Kind;
  struct Extra {  // certifications and firm issues given on their own sheets, by firm
    std::vector<CertificationRecord> certs;
    std::vector<Place> cert_places;
    std::vector<FirmIssueRecord> issues;
    std::vector<Place> issue_places;
    bool used = false;
  };
  struct FirmOrigin {  // where a firm's sheet-given entries came from: index in the record → place
    std::uint32_t first_cert = 0, first_issue = 0;  // entries before these came from the firm's own cells
    std::vector<Place> certs, issues;
  };

  bool read_header(const std::vector<std::string>& cells, std::uint32_t line);
  void add_row(const std::vector<std::string>& cells, std::uint32_t line);
  Place here(std::uint32_t line, int column_field) const;
  std::string text(std::size_t c, const std::vector<std::string>& cells) const;

  bool spreadsheet_;
  ChainBuilder b_;
  ChainLoad direct_;
  // The current table.
  const TableSpec* spec_ = nullptr;
  std::string file_, sheet_;
  std::vector<int> column_field_;  // per cell: index into spec_->columns, or -1
  bool header_done_ = false, header_ok_ = false, table_ok_ = false;
  std::uint32_t rows_ = 0;
  // Per record kind: where each record is, and which sheet column holds each field.
  struct KindPlaces {
    std::string file, sheet;
    std::vector<std::uint32_t> lines;
    const TableSpec* spec = nullptr;
  };
  KindPlaces places_[7];
  std::vector<std::uint32_t> table_columns_[8];  // per table, per spec column: 1-based sheet column, 0 = absent
  std::unordered_set<std::string> segment_ids_;
  std::unordered_map<std::string, std::string> segment_by_name_;
  std::unordered_map<std::string, Extra> extra_;
  std::unordered_map<std::uint32_t, FirmOrigin> firm_origin_;
  FirmRecord firm_;
  LinkRecord link_;
};

}  // namespace qchain::graphs::detail
