#include <mpi.h>

#include <chrono>
#include <thread>

#include "qchain/mpi/distributed.hpp"

namespace qchain::mpi {

namespace {
Agreement failure;
}  // namespace

Session::Session(int& argc, char**& argv) {
  MPI_Init(&argc, &argv);
  MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
  MPI_Comm_size(MPI_COMM_WORLD, &size_);
}

Session::~Session() { MPI_Finalize(); }

Agreement checkpoint(int code) {
  int rank = 0, size = 1;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  // Both by MAX: the highest code, and size − rank for the lowest failed rank.
  int mine[2] = {code, code != 0 ? size - rank : 0}, all[2] = {0, 0};
  MPI_Request request{};
  MPI_Iallreduce(mine, all, 2, MPI_INT, MPI_MAX, MPI_COMM_WORLD, &request);
  // Open MPI's blocking collectives poll a core at full speed; a rank waiting here for rank 0 to
  // write the outputs would take that core from it.
  for (int done = 0;;) {
    MPI_Test(&request, &done, MPI_STATUS_IGNORE);
    if (done) break;
    std::this_thread::sleep_for(std::chrono::microseconds(200));
  }
  Agreement a;
  a.code = all[0];
  a.first_failed = all[1] > 0 ? size - all[1] : -1;
  if (a.code != 0) failure = a;
  return a;
}

const Agreement& agreed_failure() { return failure; }

}  // namespace qchain::mpi
