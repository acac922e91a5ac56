/// plan.json, field by field: the one schema `allot plan` writes and
/// `allot export` reads. Keys appear in the file in the order declared here;
/// numbers are rounded to 2 decimals unless a key's `decimals` says otherwise;
/// an optional is written as `null` unless its key is `omittedWhenNil`.
///
/// `summary` is summary.json, and the first fields of plan.json; the rest of
/// plan.json (people, projects, where the plan came from, exact stage optima,
/// assignments and conflicts) follows in the same object.
public struct PlanFile: Codable, Sendable, Equatable {
    public var summary: Summary
    public var staff: [Person]
    public var projects: [ProjectInfo]
    /// The dataset the plan was made from (absent for plans made in memory).
    public var source: PlanSource?
    /// Stage objectives at full precision (9 decimals), for `export --to lp`.
    public var stageOptima: [StageOptimum]
    public var assignments: [AssignmentRow]
    public var conflicts: [ConflictRow]
    /// Overtime used per person and period (a decision of the plan, not a conflict).
    public var overtime: [OvertimeRow]
    /// The periods with their working days and holidays. Nil in plans written
    /// before the report existed (the key is absent there).
    public var periods: [PeriodRow]?
    /// Usual hours lost per person and period to holidays, leave and
    /// employment dates (only person-periods that lose some). Nil as `periods`.
    public var absence: [AbsenceRow]?
    /// Per demand cell: hours asked and staffed. Nil as `periods`.
    public var demand: [DemandRow]?

    enum CodingKeys: String, SchemaKey, CaseIterable {
        case staff, projects, source
        case stageOptima = "stage_optima"
        case assignments, conflicts
        case overtime = "overtime_by_person"
        case periods, absence, demand

        var omittedWhenNil: Bool { self == .source || self == .periods || self == .absence || self == .demand }
    }

    public init(
        summary: Summary, staff: [Person], projects: [ProjectInfo], source: PlanSource?,
        stageOptima: [StageOptimum], assignments: [AssignmentRow], conflicts: [ConflictRow],
        overtime: [OvertimeRow], periods: [PeriodRow]? = nil, absence: [AbsenceRow]? = nil,
        demand: [DemandRow]? = nil
    ) {
        self.summary = summary
        self.staff = staff
        self.projects = projects
        self.source = source
        self.stageOptima = stageOptima
        self.assignments = assignments
        self.conflicts = conflicts
        self.overtime = overtime
        self.periods = periods
        self.absence = absence
        self.demand = demand
    }

    // The summary's fields and plan.json's own share one JSON object.
    public func encode(to encoder: any Encoder) throws {
        try summary.encode(to: encoder)
        try OwnFields(file: self).encode(to: encoder)
    }

    /// plan.json's own fields, those after the summary's: encoded apart when
    /// the two files are written together (`Plan.writeFiles`).
    struct OwnFields: Encodable {
        var file: PlanFile

        func encode(to encoder: any Encoder) throws { try file.encodeOwnFields(to: encoder) }
    }

    private func encodeOwnFields(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(staff, forKey: .staff)
        try c.encode(projects, forKey: .projects)
        try c.encodeIfPresent(source, forKey: .source)
        try c.encode(stageOptima, forKey: .stageOptima)
        try c.encode(assignments, forKey: .assignments)
        try c.encode(conflicts, forKey: .conflicts)
        try c.encode(overtime, forKey: .overtime)
        try c.encodeIfPresent(periods, forKey: .periods)
        try c.encodeIfPresent(absence, forKey: .absence)
        try c.encodeIfPresent(demand, forKey: .demand)
    }

