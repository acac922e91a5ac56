#!/usr/bin/env bash
# Solves an allot instance stage by stage with glpsol on models/allocation.mod,
# independently of allot: priority 1 first, then each next priority with the
# optima before it held, then the least cost with all of them held
# (docs/how-it-works.md).
#
#   allot plan DATASET --write-mathprog-data instance.dat
#   models/solve-stages.sh instance.dat
#
# Prints one line per priority, "STAFFED <priority> <hours>", then "COST <total>".
# Needs glpsol (Debian: apt-get install glpk-utils). GLPSOL_OPTIONS overrides the
# glpsol options (default "--cuts --fpump": without cuts GLPK takes minutes on
# the MIP policies, see bench/mip-settings.md); GLPSOL_OPTIONS= runs its defaults.
set -euo pipefail
data=${1:?usage: solve-stages.sh INSTANCE.dat}
here=$(cd "$(dirname "$0")" && pwd)
model="$here/allocation.mod"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The priorities, from the data's "set PRI := 1 2 3;" line.
priorities=$(sed -n 's/^set PRI :=\(.*\);$/\1/p' "$data")
holds=""
# With the integer policies, GLPK's integrality tolerance (1e-5) lets a binary
# in a big-M row carry up to 1e-5 x M hours more than an exact plan, so a
# stage's incumbent can sit just above what the next stage can reach with the
# same binaries: such optima are held with a relative tolerance of 1e-6
# (1e-8, as in allot, otherwise).
tol=""
if grep -Eq '^param (minhours|maxproj) := [0-9.]*[1-9]' "$data"; then tol="param tol := 1e-6;"; fi
run_stage() { # $1 = stage number
  { echo "data;"; echo "param stage := $1;"; [ -n "$holds" ] && echo "param hold := $holds;"; echo "$tol"; echo "end;"; } > "$work/stage.dat"
  glpsol ${GLPSOL_OPTIONS---cuts --fpump} -m "$model" -d "$data" -d "$work/stage.dat" > "$work/out.txt" 2>&1 || { cat "$work/out.txt" >&2; exit 1; }
  grep -q "^STAGE $1\$" "$work/out.txt" || { cat "$work/out.txt" >&2; exit 1; }
}
for q in $priorities; do
  run_stage "$q"
  solved=$(awk -v q="$q" '$1 == "SOLVED" && $2 == q { print $3 }' "$work/out.txt")
  holds="$holds $q $solved"
done
run_stage 0
grep -E '^(STAFFED|COST) ' "$work/out.txt"
