/* allocation.mod: allot's staffing LP in GNU MathProg.

   The same formulation allot builds through GLPK's C API (docs/how-it-works.md,
   Sources/AllotCore/Formulation/Formulation.swift), written out so that
   anyone can re-solve an instance with glpsol and check allot's numbers.

   The data comes from allot itself, with the calendar already applied:
       allot plan DATASET --write-mathprog-data instance.dat
   One glpsol run solves one stage of the lexicographic objective; a small
   data file chooses the stage and holds the optima of earlier stages:
       glpsol -m models/allocation.mod -d instance.dat -d stage.dat
   where stage.dat holds e.g.  data; param stage := 2; param hold := 1 66; end;
   models/solve-stages.sh runs every stage in order and prints the results; with shaping on
   (param shaping := 1 in the data) it then runs the shaping stages -2, -3 and -4, with the cost held
   (param costheld, costhold) and the weights (cw, rw) and emptied pairs (ZERO) it computes from
   the previous solution.

   Index sets come with the data (W, WST, PC), so no sum filters a big set
   of tuples (docs/solver-notes.md §8.4). */

set S;
/* people */

set T;
/* periods (ISO weeks or months), in order */

set P;
/* projects */

set C;
/* demand cells: one per period of an hours_per_week line, one per total_hours line */

set PRI;
/* priorities present in the demand, 1 = most important */

param cap{s in S, t in T}, >= 0, default 0;
/* hours person s can work in period t before overtime */

param locked{s in S, t in T}, >= 0, default 0;
/* locked commitment hours person s already holds in period t */

param otshare, >= 0, default 0;
/* policies.overtime.max_percent / 100: extra capacity allowed */

param extra, >= 0, default 0;
/* policies.overtime.premium - 1: extra cost factor of an overtime hour */
set OTP default {};
/* policies.overtime.priorities: the priorities hours above capacity may serve */
param otall, binary, default 1;
/* 1 when every priority may use overtime (no priorities listed) */

param rate{s in S}, >= 0;
/* cost_per_hour of person s */

param paidcap{s in S}, binary, default 0;
/* 1 when person s is paid for capacity (staff.csv paid = capacity): their hours cost
   nothing more, each overtime hour costs (extra + 1) x rate */

param fixedcost, >= 0, default 0;
/* rate x capacity of the people paid for capacity, summed over periods */

param req{c in C}, >= 0;
/* hours cell c asks for */

set K;
/* pools of locked hours held: one per project, skill and period */

param lk{k in K}, >= 0;
/* locked hours held in pool k */

set KC{k in K}, within C;
/* demand cells (same project and skill, covering the period) pool k may serve */

set CK{c in C}, within K, default {};
/* pools that may serve cell c (the same pairs, seen from the cell) */

param lkon{c in C}, >= 0, default 0;
/* locked hours that count against cell c (allot's flow from the pools; stage -5 checks their sum):
   a block of min_hours_per_assignment may serve what they leave of the cell */

param prio{c in C}, integer, >= 1;
/* priority of the project of cell c */

param budgetroom{p in P}, default -1;
/* budget of p minus the cost of its locked hours (never below 0); -1 = no budget */

param lockedcost, >= 0, default 0;
/* base-rate cost of all locked hours held */

param weight{q in PRI}, >= 0, default 0;
/* objective: weighted only: cost of one unmet hour of priority q */

set W{c in C}, within S cross T;
/* (person, period) pairs that may work on cell c: skill at min_level and capacity left (given for every cell, maybe empty) */

set WST{s in S, t in T}, within C, default {};
/* cells person s may work on in period t (the same pairs, seen from the person) */

set PC{p in P}, within C, default {};
/* cells of project p */

param ub{c in C, (s,t) in W[c]}, >= 0;
/* upper bound of an hours column: the hours its cell asks for */

param stage, integer, default 0;
/* which stage to solve: q > 0 maximises priority q, 0 minimises cost, -1 is the weighted objective,
   -5 the most demand the locked hours can serve (solved first; solve-stages.sh holds it after) */

param hold{q in PRI}, default -1;
/* staffed hours (solver and locked hours serving demand) of priority q to hold; -1 = not held */

param tol, >= 0, default 1e-8;
/* relative tolerance of a held optimum, as in allot */

param lockedhold, default -1;
/* locked hours that count against demand, the optimum of stage -5, held in every later stage; -1 = not held */

