// The setjmp guard around GLPK. See include/glpk_guard.h for the contract.
#define _GNU_SOURCE
#include "glpk_guard.h"
#include <glpk.h>
#include <locale.h>
#include <setjmp.h>
#include <stdlib.h>
#include <math.h>
#include <string.h>
#include <sys/time.h>

// ---------------------------------------------------------------- thread state

static _Thread_local jmp_buf *cur_jb;          // innermost active guard
static _Thread_local unsigned long generation; // bumped on each recovery
static _Thread_local int mem_limit;            // re-applied after recovery
static _Thread_local char errbuf[2048];         // text of the last caught error
static _Thread_local char *logbuf;              // captured terminal output
static _Thread_local size_t loglen, logcap;
static _Thread_local locale_t writer_locale, caller_locale; // set while a writer runs

static void log_append(const char *s) {
    size_t n = strlen(s);
    if (loglen + n + 1 > logcap) {
        size_t cap = logcap ? logcap : 4096;
        while (loglen + n + 1 > cap) cap *= 2;
        char *grown = realloc(logbuf, cap);
        if (!grown) return; // out of memory: drop the line, never abort
        logbuf = grown;
        logcap = cap;
    }
    memcpy(logbuf + loglen, s, n + 1);
    loglen += n;
}

// Every line GLPK prints comes here; nothing reaches the process's stdout.
static int term_tap(void *info, const char *s) {
    (void)info;
    if (glp_at_error()) {
        size_t used = strlen(errbuf);
        strncat(errbuf, s, sizeof errbuf - used - 1);
    }
    log_append(s);
    return 1; // handled: GLPK prints nothing itself
}

static void err_hook(void *info) {
    (void)info;
    if (cur_jb) longjmp(*cur_jb, 1);
    // Not inside a guard: GLPK will abort(). Unreachable by construction,
    // because every GLPK call from Swift goes through a gw_ function.
}

static void install_hooks(void) {
    glp_term_hook(term_tap, NULL);
    glp_error_hook(err_hook, NULL);
    if (mem_limit > 0) glp_mem_limit(mem_limit);
}

static void restore_locale(void) {
    if (writer_locale) {
        uselocale(caller_locale);
        freelocale(writer_locale);
        writer_locale = (locale_t)0;
    }
}

static void recover(void) {
    restore_locale(); // a writer may have been interrupted
    glp_free_env();   // frees every GLPK object of this thread
    generation++;
    install_hooks();
}

// Runs `call` under a fresh jmp_buf. The macro keeps the setjmp in the same C
// frame as the GLPK call, with no Swift frame between them (docs/solver-notes.md §1.2).
#define GUARD(call)                                                            \
    do {                                                                       \
        jmp_buf jb;                                                            \
        jmp_buf *volatile prev = cur_jb;                                       \
        errbuf[0] = 0;                                                         \
        if (setjmp(jb)) {                                                      \
            cur_jb = prev;                                                     \
            recover();                                                         \
            return -1;                                                         \
        }                                                                      \
        cur_jb = &jb;                                                          \
        call;                                                                  \
        cur_jb = prev;                                                         \
        return 0;                                                              \
    } while (0)

int gw_thread_begin(int mem_limit_mb) {
    mem_limit = mem_limit_mb;
    errbuf[0] = 0;
    GUARD(install_hooks());
}

void gw_thread_end(void) {
    glp_free_env();
    free(logbuf);
    logbuf = NULL;
    loglen = logcap = 0;
}

unsigned long gw_generation(void) { return generation; }
const char *gw_last_error(void) { return errbuf; }
const char *gw_log_text(void) { return logbuf ? logbuf : ""; }
size_t gw_log_length(void) { return loglen; }
void gw_log_clear(void) {
    loglen = 0;
    if (logbuf) logbuf[0] = 0;
}

int gw_create_prob(gw_prob **out) { GUARD(*out = glp_create_prob()); }
int gw_delete_prob(gw_prob *P) { GUARD(glp_delete_prob(P)); }

