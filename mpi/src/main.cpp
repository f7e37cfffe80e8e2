// qchain-mpi: `mpirun -n R qchain-mpi analyze|risk|whatif ARGS...`, the same command line and the
// same outputs as qchain, the batch of independent cascades spread over R ranks. Every rank parses
// the arguments and loads the chain; rank 0 alone writes and prints.
#include <cstdio>
#include <iostream>
#include <sstream>
#include <string>
#include <string_view>

#include "commands.hpp"
#include "qchain/mpi/distributed.hpp"
#include "qchain/report/messages.hpp"
#include "work_counter.hpp"

namespace {

using qchain::report::Lang;

// The command word: the first argument that is neither a global option nor its value.
std::string command_word(int argc, char** argv, Lang& lang) {
  std::string command;
  for (int i = 1; i < argc; ++i) {
    const std::string_view a = argv[i];
    if ((a == "--lang" || a == "--encoding") && i + 1 < argc) {
      if (a == "--lang" && std::string_view(argv[i + 1]) == "en") lang = Lang::en;
      ++i;
      continue;
    }
    if (a == "--lang=en") lang = Lang::en;
    if (command.empty() && !a.empty() && a[0] != '-') command = std::string(a);
  }
  return command;
}

// Leaves only the command's own errors: the ranks' sequences of checkpoints then stay matched.
int run(const qchain::cli::Common& preset, int argc, char** argv) {
  try {
    return qchain::cli::run_command_line(argc, argv, preset);
  } catch (const qchain::mpi::OtherRankFailed&) {
    return qchain::mpi::agreed_failure().code;
  }
}

}  // namespace

int main(int argc, char** argv) {
  qchain::mpi::Session session(argc, argv);
  Lang lang = Lang::zh;
  const std::string command = command_word(argc, argv, lang);
  qchain::mpi::message_lang = lang;
  if (!command.empty() && command != "analyze" && command != "risk" && command != "whatif" && command != "help") {
    if (session.rank() == 0)
      std::cerr << "qchain-mpi: "
                << qchain::report::localise_message("qchain-mpi runs analyze, risk and whatif; run " + command + " with qchain", lang)
                << '\n';
    return qchain::cli::kInvalidInput;
  }
  // Every other rank works silently: what it would print is kept, and shown only if its failure is
  // the one to report.
  std::ostringstream kept_out, kept_err;
  std::streambuf* const out = std::cout.rdbuf();
  std::streambuf* const err = std::cerr.rdbuf();
  if (session.rank() != 0) {
    std::cout.rdbuf(kept_out.rdbuf());
    std::cerr.rdbuf(kept_err.rdbuf());
  }
  qchain::cli::Common preset;
  preset.systemic_runner = qchain::mpi::distributed_systemic;
  preset.risk_runner = qchain::mpi::distributed_risk;
  preset.whatif_runner = qchain::mpi::distributed_whatifs;
  preset.writes_outputs = session.rank() == 0;
  preset.exits_after = true;
  const int code = run(preset, argc, argv);
  if (qchain::mpi::agreed_failure().code == 0) qchain::mpi::checkpoint(code);
  const qchain::mpi::Agreement& failure = qchain::mpi::agreed_failure();
  std::cout.rdbuf(out);  // before the buffers go: the streams are flushed at exit
  std::cerr.rdbuf(err);
  if (failure.code != 0 && failure.first_failed == session.rank() && session.rank() != 0) {
    std::cerr << kept_err.str();
    std::cerr.flush();
  }
  return failure.code != 0 ? failure.code : code;
}
