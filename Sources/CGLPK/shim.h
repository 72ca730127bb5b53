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
static inline int ccsim_glp_dualp(void) { return GLP_DUALP; }

// A branch-and-cut callback that offers one known roster as an incumbent the first time
// GLPK asks for a heuristic solution: info points to doubles, [0] a flag (0: not offered
// yet), [1…n] the columns' values (GLPK's 1-based layout).
static inline void ccsim_glp_offer_incumbent(glp_tree *tree, void *info) {
    double *x = (double *)info;
    if (glp_ios_reason(tree) == GLP_IHEUR && x[0] == 0.0) {
        x[0] = 1.0;
        glp_ios_heur_sol(tree, x);
    }
}
static inline void ccsim_glp_set_incumbent(glp_iocp *parm, double *x) {
    parm->cb_func = ccsim_glp_offer_incumbent;
    parm->cb_info = x;
}
#endif
