#!/usr/bin/env python3
"""allot's benchmark driver (run it through bench/run.sh, which builds allot).

For each tier (bench/generate.py, seed 1) it measures, in one run:
  - allot plan --objective weighted and lexicographic (release build): the time
    of each phase (load, validate, build, solve and each stage, interpret,
    write), peak memory and model size, from the hidden `allot plan --profile`;
  - the same weighted run with `--pricing full` (every column free from the
    start: allot before partial pricing), on the tiers in FULL_PRICING_TIERS;
  - both plans again with `--engine clp` (COIN-OR CLP as the LP engine), every
    stage optimum checked against the GLPK plan's;
  - glpsol solving allot's own exported weighted model (`allot export --to lp`)
    with its default options: the floor for a GLPK-based tool;
  - the same formulation written with PuLP (bench/pulp_route.py on
    `allot export --to mathprog`), solved through PuLP's GLPK route;
  - the lexicographic problem solved with HiGHS through highspy, the peer
    (bench/highs_route.py on `allot export --to mathprog` of the
    lexicographic plan): every priority stage and the cost stage, with holds,
    warm-started as HiGHS does, its read + build and solve times apart, each
    stage's optimum checked against allot's;
  - the hours columns allot's size check counts (`allot plan --max-columns 1`),
    for the scale section (bench/scale.py), and those of a 10,000-person tier;
PuLP and highspy are installed from PyPI into a throwaway virtual environment.
On tier M it runs `allot compare` with its 8 scenarios: --jobs 1 and 2, warm
and cold; on tier L, --jobs 2 warm, with each engine. Every route's objective is checked
against allot's (a disagreement makes the run exit 1). It writes
bench/RESULTS.md when every tier ran (S M L XL; a quick look writes
$TMPDIR/allot-bench-RESULTS.md instead) and prints it.

Environment: TIERS (default "S M L XL"), FULL_PRICING_TIERS (default "S M L"),
ROUTE_LIMIT (seconds for each glpsol and PuLP solve and for the HiGHS stages
together, default 900), ALLOT (the binary, default .build/release/allot).
"""
import datetime
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time

import scale

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ALLOT = os.environ.get("ALLOT", os.path.join(ROOT, ".build/release/allot"))
TIERS = os.environ.get("TIERS", "S M L XL").split()
FULL_PRICING_TIERS = os.environ.get("FULL_PRICING_TIERS", "S M L").split()
ROUTE_LIMIT = int(os.environ.get("ROUTE_LIMIT", "900"))
# Targets of the benchmark issue.
TARGET_GLPSOL_RATIO = 1.15   # weighted end to end / glpsol, tiers M and L
TARGET_LEXI_RATIO = 2.0      # lexicographic / weighted
TARGET_OVERHEAD = 0.10       # (build + interpret + write) / total
TARGET_XL_MB = 4096          # peak memory on XL
# Targets of the speed issue (lexicographic at portfolio scale, HiGHS as the peer).
TARGET_HIGHS_RATIO = 0.8     # allot lexicographic end to end / HiGHS's solve, tiers M and L
TARGET_LEXI_S = {"M": 1.0, "L": 15.0, "XL": 300.0}
TARGET_XL_LEXI_MB = 1536     # 1.5 GB
TARGET_XL_WEIGHTED_S = 150.0
TARGET_COMPARE_L_S = 120.0   # compare on L, base + 8 scenarios, --jobs 2
PULP_VERSION = "3.3.2"
HIGHSPY_VERSION = "1.16.0"


# Routes whose optimum disagrees with allot's, found while writing the results.
DISAGREEMENTS = []


def log(*args):
    print(*args, file=sys.stderr, flush=True)


