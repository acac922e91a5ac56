#!/usr/bin/env python3
"""allot's weighted staffing LP written with PuLP and solved through its GLPK route.

    python3 bench/pulp_route.py INSTANCE.dat [--time-limit SECONDS] [--glpsol-options="--cuts ..."]

This is what a user would otherwise write by hand: the formulation of
models/allocation.mod at stage -1 (`objective: weighted`), built with PuLP's
LpProblem, add_variable, lpSum and LpAffineExpression, and solved with
pulp.GLPK_CMD, which writes an LP file, runs glpsol on it and reads the
solution back. bench/run.sh times it against allot on the same instance
(ratio PuLP / allot).

INSTANCE.dat is the MathProg data allot writes for the model, calendar
already applied:

    allot plan DATASET --objective weighted --out DIR --write-mathprog-data INSTANCE.dat

Prints one JSON object: parse_s (reading the data), build_s (the PuLP model),
solve_s (GLPK_CMD: writing the LP file, glpsol, reading the solution),
total_s, status, objective, columns and rows. The objective is on the basis
of the weighted stage optimum in allot's plan.json (stage_optima): unmet hours
by weight plus the whole cost, locked hours and the full stability penalty
included (the model leaves those two constants out).

Needs glpsol on PATH and PuLP, which is not a dependency of allot: bench/run.sh
installs it into a throwaway virtual environment and runs this script with it
(PuLP 3.3 or later: prob.add_variable and prob.constraints() are its PuLP 4.0
style API):

    python3 -m venv "$work/venv" && "$work/venv/bin/pip" install pulp
    "$work/venv/bin/python" bench/pulp_route.py "$work/M.dat"
"""
import argparse
import json
import re
import sys
import tempfile
import time
from collections import Counter, defaultdict

try:
    import pulp
except ModuleNotFoundError as missing:
    sys.exit(f"pulp_route.py: {missing}; it needs PuLP (pip install pulp) in a virtual environment: "
             "python3 -m venv /tmp/v && /tmp/v/bin/pip install ... && /tmp/v/bin/python bench/pulp_route.py ...")

# --- MathProg data ------------------------------------------------------------
#
# Only what allot's writer (Sources/AllotCore/Formulation/MathProgData.swift)
# produces: `set X := ...;`, `set X[i,j] := ...;` with symbols or tuples,
# `param x := v;`, `param x := key... value ...;` and the tabular
# `param : a b := key a b ...;`. Symbols keep their quotes: they are only
# compared, never shown (the PuLP names are numbered).

# One token per match; a comment matches with an empty group, so findall
# returns '' for it and filter(None, ...) drops it.
TOKEN = re.compile(r"/\*.*?\*/|('[^']*(?:''[^']*)*'|:=|[^\s'/:;\[\](),]+|[:;\[\](),])", re.S)

# Key width of the non-tabular indexed parameters of allocation.mod; any
# other `param x := v;` is a scalar.
PARAM_WIDTH = {"rate": 1, "paidcap": 1, "lk": 1, "lkon": 1, "budgetroom": 1, "weight": 1, "cap": 2, "locked": 2, "ub": 3}

# Tabular columns that hold symbols rather than numbers.
SYMBOLIC = {"gs", "gt", "cproj", "cskill"}


def parse_data(text):
    """The sets and parameters of a data file: sets[name] is a list of members
    (symbols or tuples), or for an indexed set a dict from index to such a
    list; params[name] is a float, or a dict from key to value."""
    tokens = list(filter(None, TOKEN.findall(text)))
    sets, params = {}, {}
    i = tokens.index("data") + 2  # past "data ;"
    while tokens[i] != "end":
        end = tokens.index(";", i)
        statement = tokens[i + 1:end]
        if tokens[i] == "set":
            read_set(statement, sets)
        elif tokens[i] == "param":
            read_param(statement, params)
        else:
            raise ValueError(f"unexpected {tokens[i]!r} in the data")
        i = end + 1
    return sets, params


