#!/usr/bin/env python3
"""allot's lexicographic staged problem solved with HiGHS through highspy.

    python3 bench/highs_route.py INSTANCE.dat [--time-limit SECONDS] [--check PLAN_DIR]

The peer a user who outgrows allot would reach for: the formulation of
models/allocation.mod, built with highspy from numpy arrays (columns with
addVars, rows in compressed sparse row form with addRows, never one call per
element), solved stage by stage on one HiGHS model as models/solve-stages.sh
does with glpsol:

  1. for each priority q in order, maximise its staffed hours (its hours
     columns and the locked hours counted against its cells), then add the row
     `held[q]`: those hours >= z - 1e-8 x max(1, z), z the optimum just found;
  2. with every priority held, minimise the cost.

A first stage serves the most demand the locked hours can (allocation.mod's
stage -5, held after), as allot does with its locked-hours flow.
Between stages only the objective changes and a hold row is added, so HiGHS
starts each stage from the basis the previous one left (its own warm start);
the first stage starts cold with HiGHS's defaults, and HiGHS chooses dual
simplex for every stage (--primal-priorities runs the priority stages after
the first with primal simplex, as allot does). allot's shaping stage, which
follows the cost stage, is not solved here. With the integer policies
(max_projects_per_person, min_hours_per_assignment) the binaries are integer
columns and each stage is a MIP, to HiGHS's mip_rel_gap (--mip-gap).

INSTANCE.dat is the MathProg data allot writes for models/allocation.mod
(calendar applied):

    allot export PLAN_DIR --to mathprog --include-cost --out INSTANCE.dat

Prints one JSON object as the last line of standard output: read_s (reading
the data), build_s (numpy arrays and the HiGHS model), solve_s (every stage's
run(), the hold rows and objective changes between them), total_s, status
("optimal", or which stage stopped and why), stages (name, objective,
seconds, simplex iterations, HiGHS's status), columns, rows, non_zeros (as
built, before the hold rows), integer columns and the HiGHS version. A stage's
objective is on the basis of allot's plan.json stage_optima: staffed hours of
the priority (locked hours included), and the cost with its constant (locked
hours, fixed pay of people paid for capacity, the stability penalty no
column changes).

--check PLAN_DIR compares each stage with allot's stage_optima in
PLAN_DIR/plan.json, relative tolerance 1e-6 (with the integer policies, the
larger of that and --mip-gap); the JSON gains "check" and the exit status is
1 if a stage disagrees.

highspy is not a dependency of allot: bench/run.sh installs it into a
throwaway virtual environment, as it does PuLP:

    python3 -m venv "$work/venv" && "$work/venv/bin/pip" install highspy
    "$work/venv/bin/python" bench/highs_route.py "$work/M.dat"
"""
import argparse
import json
import math
import os
import re
import sys
import time

try:
    import highspy
    import numpy as np
except ModuleNotFoundError as missing:
    sys.exit(f"highs_route.py: {missing}; it needs highspy and numpy (pip install highspy==1.16.0 numpy) in a virtual environment: "
             "python3 -m venv /tmp/v && /tmp/v/bin/pip install ... && /tmp/v/bin/python bench/highs_route.py ...")

INF = math.inf
TOLERANCE = 1e-8  # param tol of allocation.mod: the relative tolerance of a hold, as in allot
AGREEMENT = 1e-6  # relative, as bench/run.py compares every route

# --- MathProg data ------------------------------------------------------------
#
# What allot's writer (Sources/AllotCore/Formulation/MathProgData.swift)
# produces: `set X := ...;`, `set X[i,j] := ...;` with symbols or tuples,
# `param x := v;`, `param x := key... value ...;` and the tabular
# `param : a b := key a b ...;`, and a comment before `data;`. Symbols keep
# their quotes: they are only compared and looked up.

# Comments are read between statements only (allot writes one, before
# `data;`); a statement ends at the first `;` outside quoted symbols, which
# may hold any character, `;` and newlines too.
SPACE = re.compile(r"\s*")
# The words of a statement's head, up to and including `:=`.
HEAD = re.compile(r"'[^']*(?:''[^']*)*'|:=|[^\s'\[\],:]+|:")
# The values of a body: symbols and numbers; tuple punctuation is left out.
VALUE = re.compile(r"'[^']*(?:''[^']*)*'|[^\s'(),]+")
# Bodies are read in pieces of about this many characters, cut at a newline
# outside any quoted symbol, so no list of tokens holds a whole big table.
PIECE = 1 << 22