def timed(cmd, limit=None, **kw):
    """Runs cmd under /usr/bin/time; returns (wall seconds, peak MB, completed process)."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as t:
        started = time.monotonic()
        try:
            p = subprocess.run(["/usr/bin/time", "-f", "%M", "-o", t.name] + cmd, capture_output=True, text=True,
                               timeout=limit, **kw)
        except subprocess.TimeoutExpired:
            return time.monotonic() - started, None, None
        wall = time.monotonic() - started
        lines = [x for x in open(t.name).read().split() if x.isdigit()]
        return wall, (int(lines[-1]) / 1024 if lines else None), p


def allot_plan(data, out, objective, pricing=None, engine=None):
    profile = out + ".profile.json"
    cmd = [ALLOT, "plan", data, "--objective", objective, "--out", out, "--profile", profile, "--progress", "off"]
    if pricing:
        cmd += ["--pricing", pricing]
    if engine:
        cmd += ["--engine", engine]
    p = subprocess.run(cmd, capture_output=True, text=True)
    if p.returncode != 0:
        raise SystemExit(f"allot plan failed ({p.returncode}): {p.stderr}")
    prof = json.load(open(profile))
    plan = json.load(open(os.path.join(out, "plan.json")))
    prof["optimum"] = plan["stage_optima"][0]["objective"] if objective == "weighted" else None
    prof["stage_optima"] = {s["name"]: s["objective"] for s in plan["stage_optima"] if s["name"] != "shaping"}
    return prof


def engines_agree(tier, r):
    """Each stage optimum of the CLP plans against the GLPK plan's (relative 1e-6)."""
    bad = []
    for glpk, clp in (("weighted", "clp-weighted"), ("lexicographic", "clp-lexicographic")):
        if clp not in r:
            continue
        for name, z in r[glpk]["stage_optima"].items():
            y = r[clp]["stage_optima"].get(name)
            if y is None or not agree(z, y):
                bad.append(f"{clp} {name} ({y} vs {z})")
    if bad:
        DISAGREEMENTS.append(f"--engine clp on {tier}: " + ", ".join(bad))
    return not bad


def glpsol_route(work, tier, plan_dir):
    lp = os.path.join(work, f"{tier}.lp")
    # The export carries the objective's constant as a column fixed at 1, so
    # glpsol's objective is the plan's, constant included.
    subprocess.run([ALLOT, "export", plan_dir, "--to", "lp", "--include-cost", "--out", lp], check=True)
    # -o to a regular file in the work folder (never a device path: docs/solver-notes.md §8.1).
    report = os.path.join(work, f"{tier}-glpsol.txt")
    wall, peak, p = timed(["glpsol", "--lp", lp, "--tmlim", str(ROUTE_LIMIT), "-o", report], limit=ROUTE_LIMIT + 120)
    result = {"seconds": wall, "peak_mb": peak, "objective": None, "status": "killed"}
    if p is not None:
        text = open(report).read() if os.path.exists(report) else ""
        m = re.search(r"Objective:\s+\S+\s+=\s+(\S+)", text)
        status = re.search(r"Status:\s+(\S+)", text)
        if status:
            result["status"] = status.group(1)
        elif "TIME LIMIT EXCEEDED" in p.stdout:
            result["status"] = "time limit"
        else:
            # glpsol failed (or is missing): not a time that ran out.
            result["status"] = f"failed: exit {p.returncode} {(p.stderr or p.stdout).strip()[-160:]}"
        if m and result["status"] == "OPTIMAL":
            result["objective"] = float(m.group(1))
    return result


def ran_out(route):
    """Whether the route limit stopped a route (killed, or its own time limit), not a failure."""
    route = route or {}
    status = route.get("status", "")
    # At its time limit glpsol reports "UNDEFINED" (PuLP "Undefined" or
    # "Not Solved"): the time the route took says it ran out.
    took = max(route.get("seconds") or 0, route.get("solve_s") or 0)
    return status == "killed" or "time limit" in status.lower() or took >= 0.95 * ROUTE_LIMIT


def pulp_route(work, tier, plan_dir, python):
    dat = os.path.join(work, f"{tier}.dat")
    subprocess.run([ALLOT, "export", plan_dir, "--to", "mathprog", "--include-cost", "--out", dat], check=True)
    wall, peak, p = timed([python, os.path.join(ROOT, "bench/pulp_route.py"), dat, "--time-limit", str(ROUTE_LIMIT)],
                          limit=ROUTE_LIMIT + 600)
    result = {"seconds": wall, "peak_mb": peak, "objective": None, "status": "killed"}
    if p is not None:
        try:
            out = json.loads(p.stdout)
            result.update(out)
            result["seconds"] = wall
        except json.JSONDecodeError:
            result["status"] = f"failed: {p.stderr.strip()[-200:]}"
    return result