static void load(gw_prob *P, const char *prob_name, int dir, double obj_const,
                 int m, const int *row_type, const double *row_lb, const double *row_ub,
                 int n, const int *col_type, const double *col_lb, const double *col_ub,
                 const double *col_cost, const int *col_kind,
                 const char *names, const int *row_name_off, const int *col_name_off,
                 int nnz, const int *ia, const int *ja, const double *ar) {
    if (prob_name) glp_set_prob_name(P, prob_name);
    glp_set_obj_dir(P, dir);
    glp_set_obj_coef(P, 0, obj_const);
    if (m > 0) glp_add_rows(P, m);
    if (n > 0) glp_add_cols(P, n);
    for (int i = 0; i < m; i++) {
        glp_set_row_bnds(P, i + 1, row_type[i], row_lb[i], row_ub[i]);
        if (names && row_name_off[i] >= 0) glp_set_row_name(P, i + 1, names + row_name_off[i]);
    }
    for (int j = 0; j < n; j++) {
        // Kind first: GLP_BV resets bounds to [0,1] (docs/solver-notes.md §1.8). A binary
        // with other bounds (fixed at 0 or 1) keeps them; GLPK then treats it
        // as an integer column in [lb, ub], which is the same thing.
        if (col_kind[j] != GLP_CV) glp_set_col_kind(P, j + 1, col_kind[j]);
        if (col_kind[j] != GLP_BV || col_type[j] != GLP_DB || col_lb[j] != 0.0 || col_ub[j] != 1.0)
            glp_set_col_bnds(P, j + 1, col_type[j], col_lb[j], col_ub[j]);
        glp_set_obj_coef(P, j + 1, col_cost[j]);
        if (names && col_name_off[j] >= 0) glp_set_col_name(P, j + 1, names + col_name_off[j]);
    }
    if (nnz > 0) glp_load_matrix(P, nnz, ia, ja, ar);
}

int gw_load(gw_prob *P, const char *prob_name, int dir, double obj_const,
            int m, const int *row_type, const double *row_lb, const double *row_ub,
            int n, const int *col_type, const double *col_lb, const double *col_ub,
            const double *col_cost, const int *col_kind,
            const char *names, const int *row_name_off, const int *col_name_off,
            int nnz, const int *ia, const int *ja, const double *ar) {
    GUARD(load(P, prob_name, dir, obj_const, m, row_type, row_lb, row_ub, n, col_type,
               col_lb, col_ub, col_cost, col_kind, names, row_name_off, col_name_off,
               nnz, ia, ja, ar));
}

static int add_rows(gw_prob *P, int count, const int *type, const double *lb,
                    const double *ub, const char *names, const int *name_off,
                    const int *start, const int *ind, const double *val) {
    int first = glp_add_rows(P, count);
    for (int k = 0; k < count; k++) {
        int i = first + k;
        glp_set_row_bnds(P, i, type[k], lb[k], ub[k]);
        if (names && name_off[k] >= 0) glp_set_row_name(P, i, names + name_off[k]);
        int len = start[k + 1] - start[k];
        // glp_set_mat_row reads ind[1..len], val[1..len]
        if (len > 0) glp_set_mat_row(P, i, len, ind + start[k] - 1, val + start[k] - 1);
    }
    return first;
}

int gw_add_rows(gw_prob *P, int count, const int *type, const double *lb,
                const double *ub, const char *names, const int *name_off,
                const int *start, const int *ind, const double *val, int *first) {
    GUARD(*first = add_rows(P, count, type, lb, ub, names, name_off, start, ind, val));
}

