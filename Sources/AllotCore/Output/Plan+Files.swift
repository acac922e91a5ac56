import Foundation

/// The files of docs/outputs.md: assignments.csv, conflicts.csv, summary.json, plan.json.
extension Plan {
    public static let assignmentsHeader = [
        "staff_id", "project_id", "skill", "period", "period_start", "period_end", "hours", "cost", "locked_hours",
    ]
    public static let conflictsHeader = [
        "kind", "project_id", "staff_id", "skill", "period", "hours", "cause", "message",
    ]

    public func assignmentsCSV() -> String {
        csvText(
            header: Plan.assignmentsHeader,
            rows: assignments.map { a in
                [
                    a.staff.rawValue, a.project.rawValue, a.skill, a.period.name, a.period.start.description,
                    a.period.end.description,
                    format(a.hours), format(a.cost), format(a.lockedHours),
                ]
            })
    }

    public func conflictsCSV() -> String {
        csvText(
            header: Plan.conflictsHeader,
            rows: conflicts.map { c in
                [
                    c.kind.rawValue, c.project?.rawValue ?? "", c.staff?.rawValue ?? "", c.skill ?? "",
                    c.period?.name ?? "",
                    format(c.hours), c.cause?.rawValue ?? "", c.message,
                ]
            })
    }

    /// Options that change what goes into the files.
    public struct FileOptions: Sendable {
        /// Include wall-clock solve times (they differ from run to run, so
        /// files are byte-identical across runs only without them).
        public var timings: Bool

        public init(timings: Bool = false) { self.timings = timings }
    }

    /// summary.json as a `JSON` value (the `PlanFile.Summary` schema).
    public func summaryJSON(_ options: FileOptions = FileOptions()) -> JSON {
        JSONValueEncoder.file(PlanFile.Summary(self, options: options), "summary.json")
    }

    /// plan.json as a `JSON` value (the `PlanFile` schema): the summary plus
    /// assignments and conflicts, and what `allot export` needs (people,
    /// projects, source, exact stage optima).
    public func planJSON(_ options: FileOptions = FileOptions()) -> JSON {
        JSONValueEncoder.file(PlanFile(self, options: options), "plan.json")
    }

    /// Whether `write(to:)` could replace `folder`, checked before planning
    /// (`OutputFolder.check`).
    public static func checkOutputFolder(_ folder: String) throws(OutputFile.WriteError) {
        try OutputFolder.check(folder, replaceable: { OutputFolder.planFiles.contains($0) })
    }

    /// Writes the four files into `folder` (created when missing), each atomically.
    /// Replaces `folder` as a whole (`OutputFolder`) with this plan's files.
    public func write(to folder: String, options: FileOptions = FileOptions()) throws(OutputFile.WriteError) {
        try OutputFolder.replace(folder, replaceable: { OutputFolder.planFiles.contains($0) }) {
            (fresh: String) throws(OutputFile.WriteError) in try writeFiles(into: fresh, options: options)
        }
    }

    /// The four files into an existing folder (a compare folder's scenario).
    func writeFiles(into folder: String, options: FileOptions) throws(OutputFile.WriteError) {
        try OutputFile.makeFolder(folder)
        func path(_ name: String) -> String { folder.hasSuffix("/") ? folder + name : folder + "/" + name }
        // On two threads: summary.json's fields on one; plan.json's own fields
        // and the two CSV files on the other. Each field is encoded and
        // rendered once, as summary.json is plan.json's first fields (bench
        // tier M: 3 MB of plan.json and 1.8 MB of summary.json).
        let file = PlanFile(self, options: options)
        let fields = ResultSlots<[[UInt8]]>(count: 2)
        let csv = ResultSlots<String>(count: 2)
        parallelFor(count: 2, jobs: 2) { part in
            if part == 0 {
                fields.set(0, Plan.renderedFields(of: JSONValueEncoder.file(file.summary, "summary.json")))
            } else {
                fields.set(
                    1, Plan.renderedFields(of: JSONValueEncoder.file(PlanFile.OwnFields(file: file), "plan.json")))
                csv.set(0, assignmentsCSV())
                csv.set(1, conflictsCSV())
            }
        }
        let summary = fields.get(0)!, own = fields.get(1)!
        try OutputFile.write(csv.get(0)!, to: path("assignments.csv"))
        try OutputFile.write(csv.get(1)!, to: path("conflicts.csv"))
        try OutputFile.write(Data(JSON.file(renderedFields: summary)), to: path("summary.json"))
        try OutputFile.write(Data(JSON.file(renderedFields: summary + own)), to: path("plan.json"))
    }

    private static func renderedFields(of object: JSON) -> [[UInt8]] {
        guard case .object(let fields) = object else { preconditionFailure("a schema file is an object") }
        return JSON.renderedFields(fields)
    }
}