def highs_route(work, tier, plan_dir, python):
    """bench/highs_route.py on the lexicographic plan's MathProg export, checked against its stage optima."""
    dat = os.path.join(work, f"{tier}-l.dat")
    subprocess.run([ALLOT, "export", plan_dir, "--to", "mathprog", "--include-cost", "--out", dat], check=True)
    wall, peak, p = timed([python, os.path.join(ROOT, "bench/highs_route.py"), dat, "--time-limit", str(ROUTE_LIMIT),
                           "--check", plan_dir], limit=ROUTE_LIMIT + 600)
    os.remove(dat)
    result = {"seconds": wall, "peak_mb": peak, "status": "killed", "solve_s": None, "stages": [], "check": {}}
    if p is not None:
        # HiGHS prints its banner on standard output first; the result is the last line.
        lines = p.stdout.strip().splitlines()
        try:
            result.update(json.loads(lines[-1]))
            result["seconds"] = wall
        except (IndexError, json.JSONDecodeError):
            result["status"] = f"failed: {p.stderr.strip()[-200:]}"
    return result


def install_routes(work):
    """PuLP and highspy from PyPI in a throwaway virtual environment: (python, {package: version})."""
    venv = os.path.join(work, "venv")
    python = os.path.join(venv, "bin/python")
    try:
        subprocess.run([sys.executable, "-m", "venv", venv], check=True, capture_output=True)
    except subprocess.CalledProcessError as e:
        log(f"no virtual environment for PuLP and HiGHS: {e.stderr}")
        return None, {}
    versions = {}
    for package, pin in (("pulp", PULP_VERSION), ("highspy", HIGHSPY_VERSION)):
        try:
            subprocess.run([os.path.join(venv, "bin/pip"), "install", "--quiet", f"{package}=={pin}"], check=True,
                           capture_output=True)
            versions[package] = subprocess.run(
                [python, "-c", f"import importlib.metadata as m; print(m.version('{package}'))"],
                check=True, capture_output=True, text=True).stdout.strip()
        except subprocess.CalledProcessError as e:
            log(f"{package} could not be installed: {e.stderr}")
    return python, versions


def agree(a, b):
    return a is not None and b is not None and abs(a - b) <= 1e-6 * max(1.0, abs(a))


def fmt(v, digits=2):
    return "n/a" if v is None else f"{v:,.{digits}f}"


def overhead(p):
    return (p["build_s"] + p["interpret_s"] + p["write_s"]) / p["total_s"]


def machine():
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), platform.processor())
    mem = next((int(l.split()[1]) for l in open("/proc/meminfo") if l.startswith("MemTotal")), 0) / 1024 / 1024
    swift = subprocess.run(["swift", "--version"], capture_output=True, text=True).stdout.splitlines()[0]
    glpk = subprocess.run(["dpkg-query", "-W", "-f", "${Version}", "libglpk40"], capture_output=True, text=True).stdout
    commit = subprocess.run(["git", "-C", ROOT, "log", "-1", "--format=%h %s"], capture_output=True, text=True).stdout.strip()
    return cpu, mem, swift, glpk, commit