    public init(from decoder: any Decoder) throws {
        summary = try Summary(from: decoder)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        staff = try c.decode([Person].self, forKey: .staff)
        projects = try c.decode([ProjectInfo].self, forKey: .projects)
        source = try c.decodeIfPresent(PlanSource.self, forKey: .source)
        stageOptima = try c.decode([StageOptimum].self, forKey: .stageOptima)
        assignments = try c.decode([AssignmentRow].self, forKey: .assignments)
        conflicts = try c.decode([ConflictRow].self, forKey: .conflicts)
        overtime = try c.decode([OvertimeRow].self, forKey: .overtime)
        periods = try c.decodeIfPresent([PeriodRow].self, forKey: .periods)
        absence = try c.decodeIfPresent([AbsenceRow].self, forKey: .absence)
        demand = try c.decodeIfPresent([DemandRow].self, forKey: .demand)
    }

    /// A period: its name, days inside the horizon, working days and holidays.
    public struct PeriodRow: Codable, Sendable, Hashable {
        public var period: PeriodName
        public var start: Day
        public var end: Day
        public var workingDays: Int
        public var holidays: [HolidayRow]

        enum CodingKeys: String, SchemaKey {
            case period, start, end
            case workingDays = "working_days"
            case holidays
        }

        public struct HolidayRow: Codable, Sendable, Hashable {
            public var date: Day
            public var name: String?
        }
    }

    /// Usual hours a person loses in a period: `capacity` (in `utilization`)
    /// is the usual hours minus these three.
    public struct AbsenceRow: Codable, Sendable, Hashable {
        public var staff: Staff.ID
        public var period: PeriodName
        public var holidayHours: Double
        public var leaveHours: Double
        public var notEmployedHours: Double

        enum CodingKeys: String, SchemaKey {
            case staff = "staff_id", period
            case holidayHours = "holiday_hours"
            case leaveHours = "leave_hours"
            case notEmployedHours = "not_employed_hours"
        }
    }

    /// A demand cell: one period of an `hours_per_week` line (`period` set),
    /// or a whole `total_hours` line (`period` null, its window in `start`
    /// and `end`).
    public struct DemandRow: Codable, Sendable, Hashable {
        public var project: Project.ID
        public var skill: String
        public var minLevel: Int
        public var period: PeriodName?
        public var start: Day
        public var end: Day
        public var demanded: Double
        public var staffed: Double

        enum CodingKeys: String, SchemaKey {
            case project = "project_id", skill
            case minLevel = "min_level"
            case period, start, end, demanded, staffed
        }
    }

    public struct OvertimeRow: Codable, Sendable, Hashable {
        public var staff: Staff.ID
        public var period: PeriodName
        public var capacity: Double
        public var hours: Double
        public var premiumCost: Double

        enum CodingKeys: String, SchemaKey {
            case staff = "staff_id", period, capacity, hours
            case premiumCost = "premium_cost"
        }
    }

    public struct Person: Codable, Sendable, Hashable {
        public var id: Staff.ID
        public var name: String?
        public var email: String?
        public var costPerHour: Double
        /// The usual hours per week (`defaults.hours_per_week` filled in).
        /// Nil, with `paid` and `skills`, in plans written before the report
        /// existed (the keys are absent there).
        public var hoursPerWeek: Double?
        public var paid: Staff.Paid?
        /// By skill name.
        public var skills: [SkillLevel]?

        public var displayName: String { name ?? id.rawValue }

        public init(
            id: Staff.ID, name: String?, email: String?, costPerHour: Double, hoursPerWeek: Double? = nil,
            paid: Staff.Paid? = nil, skills: [SkillLevel]? = nil
        ) {
            self.id = id
            self.name = name
            self.email = email
            self.costPerHour = costPerHour
            self.hoursPerWeek = hoursPerWeek
            self.paid = paid
            self.skills = skills
        }

        enum CodingKeys: String, SchemaKey {
            case id, name, email
            case costPerHour = "cost_per_hour"
            case hoursPerWeek = "hours_per_week"
            case paid, skills

            var decimals: Int { self == .costPerHour ? 6 : 2 }
            var omittedWhenNil: Bool { self == .hoursPerWeek || self == .paid || self == .skills }
        }

