/// MS Project XML (MSPDI) and iCalendar (RFC 5545).
extension PlanDocument {
    // MARK: - MSPDI

    /// Microsoft Project XML: tasks are projects, resources are people,
    /// assignments carry their work per period as TimephasedData. Elements
    /// follow the schema's sequence (mspdi_pj12.xsd): Resource has EmailAddress,
    /// MaxUnits, StandardRate, StandardRateFormat in that order; Assignment has
    /// PercentWorkComplete, Finish, Start, Units, Work, then TimephasedData.
    public func mspdi() -> String {
        func esc(_ s: String) -> String {
            var out = ""
            for c in s.unicodeScalars {
                switch c {
                case "&": out += "&amp;"
                case "<": out += "&lt;"
                case ">": out += "&gt;"
                case "\"": out += "&quot;"
                case "'": out += "&apos;"
                case "\n": out += "&#10;"
                case "\r": out += "&#13;"
                case "\t": out += "&#9;"
                default:
                    if c.value < 0x20 { continue } // not allowed in XML 1.0
                    out.unicodeScalars.append(c)
                }
            }
            return out
        }
        // Work starts on a period's first weekday at 09:00 and ends on its
        // last weekday at 17:00 (a week ends on Friday, not Sunday).
        func start(_ d: Day) -> String {
            var day = d
            while day.isWeekend { day = day.advanced(by: 1) }
            return day.description + "T09:00:00"
        }
        func finish(_ d: Day) -> String {
            var day = d
            while day.isWeekend { day = day.advanced(by: -1) }
            return day.description + "T17:00:00"
        }
        func duration(_ hours: Double) -> String {
            let seconds = Int((hours * 3600).rounded())
            return "PT\(seconds / 3600)H\((seconds % 3600) / 60)M\(seconds % 60)S"
        }
        let groups = byPersonAndProject
        let projectIDs = Array(Set(rows.map(\.project))).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        let staffIDs = Array(Set(rows.map(\.staff))).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        let taskUID = Dictionary(uniqueKeysWithValues: projectIDs.enumerated().map { ($1, $0 + 1) })
        let resourceUID = Dictionary(uniqueKeysWithValues: staffIDs.enumerated().map { ($1, $0 + 1) })
        var x = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
        x += "<Project xmlns=\"http://schemas.microsoft.com/project\">\n"
        x += "  <SaveVersion>14</SaveVersion>\n"
        x += "  <Name>\(esc(name ?? "allot plan"))</Name>\n"
        x += "  <ScheduleFromStart>1</ScheduleFromStart>\n"
        x += "  <StartDate>\(start(rows.map(\.start).min() ?? Day(ordinal: 0)))</StartDate>\n"
        x += "  <MinutesPerDay>480</MinutesPerDay>\n"
        x += "  <MinutesPerWeek>2400</MinutesPerWeek>\n"
        x += "  <Tasks>\n"
        for id in projectIDs {
            let mine = rows.filter { $0.project == id }
            x += "    <Task><UID>\(taskUID[id]!)</UID><ID>\(taskUID[id]!)</ID><Name>\(esc(project(id).displayName))</Name><Type>1</Type>"
            x += "<Start>\(start(mine.map(\.start).min()!))</Start><Finish>\(finish(mine.map(\.end).max()!))</Finish>"
            x += "<Work>\(duration(mine.reduce(0) { $0 + $1.hours }))</Work></Task>\n"
        }
        x += "  </Tasks>\n  <Resources>\n"
        for id in staffIDs {
            let p = person(id)
            x += "    <Resource><UID>\(resourceUID[id]!)</UID><ID>\(resourceUID[id]!)</ID><Name>\(esc(p.displayName))</Name><Type>1</Type>"
            if let email = p.email, !email.isEmpty { x += "<EmailAddress>\(esc(email))</EmailAddress>" }
            x += "<MaxUnits>1.00</MaxUnits><StandardRate>\(format(p.costPerHour))</StandardRate><StandardRateFormat>2</StandardRateFormat></Resource>\n"
        }
        x += "  </Resources>\n  <Assignments>\n"
        for (k, group) in groups.enumerated() {
            let uid = k + 1
            let first = group.rows.map(\.start).min()!, last = group.rows.map(\.end).max()!
            let hours = group.rows.reduce(0) { $0 + $1.hours }
            // Units: the share of an 8-hour working day over the assignment's weekdays.
            let weekdays = (first...last).filter { !$0.isWeekend }.count
            let units = weekdays > 0 ? hours / (8 * Double(weekdays)) : 0
            x += "    <Assignment><UID>\(uid)</UID><TaskUID>\(taskUID[group.project]!)</TaskUID><ResourceUID>\(resourceUID[group.staff]!)</ResourceUID>"
            x += "<PercentWorkComplete>0</PercentWorkComplete><Finish>\(finish(last))</Finish><Start>\(start(first))</Start>"
            x += "<Units>\(format(units, decimals: 2))</Units><Work>\(duration(hours))</Work>\n"
            let perPeriod = Dictionary(grouping: group.rows, by: \.period).values.sorted { $0[0].start < $1[0].start }
            for rows in perPeriod {
                let h = rows.reduce(0) { $0 + $1.hours }
                x += "      <TimephasedData><Type>1</Type><UID>\(uid)</UID><Start>\(start(rows[0].start))</Start>"
                x += "<Finish>\(finish(rows[0].end))</Finish><Unit>2</Unit><Value>\(duration(h))</Value></TimephasedData>\n"
            }
            x += "    </Assignment>\n"
        }
        x += "  </Assignments>\n</Project>\n"
        return x
    }

