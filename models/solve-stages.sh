#!/usr/bin/env bash
# Solves an allot instance stage by stage with glpsol on models/allocation.mod,
# independently of allot: priority 1 first, then each next priority with the
# optima before it held, then the least cost with all of them held
# (docs/how-it-works.md).
#
#   allot plan DATASET --write-mathprog-data instance.dat
#   models/solve-stages.sh instance.dat
#
# Prints one line per priority, "STAFFED <priority> <hours>", then "COST <total>";
# with shaping on in the data, then the shaping lines described below.
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
extra=""
lockedhold=""
run_stage() { # $1 = stage number; $extra = more data (the shaping stages' holds and weights)
  { echo "data;"; echo "param stage := $1;"; [ -n "$holds" ] && echo "param hold := $holds;"; echo "$tol"
    echo "$lockedhold"; echo "$extra"; echo "end;"; } > "$work/stage.dat"
  glpsol ${GLPSOL_OPTIONS---cuts --fpump} -m "$model" -d "$data" -d "$work/stage.dat" > "$work/out.txt" 2>&1 || { cat "$work/out.txt" >&2; exit 1; }
  grep -q "^STAGE $1\$" "$work/out.txt" || { cat "$work/out.txt" >&2; exit 1; }
}
# Locked hours count against the matching demand: first the most of it they
# can serve (stage -5), held in every stage after.
if grep -Eq '^param lk := *[^; ]' "$data"; then
  run_stage -5
  lockedhold="param lockedhold := $(awk '$1 == "LOCKEDSERVED" { print $2 }' "$work/out.txt");"
fi
for q in $priorities; do
  run_stage "$q"
  solved=$(awk -v q="$q" '$1 == "SOLVED" && $2 == q { print $3 }' "$work/out.txt")
  holds="$holds $q $solved"
done
run_stage 0
grep -E '^(STAFFED|COST) ' "$work/out.txt"
grep -Eq '^param shaping := 1;$' "$data" || exit 0

