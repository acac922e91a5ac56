import Foundation

/// What `allot report` shows for a compare folder (docs/report.md): each
/// scenario beside the base with its description, the cost split next to
/// the work staffed, the impact on every project, and the people whose
/// assignments changed. Derived from compare.json and each scenario's
/// plan.json; no HTML.
public struct CompareReport: Sendable {
    public var name: String?
    public var currency: String
    /// The base first, then the scenarios in compare.json's order.
    public var columns: [Column]
    /// Per scenario (not the base), in the order of `columns.dropFirst()`.
    public var impacts: [Impact]

    public struct Column: Sendable {
        public var name: String
        public var description: String?
        public var entry: ComparisonFile.Entry
        /// The scenario's plan summary (cost split, coverage).
        public var summary: PlanFile.Summary
        public var staffed: Double
        public var demanded: Double
    }

    /// One scenario against the base.
    public struct Impact: Sendable {
        public var scenario: String
        /// Staffed hours: scenario minus base (negative: work that stopped).
        public var staffedDelta: Double
        /// Total cost: scenario minus base.
        public var costDelta: Double
        public var projects: [ProjectImpact]
        public var people: [PersonChange]
        /// The scenario's locked commitments it cannot keep and budgets its
        /// locked hours overrun (conflicts.csv's rows of those kinds).
        public var broken: [PlanFile.ConflictRow] = []
    }

    /// A project in the base and in the scenario (nil where it is absent).
    public struct ProjectImpact: Sendable {
        public var id: Project.ID
        public var name: String
        public var base: ProjectFigures?
        public var scenario: ProjectFigures?

        public var staffedDelta: Double { (scenario?.staffed ?? 0) - (base?.staffed ?? 0) }
        public var spentDelta: Double { (scenario?.spent ?? 0) - (base?.spent ?? 0) }
        public var unmetDelta: Double { (scenario?.unmet ?? 0) - (base?.unmet ?? 0) }
        /// Whether anything moved (hours or money above a cent).
        public var changed: Bool {
            base?.priority != scenario?.priority || base?.budget != scenario?.budget
                || abs(staffedDelta) >= 0.005 || abs(spentDelta) >= 0.005 || abs(unmetDelta) >= 0.005
        }
    }

    public struct ProjectFigures: Sendable, Hashable {
        public var priority: Int
        public var demanded: Double
        public var staffed: Double
        public var unmet: Double { max(0, demanded - staffed) }
        /// Base-rate spending (the budget's measure).
        public var spent: Double
        public var budget: Double?
    }

    /// A person whose assignments differ, with the hours per project.
    public struct PersonChange: Sendable {
        public var id: Staff.ID
        public var name: String
        public var baseHours: Double
        public var scenarioHours: Double
        /// Per project whose hours changed: base and scenario hours.
        public var projects: [(project: Project.ID, base: Double, scenario: Double)]

        public var delta: Double { scenarioHours - baseHours }
    }
}

extension CompareReport {
    /// Reads `folder/compare.json` and the plan.json of the base and of each
    /// scenario.
    public static func read(from folder: String) throws -> CompareReport {
        func path(_ parts: String...) -> String {
            parts.reduce(folder) { ($0 as NSString).appendingPathComponent($1) }
        }
        let comparePath = path("compare.json")
        guard let data = InputFiles.contents(atPath: comparePath) else {
            throw PlanDocument.ReadError(
                path: folder, reason: "no comparison here (expected compare.json, written by `allot compare`)")
        }
        let again = "; write the comparison again with `allot compare`"
        let file = try PlanDocument.decode(Array(data), path: comparePath, again: again) {
            try JSONValueDecoder().decode(ComparisonFile.self, from: $0)
        }
        func plan(_ name: String) throws -> PlanFile {
            let planPath = path(name, "plan.json")
            guard let data = InputFiles.contents(atPath: planPath) else {
                throw PlanDocument.ReadError(
                    path: path(name), reason: "no plan.json for \(name), listed in compare.json" + again)
            }
            let file = try PlanDocument.decode(Array(data), path: planPath, again: again) {
                try JSONValueDecoder().decode(PlanFile.self, from: $0)
            }
            _ = try PlanReport(file, path: planPath)  // the fields the report needs are there
            return file
        }
        let base = try plan("base")
        let scenarios = try file.scenarios.map { ($0, try plan($0.name)) }
        return CompareReport(file, base: base, scenarios: scenarios)
    }

