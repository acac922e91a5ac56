/// The per-table rules of docs/dataset-format.md.
extension Validator {
    mutating func readStaff(_ r: inout RowReader) -> [Staff] {
        var result: [Staff] = []
        var ids: [(Staff.ID, SourceLocation)] = []
        if r.index["skills"] == nil { staffSkillsUnread = true }
        for record in r.table.records {
            guard checkWidth(r, record) else {
                staffSkillsUnread = true
                continue
            }
            let idCell = required(r, record, "id", what: "an id for the person, e.g. alice")
            let id = idCell.flatMap { self.id($0, Staff.ID.self, what: "id") }
            if let id, let idCell { ids.append((id, idCell.location)) }
            let cost = required(r, record, "cost_per_hour", what: "an hourly cost such as 85").flatMap {
                number($0, DatasetLimits.costPerHour)
            }
            let hours = optional(r, record, "hours_per_week").flatMap { number($0, DatasetLimits.staffHoursPerWeek) }
            let hoursGiven = optional(r, record, "hours_per_week") != nil
            let skillsCell = required(
                r, record, "skills",
                what: "skills written skill:level;skill:level, e.g. swift:4;sql:3")
            let skills = skillsCell.flatMap { parseSkills($0) }
            let startCell = optional(r, record, "start"), endCell = optional(r, record, "end")
            let start = startCell.flatMap { date($0, "start") }, end = endCell.flatMap { date($0, "end") }
            let inOrder = ordered(
                start: start.map { ($0, startCell!.location) }, end: end.map { ($0, endCell!.location) })
            let email = optional(r, record, "email")
            if let email, !email.text.contains("@") {
                warning(
                    email.location, found: "email \(quoted(email.text))",
                    expected: "an address such as alice@example.com")
            }
            var paid = Staff.Paid.hours
            var paidOK = true
            if let cell = optional(r, record, "paid") {
                if let value = Staff.Paid(rawValue: cell.text.lowercased()) {
                    paid = value
                } else {
                    error(
                        cell.location, found: "paid \(quoted(cell.text))",
                        expected: "hours (paid per hour worked, the default) or capacity (paid for every hour of "
                            + "capacity, worked or not)")
                    paidOK = false
                }
            }
            guard let id, let cost, let skills, let skillsCell, inOrder, paidOK, hours != nil || !hoursGiven
            else { continue }
            staffSkills += skills.keys.sorted().map { ($0, skillsCell.location) }
            result.append(
                Staff(
                    id: id, name: optional(r, record, "name")?.text, email: email?.text, costPerHour: cost,
                    hoursPerWeek: hours, skills: skills, start: start, end: end, origin: record.location,
                    paid: paid))
        }
        unique(ids, table: .staff)
        return result
    }

    /// `swift:4;sql:3` -> ["swift": 4, "sql": 3]. Every broken pair is reported.
    mutating func parseSkills(_ c: CSVTable.Cell) -> [String: Int]? {
        var skills: [String: Int] = [:]
        var ok = true
        for part in c.text.split(separator: ";", omittingEmptySubsequences: true) {
            let pair = String(part).trimmedSpaces
            if pair.isEmpty { continue }
            let bits = pair.split(separator: ":", maxSplits: 1).map { String($0).trimmedSpaces }
            guard bits.count == 2, !bits[0].isEmpty else {
                error(
                    c.location, found: "the skill \(quoted(pair))",
                    expected: "skill:level with a level from 1 to 5, e.g. swift:4")
                ok = false
                staffSkillsUnread = true
                continue
            }
            guard Validator.isValidID(bits[0]) else {
                error(
                    c.location, found: "the skill name \(quoted(bits[0]))\(Validator.lengthNote(bits[0]))",
                    expected: "a skill name of \(Validator.idRule)")
                ok = false
                staffSkillsUnread = true
                continue
            }
            // A whole number as the other integer columns read it (4, 4.0).
            let written = Int(bits[1]).map(Double.init) ?? Validator.parseNumber(bits[1])
            guard let written, (1...5).contains(written), written.rounded() == written else {
                error(
                    c.location, found: "the skill level \(quoted(bits[1])) in \(quoted(pair))",
                    expected: "a level from 1 to 5")
                ok = false
                // The skill is there, at a level unread.
                writtenBestLevel[bits[0]] = writtenBestLevel[bits[0]] ?? 0
                levelUnread.insert(bits[0])
                continue
            }
            let level = Int(written)
            writtenBestLevel[bits[0]] = max(writtenBestLevel[bits[0]] ?? 0, level)
            if skills[bits[0]] != nil {
                error(c.location, found: "the skill \(quoted(bits[0])) twice", expected: "each skill once per person")
                ok = false
            }
            skills[bits[0]] = level
        }
        if ok && skills.isEmpty {
            error(
                c.location, found: "no skills in \(quoted(c.text))", expected: "at least one skill:level, e.g. swift:4")
            return nil
        }
        return ok ? skills : nil
    }

