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
#endif