param maxproj, integer, >= 0, default 0;
/* policies.max_projects_per_person; 0 = no limit */

param minhours, >= 0, default 0;
/* policies.min_hours_per_assignment; 0 = none */

set SP, dimen 2;
/* (person, project) pairs that hours columns or locked hours connect */

set LSP, dimen 2;
/* (person, project) pairs with locked hours: the person is on the project already */

set SPT, dimen 3;
/* (person, project, period) triples with hours columns */

set CSPT{(s,p,t) in SPT}, within C;
/* the cells of project p person s may work on in period t */

set LSPT, dimen 3;
/* (person, project, period) triples with locked hours: exempt from the minimum */

param room{s in S, t in T} := max(0, cap[s,t] * (1 + otshare) - locked[s,t]);
/* hours person s has left in t: the tightest big-M of the policy links */

param stability, >= 0, default 0;
/* policies.stability: cost per hour moved away from unlocked commitments */

set G;
/* assignments (person, project, skill, period) with hours columns, for stability */

param gs{g in G}, symbolic;
/* the person of assignment g */

param gt{g in G}, symbolic;
/* the period of assignment g */

param gr{g in G};
/* unlocked commitment hours of g minus the locked hours already in it */

set GC{g in G}, within C;
/* the cells whose hours make up assignment g */

param stabconst, >= 0, default 0;
/* the part of the stability penalty no column can change */

param shaping, binary, default 0;
/* shaping.enabled: 1 when the closing shaping stage runs (models/solve-stages.sh) */

param costtolpct, >= 0, default 0;
/* shaping.cost_tolerance_percent: how much the cost may rise while shaping */

param tn{t in T}, integer, default 0;
/* number of period t in the horizon (0, 1, ...): consecutive periods differ by 1 */

param cproj{c in C}, symbolic, default '';
/* the project of cell c */

param cskill{c in C}, symbolic, default '';
/* the skill of cell c */

set LR, dimen 4, default setof{s in S, p in P, t in T: 1 = 0} (s,p,'',t);
/* plan rows (person, project, skill, period) holding locked hours; the skill is the commitment's */

param lr{(s,p,k,t) in LR}, >= 0;
/* locked hours of plan row (s,p,k,t) */

param costheld, binary, default 0;
/* 1 when the cost stage's optimum is held (the shaping stages -2, -3 and -4) */

param costhold, default 0;
/* the cost stage's optimum (its objective below, without the constant part) */

set ZERO, dimen 2, default setof{s in S, p in P: 1 = 0} (s,p);
/* (person, project) pairs the concentration emptied: their hours columns stay at 0 */

param cw{s in S, p in P}, >= 0, default 0;
/* stage -2: weight of an hour of person s on project p, 1 / (1 + hours of the pair so far) */

set SK := setof{c in C: stage < -1} cskill[c] union setof{(s,p,k,t) in LR: stage < -1} k;
/* skills of cells and of plan rows with locked hours */

param rw{s in S, p in P, k in SK, t in T}, >= 0, default 0;
/* stage -3: weight of an hour in plan row (s,p,k,t), 16 / (1 + hours of the row so far); stage -4 the same,
   and 16 / (1 + 4) on the rows of LIFT */

set TT := setof{a in T, b in T: stage <= -3 and tn[b] = tn[a] + 1} (a,b);
/* consecutive periods (a, b) */

set HSPT := setof{c in C, (s,t) in W[c]: stage <= -3} (s, cproj[c], t);
/* (person, project, period) triples with hours columns */

set CH{(s,p,t) in HSPT} := setof{c in PC[p]: (s,t) in W[c]} c;
/* the cells of project p person s may work on in period t */

set LSPT3 := setof{(s,p,k,t) in LR: stage <= -3} (s,p,t);
/* (person, project, period) triples with locked hours */

param lhb{(s,p,t) in LSPT3} := sum{(s2,p2,k,t2) in LR: s2 = s and p2 = p and t2 = t} lr[s2,p2,k,t2];
/* locked hours of person s on project p in period t */

set STEADY := setof{(s,p,t) in HSPT, (a,b) in TT: stage <= -3 and (s,p) not in ZERO and (t = a or t = b)} (s,p,a,b);
/* stages -3 and -4: one variation row per kept pair and consecutive periods with hours columns on either side */