    mutating func readProjects(_ r: inout RowReader) -> [Project] {
        var result: [Project] = []
        var ids: [(Project.ID, SourceLocation)] = []
        for record in r.table.records {
            guard checkWidth(r, record) else { continue }
            let idCell = required(r, record, "id", what: "an id for the project, e.g. apollo")
            let id = idCell.flatMap { self.id($0, Project.ID.self, what: "id") }
            if let id, let idCell { ids.append((id, idCell.location)) }
            let priority = required(r, record, "priority", what: "a priority (1 = most important)").flatMap {
                integer($0, DatasetLimits.priority)
            }
            let budgetCell = optional(r, record, "budget")
            let budget = budgetCell.flatMap { number($0, DatasetLimits.budget) }
            let startCell = optional(r, record, "start"), endCell = optional(r, record, "end")
            let start = startCell.flatMap { date($0, "start") }, end = endCell.flatMap { date($0, "end") }
            let inOrder = ordered(
                start: start.map { ($0, startCell!.location) }, end: end.map { ($0, endCell!.location) })
            guard let id, let priority, inOrder, budgetCell == nil || budget != nil,
                startCell == nil || start != nil, endCell == nil || end != nil
            else { continue }
            result.append(
                Project(
                    id: id, name: optional(r, record, "name")?.text, priority: priority, start: start, end: end,
                    budget: budget, origin: record.location))
        }
        unique(ids, table: .projects)
        return result
    }