    public init(_ file: ComparisonFile, base: PlanFile, scenarios: [(ComparisonFile.Entry, PlanFile)]) {
        name = file.name
        currency = file.currency
        func column(_ e: ComparisonFile.Entry, _ plan: PlanFile) -> Column {
            Column(
                name: e.name, description: e.description, entry: e, summary: plan.summary,
                staffed: plan.summary.totals.staffed, demanded: plan.summary.totals.demanded)
        }
        columns = [column(file.base, base)] + scenarios.map(column)
        let baseFigures = Self.figures(base)
        let baseHours = Self.hours(base)
        let names = Dictionary(
            (base.staff + scenarios.flatMap(\.1.staff)).map { ($0.id, $0.displayName) }, uniquingKeysWith: { a, _ in a }
        )
        let projectNames = Dictionary(
            (base.projects + scenarios.flatMap(\.1.projects)).map { ($0.id, $0.displayName) },
            uniquingKeysWith: { a, _ in a })
        impacts = scenarios.map { entry, plan in
            let figures = Self.figures(plan)
            let ids = Set(baseFigures.keys).union(figures.keys)
            let projects = ids.map { id in
                ProjectImpact(
                    id: id, name: projectNames[id] ?? id.rawValue, base: baseFigures[id], scenario: figures[id])
            }.sorted { a, b in
                let pa = a.base?.priority ?? a.scenario?.priority ?? 0,
                    pb = b.base?.priority ?? b.scenario?.priority ?? 0
                return (pa, a.id) < (pb, b.id)
            }
            let hours = Self.hours(plan)
            var people: [PersonChange] = []
            for id in Set(baseHours.keys).union(hours.keys).sorted() {
                let before = baseHours[id] ?? [:], after = hours[id] ?? [:]
                let changed = Set(before.keys).union(after.keys).sorted().compactMap {
                    p -> (project: Project.ID, base: Double, scenario: Double)? in
                    let b = before[p] ?? 0, a = after[p] ?? 0
                    return abs(a - b) >= 0.005 ? (p, b, a) : nil
                }
                guard !changed.isEmpty else { continue }
                // Summed in project order: a dictionary's own order changes
                // from run to run, and with it the last bit of a sum, which
                // reordered people whose changes tie (the report's bytes
                // differed on every run).
                func total(_ hours: [Project.ID: Double]) -> Double {
                    hours.keys.sorted().reduce(0) { $0 + hours[$1]! }
                }
                people.append(
                    PersonChange(
                        id: id, name: names[id] ?? id.rawValue, baseHours: total(before),
                        scenarioHours: total(after), projects: changed))
            }
            // Biggest change first, as the table shows it (to a hundredth of
            // an hour), then by id.
            func shown(_ p: PersonChange) -> Double { (abs(p.delta) * 100).rounded() }
            people.sort { (shown($1), $0.id) < (shown($0), $1.id) }
            return Impact(
                scenario: entry.name, staffedDelta: plan.summary.totals.staffed - base.summary.totals.staffed,
                // The difference of the costs as printed (whole units), as the
                // side-by-side table and the terminal give it.
                costDelta: plan.summary.cost.total.rounded() - base.summary.cost.total.rounded(), projects: projects,
                people: people,
                broken: plan.conflicts.filter { $0.kind == .lockedCommitment || $0.kind == .budgetOverrun })
        }
    }

    /// Per project: priority, demanded and staffed hours (from `demand`, or
    /// the assignments when a plan has none), spending and budget.
    static func figures(_ plan: PlanFile) -> [Project.ID: ProjectFigures] {
        var out: [Project.ID: ProjectFigures] = [:]
        let budgets = Dictionary(plan.summary.budgets.map { ($0.project, $0) }, uniquingKeysWith: { a, _ in a })
        for p in plan.projects {
            out[p.id] = ProjectFigures(
                priority: p.priority, demanded: 0, staffed: 0, spent: budgets[p.id]?.spent ?? 0,
                budget: budgets[p.id]?.budget)
        }
        for d in plan.demand ?? [] {
            out[d.project]?.demanded += d.demanded
            out[d.project]?.staffed += d.staffed
        }
        return out
    }

    /// Hours per person and project.
    static func hours(_ plan: PlanFile) -> [Staff.ID: [Project.ID: Double]] {
        var out: [Staff.ID: [Project.ID: Double]] = [:]
        for a in plan.assignments { out[a.staff, default: [:]][a.project, default: 0] += a.hours }
        return out
    }
}
