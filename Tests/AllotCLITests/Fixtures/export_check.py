"""Independent reader for `allot export` (used by ExportTests.swift).

    python3 export_check.py FORMAT DATASET PLAN_DIR OUTPUT [granularity=period]
        [assignee=id] [person=STAFF_ID] [rows=NAME|NAME]

Reads OUTPUT with Python's own csv / json / xml.etree modules (and a
hand-written RFC 5545 line checker for ical) and compares it with the plan's
assignments.csv and the dataset's staff.csv / projects.csv, summed here by
hand. Prints every problem and exits 1, or prints one "ok" line.
"""
import unicodedata
import csv, datetime, io, json, os, re, sys
from collections import Counter, OrderedDict
from decimal import Decimal
import xml.etree.ElementTree as ET

problems = []
def fail(msg):
    problems.append(msg)

fmt, dataset, plan, out = sys.argv[1:5]
opts = dict(a.split("=", 1) for a in sys.argv[5:])
granularity = opts.get("granularity", "assignment")
assignee = opts.get("assignee", "email")

def table(path):
    with open(path, newline="", encoding="utf-8-sig") as f:
        rows = list(csv.reader(f))
    header = [h.strip().lower() for h in rows[0]]
    return [dict(zip(header, r)) for r in rows[1:] if any(c.strip() for c in r)]

staff = {r["id"]: r for r in table(os.path.join(dataset, "staff.csv"))}
projects = {r["id"]: r for r in table(os.path.join(dataset, "projects.csv"))}
rows = table(os.path.join(plan, "assignments.csv"))
def name_of(s): return staff[s].get("name") or s
def printable(t):
    # What allot writes into files: line breaks and tabs become one space, other control
    # characters (C0, DEL, C1) and U+FFFE, U+FFFF (forbidden in XML) go.
    out = ""
    for ch in t:
        if ch in "\n\r\t":
            if not out.endswith(" "): out += " "
        elif unicodedata.category(ch) != "Cc" and ch not in "\ufffe\uffff":
            out += ch
    return out
def jsonl_text(t):
    # JSON Lines keeps line breaks and tabs (JSON escapes them) and drops what printable drops.
    return "".join(ch for ch in t if ch in "\n\r\t" or (unicodedata.category(ch) != "Cc" and ch not in "\ufffe\uffff"))
def email_of(s): return staff[s].get("email") or None
def pname(p): return projects[p].get("name") or p
def day(s): return datetime.date.fromisoformat(s)

def groups(by_period):
    g = OrderedDict()
    for r in rows:
        key = (r["staff_id"], r["project_id"]) + ((r["period"],) if by_period else ())
        e = g.setdefault(key, {"hours": Decimal(0), "start": day(r["period_start"]), "end": day(r["period_end"]), "rows": []})
        e["hours"] += Decimal(r["hours"])
        e["start"] = min(e["start"], day(r["period_start"]))
        e["end"] = max(e["end"], day(r["period_end"]))
        e["rows"].append(r)
    return g

def read_bytes(path):
    if path == "-":
        fail("checker needs a file")
    with open(path, "rb") as f:
        return f.read()

def csv_rows(path, header):
    data = read_bytes(path)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        fail(f"not UTF-8: {e}")
        return []
    if text.startswith("\ufeff"):
        text = text[1:]
    recs = list(csv.reader(io.StringIO(text, newline=""), strict=True))
    if not recs or recs[0] != header:
        fail(f"header {recs[0] if recs else None!r}, expected {header!r}")
        return []
    for i, r in enumerate(recs[1:], 2):
        if len(r) != len(header):
            fail(f"record {i} has {len(r)} fields: {r!r}")
    return [dict(zip(header, r)) for r in recs[1:]]

def who(value):
    """The staff id an Assignee cell names."""
    for s in staff:
        if (assignee == "id" and value == s) or (assignee == "email" and value == email_of(s)):
            return s
    fail(f"Assignee {value!r} is no staff {assignee}")
    return None

