#pragma once
// The certification-gap list (认证缺口): every link whose customer requires a scheme (`requires`) of a
// supplier that does not hold it in force on chain.as_of (ChainGraph::holds_in_force). Closing such
// gaps is the programme's core, and the survey shows them anyway: the customer buys from the
// supplier despite the requirement.
//
// The baseline does not cut gap links (docs/production-model.md, "Certification gaps"): today's
// deliveries are a fact of the survey. What a gap puts at risk is measured by enforcing every
// requirement at once: one production cascade with every gap link cut (as a `decertify` event cuts a
// link), and each leader's production loss 1 − h_L in it is "the share of its output that flows
// through a gap". The same cascade with the links one certificate would close left uncut gives the
// output that certificate protects.
#include <cstdint>
#include <vector>

#include "qchain/engine/production/production_cascade.hpp"
#include "qchain/graphs/chain.hpp"

namespace qchain::engine {

struct CertificationGapOptions {
  std::vector<graphs::FirmId> leaders;  // empty: every chain_leader
  // With a production model: the leaders' output at risk and, for the first `protect_top` pairs of
  // the ranking, the output each protects (one cascade each). Null: counts only, no cascade (what
  // `qchain check` needs).
  const ProductionModel* production = nullptr;
  std::size_t protect_top = 20;
};

// One required scheme not held: (link, scheme index into ChainGraph::schemes()).
struct CertificationGap {
  graphs::LinkId link = 0;
  std::uint32_t scheme = 0;
};

struct LeaderGaps {
  graphs::FirmId leader = 0;
  // Links within its supply base: the customer is the leader or has a supply path to it.
  std::uint32_t requires_links = 0;  // with a non-empty requirement set
  std::uint32_t gap_links = 0;       // with at least one gap
  double output_at_risk = graphs::kAbsent;  // 1 − h_L with every gap link of the chain cut; NaN without a production model
};

// One certificate obtained by one supplier: (supplier, scheme).
struct GapPair {
  graphs::FirmId supplier = 0;
  std::uint32_t scheme = 0;
  std::uint32_t gaps = 0;          // its links whose customer requires the scheme: gaps it closes
  std::uint32_t links_closed = 0;  // of those, links with no other gap left: they stop being gap links
  // Rise of the leaders' weighted production level when it is held while every other gap stays
  // enforced (so a leader cut off by another gap as well gains nothing from it); NaN when not
  // computed (no production model, or beyond protect_top).
  double protected_output = graphs::kAbsent;
};

struct CertificationGapsResult {
  std::uint32_t requires_links = 0;        // links with a non-empty requirement set
  std::vector<CertificationGap> gaps;      // by link, then scheme index
  std::vector<graphs::LinkId> gap_links;   // links with at least one gap, ascending
  std::vector<std::uint32_t> gap_links_by_supplier;  // per firm: its gap links (what it closes by obtaining every scheme asked of it)
  // Per segment of the supplier; the last slot: suppliers without a segment.
  std::vector<std::uint32_t> requires_by_segment, gap_links_by_segment;
  std::vector<LeaderGaps> leaders;
  std::vector<double> leader_weight;       // revenue shares among the leaders (equal when one is missing)
  double output_at_risk = graphs::kAbsent;  // Σ weight · (1 − h_L) under enforcement; NaN without a production model
  std::vector<GapPair> pairs;              // most links closed first, then most gaps, then supplier id, then scheme name
};

CertificationGapsResult certification_gaps(const graphs::ChainGraph& g, const CertificationGapOptions& options = {});

}  // namespace qchain::engine