static int add_cols(gw_prob *P, int count, const int *type, const double *lb,
                    const double *ub, const double *cost, const char *names, const int *name_off,
                    const int *start, const int *ind, const double *val) {
    int first = glp_add_cols(P, count);
    for (int k = 0; k < count; k++) {
        int j = first + k;
        glp_set_col_bnds(P, j, type[k], lb[k], ub[k]);
        glp_set_obj_coef(P, j, cost[k]);
        if (names && name_off[k] >= 0) glp_set_col_name(P, j, names + name_off[k]);
        int len = start[k + 1] - start[k];
        if (len > 0) glp_set_mat_col(P, j, len, ind + start[k] - 1, val + start[k] - 1);
    }
    return first;
}

int gw_add_cols(gw_prob *P, int count, const int *type, const double *lb,
                const double *ub, const double *cost, const char *names, const int *name_off,
                const int *start, const int *ind, const double *val, int *first) {
    GUARD(*first = add_cols(P, count, type, lb, ub, cost, names, name_off, start, ind, val));
}

int gw_set_col_bnds(gw_prob *P, int count, const int *index, const int *type,
                    const double *lb, const double *ub) {
    GUARD(for (int k = 0; k < count; k++) glp_set_col_bnds(P, index[k], type[k], lb[k], ub[k]));
}

int gw_set_row_bnds(gw_prob *P, int count, const int *index, const int *type,
                    const double *lb, const double *ub) {
    GUARD(for (int k = 0; k < count; k++) glp_set_row_bnds(P, index[k], type[k], lb[k], ub[k]));
}

int gw_set_obj(gw_prob *P, int count, const int *index, const double *coef) {
    GUARD(for (int k = 0; k < count; k++) glp_set_obj_coef(P, index[k], coef[k]));
}

int gw_set_obj_dir(gw_prob *P, int dir) { GUARD(glp_set_obj_dir(P, dir)); }

int gw_set_col_kind(gw_prob *P, int count, const int *index, const int *kind) {
    GUARD(for (int k = 0; k < count; k++) glp_set_col_kind(P, index[k], kind[k]));
}

int gw_scale(gw_prob *P, int flags) { GUARD(glp_scale_prob(P, flags)); }
int gw_unscale(gw_prob *P) { GUARD(glp_unscale_prob(P)); }
int gw_get_scale(gw_prob *P, double *rii, double *sjj) {
    GUARD(
        for (int i = 1; i <= glp_get_num_rows(P); i++) rii[i - 1] = glp_get_rii(P, i);
        for (int j = 1; j <= glp_get_num_cols(P); j++) sjj[j - 1] = glp_get_sjj(P, j));
}
int gw_set_row_scale(gw_prob *P, int count, const int *index, const double *rii) {
    GUARD(for (int k = 0; k < count; k++) glp_set_rii(P, index[k], rii[k]));
}
int gw_set_col_scale(gw_prob *P, int count, const int *index, const double *sjj) {
    GUARD(for (int k = 0; k < count; k++) glp_set_sjj(P, index[k], sjj[k]));
}
int gw_del_cols(gw_prob *P, int count, const int *num) { GUARD(glp_del_cols(P, count, num)); }
int gw_std_basis(gw_prob *P) { GUARD(glp_std_basis(P)); }
int gw_adv_basis(gw_prob *P) { GUARD(glp_adv_basis(P, 0)); }

static int simplex(gw_prob *P, int meth, int pricing, int r_test, int presolve,
                   int tm_lim_ms, int it_lim, int msg_lev, int *iterations) {
    glp_smcp parm;
    glp_init_smcp(&parm);
    parm.meth = meth;
    parm.pricing = pricing;
    parm.r_test = r_test;
    parm.presolve = presolve;
    parm.tm_lim = tm_lim_ms;
    parm.it_lim = it_lim;
    parm.msg_lev = msg_lev;
    int before = glp_get_it_cnt(P);
    int rc = glp_simplex(P, &parm);
    *iterations = glp_get_it_cnt(P) - before;
    return rc;
}

int gw_simplex(gw_prob *P, int meth, int pricing, int r_test, int presolve,
               int tm_lim_ms, int it_lim, int msg_lev, int *rc, int *iterations) {
    GUARD(*rc = simplex(P, meth, pricing, r_test, presolve, tm_lim_ms, it_lim, msg_lev, iterations));
}

