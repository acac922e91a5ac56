#!/usr/bin/env python3
"""The fewest projects a person can work on in any plan that keeps allot's
optima: a proof of what the shaping stage can and cannot reach.

    python3 bench/forced_projects.py INSTANCE.dat STAFF_ID [--tolerance PERCENT]

INSTANCE.dat is `allot export PLAN_DIR --to mathprog --include-cost` (as for
bench/highs_route.py, whose model and stages this reuses). It solves the
staged problem with HiGHS (each priority held at 1e-8 x max(1, z) as allot
holds it), holds the cost at its optimum plus PERCENT (shaping's
cost_tolerance_percent, default 0), and then, over that optimal face:

  1. per project the person has hours columns on: the least hours the person
     must work on it (an LP); a project with more than 1e-6 h is forced;
  2. the fewest projects the person can work on at all (a MIP: one binary
     per project, hours <= sum of the column bounds x binary).

Any plan allot could hand on at that tolerance has the person on at least
the MIP's number of projects, so a shaping target below it is out of reach
for every method, LP or not. Prints one JSON object.
"""

import argparse
import json
import sys

try:
    import highspy
    import numpy as np
except ModuleNotFoundError as missing:
    sys.exit(f"forced_projects.py: {missing}; it needs highspy and numpy (pip install highspy==1.16.0 numpy) in a virtual environment: "
             "python3 -m venv /tmp/v && /tmp/v/bin/pip install ... && /tmp/v/bin/python bench/forced_projects.py ...")

import highs_route


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("instance")
    parser.add_argument("staff")
    parser.add_argument("--tolerance", type=float, default=0.0, help="cost tolerance in percent (default 0)")
    args = parser.parse_args()
    model, stages = highs_route.optimal_face(args.instance, args.tolerance, exit_on_failure=True)
    h = model.h

    s = model.staff_ids.index(args.staff)
    mine = np.nonzero(model.x_staff == s)[0]
    projects = sorted(set(int(p) for p in model.x_project[mine]))
    h.changeObjectiveSense(highspy.ObjSense.kMinimize)
    least = {}
    for p in projects:
        columns = mine[model.x_project[mine] == p].astype(np.int32)
        costs = np.zeros(model.columns)
        costs[columns] = 1.0
        h.changeColsCost(model.columns, model.all_columns, costs)
        h.run()
        least[model.project_ids[p]] = round(float(h.getInfo().objective_function_value), 6)
    forced = sorted(p for p, v in least.items() if v > 1e-6)

    # The MIP: y[p] binary, sum of the person's hours on p <= bound x y[p], minimise sum y.
    upper = np.asarray(h.getLp().col_upper_)
    first = model.columns
    h.addVars(len(projects), np.zeros(len(projects)), np.ones(len(projects)))
    for k, p in enumerate(projects):
        columns = mine[model.x_project[mine] == p]
        bound = float(upper[columns].sum())
        h.addRow(-highs_route.INF, 0.0, len(columns) + 1, np.append(columns, first + k).astype(np.int32),
                 np.append(np.ones(len(columns)), -bound))
    n = model.columns + len(projects)
    h.changeColsIntegrality(len(projects), np.arange(first, n, dtype=np.int32),
                            np.full(len(projects), highspy.HighsVarType.kInteger))
    costs = np.zeros(n)
    costs[first:] = 1.0
    h.changeColsCost(n, np.arange(n, dtype=np.int32), costs)
    h.setOptionValue("mip_rel_gap", 0.0)
    h.setOptionValue("time_limit", h.getRunTime() + 600)
    h.run()
    info = h.getInfo()
    print(json.dumps({
        "staff": args.staff, "tolerance_percent": args.tolerance, "stages": [(st["name"], st["objective"]) for st in stages],
        "projects_with_columns": len(projects), "least_hours": least, "forced": forced,
        "fewest_projects": round(float(info.objective_function_value)), "mip_bound": float(info.mip_dual_bound),
        "mip_status": h.modelStatusToString(h.getModelStatus()),
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())