def check_jira():
    header = ["Summary", "Issue Type", "Assignee", "Start date", "Due date", "Original Estimate", "Labels", "Description"]
    recs = csv_rows(out, header)
    expected = groups(granularity == "period")
    if len(recs) != len(expected):
        fail(f"{len(recs)} rows, expected {len(expected)} (distinct keys in assignments.csv)")
    seen = set()
    for r in recs:
        s = who(r["Assignee"])
        cands = [k for k in expected if k[0] == s and pname(k[1]) in r["Summary"]]
        if granularity == "period":
            cands = [k for k in cands if expected[k]["start"].isoformat() == r["Start date"]]
        if len(cands) != 1:
            fail(f"row {r!r} matches {cands} in assignments.csv")
            continue
        k = cands[0]
        if k in seen: fail(f"two rows for {k}")
        seen.add(k)
        e = expected[k]
        # Jira summaries are single-line: allot turns line breaks into spaces.
        single = " ".join(name_of(s).split("\n"))
        if "\n" in r["Summary"] or single not in r["Summary"]:
            fail(f"Summary {r['Summary']!r} lacks the person name {single!r} on one line")
        if r["Issue Type"] != "Task": fail(f"Issue Type {r['Issue Type']!r}")
        if r["Labels"] != "allot": fail(f"Labels {r['Labels']!r}")
        for col, want in (("Start date", e["start"]), ("Due date", e["end"])):
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", r[col]) or r[col] != want.isoformat():
                fail(f"{k} {col} {r[col]!r}, expected {want.isoformat()}")
        want = int((e["hours"] * 3600).to_integral_value())
        if r["Original Estimate"] != str(want):
            fail(f"{k} Original Estimate {r['Original Estimate']!r}, expected {want} ({e['hours']} h)")
    return f"{len(recs)} jira rows"

def check_asana():
    header = ["Name", "Assignee", "Start Date", "Due Date", "Description", "Section"]
    recs = csv_rows(out, header)
    expected = groups(False)
    if len(recs) != len(expected):
        fail(f"{len(recs)} rows, expected {len(expected)} (distinct person, project in assignments.csv)")
    seen = set()
    for r in recs:
        s = who(r["Assignee"])
        cands = [k for k in expected if k[0] == s and pname(k[1]) == r["Section"]]
        if len(cands) != 1:
            fail(f"row {r!r} matches {cands} (Section must be the exact project name)")
            continue
        k = cands[0]
        if k in seen: fail(f"two rows for {k}")
        seen.add(k)
        if not r["Name"]: fail(f"{k}: empty Name")
        e = expected[k]
        for col, want in (("Start Date", e["start"]), ("Due Date", e["end"])):
            if not re.fullmatch(r"\d{2}/\d{2}/\d{4}", r[col]) or r[col] != want.strftime("%m/%d/%Y"):
                fail(f"{k} {col} {r[col]!r}, expected {want.strftime('%m/%d/%Y')}")
    return f"{len(recs)} asana rows"

def check_jsonl():
    data = read_bytes(out)
    text = data.decode("utf-8")
    if "\r" in text: fail("CR in jsonl")
    if not text.endswith("\n"): fail("jsonl does not end with LF")
    lines = text.split("\n")[:-1]
    if any(l.strip() == "" for l in lines): fail("blank line in jsonl")
    if len(lines) != len(rows): fail(f"{len(lines)} lines, assignments.csv has {len(rows)} rows")
    keys = {"staff_id", "staff_name", "email", "project_id", "project_name", "skill", "period",
            "period_start", "period_end", "hours", "cost", "locked_hours"}
    for i, (line, r) in enumerate(zip(lines, rows), 1):
        try:
            o = json.loads(line)
        except ValueError as e:
            fail(f"line {i}: {e}: {line!r}")
            continue
        if set(o) != keys: fail(f"line {i}: keys {sorted(o)}")
        for k in ("staff_id", "project_id", "skill", "period", "period_start", "period_end"):
            if o.get(k) != r[k]: fail(f"line {i}: {k} {o.get(k)!r}, assignments.csv {r[k]!r}")
        for k in ("hours", "cost"):
            v = o.get(k)
            if not isinstance(v, (int, float)) or isinstance(v, bool) or abs(v - float(r[k])) > 1e-6:
                fail(f"line {i}: {k} {v!r}, assignments.csv {r[k]!r}")
        s, p = r["staff_id"], r["project_id"]
        if s in staff and o.get("staff_name") != jsonl_text(name_of(s)): fail(f"line {i}: staff_name {o.get('staff_name')!r}, staff.csv {name_of(s)!r}")
        if s in staff and o.get("email") != email_of(s): fail(f"line {i}: email {o.get('email')!r}, staff.csv {email_of(s)!r}")
        if p in projects and o.get("project_name") != jsonl_text(pname(p)): fail(f"line {i}: project_name {o.get('project_name')!r}, projects.csv {pname(p)!r}")
        lh = o.get("locked_hours")
        if not isinstance(lh, (int, float)) or isinstance(lh, bool) or lh < 0 or lh > float(r["hours"]) + 1e-6:
            fail(f"line {i}: locked_hours {lh!r}")
    return f"{len(lines)} jsonl lines"

