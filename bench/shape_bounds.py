#!/usr/bin/env python3
"""The best people per (project, skill, period) and the fewest assignments
under 4 h that any plan keeping allot's optima can have: whether a shaping
target is out of reach at a cost tolerance, for every method, LP or not.

    python3 bench/shape_bounds.py PLAN_DIR INSTANCE.dat [--tolerance PERCENT]
                                  [--people 1.7] [--slivers 4] [--time-limit 600]

INSTANCE.dat is `allot export PLAN_DIR --to mathprog --include-cost`; PLAN_DIR's
assignments.csv gives the rows with locked hours (commitments), which every
plan has. It solves the staged problem with HiGHS as bench/highs_route.py
does (each priority held at 1e-8 x max(1, z) as allot holds it), holds the
cost at its optimum plus PERCENT, and then over that face solves two MIPs.
An assignment row is (person, project, skill, period): the hours columns of
a person in the cells of that project and skill (a weekly cell or a window's
'total' cell) in that period.

  1. people: z[r] = 1 when row r has hours (x <= column bound x z[r]),
     w[c] = 1 for a (project, skill, period) with hours (w[c] <= its rows'
     z); minimise sum z - PEOPLE x sum w. The target "people per cell <=
     PEOPLE" holds in some plan exactly when the optimum plus the locked
     rows is <= 0, so a proven bound above that puts the target out of every
     method's reach.
  2. slivers: y[r] = 1 when row r has at least 4 h (x >= 4 y[r], y <= z);
     minimise sum (z - y) - SLIVERS/100 x sum z, i.e. slivers minus the
     target share of rows: the target holds in some plan exactly when the
     optimum less the target share of the locked rows is <= 0. A row counts
     as a sliver when 0 < hours < 4 (allot rounds to 2 decimals first; the
     MIP does not, which can only lower the count). Rows with locked hours
     are taken as 4 h or more (checked: the script stops otherwise).

Prints one JSON object with each MIP's best plan, its proven bound and
status.
"""

import argparse
import csv
import json
import os
import sys

try:
    import highspy
    import numpy as np
except ModuleNotFoundError as missing:
    sys.exit(f"shape_bounds.py: {missing}; it needs highspy and numpy (pip install highspy==1.16.0 numpy) in a virtual environment: "
             "python3 -m venv /tmp/v && /tmp/v/bin/pip install ... && /tmp/v/bin/python bench/shape_bounds.py ...")

