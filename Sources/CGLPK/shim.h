// GLPK (GNU Linear Programming Kit, GPL-3.0), for the shift-scheduling integer program.
// Debian's libglpk-dev ships no pkg-config file: the header is found in the standard
// include path and the library linked by name (module.modulemap).
#ifndef CCSIM_CGLPK_SHIM_H
#define CCSIM_CGLPK_SHIM_H
#include <glpk.h>

// The constants Swift reads as plain integers.
static inline int ccsim_glp_min(void) { return GLP_MIN; }
static inline int ccsim_glp_lo(void) { return GLP_LO; }
static inline int ccsim_glp_db(void) { return GLP_DB; }
static inline int ccsim_glp_iv(void) { return GLP_IV; }
static inline int ccsim_glp_on(void) { return GLP_ON; }
static inline int ccsim_glp_msg_off(void) { return GLP_MSG_OFF; }
static inline int ccsim_glp_opt(void) { return GLP_OPT; }
static inline int ccsim_glp_feas(void) { return GLP_FEAS; }
static inline int ccsim_glp_nofeas(void) { return GLP_NOFEAS; }
static inline int ccsim_glp_etmlim(void) { return GLP_ETMLIM; }
static inline int ccsim_glp_emipgap(void) { return GLP_EMIPGAP; }
static inline int ccsim_glp_enopfs(void) { return GLP_ENOPFS; }
#endif