NS = "{http://schemas.microsoft.com/project}"
DUR = re.compile(r"PT(\d+)H(\d+)M(\d+)S")
DT = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}")
def seconds(el, what):
    m = DUR.fullmatch(el.text or "") if el is not None else None
    if not m:
        fail(f"{what}: duration {None if el is None else el.text!r}")
        return 0
    return int(m[1]) * 3600 + int(m[2]) * 60 + int(m[3])
def dt(el, what):
    if el is None or not DT.fullmatch(el.text or ""):
        fail(f"{what}: dateTime {None if el is None else el.text!r}")
        return None
    return datetime.datetime.fromisoformat(el.text)
def children(el): return [c.tag[len(NS):] if c.tag.startswith(NS) else c.tag for c in el]
def txt(el, tag): 
    c = el.find(NS + tag)
    return None if c is None else (c.text or "")

def in_order(got, xsd, what):
    """The elements of `xsd` (the contract's fields, in the MSPDI schema's sequence
    order; `?` = optional) are all present, once, in that relative order."""
    names = [x.rstrip("?") for x in xsd]
    for x in xsd:
        if not x.endswith("?") and x not in got: fail(f"{what}: no {x} (children {got})")
    known = [c for c in got if c in names]
    if len(set(known)) != len(known) or known != sorted(known, key=names.index):
        fail(f"{what}: children {got}, expected the XSD sequence order {names}")

