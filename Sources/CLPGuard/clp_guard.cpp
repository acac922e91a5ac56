// clp_guard.cpp: every call into CLP inside try/catch (see clp_guard.h).
#include "clp_guard.h"

#include <coin/ClpSimplex.hpp>
#include <coin/CoinError.hpp>
#include <coin/CoinMessageHandler.hpp>
#include <coin/ClpConfig.h>
#include <coin/CoinTime.hpp>

#include <algorithm>
#include <cfloat>
#include <cmath>
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

/// A bound as CLP takes it: +-infinity (or beyond 1e30) as +-COIN_DBL_MAX.
double bound(double v) {
    if (v >= 1e30) return COIN_DBL_MAX;
    if (v <= -1e30) return -COIN_DBL_MAX;
    return v;
}

/// n bounds, each as `bound` takes it.
std::vector<double> bounds(const double *v, int n) {
    std::vector<double> out(n);
    for (int k = 0; k < n; k++) out[k] = bound(v[k]);
    return out;
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
    // The handler first: it outlives the simplex that points to it.
    KeepingHandler handler;
    ClpSimplex simplex;
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
        auto cl = bounds(collb, ncols), cu = bounds(colub, ncols), rl = bounds(rowlb, nrows),
             ru = bounds(rowub, nrows);
        m->simplex.loadProblem(ncols, nrows, start, index, value, cl.data(), cu.data(), obj, rl.data(), ru.data());
        m->simplex.createStatus();
        for (int j = 0; j < ncols; j++) m->simplex.setColumnStatus(j, nonbasicStatus(cl[j], cu[j]));
    });
}

int cg_add_rows(cg_model *m, int n, const double *lb, const double *ub, const int *starts, const int *columns,
                const double *elements) {
    return guarded([&] {
        if (!m->simplex.statusExists()) m->simplex.createStatus();
        auto l = bounds(lb, n), u = bounds(ub, n);
        int first = m->simplex.numberRows();
        m->simplex.addRows(n, l.data(), u.data(), starts, columns, elements);
        for (int i = first; i < first + n; i++) m->simplex.setRowStatus(i, ClpSimplex::basic);
    });
}

