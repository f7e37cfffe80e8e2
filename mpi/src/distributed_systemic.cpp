#include <mpi.h>

#include <algorithm>
#include <chrono>
#include <exception>

#include "qchain/mpi/distributed.hpp"
#include "runner_start.hpp"
#include "work_counter.hpp"

namespace qchain::mpi {

using graphs::FirmId;

namespace {

// Chunks per rank: firms' cascades range from one firm to most of the network.
constexpr std::uint64_t kChunksPerRank = 256;

// One firm's record: index, down, up, then its level at each leader.
std::size_t record_size(std::size_t leaders) { return 3 + leaders; }

}  // namespace

engine::SystemicResult distributed_systemic(const engine::ProductionModel& m, const engine::SystemicOptions& options) {
  // The exact top K stops after a few batches chosen by bounds: each rank computes it alone (the same
  // answer everywhere), since it is already a small share of the full index's work.
  if (options.top > 0) {
    engine::SystemicOptions one = options;
    one.threads = 1;
    return engine::systemic_index(m, one);
  }
  start_runner();
  const auto t0 = std::chrono::steady_clock::now();
  int rank = 0, size = 1;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  const graphs::ChainGraph& g = m.chain();
  const std::uint32_t n = g.firm_count();
  const std::vector<FirmId> leaders = g.leaders();
  const std::size_t nl = leaders.size(), rs = record_size(nl);

  // This rank's chunks as [first, last) pairs, and their firms' records in the same order.
  std::vector<std::uint64_t> chunks;
  std::vector<double> records;
  try {
    engine::ProductionModel::Cascade c(m);
    engine::ProductionShock shock;
    shock.psi.resize(1);
    WorkCounter counter(n, chunk_for(n, size, kChunksPerRank));
    for (std::uint64_t first = 0, last = 0; counter.next(first, last);) {
      chunks.push_back(first);
      chunks.push_back(last);
      for (std::uint64_t i = first; i < last; ++i) {
        const auto v = static_cast<FirmId>(i);
        shock.psi[0] = {v, 1.0};
        c.run(shock);
        records.push_back(c.loss());
        records.push_back(c.down_loss());
        records.push_back(c.up_loss());
        for (FirmId l : leaders) records.push_back(c.level(l, true));
      }
    }
  } catch (const std::exception& e) {
    abort_run(e.what());
  }

  record_share(records.size() / rs);
  // Rank 0 learns how much each rank sends, then takes it all in rank order.
  const int sizes[2] = {static_cast<int>(chunks.size()), static_cast<int>(records.size())};
  std::vector<int> all_sizes(rank == 0 ? 2 * size : 0);
  MPI_Gather(sizes, 2, MPI_INT, all_sizes.data(), 2, MPI_INT, 0, MPI_COMM_WORLD);
  std::vector<int> chunk_counts(size), chunk_offsets(size), record_counts(size), record_offsets(size);
  std::size_t all_chunks = 0, all_records = 0;
  if (rank == 0)
    for (int r = 0; r < size; ++r) {
      chunk_counts[r] = all_sizes[2 * r];
      record_counts[r] = all_sizes[2 * r + 1];
      chunk_offsets[r] = static_cast<int>(all_chunks);
      record_offsets[r] = static_cast<int>(all_records);
      all_chunks += chunk_counts[r];
      all_records += record_counts[r];
    }
  std::vector<std::uint64_t> every_chunk(all_chunks);
  std::vector<double> every_record(all_records);
  MPI_Gatherv(chunks.data(), sizes[0], MPI_UINT64_T, every_chunk.data(), chunk_counts.data(), chunk_offsets.data(),
              MPI_UINT64_T, 0, MPI_COMM_WORLD);
  MPI_Gatherv(records.data(), sizes[1], MPI_DOUBLE, every_record.data(), record_counts.data(), record_offsets.data(),
              MPI_DOUBLE, 0, MPI_COMM_WORLD);
  engine::SystemicResult r;
  record_time("systemic", std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
  if (rank != 0) return r;

  r.leaders = leaders;
  r.index.assign(n, 0.0);
  r.down.assign(n, 0.0);
  r.up.assign(n, 0.0);
  r.leader_level.assign(static_cast<std::size_t>(n) * nl, 1.0);
  std::size_t at = 0;
  for (std::size_t k = 0; k + 1 < every_chunk.size(); k += 2)
    for (std::uint64_t i = every_chunk[k]; i < every_chunk[k + 1]; ++i, at += rs) {
      r.index[i] = every_record[at];
      r.down[i] = every_record[at + 1];
      r.up[i] = every_record[at + 2];
      std::copy_n(every_record.begin() + static_cast<std::ptrdiff_t>(at + 3), nl, r.leader_level.begin() + static_cast<std::ptrdiff_t>(i * nl));
    }
  // Ranked as systemic_index() ranks: by index, highest first, ties by id.
  r.ranking.resize(n);
  for (FirmId v = 0; v < n; ++v) r.ranking[v] = v;
  std::stable_sort(r.ranking.begin(), r.ranking.end(), [&](FirmId a, FirmId b) { return r.index[a] > r.index[b]; });
  return r;
}

}  // namespace qchain::mpi