def check_mspdi():
    root = ET.fromstring(read_bytes(out))
    if root.tag != NS + "Project": fail(f"root tag {root.tag}")
    order = ["SaveVersion", "Name", "ScheduleFromStart", "StartDate", "MinutesPerDay", "MinutesPerWeek", "Tasks", "Resources", "Assignments"]
    if children(root) != order: fail(f"Project children {children(root)}")
    dt(root.find(NS + "StartDate"), "StartDate")
    expected = groups(False)
    tasks, resources = {}, {}
    for t in root.iter(NS + "Task"):
        uid = txt(t, "UID")
        if uid in tasks: fail(f"Task UID {uid} twice")
        tasks[uid] = t
        # Manual (in Project 2010's schema, as MPXJ reads it: after Name, before Type): a manually
        # scheduled task keeps its Start and Finish; an automatic one moves to the project start.
        in_order(children(t), ["UID", "ID", "Name", "Manual", "Type", "Start", "Finish", "Work"], f"Task {uid}")
        if txt(t, "Manual") != "1": fail(f"Task {uid} Manual {txt(t, 'Manual')!r}, expected 1")
        dt(t.find(NS + "Start"), f"Task {uid} Start"); dt(t.find(NS + "Finish"), f"Task {uid} Finish")
    for r in root.iter(NS + "Resource"):
        uid = txt(r, "UID")
        if uid in resources: fail(f"Resource UID {uid} twice")
        resources[uid] = r
        in_order(children(r), ["UID", "ID", "Name", "Type", "EmailAddress?", "MaxUnits", "StandardRate", "StandardRateFormat"], f"Resource {uid}")
        if txt(r, "StandardRateFormat") != "2": fail(f"Resource {uid} StandardRateFormat {txt(r, 'StandardRateFormat')!r}")
    task_of = {pname(p): uid for uid, t in tasks.items() for p in projects if txt(t, "Name") == pname(p)}
    res_of = {}
    for uid, r in resources.items():
        m = [s for s in staff if printable(name_of(s)) == txt(r, "Name")]
        if len(m) != 1: fail(f"Resource {uid} name {txt(r, 'Name')!r} matches {m}"); continue
        s = m[0]
        res_of[s] = uid
        if txt(r, "EmailAddress") != email_of(s): fail(f"Resource {s} EmailAddress {txt(r, 'EmailAddress')!r}, staff.csv {email_of(s)!r}")
        if Decimal(txt(r, "StandardRate") or "nan") != Decimal(staff[s]["cost_per_hour"]): fail(f"Resource {s} StandardRate {txt(r, 'StandardRate')!r}")
    for (s, p) in expected:
        if s not in res_of: fail(f"no Resource for {s}")
        if pname(p) not in task_of: fail(f"no Task for {p} ({pname(p)!r})")
    seen, auids, task_work = set(), set(), Counter()
    assignments = list(root.iter(NS + "Assignment"))
    if len(assignments) != len(expected): fail(f"{len(assignments)} Assignments, expected {len(expected)}")
    for a in assignments:
        uid = txt(a, "UID")
        if uid in auids: fail(f"Assignment UID {uid} twice")
        auids.add(uid)
        ch = children(a)
        in_order(ch, ["UID", "TaskUID", "ResourceUID", "PercentWorkComplete", "Finish", "Start", "Units", "Work"], f"Assignment {uid}")
        if "TimephasedData" in ch and any(c != "TimephasedData" for c in ch[ch.index("TimephasedData"):]): fail(f"Assignment {uid}: TimephasedData must come last: {ch}")
        s = next((x for x, u in res_of.items() if u == txt(a, "ResourceUID")), None)
        p = next((x for x in projects if task_of.get(pname(x)) == txt(a, "TaskUID")), None)
        if (s, p) not in expected: fail(f"Assignment {uid} is ({s}, {p}), not in assignments.csv"); continue
        if (s, p) in seen: fail(f"two Assignments for ({s}, {p})")
        seen.add((s, p))
        e = expected[(s, p)]
        work = seconds(a.find(NS + "Work"), f"Assignment {uid} Work")
        task_work[txt(a, "TaskUID")] += work
        tds = a.findall(NS + "TimephasedData")
        periods = {r["period"]: r for r in e["rows"]}
        if len(tds) != len(periods): fail(f"Assignment {uid} ({s}, {p}) has {len(tds)} TimephasedData, {len(periods)} periods")
        total = 0
        for td in tds:
            if children(td) != ["Type", "UID", "Start", "Finish", "Unit", "Value"]: fail(f"TimephasedData children {children(td)}")
            if txt(td, "Type") != "1" or txt(td, "Unit") != "2" or txt(td, "UID") != uid: fail(f"TimephasedData Type/Unit/UID {txt(td, 'Type')}/{txt(td, 'Unit')}/{txt(td, 'UID')} in Assignment {uid}")
            st, fi = dt(td.find(NS + "Start"), "TD Start"), dt(td.find(NS + "Finish"), "TD Finish")
            if st and fi and not any(day(r["period_start"]) <= st.date() <= fi.date() <= day(r["period_end"]) for r in e["rows"]):
                fail(f"TimephasedData {st}..{fi} of ({s}, {p}) lies in no period of its rows")
            total += seconds(td.find(NS + "Value"), "TD Value")
        want = int((e["hours"] * 3600).to_integral_value())
        if abs(work - want) > 1: fail(f"({s}, {p}) Work {work}s, assignments.csv {want}s")
        if abs(total - work) > len(tds): fail(f"({s}, {p}) TimephasedData sum {total}s, Work {work}s")
        a_st, a_fi = dt(a.find(NS + "Start"), "Assignment Start"), dt(a.find(NS + "Finish"), "Assignment Finish")
        if a_st and a_fi and not (e["start"] <= a_st.date() <= a_fi.date() <= e["end"]):
            fail(f"Assignment ({s}, {p}) {a_st}..{a_fi} outside {e['start']}..{e['end']}")
    for uid, t in tasks.items():
        if uid in task_work and abs(seconds(t.find(NS + "Work"), f"Task {uid} Work") - task_work[uid]) > len(assignments):
            fail(f"Task {uid} Work {txt(t, 'Work')} is not the sum of its assignments ({task_work[uid]}s)")
    return f"{len(tasks)} tasks, {len(resources)} resources, {len(assignments)} assignments"