def read_set(statement, sets):
    """`NAME := members` or `NAME [ i , j ] := members`."""
    name, assign = statement[0], statement.index(":=")
    members = read_members(statement[assign + 1:])
    if assign == 1:
        sets[name] = members
    else:
        sets.setdefault(name, {})[read_index(statement[2:assign - 1])] = members


def read_index(tokens):
    """`i` or `i , j , ...` (brackets stripped) as a symbol or a tuple."""
    return tokens[0] if len(tokens) == 1 else tuple(tokens[0::2])


def read_members(tokens):
    """Symbols, or tuples `( a , b ) ( c , d ) ...`, all of one width, taken
    apart by slicing rather than token by token (W holds millions)."""
    if not tokens or tokens[0] != "(":
        return tokens
    width = tokens.index(")") // 2
    stride = 2 * width + 1
    return list(zip(*(tokens[1 + 2 * m::stride] for m in range(width))))


def read_param(statement, params):
    """`NAME := value`, `NAME := key value ...` (key width from PARAM_WIDTH)
    or the tabular `: a b := key a-value b-value ...`."""
    assign = statement.index(":=")
    body = statement[assign + 1:]
    if statement[0] == ":":
        columns = statement[1:assign]
        if ":" in columns:
            # `: SET : param :=` (shaping's locked rows, lr): not used by this route.
            return
        stride = len(columns) + 1
        keys = body[0::stride]
        for m, column in enumerate(columns):
            values = body[m + 1::stride]
            params[column] = dict(zip(keys, values if column in SYMBOLIC else map(float, values)))
        return
    name = statement[0]
    width = PARAM_WIDTH.get(name, 0)
    if width == 0:
        if len(body) != 1:
            # An indexed parameter this route does not use (e.g. shaping's tn,
            # keyed by period): left out.
            return
        params[name] = float(body[0])
        return
    stride = width + 1
    keys = body[0::stride] if width == 1 else zip(*(body[m::stride] for m in range(width)))
    params[name] = dict(zip(keys, map(float, body[width::stride])))


# --- The formulation ----------------------------------------------------------


