#pragma once
// The analyses whose work is a batch of independent pieces, spread over MPI ranks: the systemic
// index (one cascade per firm), the Monte Carlo runs of `risk` and a batch of what-if scenarios.
// Each function is collective: every rank calls it with the same inputs (the same chain and options).
// Pieces are handed out dynamically from a shared counter, in chunks, to every rank (rank 0
// included), since cascades differ in size by orders of magnitude; every piece's result depends on
// that piece alone, so rank 0 gathers the same result for any number of ranks. Other ranks get an
// empty result.
#include <cstdint>
#include <vector>

#include "qchain/engine/context/analysis_context.hpp"
#include "qchain/engine/production/disruption_risk.hpp"

namespace qchain::mpi {

// One MPI process of the run: MPI_Init on construction, MPI_Finalize on destruction.
class Session {
 public:
  Session(int& argc, char**& argv);
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;
  ~Session();
  int rank() const { return rank_; }
  int size() const { return size_; }

 private:
  int rank_ = 0, size_ = 1;
};

// What the ranks agree on at a checkpoint: the highest exit code any rank brought (0: all well) and
// the lowest rank that brought one (whose message is the one to show).
struct Agreement {
  int code = 0;
  int first_failed = -1;
};
// Collective: each rank brings its exit code so far. Waits without spinning (a rank that finished
// its share must leave the cores to the others). After a failure has been agreed on, no rank enters
// another checkpoint: the ranks' sequences of checkpoints stay matched.
Agreement checkpoint(int code);
// The failure agreed on at a checkpoint, if any (code 0 otherwise).
const Agreement& agreed_failure();

// Thrown (not a std::exception, so that no command's handler takes it for its own) when a runner
// learns at its first checkpoint that another rank has failed: the process exits with the code
// agreed on, and the failed rank shows its message.
struct OtherRankFailed {};

engine::SystemicResult distributed_systemic(const engine::ProductionModel& m, const engine::SystemicOptions& o);
void distributed_risk(std::uint32_t runs, const engine::RiskRunRange& run_range, engine::RiskTally& tally);
std::vector<engine::WhatIfResult> distributed_whatifs(const engine::AnalysisContext& ctx,
                                                     const std::vector<engine::Scenario>& scenarios);

}  // namespace qchain::mpi