def main():
    # Without glpsol its route would read as "did not finish" (a target met).
    if shutil.which("glpsol") is None:
        sys.exit("bench/run.py: glpsol is not on PATH; install it (apt-get install glpk-utils) and run again")
    work = tempfile.mkdtemp(prefix="allot-bench-")
    try:
        python, versions = install_routes(work)
        tiers = {}
        for tier in TIERS:
            log(f"tier {tier}: generating")
            data = os.path.join(work, tier)
            subprocess.run([sys.executable, os.path.join(ROOT, "bench/generate.py"), tier, data], check=True)
            r = {"hours_columns": scale.hours_columns(data)}
            log(f"tier {tier}: allot weighted")
            r["weighted"] = allot_plan(data, os.path.join(work, f"{tier}-w"), "weighted")
            log(f"tier {tier}: allot lexicographic")
            r["lexicographic"] = allot_plan(data, os.path.join(work, f"{tier}-l"), "lexicographic")
            for objective in ("weighted", "lexicographic"):
                log(f"tier {tier}: allot {objective}, --engine clp")
                r[f"clp-{objective}"] = allot_plan(data, os.path.join(work, f"{tier}-c{objective[0]}"), objective,
                                                   engine="clp")
            if tier in FULL_PRICING_TIERS:
                log(f"tier {tier}: allot weighted, --pricing full")
                r["full"] = allot_plan(data, os.path.join(work, f"{tier}-wf"), "weighted", pricing="full")
            log(f"tier {tier}: glpsol (limit {ROUTE_LIMIT} s)")
            r["glpsol"] = glpsol_route(work, tier, os.path.join(work, f"{tier}-w"))
            if "pulp" in versions:
                log(f"tier {tier}: PuLP (limit {ROUTE_LIMIT} s)")
                r["pulp"] = pulp_route(work, tier, os.path.join(work, f"{tier}-w"), python)
            if "highspy" in versions:
                log(f"tier {tier}: HiGHS, lexicographic (limit {ROUTE_LIMIT} s)")
                r["highs"] = highs_route(work, tier, os.path.join(work, f"{tier}-l"), python)
            tiers[tier] = r
            for kept in ("wf", "cw", "cl"):
                shutil.rmtree(os.path.join(work, f"{tier}-{kept}"), ignore_errors=True)
            # The raw figures so far, in case a later tier fails.
            with open(os.path.join(tempfile.gettempdir(), "allot-bench-last.json"), "w") as f:
                json.dump(tiers, f, indent=1)

        compare = []
        runs = ([("M", jobs, warm, "glpk") for jobs in (1, 2) for warm in (False, True)]
                + [("M", 2, True, "clp"), ("L", 2, True, "glpk"), ("L", 2, True, "clp")])
        for tier, jobs, warm, engine in runs:
            if tier not in tiers:
                continue
            log(f"compare on {tier}: --jobs {jobs}, {'warm' if warm else 'cold'}, --engine {engine}")
            cmd = [ALLOT, "compare", os.path.join(work, tier), "--out", os.path.join(work, f"cmp-{tier}-{jobs}-{warm}"),
                   "--jobs", str(jobs), "--format", "json", "--engine", engine] + ([] if warm else ["--cold"])
            wall, peak, p = timed(cmd)
            compare.append((tier, jobs, warm, engine, wall, peak, p.returncode))
            shutil.rmtree(os.path.join(work, f"cmp-{tier}-{jobs}-{warm}"), ignore_errors=True)
        log("tier XXL: counting its hours columns (not planned)")
        probe = scale.probe_xxl(work)
        write_results(tiers, compare, versions, probe)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def highs_solved(h):
    """Whether the HiGHS route reached the cost stage's optimum."""
    return h is not None and h.get("status") == "optimal"


def highs_timed_out(h):
    """Whether the route limit stopped the HiGHS route (its own time limit, or killed past it)."""
    status = h.get("status", "")
    return status == "killed" or "time limit" in status.lower()


