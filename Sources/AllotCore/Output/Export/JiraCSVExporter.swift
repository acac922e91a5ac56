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
                var summary = printable("\(project.displayName) – \(person.displayName)")
                if options.granularity == .period { summary += " – \(periods[0])" }
                let description =
                    "Planned \(format(hours))h of \(skills) (\(span)) by allot"
                    + (options.includeCost ? "; cost \(format(cost)) \(plan.currency)" : "")
                out.append([
                    exportCell(summary), "Task", exportCell(plan.assignee(group.staff, options)),
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
}
