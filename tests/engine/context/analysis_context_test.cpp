// The analysis context: each product computed once, shared by every question and every thread, and
// identical to what the analyses give when run on their own.
#include <gtest/gtest.h>

#include <chrono>
#include <future>
#include <thread>
#include <vector>

#include "../../support/test_support.hpp"
#include "qchain/engine/context/analysis_context.hpp"
#include "qchain/engine/io/scenario_reader.hpp"
#include "qchain/report/analysis_report.hpp"
#include "qchain/visualization/report_files.hpp"

using namespace qchain;
using namespace qchain::graphs;
using namespace qchain::engine;

namespace {

ChainGraph load(const std::string& rel) { return require_chain(load_chain(test::source_path(rel))); }
ChainGraph pilot(const std::string& name) { return load("data/pilots/" + name + ".json"); }

std::uint32_t computed(const AnalysisContext& ctx, ContextProduct p) { return ctx.computed(p); }

TEST(AnalysisContext, ProductsAreComputedOnFirstUseAndOnce) {
  const ChainGraph g = pilot("shaxian-snacks");
  const AnalysisContext ctx(g);
  for (std::size_t p = 0; p < kContextProductCount; ++p) EXPECT_EQ(ctx.computed(static_cast<ContextProduct>(p)), 0u) << p;
  const QualityAnalysis& q1 = ctx.quality();
  const QualityAnalysis& q2 = ctx.quality();
  EXPECT_EQ(&q1, &q2);
  EXPECT_EQ(computed(ctx, ContextProduct::components), 1u);
  EXPECT_EQ(computed(ctx, ContextProduct::propagator), 1u);
  EXPECT_EQ(computed(ctx, ContextProduct::baseline), 1u);
  EXPECT_EQ(computed(ctx, ContextProduct::quality), 1u);
  EXPECT_EQ(computed(ctx, ContextProduct::structure), 0u);  // not asked for
  (void)ctx.bottlenecks();
  (void)ctx.gaps();
  (void)ctx.systemic();
  EXPECT_EQ(computed(ctx, ContextProduct::structure), 1u);
  EXPECT_EQ(computed(ctx, ContextProduct::production), 1u);
  EXPECT_EQ(computed(ctx, ContextProduct::components), 1u);  // the structure reused them
}

TEST(AnalysisContext, SameResultsAsTheAnalysesOnTheirOwn) {
  const ChainGraph g = pilot("huangpu-smart-equipment");
  const AnalysisContext ctx(g);
  const QualityAnalysis alone = analyze_quality(g, strong_components(g));
  const QualityAnalysis& shared = ctx.quality();
  EXPECT_EQ(alone.state.delivered, shared.state.delivered);
  EXPECT_EQ(alone.risk, shared.risk);
  ASSERT_EQ(alone.issues.size(), shared.issues.size());
  for (std::size_t k = 0; k < alone.issues.size(); ++k) EXPECT_EQ(alone.issues[k].total_gain, shared.issues[k].total_gain);
  EXPECT_EQ(ctx.baseline().state.delivered, shared.state.delivered);
}

TEST(AnalysisContext, ConcurrentReadersShareOneComputation) {
  const ChainGraph g = pilot("anping-wire-mesh");
  const AnalysisContext ctx(g);
  std::vector<const QualityAnalysis*> seen(8, nullptr);
  std::vector<const SystemicResult*> systemic(8, nullptr);
  std::vector<std::thread> readers;
  for (std::size_t t = 0; t < seen.size(); ++t)
    readers.emplace_back([&, t] {
      seen[t] = &ctx.quality();
      systemic[t] = &ctx.systemic();
      (void)ctx.bottlenecks();
    });
  for (std::thread& t : readers) t.join();
  for (std::size_t t = 1; t < seen.size(); ++t) {
    EXPECT_EQ(seen[t], seen[0]);
    EXPECT_EQ(systemic[t], systemic[0]);
  }
  for (std::size_t p = 0; p < kContextProductCount; ++p) EXPECT_LE(ctx.computed(static_cast<ContextProduct>(p)), 1u) << p;
  EXPECT_EQ(ctx.computed(ContextProduct::quality), 1u);
}

TEST(AnalysisContext, SelectionFollowsTheSizePolicy) {
  const ChainGraph g = pilot("shaxian-snacks");
  ContextOptions small;
  small.systemic_auto_limit = g.firm_count() - 1;  // as if the chain were over the limit
  const AnalysisContext over(g, small), under(g);
  AnalysisRequest all;
  EXPECT_TRUE(select_analysis(under, all).systemic);
  EXPECT_FALSE(select_analysis(over, all).systemic);
  EXPECT_TRUE(select_analysis(over, all).systemic_skipped);
  AnalysisRequest only;
  only.only = AnalysisPart::systemic;
  EXPECT_TRUE(select_analysis(over, only).systemic);  // asked for alone: always
  AnalysisRequest off;
  off.systemic = SystemicMode::off;
  EXPECT_FALSE(select_analysis(under, off).systemic);
  EXPECT_FALSE(select_analysis(under, off).systemic_skipped);
  AnalysisRequest quality;
  quality.only = AnalysisPart::quality;
  const AnalysisSelection s = select_analysis(under, quality);
  EXPECT_TRUE(s.quality && !s.structure && !s.gaps && !s.systemic);
  const report::AnalysisSections sections = report::analysis_sections(under, s);
  EXPECT_EQ(sections.bottlenecks, &under.quality_bottlenecks());  // no structure: no critical suppliers
  EXPECT_EQ(under.computed(ContextProduct::structure), 0u);
}

// compute_selection computes what the selection reads, each product once, on one thread or two,
// and the document is the same either way.
TEST(AnalysisContext, ComputeSelectionOnTwoThreadsGivesTheSameDocument) {
  const ChainGraph g = pilot("huangpu-smart-equipment");
  std::vector<std::string> docs;
  for (unsigned threads : {1u, 2u}) {
    ContextOptions o;
    o.threads = threads;
    const AnalysisContext ctx(g, o);
    const AnalysisSelection s = select_analysis(ctx, AnalysisRequest{});
    ASSERT_TRUE(s.structure && s.gaps && s.quality && s.systemic);
    compute_selection(ctx, s);
    for (ContextProduct p : {ContextProduct::structure, ContextProduct::gaps, ContextProduct::production,
                             ContextProduct::quality, ContextProduct::bottlenecks, ContextProduct::systemic})
      EXPECT_EQ(ctx.computed(p), 1u) << static_cast<int>(p) << " on " << threads;
    EXPECT_EQ(ctx.computed(ContextProduct::quality_bottlenecks), 0u);
    docs.push_back(report::analysis_json(g, report::analysis_sections(ctx, s), {}));
    for (ContextProduct p : {ContextProduct::structure, ContextProduct::gaps, ContextProduct::systemic})
      EXPECT_EQ(ctx.computed(p), 1u);  // the sections read what was computed
  }
  EXPECT_EQ(docs[0], docs[1]);
}

// compute_aside runs the sections other than the structure on a second thread (deferred on one),
// and the document written from the context while it runs, each section asked for when reached, is
// byte for byte the document of the sections computed first; with --only, only that section.
TEST(AnalysisContext, WritingWhileTheRestIsComputedAsideGivesTheSameDocument) {
  const ChainGraph g = pilot("huangpu-smart-equipment");
  const std::string expected = [&] {
    const AnalysisContext ctx(g);
    const AnalysisSelection s = select_analysis(ctx, AnalysisRequest{});
    compute_selection(ctx, s);
    return report::analysis_json(g, report::analysis_sections(ctx, s), {});
  }();
  for (unsigned threads : {1u, 2u}) {
    ContextOptions o;
    o.threads = threads;
    const AnalysisContext ctx(g, o);
    const AnalysisSelection s = select_analysis(ctx, AnalysisRequest{});
    std::future<void> aside = compute_aside(ctx, s);
    EXPECT_EQ(aside.wait_for(std::chrono::seconds(0)) == std::future_status::deferred, threads == 1);
    std::string doc;
    int waits = 0;
    report::write_analysis_json(ctx, s, {}, [&doc](std::string_view piece) { doc.append(piece); }, [&] {
      EXPECT_EQ(ctx.computed(ContextProduct::structure), 1u) << "the structure is written first";
      aside.wait();
      ++waits;
    });
    aside.get();
    EXPECT_EQ(waits, 1) << "waited once, before the first section computed aside";
    EXPECT_EQ(doc, expected) << threads << " threads";
    for (ContextProduct p : {ContextProduct::structure, ContextProduct::gaps, ContextProduct::quality,
                             ContextProduct::bottlenecks, ContextProduct::systemic})
      EXPECT_EQ(ctx.computed(p), 1u) << static_cast<int>(p) << " on " << threads;
  }
  const AnalysisContext ctx(g);
  AnalysisRequest only_gaps;
  only_gaps.only = AnalysisPart::gaps;
  const AnalysisSelection s = select_analysis(ctx, only_gaps);
  std::future<void> aside = compute_aside(ctx, s);
  EXPECT_EQ(aside.wait_for(std::chrono::seconds(0)), std::future_status::deferred);  // nothing to overlap
  std::string doc;
  report::write_analysis_json(ctx, s, {}, [&doc](std::string_view piece) { doc.append(piece); });
  aside.get();
  EXPECT_EQ(doc, report::analysis_json(g, report::analysis_sections(ctx, s), {}));
  EXPECT_EQ(ctx.computed(ContextProduct::structure), 0u);
  EXPECT_EQ(ctx.computed(ContextProduct::quality), 0u);
}

// `qchain report --before` propagates each snapshot once: the earlier one only for its baseline,
// the later one for its baseline and then only the re-propagations its questions need.
TEST(AnalysisContext, ReportWithBeforePropagatesEachSnapshotOnce) {
  const ChainGraph after = pilot("anping-wire-mesh");
  const ChainGraph before = load("data/pilots/anping-wire-mesh.before.json");
  const AnalysisContext ctx(after), before_ctx(before);
  visualization::ReportRequest r;
  r.before = &before_ctx;
  const auto files = visualization::build_report(ctx, r);
  EXPECT_FALSE(files.empty());
  EXPECT_EQ(before_ctx.computed(ContextProduct::propagator), 1u);
  EXPECT_EQ(before_ctx.computed(ContextProduct::baseline), 1u);
  EXPECT_EQ(before_ctx.propagator().forward_passes(), 1u);
  EXPECT_EQ(ctx.computed(ContextProduct::propagator), 1u);
  EXPECT_EQ(ctx.computed(ContextProduct::baseline), 1u);
  EXPECT_EQ(ctx.computed(ContextProduct::quality), 1u);
  // The later snapshot: one baseline pass, one per shared issue's gain, and the detection range's
  // passes (two baselines and two per ranked issue) — nothing more.
  const QualityAnalysis& q = ctx.quality();
  const std::uint64_t expected = 1 + q.issues.size() + (q.has_range ? 2 + 2 * q.range.issues.size() : 0);
  EXPECT_EQ(ctx.propagator().forward_passes(), expected);
}

}  // namespace
