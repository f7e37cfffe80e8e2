#pragma once
// A counter every rank draws chunks of work from (an MPI window on rank 0, fetch-and-add): the
// dynamic hand-out, with no rank set aside as a dispatcher. Construction and destruction are
// collective. On one node Open MPI keeps the window in shared memory (osc/sm), so a draw never waits
// for rank 0 to be between cascades.
#include <mpi.h>

#include <cstdint>

#include "qchain/report/lang.hpp"

namespace qchain::mpi {

// The language of the messages qchain-mpi itself writes (set from --lang by main).
extern report::Lang message_lang;

class WorkCounter {
 public:
  WorkCounter(std::uint64_t total, std::uint64_t chunk);
  WorkCounter(const WorkCounter&) = delete;
  WorkCounter& operator=(const WorkCounter&) = delete;
  ~WorkCounter();
  // The next chunk [first, last); false when the work is all handed out.
  bool next(std::uint64_t& first, std::uint64_t& last);

 private:
  std::uint64_t total_, chunk_;
  std::int64_t* base_ = nullptr;
  MPI_Win win_{};
};

// A chunk size giving each rank about `per_rank` chunks: small enough to even out cascades of very
// different sizes, large enough that a draw costs nothing beside the work.
std::uint64_t chunk_for(std::uint64_t total, int ranks, std::uint64_t per_rank);

// The calling rank's exception inside a runner's share of the work cannot be coordinated (the
// others are drawing work): it is shown and the whole run ends (MPI_Abort).
[[noreturn]] void abort_run(const char* what);

// For bench/mpi_systemic.py: rank 0 appends "PHASE SECONDS" to the file QCHAIN_MPI_TIMES names,
// when set (the work of a runner alone, without loading the chain or writing the outputs), and
// every rank "share RANK PIECES" (how many pieces it took: how evenly the counter spread them).
void record_time(const char* phase, double seconds);
void record_share(std::uint64_t pieces);

}  // namespace qchain::mpi