def values(text, span):
    """The symbols and numbers of a statement's body, text[start:end] for
    span (start, end), piece by piece, with no copy of the body."""
    start, end = span
    while start < end:
        cut = text.find("\n", start + PIECE, end)
        # A cut is outside every quoted symbol when the quotes before it
        # pair up (a doubled quote inside a symbol counts twice).
        while cut != -1 and text.count("'", start, cut) % 2:
            cut = text.find("\n", cut + 1, end)
        if cut == -1:
            cut = end
        yield VALUE.findall(text, start, cut)
        start = cut


def listed(text, span):
    """All values of a (small) body as one list."""
    return [v for piece in values(text, span) for v in piece]


# Parameters keyed by symbols, with the width of their key; any other
# `param x := v;` is a scalar.
# (tn, the period numbers, serves only the glpsol route's shaping stage, which
# this route does not solve; it is kept unread like the others.)
KEYED = {"rate": 1, "paidcap": 1, "lk": 1, "lkon": 1, "budgetroom": 1, "weight": 1, "cap": 2, "locked": 2, "ub": 3, "tn": 1}
# The set the members of each indexed set come from.
MEMBERS = {"WST": "C", "KC": "C", "CK": "K", "PC": "C", "CSPT": "C", "GC": "C"}
# Sets whose members are looked up by later statements.
DOMAINS = ("S", "T", "P", "C", "K", "G")


class Data:
    """The statements of a data file. Plain sets are lists of symbols;
    indexed sets hold their members as positions in the set they come from;
    keyed and tabular parameters keep where their text is until the model
    reads them as arrays (Data.table), so no big table is ever copied or
    held as a list of strings."""

    def __init__(self, text):
        self.text = text
        self.keywords = []  # data, end
        self.scalars = {}
        self.sets = {}
        self.index = {}  # a set of DOMAINS: symbol -> position
        self.indexed = {}  # name -> [(index symbols, member positions)]
        self.params = {}  # name -> (start, end) of its body in text
        self.tabular = {}  # column -> (columns, (start, end) of the body)
        pos = 0
        while True:
            pos = SPACE.match(text, pos).end()
            if pos == len(text):
                break
            if text.startswith("/*", pos):
                end = text.find("*/", pos + 2)
                if end == -1:
                    raise ValueError(f"a comment at character {pos} does not end")
                pos = end + 2
                continue
            end = text.find(";", pos)
            # Inside a quoted symbol while the quotes before the `;` do not
            # pair up (a doubled quote inside a symbol counts twice).
            while end != -1 and text.count("'", pos, end) % 2:
                end = text.find(";", end + 1)
            if end == -1:
                raise ValueError(f"the statement at character {pos} has no `;`: {text[pos:pos + 60]!r}")
            if not text.startswith("set W[", pos):  # the hours columns are read from ub (see Model)
                self.statement(pos, end)
            pos = end + 1
        if self.keywords[:1] != ["data"] or self.keywords[-1:] != ["end"]:
            raise ValueError("the data is not `data; ... end;`")

    def statement(self, start, end):
        """text[start:end], a statement without its `;`."""
        text = self.text
        words = []
        body = (end, end)
        for m in HEAD.finditer(text, start, end):
            words.append(m.group(0))
            if m.group(0) == ":=":
                body = (m.end(), end)
                break
        stmt = text[start:min(end, start + 60)]  # for messages
        if words in (["data"], ["end"]):
            self.keywords.append(words[0])
            return
        if len(words) < 3 or words[-1] != ":=" or words[0] not in ("set", "param"):
            raise ValueError(f"unexpected statement {stmt[:60]!r}")
        kind, head = words[0], words[1:-1]
        if kind == "set" and len(head) == 1:
            self.sets[head[0]] = listed(text, body)
            if head[0] in DOMAINS:
                self.index[head[0]] = {name: i for i, name in enumerate(self.sets[head[0]])}
        elif kind == "set":  # NAME [ i , j ]: HEAD drops the brackets and commas
            name = head[0]
            if name not in MEMBERS:
                raise ValueError(f"unexpected indexed set {name}")
            members = lookup(self.index[MEMBERS[name]], listed(text, body), name)
            self.indexed.setdefault(name, []).append((tuple(head[1:]), members))
        elif head[0] == ":":
            for column in head[1:]:
                self.tabular[column] = (head[1:], body)
        elif len(head) == 1 and head[0] in KEYED:
            self.params[head[0]] = body
        elif len(head) == 1:
            tokens = listed(text, body)
            if len(tokens) != 1:
                raise ValueError(f"param {head[0]}: expected one number, found {len(tokens)} values")
            self.scalars[head[0]] = float(tokens[0])
        else:
            raise ValueError(f"unexpected statement {stmt[:60]!r}")

    def table(self, body, kinds, what):
        """The records of a parameter's body (a span of text) as one array per field: kinds[i]
        is a dict (symbols to positions) or float. Read piece by piece; a
        record cut by a piece carries over to the next."""
        stride = len(kinds)
        fields = [[] for _ in kinds]
        carry = []
        for piece in values(self.text, body):
            if carry:
                piece = carry + piece
            whole = len(piece) - len(piece) % stride
            carry = piece[whole:]
            for k, kind in enumerate(kinds):
                column = piece[k:whole:stride]
                fields[k].append(floats(column) if kind is float else lookup(kind, column, what))
        if carry:
            raise ValueError(f"{what}: {len(carry)} values left over")
        return [np.concatenate(f) if f else np.zeros(0, dtype=np.float64 if kind is float else np.int64)
                for f, kind in zip(fields, kinds)]

    def param(self, name, kinds):
        """A keyed parameter's records (empty arrays when it is not given)."""
        return self.table(self.params.get(name, (0, 0)), kinds, name)

    def tabular_param(self, columns, kinds):
        """`param : columns := ...`: the key and one array per column."""
        given, body = self.tabular.get(columns[0], (columns, (0, 0)))
        if tuple(given) != tuple(columns):
            raise ValueError(f"param : {' '.join(given)}: expected the columns {' '.join(columns)}")
        return self.table(body, kinds, columns[0])


