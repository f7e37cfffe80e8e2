#pragma once
// One loaded chain and everything computed from it. Each product (components, structure,
// propagator, baseline, quality analysis, bottlenecks, production model, systemic index,
// certification gaps, grades, summary) is computed on first use and then kept, so that a report, a
// scenario, a plan and a comparison share one propagation of the chain instead of redoing it.
//
// Thread safety: any number of threads may call the accessors of one context at once. Each product
// is computed exactly once (std::call_once; a product whose computation threw is tried again by the
// next caller) and never changes afterwards, so the references handed out stay valid and read-only
// for the context's lifetime. A web service shares one context per snapshot across requests.
//
// Lifetime: the context keeps a reference to the chain, and to the rubric in its options when one is
// given; both must outlive it. Everything else it owns.
#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

#include "qchain/engine/production/certification_gaps.hpp"
#include "qchain/engine/production/production_cascade.hpp"
#include "qchain/engine/production/systemic_index.hpp"
#include "qchain/engine/programme/assistance_plan.hpp"
#include "qchain/engine/programme/assistance_screening.hpp"
#include "qchain/engine/programme/chain_comparison.hpp"
#include "qchain/engine/programme/chain_trend.hpp"
#include "qchain/engine/programme/firm_grading.hpp"
#include "qchain/engine/scenario/whatif.hpp"
#include "qchain/engine/quality/bottlenecks.hpp"
#include "qchain/engine/quality/defect_propagation.hpp"
#include "qchain/engine/quality/quality_analysis.hpp"
#include "qchain/engine/structure/chain_summary.hpp"
#include "qchain/engine/structure/structure_analysis.hpp"
#include "qchain/graphs/chain.hpp"
#include "qchain/graphs/strong_components.hpp"

namespace qchain::engine {

// The systemic index runs one production cascade per firm (quadratic in the worst case): computed by
// default only up to this many firms; above it only when asked for.
inline constexpr std::uint32_t kSystemicAutoLimit = 200000;

class AnalysisContext;

// Hooks through which a program supplies its own way of computing a product (qchain-mpi spreads
// the work over MPI ranks). Each must return exactly what the local computation returns for the same
// inputs; an empty one means the local computation.
using SystemicRunner = std::function<SystemicResult(const ProductionModel&, const SystemicOptions&)>;
using WhatIfRunner = std::function<std::vector<WhatIfResult>(const AnalysisContext&, const std::vector<Scenario>&)>;

struct ContextOptions {
  unsigned threads = 0;  // for the issue gains, the systemic index and the brokers; 0: all cores
  StructureOptions structure;       // betweenness on or off, its sampling
  QualityOptions quality;           // leaders, detection range (threads taken from `threads`)
  OutputWeights weights = OutputWeights::automatic;  // the production model's output weights ω
  std::size_t gaps_protect_top = 20;       // certification gaps: pairs whose protected output is computed
  std::size_t bottlenecks_per_kind = 5;
  std::uint32_t systemic_auto_limit = kSystemicAutoLimit;
  std::size_t systemic_top = 0;  // SystemicOptions::top: 0 = every firm, K = exactly the top K
  const Rubric* rubric = nullptr;  // grades: null = the built-in rubric
  SystemicRunner systemic_runner;  // systemic(): in place of systemic_index()
  WhatIfRunner whatif_runner;      // run_whatifs(): in place of one run_whatif() after another
};

// How many times each product was computed: each is 0 or 1 in a context (tests hold to it).
enum class ContextProduct : std::uint8_t {
  summary, components, structure, propagator, baseline, quality, bottlenecks, quality_bottlenecks,
  production, systemic, gaps, grades
};
inline constexpr std::size_t kContextProductCount = 12;

class AnalysisContext {
 public:
  explicit AnalysisContext(const graphs::ChainGraph& chain, ContextOptions options = {});
  AnalysisContext(const AnalysisContext&) = delete;
  AnalysisContext& operator=(const AnalysisContext&) = delete;
  ~AnalysisContext();

  const graphs::ChainGraph& chain() const { return g_; }
  const ContextOptions& options() const { return options_; }

  const ChainSummary& summary() const;
  const graphs::StrongComponentsResult& components() const;
  const StructureAnalysis& structure() const;
  const DefectPropagator& propagator() const;
  const QualityBaseline& baseline() const;
  const QualityAnalysis& quality() const;
  // With the critical suppliers of structure(), and without them (the quality section alone).
  const std::vector<Bottleneck>& bottlenecks() const;
  const std::vector<Bottleneck>& quality_bottlenecks() const;
  const ProductionModel& production() const;
  const SystemicResult& systemic() const;
  // Whether the systemic index is part of a full analysis of this chain by default.
  bool systemic_by_default() const { return g_.firm_count() <= options_.systemic_auto_limit; }
  const CertificationGapsResult& gaps() const;
  const Rubric& rubric() const;
  const GradingResult& grades() const;