def unescape(v, what):
    outv, i = [], 0
    while i < len(v):
        c = v[i]
        if c == "\\":
            n = v[i + 1:i + 2]
            if n in ("\\", ",", ";"): outv.append(n)
            elif n in ("n", "N"): outv.append("\n")
            else: fail(f"{what}: bad escape \\{n} in {v!r}")
            i += 2
            continue
        if c in ",;": fail(f"{what}: unescaped {c!r} in {v!r}")
        if ord(c) < 32 and c != "\t" or ord(c) == 127: fail(f"{what}: control character {ord(c)} in {v!r}")
        outv.append(c)
        i += 1
    return "".join(outv)

def check_ics(path, person, uids):
    data = read_bytes(path)
    if not data.endswith(b"\r\n"): fail(f"{path}: does not end with CRLF")
    physical = data.split(b"\r\n")[:-1]
    logical = []
    for n, line in enumerate(physical, 1):
        if b"\r" in line or b"\n" in line: fail(f"{path}:{n}: bare CR or LF")
        if len(line) > 75: fail(f"{path}:{n}: {len(line)} octets")
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            fail(f"{path}:{n}: not valid UTF-8 on its own (a folded UTF-8 sequence?) {line!r}")
        if line.startswith(b" "):
            if not logical: fail(f"{path}: starts with a continuation line"); continue
            logical[-1] += line[1:]
        elif line.startswith(b"\t"):
            fail(f"{path}:{n}: continuation with a tab")
        else:
            logical.append(line)
    lines = [l.decode("utf-8", "replace") for l in logical]
    stack, events, cur = [], [], None
    props = []
    for l in lines:
        m = re.match(r"([A-Za-z0-9-]+)((?:;[^:]*)?):(.*)$", l, re.S)
        if not m: fail(f"{path}: not a content line {l!r}"); continue
        name, params, value = m[1].upper(), m[2], m[3]
        if name == "BEGIN":
            stack.append(value)
            if value == "VEVENT": cur = {}
        elif name == "END":
            if not stack or stack.pop() != value: fail(f"{path}: END:{value} does not close {stack}")
            if value == "VEVENT" and cur is not None: events.append(cur); cur = None
        elif cur is not None:
            if name in cur: fail(f"{path}: {name} twice in a VEVENT")
            cur[name] = (params, value)
        elif stack == ["VCALENDAR"]:
            props.append((name, value))
    if stack: fail(f"{path}: unclosed {stack}")
    if not lines or lines[0] != "BEGIN:VCALENDAR" or lines[-1] != "END:VCALENDAR": fail(f"{path}: not one VCALENDAR")
    if ("VERSION", "2.0") not in props: fail(f"{path}: no VERSION:2.0")
    if not any(n == "PRODID" for n, _ in props): fail(f"{path}: no PRODID")
    mine = [r for r in rows if r["staff_id"] == person]
    if len(events) != len(mine): fail(f"{path}: {len(events)} VEVENTs, {person} has {len(mine)} rows")
    got, want = Counter(), Counter()
    for r in mine:
        want[(day(r["period_start"]), day(r["period_end"]) + datetime.timedelta(days=1))] += 1
    texts = []
    for e in events:
        for p in ("UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY"):
            if p not in e: fail(f"{path}: VEVENT without {p}")
        if "UID" in e:
            if e["UID"][1] in uids: fail(f"{path}: UID {e['UID'][1]} not unique")
            uids.add(e["UID"][1])
        if "DTSTAMP" in e and not re.fullmatch(r"\d{8}T\d{6}Z", e["DTSTAMP"][1]): fail(f"{path}: DTSTAMP {e['DTSTAMP']}")
        ds = de = None
        for p in ("DTSTART", "DTEND"):
            if p in e:
                if e[p][0].upper() != ";VALUE=DATE" or not re.fullmatch(r"\d{8}", e[p][1]): fail(f"{path}: {p}{e[p][0]}:{e[p][1]}")
                else:
                    d = datetime.datetime.strptime(e[p][1], "%Y%m%d").date()
                    if p == "DTSTART": ds = d
                    else: de = d
        got[(ds, de)] += 1
        text = ""
        for p in ("SUMMARY", "DESCRIPTION"):
            if p in e: text += unescape(e[p][1], f"{path} {p}") + "\n"
        texts.append(text)
    if got != want: fail(f"{path}: (DTSTART, DTEND) {sorted(got.items())}, expected {sorted(want.items())} (DTEND = period end + 1 day)")
    # Every project the person works on is named (exactly, after unescaping) in some event.
    for p in {r["project_id"] for r in mine}:
        if not any(pname(p) in t for t in texts): fail(f"{path}: no SUMMARY/DESCRIPTION names {pname(p)!r}")
    return len(events)