    // MARK: - iCalendar

    /// One calendar per person: an all-day event per assignment row (project,
    /// skill, period), DTEND exclusive, stable UIDs, a DTSTAMP derived from
    /// the plan (the first period's start) so files are identical run to run.
    public func ical(person id: String) throws(ExportError) -> String {
        let mine = rows.filter { $0.staff == id }
        guard !mine.isEmpty else { throw .unknownPerson(id) }
        let who = person(id)
        let stamp = compact(rows.map(\.start).min()!) + "T000000Z"
        var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//allot//allot plan export//EN", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
                     "X-WR-CALNAME:" + Self.icalText("allot: \(who.displayName)")]
        for r in mine {
            let project = project(r.project)
            lines += [
                "BEGIN:VEVENT",
                "UID:" + Self.icalText("allot-\(r.staff)-\(r.project)-\(r.skill)-\(r.period)@allot.invalid"),
                "DTSTAMP:" + stamp,
                "DTSTART;VALUE=DATE:" + compact(r.start),
                "DTEND;VALUE=DATE:" + compact(r.end.advanced(by: 1)),
                "SUMMARY:" + Self.icalText("\(project.displayName): \(format(r.hours))h (\(r.skill))"),
                "DESCRIPTION:" + Self.icalText("Planned by allot: \(format(r.hours))h of \(r.skill) on \(project.displayName) in \(r.period), \(who.displayName); cost \(format(r.cost)) \(currency)"),
                "TRANSP:TRANSPARENT",
                "CATEGORIES:allocation",
                "END:VEVENT",
            ]
        }
        lines.append("END:VCALENDAR")
        return lines.map(Self.fold).joined()
    }

    /// The people with assignments, for one calendar each.
    public var assignedPeople: [String] { Array(Set(rows.map(\.staff))).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) } }

    func compact(_ d: Day) -> String { let c = d.civil; return pad(c.year, 4) + pad(c.month, 2) + pad(c.day, 2) }

    /// RFC 5545 TEXT: backslash, comma, semicolon and line breaks escaped.
    static func icalText(_ s: String) -> String {
        var out = ""
        for c in s.unicodeScalars {
            switch c {
            case "\\": out += "\\\\"
            case ",": out += "\\,"
            case ";": out += "\\;"
            case "\n": out += "\\n"
            case "\r": continue
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    /// A content line folded at 75 octets (never inside a UTF-8 sequence),
    /// continuation lines starting with a space, CRLF after each.
    static func fold(_ line: String) -> String {
        var out = ""
        var current = 0
        var limit = 75
        for scalar in line.unicodeScalars {
            let width = String(scalar).utf8.count
            if current + width > limit {
                out += "\r\n "
                current = 1
                limit = 75
            }
            out.unicodeScalars.append(scalar)
            current += width
        }
        return out + "\r\n"
    }
}