        public struct SkillLevel: Codable, Sendable, Hashable {
            public var skill: String
            public var level: Int
        }
    }

    public struct ProjectInfo: Codable, Sendable, Hashable {
        public var id: Project.ID
        public var name: String?
        public var priority: Int

        public var displayName: String { name ?? id.rawValue }
    }

    public struct StageOptimum: Codable, Sendable, Hashable {
        public var name: String
        public var objective: Double?

        enum CodingKeys: String, SchemaKey {
            case name, objective

            var decimals: Int { self == .objective ? 9 : 2 }
        }
    }

    /// One row of assignments.csv, with the period's dates and locked hours.
    public struct AssignmentRow: Codable, Sendable, Hashable {
        public var staff: Staff.ID
        public var project: Project.ID
        public var skill: String
        public var period: PeriodName
        public var start: Day
        public var end: Day
        public var hours: Double
        public var cost: Double
        public var lockedHours: Double

        enum CodingKeys: String, SchemaKey {
            case staff = "staff_id", project = "project_id", skill, period
            case start = "period_start", end = "period_end"
            case hours, cost
            case lockedHours = "locked_hours"
        }
    }

    /// One row of conflicts.csv; `held_by` only for capacity conflicts.
    public struct ConflictRow: Codable, Sendable, Hashable {
        public var kind: Conflict.Kind
        public var project: Project.ID?
        public var staff: Staff.ID?
        public var skill: String?
        public var period: PeriodName?
        public var hours: Double
        public var cause: Conflict.Cause?
        public var message: String
        /// Nil rather than empty: the key is left out then.
        public var heldBy: [Holder]?

        enum CodingKeys: String, SchemaKey {
            case kind
            case project = "project_id", staff = "staff_id"
            case skill, period, hours, cause, message
            case heldBy = "held_by"

            var omittedWhenNil: Bool { self == .heldBy }
        }

        public struct Holder: Codable, Sendable, Hashable {
            public var project: Project.ID
            public var priority: Int
            public var hours: Double

            enum CodingKeys: String, SchemaKey {
                case project = "project_id", priority, hours
            }
        }
    }
}

extension PlanFile {
    /// summary.json: status, coverage, cost, budgets, utilization, marginal
    /// values and the solver's figures.
    public struct Summary: Codable, Sendable, Equatable {
        public var schemaVersion: Int
        public var name: String?
        public var scenario: String?
        public var status: Solution.Status
        public var message: String?
        public var objective: Settings.Objective
        /// The largest gap of a MIP stage.
        public var gap: Double?
        public var currency: String
        public var priorities: [PriorityRow]
        public var totals: Totals
        public var cost: Cost
        public var overtime: OvertimeSummary
        public var shape: Shape
        public var stability: Stability
        public var budgets: [BudgetRow]
        public var conflictsByKind: ConflictCounts
        public var utilization: [UtilizationRow]
        public var marginalValueOfCapacity: MarginalValues
        public var solver: Solver

        enum CodingKeys: String, SchemaKey {
            case schemaVersion = "schema_version"
            case name, scenario, status, message, objective, gap, currency, priorities, totals, cost, overtime, shape
            case stability, budgets
            case conflictsByKind = "conflicts_by_kind"
            case utilization
            case marginalValueOfCapacity = "marginal_value_of_capacity"
            case solver

            var decimals: Int { self == .gap ? 6 : 2 }
        }
    }

    public struct PriorityRow: Codable, Sendable, Hashable {
        public var priority: Int
        public var demanded: Double
        public var staffed: Double
        public var unmet: Double
        public var coveragePercent: Double

        enum CodingKeys: String, SchemaKey {
            case priority, demanded, staffed, unmet
            case coveragePercent = "coverage_percent"

            var decimals: Int { self == .coveragePercent ? 1 : 2 }
        }
    }

    public struct Totals: Codable, Sendable, Hashable {
        public var demanded: Double
        public var staffed: Double
        public var unmet: Double
        public var assignments: Int
        public var conflicts: Int
    }

