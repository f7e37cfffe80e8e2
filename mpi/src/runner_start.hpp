#pragma once
// Every runner's first step: a checkpoint that a rank which failed before reaching the runner (a
// file it could not read) also comes to, from the end of its run; then no rank waits for it.
#include "qchain/mpi/distributed.hpp"

namespace qchain::mpi {

inline void start_runner() {
  if (checkpoint(0).code != 0) throw OtherRankFailed{};
}

}  // namespace qchain::mpi
