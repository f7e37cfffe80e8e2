#pragma once
// The report as a PDF and as a Word document, made by programs from Debian run as child processes:
// headless Chromium prints report.html (the engine the layout tests measure with, so the PDF is laid
// out exactly as they checked it), pandoc turns the report's Word variant (tables as tables, each
// Graphviz diagram as a PNG) into .docx. Both write the target atomically; a missing or failing
// program is an IoError that says which and why.
#include <string>
#include <vector>

#include "qchain/visualization/report_files.hpp"

namespace qchain::visualization {

struct PrintOptions {
  std::string chromium = "chromium";  // the program, found on PATH unless a path is given
  std::string pandoc = "pandoc";
  int timeout_seconds = 120;          // a renderer that hangs is stopped and reported
};

// Prints `html` (one self-contained page) to an A4 PDF at `pdf_path`.
void write_report_pdf(const std::string& html, const std::string& pdf_path, const PrintOptions& o = {});

// Writes the Word document from the report's files (build_report with ReportRequest::word): the
// Word page and its PNGs. The same files give the same bytes (pandoc's dates are pinned).
void write_report_docx(const std::vector<ReportFile>& files, const std::string& docx_path, const PrintOptions& o = {});

}  // namespace qchain::visualization