def write_highs(w, tiers):
    w("\n## The lexicographic problem through HiGHS, the peer\n")
    w("bench/highs_route.py reads `allot export --to mathprog` of the lexicographic plan, builds the formulation of "
      "models/allocation.mod with highspy from numpy arrays, and solves it on one HiGHS model stage by stage: each "
      "priority, then the cost, each finished stage held by a row as allot holds it (relative 1e-8); between stages "
      "only the objective changes and a hold row is added, so HiGHS starts each stage from the previous basis (the "
      "first stage starts cold with HiGHS's defaults). **What each route solves:** HiGHS the priority stages and "
      "the cost stage; allot the same stages and then shaping (three concentration LPs, a steadiness LP and, when there are slivers, a sliver LP), which "
      "its times include (the column \"allot, without shaping\" leaves that stage out). allot's time is the whole "
      "`allot plan` run (load to written files). Each HiGHS stage optimum is checked against allot's "
      "`stage_optima` (relative 1e-6). The limit applies to the HiGHS stages together.\n")
    w("The columns \"--engine clp\" are the same plan with COIN-OR CLP as allot's LP engine.\n")
    w("| tier | allot lexicographic s | allot, without shaping s | HiGHS read + build s | HiGHS solve s (stages) "
      "| allot / HiGHS solve | allot / HiGHS read+build+solve | --engine clp s | --engine clp / HiGHS solve "
      "| HiGHS peak MB | stage optima agree |")
    w("|---|---|---|---|---|---|---|---|---|---|---|")
    for tier, r in tiers.items():
        h = r.get("highs")
        if h is None:
            continue
        l = r["lexicographic"]
        shaping = sum(s["seconds"] for s in l["stages"] if s["name"] == "shaping")
        stages = ", ".join(f"{s['name']} {s['seconds']:.2f} ({s['iterations']:,} it.)" for s in h.get("stages", []))
        prep = (f"{h['read_s']:.2f} + {h['build_s']:.2f}" if "read_s" in h else "n/a")
        c = r.get("clp-lexicographic")
        clp_s = f"{c['total_s']:.2f}" if c else "n/a"
        clp_ratio = "n/a"
        if highs_solved(h):
            solve = f"{h['solve_s']:.2f} ({stages})"
            ratio = f"{l['total_s'] / h['solve_s']:.2f}"
            clp_ratio = f"{c['total_s'] / h['solve_s']:.2f}" if c else "n/a"
            whole = f"{l['total_s'] / (h['read_s'] + h['build_s'] + h['solve_s']):.2f}"
        elif highs_timed_out(h):
            solve = f"> {ROUTE_LIMIT}, did not finish ({h['status']}{'; ' + stages if stages else ''})"
            ratio = f"< {l['total_s'] / ROUTE_LIMIT:.2f}"
            clp_ratio = f"< {c['total_s'] / ROUTE_LIMIT:.2f}" if c else "n/a"
            whole = "n/a"
        else:
            solve = f"failed ({h.get('status', '').removeprefix('failed: ')}{'; ' + stages if stages else ''})"
            ratio = whole = "n/a"
        checks = h.get("check") or {}
        if checks:
            bad = [f"{name} ({c['highs']} vs {c['allot']})" for name, c in checks.items() if not c["agrees"]]
            agree_text = ("yes, " + str(len(checks)) + " stages") if not bad else "NO: " + ", ".join(bad)
            if bad:
                DISAGREEMENTS.append(f"HiGHS on {tier}")
        else:
            agree_text = "n/a"
        w(f"| {tier} | {l['total_s']:.2f} | {l['total_s'] - shaping:.2f} | {prep} | {solve} | {ratio} | {whole} "
          f"| {clp_s} | {clp_ratio} | {fmt(h.get('peak_mb'), 0)} | {agree_text} |")


