#!/usr/bin/env bash
# allot's benchmark: one command, writes bench/RESULTS.md. Not part of make test.
#
#   bench/run.sh                      # tiers S M L XL, an hour or more on 2 cores
#   TIERS="S M" bench/run.sh          # a quick look, to $TMPDIR/allot-bench-RESULTS.md
#
# Builds allot (release) and runs bench/run.py, which says what is measured:
# allot plan by phase (weighted, lexicographic, and weighted with every column
# free from the start, as before partial pricing; both again with --engine clp),
# glpsol on allot's exported
# model, the same formulation through PuLP, the lexicographic problem through
# HiGHS (highspy; PuLP and highspy installed from PyPI into a throwaway
# virtual environment), compare on tier M (--jobs 1/2, warm/cold) and on L
# (--jobs 2), and the scale section (bench/scale.py).
# Needs python3 with venv and pip, glpsol (glpk-utils) and /usr/bin/time.
# ROUTE_LIMIT (default 900) caps each glpsol and PuLP solve and the HiGHS
# stages together, in seconds.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product allot >&2
exec python3 bench/run.py
