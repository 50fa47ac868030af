#ifndef KUBESIM_CSIMULATIONCORE_H
#define KUBESIM_CSIMULATIONCORE_H

/// Asks the CPU to start loading the cache line at `address` for reading, without waiting for
/// it. Swift has no prefetch intrinsic; a `static inline` function in a C header is inlined into
/// Swift callers (Clang emits it into the Swift module's LLVM IR), so this is one instruction.
static inline void csimulationcore_prefetch(const void *address) { __builtin_prefetch(address, 0, 3); }

#endif