    public struct Cost: Codable, Sendable, Hashable {
        public var base: Double
        public var fixed: Double
        public var idle: Double
        public var variable: Double
        public var overtimePremium: Double
        public var stabilityPenalty: Double
        public var total: Double

        enum CodingKeys: String, SchemaKey {
            case base, fixed, idle, variable
            case overtimePremium = "overtime_premium"
            case stabilityPenalty = "stability_penalty"
            case total
        }
    }

    /// Overtime within the policy: hours, people, person-periods, the premium
    /// factor and what the premium costs.
    public struct OvertimeSummary: Codable, Sendable, Hashable {
        public var hours: Double
        public var people: Int
        public var personPeriods: Int
        public var premium: Double
        public var premiumCost: Double

        enum CodingKeys: String, SchemaKey {
            case hours, people
            case personPeriods = "person_periods"
            case premium
            case premiumCost = "premium_cost"

            var decimals: Int { self == .premium ? 4 : 2 }
        }
    }

    /// The plan's shape figures (`PlanShape`).
    public struct Shape: Codable, Sendable, Hashable {
        public var runsPerPersonAndProject: Double
        public var mostRuns: Int
        public var projectsPerPerson: Double
        public var mostProjects: Int
        public var peoplePerProjectSkillPeriod: Double
        public var assignmentsUnder4h: Int
        public var assignmentsUnder4hPercent: Double

        enum CodingKeys: String, SchemaKey {
            case runsPerPersonAndProject = "runs_per_person_and_project"
            case mostRuns = "most_runs"
            case projectsPerPerson = "projects_per_person"
            case mostProjects = "most_projects"
            case peoplePerProjectSkillPeriod = "people_per_project_skill_period"
            case assignmentsUnder4h = "assignments_under_4h"
            case assignmentsUnder4hPercent = "assignments_under_4h_percent"

            var decimals: Int { 3 }
        }
    }

    public struct Stability: Codable, Sendable, Hashable {
        public var weight: Double
        public var hoursMovedFromCommitments: Double?

        enum CodingKeys: String, SchemaKey {
            case weight
            case hoursMovedFromCommitments = "hours_moved_from_commitments"

            var decimals: Int { self == .weight ? 4 : 2 }
        }
    }

    public struct BudgetRow: Codable, Sendable, Hashable {
        public var project: Project.ID
        public var priority: Int
        public var budget: Double?
        public var spent: Double
        public var exhausted: Bool

        enum CodingKeys: String, SchemaKey {
            case project = "project_id", priority, budget, spent, exhausted
        }
    }

    /// How many conflicts of each kind, every kind listed (in `Conflict.Kind`'s order).
    public struct ConflictCounts: Codable, Sendable, Hashable {
        public var counts: [Conflict.Kind: Int]

