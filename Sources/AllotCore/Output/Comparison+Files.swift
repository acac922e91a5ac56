import Foundation

/// What `compare` writes and prints: a side-by-side table, compare.csv,
/// compare.json, one plan folder per scenario with its diff against the base.
extension Comparison {
    /// The figures of one plan in the comparison.
    public struct Metrics: Sendable {
        public var name: String
        public var status: String
        /// Staffed / demanded in percent, per priority.
        public var coverage: [Int: Double]
        public var unmet: Double
        public var cost: Double
        /// The cost minus the base's, each rounded to cents first: the printed
        /// delta is the difference of the printed costs.
        public var costDelta: Double
        /// Planned hours over available hours, in percent.
        public var meanUtilization: Double
        public var conflicts: Int
        public var unmetConflicts: Int
        public var lockedConflicts: Int
        public var overrunConflicts: Int
        public var assignmentsChanged: Int
        public var hoursMoved: Double
        /// The plan's shape figures.
        public var shape: PlanShape
    }

    public var priorities: [Int] {
        Array(Set(entries.flatMap { $0.run.plan.coverage.map(\.priority) })).sorted()
    }

    public func metrics(_ e: Entry) -> Metrics {
        let plan = e.run.plan
        let capacity = plan.utilization.reduce(0.0) { $0 + $1.capacity }
        let hours = plan.utilization.reduce(0.0) { $0 + $1.hours }
        let byKind = Dictionary(plan.conflicts.map { ($0.kind, 1) }, uniquingKeysWith: +)
        return Metrics(
            name: e.name, status: plan.status.rawValue,
            coverage: Dictionary(uniqueKeysWithValues: plan.coverage.map { ($0.priority, $0.percent) }),
            unmet: plan.coverage.reduce(0) { $0 + $1.unmet },
            cost: plan.cost.total, costDelta: centsDifference(plan.cost.total, base.run.plan.cost.total),
            meanUtilization: capacity > 0 ? 100 * hours / capacity : 0,
            conflicts: plan.conflicts.count,
            unmetConflicts: byKind[.unmetDemand] ?? 0, lockedConflicts: byKind[.lockedCommitment] ?? 0,
            overrunConflicts: byKind[.budgetOverrun] ?? 0,
            assignmentsChanged: e.diff?.changes.count ?? 0, hoursMoved: e.diff?.hoursMoved ?? 0, shape: plan.shape)
    }