set ROWS, dimen 4, default setof{s in S, p in P, t in T: 1 = 0} (s,p,'',t);
/* stage -4: the plan rows (person, project, skill, period) with hours (solver or locked) in the steady plan */

set LIFT, dimen 4, default setof{s in S, p in P, t in T: 1 = 0} (s,p,'',t);
/* stage -4: the plan rows of ROWS without locked hours and under 4 h (slivers) */

param dh{c in C}, default 0;
/* stage -4: the staffed hours of demand cell c in the steady plan, which it keeps */

set CAP := setof{s in S, t in T: card(WST[s,t]) > 0 or locked[s,t] > cap[s,t]} (s,t);
/* person-periods with a capacity row */

var x{c in C, (s,t) in W[c]}, >= 0, <= ub[c,s,t];
/* hours person s works on cell c in period t */

var o{(s,t) in CAP}, >= 0, <= cap[s,t] * otshare;
/* overtime hours of person s in period t */

var u{k in K, c in KC[k]}, >= 0, <= min(lk[k], req[c]);
/* locked hours of pool k counted against cell c */

var assigned{(s,p) in SP: maxproj > 0}, binary;
/* 1 when person s works on project p at all (max_projects_per_person) */

var works{(s,p,t) in SPT: minhours > 0 and (s,p,t) not in LSPT}, binary;
/* 1 when person s works on project p in period t (min_hours_per_assignment) */

var moved{g in G: stability > 0 and gr[g] > 0}, >= 0;
/* hours of assignment g above its commitment: |x - r| = 2 max(0, x - r) - x + r */

var lift{(s,p,k,t) in LIFT}, >= 0, <= 4;
/* stage -4: the hours of sliver row (s,p,k,t), up to 4 */

var up{(s,p,a,b) in STEADY}, >= 0;
var down{(s,p,a,b) in STEADY}, >= 0;
/* stage -3: rise and fall of the pair's hours (solver and locked) from period a to b */

s.t. capacity{(s,t) in CAP}:
    sum{c in WST[s,t]} x[c,s,t] - o[s,t] <= cap[s,t] - locked[s,t];
/* what a person works beyond locked hours fits in capacity plus overtime */

s.t. regular{(s,t) in CAP: otall = 0 and otshare > 0}:
    sum{c in WST[s,t]: prio[c] not in OTP} x[c,s,t] <= max(0, cap[s,t] - locked[s,t]);
/* the priorities not listed, with the locked hours, stay within capacity */

s.t. lockedpool{k in K}:
    sum{c in KC[k]} u[k,c] <= lk[k];
/* a locked hour serves at most one cell */

s.t. demand{c in C: card(W[c]) > 0 or card(CK[c]) > 0}:
    sum{(s,t) in W[c]} x[c,s,t] + sum{k in CK[c]} u[k,c] <= req[c];
/* no cell is staffed beyond what it asks */

s.t. budget{p in P: budgetroom[p] >= 0}:
    sum{c in PC[p], (s,t) in W[c]} rate[s] * x[c,s,t] <= budgetroom[p];
/* a project's spending at base rate stays within its budget */

s.t. held{q in PRI: hold[q] >= 0}:
    sum{c in C, (s,t) in W[c]: prio[c] = q} x[c,s,t] + sum{c in C, k in CK[c]: prio[c] = q} u[k,c]
    >= hold[q] - tol * max(1, hold[q]);
/* earlier stages keep their optimum */

s.t. lockedserved{i in 1..1: lockedhold >= 0}:
    sum{k in K, c in KC[k]} u[k,c] >= lockedhold - tol * max(1, lockedhold);
/* locked hours count against the matching demand: as much of it as they can serve */

s.t. lockedon{(s,p) in LSP: maxproj > 0}:
    assigned[s,p] = 1;
/* locked hours put a person on a project */

s.t. projects{s in S: maxproj > 0 and card({(s2,p) in SP: s2 = s}) > 0}:
    sum{(s2,p) in SP: s2 = s} assigned[s2,p] <= max(maxproj, card({(s3,p3) in LSP: s3 = s}));
/* at most maxproj projects per person (more only if locked hours say so) */

s.t. link{(s,p,t) in SPT: maxproj > 0}:
    sum{c in CSPT[s,p,t]} x[c,s,t] <= min(room[s,t], sum{c in CSPT[s,p,t]} req[c]) * assigned[s,p];
/* hours on a project only when assigned to it, per period */

