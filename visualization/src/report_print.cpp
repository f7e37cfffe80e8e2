#include "qchain/visualization/report_print.hpp"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "qchain/core/atomic_file.hpp"
#include "qchain/core/error.hpp"

extern char** environ;

namespace qchain::visualization {
namespace {

namespace fs = std::filesystem;

// A fresh folder of its own (the renderer's profile and files), removed when done.
class TempFolder {
 public:
  explicit TempFolder(const std::string& target) {
    std::error_code ec;
    std::string pattern = (fs::temp_directory_path(ec) / "qchain-print-XXXXXX").string();
    if (ec || !mkdtemp(pattern.data())) throw IoError(target + ": cannot make a temporary folder: " + std::strerror(errno));
    path_ = pattern;
  }
  ~TempFolder() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  TempFolder(const TempFolder&) = delete;
  TempFolder& operator=(const TempFolder&) = delete;
  std::string operator/(const std::string& name) const { return path_ + "/" + name; }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

void put(const std::string& path, const std::string& content) {
  std::ofstream out(path, std::ios::binary);
  out << content;
  if (!out.flush()) throw IoError(path + ": cannot write: " + std::strerror(errno));
}

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

bool on_path(const std::string& program) {
  if (program.find('/') != std::string::npos) return access(program.c_str(), X_OK) == 0;
  const char* path = std::getenv("PATH");
  std::stringstream dirs(path ? path : "/usr/bin:/bin");
  for (std::string dir; std::getline(dirs, dir, ':');)
    if (!dir.empty() && access((dir + "/" + program).c_str(), X_OK) == 0) return true;
  return false;
}

// The last non-empty line a program wrote to its log: what it says went wrong.
std::string last_line(const std::string& log) {
  std::string text = slurp(log), last;
  std::stringstream lines(text);
  for (std::string l; std::getline(lines, l);)
    if (l.find_first_not_of(" \t\r") != std::string::npos) last = l;
  return last.size() > 200 ? last.substr(0, 200) : last;
}

// Runs `argv` with its output in `log` and `env` added to the environment; "" when it exits 0,
// else why not. Stopped after `timeout` seconds: a renderer must not hang the command.
std::string run(const std::vector<std::string>& argv, const std::vector<std::string>& env, const std::string& log, int timeout) {
  std::vector<char*> args;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  std::vector<std::string> env_text(env);
  for (char** e = environ; *e; ++e) env_text.emplace_back(*e);  // ours first: the first of a name wins
  std::vector<char*> envp;
  for (std::string& e : env_text) envp.push_back(e.data());
  envp.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  posix_spawn_file_actions_adddup2(&actions, 1, 2);
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP);  // its own group: a timeout stops its children too
  posix_spawnattr_setpgroup(&attr, 0);
  pid_t pid = 0;
  const int rc = posix_spawnp(&pid, args[0], &actions, &attr, args.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attr);
  if (rc != 0) return std::strerror(rc);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(timeout);
  int status = 0;
  for (;;) {
    const pid_t done = waitpid(pid, &status, WNOHANG);
    if (done == pid) break;
    if (done < 0 && errno != EINTR) return std::strerror(errno);
    if (std::chrono::steady_clock::now() > deadline) {
      kill(-pid, SIGKILL);
      waitpid(pid, &status, 0);
      return "still running after " + std::to_string(timeout) + " s: stopped";
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  if (WIFSIGNALED(status)) return "killed by signal " + std::to_string(WTERMSIG(status));
  if (WEXITSTATUS(status) != 0) {
    const std::string why = last_line(log);
    return "exit status " + std::to_string(WEXITSTATUS(status)) + (why.empty() ? "" : ": " + why);
  }
  return "";
}

// Runs a renderer that writes `made` and moves its bytes to `target`; `what` names the product.
void render_with(const std::string& program, const char* what, const char* package, const std::vector<std::string>& argv,
                 const std::vector<std::string>& env, const TempFolder& tmp, const std::string& made, const std::string& target,
                 int timeout) {
  if (!on_path(program))
    throw IoError(target + ": cannot make the " + what + ": " + program + " is not installed (apt-get install " + package + ")");
  std::string why = run(argv, env, tmp / "log.txt", timeout);
  std::string bytes;
  if (why.empty()) {
    bytes = slurp(made);
    if (bytes.empty()) why = "it wrote no file";
  }
  if (!why.empty()) throw IoError(target + ": cannot make the " + what + ": " + program + " failed (" + why + ")");
  write_file_atomically(target, bytes);
}

}  // namespace

void write_report_pdf(const std::string& html, const std::string& pdf_path, const PrintOptions& o) {
  const TempFolder tmp(pdf_path);
  put(tmp / "report.html", html);
  // A profile of its own and nothing fetched: the page is self-contained, and the PDF must not
  // depend on what another Chromium on the machine has cached.
  const std::vector<std::string> argv = {o.chromium, "--headless", "--no-sandbox", "--disable-gpu",
                                         "--disable-background-networking", "--disable-component-update", "--disable-sync",
                                         "--no-first-run", "--user-data-dir=" + (tmp / "profile"), "--no-pdf-header-footer",
                                         "--print-to-pdf=" + (tmp / "report.pdf"), "file://" + (tmp / "report.html")};
  render_with(o.chromium, "PDF", "chromium", argv, {}, tmp, tmp / "report.pdf", pdf_path, o.timeout_seconds);
}

void write_report_docx(const std::vector<ReportFile>& files, const std::string& docx_path, const PrintOptions& o) {
  const TempFolder tmp(docx_path);
  bool page = false;
  for (const ReportFile& f : files) {
    if (!is_word_file(f)) continue;
    const std::string name = f.name.substr(kWordPrefix.size());
    put(tmp / name, f.content);
    page |= name == "report.html";
  }
  if (!page) throw UsageError("write_report_docx: the report was built without its Word page (ReportRequest::word)");
  // pandoc stamps the document with the time it runs unless SOURCE_DATE_EPOCH says otherwise:
  // pinned, the same report gives the same bytes.
  const std::vector<std::string> argv = {o.pandoc, "--from=html", "--to=docx", "--resource-path=" + tmp.path(),
                                         "--output=" + (tmp / "report.docx"), tmp / "report.html"};
  render_with(o.pandoc, "Word document", "pandoc", argv, {"SOURCE_DATE_EPOCH=946684800"}, tmp, tmp / "report.docx", docx_path,
              o.timeout_seconds);
}

}  // namespace qchain::visualization