    /// The side-by-side table for the terminal. With a `width` (a
    /// terminal's columns) the scenarios come in as many blocks as that takes,
    /// each beside the base, and descriptions wrap.
    public func table(style: Plan.Style, width: Int? = nil) -> String {
        let all = entries.map(metrics)
        var rows: [(String, [String])] = []
        for p in priorities {
            rows.append(("P\(p) coverage", all.map { m in m.coverage[p].map { formatPercent($0) + "%" } ?? "-" }))
        }
        rows.append(("unmet hours", all.map { formatGrouped($0.unmet, decimals: 1) }))
        let currency = base.run.plan.currency
        rows.append(("cost \(currency)", all.map { formatGrouped($0.cost) }))
        // Whole units: each cost rounded once, the delta their difference, so base + delta = scenario as printed.
        let baseCost = base.run.plan.cost.total.rounded()
        rows.append(
            ("cost vs base", all.enumerated().map { i, m in i == 0 ? "" : signed(m.cost.rounded() - baseCost) }))
        rows.append(("utilization", all.map { format($0.meanUtilization, decimals: 1) + "%" }))
        rows.append(("conflicts", all.map { formatGrouped(Double($0.conflicts)) }))
        rows.append(("  unmet-demand", all.map { formatGrouped(Double($0.unmetConflicts)) }))
        // Broken locked commitments and overrun budgets are what a manager
        // must act on: a row when any plan has them (148 conflicts read as
        // 137 unmet-demand and nothing else on acme's heike-leaves).
        if all.contains(where: { $0.lockedConflicts > 0 }) {
            rows.append(("  locked-commitment", all.map { formatGrouped(Double($0.lockedConflicts)) }))
        }
        if all.contains(where: { $0.overrunConflicts > 0 }) {
            rows.append(("  budget-overrun", all.map { formatGrouped(Double($0.overrunConflicts)) }))
        }
        rows.append(
            (
                "assignments changed",
                all.enumerated().map { i, m in i == 0 ? "" : formatGrouped(Double(m.assignmentsChanged)) }
            )
        )
        rows.append(
            ("hours moved", all.enumerated().map { i, m in i == 0 ? "" : formatGrouped(m.hoursMoved, decimals: 1) }))
        rows.append(("runs per person-project", all.map { format($0.shape.runsPerPair, decimals: 2) }))
        rows.append(("projects per person", all.map { format($0.shape.projectsPerPerson, decimals: 2) }))
        rows.append(("people per project-skill-period", all.map { format($0.shape.peoplePerCell, decimals: 2) }))
        rows.append(("under 4 h", all.map { format($0.shape.sliverPercent, decimals: 1) + "%" }))
        rows.append(("status", all.map(\.status)))
        let names = all.map(\.name)
        let labelWidth = max(rows.map { $0.0.count }.max() ?? 0, 8)
        let widths = names.indices.map { i in max(names[i].count, rows.map { $0.1[i].count }.max() ?? 0) }
        func line(_ label: String, _ cells: [String], _ columns: [Int]) -> String {
            label.padding(toLength: labelWidth, withPad: " ", startingAt: 0)
                + zip(columns, cells).map { i, c in
                    "  " + String(repeating: " ", count: widths[i] - c.count) + c
                }.joined()
        }
        // Blocks of columns that fit the width: the base, then as many
        // scenarios as fit (at least one).
        var blocks: [[Int]] = []
        var used = 0
        for i in names.indices.dropFirst() {
            if blocks.isEmpty || width.map({ used + 2 + widths[i] > $0 }) == true {
                blocks.append([])
                used = labelWidth + 2 + widths[0]
            }
            blocks[blocks.count - 1].append(i)
            used += 2 + widths[i]
        }
        if blocks.isEmpty { blocks = [[]] }
        var out: [String] = []
        for (k, block) in blocks.enumerated() {
            let columns = [0] + block
            if k > 0 { out.append("") }
            out.append(style.bold(line("", columns.map { names[$0] }, columns)))
            for (label, cells) in rows { out.append(line(label, columns.map { cells[$0] }, columns)) }
        }
        for e in scenarios where e.description != nil {
            let text = "\(e.name): \(printable(e.description!))"
            for part in width.map({ wrapped(text, width: $0, indent: "    ", first: "") }) ?? [text] {
                out.append(style.dim(part))
            }
        }
        return out.joined(separator: "\n") + "\n"
    }

    func signed(_ v: Double) -> String {
        let text = formatGrouped(abs(v))
        return text == "0" ? "0" : (v > 0 ? "+" : "-") + text
    }

    public func csv() -> String {
        let ps = priorities
        let header =
            ["scenario", "status"] + ps.map { "coverage_p\($0)_percent" }
            + [
                "unmet_hours", "cost", "cost_delta", "mean_utilization_percent", "conflicts", "unmet_demand_conflicts",
                "assignments_changed", "hours_moved",
                "runs_per_person_and_project", "projects_per_person",
                "people_per_project_skill_period", "assignments_under_4h_percent", "warm_start",
                // Added after warm_start: a script reading by position keeps its columns.
                "locked_commitment_conflicts", "budget_overrun_conflicts",
            ]
        let rows = entries.map { e -> [String] in
            let m = metrics(e)
            return [m.name, m.status] + ps.map { m.coverage[$0].map { format($0, decimals: 2) } ?? "" }
                + [
                    format(m.unmet), format(m.cost), format(m.costDelta), format(m.meanUtilization), "\(m.conflicts)",
                    "\(m.unmetConflicts)", "\(m.assignmentsChanged)", format(m.hoursMoved),
                    format(m.shape.runsPerPair, decimals: 3), format(m.shape.projectsPerPerson, decimals: 3),
                    format(m.shape.peoplePerCell, decimals: 3), format(m.shape.sliverPercent, decimals: 3),
                    e.warmStarted ? "true" : "false", "\(m.lockedConflicts)", "\(m.overrunConflicts)",
                ]
        }
        return csvText(header: header, rows: rows)
    }

    /// compare.json as a `JSON` value (the `ComparisonFile` schema).
    public func json() -> JSON {
        JSONValueEncoder.file(ComparisonFile(self), "compare.json")
    }

