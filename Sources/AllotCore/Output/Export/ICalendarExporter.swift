import Foundation

/// `ical`: RFC 5545 calendars, one per person with assignments (a folder of
/// `<staff_id>.ics`), or only `options.person`'s as one file.
public struct ICalendarExporter: PlanExporter {
    public static let exportFormat = ExportFormat.ical

    public init() {}

    public func export(_ plan: PlanDocument, options: ExportOptions) throws(ExportError) -> ExportOutput {
        if let person = options.person {
            return .file(try calendar(plan, person: person, includeCost: options.includeCost))
        }
        var files: [ExportFolder.File] = []
        // Ids that differ only in case (Ann, ann) would name one file on
        // macOS and Windows, where one calendar overwrote the other: the
        // second and later of them get "+2", "+3" ('+' is no id character).
        var seen: [String: Int] = [:]
        for id in plan.assignedPeople {
            let folded = id.rawValue.lowercased()
            seen[folded, default: 0] += 1
            let count = seen[folded]!
            let name = count == 1 ? "\(id).ics" : "\(id)+\(count).ics"
            files.append(.init(name: name, text: try calendar(plan, person: id, includeCost: options.includeCost)))
        }
        return .folder(ExportFolder(defaultName: "calendars", files: files))
    }

    /// One person's calendar: an all-day event per assignment row (project,
    /// skill, period), DTEND exclusive, stable UIDs, a DTSTAMP derived from
    /// the plan (the first period's start) so files are identical run to run.
    public func calendar(_ plan: PlanDocument, person id: Staff.ID, includeCost: Bool = false) throws(ExportError)
        -> String
    {
        let mine = plan.rows.filter { $0.staff == id }
        guard !mine.isEmpty else { throw .unknownPerson(id, among: Set(plan.rows.map(\.staff.rawValue)).sorted()) }
        let who = plan.person(id)
        let stamp = compact(plan.rows.map(\.start).min()!) + "T000000Z"
        var lines = [
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:" + Self.productID, "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH", "X-WR-CALNAME:" + Self.icalText("allot: \(who.displayName)"),
        ]
        for r in mine {
            let project = plan.project(r.project)
            let description =
                "Planned by allot: \(format(r.hours))h of \(r.skill) on \(project.displayName) "
                + "in \(r.period), \(who.displayName)"
                + (includeCost ? "; cost \(format(r.cost)) \(plan.currency)" : "")
            lines += [
                "BEGIN:VEVENT",
                "UID:" + Self.icalText(Self.uid(r)),
                "DTSTAMP:" + stamp,
                "DTSTART;VALUE=DATE:" + compact(r.start),
                "DTEND;VALUE=DATE:" + compact(r.end.advanced(by: 1)),
                "SUMMARY:" + Self.icalText("\(project.displayName): \(format(r.hours))h (\(r.skill))"),
                "DESCRIPTION:" + Self.icalText(description),
                "TRANSP:TRANSPARENT",
                "CATEGORIES:allocation",
                "END:VEVENT",
            ]
        }
        lines.append("END:VCALENDAR")
        return lines.map(Self.fold).joined()
    }

    /// An event's UID: `allot-STAFF-PROJECT-SKILL-PERIOD@allot.invalid`, the
    /// same for the same assignment row in every export, so a calendar that
    /// imports a newer plan updates its events. In the staff id, project id
    /// and skill, `%` is written `%25` and `-` `%2D`, so none of them holds a
    /// bare `-`: the first three `-` after `allot-` end them, the period is the
    /// rest, and two rows never share a UID (joined as they are, project `web`
    /// with skill `x-dev` and project `web-x` with skill `dev` would).
    static func uid(_ r: PlanDocument.Row) -> String {
        func part(_ s: String) -> String {
            s.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "-", with: "%2D")
        }
        return "allot-\(part(r.staff.rawValue))-\(part(r.project.rawValue))-\(part(r.skill))-\(r.period)@allot.invalid"
    }

    /// The PRODID of every calendar allot writes.
    public static let productID = "-//allot//allot plan export//EN"

    /// How every calendar allot writes begins (its first three lines).
    static let opening = Array("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:\(productID)\r\n".utf8)

    /// Whether the file at `path` is a calendar allot wrote: a regular file
    /// (not a link or a folder) that begins with allot's own first three lines,
    /// PRODID included. A calendar folder is replaced as a whole, so only such
    /// files may be in it; anyone else's .ics is left alone.
    public static func wroteCalendar(at path: String) -> Bool {
        var info = stat()
        guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return false }
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: opening.count)) ?? nil
        return head.map { Array($0) == opening } ?? false
    }

    func compact(_ d: Day) -> String { let c = d.civil; return pad(c.year, 4) + pad(c.month, 2) + pad(c.day, 2) }

    /// RFC 5545 TEXT: backslash, comma, semicolon and line feeds escaped
    /// (a carriage return is dropped, so CR LF is one line break); a tab
    /// becomes a space, as in the other formats (one space after a space);
    /// every other control character and U+FFFE and U+FFFF are dropped.
    static func icalText(_ s: String) -> String {
        var out = ""
        for c in s.unicodeScalars {
            switch c {
            case "\\": out += "\\\\"
            case ",": out += "\\,"
            case ";": out += "\\;"
            case "\n": out += "\\n"
            case "\t": if !out.hasSuffix(" ") { out += " " }
            default: if !unprintable(c) { out.unicodeScalars.append(c) }
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
