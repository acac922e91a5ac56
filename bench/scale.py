#!/usr/bin/env python3
"""Scale beyond tier XL on paper: how time and memory grow with the portfolio.

    bench/scale.py [TIER ...]                  # runs allot on each tier (default: S M)
    bench/scale.py --from "${TMPDIR:-/tmp}/allot-bench-last.json"  # the tiers bench/run.py measured

For each tier (bench/generate.py, seed 1) it records the people, the hours
columns allot's size check counts (`allot plan --max-columns 1` refuses
every model and says how many hours columns it would have, before building
anything), the model's rows and columns, and the total time and peak memory
of `allot plan --objective lexicographic` and `weighted` (the hidden
`--profile`). It then fits power laws, y = a x^b by least squares on the
logarithms:

  - hours columns against people;
  - time and peak memory against hours columns;

over the tiers of 52 weeks (M, L, XL; S has 26 weeks, so it only counts when
fewer than two 52-week tiers were run). From them it states what a
10,000-person portfolio shaped like the tiers would need, and what allot does
at that size: a tier of 10,000 people (bench/generate.py XXL) is generated
and `allot plan XXL --max-columns 1` gives its hours columns exactly, to set
against the default limit of `--max-columns`.

bench/run.py appends the same section to bench/RESULTS.md from its own run
(so every figure there is from one run); run on its own, this script prints
it. The statement for 10,000 people is made only from the three 52-week tiers
(M, L and XL, the full run); fewer tiers give their table and no extrapolation.
"""
import argparse
import json
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ALLOT = os.environ.get("ALLOT", os.path.join(ROOT, ".build/release/allot"))
PEOPLE = {"S": 50, "M": 200, "L": 500, "XL": 2000, "XXL": 10000}
WEEKS = {"S": 26, "M": 52, "L": 52, "XL": 52, "XXL": 52}
TARGET_PEOPLE = 10_000
# Planner.defaultMaxColumns (Sources/AllotCore/Solving/Planner.swift): the
# size past which allot refuses a model unless --max-columns raises it.
DEFAULT_MAX_COLUMNS = 3_000_000
ESTIMATE = re.compile(r"about ([\d,]+) hours columns \(about ([\d.,]+ [MG]B) of memory\)")


def log(*args):
    print(*args, file=sys.stderr, flush=True)


def estimate(data):
    """What allot's size check says of a dataset (exit 65, before any model is built): the
    hours columns and allot's own estimate of the memory they need."""
    p = subprocess.run([ALLOT, "plan", data, "--max-columns", "1", "--out", data + "-refused"],
                       capture_output=True, text=True)
    m = ESTIMATE.search(p.stderr + p.stdout)
    if p.returncode != 65 or not m:
        raise SystemExit(f"allot plan {data} --max-columns 1 did not refuse with an estimate ({p.returncode}): "
                         f"{p.stderr.strip()[-300:]}")
    return int(m.group(1).replace(",", "")), m.group(2)


def hours_columns(data):
    """The hours columns allot's size check counts for a dataset."""
    return estimate(data)[0]


def generate(tier, folder):
    subprocess.run([sys.executable, os.path.join(ROOT, "bench/generate.py"), tier, folder], check=True)


def plan_profile(data, out, objective):
    profile = out + ".profile.json"
    subprocess.run([ALLOT, "plan", data, "--objective", objective, "--out", out, "--profile", profile,
                    "--progress", "off"], check=True, capture_output=True)
    with open(profile) as f:
        return json.load(f)


def point(tier, hours, lexicographic, weighted):
    """One tier's figures, as the fit reads them."""
    return {
        "tier": tier, "people": PEOPLE[tier], "weeks": WEEKS[tier], "hours_columns": hours,
        "columns": lexicographic["columns"], "rows": lexicographic["rows"],
        "lexicographic_s": lexicographic["total_s"], "lexicographic_mb": lexicographic["peak_rss_mb"],
        "weighted_s": weighted["total_s"], "weighted_mb": weighted["peak_rss_mb"],
    }


def fit(xs, ys):
    """(a, b) of y = a x^b, least squares on log y against log x."""
    lx, ly = [math.log(x) for x in xs], [math.log(y) for y in ys]
    n = len(lx)
    mx, my = sum(lx) / n, sum(ly) / n
    sxx = sum((x - mx) ** 2 for x in lx)
    b = sum((x - mx) * (y - my) for x, y in zip(lx, ly)) / sxx
    return math.exp(my - b * mx), b


def seconds(s):
    if s >= 2 * 3600:
        return f"{s / 3600:,.1f} h"
    if s >= 120:
        return f"{s / 60:,.0f} min"
    return f"{s:,.1f} s"


def megabytes(mb):
    return f"{mb / 1024:,.1f} GB" if mb >= 1024 else f"{mb:,.0f} MB"