def lookup(index, keys, what):
    try:
        return np.fromiter((index[k] for k in keys), dtype=np.int64, count=len(keys))
    except KeyError as error:
        raise ValueError(f"{what}: {error.args[0]} is not declared") from None


def floats(tokens):
    return np.fromiter((float(v) for v in tokens), dtype=np.float64, count=len(tokens))


# --- The model ----------------------------------------------------------------


class Model:
    """allocation.mod on one HiGHS model: the columns x, o, u, moved,
    assigned and works, the rows capacity, regular, lockedpool, demand,
    budget, stable and the policies' rows, and each stage's objective."""

    def __init__(self, d):
        S, T, P, C = d.sets["S"], d.sets["T"], d.sets["P"], d.sets["C"]
        self.priorities = [int(float(q)) for q in d.sets["PRI"]]
        nS, nT, nP, nC = len(S), len(T), len(P), len(C)
        si, ti, pi, ci = d.index["S"], d.index["T"], d.index["P"], d.index["C"]
        sc = d.scalars
        otshare, extra = sc.get("otshare", 0.0), sc.get("extra", 0.0)
        otall = sc.get("otall", 1.0)
        maxproj, minhours = sc.get("maxproj", 0.0), sc.get("minhours", 0.0)
        stability = sc.get("stability", 0.0)

        def keyed(name, width, default):
            """A parameter over S or S x T as a dense array."""
            out = np.full((nS, nT) if width == 2 else (nS,), default, dtype=np.float64)
            fields = d.param(name, [si, ti, float] if width == 2 else [si, float])
            out[tuple(fields[:-1])] = fields[-1]
            return out

        rate = keyed("rate", 1, np.nan)
        if np.isnan(rate).any():
            raise ValueError("rate: not given for every person")
        paidcap = keyed("paidcap", 1, 0.0)
        cap = keyed("cap", 2, 0.0)
        locked = keyed("locked", 2, 0.0)
        cells, req_given, prio_given = d.tabular_param(("req", "prio"), [ci, float, float])
        if len(np.unique(cells)) != nC:
            raise ValueError("req, prio: not given for every cell")
        req = np.zeros(nC)
        req[cells] = req_given
        prio = np.zeros(nC, dtype=np.int64)
        prio[cells] = prio_given.astype(np.int64)
        # lkon: the locked hours that count against each cell (a block serves what they leave).
        lkon = np.zeros(nC)
        if "lkon" in d.params:
            on_cells, on_given = d.param("lkon", [ci, float])
            lkon[on_cells] = on_given

        # x: one column per (c, s, t) of W[c]. ub{c in C, (s,t) in W[c]} has no
        # default, so a valid data file gives ub exactly over W: its keys are
        # the hours columns (in the writer's order, allot's column order).
        xc, xs, xt, xub = d.param("ub", [ci, si, ti, float])
        nx = len(xc)
        code = (xc * nS + xs) * nT + xt
        order = np.argsort(code, kind="stable")
        sorted_code = code[order]
        if nx > 1 and (np.diff(sorted_code) == 0).any():
            raise ValueError("ub: an hours column is given twice")

        def column(cells, s, t, what):
            """The x columns of cells (array) for person s and period t (arrays or scalars)."""
            want = (cells * nS + s) * nT + t
            at = np.searchsorted(sorted_code, want)
            at = np.minimum(at, max(nx - 1, 0))
            if nx == 0 or (sorted_code[at] != want).any():
                raise ValueError(f"{what}: names an hours column that W does not have")
            return order[at]

        # WST[s,t]: the cells of each person and period's capacity row.
        wst_s, wst_t, wst_c = [], [], []
        for (s, t), cells in d.indexed.get("WST", []):
            wst_c.append(cells)
            wst_s.append(np.full(len(cells), si[s]))
            wst_t.append(np.full(len(cells), ti[t]))
        wst_c = np.concatenate(wst_c) if wst_c else np.zeros(0, dtype=np.int64)
        wst_s = np.concatenate(wst_s) if wst_s else np.zeros(0, dtype=np.int64)
        wst_t = np.concatenate(wst_t) if wst_t else np.zeros(0, dtype=np.int64)
        wst_x = column(wst_c, wst_s, wst_t, "WST") if len(wst_c) else np.zeros(0, dtype=np.int64)

        # CAP: person-periods with some WST cell or more locked hours than capacity.
        has = np.zeros((nS, nT), dtype=bool)
        has[wst_s, wst_t] = True
        has |= locked > cap
        cap_s, cap_t = np.nonzero(has)  # in S, T order, as setof{s in S, t in T: ...}
        ncap = len(cap_s)
        cap_row = np.full((nS, nT), -1, dtype=np.int64)
        cap_row[cap_s, cap_t] = np.arange(ncap)

        # u: one column per pool k and cell of KC[k].
        K = d.sets.get("K", [])
        ki = d.index.get("K", {})
        pools, given = d.param("lk", [ki, float])
        lk = np.zeros(len(K))
        lk[pools] = given
        uk, uc = [], []
        for (k,), cells in d.indexed.get("KC", []):
            uc.append(cells)
            uk.append(np.full(len(cells), ki[k]))
        uk = np.concatenate(uk) if uk else np.zeros(0, dtype=np.int64)
        uc = np.concatenate(uc) if uc else np.zeros(0, dtype=np.int64)
        # CK is KC seen from the cell: the demand rows take the u columns of
        # CK[c], which must be the same pairs.
        ck = sorted((k, ci[c]) for (c,), members in d.indexed.get("CK", []) for k in members.tolist())
        if ck != sorted(zip(uk.tolist(), uc.tolist())):
            raise ValueError("CK is not KC seen from the cells")
        nu = len(uk)

        # Stability: moved[g] for g in G with gr[g] > 0.
        G = d.sets.get("G", [])
        gi = d.index.get("G", {})
        gr = np.zeros(len(G))
        gs = np.zeros(len(G), dtype=np.int64)
        gt = np.zeros(len(G), dtype=np.int64)
        if G:
            at, gs_given, gt_given, gr_given = d.tabular_param(("gs", "gt", "gr"), [gi, si, ti, float])
            if len(np.unique(at)) != len(G):
                raise ValueError("gs, gt, gr: not given for every assignment of G")
            gs[at], gt[at], gr[at] = gs_given, gt_given, gr_given
        gc_g, gc_x = [], []
        for (g,), cells in d.indexed.get("GC", []):
            n = gi[g]
            gc_g.append(np.full(len(cells), n))
            gc_x.append(column(cells, gs[n], gt[n], "GC"))
        gc_g = np.concatenate(gc_g) if gc_g else np.zeros(0, dtype=np.int64)
        gc_x = np.concatenate(gc_x) if gc_x else np.zeros(0, dtype=np.int64)
        moving = np.nonzero(gr > 0)[0] if stability > 0 else np.zeros(0, dtype=np.int64)
        nm = len(moving)
        moved_of = np.full(len(G), -1, dtype=np.int64)
        moved_of[moving] = np.arange(nm)

        # The integer policies: assigned[s,p] and works[s,p,t].
        SP = d.sets.get("SP", [])
        LSP = d.sets.get("LSP", [])
        SPT = d.sets.get("SPT", [])
        LSPT = d.sets.get("LSPT", [])
        sp_pairs = list(zip(SP[0::2], SP[1::2]))
        spt_triples = list(zip(SPT[0::3], SPT[1::3], SPT[2::3]))
        lspt = set(zip(LSPT[0::3], LSPT[1::3], LSPT[2::3]))
        lsp = list(zip(LSP[0::2], LSP[1::2]))
        na = len(sp_pairs) if maxproj > 0 else 0
        works_triples = [k for k in spt_triples if k not in lspt] if minhours > 0 else []
        nw = len(works_triples)
        cspt = {key: members for key, members in d.indexed.get("CSPT", [])}

        # Column layout: x | o | u | moved | assigned | works.
        o0 = nx
        u0 = o0 + ncap
        m0 = u0 + nu
        a0 = m0 + nm
        w0 = a0 + na
        n = w0 + nw
        lower = np.zeros(n)
        upper = np.empty(n)
        upper[:nx] = xub
        upper[o0:u0] = cap[cap_s, cap_t] * otshare
        upper[u0:m0] = np.minimum(lk[uk], req[uc])
        upper[m0:a0] = INF
        upper[a0:n] = 1.0
        sp_index = {pair: a0 + j for j, pair in enumerate(sp_pairs)} if na else {}
        for pair in lsp if na else ():  # lockedon: assigned[s,p] = 1, as the bounds [1, 1]
            lower[sp_index[pair]] = 1.0

        rows = Rows()
        # capacity{(s,t) in CAP}: sum x[c,s,t] - o[s,t] <= cap - locked.
        rhs = cap[cap_s, cap_t] - locked[cap_s, cap_t]
        rows.add(ncap, -INF, rhs,
                 np.concatenate([cap_row[wst_s, wst_t], np.arange(ncap)]),
                 np.concatenate([wst_x, o0 + np.arange(ncap)]),
                 np.concatenate([np.ones(len(wst_x)), -np.ones(ncap)]))
        # regular{(s,t) in CAP: otall = 0 and otshare > 0}: the priorities not in OTP within capacity.
        if otall == 0 and otshare > 0:
            allowed = {int(float(q)) for q in d.sets.get("OTP", [])}
            keep = ~np.isin(prio[wst_c], list(allowed))
            rs = cap_row[wst_s[keep], wst_t[keep]]
            used, local = np.unique(rs, return_inverse=True)  # rows with no such cell are empty: left out
            rows.add(len(used), -INF, np.maximum(0.0, rhs[used]), local, wst_x[keep], np.ones(int(keep.sum())))
        # lockedpool{k in K}: sum u[k,c] <= lk[k].
        if K:
            rows.add(len(K), -INF, lk, uk, u0 + np.arange(nu), np.ones(nu))
        # demand{c in C: card(W[c]) > 0 or card(CK[c]) > 0}: sum x + sum u <= req[c].
        has_cell = np.zeros(nC, dtype=bool)
        has_cell[xc] = True
        has_cell[uc] = True
        demand_cells = np.nonzero(has_cell)[0]
        demand_row = np.full(nC, -1, dtype=np.int64)
        demand_row[demand_cells] = np.arange(len(demand_cells))
        rows.add(len(demand_cells), -INF, req[demand_cells],
                 np.concatenate([demand_row[xc], demand_row[uc]]),
                 np.concatenate([np.arange(nx), u0 + np.arange(nu)]),
                 np.ones(nx + nu))
        # budget{p in P: budgetroom[p] >= 0}: sum rate[s] x over the cells of PC[p] <= budgetroom[p].
        room_p = np.full(nP, -1.0)  # budgetroom's default: no budget
        projects, given = d.param("budgetroom", [pi, float])
        room_p[projects] = given
        project_of = np.full(nC, -1, dtype=np.int64)
        for (p,), cells in d.indexed.get("PC", []):
            project_of[cells] = pi[p]
        px = project_of[xc]
        inx = np.nonzero(px >= 0)[0]
        budgeted = inx[room_p[px[inx]] >= 0]
        used, local = np.unique(px[budgeted], return_inverse=True)  # a project without columns: an empty row, left out
        rows.add(len(used), -INF, room_p[used], local, budgeted, rate[xs[budgeted]])
        # stable{g in G: stability > 0 and gr[g] > 0}: sum x of GC[g] - moved[g] <= gr[g].
        if nm:
            keep = moved_of[gc_g] >= 0
            rows.add(nm, -INF, gr[moving],
                     np.concatenate([moved_of[gc_g[keep]], np.arange(nm)]),
                     np.concatenate([gc_x[keep], m0 + np.arange(nm)]),
                     np.concatenate([np.ones(int(keep.sum())), -np.ones(nm)]))
        # The integer policies (rows one by one: they are small, and only on team-sized datasets).
        if na or nw:
            room = np.maximum(0.0, cap * (1 + otshare) - locked)

            def hours_of(key):
                s, p, t = key
                cells = cspt[key]
                return column(cells, si[s], ti[t], "CSPT"), float(req[cells].sum()), room[si[s], ti[t]], \
                    max(0.0, float((req[cells] - lkon[cells]).sum()))

            if na:
                # projects{s}: sum assigned[s,p] <= max(maxproj, card of LSP for s).
                by_person = {}
                for pair in sp_pairs:
                    by_person.setdefault(pair[0], []).append(sp_index[pair])
                locked_count = {}
                for s, _ in lsp:
                    locked_count[s] = locked_count.get(s, 0) + 1
                for s, columns in by_person.items():
                    rows.add(1, -INF, [max(maxproj, locked_count.get(s, 0))], np.zeros(len(columns), dtype=np.int64),
                             np.array(columns), np.ones(len(columns)))
                # link{(s,p,t) in SPT}: hours <= min(room, D) x assigned[s,p].
                for key in spt_triples:
                    x, demand, r, _ = hours_of(key)
                    rows.add(1, -INF, [0.0], np.zeros(len(x) + 1, dtype=np.int64),
                             np.append(x, sp_index[key[0], key[1]]), np.append(np.ones(len(x)), -min(r, demand)))
            for j, key in enumerate(works_triples):
                x, demand, r, left = hours_of(key)
                w = w0 + j
                # most: hours <= min(room, D) x works; least: hours >= min(minhours, D less the
                # locked hours on it) x works.
                rows.add(1, -INF, [0.0], np.zeros(len(x) + 1, dtype=np.int64), np.append(x, w),
                         np.append(np.ones(len(x)), -min(r, demand)))
                rows.add(1, [0.0], INF, np.zeros(len(x) + 1, dtype=np.int64), np.append(x, w),
                         np.append(np.ones(len(x)), -min(minhours, left)))

        # Objectives. Priority q: its x and u columns.
        self.stage_columns = {}
        xq, uq = prio[xc], prio[uc]
        for q in self.priorities:
            self.stage_columns[q] = np.concatenate([np.nonzero(xq == q)[0], u0 + np.nonzero(uq == q)[0]])
        # Locked hours count against the matching demand: a stage before the
        # priorities serves the most of it with them (allocation.mod's stage
        # -5), held after.
        self.locked_columns = u0 + np.arange(nu)
        # Cost: hourly pay, overtime, stability (allocation.mod's stage 0).
        cost = np.zeros(n)
        cost[:nx] = (1 - paidcap[xs]) * rate[xs]
        cost[o0:u0] = (extra + paidcap[cap_s]) * rate[cap_s]
        if stability > 0 and len(G):
            cost[m0:a0] = 2 * stability
            sign = np.where(gr[gc_g] > 0, -stability, stability)
            np.add.at(cost, gc_x, sign)
        self.cost = cost
        # The constants allot counts in the cost stage's optimum and the model
        # leaves out (as the COST line of allocation.mod prints them).
        self.cost_constant = (sc.get("lockedcost", 0.0) + sc.get("fixedcost", 0.0) + sc.get("stabconst", 0.0)
                              + stability * float(np.abs(gr).sum()))

        self.columns = n
        self.integers = na + nw
        # Who and which project each hours column is (bench/forced_projects.py).
        self.x_staff, self.x_project = xs, px
        # Which cell and period (bench/shape_bounds.py).
        self.x_cell, self.x_period = xc, xt
        self.cell_ids, self.period_ids = [v.strip("'") for v in C], [v.strip("'") for v in T]
        self.staff_ids, self.project_ids = [v.strip("'") for v in S], [v.strip("'") for v in P]
        h = highspy.Highs()
        h.setOptionValue("output_flag", False)
        h.addVars(n, lower, upper)
        starts, index, value, row_lower, row_upper = rows.csr()
        self.rows = len(row_lower)
        self.non_zeros = len(index)
        h.addRows(self.rows, row_lower, row_upper, len(index), starts, index, value)
        if self.integers:
            h.changeColsIntegrality(self.integers, np.arange(a0, n, dtype=np.int32),
                                    np.full(self.integers, highspy.HighsVarType.kInteger))
        self.all_columns = np.arange(n, dtype=np.int32)
        self.h = h


