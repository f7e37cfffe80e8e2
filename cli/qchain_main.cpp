// qchain: maps industry supply chains and finds where their quality breaks (the parser and the
// commands are in the qchain_cli library, which qchain-mpi runs too).
#include "commands.hpp"

int main(int argc, char** argv) {
  qchain::cli::Common preset;
  preset.exits_after = true;
  return qchain::cli::run_command_line(argc, argv, preset);
}
