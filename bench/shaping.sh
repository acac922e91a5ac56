#!/usr/bin/env bash
# What the shaping stage buys and costs: acme and bench tiers (M and L by
# default), planned with shaping off and on (release build, --timings). Writes
# bench/shaping.md: per plan the solve time, the shaping stage's time and its
# share of the solve, and the four shape figures (runs per person and project,
# projects per person and the most, people per project-skill-period,
# assignments under 4 h); then each dataset at shaping.cost_tolerance_percent
# 0, 0.5, 1 and 2 (cost, shaping time, shape). Exits 1 if a tolerance changes
# a priority's staffed hours.
#
#   bench/shaping.sh             # TIERS="M L" by default; about 15 minutes on 2 cores
#   TIERS="S M" bench/shaping.sh
#   TIERS= bench/shaping.sh      # acme only
#   REPEAT=5 bench/shaping.sh    # runs per plan of the first table (3 by default)
set -euo pipefail
cd "$(dirname "$0")/.."
tiers=${TIERS-M L}
repeat=${REPEAT:-3}
swift build -c release --product allot >&2
allot=.build/release/allot
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
datasets=("acme:datasets/acme")
for t in $tiers; do
  python3 bench/generate.py "$t" "$work/tier-$t" > /dev/null
  datasets+=("tier $t:$work/tier-$t")
done
# Each run appends a shaping: line to a copy's allot.yaml: a dataset with one
# already would be refused for the duplicate key.
for entry in "${datasets[@]}"; do
  if grep -q '^shaping:' "${entry#*:}/allot.yaml"; then
    echo "shaping.sh: ${entry#*:}/allot.yaml has a shaping: key already; remove it for this run" >&2
    exit 1
  fi
done
# Written whole at the end: a run that stops leaves bench/shaping.md as it was.
result="$work/shaping.md"
# plan_with DIR SHAPING: plans a copy of dataset DIR with the line SHAPING
# appended to its allot.yaml (nothing when empty) into $work/plan.
plan_with() {
  local copy="$work/copy"
  rm -rf "$copy"
  cp -r "$1" "$copy"
  if [ -n "$2" ]; then echo "$2" >> "$copy/allot.yaml"; fi
  "$allot" plan "$copy" --out "$work/plan" --timings --progress off > /dev/null
}

{
  echo "# The shaping stage: what it buys and what it costs"
  echo
  echo "Written by \`bench/shaping.sh\` (release build, \`--timings\`), $(date -u +%Y-%m-%d), $(nproc) cores."
  echo "Solve = the stages' seconds in summary.json; shaping = the shaping stage's."
  echo "Shape: runs per person and project / projects per person (most) / people per project, skill and period / assignments under 4 h."
  echo
  echo "Times: the median of $repeat runs, and the share's range over them (the machine's timing noise is large)."
  echo
  echo "| plan | shaping | solve s | shaping s | share of solve (range) | shape |"
  echo "|---|---|---|---|---|---|"
  for entry in "${datasets[@]}"; do
    label=${entry%%:*}
    dir=${entry#*:}
    for mode in off on; do
      runs=()
      for ((i = 1; i <= repeat; i++)); do
        if [ "$mode" = off ]; then plan_with "$dir" "shaping: {enabled: false}"; else plan_with "$dir" ""; fi
        cp "$work/plan/summary.json" "$work/run-$i.json"
        runs+=("$work/run-$i.json")
      done
      python3 - "$label" "$mode" "${runs[@]}" <<'EOF'
import json, statistics, sys
label, mode, *paths = sys.argv[1:]
solves, shapings, shares = [], [], []
for path in paths:
    s = json.load(open(path))
    stages = s["solver"]["stages"]
    solve = sum(x.get("seconds", 0) for x in stages)
    shaping = sum(x.get("seconds", 0) for x in stages if x["name"] == "shaping")
    solves.append(solve)
    shapings.append(shaping)
    shares.append(100 * shaping / solve)
h = s["shape"]
shape = (f"{h['runs_per_person_and_project']:.2f} / {h['projects_per_person']:.2f} ({h['most_projects']}) / "
         f"{h['people_per_project_skill_period']:.2f} / {h['assignments_under_4h_percent']:.1f}%")
share = f"{statistics.median(shares):.0f}% ({min(shares):.0f}-{max(shares):.0f}%)" if mode == "on" else ""
print(f"| {label} | {mode} | {statistics.median(solves):.2f} | {statistics.median(shapings):.2f} | {share} | {shape} |")
EOF
    done
  done
  echo
  echo "**The cost tolerance** (\`shaping.cost_tolerance_percent\`): how much the cost may rise while"
  echo "shaping picks the plan. The priorities' staffed hours are the same in every row."
  echo
  echo "| plan | tolerance | cost | above tolerance 0 | shaping s | shape |"
  echo "|---|---|---|---|---|---|"
  for entry in "${datasets[@]}"; do
    label=${entry%%:*}
    dir=${entry#*:}
    base=""
    for tolerance in 0 0.5 1 2; do
      plan_with "$dir" "shaping: {enabled: true, cost_tolerance_percent: $tolerance}"
      line=$(python3 - "$label" "$tolerance" "$work/plan/summary.json" "$base" "$work/staffed-$label" <<'EOF'
import json, sys
label, tolerance, path, base, staffed_file = sys.argv[1:]
s = json.load(open(path))
staffed = " ".join(f"{p['priority']}:{p['staffed']}" for p in s["priorities"])
if not base:
    open(staffed_file, "w").write(staffed)
elif open(staffed_file).read() != staffed:
    sys.exit(f"{label} at {tolerance}%: staffed hours {staffed}, at 0% {open(staffed_file).read()}")
cost = s["cost"]["total"]
shaping = sum(x.get("seconds", 0) for x in s["solver"]["stages"] if x["name"] == "shaping")
h = s["shape"]
shape = (f"{h['runs_per_person_and_project']:.2f} / {h['projects_per_person']:.2f} ({h['most_projects']}) / "
         f"{h['people_per_project_skill_period']:.2f} / {h['assignments_under_4h_percent']:.1f}%")
above = f"+{cost - float(base):,.0f} ({100 * (cost - float(base)) / float(base):.2f}%)" if base else ""
print(f"{cost}\t| {label} | {tolerance}% | {cost:,.0f} | {above} | {shaping:.2f} | {shape} |")
EOF
      )
      if [ -z "$base" ]; then base=${line%%$'\t'*}; fi
      echo "${line#*$'\t'}"
    done
  done
} > "$result"
mv "$result" bench/shaping.md
cat bench/shaping.md