s.t. most{(s,p,t) in SPT: minhours > 0 and (s,p,t) not in LSPT}:
    sum{c in CSPT[s,p,t]} x[c,s,t] <= min(room[s,t], sum{c in CSPT[s,p,t]} req[c]) * works[s,p,t];
/* hours on a project in a period only when working on it then */

s.t. least{(s,p,t) in SPT: minhours > 0 and (s,p,t) not in LSPT}:
    sum{c in CSPT[s,p,t]} x[c,s,t]
    >= min(minhours, max(0, sum{c in CSPT[s,p,t]} (req[c] - lkon[c]))) * works[s,p,t];
/* and then at least minhours, or the whole demand D it may serve there, less the locked hours
   that serve it, when that is smaller */

s.t. stable{g in G: stability > 0 and gr[g] > 0}:
    sum{c in GC[g]} x[c,gs[g],gt[g]] - moved[g] <= gr[g];
/* moved[g] is at least the hours above the commitment */

s.t. costkept{i in 1..1: costheld = 1}:
    sum{c in C, (s,t) in W[c]} (1 - paidcap[s]) * rate[s] * x[c,s,t]
    + sum{(s,t) in CAP} (extra + paidcap[s]) * rate[s] * o[s,t]
    + sum{g in G: stability > 0 and gr[g] > 0} stability * (2 * moved[g] - sum{c in GC[g]} x[c,gs[g],gt[g]])
    + sum{g in G: stability > 0 and gr[g] <= 0} stability * sum{c in GC[g]} x[c,gs[g],gt[g]]
    <= costhold + tol * max(1, abs(costhold))
       + costtolpct / 100 * abs(costhold + lockedcost + fixedcost + stabconst + stability * sum{g in G} abs(gr[g]));
/* shaping keeps the cost stage's optimum, within cost_tolerance_percent of the whole cost */

s.t. emptied{c in C, (s,t) in W[c]: stage < -1 and (s,cproj[c]) in ZERO}:
    x[c,s,t] = 0;
/* pairs the concentration emptied stay empty */

s.t. steady{(s,p,a,b) in STEADY}:
    (if (s,p,b) in HSPT then sum{c in CH[s,p,b]} x[c,s,b]) - (if (s,p,a) in HSPT then sum{c in CH[s,p,a]} x[c,s,a])
    - up[s,p,a,b] + down[s,p,a,b]
    = (if (s,p,a) in LSPT3 then lhb[s,p,a]) - (if (s,p,b) in LSPT3 then lhb[s,p,b]);
/* h(s,p,b) - h(s,p,a) = up - down, locked hours on the right-hand side */

s.t. norow{c in C, (s,t) in W[c]: stage = -4 and (s,cproj[c],cskill[c],t) not in ROWS}:
    x[c,s,t] = 0;
/* stage -4 starts no plan row */

s.t. cellkept{c in C: stage = -4 and (card(W[c]) > 0 or card(CK[c]) > 0)}:
    sum{(s,t) in W[c]} x[c,s,t] + sum{k in CK[c]} u[k,c] = dh[c];
/* stage -4 keeps each demand cell's staffed hours, so no unmet hour moves */

s.t. lifted{(s,p,k,t) in LIFT}:
    lift[s,p,k,t] <= sum{c in PC[p]: cskill[c] = k and (s,t) in W[c]} x[c,s,t];
/* a sliver counts only the hours it has */