def build_problem(sets, params):
    """allocation.mod at stage -1, one PuLP statement per model statement."""
    if "weight" not in params:
        sys.exit("pulp_route.py: no weights in the data; write it with allot plan --objective weighted")
    S, T, P, C = sets["S"], sets["T"], sets["P"], sets["C"]
    K, KC, CK = sets["K"], sets.get("KC", {}), sets.get("CK", {})
    W, WST, PC = sets.get("W", {}), sets.get("WST", {}), sets.get("PC", {})
    cap, locked, rate, req, ub = params["cap"], params["locked"], params["rate"], params["req"], params["ub"]
    lk, budgetroom = params["lk"], params["budgetroom"]
    otshare, extra = params.get("otshare", 0.0), params.get("extra", 0.0)
    weight_of = {int(q): w for q, w in params["weight"].items()}
    cell_weight = {c: weight_of[int(q)] for c, q in params["prio"].items()}  # by the cell's priority
    maxproj, minhours = params.get("maxproj", 0.0), params.get("minhours", 0.0)
    SP, LSP, SPT, CSPT = sets["SP"], sets["LSP"], sets["SPT"], sets.get("CSPT", {})
    LSPT = set(sets["LSPT"])
    stability = params.get("stability", 0.0)
    # Paid for capacity: hours cost nothing more, overtime (extra + 1) x rate,
    # and their fixed pay is a constant (fixedcost).
    paidcap = params.get("paidcap", {})
    # policies.overtime.priorities: otall 0 and the priorities OTP that may
    # use hours above capacity.
    otall = params.get("otall", 1.0)
    allowed = {int(float(q)) for q in sets.get("OTP", [])}
    lkon = params.get("lkon", {})
    G, GC = sets["G"], sets.get("GC", {})
    gs, gt, gr = params.get("gs", {}), params.get("gt", {}), params.get("gr", {})

    def room(s, t):
        return max(0.0, cap.get((s, t), 0.0) * (1 + otshare) - locked.get((s, t), 0.0))

    prob = pulp.LpProblem("allot_weighted", pulp.LpMinimize)

    # Variables, numbered: short LP names that no two symbols can share.
    x = {}
    for c in C:
        for s, t in W[c]:
            x[c, s, t] = prob.add_variable(f"x{len(x)}", 0, ub[c, s, t])
    CAP = [(s, t) for s in S for t in T if (s, t) in WST or locked.get((s, t), 0.0) > cap.get((s, t), 0.0)]
    o = {(s, t): prob.add_variable(f"o{n}", 0, cap.get((s, t), 0.0) * otshare) for n, (s, t) in enumerate(CAP)}
    u = {}
    for k in K:
        for c in KC[k]:
            u[k, c] = prob.add_variable(f"u{len(u)}", 0, min(lk[k], req[c]))
    assigned = {}
    if maxproj > 0:
        assigned = {sp: prob.add_variable(f"a{n}", cat=pulp.LpBinary) for n, sp in enumerate(SP)}
    works = {}
    if minhours > 0:
        works = {spt: prob.add_variable(f"w{n}", cat=pulp.LpBinary)
                 for n, spt in enumerate(spt for spt in SPT if spt not in LSPT)}
    moved = {}
    if stability > 0:
        moved = {g: prob.add_variable(f"m{n}", 0) for n, g in enumerate(g for g in G if gr[g] > 0)}

    # capacity: what a person works beyond locked hours fits in capacity plus overtime.
    for s, t in CAP:
        prob += (pulp.lpSum(x[c, s, t] for c in WST.get((s, t), ())) - o[s, t]
                 <= cap.get((s, t), 0.0) - locked.get((s, t), 0.0))
    # regular: the priorities not in OTP, with the locked hours, within capacity.
    if otall == 0 and otshare > 0:
        for s, t in CAP:
            others = [x[c, s, t] for c in WST.get((s, t), ()) if int(params["prio"][c]) not in allowed]
            if others:
                prob += pulp.lpSum(others) <= max(0.0, cap.get((s, t), 0.0) - locked.get((s, t), 0.0))
    # lockedpool: a locked hour serves at most one cell.
    for k in K:
        prob += pulp.lpSum(u[k, c] for c in KC[k]) <= lk[k]
    # demand: no cell is staffed beyond what it asks.
    for c in C:
        if W[c] or CK.get(c):
            prob += (pulp.lpSum(x[c, s, t] for s, t in W[c])
                     + pulp.lpSum(u[k, c] for k in CK.get(c, ())) <= req[c])
    # budget: a project's spending at base rate stays within its budget (an
    # empty row, a project without hours columns, always holds and is left out).
    for p in P:
        if budgetroom.get(p, -1.0) >= 0 and PC.get(p):
            prob += pulp.LpAffineExpression((x[c, s, t], rate[s]) for c in PC[p] for s, t in W[c]) <= budgetroom[p]
    # MIP policies: max_projects_per_person ...
    if maxproj > 0:
        for sp in LSP:
            prob += assigned[sp] == 1
        projects_of, locked_projects = defaultdict(list), Counter(s for s, _ in LSP)
        for s, p in SP:
            projects_of[s].append(assigned[s, p])
        for s, on in projects_of.items():
            prob += pulp.lpSum(on) <= max(maxproj, locked_projects[s])
        for s, p, t in SPT:
            prob += pulp.lpSum(x[c, s, t] for c in CSPT[s, p, t]) <= room(s, t) * assigned[s, p]
    # ... and min_hours_per_assignment, except where locked hours already are.
    for (s, p, t), on in works.items():
        hours = pulp.lpSum(x[c, s, t] for c in CSPT[s, p, t])
        prob += hours <= room(s, t) * on
        demand = max(0.0, sum(req[c] - lkon.get(c, 0.0) for c in CSPT[s, p, t]))
        prob += hours >= min(minhours, demand) * on
    # stable: moved[g] is at least the hours of assignment g above its commitment.
    for g, m in moved.items():
        prob += pulp.lpSum(x[c, gs[g], gt[g]] for c in GC[g]) - m <= gr[g]

    # Objective: unmet hours by weight plus cost (base, overtime premium,
    # stability), with the constants allot counts and the model leaves out:
    # the locked hours' cost and the stability penalty no column changes.
    # |hours - r| is 2 max(0, hours - r) - hours + r for r > 0 and hours - r
    # for r <= 0, so the stability terms need stability * |r| added back.
    # The big sums are LpAffineExpression((variable, coefficient) pairs): a
    # dict underneath, fine here as each sum names each variable once.
    constant = (sum(cell_weight[c] * req[c] for c in C) + params.get("lockedcost", 0.0)
                + params.get("fixedcost", 0.0) + params.get("stabconst", 0.0)
                + stability * sum(abs(gr[g]) for g in G))
    objective = pulp.LpAffineExpression(
        ((var, (1 - paidcap.get(s, 0.0)) * rate[s] - cell_weight[c]) for (c, s, t), var in x.items()), constant)
    objective += pulp.LpAffineExpression((var, -cell_weight[c]) for (k, c), var in u.items())
    objective += pulp.LpAffineExpression((var, (extra + paidcap.get(s, 0.0)) * rate[s]) for (s, t), var in o.items())
    if stability > 0:
        for g in G:
            hours = pulp.lpSum(x[c, gs[g], gt[g]] for c in GC[g])
            objective += stability * (2 * moved[g] - hours) if g in moved else stability * hours
    prob.setObjective(objective)
    return prob