int cg_add_columns(cg_model *m, int n, const double *lb, const double *ub, const double *obj, const int *starts,
                   const int *rows, const double *elements) {
    return guarded([&] {
        if (!m->simplex.statusExists()) m->simplex.createStatus();
        auto l = bounds(lb, n), u = bounds(ub, n);
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

namespace {

/// The largest amount by which the solution leaves a bound of the model as
/// given (unscaled, unperturbed), relative to max(1, |bound|).
double worstViolation(const ClpSimplex &s) {
    double worst = 0;
    auto check = [&](double v, double lo, double up) {
        if (lo > -1e30 && v < lo) worst = std::max(worst, (lo - v) / std::max(1.0, std::fabs(lo)));
        if (up < 1e30 && v > up) worst = std::max(worst, (v - up) / std::max(1.0, std::fabs(up)));
    };
    const double *x = s.getColSolution(), *r = s.getRowActivity();
    const double *cl = s.getColLower(), *cu = s.getColUpper(), *rl = s.getRowLower(), *ru = s.getRowUpper();
    if (x == nullptr || r == nullptr) return 1e300;
    for (int j = 0; j < s.numberColumns(); j++) check(x[j], cl[j], cu[j]);
    for (int i = 0; i < s.numberRows(); i++) check(r[i], rl[i], ru[i]);
    return worst;
}

int copy_out(const double *from, int n, int expected, double *out) {
    if (n != expected) {
        last_error = "CLP holds " + std::to_string(n) + " entries where " + std::to_string(expected) + " were expected";
        return -1;
    }
    if (n > 0 && from == nullptr) {
        last_error = "CLP has no solution to read";
        return -1;
    }
    if (n > 0) std::memcpy(out, from, sizeof(double) * n);
    return 0;
}

/// A status as the seam reads it: CLP's superbasic (a non-basic value between its bounds), or free on
/// a bounded variable, becomes the bound nearest the value, as GLPK would keep it.
unsigned char seamStatus(ClpSimplex::Status st, double v, double lo, double up) {
    if (st != ClpSimplex::superBasic && st != ClpSimplex::isFree) return (unsigned char)st;
    if (lo <= -1e30 && up >= 1e30) return ClpSimplex::isFree;
    if (lo > -1e30 && (up >= 1e30 || std::fabs(v - lo) <= std::fabs(up - v))) return ClpSimplex::atLowerBound;
    return ClpSimplex::atUpperBound;
}

}  // namespace

int cg_solve(cg_model *m, int method, double seconds, int iterations, int *outcome, int *iterations_done,
             double *objective, int *primal_feasible) {
    return guarded([&] {
        ClpSimplex &s = m->simplex;
        if (!s.statusExists()) s.createStatus();
        const double deadline = seconds > 0 ? CoinWallclockTime() + seconds : -1;
        int done = 0;
        auto timeUp = [&] { return seconds > 0 && CoinWallclockTime() >= deadline; };
        auto iterationsUp = [&] { return iterations > 0 && done >= iterations; };
        // One CLP solve within what is left of both limits; false when nothing is left.
        auto run = [&](bool primal, int valuesPass) {
            if (timeUp() || iterationsUp()) return false;
            s.setMaximumIterations(iterations > 0 ? iterations - done : INT_MAX);
            s.setMaximumWallSeconds(seconds > 0 ? deadline - CoinWallclockTime() : -1.0);
            s.setMaximumSeconds(-1.0);
            s.setNumberIterations(0);
            if (primal)
                s.primal(valuesPass);
            else
                s.dual(valuesPass);
            done += s.numberIterations();
            return true;
        };
        // Optimal on the scaled problem, with infeasibilities once unscaled (secondary status
        // 2-4; 6 is an empty problem, optimal as it is).
        auto unscaledOff = [&] { return s.status() == 0 && s.secondaryStatus() >= 2 && s.secondaryStatus() <= 4; };
        run(method == 0, 0);
        for (int retry = 0; retry < 2; retry++) {
            const int st = s.status();
            if (unscaledOff()) {
                // Optimal scaled, not unscaled: primal simplex from the basis cleans up, as CLP's driver does.
                if (!run(true, 1)) break;
            } else if ((st == 3 && !timeUp() && !iterationsUp()) || (st == 4 && method == 2)) {
                // Stopped on no limit of ours (CLP's own caps), or the dual failed where GLPK's
                // dual-then-primal would go on: primal simplex from where it stopped.
                if (!run(true, 0)) break;
            } else {
                break;
            }
        }
        const int st = s.status();
        const bool exact = st == 0 && !unscaledOff();
        int code;
        if (exact)
            code = CG_OPTIMAL;
        else if (st == 1)
            code = CG_INFEASIBLE;
        else if (st == 2)
            code = CG_DUAL_INFEASIBLE;
        else if ((st == 0 || st == 3) && iterationsUp())
            code = CG_ITERATION_LIMIT;
        else if ((st == 0 || st == 3) && timeUp())
            code = CG_TIME_LIMIT;
        else
            code = CG_FAILED;
        *outcome = code;
        *iterations_done = done;
        *objective = s.objectiveValue();
        // A plan stopped on a limit counts only when it keeps the bounds as given: CLP's
        // primal simplex may have widened them a little while it ran.
        *primal_feasible = exact || (s.primalFeasible() && worstViolation(s) <= 1e-6) ? 1 : 0;
    });
}

int cg_column_values(const cg_model *m, int n, double *out) {
    return copy_out(m->simplex.getColSolution(), m->simplex.numberColumns(), n, out);
}

int cg_reduced_costs(const cg_model *m, int n, double *out) {
    return copy_out(m->simplex.getReducedCost(), m->simplex.numberColumns(), n, out);
}

int cg_row_activities(const cg_model *m, int n, double *out) {
    return copy_out(m->simplex.getRowActivity(), m->simplex.numberRows(), n, out);
}

int cg_row_duals(const cg_model *m, int n, double *out) {
    return copy_out(m->simplex.getRowPrice(), m->simplex.numberRows(), n, out);
}

int cg_get_basis(const cg_model *m, int nrows, unsigned char *rows, int ncols, unsigned char *columns) {
    return guarded([&] {
        ClpSimplex &s = const_cast<ClpSimplex &>(m->simplex);
        if (nrows != s.numberRows() || ncols != s.numberColumns())
            throw CoinError("the basis arrays do not fit the model", "cg_get_basis", "clp_guard");
        if (!s.statusExists()) s.createStatus();
        const double *x = s.getColSolution(), *r = s.getRowActivity();
        for (int i = 0; i < nrows; i++)
            rows[i] = seamStatus(s.getRowStatus(i), r ? r[i] : 0, s.getRowLower()[i], s.getRowUpper()[i]);
        for (int j = 0; j < ncols; j++)
            columns[j] = seamStatus(s.getColumnStatus(j), x ? x[j] : 0, s.getColLower()[j], s.getColUpper()[j]);
    });
}

int cg_set_basis(cg_model *m, int nrows, const unsigned char *rows, int ncols, const unsigned char *columns) {
    return guarded([&] {
        ClpSimplex &s = m->simplex;
        if (nrows != s.numberRows() || ncols != s.numberColumns())
            throw CoinError("the basis arrays do not fit the model", "cg_set_basis", "clp_guard");
        if (!s.statusExists()) s.createStatus();
        // Free on a bounded variable would start CLP at its upper bound: the nearest finite one instead.
        auto status = [](unsigned char c, double lo, double up) {
            auto st = ClpSimplex::Status(c & 7);
            return st == ClpSimplex::isFree ? nonbasicStatus(lo, up) : st;
        };
        for (int i = 0; i < nrows; i++) s.setRowStatus(i, status(rows[i], s.getRowLower()[i], s.getRowUpper()[i]));
        for (int j = 0; j < ncols; j++)
            s.setColumnStatus(j, status(columns[j], s.getColLower()[j], s.getColUpper()[j]));
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