def check_ical():
    uids = set()
    if "person" in opts:
        n = check_ics(out, opts["person"], uids)
        return f"{n} events for {opts['person']}"
    assigned = {r["staff_id"] for r in rows}
    files = sorted(f for f in os.listdir(out))
    for f in files:
        if not f.endswith(".ics") or f[:-4] not in staff: fail(f"unexpected file {f}")
    for s in sorted(assigned):
        if s + ".ics" not in files: fail(f"no {s}.ics in {out}: {files}")
    total = sum(check_ics(os.path.join(out, f), f[:-4], uids) for f in files if f.endswith(".ics") and f[:-4] in staff)
    return f"{len(files)} calendars, {total} events"

def check_lp():
    text = read_bytes(out).decode("utf-8")
    for marker in ("Subject To", "End"):
        if not re.search(r"^" + marker + r"\s*$", text, re.M | re.I): fail(f"LP: no {marker!r} line")
    if not re.search(r"^(Minimize|Maximize)\s*$", text, re.M | re.I): fail("LP: no objective sense")
    for row in opts.get("rows", "").split("|"):
        if row and row not in text: fail(f"LP: no row {row!r}")
    return f"{len(text.splitlines())} LP lines"

def check_mps():
    text = read_bytes(out).decode("utf-8")
    sections = [l.split()[0] for l in text.splitlines() if l and not l[0].isspace() and not l.startswith("*")]
    for s in ("NAME", "ROWS", "COLUMNS", "RHS", "BOUNDS", "ENDATA"):
        if s not in sections: fail(f"MPS: no {s} section (sections {sections})")
    if sections and sections[-1] != "ENDATA": fail("MPS: ENDATA is not last")
    names = set()
    section = None
    for l in text.splitlines():
        if l and not l[0].isspace() and not l.startswith("*"): section = l.split()[0]; continue
        if section == "ROWS" and l.split(): names.add(l.split()[-1])
    for row in opts.get("rows", "").split("|"):
        if row and row not in names: fail(f"MPS: no row {row!r} in ROWS")
    return f"{len(names)} MPS rows"

checks = {"jsonl": check_jsonl, "jira-csv": check_jira, "asana-csv": check_asana, "mspdi": check_mspdi,
          "ical": check_ical, "lp": check_lp, "mps": check_mps}
try:
    summary = checks[fmt]()
except Exception as e:
    import traceback
    fail(f"checker crashed: {traceback.format_exc()}")
    summary = ""
if problems:
    print(f"{fmt}: {len(problems)} problem(s)")
    for p in problems[:40]:
        print("  " + p)
    sys.exit(1)
print(f"{fmt}: ok, {summary}")
