#!/usr/bin/env bash
# Times `allot compare` on a dataset: cold and sequential (--cold --jobs 1)
# against warm and parallel (--jobs 2, the default warm start), RUNS times
# each, and writes bench/compare-results.md with the machine and the medians.
#
#   bench/compare.sh [DATASET]          # default datasets/acme, RUNS=5
#
# Not part of `make test`. Builds allot in release mode first.
set -euo pipefail
cd "$(dirname "$0")/.."
dataset=${1:-datasets/acme}
runs=${RUNS:-5}
swift build -c release --product allot >&2
allot=.build/release/allot
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
time_runs() { # label, then allot arguments
  local label=$1; shift
  for _ in $(seq "$runs"); do
    local t0 t1
    t0=$(date +%s.%N)
    "$allot" compare "$dataset" --out "$out/c" "$@" > /dev/null
    t1=$(date +%s.%N)
    awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }'
  done | median | xargs printf '%s %.3f\n' "$label"
}

{
  time_runs cold-sequential --cold --jobs 1
  time_runs warm-sequential --jobs 1
  time_runs cold-parallel --cold --jobs 2
  time_runs warm-parallel --jobs 2
} > "$out/times.txt"
scenarios=$(sed -n 's/^  - name: //p' "$dataset/allot.yaml" | wc -l)
{
  echo "# allot compare: cold and sequential against warm and parallel"
  echo
  echo "Written by \`bench/compare.sh $dataset\` (RUNS=$runs, median wall time of the whole command, release build)."
  echo
  echo "- date: $(date -u +%Y-%m-%d)"
  echo "- machine: $(nproc) cores, $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1), $(free -g | awk '/Mem:/ { print $2 }') GiB"
  echo "- swift: $(swift --version 2>&1 | head -1)"
  echo "- GLPK: $(dpkg-query -W -f '${Version}' libglpk40 2>/dev/null || echo unknown)"
  echo "- dataset: $dataset, base + $scenarios scenarios"
  echo
  echo "| mode | seconds |"
  echo "|---|---|"
  awk '{ printf "| %s | %s |\n", $1, $2 }' "$out/times.txt"
} > bench/compare-results.md
cat bench/compare-results.md
