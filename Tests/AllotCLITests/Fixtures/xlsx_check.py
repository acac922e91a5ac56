"""Independent reader for `allot export --to xlsx` (used by XLSXExportTests.swift).

    .build/pyenv/bin/python xlsx_check.py PLAN_DIR WORKBOOK [cost]

Opens WORKBOOK with openpyxl (not libxlsxwriter, not allot) and checks every
sheet against the plan folder's own files: summary.json, assignments.csv,
conflicts.csv and plan.json (staff skills, periods, utilization, demand).
Sums, loads and free ranges are worked out here from those files. `cost`
means the workbook was made with --include-cost. Prints every problem and
exits 1, or prints "TOTALS ..." and "ok".
"""
import csv, datetime, json, os, sys, unicodedata
from collections import defaultdict

import openpyxl

problems = []


def fail(msg):
    problems.append(msg)


plan_dir, path = sys.argv[1:3]
cost = "cost" in sys.argv[3:]
summary = json.load(open(os.path.join(plan_dir, "summary.json"), encoding="utf-8"))
plan = json.load(open(os.path.join(plan_dir, "plan.json"), encoding="utf-8"))


def table(name):
    with open(os.path.join(plan_dir, name), newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


assignments = table("assignments.csv")
conflicts = table("conflicts.csv")
currency = summary["currency"]
periods = plan["periods"]
staff = {p["id"]: p for p in plan["staff"]}
projects = {p["id"]: p for p in plan["projects"]}


def day(text):
    return datetime.datetime.strptime(text, "%Y-%m-%d")


def close(a, b, what, tol=0.005):
    if not isinstance(a, (int, float)) or isinstance(a, bool):
        fail(f"{what}: expected a number, found {a!r} ({type(a).__name__})")
    elif abs(a - b) > tol:
        fail(f"{what}: {a} != {b}")


def is_date(v, expected, what):
    if not isinstance(v, datetime.datetime):
        fail(f"{what}: expected a date, found {v!r} ({type(v).__name__})")
    elif v != expected:
        fail(f"{what}: {v} != {expected}")


def text(v):
    return "" if v is None else v


def printable(s):
    """Names as every export writes them: line breaks and tabs become one
    space, other control characters are dropped."""
    out = ""
    for ch in s:
        if unicodedata.category(ch) != "Cc":
            out += ch
        elif ch in "\n\r\t" and not out.endswith(" "):
            out += " "
    return out


wb = openpyxl.load_workbook(path)
names = ["Summary", "Heatmap", "Assignments", "Projects", "Conflicts", "Free capacity"]
if wb.sheetnames != names:
    fail(f"sheets {wb.sheetnames} != {names}")
    print("\n".join(problems))
    sys.exit(1)
# The creation date is the first period's start: the same plan gives the same file.
if wb.properties.created != day(periods[0]["start"]):
    fail(f"created {wb.properties.created} != first period start {periods[0]['start']}")


def rows(ws):
    return [list(r) for r in ws.iter_rows(values_only=True)]


def header(ws, expected, frozen, filtered):
    got = [c.value for c in ws[1]][: len(expected)]
    if got != expected:
        fail(f"{ws.title}: header {got} != {expected}")
    if any(not c.font.b for c in ws[1][: len(expected)]):
        fail(f"{ws.title}: the header row is not bold")
    if ws.freeze_panes != frozen:
        fail(f"{ws.title}: frozen at {ws.freeze_panes}, expected {frozen}")
    if filtered is not None and ws.auto_filter.ref != filtered:
        fail(f"{ws.title}: filter {ws.auto_filter.ref} != {filtered}")


def col(n):
    s = ""
    while n > 0:
        n, r = divmod(n - 1, 26)
        s = chr(65 + r) + s
    return s


# Text is text: no cell anywhere is a formula, and none holds a control character.
for ws in wb:
    for r in ws.iter_rows():
        for c in r:
            if c.data_type == "f":
                fail(f"{ws.title}!{c.coordinate}: a formula {c.value!r}")
            if isinstance(c.value, str) and any(unicodedata.category(ch) == "Cc" for ch in c.value):
                fail(f"{ws.title}!{c.coordinate}: a control character in {c.value!r}")

# Without --include-cost no text anywhere names the currency, and no header a cost.
if not cost:
    for ws in wb:
        for r in ws.iter_rows():
            for c in r:
                if isinstance(c.value, str) and (currency in c.value or c.value.startswith(("Cost", "Rate", "Budget", "Spent"))):
                    fail(f"{ws.title}!{c.coordinate}: {c.value!r} without --include-cost")

# --- Summary: coverage per priority, the total row, then figures by label.
ws = wb["Summary"]
header(ws, ["Priority", "Demanded (h)", "Staffed (h)", "Unmet (h)", "Coverage"], "A2", None)
data = rows(ws)
for i, p in enumerate(summary["priorities"]):
    r = data[1 + i]
    if r[0] != p["priority"]:
        fail(f"Summary row {i + 2}: priority {r[0]} != {p['priority']}")
    for j, key in enumerate(["demanded", "staffed", "unmet"]):
        close(r[1 + j], p[key], f"Summary priority {p['priority']} {key}")
    close(round(r[4] * 100, 1), p["coverage_percent"], f"Summary priority {p['priority']} coverage", 0.051)
total = data[1 + len(summary["priorities"])]
if total[0] != "Total":
    fail(f"Summary: no Total row after the priorities, found {total}")
for j, key in enumerate(["demanded", "staffed", "unmet"]):
    close(total[1 + j], summary["totals"][key], f"Summary total {key}")
    # Each figure of summary.json is rounded to cents on its own: the sum may be a cent or so off.
    close(total[1 + j], sum(p[key] for p in summary["priorities"]), f"Summary total {key} = sum of priorities",
          0.005 * len(summary["priorities"]) + 1e-9)
figures = {r[0]: r[1] for r in data[len(summary["priorities"]) + 3 :] if r[0]}
expected_figures = {
    "Status": summary["status"],
    "Objective": summary["objective"],
    "Engine": summary["solver"].get("engine"),
    "People": len(plan["staff"]),
    "Projects": len(plan["projects"]),
    "Periods": len(periods),
    "Assignments": len(assignments),
    "Conflicts": len(conflicts),
}
for kind, n in summary["conflicts_by_kind"].items():
    expected_figures["Conflicts: " + kind] = n
for label, value in expected_figures.items():
    if figures.get(label) != value:
        fail(f"Summary {label}: {figures.get(label)!r} != {value!r}")
is_date(figures.get("First day"), day(periods[0]["start"]), "Summary First day")
is_date(figures.get("Last day"), day(periods[-1]["end"]), "Summary Last day")
close(figures.get("Overtime (h)"), summary["overtime"]["hours"], "Summary Overtime (h)")
cost_labels = {
    "Cost: base (not added)": "base", "Cost: fixed pay": "fixed", "Cost: idle fixed pay (part of fixed)": "idle",
    "Cost: hourly pay": "variable",
    "Cost: overtime premium": "overtime_premium", "Cost: stability penalty": "stability_penalty",
    "Cost: total": "total",
}
if cost:
    if figures.get("Currency") != currency:
        fail(f"Summary Currency: {figures.get('Currency')!r}")
    for label, key in cost_labels.items():
        close(figures.get(label), summary["cost"][key], f"Summary {label}")
elif any(label in figures for label in list(cost_labels) + ["Currency"]):
    fail("Summary: cost figures without --include-cost")

# --- Assignments: one row per line of assignments.csv, in its order.
ws = wb["Assignments"]
heads = ["Staff ID", "Name", "Project ID", "Project", "Priority", "Skill", "Period", "Start", "End", "Hours",
         "Locked (h)"]
if cost:
    heads += [f"Rate ({currency}/h)", f"Cost ({currency})"]
header(ws, heads, "A2", f"A1:{col(len(heads))}{len(assignments) + 1}")
data = rows(ws)[1:]
if len(data) != len(assignments) or any(len(r) != len(heads) for r in data):
    fail(f"Assignments: {len(data)} rows of widths {set(map(len, data))}, expected {len(assignments)} of {len(heads)}")
for i, (r, a) in enumerate(zip(data, assignments)):
    at = f"Assignments row {i + 2}"
    person, project = staff[a["staff_id"]], projects[a["project_id"]]
    want = [a["staff_id"], printable(person.get("name") or a["staff_id"]), a["project_id"],
            printable(project.get("name") or a["project_id"]), project["priority"], a["skill"], a["period"]]
    if r[:7] != want:
        fail(f"{at}: {r[:7]} != {want}")
    is_date(r[7], day(a["period_start"]), at + " Start")
    is_date(r[8], day(a["period_end"]), at + " End")
    close(r[9], float(a["hours"]), at + " Hours")
    close(r[10], float(a["locked_hours"]), at + " Locked (h)")
    if cost:
        close(r[11], person["cost_per_hour"], at + " Rate", 1e-6)
        close(r[12], float(a["cost"]), at + " Cost")
assigned = sum(float(a["hours"]) for a in assignments)
close(sum(r[9] for r in data), assigned, "Assignments: sum of Hours = assignments.csv")
# Planned hours are the people's hours in utilization too. (They exceed summary.json's staffed
# hours when locked commitments go beyond demand: those hours are worked but staff no demand.)
# Both files round each row to cents: the sums may drift by half a cent a row.
rows_drift = 0.005 * (len(assignments) + len(summary["utilization"])) + 1e-9
close(sum(r[9] for r in data), sum(u["hours"] for u in summary["utilization"]), "Assignments: sum of Hours = utilization",
      rows_drift)

# --- Projects: demand and staffing per project from plan.json's demand cells.
ws = wb["Projects"]
heads = ["Project ID", "Name", "Priority", "Demanded (h)", "Staffed (h)", "Unmet (h)", "Coverage", "People",
         "First assigned day", "Last assigned day"]
if cost:
    heads += [f"Budget ({currency})", f"Spent ({currency})"]
header(ws, heads, "A2", f"A1:{col(len(heads))}{len(projects) + 1}")
data = rows(ws)[1:]
demanded, staffed = defaultdict(float), defaultdict(float)
for d in plan["demand"]:
    demanded[d["project_id"]] += d["demanded"]
    staffed[d["project_id"]] += d["staffed"]
people, first, last = defaultdict(set), {}, {}
for a in assignments:
    p = a["project_id"]
    people[p].add(a["staff_id"])
    first[p] = min(first.get(p, a["period_start"]), a["period_start"])
    last[p] = max(last.get(p, a["period_end"]), a["period_end"])
order = sorted(projects.values(), key=lambda p: (p["priority"], p["id"]))
if [r[0] for r in data] != [p["id"] for p in order]:
    fail(f"Projects: order {[r[0] for r in data]} != {[p['id'] for p in order]}")
budgets = {b["project_id"]: b for b in summary["budgets"]}
for r in data:
    p = r[0]
    at = f"Projects {p}"
    if r[1] != printable(projects[p].get("name") or p) or r[2] != projects[p]["priority"]:
        fail(f"{at}: name or priority {r[1:3]}")
    close(r[3], demanded[p], at + " Demanded")
    close(r[4], staffed[p], at + " Staffed")
    close(r[5], max(0, demanded[p] - staffed[p]), at + " Unmet")
    if demanded[p] > 0:
        close(r[6], staffed[p] / demanded[p], at + " Coverage", 1e-9)
    if r[7] != len(people[p]):
        fail(f"{at}: People {r[7]} != {len(people[p])}")
    if p in first:
        is_date(r[8], day(first[p]), at + " First day")
        is_date(r[9], day(last[p]), at + " Last day")
    elif r[8] is not None or r[9] is not None:
        fail(f"{at}: days without assignments")
    if cost:
        b = budgets[p]
        if (r[10] is None) != (b["budget"] is None) or (b["budget"] is not None and abs(r[10] - b["budget"]) > 0.005):
            fail(f"{at}: Budget {r[10]} != {b['budget']}")
        close(r[11], b["spent"], at + " Spent")
# plan.json rounds each demand cell to cents: over many cells the sums drift by up to half a cent each.
drift = 0.005 * len(plan["demand"]) + 1e-9
close(sum(r[3] for r in data), summary["totals"]["demanded"], "Projects: sum of Demanded = summary.json demanded", drift)
close(sum(r[4] for r in data), summary["totals"]["staffed"], "Projects: sum of Staffed = summary.json staffed", drift)

# --- Conflicts: conflicts.csv row by row.
ws = wb["Conflicts"]
heads = ["Kind", "Cause", "Project ID", "Priority", "Staff ID", "Skill", "Period", "Hours", "Held by", "Message"]
header(ws, heads, "A2", f"A1:J{len(conflicts) + 1}")
data = rows(ws)[1:]
if len(data) != len(conflicts):
    fail(f"Conflicts: {len(data)} rows, conflicts.csv has {len(conflicts)}")
for i, (r, c) in enumerate(zip(data, conflicts)):
    at = f"Conflicts row {i + 2}"
    want = [c["kind"], c["cause"], c["project_id"]]
    if [text(v) for v in r[:3]] != want:
        fail(f"{at}: {r[:3]} != {want}")
    if c["project_id"] and r[3] != projects[c["project_id"]]["priority"]:
        fail(f"{at}: Priority {r[3]}")
    if [text(v) for v in r[4:7]] != [c["staff_id"], c["skill"], c["period"]]:
        fail(f"{at}: {r[4:7]}")
    close(r[7], float(c["hours"]), at + " Hours")
    money = c["cause"] == "budget" or c["kind"] == "budget-overrun"
    if (cost or not money) and r[9] != printable(c["message"]):
        fail(f"{at}: Message {r[9]!r} != {c['message']!r}")
    # Without costs a budget message keeps what is unmet and when, and drops only the amount.
    if money and not cost:
        need = c["message"].rsplit(": the budget of ", 1)[0] + ": " if c["cause"] == "budget" else ""
        if not (r[9].startswith(printable(need)) and r[9].endswith("(amounts only with --include-cost)"
                                                                    if c["cause"] == "budget" else "their cost")):
            fail(f"{at}: Message {r[9]!r} for {c['message']!r}")
unmet_rows = [r[7] for r in data if r[0] == "unmet-demand"]
close(sum(unmet_rows), summary["totals"]["unmet"], "Conflicts: unmet-demand hours = summary.json unmet",
      0.005 * len(unmet_rows) + 0.005)

# --- Heatmap: load = hours / capacity per person and period, from utilization.
ws = wb["Heatmap"]
fixed = ["Staff ID", "Name", "Main skill", "Hours", "Capacity", "Load"]
header(ws, fixed + [p["period"] for p in periods], "C3", None)
data = rows(ws)
for j, p in enumerate(periods):
    is_date(data[1][len(fixed) + j], day(p["start"]), f"Heatmap period start {p['period']}")
use = {(u["staff_id"], u["period"]): u for u in summary["utilization"]}


def main_skill(person):
    skills = person.get("skills") or []
    if not skills:
        return "(none)"
    top = max(s["level"] for s in skills)
    return sorted(s["skill"] for s in skills if s["level"] == top)[0]


body = data[2 : 2 + len(staff)]
if sorted(r[0] for r in body) != sorted(staff):
    fail(f"Heatmap: people {[r[0] for r in body]} != {sorted(staff)}")
# Grouped by main skill, then by id.
keys = [(main_skill(staff[r[0]]), r[0]) for r in body if r[0] in staff]
if keys != sorted(keys):
    fail(f"Heatmap: rows not grouped by main skill then id: {keys}")
for r in body:
    sid = r[0]
    if sid not in staff:
        continue
    at = f"Heatmap {sid}"
    if r[2] != main_skill(staff[sid]):
        fail(f"{at}: main skill {r[2]} != {main_skill(staff[sid])}")
    hours = sum(use[(sid, p["period"])]["hours"] for p in periods if (sid, p["period"]) in use)
    capacity = sum(use[(sid, p["period"])]["capacity"] for p in periods if (sid, p["period"]) in use)
    close(r[3], hours, at + " Hours")
    close(r[4], capacity, at + " Capacity")
    if capacity > 0:
        close(r[5], hours / capacity, at + " Load", 1e-9)
    for j, p in enumerate(periods):
        u = use.get((sid, p["period"]))
        v = r[len(fixed) + j]
        if u is None or u["capacity"] == 0:
            if v is not None:
                fail(f"{at} {p['period']}: {v} without capacity")
        else:
            close(v, u["hours"] / u["capacity"], f"{at} {p['period']}", 1e-9)
totals = data[2 + len(staff)]
if totals[0] != "Total":
    fail(f"Heatmap: no Total row after the people, found {totals[:3]}")
close(totals[3], sum(u["hours"] for u in summary["utilization"]), "Heatmap total hours")
close(totals[3], assigned, "Heatmap total hours = assignments.csv", rows_drift)
rules = [(str(cf.sqref), rule) for cf in ws.conditional_formatting for rule in cf.rules]
want_range = f"F3:{col(len(fixed) + len(periods))}{2 + len(staff) + 1}"
scales = [(ref, rule) for ref, rule in rules if rule.type == "colorScale"]
if len(scales) != 1 or scales[0][0] != want_range:
    fail(f"Heatmap: colour scales {[(ref, rule.type) for ref, rule in rules]}, expected one over {want_range}")
else:
    values = [float(v.val) for v in scales[0][1].colorScale.cfvo]
    if values != [0.0, 1.0, 1.25]:
        fail(f"Heatmap: colour scale at {values}, expected 0, 1, 1.25")
    # The report's colours: white idle, blue full, orange above capacity.
    colours = [str(c.rgb)[-6:].upper() for c in scales[0][1].colorScale.color]
    if colours != ["FFFFFF", "3F7FC7", "E8772E"]:
        fail(f"Heatmap: colour scale colours {colours}, expected FFFFFF, 3F7FC7, E8772E (the report's)")

# --- Free capacity: runs of periods with at least a fifth of the capacity
# (and half an hour) idle, worked out here from utilization.
ws = wb["Free capacity"]
ranges = []
for sid in staff:
    run = []
    for p in periods + [None]:
        u = use.get((sid, p["period"])) if p else None
        cap = u["capacity"] if u else 0
        idle = max(0, cap - (u["hours"] if u else 0))
        if p and cap > 0 and idle >= 0.5 and idle >= 0.2 * cap:
            run.append((p, idle))
        elif run:
            ranges.append((sid, run[0][0], run[-1][0], len(run), sum(i for _, i in run), min(i for _, i in run)))
            run = []
skills = sorted({s["skill"] for r in ranges for s in (staff[r[0]].get("skills") or [])})
heads = ["Staff ID", "Name", "From", "To", "Start", "End", "Periods", "Idle (h)", "Least idle (h)"]
heads += [s + " (level)" for s in skills]
header(ws, heads, "A2", f"A1:{col(len(heads))}{len(ranges) + 1}")
data = rows(ws)[1:]
got = sorted((r[0], r[2], r[3]) for r in data)
want = sorted((sid, a["period"], b["period"]) for sid, a, b, *_ in ranges)
if got != want:
    fail(f"Free capacity: ranges {got} != {want}")
by_key = {(sid, a["period"]): (a, b, n, idle, least) for sid, a, b, n, idle, least in ranges}
idles = [r[7] for r in data]
if idles != sorted(idles, reverse=True):
    fail("Free capacity: not sorted by idle hours, most first")
for r in data:
    k = (r[0], r[2])
    if k not in by_key:
        continue
    a, b, n, idle, least = by_key[k]
    at = f"Free capacity {r[0]} {r[2]}"
    is_date(r[4], day(a["start"]), at + " Start")
    is_date(r[5], day(b["end"]), at + " End")
    if r[6] != n:
        fail(f"{at}: Periods {r[6]} != {n}")
    close(r[7], idle, at + " Idle")
    close(r[8], least, at + " Least idle")
    levels = {s["skill"]: s["level"] for s in staff[r[0]].get("skills") or []}
    for j, s in enumerate(skills):
        if r[9 + j] != levels.get(s):
            fail(f"{at}: {s} level {r[9 + j]} != {levels.get(s)}")

if problems:
    print("\n".join(problems[:60]))
    if len(problems) > 60:
        print(f"... and {len(problems) - 60} more")
    sys.exit(1)
summary_sheet = rows(wb["Summary"])
total_row = summary_sheet[1 + len(summary["priorities"])]
print(f"TOTALS demanded={total_row[1]:g} staffed={total_row[2]:g} unmet={total_row[3]:g} "
      f"cost={figures.get('Cost: total', 'none')}")
print("ok")