    mutating func readDemand(
        _ r: inout RowReader, projects: [Project.ID: Project],
        horizon: DayRange?
    ) -> [DemandLine] {
        var result: [DemandLine] = []
        for (index, record) in r.table.records.enumerated() {
            guard checkWidth(r, record) else { continue }
            let projectCell = required(r, record, "project_id", what: "the id of a project in projects.csv")
            var project: Project?
            if let projectCell, let pid = id(projectCell, Project.ID.self, what: "project_id") {
                project = projects[pid]
                if project == nil && !writtenProjects.contains(pid.rawValue) && !unusable.contains(.projects) {
                    error(
                        projectCell.location, found: "the project \(quoted(pid.rawValue))",
                        expected:
                            "a project id from projects.csv\(suggestion(pid.rawValue, among: projects.keys.map(\.rawValue)))"
                    )
                }
            }
            let skillCell = required(r, record, "skill", what: "a skill name, e.g. swift")
            var skill: String?
            if let skillCell {
                if Validator.isValidID(skillCell.text) {
                    skill = skillCell.text
                } else {
                    error(
                        skillCell.location,
                        found: "the skill \(quoted(skillCell.text))\(Validator.lengthNote(skillCell.text))",
                        expected: "a skill name of \(Validator.idRule)")
                }
            }
            let levelCell = optional(r, record, "min_level")
            let minLevel = levelCell.map { integer($0, DatasetLimits.minLevel) } ?? 1
            let perWeekCell = optional(r, record, "hours_per_week"), totalCell = optional(r, record, "total_hours")
            var amount: DemandLine.Amount?
            switch (perWeekCell, totalCell) {
            case (let w?, nil):
                amount = number(w, DatasetLimits.demandHoursPerWeek).map { .perWeek($0) }
            case (nil, let t?):
                amount = number(t, DatasetLimits.totalHours).map { .total($0) }
            case (let w?, _?):
                error(
                    w.location, found: "both hours_per_week and total_hours",
                    expected:
                        "exactly one of them: hours_per_week for a steady need, total_hours for an effort in the window"
                )
            case (nil, nil):
                let at =
                    cell(r, record, "hours_per_week")?.location ?? cell(r, record, "total_hours")?.location
                    ?? record.location
                error(
                    at, found: "neither hours_per_week nor total_hours",
                    expected:
                        "exactly one of them: hours_per_week for a steady need, total_hours for an effort in the window"
                )
            }
            let startCell = optional(r, record, "start"), endCell = optional(r, record, "end")
            let start = startCell.flatMap { date($0, "start") }, end = endCell.flatMap { date($0, "end") }
            var windowOK = startCell == nil || start != nil
            windowOK = windowOK && (endCell == nil || end != nil)
            if windowOK, let project, let horizon {
                // The window: the line's own dates, else the project's, else the horizon's.
                let first = start ?? project.start ?? horizon.first
                let last = end ?? project.end ?? horizon.last
                let firstAt = startCell?.location ?? (project.start != nil ? project.origin : record.location)
                let lastAt = endCell?.location ?? (project.end != nil ? project.origin : record.location)
                if last < first {
                    error(
                        endCell != nil ? lastAt : (startCell != nil ? firstAt : record.location),
                        found:
                            "a demand window from \(first) to \(last)\(startCell == nil || endCell == nil ? " (dates taken from project \(project.id))" : "")",
                        expected: "an end on or after the start (both dates are inclusive)")
                    windowOK = false
                } else if !DayRange(first, last).overlaps(horizon) {
                    error(
                        startCell != nil || endCell != nil ? (startCell?.location ?? lastAt) : record.location,
                        found: "a demand window from \(first) to \(last)"
                            + (startCell == nil && endCell == nil && (project.start != nil || project.end != nil)
                                ? " (dates taken from project \(project.id), \(project.origin.file) line \(project.origin.line))"
                                : "") + ", outside the horizon",
                        expected: "a window that overlaps the horizon \(horizon.first) to \(horizon.last)")
                    windowOK = false
                } else {
                    // A window (within the horizon) of weekend days only asks
                    // for hours nobody can work; the conflict blamed leave.
                    let within = DayRange(first, last).clamped(to: horizon)
                    if within.hasOnlyWeekendDays {
                        warning(
                            startCell?.location ?? record.location,
                            found: "a demand window from \(within.first) to \(within.last) (within the horizon) "
                                + "of weekend days only",
                            expected: "a window holding a working day, Monday to Friday (nobody works on it, "
                                + "so its hours stay unmet)")
                    }
                }
            }
            if let skill, let skillCell, let level = minLevel, !unusable.contains(.staff), !staffSkillsUnread {
                if let best = writtenBestLevel[skill] {
                    if best < level, !levelUnread.contains(skill) {
                        warning(
                            levelCell?.location ?? skillCell.location,
                            found: "min_level \(level) for \(skill), but the best level anyone has is \(best)",
                            expected:
                                "someone in staff.csv with \(skill) at level \(level) or more (this demand cannot be staffed)"
                        )
                    }
                } else {
                    warning(
                        skillCell.location, found: "the skill \(quoted(skill)), which nobody in staff.csv has",
                        expected:
                            "a skill someone has\(suggestion(skill, among: Array(writtenBestLevel.keys))) (this demand cannot be staffed)"
                    )
                }
            }
            guard project != nil, let skill, let level = minLevel, let amount, windowOK else { continue }
            result.append(
                DemandLine(
                    index: index, project: project!.id, skill: skill, minLevel: level, amount: amount,
                    start: start, end: end, origin: record.location))
        }
        return result
    }

    mutating func readLeave(_ r: inout RowReader, staff: [Staff.ID: Staff], defaultHoursPerWeek: Double) -> [Leave] {
        var result: [Leave] = []
        for record in r.table.records {
            guard checkWidth(r, record) else { continue }
            let who = staffReference(r, record, staff: staff)
            let startCell = required(r, record, "start", what: "the first day of leave, YYYY-MM-DD")
            let endCell = required(r, record, "end", what: "the last day of leave (inclusive), YYYY-MM-DD")
            let start = startCell.flatMap { date($0, "start") }, end = endCell.flatMap { date($0, "end") }
            let inOrder = ordered(
                start: start.map { ($0, startCell!.location) }, end: end.map { ($0, endCell!.location) })
            let hoursCell = optional(r, record, "hours_per_week")
            let hours = hoursCell.map { number($0, DatasetLimits.leaveHoursPerWeek) } ?? 0
            guard let who, let start, let end, inOrder, let hours else { continue }
            // Leave at more hours than the person usually works raises their
            // capacity on those days (the row counts as written): almost
            // always a typo, or hours meant as the time off.
            if let usual = staff[who].map({ $0.hoursPerWeek ?? defaultHoursPerWeek }), hours > usual, let hoursCell {
                warning(
                    hoursCell.location,
                    found: "leave of \(who) at \(format(hours)) h/week, more than the \(format(usual)) h/week "
                        + "they usually work",
                    expected: "the hours \(who) still works per week during the leave, at most \(format(usual)) "
                        + "(as written, \(who) has \(format(hours)) h/week of capacity on those days; to raise "
                        + "their capacity, change hours_per_week in staff.csv)")
            }
            result.append(Leave(staff: who, range: DayRange(start, end), hoursPerWeek: hours, origin: record.location))
        }
        // Overlapping leave of one person at different rates: the lowest
        // applies; say so (at the same rate the overlap changes nothing, as
        // when a scenario's person leaves during their holiday), at the row
        // that comes later in the table (a scenario's leave change comes after
        // leave.csv's rows, so the warning points at the change).
        let byPerson = Dictionary(grouping: result.indices, by: { result[$0].staff })
        for (_, rows) in byPerson where rows.count > 1 {
            let sorted = rows.sorted { result[$0].range.first < result[$1].range.first }
            for k in 1..<sorted.count {
                // Any earlier row may overlap, not only the one before: 4-15
                // January at 0 h covers 11-12 January at 20 h past a 5-6
                // January row between them.
                guard
                    let j = sorted[..<k].last(where: {
                        result[sorted[k]].range.overlaps(result[$0].range)
                            && result[sorted[k]].hoursPerWeek != result[$0].hoursPerWeek
                    })
                else { continue }
                let (earlier, later) = (min(j, sorted[k]), max(j, sorted[k]))
                let other = result[earlier].origin, at = result[later].origin
                warning(
                    at,
                    found: "leave of \(result[later].staff) overlapping the leave \(Validator.place(other, from: at))",
                    expected: "leave rows that do not overlap (on days covered twice, the lower hours_per_week applies)"
                )
            }
        }
        return result
    }

