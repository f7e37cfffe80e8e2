#include "work_counter.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "qchain/report/messages.hpp"

namespace qchain::mpi {

report::Lang message_lang = report::Lang::zh;

WorkCounter::WorkCounter(std::uint64_t total, std::uint64_t chunk) : total_(total), chunk_(std::max<std::uint64_t>(1, chunk)) {
  int rank = 0;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  const MPI_Aint bytes = rank == 0 ? static_cast<MPI_Aint>(sizeof(std::int64_t)) : 0;
  MPI_Win_allocate(bytes, sizeof(std::int64_t), MPI_INFO_NULL, MPI_COMM_WORLD, &base_, &win_);
  if (rank == 0) *base_ = 0;
  MPI_Barrier(MPI_COMM_WORLD);  // the counter is 0 before anyone draws
  MPI_Win_lock_all(0, win_);
}

WorkCounter::~WorkCounter() {
  MPI_Win_unlock_all(win_);
  MPI_Win_free(&win_);
}

bool WorkCounter::next(std::uint64_t& first, std::uint64_t& last) {
  const auto step = static_cast<std::int64_t>(chunk_);
  std::int64_t before = 0;
  MPI_Fetch_and_op(&step, &before, MPI_INT64_T, 0, 0, MPI_SUM, win_);
  MPI_Win_flush(0, win_);
  first = static_cast<std::uint64_t>(before);
  if (first >= total_) return false;
  last = std::min(total_, first + chunk_);
  return true;
}

std::uint64_t chunk_for(std::uint64_t total, int ranks, std::uint64_t per_rank) {
  return std::max<std::uint64_t>(1, total / (static_cast<std::uint64_t>(std::max(1, ranks)) * per_rank));
}

void abort_run(const char* what) {
  int rank = 0;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  const std::string m = report::localise_message(std::string("internal error: ") + what, message_lang);
  std::fprintf(stderr, "qchain-mpi (rank %d): %s\n", rank, m.c_str());
  std::fflush(stderr);
  MPI_Abort(MPI_COMM_WORLD, 4);
  std::abort();
}

void record_time(const char* phase, double seconds) {
  int rank = 0;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  const char* file = std::getenv("QCHAIN_MPI_TIMES");
  if (rank != 0 || !file || !*file) return;
  if (std::FILE* f = std::fopen(file, "a")) {
    std::fprintf(f, "%s %.6f\n", phase, seconds);
    std::fclose(f);
  }
}

void record_share(std::uint64_t pieces) {
  int rank = 0;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  const char* file = std::getenv("QCHAIN_MPI_TIMES");
  if (!file || !*file) return;
  if (std::FILE* f = std::fopen(file, "a")) {
    std::fprintf(f, "share %d %llu\n", rank, static_cast<unsigned long long>(pieces));
    std::fclose(f);
  }
}

}  // namespace qchain::mpi