def write_speed_targets(w, tier, r, engine="glpk"):
    """The targets of the speed issue for one tier, for one engine's plans."""
    prefix = "" if engine == "glpk" else "clp-"
    if f"{prefix}lexicographic" not in r:
        return
    l, a, h = r[f"{prefix}lexicographic"], r[f"{prefix}weighted"], r.get("highs")
    tier = f"{tier} --engine {engine}"
    if tier.split()[0] in TARGET_LEXI_S:
        limit = TARGET_LEXI_S[tier.split()[0]]
        w(f"| lexicographic <= {limit:.0f} s | {tier} | {l['total_s']:.2f} s "
          f"| {'met' if l['total_s'] <= limit else 'MISSED'} |")
    if tier.split()[0] in ("M", "L") and h is not None:
        if highs_solved(h):
            ratio = l["total_s"] / h["solve_s"]
            w(f"| lexicographic <= {TARGET_HIGHS_RATIO}x HiGHS's solve | {tier} | {l['total_s']:.2f} s / "
              f"{h['solve_s']:.2f} s = {ratio:.2f}x | {'met' if ratio <= TARGET_HIGHS_RATIO else 'MISSED'} |")
        elif highs_timed_out(h):
            w(f"| lexicographic <= {TARGET_HIGHS_RATIO}x HiGHS's solve | {tier} | HiGHS did not finish in "
              f"{ROUTE_LIMIT} s ({h.get('status')}); allot {l['total_s']:.2f} s "
              f"| {'met' if l['total_s'] <= TARGET_HIGHS_RATIO * ROUTE_LIMIT else 'MISSED'} |")
        else:
            w(f"| lexicographic <= {TARGET_HIGHS_RATIO}x HiGHS's solve | {tier} "
              f"| HiGHS failed ({h.get('status', '').removeprefix('failed: ')}) "
              "| not measured |")
    if tier.startswith("XL"):
        w(f"| lexicographic peak <= {TARGET_XL_LEXI_MB / 1024:.1f} GB | {tier} | {l['peak_rss_mb']:,.0f} MB "
          f"| {'met' if l['peak_rss_mb'] <= TARGET_XL_LEXI_MB else 'MISSED'} |")
        w(f"| weighted <= {TARGET_XL_WEIGHTED_S:.0f} s | {tier} | {a['total_s']:.2f} s "
          f"| {'met' if a['total_s'] <= TARGET_XL_WEIGHTED_S else 'MISSED'} |")