# Shaping (docs/how-it-works.md, "Shaping"), as allot does it: every optimum
# held, the cost too; three concentration LPs (stage -2) weighting an hour of
# person s on project p by 1 / (1 + hours of the pair so far, locked hours
# included); pairs left without hours (no column above 1e-7, no locked hours)
# fixed at 0; then one steadiness LP (stage -3): the total variation of each
# kept pair's hours plus 16 / (1 + hours of its plan row so far) per hour;
# then, when the steady plan has slivers (plan rows without locked hours
# under 4 h), one LP (stage -4) with the same objective but each sliver's
# hours up to 4 worth 5 each and its row weight 16 / (1 + 4), no new plan
# row started, each demand cell's staffed hours kept (the "CELL" lines).
# The weights come from the previous solution's "X" and "LOCKED" lines.
# Prints "CONCENTRATION <round> <objective at the plan before> <optimum>",
# "STEADINESS <objective at the plan before> <optimum>", "SLIVERS <count>
# <objective at the plan before> <optimum>" when there are (an LP never ends
# above the plan it starts from), "SHAPED STAFFED <priority> <hours>",
# "SHAPED COST <total>" (both must equal the stages' optima), and
# "SHAPE cost|shaped <runs per pair> <most runs> <projects per person>
# <most projects> <people per project, skill and period> <% of plan rows
# under 4 h>" for the cost stage's plan and the shaped plan, and the shaped
# plan's rows, "ROW<tab>person<tab>project<tab>skill<tab>period<tab>hours"
# (solver hours from 1e-7 and locked hours; rows under 0.005 h left out).
# With the integer policies the binaries stay free here (allot fixes them at
# the cost stage's values), so these stages are MIPs over a larger set of plans.
costhold=$(awk '$1 == "OBJECTIVE" { print $2 }' "$work/out.txt")
held="param costheld := 1; param costhold := $costhold;"
# shape LABEL: the plan's shape from the "X" and "LOCKED" lines, as PlanShape
# computes it from the plan rows (hours shown with 2 decimals, 0 h rows left out).
shape() {
  awk -F'\t' -v label="$1" '
    $1 == "X" && $7 >= 1e-7 { h[$2 SUBSEP $3 SUBSEP $4 SUBSEP $6] += $7 }
    $1 == "LOCKED" { h[$2 SUBSEP $3 SUBSEP $4 SUBSEP $6] += $7 }
    $1 == "X" || $1 == "LOCKED" { name[$6] = $5 }
    END {
      for (r in h) {
        c = int(h[r] * 100 + 0.5); if (c == 0) continue
        split(r, f, SUBSEP); rows++; if (c < 400) slivers++
        if (label == "shaped") printf "ROW\t%s\t%s\t%s\t%s\t%.6f\n", f[1], f[2], f[3], name[f[4]], h[r]
        pair = f[1] SUBSEP f[2]
        if (!((pair, f[4]) in on)) { on[pair, f[4]] = 1; periods[pair] = periods[pair] " " f[4] }
        if (!(pair in seen)) { seen[pair] = 1; pairs++; projects[f[1]]++ }
        cell = f[2] SUBSEP f[3] SUBSEP f[4]; if (!((cell, f[1]) in staffed)) { staffed[cell, f[1]] = 1; people[cell]++ }
      }
      for (pair in periods) {
        n = split(periods[pair], t, " "); for (i = 1; i <= n; i++) t[i] += 0
        for (i = 2; i <= n; i++) for (j = i; j > 1 && t[j - 1] > t[j]; j--) { x = t[j]; t[j] = t[j - 1]; t[j - 1] = x }
        runs = 1; for (i = 2; i <= n; i++) if (t[i] != t[i - 1] + 1) runs++
        allruns += runs; if (runs > mostruns) mostruns = runs
      }
      for (s in projects) {
        persons++; allprojects += projects[s]; if (projects[s] > mostprojects) mostprojects = projects[s]
      }
      for (cell in people) { cells++; allpeople += people[cell] }
      printf "SHAPE %s %.6f %d %.6f %d %.6f %.6f\n", label, pairs ? allruns / pairs : 0, mostruns,
        persons ? allprojects / persons : 0, mostprojects, cells ? allpeople / cells : 0,
        rows ? 100 * slivers / rows : 0
    }' "$work/out.txt"
}
shape cost | LC_ALL=C sort
# quote: a MathProg symbol, with quotes doubled.
quote='function q(s) { gsub(Q, Q Q, s); return Q s Q }'
for round in 1 2 3; do
  awk -F'\t' -v Q="'" "$quote"'
    $1 == "X" { k = $2 SUBSEP $3; if (!(k in sum)) order[++n] = k; sum[k] += $7; if ($7 > 0) pos[k] += $7 }
    $1 == "LOCKED" { locked[$2 SUBSEP $3] += $7 }
    END {
      print "param cw :="
      for (i = 1; i <= n; i++) {
        k = order[i]; w = 1 / (1 + locked[k] + pos[k]); split(k, f, SUBSEP)
        printf " %s %s %.17g\n", q(f[1]), q(f[2]), w; before += w * sum[k]
      }
      print ";"; printf "%.17g\n", before > "/dev/stderr"
    }' "$work/out.txt" > "$work/weights.dat" 2> "$work/before.txt"
  extra="$held $(cat "$work/weights.dat")"
  run_stage -2
  echo "CONCENTRATION $round $(cat "$work/before.txt") $(awk '$1 == "OBJECTIVE" { print $2 }' "$work/out.txt")"
done
awk -F'\t' -v Q="'" "$quote"'
  /^PERIODS / { split($0, f, " "); periods = f[2] + 0 }
  $1 == "X" {
    k = $2 SUBSEP $3; if (!(k in sum)) order[++n] = k; sum[k] += $7; if ($7 > 1e-7) used[k] = 1
    h[k, $6] += $7; has[k, $6] = 1
    r = $2 SUBSEP $3 SUBSEP $4 SUBSEP $5; if (!(r in rowsum)) rows[++m] = r
    if ($7 > 0) rowsum[r] += $7; else rowsum[r] += 0
    rowx[r] += $7
  }
  $1 == "LOCKED" {
    used[$2 SUBSEP $3] = 1; h[$2 SUBSEP $3, $6] += $7; rowlocked[$2 SUBSEP $3 SUBSEP $4 SUBSEP $5] += $7
  }
  END {
    print "set ZERO :="
    for (i = 1; i <= n; i++)
      if (!(order[i] in used)) { split(order[i], f, SUBSEP); printf " (%s,%s)\n", q(f[1]), q(f[2]) }
    print ";"
    print "param rw :="
    for (i = 1; i <= m; i++) {
      w = 16 / (1 + rowlocked[rows[i]] + rowsum[rows[i]]); split(rows[i], f, SUBSEP)
      printf " %s %s %s %s %.17g\n", q(f[1]), q(f[2]), q(f[3]), q(f[4]), w; before += w * rowx[rows[i]]
    }
    print ";"
    # The steadiness objective at this plan: kept pairs, consecutive periods
    # with hours columns on either side.
    for (i = 1; i <= n; i++) {
      k = order[i]; if (!(k in used)) continue
      for (b = 1; b < periods; b++) if ((k, b) in has || (k, b - 1) in has) {
        d = h[k, b] - h[k, b - 1]; before += d < 0 ? -d : d
      }
    }
    printf "%.17g\n", before > "/dev/stderr"
  }' "$work/out.txt" > "$work/weights.dat" 2> "$work/before.txt"
