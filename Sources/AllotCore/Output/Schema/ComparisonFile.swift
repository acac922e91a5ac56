/// compare.json (and `allot compare --format json`), field by field: the
/// figures of the base plan and of each scenario, with each scenario's diff
/// against the base. Written through `JSONValueEncoder` like plan.json.
public struct ComparisonFile: Codable, Sendable, Equatable {
    public var schemaVersion: Int
    public var name: String?
    public var currency: String
    public var base: Entry
    public var scenarios: [Entry]

    enum CodingKeys: String, SchemaKey {
        case schemaVersion = "schema_version"
        case name, currency, base, scenarios
    }

    public struct Entry: Codable, Sendable, Equatable {
        public var name: String
        public var description: String?
        public var status: String
        public var priorities: [Priority]
        public var unmetHours: Double
        public var cost: Double
        public var costDelta: Double
        public var meanUtilizationPercent: Double
        public var conflicts: Int
        public var unmetDemandConflicts: Int
        /// Absent in a compare.json written before they were counted apart.
        public var lockedCommitmentConflicts: Int?
        public var budgetOverrunConflicts: Int?
        /// Scenarios only (absent for the base), like `warm_start`.
        public var diff: Diff?
        public var warmStart: Bool?

        enum CodingKeys: String, SchemaKey {
            case name, description, status, priorities
            case unmetHours = "unmet_hours"
            case cost
            case costDelta = "cost_delta"
            case meanUtilizationPercent = "mean_utilization_percent"
            case conflicts
            case unmetDemandConflicts = "unmet_demand_conflicts"
            case lockedCommitmentConflicts = "locked_commitment_conflicts"
            case budgetOverrunConflicts = "budget_overrun_conflicts"
            case diff
            case warmStart = "warm_start"

            var omittedWhenNil: Bool {
                self == .diff || self == .warmStart || self == .lockedCommitmentConflicts
                    || self == .budgetOverrunConflicts
            }
        }
    }

    /// Coverage per priority (the percentage with 2 decimals, where
    /// summary.json has 1).
    public struct Priority: Codable, Sendable, Hashable {
        public var priority: Int
        public var demanded: Double
        public var staffed: Double
        public var unmet: Double
        public var coveragePercent: Double

        enum CodingKeys: String, SchemaKey {
            case priority, demanded, staffed, unmet
            case coveragePercent = "coverage_percent"
        }
    }

    public struct Diff: Codable, Sendable, Hashable {
        public var assignmentsChanged: Int
        public var added: Int
        public var removed: Int
        public var changed: Int
        public var hoursMoved: Double

        enum CodingKeys: String, SchemaKey {
            case assignmentsChanged = "assignments_changed"
            case added, removed, changed
            case hoursMoved = "hours_moved"
        }
    }
}

extension ComparisonFile {
    public init(_ comparison: Comparison) {
        func entry(_ e: Comparison.Entry) -> Entry {
            let m = comparison.metrics(e)
            return Entry(
                name: m.name, description: e.description, status: m.status,
                priorities: e.run.plan.coverage.map { c in
                    Priority(
                        priority: c.priority, demanded: c.demanded, staffed: c.staffed, unmet: c.unmet,
                        coveragePercent: shownPercent(c.percent, decimals: 2))
                },
                unmetHours: m.unmet, cost: m.cost, costDelta: m.costDelta, meanUtilizationPercent: m.meanUtilization,
                conflicts: m.conflicts, unmetDemandConflicts: m.unmetConflicts,
                lockedCommitmentConflicts: m.lockedConflicts, budgetOverrunConflicts: m.overrunConflicts,
                diff: e.diff.map { d in
                    Diff(
                        assignmentsChanged: d.changes.count, added: d.added, removed: d.removed, changed: d.changed,
                        hoursMoved: d.hoursMoved)
                },
                warmStart: e.diff == nil ? nil : e.warmStarted)
        }
        schemaVersion = Plan.schemaVersion
        name = comparison.base.run.plan.name
        currency = comparison.base.run.plan.currency
        base = entry(comparison.base)
        scenarios = comparison.scenarios.map(entry)
    }
}