def write_results(tiers, compare, versions, probe):
    cpu, mem, swift, glpk, commit = machine()
    out = []
    w = out.append
    w("# allot benchmarks\n")
    w(f"Written by `bench/run.sh` on {datetime.date.today().isoformat()} (TIERS=\"{' '.join(tiers)}\", "
      f"ROUTE_LIMIT={ROUTE_LIMIT} s); every figure below is from that one run. Release build, wall seconds.\n")
    w(f"- machine: {os.cpu_count()} cores, {cpu}, {mem:.0f} GiB")
    w(f"- {swift}; GLPK {glpk}; PuLP {versions.get('pulp', 'not installed')}; "
      f"HiGHS (highspy) {versions.get('highspy', 'not installed')}")
    w(f"- allot at {commit}")
    w("- datasets: `bench/generate.py TIER DIR` (seed 1)\n")

    w("## Model size\n")
    w("| tier | people | projects | skills | weeks | rows | columns | non-zeros |")
    w("|---|---|---|---|---|---|---|---|")
    sizes = {"S": (50, 20, 20, 26), "M": (200, 60, 30, 52), "L": (500, 150, 40, 52), "XL": (2000, 400, 60, 52)}
    for tier, r in tiers.items():
        p = r["weighted"]
        w(f"| {tier} | {' | '.join(str(x) for x in sizes[tier])} | {p['rows']:,} | {p['columns']:,} | {p['non_zeros']:,} |")

    w("\n## allot plan, by phase (seconds)\n")
    w("| tier | objective | load | validate | build | solve (stages) | interpret | write | total | build+interpret+write | pricing rounds | peak MB (after build / solve / interpret) |")
    w("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for tier, r in tiers.items():
        for key in ("weighted", "lexicographic", "clp-weighted", "clp-lexicographic", "full"):
            if key not in r:
                continue
            p = r[key]
            stages = ", ".join(f"{s['name']} {s['seconds']:.2f} ({s['iterations']:,} it.)" for s in p["stages"])
            peaks = p.get("peak_rss_mb_after", {})
            label = {"full": "weighted, --pricing full (before)", "clp-weighted": "weighted, --engine clp",
                     "clp-lexicographic": "lexicographic, --engine clp"}.get(key, key)
            w(f"| {tier} | {label} | {p['load_s']:.3f} | {p['validate_s']:.3f} | {p['build_s']:.3f} | {p['solve_s']:.2f} ({stages}) "
              f"| {p['interpret_s']:.3f} | {p['write_s']:.3f} | **{p['total_s']:.2f}** | {100 * overhead(p):.1f}% | {p['pricing_rounds']} "
              f"| {p['peak_rss_mb']:.0f} ({peaks.get('build', 0):.0f} / {peaks.get('solve', 0):.0f} / {peaks.get('interpret', 0):.0f}) |")

    w("\n## The same weighted model through glpsol and through PuLP\n")
    w("glpsol solves `allot export --to lp` of the weighted plan with its defaults (primal simplex, "
      "presolver off); PuLP builds the formulation of models/allocation.mod from `allot export --to mathprog` "
      "and solves it with `GLPK_CMD` (bench/pulp_route.py). Objectives are compared with allot's weighted optimum "
      "(relative 1e-6). PuLP's total is its process's wall time: parse, build and solve, plus Python's start-up "
      "and PuLP's import.\n")
    w("| tier | allot weighted s | glpsol s (peak MB) | allot / glpsol | PuLP s: parse + build + solve (peak MB) | PuLP / allot | objectives agree |")
    w("|---|---|---|---|---|---|---|")
    for tier, r in tiers.items():
        a = r["weighted"]
        g = r["glpsol"]
        q = r.get("pulp")
        g_done = g["objective"] is not None
        if g_done:
            g_text, ratio = f"{g['seconds']:.2f} ({fmt(g['peak_mb'], 0)})", f"{a['total_s'] / g['seconds']:.2f}"
        elif ran_out(g):
            g_text, ratio = f"> {ROUTE_LIMIT} ({g['status']})", f"< {a['total_s'] / ROUTE_LIMIT:.2f}"
        else:
            g_text, ratio = f"not measured ({g['status']})", "n/a"
        if q and q.get("objective") is not None:
            q_text = f"{q['seconds']:.2f}: {q['parse_s']:.2f} + {q['build_s']:.2f} + {q['solve_s']:.2f} ({fmt(q['peak_mb'], 0)})"
            q_ratio = f"{q['seconds'] / a['total_s']:.2f}"
        elif q and ran_out(q):
            q_text = f"> {ROUTE_LIMIT} ({q.get('status')})"
            q_ratio = f"> {ROUTE_LIMIT / a['total_s']:.2f}"
        elif q:
            q_text, q_ratio = f"not measured ({q.get('status')})", "n/a"
        else:
            q_text, q_ratio = "not run (PuLP not installed)", "n/a"
        checks = []
        if g_done:
            checks.append("glpsol " + ("yes" if agree(a["optimum"], g["objective"]) else f"NO ({g['objective']} vs {a['optimum']})"))
            if not agree(a["optimum"], g["objective"]):
                DISAGREEMENTS.append(f"glpsol on {tier}")
        if q and q.get("objective") is not None:
            checks.append("PuLP " + ("yes" if agree(a["optimum"], q["objective"]) else f"NO ({q['objective']} vs {a['optimum']})"))
            if not agree(a["optimum"], q["objective"]):
                DISAGREEMENTS.append(f"PuLP on {tier}")
        w(f"| {tier} | {a['total_s']:.2f} | {g_text} | {ratio} | {q_text} | {q_ratio} | {', '.join(checks) or 'n/a'} |")

    if any(r.get("highs") for r in tiers.values()):
        write_highs(w, tiers)

    if compare:
        w("\n## allot compare: base + 8 scenarios\n")
        w("| tier | --jobs | start | engine | wall s | peak MB | exit |")
        w("|---|---|---|---|---|---|---|")
        for tier, jobs, warm, engine, wall, peak, rc in compare:
            w(f"| {tier} | {jobs} | {'warm (from the base basis)' if warm else 'cold (--cold)'} | {engine} | {wall:.2f} "
              f"| {fmt(peak, 0)} | {rc} |")

    w("\n## Targets\n")
    w("| target | tier | measured | verdict |")
    w("|---|---|---|---|")
    for tier, r in tiers.items():
        a, l, g = r["weighted"], r["lexicographic"], r["glpsol"]
        if tier in ("M", "L"):
            if g["objective"] is not None:
                ratio = a["total_s"] / g["seconds"]
                w(f"| weighted <= {TARGET_GLPSOL_RATIO}x glpsol | {tier} | {a['total_s']:.2f} s / {g['seconds']:.2f} s = {ratio:.2f}x "
                  f"| {'met' if ratio <= TARGET_GLPSOL_RATIO else 'MISSED'} |")
            elif ran_out(g):
                w(f"| weighted <= {TARGET_GLPSOL_RATIO}x glpsol | {tier} | glpsol did not finish in {ROUTE_LIMIT} s; allot {a['total_s']:.2f} s | met |")
            else:
                w(f"| weighted <= {TARGET_GLPSOL_RATIO}x glpsol | {tier} | glpsol failed ({g['status']}) | NOT MEASURED |")
        ratio = l["total_s"] / a["total_s"]
        w(f"| lexicographic <= {TARGET_LEXI_RATIO}x weighted | {tier} | {l['total_s']:.2f} s / {a['total_s']:.2f} s = {ratio:.2f}x "
          f"| {'met' if ratio <= TARGET_LEXI_RATIO else 'MISSED'} |")
        for key, p in (("weighted", a), ("lexicographic", l)):
            share = overhead(p)
            w(f"| build+interpret+write < {100 * TARGET_OVERHEAD:.0f}% | {tier} {key} | {100 * share:.1f}% "
              f"({p['build_s'] + p['interpret_s'] + p['write_s']:.3f} s of {p['total_s']:.2f} s) | {'met' if share < TARGET_OVERHEAD else 'MISSED'} |")
        if tier == "XL":
            peak = max(a["peak_rss_mb"], l["peak_rss_mb"])
            w(f"| XL completes, peak < 4 GB | XL | {a['status']} / {l['status']}, peak {peak:,.0f} MB "
              f"| {'met' if peak < TARGET_XL_MB and a['status'] == 'optimal' and l['status'] == 'optimal' else 'MISSED'} |")
        write_speed_targets(w, tier, r)
        write_speed_targets(w, tier, r, engine="clp")
        if "clp-lexicographic" in r:
            w(f"| stage optima, --engine clp = --engine glpk | {tier} | weighted and lexicographic, relative 1e-6 "
              f"| {'met' if engines_agree(tier, r) else 'MISSED'} |")
    for tier, jobs, warm, engine, wall, peak, rc in compare:
        if tier == "L" and jobs == 2 and warm:
            w(f"| compare, base + 8 scenarios, --jobs 2 <= {TARGET_COMPARE_L_S:.0f} s | L --engine {engine} | {wall:.2f} s (exit {rc}) "
              f"| {'met' if wall <= TARGET_COMPARE_L_S and rc == 0 else 'MISSED'} |")
    points = [scale.point(tier, r["hours_columns"], r["lexicographic"], r["weighted"]) for tier, r in tiers.items()]
    w("\n" + scale.section(points, probe).rstrip())
    w("\nThe scale figures come from this run's tiers; run on its own, `bench/scale.py` measures the tiers it is "
      "given the same way.")
    notes = os.path.join(ROOT, "bench/NOTES.md")
    if os.path.exists(notes):
        w("\n" + open(notes).read().rstrip())
    text = "\n".join(out) + "\n"
    # Only the full run replaces the committed results: a quick look
    # (TIERS="S M") would put its figures in place of the hour-long run's.
    full = all(t in tiers for t in ("S", "M", "L", "XL"))
    path = os.path.join(ROOT, "bench/RESULTS.md") if full else os.path.join(tempfile.gettempdir(), "allot-bench-RESULTS.md")
    with open(path, "w") as f:
        f.write(text)
    print(text)
    log(f"written to {path}" + ("" if full else " (not every tier ran, so bench/RESULTS.md is left as it is)"))
    # A route whose optimum disagrees with allot's fails the run.
    if DISAGREEMENTS:
        log("optimum disagrees with allot's: " + ", ".join(DISAGREEMENTS) + " (see the tables above)")
        sys.exit(1)


if __name__ == "__main__":
    main()