    mutating func readHolidays(_ r: inout RowReader) -> [Holiday] {
        var result: [Holiday] = []
        var seen: [Day: SourceLocation] = [:]
        for record in r.table.records {
            guard checkWidth(r, record) else { continue }
            guard let c = required(r, record, "date", what: "a holiday date, YYYY-MM-DD"), let d = date(c, "date")
            else { continue }
            if let earlier = seen[d] {
                warning(
                    c.location, found: "the holiday \(d) again (first \(Validator.place(earlier, from: c.location)))",
                    expected: "each holiday once")
                continue
            }
            seen[d] = record.location
            result.append(Holiday(date: d, name: optional(r, record, "name")?.text, origin: record.location))
        }
        return result
    }

    mutating func readCommitments(
        _ r: inout RowReader, staff: [Staff.ID: Staff], projects: [Project.ID: Project],
        horizon: DayRange?
    ) -> [Commitment] {
        var result: [Commitment] = []
        for (index, record) in r.table.records.enumerated() {
            guard checkWidth(r, record) else { continue }
            let who = staffReference(r, record, staff: staff)
            let projectCell = required(r, record, "project_id", what: "the id of a project in projects.csv")
            var project: Project.ID?
            if let projectCell, let pid = id(projectCell, Project.ID.self, what: "project_id") {
                if projects[pid] == nil {
                    if !writtenProjects.contains(pid.rawValue) && !unusable.contains(.projects) {
                        error(
                            projectCell.location, found: "the project \(quoted(pid.rawValue))",
                            expected:
                                "a project id from projects.csv\(suggestion(pid.rawValue, among: projects.keys.map(\.rawValue)))"
                        )
                    }
                } else {
                    project = pid
                }
            }
            let skillCell = required(r, record, "skill", what: "the skill the hours are for, e.g. swift")
            let startCell = required(r, record, "start", what: "the first day, YYYY-MM-DD")
            let endCell = required(r, record, "end", what: "the last day (inclusive), YYYY-MM-DD")
            let start = startCell.flatMap { date($0, "start") }, end = endCell.flatMap { date($0, "end") }
            let inOrder = ordered(
                start: start.map { ($0, startCell!.location) }, end: end.map { ($0, endCell!.location) })
            let hours = required(r, record, "hours_per_week", what: "the committed hours per week, e.g. 16").flatMap {
                number($0, DatasetLimits.commitmentHoursPerWeek)
            }
            let lockedCell = optional(r, record, "locked")
            let locked = lockedCell.map { bool($0, "locked") } ?? false
            if let who, let skillCell, let person = staff[who], person.skills[skillCell.text] == nil {
                warning(
                    skillCell.location,
                    found: "\(who) committed for \(quoted(skillCell.text)), a skill \(who) does not have in staff.csv",
                    expected: "a skill the person has (the hours still count)")
            }
            if let start, let end, let horizon, start <= end, !DayRange(start, end).overlaps(horizon) {
                warning(
                    startCell!.location, found: "a commitment from \(start) to \(end), outside the horizon",
                    expected: "dates that overlap the horizon \(horizon.first) to \(horizon.last) (the row is ignored)")
            }
            guard let who, let project, let skillCell, let start, let end, inOrder, let hours, let locked else {
                continue
            }
            result.append(
                Commitment(
                    index: index, staff: who, project: project, skill: skillCell.text, range: DayRange(start, end),
                    hoursPerWeek: hours, locked: locked, origin: record.location))
        }
        return result
    }