        public init(counts: [Conflict.Kind: Int]) { self.counts = counts }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: DynamicKey.self)
            for kind in Conflict.Kind.allCases { try c.encode(counts[kind] ?? 0, forKey: DynamicKey(kind.rawValue)) }
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: DynamicKey.self)
            for key in c.allKeys where Conflict.Kind(rawValue: key.stringValue) == nil {
                let known = Conflict.Kind.allCases.map(\.rawValue).joined(separator: ", ")
                throw DecodingError.dataCorrupted(
                    .init(
                        codingPath: c.codingPath + [key],
                        debugDescription: "not a conflict kind (expected \(known))"))
            }
            counts = [:]
            for kind in Conflict.Kind.allCases {
                counts[kind] = try c.decode(Int.self, forKey: DynamicKey(kind.rawValue))
            }
        }
    }

    public struct UtilizationRow: Codable, Sendable, Hashable {
        public var staff: Staff.ID
        public var period: PeriodName
        public var capacity: Double
        public var hours: Double
        public var overtime: Double
        /// hours / capacity; nil when the capacity is 0.
        public var ratio: Double?

        enum CodingKeys: String, SchemaKey {
            case staff = "staff_id", period, capacity, hours, overtime
            case ratio = "utilization"

            var decimals: Int { self == .ratio ? 4 : 2 }
        }
    }

    public struct MarginalValues: Codable, Sendable, Hashable {
        public var byPerson: [PersonValue]
        public var bySkill: [SkillValue]

        enum CodingKeys: String, SchemaKey {
            case byPerson = "by_person", bySkill = "by_skill"
        }

        public struct PersonValue: Codable, Sendable, Hashable {
            public var staff: Staff.ID
            public var period: PeriodName
            public var stage: String
            public var value: Double

            enum CodingKeys: String, SchemaKey {
                case staff = "staff_id", period, stage, value

                var decimals: Int { self == .value ? 4 : 2 }
            }
        }

        public struct SkillValue: Codable, Sendable, Hashable {
            public var skill: String
            public var period: PeriodName
            public var stage: String
            public var value: Double
            public var people: Int

            enum CodingKeys: String, SchemaKey {
                case skill, period, stage, value, people

                var decimals: Int { self == .value ? 4 : 2 }
            }
        }
    }

    public struct Solver: Codable, Sendable, Hashable {
        /// The engine and its version ("GLPK 5.0", "CLP 1.17.6 (GLPK 5.0 for
        /// integer problems)"); absent in files written before it was added.
        public var engine: String?
        public var model: Model
        public var stages: [Stage]
        /// Wall-clock seconds, only with `--timings`.
        public var solveSeconds: Double?
        /// Per priority, with the `weighted` objective only.
        public var weights: Weights?

        enum CodingKeys: String, SchemaKey {
            case engine, model, stages
            case solveSeconds = "solve_time_s"
            case weights

            var decimals: Int { self == .solveSeconds ? 3 : 2 }
            var omittedWhenNil: Bool { self == .engine || self == .solveSeconds || self == .weights }
        }

        public struct Model: Codable, Sendable, Hashable {
            public var rows: Int
            public var columns: Int
            public var nonZeros: Int

            enum CodingKeys: String, SchemaKey {
                case rows, columns
                case nonZeros = "non_zeros"
            }
        }

        public struct Stage: Codable, Sendable, Hashable {
            public var name: String
            public var status: String
            public var objective: Double?
            public var iterations: Int
            /// MIP stages with a known gap only.
            public var gap: Double?
            /// Only with `--timings`.
            public var seconds: Double?

            enum CodingKeys: String, SchemaKey {
                case name, status, objective, iterations, gap, seconds

                var decimals: Int {
                    switch self {
                    case .objective: return 4
                    case .gap: return 6
                    case .seconds: return 3
                    default: return 2
                    }
                }
                var omittedWhenNil: Bool { self == .gap || self == .seconds }
            }
        }

        /// `priority-N: weight`, in increasing N, 4 decimals.
        public struct Weights: Codable, Sendable, Hashable {
            public var byPriority: [Int: Double]

            public init(byPriority: [Int: Double]) { self.byPriority = byPriority }

            static func key(_ priority: Int) -> DynamicKey { DynamicKey("priority-\(priority)", decimals: 4) }

            public func encode(to encoder: any Encoder) throws {
                var c = encoder.container(keyedBy: DynamicKey.self)
                for p in byPriority.keys.sorted() { try c.encode(byPriority[p]!, forKey: Self.key(p)) }
            }

            public init(from decoder: any Decoder) throws {
                let c = try decoder.container(keyedBy: DynamicKey.self)
                byPriority = [:]
                for key in c.allKeys {
                    let name = key.stringValue
                    guard name.hasPrefix("priority-"), let p = Int(name.dropFirst("priority-".count)) else {
                        throw DecodingError.dataCorrupted(
                            .init(
                                codingPath: c.codingPath + [key],
                                debugDescription: "expected a key priority-N"))
                    }
                    byPriority[p] = try c.decode(Double.self, forKey: key)
                }
            }
        }
    }
}