static int interior(gw_prob *P, int msg_lev) {
    glp_iptcp parm;
    glp_init_iptcp(&parm);
    parm.msg_lev = msg_lev;
    return glp_interior(P, &parm);
}

int gw_interior(gw_prob *P, int msg_lev, int *rc) { GUARD(*rc = interior(P, msg_lev)); }

// ------------------------------------------------------------------ MIP search

typedef struct mip_watch {
    const gw_mip_params *parm;
    struct timeval started;
    double last_report;
    gw_mip_progress last;
} mip_watch;

static double seconds_since(const struct timeval *t0) {
    struct timeval now;
    gettimeofday(&now, NULL);
    return (double)(now.tv_sec - t0->tv_sec) + (double)(now.tv_usec - t0->tv_usec) / 1e6;
}

// Reads incumbent, bound and gap in any callback reason (GLP_IBINGO alone
// misses heuristic incumbents, docs/solver-notes.md §3.2). Only reads and copies values.
static void mip_callback(glp_tree *T, void *info) {
    mip_watch *w = info;
    glp_prob *mip = glp_ios_get_prob(T);
    gw_mip_progress *p = &w->last;
    p->elapsed_s = seconds_since(&w->started);
    // The caller's start, offered once, at the first chance a heuristic has
    // (before the feasibility pump at the root). glp_ios_heur_sol rejects
    // it when it is no better than the incumbent.
    const gw_mip_params *mp = w->parm;
    if (mp->start && !p->start_offered && glp_ios_reason(T) == GLP_IHEUR
        && mp->start_len == glp_get_num_cols(glp_ios_get_prob(T)) + 1) {
        p->start_offered = 1;
        p->start_accepted = glp_ios_heur_sol(T, mp->start) == 0;
    }
    int st = glp_mip_status(mip);
    p->has_incumbent = (st == GLP_FEAS || st == GLP_OPT);
    if (p->has_incumbent) p->incumbent = glp_mip_obj_val(mip);
    int best = glp_ios_best_node(T);
    if (best != 0) {
        p->has_bound = 1;
        p->bound = glp_ios_node_bound(T, best);
    }
    glp_ios_tree_size(T, &p->active_nodes, NULL, &p->total_nodes);
    // The gap as the caller reports it (relativeGap in SolveResult.swift):
    // relative to the objective with its offset, 0 when both are 0, none
    // when only the objective is.
    // A gap of 0 is left to GLPK, which proves the optimum by emptying the tree.
    if (mp->mip_gap > 0 && p->has_incumbent && p->has_bound && fabs(p->bound) < 1e300 && !p->gap_reached) {
        double z = p->incumbent + mp->gap_offset, b = p->bound + mp->gap_offset;
        double tiny = 1e-9 * (fabs(b) > 1 ? fabs(b) : 1);
        int known = fabs(z) > tiny || fabs(b) <= tiny;
        double gap = fabs(z) <= tiny ? 0 : fabs(z - b) / fabs(z);
        if (known && gap <= mp->mip_gap) {
            p->gap_reached = 1;
            glp_ios_terminate(T);
            return;
        }
    }
    const gw_mip_params *parm = w->parm;
    if (parm->progress && p->elapsed_s - w->last_report >= parm->progress_interval_s) {
        w->last_report = p->elapsed_s;
        if (parm->progress(parm->progress_info, p)) glp_ios_terminate(T);
    }
}

