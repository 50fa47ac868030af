#ifndef KUBESIM_CGSL_SHIM_H
#define KUBESIM_CGSL_SHIM_H
#include <gsl/gsl_rng.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>

/// Accessors for GSL's generator-type globals: Swift 6 rejects reading C globals directly
/// ("not concurrency-safe"), so each type is handed out through a function.
static inline const gsl_rng_type *cgsl_rng_type_mt19937(void) { return gsl_rng_mt19937; }
static inline const gsl_rng_type *cgsl_rng_type_taus2(void) { return gsl_rng_taus2; }

/// Starts loading what the next draw of an mt19937 generator reads: its position `mti` and the
/// word there. The state's layout is GSL's `mt_state_t` (rng/mt.c: `unsigned long mt[624]; int
/// mti;`), 5 KiB per generator; a kubelet's stream is drawn from every few seconds at most, so
/// each draw found the generator, the position and the word out of the cache, one after the
/// other. `r` must be an mt19937 generator.
static inline void cgsl_mt19937_prefetch_next(const gsl_rng *r) {
    const unsigned long *mt = (const unsigned long *)r->state;
    const int mti = *(const int *)(mt + 624);
    if (mti >= 0 && mti < 624) __builtin_prefetch(mt + mti, 0, 3);
}
#endif
