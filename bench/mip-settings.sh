#!/usr/bin/env bash
# Measures GLPK branch-and-bound settings on allot's MIP policies and writes
# bench/mip-settings.md. Two instances:
#   datasets/policies                    small: time to the proven optimum (median of 3)
#   acme with max_projects_per_person 3 and min_hours_per_assignment 8
#                                        hard: what each setting reaches in LIMIT s
# and glpsol on datasets/policies' MathProg model, default against --cuts --fpump.
#
#   bench/mip-settings.sh               # LIMIT=60 by default; takes about 6 minutes
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=bench/acme-mip-setup.bash
source bench/acme-mip-setup.bash

seconds() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }
settings=("cuts=on,cover=off,fp=on,presolve=off" "cuts=off,cover=off,fp=on,presolve=off" "cuts=on,cover=off,fp=off,presolve=off"
          "cuts=on,cover=on,fp=on,presolve=off" "cuts=on,cover=off,fp=on,presolve=on" "cuts=off,cover=off,fp=off,presolve=off")
{
  echo "# GLPK branch-and-bound settings for the MIP policies"
  echo
  echo "Written by \`bench/mip-settings.sh\` (LIMIT=$limit s, release build), $(date -u +%Y-%m-%d), $(nproc) cores, GLPK $(dpkg-query -W -f '${Version}' libglpk40 2>/dev/null)."
  echo "The first row is allot's default."
  echo
  echo "| settings | policies: seconds to optimum (median of 3) | acme-mip in $limit s: status | P1 staffed | stage gaps |"
  echo "|---|---|---|---|---|"
  for s in "${settings[@]}"; do
    times=()
    for _ in 1 2 3; do
      t0=$(date +%s.%N)
      "$allot" plan datasets/policies --out "$work/p" --mip-settings "$s" --progress off > /dev/null
      t1=$(date +%s.%N)
      times+=("$(seconds "$t0" "$t1")")
    done
    median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n 2p)
    "$allot" plan "$work/acme-mip" --out "$work/a" --mip-settings "$s" --time-limit "$limit" --progress off > /dev/null
    read -r status p1 gaps < <(python3 - "$work/a/summary.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
p1 = next((p["staffed"] for p in d["priorities"] if p["priority"] == 1), 0)
gaps = ";".join(f'{s["name"]}={s.get("gap", "-") if s["status"] != "not solved" else "n/a"}' for s in d["solver"]["stages"])
print(d["status"], p1, gaps)
PY
)
    echo "| \`$s\` | $median | $status | $p1 | $gaps |"
  done
  echo
  "$allot" plan datasets/policies --out "$work/p" --write-mathprog-data "$work/policies.dat" --progress off > /dev/null
  echo "glpsol on datasets/policies (models/solve-stages.sh, all stages):"
  echo
  for opts in "--cuts --fpump" ""; do
    t0=$(date +%s.%N)
    if GLPSOL_OPTIONS="$opts" timeout 300 models/solve-stages.sh "$work/policies.dat" > /dev/null 2>&1; then result="solved"; else result="not solved within 300 s"; fi
    t1=$(date +%s.%N)
    echo "- \`glpsol ${opts:-(defaults)}\`: $result in $(seconds "$t0" "$t1") s"
  done
} > bench/mip-settings.md
cat bench/mip-settings.md
