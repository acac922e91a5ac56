/// `mspdi`: Microsoft Project XML (opens in MS Project and ProjectLibre).
public struct MSPDIExporter: PlanExporter {
    public static let exportFormat = ExportFormat.mspdi

    public init() {}

    /// Microsoft Project XML: tasks are projects, resources are people,
    /// assignments carry their work per period as TimephasedData. Elements
    /// follow the schema's sequence (Project 2010's, SaveVersion 14, which
    /// MPXJ reads): Task has UID, ID, Name, Manual, Type, Start, Finish, Work in that
    /// order; Resource has EmailAddress, MaxUnits, StandardRate,
    /// StandardRateFormat; Assignment has PercentWorkComplete, Finish, Start,
    /// Units, Work, then TimephasedData. Tasks are manually scheduled
    /// (`Manual` 1): MS Project keeps their Start and Finish, where it would
    /// move an automatically scheduled task to the project's start.
    /// The schema limits a Name to 512 characters (`maxLength`, counted in
    /// Unicode scalars), and MS Project may refuse a file past it.
    static let nameLimit = 512

    /// A name within `nameLimit`: cut after its last whole character that
    /// fits, ending with "…" (a 700-character project name was written whole).
    static func name(_ s: String) -> String {
        let shown = printable(s)
        guard shown.unicodeScalars.count > nameLimit else { return shown }
        return wholeCharacters(of: shown, within: nameLimit - 1) { $0.unicodeScalars.count } + "…"
    }

    public func export(_ plan: PlanDocument, options: ExportOptions) -> ExportOutput {
        func esc(_ s: String) -> String {
            var out = ""
            for c in printable(s).unicodeScalars {
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
                    if c.value < 0x20 { continue }  // not allowed in XML 1.0
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
        let rows = plan.rows
        let groups = plan.byPersonAndProject
        let projectIDs = Array(Set(rows.map(\.project))).sorted()
        let staffIDs = Array(Set(rows.map(\.staff))).sorted()
        let taskUID = Dictionary(uniqueKeysWithValues: projectIDs.enumerated().map { ($1, $0 + 1) })
        let resourceUID = Dictionary(uniqueKeysWithValues: staffIDs.enumerated().map { ($1, $0 + 1) })
        var x = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
        x += "<Project xmlns=\"http://schemas.microsoft.com/project\">\n"
        x += "  <SaveVersion>14</SaveVersion>\n"
        x += "  <Name>\(esc(Self.name(plan.name ?? "allot plan")))</Name>\n"
        x += "  <ScheduleFromStart>1</ScheduleFromStart>\n"
        // The first assignment's start; without assignments, the horizon's first day (the first
        // period's); a plan that has neither (written before plans listed their periods) leaves
        // the optional element out rather than give 1970-01-01.
        if let first = rows.map(\.start).min() ?? plan.file.periods?.first?.start {
            x += "  <StartDate>\(start(first))</StartDate>\n"
        }
        x += "  <MinutesPerDay>480</MinutesPerDay>\n"
        x += "  <MinutesPerWeek>2400</MinutesPerWeek>\n"
        x += "  <Tasks>\n"
        for id in projectIDs {
            let mine = rows.filter { $0.project == id }
            x += "    <Task><UID>\(taskUID[id]!)</UID><ID>\(taskUID[id]!)</ID>"
            x += "<Name>\(esc(Self.name(plan.project(id).displayName)))</Name><Manual>1</Manual><Type>1</Type>"
            x += "<Start>\(start(mine.map(\.start).min()!))</Start><Finish>\(finish(mine.map(\.end).max()!))</Finish>"
            x += "<Work>\(duration(mine.reduce(0) { $0 + $1.hours }))</Work></Task>\n"
        }
        x += "  </Tasks>\n  <Resources>\n"
        for id in staffIDs {
            let p = plan.person(id)
            x += "    <Resource><UID>\(resourceUID[id]!)</UID><ID>\(resourceUID[id]!)</ID>"
            x += "<Name>\(esc(Self.name(p.displayName)))</Name><Type>1</Type>"
            if let email = p.email, !email.isEmpty { x += "<EmailAddress>\(esc(email))</EmailAddress>" }
            x += "<MaxUnits>1.00</MaxUnits>"
            if options.includeCost {
                x += "<StandardRate>\(format(p.costPerHour))</StandardRate><StandardRateFormat>2</StandardRateFormat>"
            }
            x += "</Resource>\n"
        }
        x += "  </Resources>\n  <Assignments>\n"
        for (k, group) in groups.enumerated() {
            let uid = k + 1
            let first = group.rows.map(\.start).min()!, last = group.rows.map(\.end).max()!
            let hours = group.rows.reduce(0) { $0 + $1.hours }
            // Units: the share of an 8-hour working day over the assignment's weekdays.
            let weekdays = (first...last).filter { !$0.isWeekend }.count
            let units = weekdays > 0 ? hours / (8 * Double(weekdays)) : 0
            x += "    <Assignment><UID>\(uid)</UID><TaskUID>\(taskUID[group.project]!)</TaskUID>"
            x += "<ResourceUID>\(resourceUID[group.staff]!)</ResourceUID><PercentWorkComplete>0</PercentWorkComplete>"
            x += "<Finish>\(finish(last))</Finish><Start>\(start(first))</Start>"
            x += "<Units>\(format(units, decimals: 2))</Units><Work>\(duration(hours))</Work>\n"
            let perPeriod = Dictionary(grouping: group.rows, by: \.period).values.sorted { $0[0].start < $1[0].start }
            for rows in perPeriod {
                let h = rows.reduce(0) { $0 + $1.hours }
                x += "      <TimephasedData><Type>1</Type><UID>\(uid)</UID><Start>\(start(rows[0].start))</Start>"
                x += "<Finish>\(finish(rows[0].end))</Finish><Unit>2</Unit><Value>\(duration(h))</Value>"
                x += "</TimephasedData>\n"
            }
            x += "    </Assignment>\n"
        }
        x += "  </Assignments>\n</Project>\n"
        return .file(x)
    }
}
