#include <mpi.h>

#include <exception>
#include <string>

#include "qchain/mpi/distributed.hpp"
#include "runner_start.hpp"
#include "whatif_codec.hpp"
#include "work_counter.hpp"

namespace qchain::mpi {

std::vector<engine::WhatIfResult> distributed_whatifs(const engine::AnalysisContext& ctx,
                                                     const std::vector<engine::Scenario>& scenarios) {
  start_runner();
  int rank = 0, size = 1;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  // This rank's scenarios (index, then byte count) and their results, one after another.
  std::vector<std::uint64_t> done;
  std::string bytes;
  try {
    WorkCounter counter(scenarios.size(), 1);  // a scenario is a whole propagation: one at a time
    for (std::uint64_t first = 0, last = 0; counter.next(first, last);) {
      const std::string one = encode_whatif(engine::run_whatif(ctx, scenarios[first]));
      done.push_back(first);
      done.push_back(one.size());
      bytes += one;
    }
  } catch (const std::exception& e) {
    abort_run(e.what());
  }
  const int sizes[2] = {static_cast<int>(done.size()), static_cast<int>(bytes.size())};
  std::vector<int> all_sizes(rank == 0 ? 2 * size : 0);
  MPI_Gather(sizes, 2, MPI_INT, all_sizes.data(), 2, MPI_INT, 0, MPI_COMM_WORLD);
  std::vector<int> done_counts(size), done_offsets(size), byte_counts(size), byte_offsets(size);
  std::size_t all_done = 0, all_bytes = 0;
  if (rank == 0)
    for (int r = 0; r < size; ++r) {
      done_counts[r] = all_sizes[2 * r];
      byte_counts[r] = all_sizes[2 * r + 1];
      done_offsets[r] = static_cast<int>(all_done);
      byte_offsets[r] = static_cast<int>(all_bytes);
      all_done += done_counts[r];
      all_bytes += byte_counts[r];
    }
  std::vector<std::uint64_t> every_done(all_done);
  std::string every_byte(all_bytes, '\0');
  MPI_Gatherv(done.data(), sizes[0], MPI_UINT64_T, every_done.data(), done_counts.data(), done_offsets.data(), MPI_UINT64_T,
              0, MPI_COMM_WORLD);
  MPI_Gatherv(bytes.data(), sizes[1], MPI_CHAR, every_byte.data(), byte_counts.data(), byte_offsets.data(), MPI_CHAR, 0,
              MPI_COMM_WORLD);
  std::vector<engine::WhatIfResult> results;
  if (rank != 0) return results;
  results.resize(scenarios.size());
  try {
    std::size_t at = 0;
    for (std::size_t k = 0; k + 1 < every_done.size(); k += 2) {
      results[every_done[k]] = decode_whatif(every_byte.substr(at, every_done[k + 1]));
      at += every_done[k + 1];
    }
  } catch (const std::exception& e) {
    abort_run(e.what());
  }
  return results;
}

}  // namespace qchain::mpi