    mutating func staffReference(_ r: RowReader, _ record: CSVTable.Record, staff: [Staff.ID: Staff]) -> Staff.ID? {
        guard let c = required(r, record, "staff_id", what: "the id of a person in staff.csv"),
            let sid = id(c, Staff.ID.self, what: "staff_id")
        else { return nil }
        guard staff[sid] != nil else {
            // That row has its own error, or staff.csv could not be read at all.
            if writtenStaff.contains(sid.rawValue) || unusable.contains(.staff) { return nil }
            error(
                c.location, found: "the person \(quoted(sid.rawValue))",
                expected: "a staff id from staff.csv\(suggestion(sid.rawValue, among: staff.keys.map(\.rawValue)))")
            return nil
        }
        return sid
    }

    /// ` (did you mean "alice"?)` for a known name that differs only in
    /// case, or by at most 2 edits (a swap of two neighbours is one) in a
    /// name long enough for that to be a typo: a third of the shorter name,
    /// so "sql" is not a typo of "sap" and "g" none of "a"; nearest first,
    /// then alphabetically.
    func suggestion(_ text: String, among known: [String]) -> String {
        Self.suggestion(text, among: known)
    }

    static func suggestion(_ text: String, among known: [String]) -> String {
        guard let best = closest(to: text, among: known), best != text else { return "" }
        return " (did you mean \(quoted(best))?)"
    }

    /// The known name `suggestion` would offer for `text`, if any: at most
    /// 2 edits away, and at most a third of the shorter name. Names whose
    /// lengths differ by more than 2 are not compared, and a comparison stops
    /// once every alignment is beyond 2 edits: 2,000 unknown ids in leave.csv
    /// against 2,000 people took 35 s to validate, 5,000 over ten minutes;
    /// now 5,000 take 5 s (release build), and 3,000 unknown ids as long as
    /// the 3,000 known ones 3.2 s.
    static func closest(to text: String, among known: [String]) -> String? {
        let lower = Array(text.lowercased().unicodeScalars)
        var best: (name: String, distance: Int)?
        // One buffer for every name: lowercasing each into a new array cost
        // more than the comparisons.
        var other: [Unicode.Scalar] = []
        for name in known {
            other.removeAll(keepingCapacity: true)
            for u in name.unicodeScalars {
                guard u.isASCII else {
                    other = Array(name.lowercased().unicodeScalars)
                    break
                }
                other.append(u.value >= 65 && u.value <= 90 ? Unicode.Scalar(u.value + 32)! : u)
                if other.count > lower.count + 2 { break }
            }
            guard abs(other.count - lower.count) <= 2 else { continue }
            let d = editDistance(lower, other, limit: 2)
            guard d == 0 || (d <= 2 && 3 * d <= min(lower.count, other.count)) else { continue }
            if best.map({ (d, name) < ($0.distance, $0.name) }) ?? true { best = (name, d) }
        }
        return best?.name
    }
}

/// ` (did you mean "alice"?)` for the known name nearest `text`, if one is
/// near enough to be a typo of it (`Validator.suggestion`); empty otherwise.
public func didYouMean(_ text: String, among known: [String]) -> String {
    Validator.suggestion(text, among: known)
}

/// Edit distance for "did you mean": insertions, deletions, substitutions
/// and swaps of two neighbouring characters each count one ("bne" is one
/// edit from "ben", two from "ana"; optimal string alignment).
func editDistance(_ a: String, _ b: String) -> Int {
    editDistance(Array(a.unicodeScalars), Array(b.unicodeScalars), limit: Int.max - 1)
}

/// The same over scalars; once every alignment needs more than `limit`
/// edits it returns `limit + 1` without finishing.
func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], limit: Int) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var before = [Int](repeating: 0, count: b.count + 1)
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
        current[0] = i
        var least = i
        for j in 1...b.count {
            var d = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { d = min(d, before[j - 2] + 1) }
            current[j] = d
            least = min(least, d)
        }
        if least > limit { return limit + 1 }
        (before, previous, current) = (previous, current, before)
    }
    return previous[b.count]
}
