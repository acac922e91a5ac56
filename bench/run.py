#!/usr/bin/env python3
"""allot's benchmark driver (run it through bench/run.sh, which builds allot).

For each tier (bench/generate.py, seed 1) it measures, in one run:
  - allot plan --objective weighted and lexicographic (release build): the time
    of each phase (load, validate, build, solve and each stage, interpret,
    write), peak memory and model size, from the hidden `allot plan --profile`;
  - the same weighted run with `--pricing full` (every column free from the
    start: allot before partial pricing), on the tiers in FULL_PRICING_TIERS;
  - glpsol solving allot's own exported weighted model (`allot export --to lp`)
    with its default options: the floor for a GLPK-based tool;
  - the same formulation written with PuLP (bench/pulp_route.py on
    `allot export --to mathprog`), solved through PuLP's GLPK route; PuLP is
    installed from PyPI into a throwaway virtual environment;
and on tier M, `allot compare` with its 8 scenarios: --jobs 1 and 2, warm and
cold. Every route's objective is checked against allot's. It writes
bench/RESULTS.md and prints it.

Environment: TIERS (default "S M L XL"), FULL_PRICING_TIERS (default "S M L"),
ROUTE_LIMIT (seconds for each glpsol and PuLP solve, default 900), ALLOT
(the binary, default .build/release/allot).
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


def allot_plan(data, out, objective, pricing=None):
    profile = out + ".profile.json"
    cmd = [ALLOT, "plan", data, "--objective", objective, "--out", out, "--profile", profile, "--progress", "off"]
    if pricing:
        cmd += ["--pricing", pricing]
    p = subprocess.run(cmd, capture_output=True, text=True)
    if p.returncode != 0:
        raise SystemExit(f"allot plan failed ({p.returncode}): {p.stderr}")
    prof = json.load(open(profile))
    plan = json.load(open(os.path.join(out, "plan.json")))
    prof["optimum"] = plan["stage_optima"][0]["objective"] if objective == "weighted" else None
    return prof


def glpsol_route(work, tier, plan_dir):
    lp = os.path.join(work, f"{tier}.lp")
    # The export carries the objective's constant as a column fixed at 1, so
    # glpsol's objective is the plan's, constant included.
    subprocess.run([ALLOT, "export", plan_dir, "--to", "lp", "--out", lp], check=True)
    # -o to a regular file in the work folder (never a device path: docs/solver-notes.md §8.1).
    report = os.path.join(work, f"{tier}-glpsol.txt")
    wall, peak, p = timed(["glpsol", "--lp", lp, "--tmlim", str(ROUTE_LIMIT), "-o", report], limit=ROUTE_LIMIT + 120)
    result = {"seconds": wall, "peak_mb": peak, "objective": None, "status": "killed"}
    if p is not None:
        text = open(report).read() if os.path.exists(report) else ""
        m = re.search(r"Objective:\s+\S+\s+=\s+(\S+)", text)
        status = re.search(r"Status:\s+(\S+)", text)
        result["status"] = status.group(1) if status else "no report"
        if m and result["status"] == "OPTIMAL":
            result["objective"] = float(m.group(1))
    return result


def pulp_route(work, tier, plan_dir, python):
    dat = os.path.join(work, f"{tier}.dat")
    subprocess.run([ALLOT, "export", plan_dir, "--to", "mathprog", "--out", dat], check=True)
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


def install_pulp(work):
    venv = os.path.join(work, "venv")
    try:
        subprocess.run([sys.executable, "-m", "venv", venv], check=True, capture_output=True)
        subprocess.run([os.path.join(venv, "bin/pip"), "install", "--quiet", "pulp==3.3.2"], check=True, capture_output=True)
        version = subprocess.run([os.path.join(venv, "bin/python"), "-c", "import pulp; print(pulp.__version__)"],
                                 check=True, capture_output=True, text=True).stdout.strip()
        return os.path.join(venv, "bin/python"), version
    except subprocess.CalledProcessError as e:
        log(f"PuLP could not be installed: {e.stderr}")
        return None, None


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
    work = tempfile.mkdtemp(prefix="allot-bench-")
    try:
        python, pulp_version = install_pulp(work)
        tiers = {}
        for tier in TIERS:
            log(f"tier {tier}: generating")
            data = os.path.join(work, tier)
            subprocess.run([sys.executable, os.path.join(ROOT, "bench/generate.py"), tier, data], check=True)
            r = {}
            log(f"tier {tier}: allot weighted")
            r["weighted"] = allot_plan(data, os.path.join(work, f"{tier}-w"), "weighted")
            log(f"tier {tier}: allot lexicographic")
            r["lexicographic"] = allot_plan(data, os.path.join(work, f"{tier}-l"), "lexicographic")
            if tier in FULL_PRICING_TIERS:
                log(f"tier {tier}: allot weighted, --pricing full")
                r["full"] = allot_plan(data, os.path.join(work, f"{tier}-wf"), "weighted", pricing="full")
            log(f"tier {tier}: glpsol (limit {ROUTE_LIMIT} s)")
            r["glpsol"] = glpsol_route(work, tier, os.path.join(work, f"{tier}-w"))
            if python:
                log(f"tier {tier}: PuLP (limit {ROUTE_LIMIT} s)")
                r["pulp"] = pulp_route(work, tier, os.path.join(work, f"{tier}-w"), python)
            tiers[tier] = r
            shutil.rmtree(os.path.join(work, f"{tier}-wf"), ignore_errors=True)
            # The raw figures so far, in case a later tier fails.
            with open(os.path.join(tempfile.gettempdir(), "allot-bench-last.json"), "w") as f:
                json.dump(tiers, f, indent=1)

        compare = []
        if "M" in tiers:
            for jobs in (1, 2):
                for warm in (False, True):
                    log(f"compare on M: --jobs {jobs}, {'warm' if warm else 'cold'}")
                    cmd = [ALLOT, "compare", os.path.join(work, "M"), "--out", os.path.join(work, f"cmp-{jobs}-{warm}"),
                           "--jobs", str(jobs), "--format", "json"] + ([] if warm else ["--cold"])
                    wall, peak, p = timed(cmd)
                    compare.append((jobs, warm, wall, peak, p.returncode))
        write_results(tiers, compare, pulp_version)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def write_results(tiers, compare, pulp_version):
    cpu, mem, swift, glpk, commit = machine()
    out = []
    w = out.append
    w("# allot benchmarks\n")
    w(f"Written by `bench/run.sh` on {datetime.date.today().isoformat()} (TIERS=\"{' '.join(tiers)}\", "
      f"ROUTE_LIMIT={ROUTE_LIMIT} s); every figure below is from that one run. Release build, wall seconds.\n")
    w(f"- machine: {os.cpu_count()} cores, {cpu}, {mem:.0f} GiB")
    w(f"- {swift}; GLPK {glpk}; PuLP {pulp_version or 'not installed'}")
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
        for key in ("weighted", "lexicographic", "full"):
            if key not in r:
                continue
            p = r[key]
            stages = ", ".join(f"{s['name']} {s['seconds']:.2f} ({s['iterations']:,} it.)" for s in p["stages"])
            peaks = p.get("peak_rss_mb_after", {})
            label = "weighted, --pricing full (before)" if key == "full" else key
            w(f"| {tier} | {label} | {p['load_s']:.3f} | {p['validate_s']:.3f} | {p['build_s']:.3f} | {p['solve_s']:.2f} ({stages}) "
              f"| {p['interpret_s']:.3f} | {p['write_s']:.3f} | **{p['total_s']:.2f}** | {100 * overhead(p):.1f}% | {p['pricing_rounds']} "
              f"| {p['peak_rss_mb']:.0f} ({peaks.get('build', 0):.0f} / {peaks.get('solve', 0):.0f} / {peaks.get('interpret', 0):.0f}) |")

    w("\n## The same weighted model through glpsol and through PuLP\n")
    w("glpsol solves `allot export --to lp` of the weighted plan with its defaults (primal simplex, "
      "presolver off); PuLP builds the formulation of models/allocation.mod from `allot export --to mathprog` "
      "and solves it with `GLPK_CMD` (bench/pulp_route.py). Objectives are compared with allot's weighted optimum "
      "(relative 1e-6).\n")
    w("| tier | allot weighted s | glpsol s (peak MB) | allot / glpsol | PuLP s: parse + build + solve (peak MB) | PuLP / allot | objectives agree |")
    w("|---|---|---|---|---|---|---|")
    for tier, r in tiers.items():
        a = r["weighted"]
        g = r["glpsol"]
        q = r.get("pulp")
        g_done = g["objective"] is not None
        g_text = f"{g['seconds']:.2f} ({fmt(g['peak_mb'], 0)})" if g_done else f"> {ROUTE_LIMIT} ({g['status']})"
        ratio = f"{a['total_s'] / g['seconds']:.2f}" if g_done else f"< {a['total_s'] / ROUTE_LIMIT:.2f}"
        if q and q.get("objective") is not None:
            q_text = f"{q['seconds']:.2f}: {q['parse_s']:.2f} + {q['build_s']:.2f} + {q['solve_s']:.2f} ({fmt(q['peak_mb'], 0)})"
            q_ratio = f"{q['seconds'] / a['total_s']:.2f}"
        elif q:
            q_text = f"> {ROUTE_LIMIT} ({q.get('status')})"
            q_ratio = f"> {ROUTE_LIMIT / a['total_s']:.2f}"
        else:
            q_text, q_ratio = "not run (PuLP not installed)", "n/a"
        checks = []
        if g_done:
            checks.append("glpsol " + ("yes" if agree(a["optimum"], g["objective"]) else f"NO ({g['objective']} vs {a['optimum']})"))
        if q and q.get("objective") is not None:
            checks.append("PuLP " + ("yes" if agree(a["optimum"], q["objective"]) else f"NO ({q['objective']} vs {a['optimum']})"))
        w(f"| {tier} | {a['total_s']:.2f} | {g_text} | {ratio} | {q_text} | {q_ratio} | {', '.join(checks) or 'n/a'} |")

    if compare:
        w("\n## allot compare on M: base + 8 scenarios\n")
        w("| --jobs | start | wall s | peak MB | exit |")
        w("|---|---|---|---|---|")
        for jobs, warm, wall, peak, rc in compare:
            w(f"| {jobs} | {'warm (from the base basis)' if warm else 'cold (--cold)'} | {wall:.2f} | {fmt(peak, 0)} | {rc} |")

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
            else:
                w(f"| weighted <= {TARGET_GLPSOL_RATIO}x glpsol | {tier} | glpsol did not finish in {ROUTE_LIMIT} s; allot {a['total_s']:.2f} s | met |")
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
    notes = os.path.join(ROOT, "bench/NOTES.md")
    if os.path.exists(notes):
        w("\n" + open(notes).read().rstrip())
    text = "\n".join(out) + "\n"
    with open(os.path.join(ROOT, "bench/RESULTS.md"), "w") as f:
        f.write(text)
    print(text)


if __name__ == "__main__":
    main()
