#!/usr/bin/env bash
# allot's benchmark: one command, writes bench/RESULTS.md. Not part of make test.
#
#   bench/run.sh                  # tiers S M L (TIERS="S M L XL" for all; XL takes long)
#
# Per tier, on a dataset from bench/generate.py (seed 1):
#   - allot plan --objective weighted and lexicographic (release build), with
#     the time of each phase (load, validate, build, solve per stage, interpret,
#     write), model size and peak memory (allot plan --profile);
#   - glpsol on the weighted model allot exports (allot export --to lp): the
#     floor for a GLPK-based tool, with glpsol's default (primal) and --dual;
# and on tier M, compare with its 8 scenarios: --jobs 1 cold against --jobs 2 warm.
set -euo pipefail
cd "$(dirname "$0")/.."
tiers=${TIERS:-S M L}
swift build -c release --product allot >&2
allot=$PWD/.build/release/allot
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }
field() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print(d$2)" "$1"; }

rows=()
for tier in $tiers; do
  echo "tier $tier" >&2
  data="$work/$tier"
  python3 bench/generate.py "$tier" "$data"
  "$allot" plan "$data" --objective weighted --out "$work/$tier-w" --profile "$work/$tier-w.json" --progress off > /dev/null
  "$allot" export "$work/$tier-w" --to lp --out "$work/$tier.lp"
  t0=$(now); glpsol --lp "$work/$tier.lp" --tmlim 3600 -o "$work/$tier-primal.txt" > /dev/null; t1=$(now)
  glpsol --lp "$work/$tier.lp" --dual --tmlim 3600 -o "$work/$tier-dual.txt" > /dev/null; t2=$(now)
  primal=$(elapsed "$t0" "$t1"); dual=$(elapsed "$t1" "$t2")
  "$allot" plan "$data" --objective lexicographic --out "$work/$tier-l" --profile "$work/$tier-l.json" --progress off > /dev/null
  rows+=("$(python3 - "$work/$tier-w.json" "$work/$tier-l.json" "$tier" "$primal" "$dual" <<'PY'
import json, sys
w, l = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
tier, primal, dual = sys.argv[3], float(sys.argv[4]), float(sys.argv[5])
floor = min(primal, dual)
overhead = lambda d: d["build_s"] + d["interpret_s"] + d["write_s"]
print(f"| {tier} | {w['rows']:,} | {w['columns']:,} | {w['non_zeros']:,} "
      f"| {w['total_s']:.2f} (build {w['build_s']:.2f}, solve {w['solve_s']:.2f}, interpret {w['interpret_s']:.2f}, write {w['write_s']:.2f}) "
      f"| {primal:.2f} / {dual:.2f} | {w['total_s'] / floor:.2f} "
      f"| {l['total_s']:.2f} ({', '.join(s['name'] + ' ' + format(s['seconds'], '.2f') for s in l['stages'])}) "
      f"| {l['total_s'] / w['total_s']:.2f} | {100 * overhead(w) / w['total_s']:.1f}% / {100 * overhead(l) / l['total_s']:.1f}% "
      f"| {max(w['peak_rss_mb'], l['peak_rss_mb']):.0f} |")
PY
)")
done

compare=""
if [[ " $tiers " == *" M "* ]]; then
  echo "compare on M" >&2
  t0=$(now); "$allot" compare "$work/M" --out "$work/cmp1" --jobs 1 --cold > /dev/null; t1=$(now)
  "$allot" compare "$work/M" --out "$work/cmp2" --jobs 2 > /dev/null; t2=$(now)
  compare="| M, base + 8 scenarios | $(elapsed "$t0" "$t1") | $(elapsed "$t1" "$t2") |"
fi

{
  echo "# allot benchmarks"
  echo
  echo "Written by \`bench/run.sh\` (TIERS=\"$tiers\"), $(date -u +%Y-%m-%d), release build."
  echo
  echo "- machine: $(nproc) cores, $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1), $(free -g | awk '/Mem:/ { print $2 }') GiB"
  echo "- swift: $(swift --version 2>&1 | head -1); GLPK $(dpkg-query -W -f '${Version}' libglpk40 2>/dev/null)"
  echo "- datasets: \`bench/generate.py TIER DIR\` (seed 1); times are wall seconds of one run"
  echo
  echo "| tier | rows | columns | non-zeros | weighted: total s (phases) | glpsol on the same model: primal / dual s | weighted / best glpsol | lexicographic: total s (stages) | lexicographic / weighted | build+interpret+write share (weighted / lexicographic) | peak MB |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|"
  printf '%s\n' "${rows[@]}"
  if [ -n "$compare" ]; then
    echo
    echo "| compare | --jobs 1, cold: s | --jobs 2, warm: s |"
    echo "|---|---|---|"
    echo "$compare"
  fi
} > bench/RESULTS.md
cat bench/RESULTS.md
