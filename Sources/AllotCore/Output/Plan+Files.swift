/// The files of SPEC §4: assignments.csv, conflicts.csv, summary.json, plan.json.
extension Plan {
    public static let assignmentsHeader = ["staff_id", "project_id", "skill", "period", "period_start", "period_end", "hours", "cost"]
    public static let conflictsHeader = ["kind", "project_id", "staff_id", "skill", "period", "hours", "cause", "message"]

    public func assignmentsCSV() -> String {
        csvText(header: Plan.assignmentsHeader, rows: assignments.map { a in
            [a.staff.rawValue, a.project.rawValue, a.skill, a.period.name, a.period.start.description, a.period.end.description,
             format(a.hours), format(a.cost)]
        })
    }

    public func conflictsCSV() -> String {
        csvText(header: Plan.conflictsHeader, rows: conflicts.map { c in
            [c.kind.rawValue, c.project?.rawValue ?? "", c.staff?.rawValue ?? "", c.skill ?? "", c.period?.name ?? "",
             format(c.hours), c.cause?.rawValue ?? "", c.message]
        })
    }

    /// Options that change what goes into the files.
    public struct FileOptions: Sendable {
        /// Include wall-clock solve times (they differ from run to run, so
        /// files are byte-identical across runs only without them).
        public var timings: Bool

        public init(timings: Bool = false) { self.timings = timings }
    }

    public func summaryJSON(_ options: FileOptions = FileOptions()) -> JSON {
        .object(summaryFields(options))
    }

    func summaryFields(_ options: FileOptions) -> [(String, JSON)] {
        var solver: [(String, JSON)] = [
            ("model", .object([("rows", .int(model.rows)), ("columns", .int(model.columns)), ("non_zeros", .int(model.nonZeros))])),
            ("stages", .array(stages.map { s in
                var fields: [(String, JSON)] = [("name", .string(s.name)), ("status", .string(s.status)),
                                                ("objective", .optional(s.objective, 4)), ("iterations", .int(s.iterations))]
                if let gap = s.gap { fields.append(("gap", .num(gap, 6))) }
                if options.timings { fields.append(("seconds", .num(s.seconds, 3))) }
                return .object(fields)
            })),
        ]
        if options.timings { solver.append(("solve_time_s", .num(solveSeconds, 3))) }
        if objective == .weighted {
            solver.append(("weights", .object(weights.keys.sorted().map { ("priority-\($0)", .num(weights[$0]!, 4)) })))
        }
        let totalDemanded = coverage.reduce(0) { $0 + $1.demanded }
        let totalStaffed = coverage.reduce(0) { $0 + $1.staffed }
        return [
            ("schema_version", .int(Plan.schemaVersion)),
            ("name", .optional(name)),
            ("scenario", .optional(scenario)),
            ("status", .string(status.rawValue)),
            ("message", .optional(message)),
            ("objective", .string(objective.rawValue)),
            ("gap", .optional(gap, 6)),
            ("currency", .string(currency)),
            ("priorities", .array(coverage.map { c in
                .object([("priority", .int(c.priority)), ("demanded", .num(c.demanded)), ("staffed", .num(c.staffed)),
                         ("unmet", .num(c.unmet)), ("coverage_percent", .num(c.percent, 1))])
            })),
            ("totals", .object([("demanded", .num(totalDemanded)), ("staffed", .num(totalStaffed)),
                                ("unmet", .num(max(0, totalDemanded - totalStaffed))),
                                ("assignments", .int(assignments.count)), ("conflicts", .int(conflicts.count))])),
            ("cost", .object([("base", .num(cost.base)), ("overtime_premium", .num(cost.overtimePremium)),
                              ("stability_penalty", .num(cost.stabilityPenalty)), ("total", .num(cost.total))])),
            ("stability", .object([("weight", .num(stabilityWeight, 4)),
                                   ("hours_moved_from_commitments", .optional(hoursMovedFromCommitments))])),
            ("budgets", .array(budgets.map { b in
                .object([("project_id", .string(b.project.rawValue)), ("priority", .int(b.priority)), ("budget", .optional(b.budget)),
                         ("spent", .num(b.spent)), ("exhausted", .bool(b.exhausted))])
            })),
            ("conflicts_by_kind", .object(Conflict.Kind.allCases.map { k in (k.rawValue, .int(conflicts.filter { $0.kind == k }.count)) })),
            ("utilization", .array(utilization.map { u in
                .object([("staff_id", .string(u.staff.rawValue)), ("period", .string(u.period.name)), ("capacity", .num(u.capacity)),
                         ("hours", .num(u.hours)), ("overtime", .num(u.overtime)), ("utilization", .optional(u.ratio, 4))])
            })),
            ("marginal_value_of_capacity", .object([
                ("by_person", .array(marginalValues.map { m in
                    .object([("staff_id", .string(m.staff.rawValue)), ("period", .string(m.period.name)), ("stage", .string(m.stage)),
                             ("value", .num(m.value, 4))])
                })),
                ("by_skill", .array(marginalValuesBySkill.map { m in
                    .object([("skill", .string(m.skill)), ("period", .string(m.period.name)), ("stage", .string(m.stage)),
                             ("value", .num(m.value, 4)), ("people", .int(m.people))])
                })),
            ])),
            ("solver", .object(solver)),
        ]
    }

