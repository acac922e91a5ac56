// clp_guard.h: the only code between Swift and COIN-OR CLP.
//
// CLP is C++: misuse and failures (a bad index, no memory) throw C++
// exceptions, which must never reach Swift (they would terminate the
// process). Every call here runs inside try/catch; a caught exception makes
// the call return -1 and its text is read with cg_last_error() (thread-local).
// A model is used on the thread that made it only.
#ifndef ALLOT_CLP_GUARD_H
#define ALLOT_CLP_GUARD_H

#ifdef __cplusplus
extern "C" {
#endif

/// Opaque CLP model (a ClpSimplex with a message handler that keeps its lines).
typedef struct cg_model cg_model;

/// The text of the last error on this thread.
const char *cg_last_error(void);
/// CLP's version, e.g. "1.17.6".
const char *cg_version(void);

/// A new empty model, or NULL (cg_last_error says why). `log` 0: no messages kept.
cg_model *cg_new(int log);
void cg_free(cg_model *m);

/// Loads a problem, column major (start has ncols + 1 entries). Bounds of
/// +-infinity are infinite. Every row starts basic, every column at a bound.
int cg_load(cg_model *m, int ncols, int nrows, const int *start, const int *index, const double *value,
            const double *collb, const double *colub, const double *obj, const double *rowlb,
            const double *rowub);
/// Appends rows (row major, starts has n + 1 entries); they start basic.
int cg_add_rows(cg_model *m, int n, const double *lb, const double *ub, const int *starts, const int *columns,
                const double *elements);
/// Appends columns (column major); they start non-basic at a bound.
int cg_add_columns(cg_model *m, int n, const double *lb, const double *ub, const double *obj, const int *starts,
                   const int *rows, const double *elements);
/// Deletes columns (distinct, in range); the basis statuses of the others are kept.
int cg_delete_columns(cg_model *m, int n, const int *which);
int cg_set_column_bounds(cg_model *m, int n, const int *index, const double *lb, const double *ub);
int cg_set_row_bounds(cg_model *m, int n, const int *index, const double *lb, const double *ub);
int cg_set_objective(cg_model *m, int n, const int *index, const double *cost);
/// 1 minimise, -1 maximise.
int cg_set_sense(cg_model *m, double direction);

int cg_rows(const cg_model *m);
int cg_columns(const cg_model *m);

/// What cg_solve reports.
enum {
    CG_OPTIMAL = 0,          ///< optimal, unscaled too
    CG_INFEASIBLE = 1,       ///< proven primal infeasible
    CG_DUAL_INFEASIBLE = 2,  ///< proven dual infeasible (primal infeasible or unbounded)
    CG_TIME_LIMIT = 3,
    CG_ITERATION_LIMIT = 4,
    CG_FAILED = 5            ///< numerical trouble, or stopped for a reason of CLP's own
};

/// Solves from the current basis. method 0 primal, 1 dual, 2 dual and, should
/// it fail, primal (GLPK's GLP_DUALP). seconds <= 0 and iterations <= 0: no
/// limit; both bound the whole call, clean-ups included. Writes the outcome
/// (CG_*), the iterations of this call, the objective and whether the solution
/// keeps every bound of the model as given (1e-6 relative).
int cg_solve(cg_model *m, int method, double seconds, int iterations, int *outcome, int *iterations_done,
             double *objective, int *primal_feasible);

/// Copies of the last solution: n must be cg_columns (values, reduced costs)
/// or cg_rows (activities, duals), else -1.
int cg_column_values(const cg_model *m, int n, double *out);
int cg_reduced_costs(const cg_model *m, int n, double *out);
int cg_row_activities(const cg_model *m, int n, double *out);
int cg_row_duals(const cg_model *m, int n, double *out);

/// The basis as CLP's statuses: 0 free, 1 basic, 2 at upper, 3 at lower, 5 fixed. A superbasic
/// value (between its bounds) reads as the nearest bound. nrows and ncols must be CLP's counts.
int cg_get_basis(const cg_model *m, int nrows, unsigned char *rows, int ncols, unsigned char *columns);
/// Sets the basis; free on a bounded variable is taken as its nearest finite bound.
int cg_set_basis(cg_model *m, int nrows, const unsigned char *rows, int ncols, const unsigned char *columns);
/// The slack basis: every row basic, every column at a bound.
int cg_reset_basis(cg_model *m);

/// The lines CLP printed since the last call (a copy the caller frees with free()).
char *cg_take_log(cg_model *m);

#ifdef __cplusplus
}
#endif

#endif