class Rows:
    """Row families gathered as (row, column, value) triplets, numbered in
    the order they are added, then handed over once in CSR form."""

    def __init__(self):
        self.lower, self.upper, self.r, self.c, self.v = [], [], [], [], []
        self.count = 0

    def add(self, m, lower, upper, row, col, val):
        """m rows, numbered 0..m-1 within the family; a bound is one number or m."""
        self.lower.append(np.broadcast_to(np.asarray(lower, dtype=np.float64), (m,)))
        self.upper.append(np.broadcast_to(np.asarray(upper, dtype=np.float64), (m,)))
        self.r.append(np.asarray(row, dtype=np.int64) + self.count)
        self.c.append(np.asarray(col, dtype=np.int64))
        self.v.append(np.asarray(val, dtype=np.float64))
        self.count += m

    def csr(self):
        r, c, v = np.concatenate(self.r), np.concatenate(self.c), np.concatenate(self.v)
        order = np.lexsort((c, r))
        r, c, v = r[order], c[order], v[order]
        starts = np.searchsorted(r, np.arange(self.count)).astype(np.int32)
        return (starts, c.astype(np.int32), v, np.concatenate(self.lower), np.concatenate(self.upper))


# --- The stages ---------------------------------------------------------------


def solve(model, time_limit, mip_gap, primal_priorities=False):
    """Each priority, then cost, on the one HiGHS model; returns the stages
    and the overall status. primal_priorities: the priority stages after the
    first run primal simplex (simplex_strategy 4) rather than HiGHS's choice."""
    h = model.h
    if model.integers:
        h.setOptionValue("mip_rel_gap", mip_gap)
    started = time.perf_counter()
    stages = []
    plan = ([("locked", "locked")] if len(model.locked_columns) else []) + \
        [(f"priority-{q}", q) for q in model.priorities] + [("cost", None)]
    for name, q in plan:
        left = time_limit - (time.perf_counter() - started)
        if left <= 0:
            return stages, f"time limit before {name}"
        # HiGHS's time_limit counts the run time of every run() of the model so far.
        h.setOptionValue("time_limit", h.getRunTime() + left)
        costs = np.zeros(model.columns)
        if q is None:
            costs = model.cost
            h.changeObjectiveSense(highspy.ObjSense.kMinimize)
        else:
            costs[model.locked_columns if q == "locked" else model.stage_columns[q]] = 1.0
            h.changeObjectiveSense(highspy.ObjSense.kMaximize)
        h.changeColsCost(model.columns, model.all_columns, costs)
        if primal_priorities:
            later = any(st["name"].startswith("priority-") for st in stages)
            h.setOptionValue("simplex_strategy", 4 if q not in (None, "locked") and later else 1)
        t0 = time.perf_counter()
        if q not in (None, "locked") and len(model.stage_columns[q]) == 0:
            # A priority no column serves: staffed 0, nothing to hold (as allot skips its solve).
            stages.append({"name": name, "objective": 0.0, "seconds": 0.0, "iterations": 0, "status": "Optimal"})
            continue
        h.run()
        seconds = time.perf_counter() - t0
        status = h.getModelStatus()
        info = h.getInfo()
        stage = {"name": name, "objective": None, "seconds": round(seconds, 4),
                 "iterations": int(info.simplex_iteration_count), "status": h.modelStatusToString(status)}
        stages.append(stage)
        if status != highspy.HighsModelStatus.kOptimal:
            return stages, f"{name}: {stage['status']}"
        x = np.asarray(h.getSolution().col_value)
        if q is None:
            stage["objective"] = float(x @ model.cost) + model.cost_constant
        else:
            # held[q]: the staffed hours as allocation.mod sums them (SOLVED), held
            # at z - tol x max(1, z).
            columns = model.locked_columns if q == "locked" else model.stage_columns[q]
            z = float(x[columns].sum())
            stage["objective"] = z
            h.addRow(z - TOLERANCE * max(1.0, z), INF, len(columns), columns.astype(np.int32),
                     np.ones(len(columns)))
    return stages, "optimal"