    /// Everything in one document: the summary plus assignments and
    /// conflicts, and what `allot export` needs (people, projects, source,
    /// exact stage optima).
    public func planJSON(_ options: FileOptions = FileOptions()) -> JSON {
        var fields = summaryFields(options)
        fields.append(("staff", .array(people.map { s in
            .object([("id", .string(s.id.rawValue)), ("name", .optional(s.name)), ("email", .optional(s.email)),
                     ("cost_per_hour", .num(s.costPerHour, 6))])
        })))
        fields.append(("projects", .array(projects.map { p in
            .object([("id", .string(p.id.rawValue)), ("name", .optional(p.name)), ("priority", .int(p.priority))])
        })))
        if let source {
            fields.append(("source", .object([("dataset", .string(source.dataset)), ("scenario", .optional(source.scenario)),
                                              ("fingerprint", .string(source.fingerprint))])))
        }
        fields.append(("stage_optima", .array(stages.map { s in
            .object([("name", .string(s.name)), ("objective", .optional(s.objective, 9))])
        })))
        fields.append(("assignments", .array(assignments.map { a in
            .object([("staff_id", .string(a.staff.rawValue)), ("project_id", .string(a.project.rawValue)), ("skill", .string(a.skill)),
                     ("period", .string(a.period.name)), ("period_start", .string(a.period.start.description)),
                     ("period_end", .string(a.period.end.description)), ("hours", .num(a.hours)), ("cost", .num(a.cost)),
                     ("locked_hours", .num(a.lockedHours))])
        })))
        fields.append(("conflicts", .array(conflicts.map { c in
            var f: [(String, JSON)] = [("kind", .string(c.kind.rawValue)), ("project_id", .optional(c.project?.rawValue)),
                                       ("staff_id", .optional(c.staff?.rawValue)), ("skill", .optional(c.skill)),
                                       ("period", .optional(c.period?.name)), ("hours", .num(c.hours)),
                                       ("cause", .optional(c.cause?.rawValue)), ("message", .string(c.message))]
            if !c.heldBy.isEmpty {
                f.append(("held_by", .array(c.heldBy.map { h in
                    .object([("project_id", .string(h.project.rawValue)), ("priority", .int(h.priority)), ("hours", .num(h.hours))])
                })))
            }
            return .object(f)
        })))
        return .object(fields)
    }

    /// Writes the four files into `folder` (created when missing), each atomically.
    public func write(to folder: String, options: FileOptions = FileOptions()) throws(OutputFile.WriteError) {
        try OutputFile.makeFolder(folder)
        func path(_ name: String) -> String { folder.hasSuffix("/") ? folder + name : folder + "/" + name }
        try OutputFile.write(assignmentsCSV(), to: path("assignments.csv"))
        try OutputFile.write(conflictsCSV(), to: path("conflicts.csv"))
        try OutputFile.write(summaryJSON(options).rendered(), to: path("summary.json"))
        try OutputFile.write(planJSON(options).rendered(), to: path("plan.json"))
    }
}