static int intopt(gw_prob *P, const gw_mip_params *mp, gw_mip_progress *last) {
    glp_iocp parm;
    glp_init_iocp(&parm);
    parm.tm_lim = mp->tm_lim_ms;
    // The callback tests the gap with the caller's offset (gw_mip_params).
    parm.mip_gap = 0;
    parm.presolve = mp->presolve;
    parm.gmi_cuts = mp->gmi_cuts;
    parm.mir_cuts = mp->mir_cuts;
    parm.cov_cuts = mp->cov_cuts;
    parm.clq_cuts = mp->clq_cuts;
    parm.fp_heur = mp->fp_heur;
    parm.msg_lev = mp->msg_lev;
    parm.out_frq = mp->out_frq_ms;
    mip_watch w;
    memset(&w, 0, sizeof w);
    w.parm = mp;
    w.last_report = -1e300;
    gettimeofday(&w.started, NULL);
    parm.cb_func = mip_callback;
    parm.cb_info = &w;
    int rc = glp_intopt(P, &parm);
    w.last.elapsed_s = seconds_since(&w.started);
    *last = w.last;
    return rc;
}

int gw_intopt(gw_prob *P, const gw_mip_params *parm, int *rc, gw_mip_progress *last) {
    GUARD(*rc = intopt(P, parm, last));
}

// Worst violation of a point x[1..n] (x[0] unused): of a row or column
// bound, relative to 1 + |bound|; an integer column off an integer value
// counts as 1e300. 0 when x satisfies every row, bound and kind.
static double point_violation(glp_prob *P, const double *x) {
    int m = glp_get_num_rows(P), n = glp_get_num_cols(P);
    double *act = calloc((size_t)m + 1, sizeof(double));
    int *ind = malloc(((size_t)m + 1) * sizeof(int));
    double *val = malloc(((size_t)m + 1) * sizeof(double));
    double worst = 0;
    if (!act || !ind || !val) worst = 1e300;
    for (int j = 1; j <= n && worst < 1e300; j++) {
        double v = x[j], lb = glp_get_col_lb(P, j), ub = glp_get_col_ub(P, j);
        int type = glp_get_col_type(P, j);
        if (!isfinite(v) || (glp_get_col_kind(P, j) != GLP_CV && v != floor(v))) { worst = 1e300; break; }
        if ((type == GLP_LO || type == GLP_DB || type == GLP_FX) && lb - v > worst * (1 + fabs(lb)))
            worst = (lb - v) / (1 + fabs(lb));
        if ((type == GLP_UP || type == GLP_DB || type == GLP_FX) && v - ub > worst * (1 + fabs(ub)))
            worst = (v - ub) / (1 + fabs(ub));
        int len = glp_get_mat_col(P, j, ind, val);
        for (int k = 1; k <= len; k++) act[ind[k]] += val[k] * v;
    }
    for (int i = 1; i <= m && worst < 1e300; i++) {
        double a = act[i], lb = glp_get_row_lb(P, i), ub = glp_get_row_ub(P, i);
        int type = glp_get_row_type(P, i);
        if ((type == GLP_LO || type == GLP_DB || type == GLP_FX) && lb - a > worst * (1 + fabs(lb)))
            worst = (lb - a) / (1 + fabs(lb));
        if ((type == GLP_UP || type == GLP_DB || type == GLP_FX) && a - ub > worst * (1 + fabs(ub)))
            worst = (a - ub) / (1 + fabs(ub));
    }
    free(act);
    free(ind);
    free(val);
    return worst;
}

int gw_point_violation(gw_prob *P, const double *x, double *worst) { GUARD(*worst = point_violation(P, x)); }

// ------------------------------------------------------------------- reading

static void status(gw_prob *P, int which, int *st, int *dst, double *obj) {
    switch (which) {
    case GLP_IPT:
        *st = glp_ipt_status(P);
        *dst = *st;
        *obj = glp_ipt_obj_val(P);
        break;
    case GLP_MIP:
        *st = glp_mip_status(P);
        *dst = *st;
        *obj = glp_mip_obj_val(P);
        break;
    default:
        *st = glp_get_status(P);
        *dst = glp_get_dual_stat(P);
        *obj = glp_get_obj_val(P);
    }
}

int gw_status(gw_prob *P, int which, int *st, int *dst, double *obj) {
    GUARD(status(P, which, st, dst, obj));
}

