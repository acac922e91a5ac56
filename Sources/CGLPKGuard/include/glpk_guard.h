// glpk_guard.h: the only C between Swift and GLPK.
//
// GLPK calls abort() when an API routine is misused and on some internal
// assertions (docs/solver-notes.md §1). Swift cannot setjmp, so every fallible GLPK call
// is made here, inside a C frame that did setjmp. GLPK's error hook longjmps
// back to that frame; the guard then frees the thread's GLPK environment
// (glp_free_env, which invalidates every problem of this thread), re-installs
// the hooks, bumps the thread's generation counter and returns -1. The error
// text is captured through the terminal hook and read with gw_last_error().
//
// All state is thread-local: GLPK objects never cross threads (docs/solver-notes.md §2).
// Every function returns 0 on success and -1 when GLPK raised an error.
#ifndef ALLOT_GLPK_GUARD_H
#define ALLOT_GLPK_GUARD_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Opaque GLPK problem (glp_prob). Swift never looks inside.
typedef struct glp_prob gw_prob;

/// Progress of a running branch-and-bound, read in GLPK's callback.
typedef struct gw_mip_progress {
    double elapsed_s;      ///< seconds since glp_intopt started
    int has_incumbent;     ///< 1 when an integer feasible solution is known
    double incumbent;      ///< objective of the incumbent (when has_incumbent)
    int has_bound;         ///< 1 when a best bound is known
    double bound;          ///< best bound over the active nodes
    int active_nodes;      ///< active subproblems
    int total_nodes;       ///< subproblems created so far
    int start_offered;     ///< 1 once the start was offered to the search
    int start_accepted;    ///< 1 when the search took the start as its incumbent
    int gap_reached;       ///< 1 when the search stopped at gap_target (rc GLP_ESTOP)
} gw_mip_progress;

/// Called (throttled) from GLPK's MIP callback. Must only copy values and
/// return quickly: never call into GLPK. Return non-zero to stop the search.
typedef int (*gw_progress_fn)(void *info, const gw_mip_progress *progress);

typedef struct gw_mip_params {
    int tm_lim_ms;         ///< wall-clock limit, > 0
    /// Relative gap, >= 0, at which the search stops, measured on the
    /// objective plus gap_offset: |z - bound| / |z + gap_offset| with the
    /// bound offset the same way. GLPK's own test (mip_gap) divides by the
    /// loaded objective alone; it is off, and the callback tests this one at
    /// every call, then stops the search with gap_reached set.
    double mip_gap;
    double gap_offset;
    int presolve;          ///< GLP_ON / GLP_OFF
    int gmi_cuts, mir_cuts, cov_cuts, clq_cuts, fp_heur;
    int msg_lev;           ///< GLP_MSG_*
    int out_frq_ms;        ///< log frequency
    gw_progress_fn progress; ///< may be NULL
    void *progress_info;
    double progress_interval_s;
    /// A feasible plan to offer as the first incumbent (NULL for none):
    /// start[1..n] in the problem's column space, start[0] unused. GLPK
    /// does not check its feasibility; the caller must (presolve off).
    const double *start;
    int start_len;          ///< n + 1 when start is set
} gw_mip_params;

/// Installs the hooks for the calling thread and sets its memory limit
/// (megabytes, 0 = unlimited). Call first on every solver thread.
int gw_thread_begin(int mem_limit_mb);
/// Frees the calling thread's GLPK environment and capture buffers. Call last.
void gw_thread_end(void);
/// Bumped each time an error freed this thread's environment: every problem
/// created under an older generation is gone.
unsigned long gw_generation(void);
/// The text GLPK printed for the last caught error ("" when none).
const char *gw_last_error(void);

/// Terminal output captured since the last gw_log_clear (never printed).
const char *gw_log_text(void);
size_t gw_log_length(void);
void gw_log_clear(void);

int gw_create_prob(gw_prob **out);
int gw_delete_prob(gw_prob *P);

/// Loads a whole problem into an empty P in one guarded operation.
/// Bound types are GLP_FR/LO/UP/DB/FX; kinds GLP_CV/IV/BV; names are
/// NUL-terminated strings inside `names` at the given offsets (rows then
/// columns); ia/ja/ar are 1-based with an unused element 0.
int gw_load(gw_prob *P, const char *prob_name, int dir, double obj_const,
            int m, const int *row_type, const double *row_lb, const double *row_ub,
            int n, const int *col_type, const double *col_lb, const double *col_ub,
            const double *col_cost, const int *col_kind,
            const char *names, const int *row_name_off, const int *col_name_off,
            int nnz, const int *ia, const int *ja, const double *ar);