import highs_route


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("plan")
    parser.add_argument("instance")
    parser.add_argument("--tolerance", type=float, default=0.0, help="cost tolerance in percent (default 0)")
    parser.add_argument("--people", type=float, default=1.7, help="people per cell target (default 1.7)")
    parser.add_argument("--slivers", type=float, default=4.0, help="share of rows under 4 h, percent (default 4)")
    parser.add_argument("--time-limit", type=float, default=600.0, help="seconds per MIP (default 600)")
    args = parser.parse_args()
    model, stages = highs_route.optimal_face(args.instance, args.tolerance, exit_on_failure=True)
    h = model.h

    # Assignment rows and cells of the hours columns.
    def project_skill(c):
        project, skill, _ = model.cell_ids[c].split(",")
        return project, skill

    keys = [(model.staff_ids[s],) + project_skill(c) + (model.period_ids[t],)
            for c, s, t in zip(model.x_cell, model.x_staff, model.x_period)]
    locked_rows = set()
    with open(os.path.join(args.plan, "assignments.csv"), encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if float(row["locked_hours"]) > 0:
                if float(row["hours"]) < 4:
                    raise SystemExit(f"a locked row under 4 h: {row}")
                locked_rows.add((row["staff_id"], row["project_id"], row["skill"], row["period"]))
    row_keys = sorted(set(keys) - locked_rows)
    row_of = {k: i for i, k in enumerate(row_keys)}
    cell_keys = sorted({k[1:] for k in row_keys} | {k[1:] for k in locked_rows})
    cell_of = {k: i for i, k in enumerate(cell_keys)}
    locked_cells = {k[1:] for k in locked_rows}
    upper = np.asarray(h.getLp().col_upper_)
    n0 = model.columns
    nr, nc = len(row_keys), len(cell_keys)
    columns_of = [[] for _ in range(nr)]
    for j, k in enumerate(keys):
        if k in row_of:
            columns_of[row_of[k]].append(j)

    z0, w0 = n0, n0 + nr
    h.addVars(nr + nc, np.zeros(nr + nc), np.ones(nr + nc))
    for r, columns in enumerate(columns_of):
        # sum x <= (sum of the column bounds) x z[r]
        bound = float(upper[columns].sum())
        h.addRow(-highs_route.INF, 0.0, len(columns) + 1, np.array(columns + [z0 + r], dtype=np.int32),
                 np.append(np.ones(len(columns)), -bound))
    rows_of_cell = [[] for _ in range(nc)]
    for r, k in enumerate(row_keys):
        rows_of_cell[cell_of[k[1:]]].append(r)
    for c, k in enumerate(cell_keys):
        if k in locked_cells:
            h.changeColBounds(w0 + c, 1.0, 1.0)
        else:
            # w[c] <= sum z of its rows
            rs = rows_of_cell[c]
            h.addRow(-highs_route.INF, 0.0, len(rs) + 1, np.array([w0 + c] + [z0 + r for r in rs], dtype=np.int32),
                     np.append([1.0], -np.ones(len(rs))))
    n = w0 + nc
    h.changeColsIntegrality(nr + nc, np.arange(z0, n, dtype=np.int32), np.full(nr + nc, highspy.HighsVarType.kInteger))
    out = {"tolerance_percent": args.tolerance, "stages": [(st["name"], st["objective"]) for st in stages],
           "rows_free": nr, "rows_locked": len(locked_rows), "cells": nc}

    def run(costs, seconds):
        h.changeColsCost(len(costs), np.arange(len(costs), dtype=np.int32), costs)
        h.changeObjectiveSense(highspy.ObjSense.kMinimize)
        h.setOptionValue("mip_rel_gap", 0.0)
        h.setOptionValue("time_limit", h.getRunTime() + seconds)
        h.run()
        info = h.getInfo()
        sol = np.asarray(h.getSolution().col_value)
        return {"objective": float(info.objective_function_value), "bound": float(info.mip_dual_bound),
                "status": h.modelStatusToString(h.getModelStatus())}, sol

    # 1. people per cell.
    costs = np.zeros(n)
    costs[z0:w0] = 1.0
    costs[w0:n] = -args.people
    people, sol = run(costs, args.time_limit)
    rows = int(round(sol[z0:w0].sum())) + len(locked_rows)
    cells = int(round(sol[w0:n].sum()))
    people.update({"rows": rows, "cells": cells, "people_per_cell": rows / cells,
                   "objective_with_locked_rows": people["objective"] + len(locked_rows),
                   "target": args.people, "target_out_of_reach": people["bound"] + len(locked_rows) > 1e-6})
    out["people"] = people

    # 2. slivers: y[r] with x >= 4 y, y <= z.
    y0 = n
    h.addVars(nr, np.zeros(nr), np.ones(nr))
    for r, columns in enumerate(columns_of):
        h.addRow(0.0, highs_route.INF, len(columns) + 1, np.array(columns + [y0 + r], dtype=np.int32),
                 np.append(np.ones(len(columns)), -4.0))
        h.addRow(-highs_route.INF, 0.0, 2, np.array([y0 + r, z0 + r], dtype=np.int32), np.array([1.0, -1.0]))
    h.changeColsIntegrality(nr, np.arange(y0, y0 + nr, dtype=np.int32), np.full(nr, highspy.HighsVarType.kInteger))
    share = args.slivers / 100
    costs = np.zeros(y0 + nr)
    costs[z0:w0] = 1.0 - share
    costs[y0:y0 + nr] = -1.0
    slivers, sol = run(costs, args.time_limit)
    rows = int(round(sol[z0:w0].sum())) + len(locked_rows)
    count = int(round((sol[z0:w0] - sol[y0:y0 + nr]).sum()))
    slivers.update({"rows": rows, "slivers": count, "percent": 100 * count / rows, "target_percent": args.slivers,
                    "objective_with_locked_rows": slivers["objective"] - share * len(locked_rows),
                    "target_out_of_reach": slivers["bound"] - share * len(locked_rows) > 1e-6})
    out["slivers"] = slivers
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
