#include "qchain/engine/context/analysis_context.hpp"

#include <future>

#include "qchain/core/error.hpp"

namespace qchain::engine {

AnalysisContext::AnalysisContext(const graphs::ChainGraph& chain, ContextOptions options)
    : g_(chain), options_(std::move(options)), default_rubric_(default_rubric()) {
  options_.quality.threads = options_.threads;
  options_.structure.brokers.threads = options_.threads;
}

AnalysisContext::~AnalysisContext() = default;

template <class T, class Make>
const T& AnalysisContext::once(std::optional<T>& slot, std::once_flag& flag, ContextProduct p, Make make) const {
  std::call_once(flag, [&] {
    slot.emplace(make());
    ++counts_[static_cast<std::size_t>(p)];
  });
  return *slot;
}

const ChainSummary& AnalysisContext::summary() const {
  return once(summary_, summary_flag_, ContextProduct::summary, [&] { return summarize_chain(g_); });
}

const graphs::StrongComponentsResult& AnalysisContext::components() const {
  return once(components_, components_flag_, ContextProduct::components, [&] { return graphs::strong_components(g_); });
}

const StructureAnalysis& AnalysisContext::structure() const {
  return once(structure_, structure_flag_, ContextProduct::structure,
              [&] { return analyze_structure(g_, components(), options_.structure); });
}

const DefectPropagator& AnalysisContext::propagator() const {
  std::call_once(propagator_flag_, [&] {
    propagator_ = std::make_unique<DefectPropagator>(g_, components());
    ++counts_[static_cast<std::size_t>(ContextProduct::propagator)];
  });
  return *propagator_;
}

const QualityBaseline& AnalysisContext::baseline() const {
  return once(baseline_, baseline_flag_, ContextProduct::baseline, [&] { return quality_baseline(propagator()); });
}

const QualityAnalysis& AnalysisContext::quality() const {
  return once(quality_, quality_flag_, ContextProduct::quality,
              [&] { return analyze_quality(propagator(), baseline(), options_.quality); });
}

const std::vector<Bottleneck>& AnalysisContext::bottlenecks() const {
  return once(bottlenecks_, bottlenecks_flag_, ContextProduct::bottlenecks, [&] {
    return find_bottlenecks(g_, quality(), &structure().critical, {options_.bottlenecks_per_kind});
  });
}

const std::vector<Bottleneck>& AnalysisContext::quality_bottlenecks() const {
  return once(quality_bottlenecks_, quality_bottlenecks_flag_, ContextProduct::quality_bottlenecks,
              [&] { return find_bottlenecks(g_, quality(), nullptr, {options_.bottlenecks_per_kind}); });
}

const ProductionModel& AnalysisContext::production() const {
  std::call_once(production_flag_, [&] {
    production_ = std::make_unique<ProductionModel>(g_, options_.weights);
    ++counts_[static_cast<std::size_t>(ContextProduct::production)];
  });
  return *production_;
}

const SystemicResult& AnalysisContext::systemic() const {
  return once(systemic_, systemic_flag_, ContextProduct::systemic, [&] {
    SystemicOptions o;
    o.threads = options_.threads;
    o.top = options_.systemic_top;
    return options_.systemic_runner ? options_.systemic_runner(production(), o) : systemic_index(production(), o);
  });
}

const CertificationGapsResult& AnalysisContext::gaps() const {
  return once(gaps_, gaps_flag_, ContextProduct::gaps, [&] {
    CertificationGapOptions o;
    o.leaders = options_.quality.leaders;
    o.production = &production();
    o.protect_top = options_.gaps_protect_top;
    return certification_gaps(g_, o);
  });
}

const Rubric& AnalysisContext::rubric() const { return options_.rubric ? *options_.rubric : default_rubric_; }

const GradingResult& AnalysisContext::grades() const {
  return once(grades_, grades_flag_, ContextProduct::grades, [&] { return grade_firms(g_, rubric()); });
}

std::size_t AnalysisContext::largest_leader() const {
  const QualityAnalysis& q = quality();
  if (q.leaders.empty()) throw UsageError("the chain has no chain_leader");
  std::size_t li = 0;
  for (std::size_t i = 1; i < q.leaders.size(); ++i)
    if (q.leader_weight[i] > q.leader_weight[li]) li = i;
  return li;
}

WhatIfResult run_whatif(const AnalysisContext& ctx, const Scenario& s) {
  return run_whatif(ctx.propagator(), ctx.baseline(), ctx.production(), s);
}

std::vector<WhatIfResult> run_whatifs(const AnalysisContext& ctx, const std::vector<Scenario>& scenarios) {
  if (ctx.options().whatif_runner) return ctx.options().whatif_runner(ctx, scenarios);
  std::vector<WhatIfResult> results;
  for (const Scenario& s : scenarios) results.push_back(run_whatif(ctx, s));
  return results;
}

PlanResult plan_assistance(const AnalysisContext& ctx, const PlanOptions& o) {
  return plan_assistance(ctx.propagator(), ctx.baseline(), o);
}

ScreeningResult screen_candidates(const AnalysisContext& ctx, const PlanOptions& plan, const ScreeningOptions& o) {
  return screen_candidates(ctx.propagator(), ctx.baseline(), plan, o);
}

ChainComparison compare_snapshots(const AnalysisContext& before, const AnalysisContext& after) {
  check_comparable(before.chain(), after.chain());
  return compare_chains(before.chain(), after.chain(), before.baseline().state.delivered, after.baseline().state.delivered);
}

TrendResult snapshot_trend(const std::vector<const AnalysisContext*>& snapshots) {
  for (std::size_t k = 1; k < snapshots.size(); ++k) check_comparable(snapshots[k - 1]->chain(), snapshots[k]->chain());
  std::vector<TrendInput> in;
  for (const AnalysisContext* s : snapshots) in.push_back({&s->chain(), &s->baseline().state.delivered});
  return chain_trend(in);
}

AnalysisSelection select_analysis(const AnalysisContext& ctx, const AnalysisRequest& r) {
  const auto wanted = [&](AnalysisPart p) { return !r.only || *r.only == p; };
  AnalysisSelection s;
  s.structure = wanted(AnalysisPart::structure);
  s.gaps = wanted(AnalysisPart::gaps);
  s.quality = wanted(AnalysisPart::quality);
  const bool systemic_wanted = wanted(AnalysisPart::systemic);
  const bool automatic = r.systemic == SystemicMode::automatic;
  s.systemic = systemic_wanted && (r.systemic == SystemicMode::on || (automatic && (ctx.systemic_by_default() || r.only)));
  s.systemic_skipped = systemic_wanted && automatic && !s.systemic;
  return s;
}

std::future<void> compute_aside(const AnalysisContext& ctx, const AnalysisSelection& s) {
  // In the order a report writes them, so that the writer rarely waits for what it reaches.
  const auto aside = [&ctx, s] {
    if (s.gaps) ctx.gaps();
    if (s.quality) ctx.quality();
    if (s.systemic) ctx.systemic();
  };
  const bool worth_a_thread = s.structure && (s.gaps || s.quality || s.systemic);
  return std::async(worth_a_thread && ctx.options().threads != 1 ? std::launch::async : std::launch::deferred, aside);
}

void compute_selection(const AnalysisContext& ctx, const AnalysisSelection& s) {
  std::future<void> aside = compute_aside(ctx, s);
  if (s.structure) ctx.structure();
  aside.get();
  if (s.quality && s.structure) ctx.bottlenecks();
  else if (s.quality) ctx.quality_bottlenecks();
}

}  // namespace qchain::engine
