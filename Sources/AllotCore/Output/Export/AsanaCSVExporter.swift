/// `asana-csv`: Asana's CSV importer. One task per person and project: Name
/// first, dates MM/DD/YYYY, Section = project.
public struct AsanaCSVExporter: PlanExporter {
    public static let exportFormat = ExportFormat.asanaCSV

    public init() {}

    public func export(_ plan: PlanDocument, options: ExportOptions) throws(ExportError) -> ExportOutput {
        try plan.requireEmails(options)
        func us(_ d: Day) -> String {
            let c = d.civil
            return pad(c.month, 2) + "/" + pad(c.day, 2) + "/" + pad(c.year, 4)
        }
        let out = plan.byPersonAndProject.map { group -> [String] in
            let person = plan.person(group.staff), project = plan.project(group.project)
            let hours = group.rows.reduce(0) { $0 + $1.hours }
            let skills = Array(Set(group.rows.map(\.skill))).sorted().joined(separator: ", ")
            let first = group.rows.map(\.start).min()!, last = group.rows.map(\.end).max()!
            return [
                exportCell("\(project.displayName) – \(person.displayName)"),
                exportCell(plan.assignee(group.staff, options)), us(first), us(last),
                exportCell("Planned \(format(hours))h of \(skills) from \(first) to \(last) by allot"),
                exportCell(project.displayName),
            ]
        }
        let header = ["Name", "Assignee", "Start Date", "Due Date", "Description", "Section"]
        return .file(csvText(header: header, rows: out))
    }
}
