#include <mpi.h>

#include <exception>

#include "qchain/mpi/distributed.hpp"
#include "runner_start.hpp"
#include "work_counter.hpp"

namespace qchain::mpi {

namespace {

// Chunks per rank: runs are alike in size (each stops a few per cent of the firms), and a chunk sets
// up a cascade of its own.
constexpr std::uint64_t kChunksPerRank = 16;

// Sums a tally's array into rank 0's, in place there. Each per-run entry is non-zero on the one
// rank that ran it, and the per-firm counts are integers: the sum is exact in any order.
template <class T>
void sum_to_root(std::vector<T>& v, MPI_Datatype type, int rank) {
  if (v.empty()) return;
  const int count = static_cast<int>(v.size());
  if (rank == 0) MPI_Reduce(MPI_IN_PLACE, v.data(), count, type, MPI_SUM, 0, MPI_COMM_WORLD);
  else MPI_Reduce(v.data(), nullptr, count, type, MPI_SUM, 0, MPI_COMM_WORLD);
}

}  // namespace

void distributed_risk(std::uint32_t runs, const engine::RiskRunRange& run_range, engine::RiskTally& tally) {
  start_runner();
  int rank = 0, size = 1;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  try {
    WorkCounter counter(runs, chunk_for(runs, size, kChunksPerRank));
    for (std::uint64_t first = 0, last = 0; counter.next(first, last);)
      run_range(static_cast<std::uint32_t>(first), static_cast<std::uint32_t>(last), tally);
  } catch (const std::exception& e) {
    abort_run(e.what());
  }
  sum_to_root(tally.loss, MPI_DOUBLE, rank);
  sum_to_root(tally.total, MPI_DOUBLE, rank);
  sum_to_root(tally.run_loss, MPI_UINT64_T, rank);
  sum_to_root(tally.run_loss_sq, MPI_UINT64_T, rank);
  sum_to_root(tally.causes, MPI_UINT32_T, rank);
  sum_to_root(tally.stops, MPI_UINT32_T, rank);
  sum_to_root(tally.stop_loss, MPI_UINT64_T, rank);
  sum_to_root(tally.stop_loss_sq, MPI_UINT64_T, rank);
}

}  // namespace qchain::mpi