def section(points, probe):
    """The markdown section: the measured tiers, the fits and the 10,000-person statement.
    probe: (hours columns, allot's memory estimate) of tier XXL (10,000 people), or None."""
    probe_columns, probe_memory = probe if probe is not None else (None, None)
    out = []
    w = out.append
    w("## Scale beyond XL, on paper\n")
    w("How time and memory grow from tier to tier (`bench/scale.py`): hours columns as allot's size check "
      "counts them (`allot plan --max-columns 1`), the model's rows, and total time and peak memory of "
      "`allot plan`.\n")
    w("| tier | people | weeks | hours columns | rows | lexicographic s | peak MB | weighted s | peak MB |")
    w("|---|---|---|---|---|---|---|---|---|")
    for p in points:
        w(f"| {p['tier']} | {p['people']:,} | {p['weeks']} | {p['hours_columns']:,} | {p['rows']:,} "
          f"| {p['lexicographic_s']:.2f} | {p['lexicographic_mb']:.0f} | {p['weighted_s']:.2f} "
          f"| {p['weighted_mb']:.0f} |")
    used = [p for p in points if p["weeks"] == 52]
    if len(used) < 2:
        used = points
    if len(used) < 2:
        w("\nOne tier gives no growth to fit; run at least two.")
        return "\n".join(out) + "\n"
    names = ", ".join(p["tier"] for p in used)
    if len([p for p in used if p["weeks"] == 52]) < 3:
        # A line through two small tiers put a 10,000-person plan at 5
        # minutes and 662 MB, against 18 hours and 8.7 GB from M, L and XL.
        w(f"\nTiers {names} are too few and too small to extrapolate from: the statement for 10,000 people "
          "needs the three 52-week tiers M, L and XL (`bench/run.sh` with its default tiers).")
        return "\n".join(out) + "\n"
    w(f"\nPower laws y = a x^b fitted by least squares on the logarithms, over tiers {names}:\n")
    cols = fit([p["people"] for p in used], [p["hours_columns"] for p in used])
    fits = {
        "lexicographic time": (fit([p["hours_columns"] for p in used], [p["lexicographic_s"] for p in used]),
                               seconds),
        "lexicographic peak": (fit([p["hours_columns"] for p in used], [p["lexicographic_mb"] for p in used]),
                               megabytes),
        "weighted time": (fit([p["hours_columns"] for p in used], [p["weighted_s"] for p in used]), seconds),
        "weighted peak": (fit([p["hours_columns"] for p in used], [p["weighted_mb"] for p in used]), megabytes),
    }
    predicted = cols[0] * TARGET_PEOPLE ** cols[1]
    base = probe_columns if probe_columns is not None else predicted
    w("| quantity | against | exponent b | at 10,000 people |")
    w("|---|---|---|---|")
    w(f"| hours columns | people | {cols[1]:.2f} | {predicted:,.0f} (fitted)"
      + (f"; {probe_columns:,} counted on tier XXL |" if probe_columns is not None else " |"))
    for name, ((a, b), unit) in fits.items():
        w(f"| {name} | hours columns | {b:.2f} | {unit(a * base ** b)} |")
    w("")
    basis = ("the hours columns allot counts on tier XXL (`bench/generate.py XXL`: 10,000 people, 1,600 projects, "
             "100 skills, 52 weeks; people, projects and skills grown from XL as they grow from tier to tier)"
             if probe_columns is not None else "the fitted hours columns")
    lex = fits["lexicographic time"][0]
    lexmb = fits["lexicographic peak"][0]
    w(f"At 10,000 people, from {basis}: about {base:,.0f} hours columns, so a lexicographic plan would take "
      f"about {seconds(lex[0] * base ** lex[1])} and {megabytes(lexmb[0] * base ** lexmb[1])} of memory on this "
      "machine, if the growth measured here held that far"
      + (f" (allot's own estimate of the memory, from its size check: {probe_memory})."
         if probe_memory else "."))
    if base > DEFAULT_MAX_COLUMNS:
        w(f"That is past the default `--max-columns` of {DEFAULT_MAX_COLUMNS:,} hours columns, so allot refuses "
          "such a portfolio before building anything (exit 65), with its estimate of columns and memory and "
          "how to fix it (shorter horizon, month periods, a split portfolio, or a larger `--max-columns`).")
    else:
        w(f"That is within the default `--max-columns` of {DEFAULT_MAX_COLUMNS:,} hours columns, so allot "
          "plans it, in about the time above.")
    return "\n".join(out) + "\n"


def probe_xxl(work):
    """The hours columns of a 10,000-person tier and allot's memory estimate, without building the model."""
    folder = os.path.join(work, "XXL")
    generate("XXL", folder)
    try:
        return estimate(folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("tiers", nargs="*", default=["S", "M"], help="tiers to run (default: S M)")
    parser.add_argument("--from", dest="source", metavar="RAW.json",
                        help="the raw figures bench/run.py keeps ($TMPDIR/allot-bench-last.json) instead of runs")
    parser.add_argument("--no-probe", action="store_true", help="do not generate tier XXL to count its columns")
    args = parser.parse_args()
    work = tempfile.mkdtemp(prefix="allot-scale-")
    try:
        points = []
        if args.source:
            with open(args.source) as f:
                raw = json.load(f)
            for tier, r in raw.items():
                if "hours_columns" not in r:
                    raise SystemExit(f"{args.source}: tier {tier} has no hours_columns (written by an older run.py)")
                points.append(point(tier, r["hours_columns"], r["lexicographic"], r["weighted"]))
        else:
            for tier in args.tiers:
                log(f"tier {tier}: generating, counting, planning")
                data = os.path.join(work, tier)
                generate(tier, data)
                hours = hours_columns(data)
                lex = plan_profile(data, os.path.join(work, f"{tier}-l"), "lexicographic")
                weighted = plan_profile(data, os.path.join(work, f"{tier}-w"), "weighted")
                points.append(point(tier, hours, lex, weighted))
        probe = None if args.no_probe else probe_xxl(work)
        print(section(points, probe))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