minimize objective:
    if stage > 0 then
        - sum{c in C, (s,t) in W[c]: prio[c] = stage} x[c,s,t] - sum{c in C, k in CK[c]: prio[c] = stage} u[k,c]
    else if stage = 0 then
        sum{c in C, (s,t) in W[c]} (1 - paidcap[s]) * rate[s] * x[c,s,t]
        + sum{(s,t) in CAP} (extra + paidcap[s]) * rate[s] * o[s,t]
        + sum{g in G: stability > 0 and gr[g] > 0} stability * (2 * moved[g] - sum{c in GC[g]} x[c,gs[g],gt[g]])
        + sum{g in G: stability > 0 and gr[g] <= 0} stability * sum{c in GC[g]} x[c,gs[g],gt[g]]
    else if stage = -5 then
        - sum{k in K, c in KC[k]} u[k,c]
    else if stage = -2 then
        sum{c in C, (s,t) in W[c]} cw[s,cproj[c]] * x[c,s,t]
    else if stage = -3 then
        sum{(s,p,a,b) in STEADY} (up[s,p,a,b] + down[s,p,a,b])
        + sum{c in C, (s,t) in W[c]} rw[s,cproj[c],cskill[c],t] * x[c,s,t]
    else if stage = -4 then
        sum{(s,p,a,b) in STEADY} (up[s,p,a,b] + down[s,p,a,b])
        + sum{c in C, (s,t) in W[c]} rw[s,cproj[c],cskill[c],t] * x[c,s,t]
        - 5 * sum{(s,p,k,t) in LIFT} lift[s,p,k,t]
    else
        sum{c in C} weight[prio[c]] * req[c]
        + sum{c in C, (s,t) in W[c]} ((1 - paidcap[s]) * rate[s] - weight[prio[c]]) * x[c,s,t]
        - sum{c in C, k in CK[c]} weight[prio[c]] * u[k,c]
        + sum{(s,t) in CAP} (extra + paidcap[s]) * rate[s] * o[s,t]
        + sum{g in G: stability > 0 and gr[g] > 0} stability * (2 * moved[g] - sum{c in GC[g]} x[c,gs[g],gt[g]])
        + sum{g in G: stability > 0 and gr[g] <= 0} stability * sum{c in GC[g]} x[c,gs[g],gt[g]];
/* stage q > 0: the most staffed hours of priority q (as a minimum of their negative);
   stage 0: the least cost (hourly pay, overtime, stability; the fixed pay of people paid
   for capacity and of locked hours is a constant, in COST below); stage -5: the most locked
   hours serving demand (as a minimum of their negative); stage -1: unmet
   hours by weight plus cost; stages -2 (concentration), -3 (steadiness) and -4 (slivers) shape the plan with every
   optimum held (docs/how-it-works.md, "Shaping"): -2 minimises the hours weighted per person and project,
   -3 the total variation of each kept pair's hours between consecutive periods plus the hours weighted
   per plan row, -4 the same with each sliver row's hours up to 4 worth 5 each and no new plan row */

solve;

printf "STAGE %d\n", stage;
printf "LOCKEDSERVED %.17g\n", sum{k in K, c in KC[k]} u[k,c];
printf{q in PRI} "SOLVED %d %.17g\n", q,
    sum{c in C, (s,t) in W[c]: prio[c] = q} x[c,s,t] + sum{c in C, k in CK[c]: prio[c] = q} u[k,c];
printf{q in PRI} "STAFFED %d %.6f\n", q,
    sum{c in C, (s,t) in W[c]: prio[c] = q} x[c,s,t] + sum{c in C, k in CK[c]: prio[c] = q} u[k,c];
printf "COST %.6f\n", lockedcost + fixedcost + sum{c in C, (s,t) in W[c]} (1 - paidcap[s]) * rate[s] * x[c,s,t]
    + sum{(s,t) in CAP} (extra + paidcap[s]) * rate[s] * (if sum{c in WST[s,t]} x[c,s,t] + locked[s,t] > cap[s,t]
                                             then sum{c in WST[s,t]} x[c,s,t] + locked[s,t] - cap[s,t] else 0)
    + stabconst + sum{g in G} stability * abs(sum{c in GC[g]} x[c,gs[g],gt[g]] - gr[g]);
printf "OBJECTIVE %.17g\n", objective;
printf{i in 1..1: shaping = 1 and stage <= 0} "PERIODS %d\n", card(T);
printf{c in C, (s,t) in W[c]: shaping = 1 and stage <= 0} "X\t%s\t%s\t%s\t%s\t%d\t%.17g\n",
    s, cproj[c], cskill[c], t, tn[t], x[c,s,t];
printf{c in C: shaping = 1 and stage = -3 and (card(W[c]) > 0 or card(CK[c]) > 0)} "CELL\t%s\t%.17g\n",
    c, sum{(s,t) in W[c]} x[c,s,t] + sum{k in CK[c]} u[k,c];
printf{(s,p,k,t) in LR: shaping = 1 and stage <= 0} "LOCKED\t%s\t%s\t%s\t%s\t%d\t%.17g\n",
    s, p, k, t, tn[t], lr[s,p,k,t];
/* with shaping, the hours per column and the locked hours per plan row: models/solve-stages.sh computes
   the next shaping stage's weights and the plan's shape from them */

end;