# --- Main ---------------------------------------------------------------------


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("instance", help="MathProg data written by allot plan --write-mathprog-data")
    parser.add_argument("--time-limit", type=int, default=3600, help="glpsol's --tmlim, seconds (default 3600)")
    parser.add_argument("--glpsol-options", default="",
                        help="more glpsol options, e.g. --glpsol-options=--cuts (GLPK's defaults take many minutes on "
                             "the MIP policies of datasets/policies; see bench/mip-settings.md)")
    args = parser.parse_args()

    start = time.perf_counter()
    with open(args.instance) as f:
        sets, params = parse_data(f.read())
    parsed = time.perf_counter()
    prob = build_problem(sets, params)
    built = time.perf_counter()
    # GLPK_CMD leaves glpsol's printed solution behind in its temporary
    # directory; a private one takes it away.
    with tempfile.TemporaryDirectory() as tmp:
        solver = pulp.GLPK_CMD(msg=False, timeLimit=args.time_limit, options=args.glpsol_options.split())
        solver.tmpDir = tmp
        try:
            prob.solve(solver)
            status = pulp.LpStatus[prob.status]
        except pulp.PulpSolverError as error:  # e.g. a glpsol status PuLP does not know
            status = f"error: {error}"
    solved = time.perf_counter()
    # PuLP reads whatever values glpsol wrote; only an optimum is comparable.
    # It also calls a MIP stopped by the time limit with an incumbent
    # "Optimal": a solve that used the whole limit is a time limit.
    if status == "Optimal" and solved - built >= 0.99 * args.time_limit:
        status = "time limit (incumbent only)"
    objective = pulp.value(prob.objective) if status == "Optimal" else None

    print(json.dumps({
        "parse_s": round(parsed - start, 4),
        "build_s": round(built - parsed, 4),
        "solve_s": round(solved - built, 4),
        "total_s": round(solved - start, 4),
        "status": status,
        "objective": objective,
        "columns": len(prob.variables()),
        "rows": len(prob.constraints()),
    }))


if __name__ == "__main__":
    main()
