#pragma once
// A what-if result as bytes and back, to send it from the rank that ran the scenario to rank 0.
// Both ends are the same program on the same kind of machine: values are copied as they are.
#include <string>

#include "qchain/engine/scenario/whatif.hpp"

namespace qchain::mpi {

std::string encode_whatif(const engine::WhatIfResult& r);
// Throws std::runtime_error on bytes that do not hold one whole result.
engine::WhatIfResult decode_whatif(const std::string& bytes);

}  // namespace qchain::mpi
