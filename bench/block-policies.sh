#!/usr/bin/env bash
# The block policies at portfolio size: acme with max_projects_per_person 3
# and min_hours_per_assignment 8, planned with --time-limit LIMIT (60 s by
# default), and the LP plan of acme for its shape. Adds this run's rows to the
# table of bench/block-policies.md (its earlier rows and notes are the record
# of every session, kept): per stage its status, objective and proven gap;
# the staffed hours per priority; the four shape figures of each plan.
#
#   bench/block-policies.sh                  # release build, about 2 minutes
#   BEFORE=/path/to/older/allot bench/block-policies.sh   # adds that binary's row
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=bench/acme-mip-setup.bash
source bench/acme-mip-setup.bash

run() { # $1 label, $2 binary, $3 dataset, $4 extra options
  local out="$work/$1"
  local t0 t1
  t0=$(date +%s.%N)
  # shellcheck disable=SC2086
  "$2" plan "$3" --out "$out" --progress off $4 > /dev/null || true
  t1=$(date +%s.%N)
  python3 - "$1" "$out" "$t0" "$t1" <<'EOF'
import json, sys
label, out, t0, t1 = sys.argv[1], sys.argv[2], float(sys.argv[3]), float(sys.argv[4])
s = json.load(open(out + "/summary.json"))
stages = "; ".join(
    f"{x['name']} {x['status']}" + (f" {100 * x['gap']:.3f}%" if x.get("gap") is not None else "")
    for x in s["solver"]["stages"] if x["name"] != "shaping")
staffed = ", ".join(f"P{p['priority']} {p['staffed']:,.1f}" for p in s["priorities"])
h = s["shape"]
shape = (f"{h['runs_per_person_and_project']:.2f} / {h['projects_per_person']:.2f} ({h['most_projects']}) / "
         f"{h['people_per_project_skill_period']:.2f} / {h['assignments_under_4h_percent']:.1f}%")
print(f"| {label} | {t1 - t0:.1f} | {s['status']} | {stages} | {staffed} | {shape} |")
EOF
}

day=$(date -u +%Y-%m-%d)
commit=$(git log -1 --format=%h)
{
  if [ -n "${BEFORE:-}" ]; then run "acme-mip, $limit s, before ($BEFORE), $day" "$BEFORE" "$work/acme-mip" "--time-limit $limit"; fi
  run "acme-mip, $limit s, commit $commit, $day, $(nproc) cores" "$allot" "$work/acme-mip" "--time-limit $limit"
  run "acme (LP, shaped), commit $commit, $day" "$allot" datasets/acme ""
} > "$work/rows.md"
# The new rows go at the end of the file's table; the rest stays as it is.
python3 - bench/block-policies.md "$work/rows.md" <<'EOF'
import sys
path, rows = sys.argv[1], open(sys.argv[2]).read().splitlines()
lines = open(path).read().splitlines()
header = next(i for i, l in enumerate(lines) if l.startswith("| plan | seconds |"))
end = header + 2
while end < len(lines) and lines[end].startswith("| "):
    end += 1
open(path, "w").write("\n".join(lines[:end] + rows + lines[end:]) + "\n")
EOF
cat "$work/rows.md"
