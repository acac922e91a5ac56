/// `jsonl`: one assignment per line (the rows of assignments.csv with the
/// people's and projects' names), for scripts.
public struct JSONLinesExporter: PlanExporter {
    public static let exportFormat = ExportFormat.jsonl

    public init() {}

    public func export(_ plan: PlanDocument, options: ExportOptions) -> ExportOutput {
        .file(
            plan.rows.map { r in
                let person = plan.person(r.staff), project = plan.project(r.project)
                var fields: [(String, JSON)] = [
                    ("staff_id", .string(r.staff.rawValue)), ("staff_name", .string(person.displayName)),
                    ("email", .optional(person.email)), ("project_id", .string(r.project.rawValue)),
                    ("project_name", .string(project.displayName)), ("skill", .string(r.skill)),
                    ("period", .string(r.period.rawValue)), ("period_start", .string(r.start.description)),
                    ("period_end", .string(r.end.description)), ("hours", .num(r.hours)),
                ]
                if options.includeCost { fields.append(("cost", .num(r.cost))) }
                fields.append(("locked_hours", .num(r.lockedHours)))
                return JSON.object(fields).rendered(pretty: false) + "\n"
            }.joined())
    }
}