extra="$held $(cat "$work/weights.dat")"
sed -n '/^set ZERO/,/^;/p' "$work/weights.dat" > "$work/zero.dat"
run_stage -3
echo "STEADINESS $(cat "$work/before.txt") $(awk '$1 == "OBJECTIVE" { print $2 }' "$work/out.txt")"
# Stage -4 from the steady plan: its rows with hours, its slivers, the row
# weights (as if at 4 h on slivers) and the objective at the steady plan.
awk -F'\t' -v Q="'" -v zero="$work/zero.dat" "$quote"'
  /^PERIODS / { split($0, f, " "); periods = f[2] + 0 }
  $1 == "X" {
    k = $2 SUBSEP $3; if (!(k in seen)) { seen[k] = 1; order[++n] = k }
    h[k, $6] += $7; has[k, $6] = 1
    r = $2 SUBSEP $3 SUBSEP $4 SUBSEP $5; if (!(r in rowx)) rows[++m] = r
    rowx[r] += $7; if ($7 > 0) rowh[r] += $7
  }
  $1 == "LOCKED" {
    h[$2 SUBSEP $3, $6] += $7; r = $2 SUBSEP $3 SUBSEP $4 SUBSEP $5
    if (!(r in rowx)) { rows[++m] = r; rowx[r] = 0 }
    rowlocked[r] += $7; rowh[r] += $7
  }
  $1 == "CELL" { cell[++cells] = $2; staffed[$2] = $3 }
  END {
    print "param dh :="
    for (i = 1; i <= cells; i++) printf " %s %.17g\n", q(cell[i]), staffed[cell[i]]
    print ";"
    while ((getline line < zero) > 0) if (line ~ /^ \(/) { sub(/^ \(/, "", line); sub(/\)$/, "", line); emptied[line] = 1 }
    print "set ROWS :="
    for (i = 1; i <= m; i++) if (rowh[rows[i]] > 1e-7) { split(rows[i], f, SUBSEP); printf " (%s,%s,%s,%s)\n", q(f[1]), q(f[2]), q(f[3]), q(f[4]) }
    print ";"
    print "set LIFT :="
    for (i = 1; i <= m; i++) {
      r = rows[i]
      if (!(r in rowlocked) && rowh[r] > 1e-7 && rowh[r] < 4) {
        split(r, f, SUBSEP); printf " (%s,%s,%s,%s)\n", q(f[1]), q(f[2]), q(f[3]), q(f[4])
        sliver[r] = 1; count++; before -= 5 * rowh[r]
      }
    }
    print ";"
    print "param rw :="
    for (i = 1; i <= m; i++) {
      r = rows[i]
      w = 16 / (1 + (r in sliver ? 4 : rowh[r])); split(r, f, SUBSEP)
      printf " %s %s %s %s %.17g\n", q(f[1]), q(f[2]), q(f[3]), q(f[4]), w; before += w * rowx[r]
    }
    print ";"
    for (i = 1; i <= n; i++) {
      k = order[i]; split(k, f, SUBSEP); if ((q(f[1]) "," q(f[2])) in emptied) continue
      for (b = 1; b < periods; b++) if ((k, b) in has || (k, b - 1) in has) {
        d = h[k, b] - h[k, b - 1]; before += d < 0 ? -d : d
      }
    }
    printf "%d %.17g\n", count, before > "/dev/stderr"
  }' "$work/out.txt" > "$work/weights.dat" 2> "$work/before.txt"
if [ "$(cut -d' ' -f1 "$work/before.txt")" != 0 ]; then
  extra="$held $(cat "$work/zero.dat") $(cat "$work/weights.dat")"
  run_stage -4
  echo "SLIVERS $(cat "$work/before.txt") $(awk '$1 == "OBJECTIVE" { print $2 }' "$work/out.txt")"
fi
sed -n 's/^\(STAFFED\|COST\) /SHAPED \1 /p' "$work/out.txt"
shape shaped | LC_ALL=C sort
