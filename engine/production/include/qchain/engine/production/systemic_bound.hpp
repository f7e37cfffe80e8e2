#pragma once
// An upper bound on every firm's systemic index, in O(firms + links), for the exact top-K
// (systemic_index with SystemicOptions::top): cascades are run in decreasing bound order (the bound
// tightened by the runs so far) and stop once the K-th best index exceeds every bound left.
//
// Why it bounds (docs/production-model.md, "Exact top-K"): with v alone stopped, the index is
// Σ_u ω_u max(dd_u, du_u) (dd = 1 − hd, du = 1 − hu), where dd_u > 0 only downstream of v and
// du_u > 0 only upstream of it, so index(v) ≤ D(v) + U(v) − ω_v with D(v) ≥ Σ_u ω_u dd_u and
// U(v) ≥ Σ_u ω_u du_u (v is counted in both). Each of D and U is the smaller of two bounds:
//   - reach: Σ ω over the strong components reachable from v's, summed over the condensation
//     (R(c) = ω(c) + Σ over distinct successor components c' of min(1, R(c'))): paths that meet again
//     are counted twice, so R ≥ the ω of what v reaches, which is ≥ the loss (every drop is ≤ 1);
//   - linear: a customer's drop is the larger of its essential inputs' lost shares and its
//     non-essential loss, each ≤ Σ over its links of the link's coefficient times its supplier's
//     drop, so the cascade's drops stay below the series x = Σ_k (Aᵀ)^k e_v without the clamps,
//     whose ω-weighted sum is y(v) for the least solution of y = ω + A y (y(v) = ω_v + Σ_c a_vc y(c)).
//     Solved strong component by strong component (customers' components first), by Gauss–Seidel
//     sweeps inside one, and kept only where the result, widened, is checked to be a super-solution
//     (any finite super-solution lies above the least solution); a component whose cycle
//     coefficients do not contract (the series diverges) stays unbounded, and so does everything
//     upstream of it. Upstream the same with σ: z(v) = ω_v + Σ_s σ_sv z(s).
// The cascade approaches its fixed point from above (levels only fall), so a computed index is at
// most the exact one; the bound is widened by 1e-9 relative and 1e-12 absolute for rounding.
#include <algorithm>
#include <vector>

#include "qchain/engine/production/production_cascade.hpp"

namespace qchain::engine {

// Per firm, D(v) and U(v): bounds on its downstream-only and upstream-only losses (each counts v).
struct SystemicBoundParts {
  std::vector<double> down, up;
};
SystemicBoundParts systemic_bound_parts(const ProductionModel& m);

// The index bound from the two parts: min(1, D + U − ω_v), widened for rounding.
inline double combine_systemic_bound(double down, double up, double omega) {
  return std::min(1.0, down + up - omega) * (1 + 1e-9) + 1e-12;
}

// Per firm, ≥ its systemic index (as systemic_index computes it), at most 1 plus the widening.
std::vector<double> systemic_bound(const ProductionModel& m);

}  // namespace qchain::engine