def optimal_face(instance, tolerance_percent, exit_on_failure=False):
    """The model of INSTANCE (an `allot export --to mathprog` file) with every
    stage solved and held, and the cost held as allot's shaping holds it: at
    its optimum + tolerance_percent + 1e-8 x max(1, z). Returns (model,
    stages), or (None, status) when a stage does not end optimal
    (bench/forced_projects.py, bench/shape_bounds.py); with exit_on_failure,
    prints the status as JSON and exits 1 instead."""
    with open(instance, encoding="utf-8") as f:
        model = Model(Data(f.read()))
    stages, status = solve(model, 3600, 1e-4)
    if status != "optimal":
        if exit_on_failure:
            print(json.dumps({"status": status}))
            sys.exit(1)
        return None, status
    h = model.h
    x = np.asarray(h.getSolution().col_value)
    z = float(x @ model.cost)
    slack = TOLERANCE * max(1.0, abs(z)) + tolerance_percent / 100 * abs(z + model.cost_constant)
    nonzero = np.nonzero(model.cost)[0]
    h.addRow(-INF, z + slack, len(nonzero), nonzero.astype(np.int32), model.cost[nonzero])
    return model, stages


def check(stages, plan_dir, relative):
    """Each stage against allot's stage_optima of the same name."""
    with open(os.path.join(plan_dir, "plan.json")) as f:
        optima = {s["name"]: s["objective"] for s in json.load(f)["stage_optima"]}
    out = {}
    for stage in stages:
        allot = optima.get(stage["name"])
        mine = stage["objective"]
        if allot is None or mine is None:
            continue
        out[stage["name"]] = {"allot": allot, "highs": mine,
                              "agrees": abs(allot - mine) <= relative * max(1.0, abs(allot))}
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("instance",
                        help="MathProg data written by allot export PLAN_DIR --to mathprog --include-cost")
    parser.add_argument("--time-limit", type=float, default=3600,
                        help="seconds for all stages together, as allot's time limit (default 3600)")
    parser.add_argument("--mip-gap", type=float, default=1e-4,
                        help="HiGHS's mip_rel_gap for the integer policies (default 1e-4, allot's default)")
    parser.add_argument("--check", metavar="PLAN_DIR", help="compare each stage with PLAN_DIR/plan.json")
    parser.add_argument("--primal-priorities", action="store_true",
                        help="solve the priority stages after the first with primal simplex (the basis the stage "
                             "before left stays primal feasible), the cost stage with dual simplex; by default "
                             "HiGHS chooses (dual simplex)")
    args = parser.parse_args()

    start = time.perf_counter()
    with open(args.instance, encoding="utf-8") as f:
        data = Data(f.read())
    read = time.perf_counter()
    model = Model(data)
    del data
    built = time.perf_counter()
    stages, status = solve(model, args.time_limit, args.mip_gap, args.primal_priorities)
    solved = time.perf_counter()
    result = {
        "read_s": round(read - start, 4),
        "build_s": round(built - read, 4),
        "solve_s": round(solved - built, 4),
        "total_s": round(solved - start, 4),
        "status": status,
        "stages": stages,
        "columns": model.columns,
        "rows": model.rows,
        "non_zeros": model.non_zeros,
        "integer_columns": model.integers,
        "highs": model.h.version(),
        "primal_priorities": args.primal_priorities,
    }
    failed = False
    if args.check:
        tolerance = max(AGREEMENT, args.mip_gap) if model.integers else AGREEMENT
        result["check"] = check(stages, args.check, tolerance)
        failed = any(not c["agrees"] for c in result["check"].values())
    sys.stdout.flush()
    print(json.dumps(result))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