static void col_values(gw_prob *P, int which, double *x, double *dj) {
    int n = glp_get_num_cols(P);
    for (int j = 1; j <= n; j++) {
        if (which == GLP_MIP) x[j - 1] = glp_mip_col_val(P, j);
        else if (which == GLP_IPT) x[j - 1] = glp_ipt_col_prim(P, j);
        else x[j - 1] = glp_get_col_prim(P, j);
        if (dj) dj[j - 1] = which == GLP_IPT ? glp_ipt_col_dual(P, j)
                          : which == GLP_MIP ? 0.0 : glp_get_col_dual(P, j);
    }
}

int gw_col_values(gw_prob *P, int which, double *x, double *dj) {
    GUARD(col_values(P, which, x, dj));
}

static void row_values(gw_prob *P, int which, double *act, double *pi) {
    int m = glp_get_num_rows(P);
    for (int i = 1; i <= m; i++) {
        if (which == GLP_MIP) act[i - 1] = glp_mip_row_val(P, i);
        else if (which == GLP_IPT) act[i - 1] = glp_ipt_row_prim(P, i);
        else act[i - 1] = glp_get_row_prim(P, i);
        if (pi) pi[i - 1] = which == GLP_IPT ? glp_ipt_row_dual(P, i)
                          : which == GLP_MIP ? 0.0 : glp_get_row_dual(P, i);
    }
}

int gw_row_values(gw_prob *P, int which, double *act, double *pi) {
    GUARD(row_values(P, which, act, pi));
}

static void get_basis(gw_prob *P, int *row_stat, int *col_stat) {
    int m = glp_get_num_rows(P), n = glp_get_num_cols(P);
    for (int i = 1; i <= m; i++) row_stat[i - 1] = glp_get_row_stat(P, i);
    for (int j = 1; j <= n; j++) col_stat[j - 1] = glp_get_col_stat(P, j);
}

int gw_get_basis(gw_prob *P, int *row_stat, int *col_stat) { GUARD(get_basis(P, row_stat, col_stat)); }

static void set_basis(gw_prob *P, const int *row_stat, const int *col_stat) {
    int m = glp_get_num_rows(P), n = glp_get_num_cols(P);
    for (int i = 1; i <= m; i++) glp_set_row_stat(P, i, row_stat[i - 1]);
    for (int j = 1; j <= n; j++) glp_set_col_stat(P, j, col_stat[j - 1]);
}

int gw_set_basis(gw_prob *P, const int *row_stat, const int *col_stat) { GUARD(set_basis(P, row_stat, col_stat)); }

int gw_warm_up(gw_prob *P, int *rc) { GUARD(*rc = glp_warm_up(P)); }

static gw_prob *copy_prob(gw_prob *src) {
    glp_prob *dst = glp_create_prob();
    glp_copy_prob(dst, src, GLP_ON);
    return dst;
}

int gw_copy_prob(gw_prob *src, gw_prob **out) { GUARD(*out = copy_prob(src)); }

// GLPK formats numbers with the C library, so write under the "C" locale
// whatever the process locale is (docs/solver-notes.md §8.2).
static int with_c_locale(gw_prob *P, const char *fname, int mps) {
    writer_locale = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
    if (writer_locale) caller_locale = uselocale(writer_locale);
    int rc = mps ? glp_write_mps(P, GLP_MPS_FILE, NULL, fname) : glp_write_lp(P, NULL, fname);
    restore_locale();
    return rc;
}

int gw_write_lp(gw_prob *P, const char *fname, int *rc) { GUARD(*rc = with_c_locale(P, fname, 0)); }
int gw_write_mps(gw_prob *P, const char *fname, int *rc) { GUARD(*rc = with_c_locale(P, fname, 1)); }

int gw_debug_misuse(gw_prob *P) {
    GUARD(glp_set_col_bnds(P, glp_get_num_cols(P) + 1, GLP_FX, 0.0, 0.0));
}
