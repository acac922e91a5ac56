// clp_guard.cpp: every call into CLP inside try/catch (see clp_guard.h).
#include "clp_guard.h"

#include <coin/ClpSimplex.hpp>
#include <coin/CoinError.hpp>
#include <coin/CoinMessageHandler.hpp>
#include <coin/ClpConfig.h>

#include <cfloat>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <vector>
#include <exception>
#include <new>
#include <string>

namespace {

thread_local std::string last_error;

/// Keeps CLP's printed lines instead of writing them to stdout (stdout is for results).
class KeepingHandler : public CoinMessageHandler {
public:
    std::string text;
    int print() override {
        text += messageBuffer();
        text += '\n';
        return 0;
    }
    CoinMessageHandler *clone() const override { return new KeepingHandler(*this); }
};

double bound(double v) {
    if (v >= 1e30) return COIN_DBL_MAX;
    if (v <= -1e30) return -COIN_DBL_MAX;
    return v;
}

template <typename F> int guarded(F body) {
    try {
        body();
        return 0;
    } catch (CoinError &e) {
        last_error = "CLP error in " + e.className() + "::" + e.methodName() + ": " + e.message();
    } catch (std::bad_alloc &) {
        last_error = "CLP ran out of memory";
    } catch (std::exception &e) {
        last_error = std::string("CLP error: ") + e.what();
    } catch (...) {
        last_error = "CLP error (an unknown exception)";
    }
    return -1;
}

ClpSimplex::Status nonbasicStatus(double lower, double upper) {
    if (lower > -1e30 && upper < 1e30 && lower == upper) return ClpSimplex::isFixed;
    if (lower > -1e30) return ClpSimplex::atLowerBound;
    if (upper < 1e30) return ClpSimplex::atUpperBound;
    return ClpSimplex::isFree;
}

}  // namespace

struct cg_model {
    ClpSimplex simplex;
    KeepingHandler handler;
    explicit cg_model(int log) {
        simplex.passInMessageHandler(&handler);
        simplex.setLogLevel(log ? 1 : 0);
        handler.setLogLevel(log ? 1 : 0);
    }
};

