#include <filesystem>

#include "api_internal.hpp"
#include "json_write.hpp"
#include "qchain/core/error.hpp"
#include "qchain/report/messages.hpp"
#include "qchain/visualization/diagram.hpp"

namespace qchain::service {

namespace {

void replace_all(std::string& s, const std::string& from, const std::string& to) {
  if (from.empty()) return;
  for (std::size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) s.replace(at, from.size(), to);
}

// No internal path in an answer: the workspace is named by its file's name only.
std::string without_paths(const Call* c, std::string s) {
  if (!c) return s;
  const std::string& ws = c->workspace();
  replace_all(s, ws + "#", "");
  replace_all(s, ws, std::filesystem::path(ws).filename().string());
  return s;
}

std::string place(const Diagnostic& d) {
  std::string p = d.file;
  if (!d.sheet.empty()) p += ":" + d.sheet + "!" + column_letters(d.column) + std::to_string(d.line);
  else {
    if (d.line) p += ":" + std::to_string(d.line);
    if (d.column) p += ":" + std::to_string(d.column);
  }
  if (!d.field.empty()) p += (p.empty() ? "" : " ") + d.field;
  return p;
}

std::string error_body(const std::string& message, const std::string& location, const std::vector<std::string>* all = nullptr) {
  rapidjson::StringBuffer b;
  json::Writer w(b);
  w.StartObject();
  json::key(w, "error");
  w.StartObject();
  json::key(w, "message");
  json::str(w, message);
  json::text_or_null(w, "location", location);
  if (all) {
    json::key(w, "diagnostics");
    w.StartArray();
    for (const std::string& d : *all) json::str(w, d);
    w.EndArray();
  }
  w.EndObject();
  w.EndObject();
  return std::string(b.GetString(), b.GetSize()) + "\n";
}

report::Lang lang_of(const Call* c) { return c ? c->lang : report::Lang::zh; }

}  // namespace

ApiResponse json_response(std::string body, int status) {
  ApiResponse r;
  r.status = status;
  r.body = std::move(body);
  return r;
}

ApiResponse error_response(const Call* c, int status, const std::string& english, const std::string& location) {
  return json_response(error_body(without_paths(c, report::localise_message(english, lang_of(c))), without_paths(c, location)), status);
}

ApiResponse response_for_current_exception(const Call& c) {
  try {
    throw;
  } catch (const ApiError& e) {
    return error_response(&c, e.status(), e.what(), e.location());
  } catch (const InputError& e) {
    // Errors first, as the CLI prints them, each in the reader's language.
    std::vector<std::string> lines;
    const Diagnostic* first = nullptr;
    for (const Diagnostic& d : e.diagnostics()) {
      lines.push_back(without_paths(&c, report::localise_diagnostic(d, c.lang)));
      if (!first && d.severity == Severity::error) first = &d;
    }
    if (!first && !e.diagnostics().empty()) first = &e.diagnostics().front();
    const std::string message = first ? without_paths(&c, report::localise_diagnostic(*first, c.lang)) : report::localise_message(e.what(), c.lang);
    return json_response(error_body(message, first ? without_paths(&c, place(*first)) : "", &lines), 400);
  } catch (const UsageError& e) {
    return error_response(&c, 400, e.what(), "");
  } catch (const visualization::RenderError& e) {
    return error_response(&c, 500, e.what(), "");
  } catch (const IoError& e) {
    const std::string what = e.what();
    return error_response(&c, what.find("workspace busy") != std::string::npos ? 503 : 500, what, "");
  } catch (const std::bad_alloc&) {
    return error_response(&c, 503, "out of memory", "");
  } catch (...) {
    // Never the exception's text: it may name internal paths or state.
    return error_response(&c, 500, "internal error", "");
  }
}

}  // namespace qchain::service
