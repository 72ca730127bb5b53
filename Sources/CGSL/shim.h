#ifndef CCSIM_CGSL_SHIM_H
#define CCSIM_CGSL_SHIM_H

#include <stdint.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_version.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_sf_gamma.h>

/* Swift 6 rejects direct use of mutable C globals (shared mutable state); these
   accessors return them by value. */
static inline const char *ccsim_gsl_version(void) { return gsl_version; }

/* ------------------------------------------------------------------------------
   MRG32k3a (L'Ecuyer 1999, "Good parameters and implementations for combined
   multiple recursive random number generators", Oper. Res. 47(1):159-164),
   registered as a gsl_rng_type so that every gsl_ran_* sampler draws from it.

   State: x1 = (s[0], s[1], s[2]) mod m1 and x2 = (s[3], s[4], s[5]) mod m2,
   oldest first, exactly the layout of L'Ecuyer's RngStreams "Cg" vector.
   Recurrences:
     x1_n = (1403580 x1_{n-2} - 810728 x1_{n-3}) mod m1
     x2_n = (527612 x2_{n-1} - 1370589 x2_{n-3}) mod m2
     z_n  = (x1_n - x2_n) mod m1, mapped to 1..m1;  u_n = z_n / (m1 + 1) in (0, 1).
   All products are below 2^53, so 64-bit integer arithmetic is exact.
   Stream and substream positioning (jump-ahead) is done in Swift (Stochastic);
   `set` is only used by gsl_rng_alloc and puts the generator at L'Ecuyer's
   reference seed (12345 x 6) when seed is 0.
   ------------------------------------------------------------------------------ */
#define CCSIM_MRG_M1 4294967087LL
#define CCSIM_MRG_M2 4294944443LL

typedef struct { int64_t s[6]; } ccsim_mrg32k3a_state;

static inline int64_t ccsim_mrg32k3a_next_z(void *vstate) {
    ccsim_mrg32k3a_state *st = (ccsim_mrg32k3a_state *)vstate;
    int64_t *s = st->s;
    int64_t p1 = (1403580LL * s[1] - 810728LL * s[0]) % CCSIM_MRG_M1;
    if (p1 < 0) p1 += CCSIM_MRG_M1;
    s[0] = s[1]; s[1] = s[2]; s[2] = p1;
    int64_t p2 = (527612LL * s[5] - 1370589LL * s[3]) % CCSIM_MRG_M2;
    if (p2 < 0) p2 += CCSIM_MRG_M2;
    s[3] = s[4]; s[4] = s[5]; s[5] = p2;
    return p1 > p2 ? p1 - p2 : p1 - p2 + CCSIM_MRG_M1;
}

static inline unsigned long int ccsim_mrg32k3a_get(void *vstate) {
    return (unsigned long int)ccsim_mrg32k3a_next_z(vstate);
}

static inline double ccsim_mrg32k3a_get_double(void *vstate) {
    return (double)ccsim_mrg32k3a_next_z(vstate) * 2.328306549295727688e-10; /* 1/(m1+1) */
}

static inline void ccsim_mrg32k3a_set(void *vstate, unsigned long int seed) {
    ccsim_mrg32k3a_state *st = (ccsim_mrg32k3a_state *)vstate;
    int64_t v = seed == 0 ? 12345 : (int64_t)(seed % (unsigned long)(CCSIM_MRG_M2 - 1)) + 1;
    for (int i = 0; i < 6; i++) st->s[i] = v;
}

static inline const gsl_rng_type *ccsim_gsl_rng_mrg32k3a(void) {
    static const gsl_rng_type type = {
        "ccsim-mrg32k3a",
        (unsigned long int)CCSIM_MRG_M1,  /* max */
        1UL,                              /* min */
        sizeof(ccsim_mrg32k3a_state),
        &ccsim_mrg32k3a_set,
        &ccsim_mrg32k3a_get,
        &ccsim_mrg32k3a_get_double
    };
    return &type;
}

/* Direct access to a stream's six state words (for jump-ahead). */
static inline int64_t *ccsim_mrg32k3a_words(gsl_rng *r) {
    return ((ccsim_mrg32k3a_state *)r->state)->s;
}

#endif
