#pragma once
// Memory policy of a process that runs one batch job and exits (a CLI command, an MPI rank).
//
// On our virtual machines the first touch of a fresh page costs about 10 µs (the host maps it too),
// and glibc gives every block of more than a few megabytes back to the kernel when it is freed, so
// each analysis that allocates its own working arrays pays for fresh pages again: at 1M firms the
// analyses allocate and free several gigabytes over a run whose peak is under two. Keeping freed
// memory in the heap lets the next array reuse pages already touched. A long-running server must
// not call this: what a request freed would stay with the process for good.
namespace qchain {

// Serves every allocation from the heap (no separate mappings) and never trims the heap's top.
// Call once, first thing, before other threads start. Returns false where the C library has no such
// knobs (the process then runs as before).
bool keep_freed_memory();

}  // namespace qchain
