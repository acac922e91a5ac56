/// `jira-csv`: Jira Cloud's CSV importer. One issue per person and project
/// (or per person, project and period with `--granularity period`); dates
/// yyyy-MM-dd, estimates in seconds.
public struct JiraCSVExporter: PlanExporter {
    public static let exportFormat = ExportFormat.jiraCSV

    public init() {}

    public func export(_ plan: PlanDocument, options: ExportOptions) throws(ExportError) -> ExportOutput {
        try plan.requireEmails(options)
        var out: [[String]] = []
        for group in plan.byPersonAndProject {
            let person = plan.person(group.staff), project = plan.project(group.project)
            let chunks: [[PlanDocument.Row]] =
                options.granularity == .period
                ? Dictionary(grouping: group.rows, by: \.period).values.sorted { $0[0].start < $1[0].start }
                : [group.rows]
            for rows in chunks {
                let hours = rows.reduce(0) { $0 + $1.hours }
                let cost = rows.reduce(0) { $0 + $1.cost }
                let first = rows.map(\.start).min()!, last = rows.map(\.end).max()!
                let periods = Array(Set(rows.map(\.period))).sorted()
                let skills = Array(Set(rows.map(\.skill))).sorted().joined(separator: ", ")
                let span = periods.count == 1 ? "\(periods[0])" : "\(periods.first!)..\(periods.last!)"
                let summary = Self.summary(
                    printable("\(project.displayName) – \(person.displayName)"),
                    period: options.granularity == .period ? " – \(periods[0])" : "")
                let description =
                    "Planned \(format(hours))h of \(skills) (\(span)) by allot"
                    + (options.includeCost ? "; cost \(format(cost)) \(plan.currency)" : "")
                out.append([
                    summary, "Task", exportCell(plan.assignee(group.staff, options)),
                    first.description, last.description, String(Int((hours * 3600).rounded())), "allot",
                    exportCell(description),
                ])
            }
        }
        let header = [
            "Summary", "Issue Type", "Assignee", "Start date", "Due date", "Original Estimate", "Labels",
            "Description",
        ]
        return .file(csvText(header: header, rows: out))
    }

    /// Jira refuses a Summary of 255 characters or more, and counts them as
    /// Java does, in UTF-16 units (an emoji is two).
    static let summaryLimit = 254

    /// The Summary cell: `head` (project – person) and `period` (" – 2027-W09"
    /// or empty), never a formula. Past 254 characters the head is cut after
    /// its last whole character that fits and ends with "…", and the period is
    /// kept, so per-period issues stay apart: 300 letters and " – 2027-W09"
    /// give 242 letters, "…" and the period, 254 in all.
    static func summary(_ head: String, period: String) -> String {
        let whole = exportCell(head + period)
        guard whole.utf16.count > summaryLimit else { return whole }
        let room = summaryLimit - period.utf16.count - "…".utf16.count
        return wholeCharacters(of: exportCell(head), within: room) { $0.utf16.count } + "…" + period
    }
}
