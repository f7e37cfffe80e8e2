#include "qchain/core/error.hpp"

#include <functional>

#include <gtest/gtest.h>

namespace {

using namespace qchain;

TEST(Error, ColumnLettersAsExcelNamesThem) {
  EXPECT_EQ(column_letters(0), "");
  EXPECT_EQ(column_letters(1), "A");
  EXPECT_EQ(column_letters(26), "Z");
  EXPECT_EQ(column_letters(27), "AA");
  EXPECT_EQ(column_letters(52), "AZ");
  EXPECT_EQ(column_letters(53), "BA");
  EXPECT_EQ(column_letters(702), "ZZ");
  EXPECT_EQ(column_letters(703), "AAA");
  EXPECT_EQ(column_letters(16384), "XFD");  // Excel's last column
}

TEST(Error, DiagnosticLeavesOutWhatIsUnknown) {
  Diagnostic d;
  d.message = "unknown firm \"F9\"";
  EXPECT_EQ(format_diagnostic(d), "unknown firm \"F9\"");
  d.field = "links[2].supplier";
  EXPECT_EQ(format_diagnostic(d), "links[2].supplier: unknown firm \"F9\"");
  d.file = "c.json";
  EXPECT_EQ(format_diagnostic(d), "c.json: links[2].supplier: unknown firm \"F9\"");
  d.line = 63;
  EXPECT_EQ(format_diagnostic(d), "c.json:63: links[2].supplier: unknown firm \"F9\"");  // CSV: lines only
  d.column = 4;
  EXPECT_EQ(format_diagnostic(d), "c.json:63:4: links[2].supplier: unknown firm \"F9\"");
  d.severity = Severity::warning;
  EXPECT_EQ(format_diagnostic(d), "c.json:63:4: warning: links[2].supplier: unknown firm \"F9\"");
}

TEST(Error, WorkbookCellsReadAsSheetAndCell) {
  Diagnostic d{Severity::error, "调查表.xlsx", 17, 5, "first_pass_yield", "expected a number", "企业"};
  EXPECT_EQ(format_diagnostic(d), "调查表.xlsx:企业!E17: first_pass_yield: expected a number");
  d.line = 0;  // the sheet as a whole
  d.field.clear();
  EXPECT_EQ(format_diagnostic(d), "调查表.xlsx:企业: expected a number");
}

TEST(Error, InputErrorSaysItsFirstErrorAndKeepsEveryProblem) {
  const InputError e({Diagnostic{Severity::warning, "f.csv", 2, 0, "role", "defaulted", ""},
                      Diagnostic{Severity::error, "f.csv", 3, 0, "id", "duplicate", ""},
                      Diagnostic{Severity::error, "f.csv", 4, 0, "id", "empty", ""}});
  EXPECT_STREQ(e.what(), "f.csv:3: id: duplicate");
  EXPECT_EQ(e.diagnostics().size(), 3u);
  const InputError only_warnings({Diagnostic{Severity::warning, "f.csv", 2, 0, "", "odd", ""}});
  EXPECT_STREQ(only_warnings.what(), "f.csv:2: warning: odd");
  EXPECT_STREQ(InputError(std::vector<Diagnostic>{}).what(), "invalid input");
  const InputError one("s.json", 7, "events[0].kind", "unknown kind");
  EXPECT_STREQ(one.what(), "s.json:7: events[0].kind: unknown kind");
  ASSERT_EQ(one.diagnostics().size(), 1u);
  EXPECT_EQ(one.diagnostics()[0].severity, Severity::error);
}

// The CLI catches the family once, by its base, and picks the exit code by the kind.
TEST(Error, OneFamily) {
  const auto kind = [](const std::function<void()>& f) -> std::string {
    try {
      f();
    } catch (const InputError&) {
      return "input";
    } catch (const IoError&) {
      return "io";
    } catch (const UsageError&) {
      return "usage";
    } catch (const Error&) {
      return "error";
    }
    return "none";
  };
  EXPECT_EQ(kind([] { throw InputError("f", 1, "x", "y"); }), "input");
  EXPECT_EQ(kind([] { throw IoError("f: cannot read"); }), "io");
  EXPECT_EQ(kind([] { throw UsageError("--top: must be positive"); }), "usage");
  EXPECT_EQ(kind([] { throw Error("else"); }), "error");
  try {
    throw IoError("f: cannot read");
  } catch (const std::runtime_error& e) {
    EXPECT_STREQ(e.what(), "f: cannot read");
  }
}

}  // namespace