/// Appends `count` rows; row k has bounds (type, lb, ub), a name and the
/// coefficients ind[start[k]..start[k+1]-1] / val[...] with 1-based column
/// indices; element 0 of ind and val is unused. Writes the first new row's index.
int gw_add_rows(gw_prob *P, int count, const int *type, const double *lb,
                const double *ub, const char *names, const int *name_off,
                const int *start, const int *ind, const double *val, int *first);

/// Appends `count` columns; column k has bounds, an objective coefficient, a
/// name and the coefficients ind[start[k]..start[k+1]-1] / val[...] with
/// 1-based row indices; element 0 of ind and val is unused. New columns are
/// non-basic, so a valid basis stays valid. Writes the first new column's index.
int gw_add_cols(gw_prob *P, int count, const int *type, const double *lb,
                const double *ub, const double *cost, const char *names, const int *name_off,
                const int *start, const int *ind, const double *val, int *first);

int gw_set_col_bnds(gw_prob *P, int count, const int *index, const int *type,
                    const double *lb, const double *ub);
int gw_set_row_bnds(gw_prob *P, int count, const int *index, const int *type,
                    const double *lb, const double *ub);
int gw_set_obj(gw_prob *P, int count, const int *index, const double *coef);
int gw_set_obj_dir(gw_prob *P, int dir);
int gw_set_col_kind(gw_prob *P, int count, const int *index, const int *kind);

int gw_scale(gw_prob *P, int flags);
int gw_unscale(gw_prob *P);
// Scale factors: rii[0..m-1] and sjj[0..n-1] read; set for the 1-based indices given.
int gw_get_scale(gw_prob *P, double *rii, double *sjj);
int gw_set_row_scale(gw_prob *P, int count, const int *index, const double *rii);
int gw_set_col_scale(gw_prob *P, int count, const int *index, const double *sjj);
// Deletes the columns num[1..count] (1-based, distinct; num[0] unused).
int gw_del_cols(gw_prob *P, int count, const int *num);
int gw_std_basis(gw_prob *P);
int gw_adv_basis(gw_prob *P);

int gw_simplex(gw_prob *P, int meth, int pricing, int r_test, int presolve,
               int tm_lim_ms, int it_lim, int msg_lev, int *rc, int *iterations);
int gw_interior(gw_prob *P, int msg_lev, int *rc);
int gw_intopt(gw_prob *P, const gw_mip_params *parm, int *rc, gw_mip_progress *last);

/// Status and values. `which` is GLP_SOL, GLP_IPT or GLP_MIP.
int gw_status(gw_prob *P, int which, int *status, int *dual_status, double *obj);
/// Fills x[0..n-1] with column values and dj[0..n-1] with reduced costs
/// (dj may be NULL; reduced costs exist for GLP_SOL and GLP_IPT only).
/// The worst violation by x[1..n] (x[0] unused) of a row or column bound,
/// relative to 1 + |bound|, or 1e300 when an integer column is not integral.
int gw_point_violation(gw_prob *P, const double *x, double *worst);
int gw_col_values(gw_prob *P, int which, double *x, double *dj);
/// Fills act[0..m-1] with row activities and pi[0..m-1] with duals (pi may be NULL).
int gw_row_values(gw_prob *P, int which, double *act, double *pi);

int gw_get_basis(gw_prob *P, int *row_stat, int *col_stat);
int gw_set_basis(gw_prob *P, const int *row_stat, const int *col_stat);
int gw_warm_up(gw_prob *P, int *rc);

int gw_copy_prob(gw_prob *src, gw_prob **out);

/// Writers (CPLEX LP, free MPS). Run under the C numeric locale.
int gw_write_lp(gw_prob *P, const char *fname, int *rc);
int gw_write_mps(gw_prob *P, const char *fname, int *rc);

/// Deliberately misuses the API (a column index out of range) inside the
/// guard. For tests of the recovery path only.
int gw_debug_misuse(gw_prob *P);

#ifdef __cplusplus
}
#endif
#endif
