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
                    ("staff_id", .string(r.staff.rawValue)), ("staff_name", .string(Self.text(person.displayName))),
                    ("email", .optional(person.email.map(Self.text))), ("project_id", .string(r.project.rawValue)),
                    ("project_name", .string(Self.text(project.displayName))), ("skill", .string(r.skill)),
                    ("period", .string(r.period.rawValue)), ("period_start", .string(r.start.description)),
                    ("period_end", .string(r.end.description)), ("hours", .num(r.hours)),
                ]
                if options.includeCost { fields.append(("cost", .num(r.cost))) }
                fields.append(("locked_hours", .num(r.lockedHours)))
                return JSON.object(fields).rendered(pretty: false) + "\n"
            }.joined())
    }

    /// A name as JSON Lines writes it: line breaks and tabs stay (JSON escapes
    /// them as \n, \r, \t); every other control character (NUL, ESC, DEL, the
    /// C1 controls U+0080 to U+009F) and U+FFFE and U+FFFF are dropped, as in
    /// every export.
    static func text(_ s: String) -> String {
        func dropped(_ u: Unicode.Scalar) -> Bool { unprintable(u) && u != "\n" && u != "\r" && u != "\t" }
        guard s.unicodeScalars.contains(where: dropped) else { return s }
        var out = String.UnicodeScalarView()
        out.append(contentsOf: s.unicodeScalars.filter { !dropped($0) })
        return String(out)
    }
}