  // The leader a single-leader view shows by default (the fishbone): the largest by revenue weight,
  // else the first; an index into quality().leaders. Precondition: the chain has a leader.
  std::size_t largest_leader() const;

  std::uint32_t computed(ContextProduct p) const { return counts_[static_cast<std::size_t>(p)].load(); }

 private:
  template <class T, class Make>
  const T& once(std::optional<T>& slot, std::once_flag& flag, ContextProduct p, Make make) const;

  const graphs::ChainGraph& g_;
  ContextOptions options_;
  Rubric default_rubric_;
  mutable std::array<std::atomic<std::uint32_t>, kContextProductCount> counts_{};
  // Products, each behind its own flag so that computing one never waits for an unrelated one.
  mutable std::once_flag summary_flag_, components_flag_, structure_flag_, propagator_flag_, baseline_flag_, quality_flag_,
      bottlenecks_flag_, quality_bottlenecks_flag_, production_flag_, systemic_flag_, gaps_flag_, grades_flag_;
  mutable std::optional<ChainSummary> summary_;
  mutable std::optional<graphs::StrongComponentsResult> components_;
  mutable std::optional<StructureAnalysis> structure_;
  mutable std::unique_ptr<DefectPropagator> propagator_;  // not movable: holds a reference
  mutable std::optional<QualityBaseline> baseline_;
  mutable std::optional<QualityAnalysis> quality_;
  mutable std::optional<std::vector<Bottleneck>> bottlenecks_, quality_bottlenecks_;
  mutable std::unique_ptr<ProductionModel> production_;
  mutable std::optional<SystemicResult> systemic_;
  mutable std::optional<CertificationGapsResult> gaps_;
  mutable std::optional<GradingResult> grades_;
};

// The questions asked of a chain, on the context's one propagator, baseline and production model.
WhatIfResult run_whatif(const AnalysisContext& ctx, const Scenario& s);
// A batch of scenarios, results in the scenarios' order: through options().whatif_runner when set.
std::vector<WhatIfResult> run_whatifs(const AnalysisContext& ctx, const std::vector<Scenario>& scenarios);
PlanResult plan_assistance(const AnalysisContext& ctx, const PlanOptions& o);
ScreeningResult screen_candidates(const AnalysisContext& ctx, const PlanOptions& plan, const ScreeningOptions& o);
// Two snapshots of one chain, each propagated once, in its own context (check_comparable first, so
// that two unrelated chains cost no propagation).
ChainComparison compare_snapshots(const AnalysisContext& before, const AnalysisContext& after);
// Every snapshot of one chain, oldest first, each propagated once (all checked comparable first).
TrendResult snapshot_trend(const std::vector<const AnalysisContext*>& snapshots);

// Which sections `qchain analyze` (and the service's analysis) computes: every section, or one.
enum class AnalysisPart : std::uint8_t { structure, gaps, quality, systemic };
enum class SystemicMode : std::uint8_t { automatic, on, off };
struct AnalysisRequest {
  std::optional<AnalysisPart> only;  // none: every section
  SystemicMode systemic = SystemicMode::automatic;
};
struct AnalysisSelection {
  bool structure = false, gaps = false, quality = false, systemic = false;
  // The systemic index was asked for by default but left out for the chain's size.
  bool systemic_skipped = false;
};
// Automatic: the systemic index with every section up to options().systemic_auto_limit firms, and
// always when it is the only section asked for.
AnalysisSelection select_analysis(const AnalysisContext& ctx, const AnalysisRequest& request);
// Starts computing the selection's products other than the structure — the certification gaps, the
// quality analysis, the systemic index, in the order a report writes them — on a second thread, and
// returns at once: the caller's thread computes the structure (and may write it) meanwhile. When
// there is no structure to overlap, or options().threads is 1, the future is deferred and runs on
// get(). Wait for it before the context goes: get() rethrows what the computation threw.
std::future<void> compute_aside(const AnalysisContext& ctx, const AnalysisSelection& selection);
// Computes every product the selection reads, with compute_aside. Optional: each product is
// computed on first use anyway.
void compute_selection(const AnalysisContext& ctx, const AnalysisSelection& selection);

}  // namespace qchain::engine