extern "C" {

const char *cg_last_error(void) { return last_error.c_str(); }

const char *cg_version(void) { return CLP_VERSION; }

cg_model *cg_new(int log) {
    cg_model *m = nullptr;
    if (guarded([&] { m = new cg_model(log); }) != 0) return nullptr;
    return m;
}

void cg_free(cg_model *m) {
    guarded([&] { delete m; });
}

int cg_load(cg_model *m, int ncols, int nrows, const int *start, const int *index, const double *value,
            const double *collb, const double *colub, const double *obj, const double *rowlb,
            const double *rowub) {
    return guarded([&] {
        std::vector<double> cl(collb, collb + ncols), cu(colub, colub + ncols), rl(rowlb, rowlb + nrows),
            ru(rowub, rowub + nrows);
        for (auto &v : cl) v = bound(v);
        for (auto &v : cu) v = bound(v);
        for (auto &v : rl) v = bound(v);
        for (auto &v : ru) v = bound(v);
        m->simplex.loadProblem(ncols, nrows, start, index, value, cl.data(), cu.data(), obj, rl.data(), ru.data());
        m->simplex.createStatus();
        for (int j = 0; j < ncols; j++) m->simplex.setColumnStatus(j, nonbasicStatus(cl[j], cu[j]));
    });
}

int cg_add_rows(cg_model *m, int n, const double *lb, const double *ub, const int *starts, const int *columns,
                const double *elements) {
    return guarded([&] {
        if (!m->simplex.statusExists()) m->simplex.createStatus();
        std::vector<double> l(lb, lb + n), u(ub, ub + n);
        for (auto &v : l) v = bound(v);
        for (auto &v : u) v = bound(v);
        int first = m->simplex.numberRows();
        m->simplex.addRows(n, l.data(), u.data(), starts, columns, elements);
        for (int i = first; i < first + n; i++) m->simplex.setRowStatus(i, ClpSimplex::basic);
    });
}

int cg_add_columns(cg_model *m, int n, const double *lb, const double *ub, const double *obj, const int *starts,
                   const int *rows, const double *elements) {
    return guarded([&] {
        if (!m->simplex.statusExists()) m->simplex.createStatus();
        std::vector<double> l(lb, lb + n), u(ub, ub + n);
        for (auto &v : l) v = bound(v);
        for (auto &v : u) v = bound(v);
        int first = m->simplex.numberColumns();
        m->simplex.addColumns(n, l.data(), u.data(), obj, starts, rows, elements);
        for (int j = 0; j < n; j++) m->simplex.setColumnStatus(first + j, nonbasicStatus(l[j], u[j]));
    });
}

int cg_delete_columns(cg_model *m, int n, const int *which) {
    return guarded([&] { m->simplex.deleteColumns(n, which); });
}

int cg_set_column_bounds(cg_model *m, int n, const int *index, const double *lb, const double *ub) {
    return guarded([&] {
        for (int k = 0; k < n; k++) m->simplex.setColumnBounds(index[k], bound(lb[k]), bound(ub[k]));
    });
}

int cg_set_row_bounds(cg_model *m, int n, const int *index, const double *lb, const double *ub) {
    return guarded([&] {
        for (int k = 0; k < n; k++) m->simplex.setRowBounds(index[k], bound(lb[k]), bound(ub[k]));
    });
}

int cg_set_objective(cg_model *m, int n, const int *index, const double *cost) {
    return guarded([&] {
        for (int k = 0; k < n; k++) m->simplex.setObjectiveCoefficient(index[k], cost[k]);
    });
}

int cg_set_sense(cg_model *m, double direction) {
    return guarded([&] { m->simplex.setOptimizationDirection(direction); });
}

int cg_rows(const cg_model *m) { return m->simplex.numberRows(); }

int cg_columns(const cg_model *m) { return m->simplex.numberColumns(); }

int cg_solve(cg_model *m, int method, double seconds, int iterations, int *status, int *secondary,
             int *iterations_done, double *objective, int *primal_feasible) {
    return guarded([&] {
        ClpSimplex &s = m->simplex;
        if (!s.statusExists()) s.createStatus();
        s.setMaximumIterations(iterations > 0 ? iterations : INT_MAX);
        s.setMaximumWallSeconds(seconds > 0 ? seconds : -1.0);
        s.setMaximumSeconds(-1.0);
        s.setNumberIterations(0);
        if (method == 0)
            s.primal(0);
        else
            s.dual(0);
        int done = s.numberIterations();
        // An optimum of the scaled problem with infeasibilities once unscaled:
        // primal simplex from the basis cleans it up, as CLP's own driver does.
        if (s.status() == 0 && s.secondaryStatus() != 0) {
            int left = iterations > 0 ? iterations - done : 0;
            if (iterations <= 0 || left > 0) {
                s.setMaximumIterations(iterations > 0 ? left : INT_MAX);
                s.setNumberIterations(0);
                s.primal(1);
                done += s.numberIterations();
            }
        }
        *status = s.status();
        *secondary = s.secondaryStatus();
        *iterations_done = done;
        *objective = s.objectiveValue();
        *primal_feasible = s.primalFeasible() ? 1 : 0;
    });
}

static int copy_out(const double *from, int n, double *out) {
    if (n > 0 && from == nullptr) {
        last_error = "CLP has no solution to read";
        return -1;
    }
    if (n > 0) std::memcpy(out, from, sizeof(double) * n);
    return 0;
}

int cg_column_values(const cg_model *m, double *out) {
    return copy_out(m->simplex.getColSolution(), m->simplex.numberColumns(), out);
}

int cg_reduced_costs(const cg_model *m, double *out) {
    return copy_out(m->simplex.getReducedCost(), m->simplex.numberColumns(), out);
}

int cg_row_activities(const cg_model *m, double *out) {
    return copy_out(m->simplex.getRowActivity(), m->simplex.numberRows(), out);
}

int cg_row_duals(const cg_model *m, double *out) {
    return copy_out(m->simplex.getRowPrice(), m->simplex.numberRows(), out);
}

int cg_get_basis(const cg_model *m, unsigned char *rows, unsigned char *columns) {
    return guarded([&] {
        ClpSimplex &s = const_cast<ClpSimplex &>(m->simplex);
        if (!s.statusExists()) s.createStatus();
        for (int i = 0; i < s.numberRows(); i++) rows[i] = (unsigned char)s.getRowStatus(i);
        for (int j = 0; j < s.numberColumns(); j++) columns[j] = (unsigned char)s.getColumnStatus(j);
    });
}

int cg_set_basis(cg_model *m, const unsigned char *rows, const unsigned char *columns) {
    return guarded([&] {
        ClpSimplex &s = m->simplex;
        if (!s.statusExists()) s.createStatus();
        for (int i = 0; i < s.numberRows(); i++) s.setRowStatus(i, ClpSimplex::Status(rows[i] & 7));
        for (int j = 0; j < s.numberColumns(); j++) s.setColumnStatus(j, ClpSimplex::Status(columns[j] & 7));
    });
}

int cg_reset_basis(cg_model *m) {
    return guarded([&] {
        ClpSimplex &s = m->simplex;
        s.createStatus();
        const double *l = s.getColLower(), *u = s.getColUpper();
        for (int j = 0; j < s.numberColumns(); j++) s.setColumnStatus(j, nonbasicStatus(l[j], u[j]));
    });
}

char *cg_take_log(cg_model *m) {
    char *out = static_cast<char *>(std::malloc(m->handler.text.size() + 1));
    if (out == nullptr) return nullptr;
    std::memcpy(out, m->handler.text.c_str(), m->handler.text.size() + 1);
    m->handler.text.clear();
    return out;
}

}  // extern "C"
