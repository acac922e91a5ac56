#!/usr/bin/env python3
"""Seeded, deterministic synthetic datasets in allot's format (docs/dataset-format.md).

    bench/generate.py TIER OUT_DIR [--seed N]

Tiers (people, projects, skills, weeks):
    S  (50, 20, 20, 26)    M  (200, 60, 30, 52)
    L  (500, 150, 40, 52)  XL (2000, 400, 60, 52)
    XXL (10000, 1600, 100, 52): only for bench/scale.py, which counts its
    columns without planning it (people, projects and skills grown from XL
    as they grow from tier to tier)

Each has public holidays, leave for about a fifth of the people, part-timers,
employment windows, budgets on most projects (a few tight), four priorities,
both demand kinds (hours_per_week and total_hours) with project windows,
min_level on some lines, locked and unlocked commitments, and 8 what-if
scenarios. The same tier and seed always give the same files.
"""
import argparse
import datetime
import os
import random

TIERS = {"S": (50, 20, 20, 26), "M": (200, 60, 30, 52), "L": (500, 150, 40, 52), "XL": (2000, 400, 60, 52),
         "XXL": (10000, 1600, 100, 52)}
START = datetime.date(2027, 1, 4)  # a Monday: week 2027-W01


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("tier", choices=TIERS)
    parser.add_argument("out")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    people, projects, skills, weeks = TIERS[args.tier]
    rng = random.Random(f"{args.tier}-{args.seed}")
    end = START + datetime.timedelta(days=7 * weeks - 1)
    os.makedirs(args.out, exist_ok=True)
    skill_names = [f"skill{k:02d}" for k in range(skills)]
    # Popular skills are held and asked for more often (Zipf-like weights).
    weights = [1 / (k + 1) ** 0.7 for k in range(skills)]

    def day(offset):
        return (START + datetime.timedelta(days=offset)).isoformat()

    def write(name, header, rows):
        with open(os.path.join(args.out, name), "w", newline="") as f:
            f.write(header + "\n")
            for r in rows:
                f.write(",".join(str(c) for c in r) + "\n")

    staff = []
    for s in range(people):
        count = rng.choice([1, 2, 2, 3, 3, 4])
        mine = sorted(set(rng.choices(skill_names, weights, k=count)))
        skills_cell = ";".join(f"{k}:{rng.randint(1, 5)}" for k in mine)
        hours = rng.choice([""] * 8 + [20, 24, 32])
        start = day(rng.randint(7, 7 * weeks // 2)) if rng.random() < 0.05 else ""
        stop = day(rng.randint(7 * weeks // 2, 7 * weeks - 1)) if rng.random() < 0.05 else ""
        staff.append((f"p{s:04d}", f"Person {s}", f"p{s:04d}@bench.example", rng.randint(50, 150), hours, skills_cell, start, stop))
    write("staff.csv", "id,name,email,cost_per_hour,hours_per_week,skills,start,end", staff)

    project_rows, demand = [], []
    for p in range(projects):
        first = rng.randint(0, max(0, weeks - 8)) * 7
        length = rng.randint(8, max(8, min(26, weeks))) * 7
        last = min(7 * weeks - 1, first + length - 1)
        lines = rng.randint(2, 4)
        weekly = []
        for _ in range(lines):
            skill = rng.choices(skill_names, weights)[0]
            level = rng.choice(["", "", 2, 3, 4])
            if rng.random() < 0.65:
                hpw = rng.choice([8, 12, 16, 20, 24, 32, 40])
                demand.append((f"j{p:03d}", skill, level, hpw, "", "", ""))
                weekly.append(hpw)
            else:
                total = rng.randint(40, 400)
                demand.append((f"j{p:03d}", skill, level, "", total, "", ""))
                weekly.append(total / max(1, length / 7))
        # Budget: about what the demand costs at a middling rate, some tight.
        need = sum(weekly) * (last - first + 1) / 7 * 95
        budget = "" if rng.random() < 0.15 else int(need * rng.choice([0.5, 0.9, 1.1, 1.3, 2.0]))
        project_rows.append((f"j{p:03d}", f"Project {p}", rng.randint(1, 4), day(first), day(last), budget))
    write("projects.csv", "id,name,priority,start,end,budget", project_rows)
    write("demand.csv", "project_id,skill,min_level,hours_per_week,total_hours,start,end", demand)

    leave = []
    for s in range(people):
        if rng.random() < 0.2:
            first = rng.randint(0, 7 * weeks - 15)
            leave.append((f"p{s:04d}", day(first), day(first + rng.randint(4, 14)), rng.choice(["", "", 20])))
    write("leave.csv", "staff_id,start,end,hours_per_week", leave)
    holidays = sorted({rng.randint(0, 7 * weeks - 1) for _ in range(max(1, weeks // 5))})
    write("holidays.csv", "date,name", [(day(h), "Holiday") for h in holidays])

    commitments = []
    for s, row in enumerate(staff):
        if rng.random() < 0.1:
            skill = row[5].split(";")[0].split(":")[0]
            project = rng.choice([d[0] for d in demand if d[1] == skill] or [f"j{rng.randrange(projects):03d}"])
            first = rng.randint(0, 7 * weeks - 30)
            commitments.append((row[0], project, skill, day(first), day(first + 27), rng.choice([8, 16]), rng.random() < 0.3))
    write("commitments.csv", "staff_id,project_id,skill,start,end,hours_per_week,locked", commitments)

    gone = [f"p{s:04d}" for s in rng.sample(range(people), 3)]
    with open(os.path.join(args.out, "allot.yaml"), "w") as f:
        f.write(f"""name: Synthetic tier {args.tier} (seed {args.seed})
horizon: {{start: {START.isoformat()}, end: {end.isoformat()}, period: week}}
currency: EUR
defaults: {{hours_per_week: 40}}
policies:
  overtime: {{max_percent: 10, premium: 1.5}}
objective: lexicographic
solver: {{time_limit_s: 3600, mip_gap: 0.0001}}
scenarios:
  - name: leave-1
    changes: [{{op: leave, staff: {gone[0]}, start: {day(7 * weeks // 3)}}}]
  - name: leave-2
    changes: [{{op: leave, staff: {gone[1]}, start: {day(7 * weeks // 2)}}}]
  - name: budgets-80
    changes: [{{op: scale, table: projects, field: budget, factor: 0.8}}]
  - name: budgets-120
    changes: [{{op: scale, table: projects, field: budget, factor: 1.2}}]
  - name: overtime-0
    changes: [{{op: set, path: policies.overtime.max_percent, value: 0}}]
  - name: overtime-20
    changes: [{{op: set, path: policies.overtime.max_percent, value: 20}}]
  - name: reprioritise
    changes: [{{op: set, table: projects, id: j000, field: priority, value: 1}}, {{op: set, table: projects, id: j001, field: priority, value: 4}}]
  - name: rates-up
    changes: [{{op: scale, table: staff, field: cost_per_hour, factor: 1.1}}]
""")


if __name__ == "__main__":
    main()