    /// Writes compare.json, compare.csv, base/ and one folder per scenario
    /// (the plan files, diff.csv and diff.txt).
    /// Replaces `folder` as a whole (`OutputFolder`): a folder allot wrote
    /// (compare.csv, compare.json and plan folders) or a new one.
    public func write(to folder: String, options: Plan.FileOptions = Plan.FileOptions()) throws(OutputFile.WriteError) {
        try OutputFolder.replace(folder, replaceable: Self.replaceable(in: folder)) {
            (fresh: String) throws(OutputFile.WriteError) in try writeFiles(into: fresh, options: options)
        }
    }

    /// Whether `write(to:)` could replace `folder`, checked before planning
    /// (`OutputFolder.check`).
    public static func checkOutputFolder(_ folder: String) throws(OutputFile.WriteError) {
        try OutputFolder.check(folder, replaceable: replaceable(in: folder))
    }

    /// What a compare folder may hold: compare.csv, compare.json, the report
    /// and plan folders (each with its plan.json, and diff files). Plan
    /// folders only beside a compare.json: a folder of `allot plan` folders
    /// (`plans/` holding alpha/ and beta/) is not a comparison, and compare
    /// replaced it, deleting them; nor is an empty folder a plan folder.
    static func replaceable(in folder: String) -> (String) -> Bool {
        let target = URL(fileURLWithPath: folder).standardizedFileURL.path
        // Looked at on each call: the folder may come back (`OutputFolder.restoreOld`) after this is made.
        return { entry in
            if OutputFolder.compareFiles.contains(entry) || entry == OutputFolder.reportFile { return true }
            return FileManager.default.fileExists(atPath: target + "/compare.json")
                && OutputFolder.isPlanFolder(URL(fileURLWithPath: target + "/" + entry), diffs: true)
        }
    }

    func writeFiles(into folder: String, options: Plan.FileOptions) throws(OutputFile.WriteError) {
        func path(_ name: String) -> String { folder.hasSuffix("/") ? folder + name : folder + "/" + name }
        try base.run.plan.writeFiles(into: path("base"), options: options)
        for e in scenarios {
            try e.run.plan.writeFiles(into: path(e.name), options: options)
            if let d = e.diff {
                try OutputFile.write(d.csv(), to: path(e.name) + "/diff.csv")
                try OutputFile.write(d.text(scenario: e.name), to: path(e.name) + "/diff.txt")
            }
        }
        try OutputFile.write(csv(), to: path("compare.csv"))
        try OutputFile.write(json().rendered(), to: path("compare.json"))
    }
}

extension AssignmentDiff {
    public func csv() -> String {
        csvText(
            header: ["change", "staff_id", "project_id", "skill", "period", "base_hours", "scenario_hours", "delta"],
            rows: changes.map { c in
                [
                    c.kind.rawValue, c.staff, c.project, c.skill, c.period.name, format(c.before), format(c.after),
                    format(c.delta),
                ]
            })
    }

    /// For a manager: per project, who gains or loses hours, summed over the
    /// periods that changed (not the horizon: the header says so).
    public func text(scenario: String) -> String {
        var out = "Assignments in scenario \(scenario) against the base plan (hours in the periods that changed)\n"
        out +=
            "\(added) added, \(removed) removed, \(changed) changed; \(format(hoursMoved, decimals: 1)) hours moved\n"
        guard !changes.isEmpty else { return out + "\nNo assignment changed.\n" }
        let byProject = Dictionary(grouping: changes, by: \.project)
        for project in byProject.keys.sorted() {
            out += "\n\(project)\n"
            let byPerson = Dictionary(grouping: byProject[project]!, by: { "\($0.staff) (\($0.skill))" })
            for person in byPerson.keys.sorted() {
                let rows = byPerson[person]!
                let before = rows.reduce(0) { $0 + $1.before }, after = rows.reduce(0) { $0 + $1.after }
                let periods = rows.map(\.period).sorted { $0.id < $1.id }
                let span =
                    periods.count == 1
                    ? periods[0].name : "\(periods.first!.name)..\(periods.last!.name), \(periods.count) periods"
                let verb = before == 0 ? "new" : (after == 0 ? "removed" : "changed")
                let delta = after - before
                out +=
                    "  \(person): \(format(before, decimals: 1)) h -> \(format(after, decimals: 1)) h (\(delta >= 0 ? "+" : "")\(format(delta, decimals: 1)) h, \(verb), \(span))\n"
            }
        }
        return out
    }
}
