#pragma once
// The workbooks other programs write, made by tests/data/workbooks/make_workbooks.py (python3-openpyxl).
#include <cstdlib>
#include <string>

#include "test_support.hpp"

namespace qchain::test {

inline bool has_openpyxl() {
  static const bool ok = std::system((std::string(QCHAIN_PYTHON) + " -c 'import openpyxl' 2>/dev/null").c_str()) == 0;
  return ok;
}

// The folder holding the fixtures, made once per test run.
inline const std::string& workbook_fixtures() {
  static TempDir dir;
  static const bool made = [] {
    const std::string cmd = std::string(QCHAIN_PYTHON) + " " + source_path("tests/data/workbooks/make_workbooks.py") + " " +
                            dir.path() + " 2>&1";
    return std::system(cmd.c_str()) == 0;
  }();
  if (!made) ADD_FAILURE() << "make_workbooks.py failed (python3-openpyxl installed? scripts/setup)";
  return dir.path();
}

}  // namespace qchain::test
