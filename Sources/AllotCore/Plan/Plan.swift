/// The answer: who works how many hours on what, every demand hour that could
/// not be staffed and why, and the numbers a manager asks about next.
public struct Plan: Sendable {
    public static let schemaVersion = 2

    public var name: String?
    public var scenario: String?
    public var currency: String
    public var objective: Settings.Objective
    public var status: Solution.Status
    public var message: String?
    public var periods: [Period]
    public var assignments: [Assignment]
    public var conflicts: [Conflict]
    public var coverage: [PriorityCoverage]
    public var cost: CostSummary
    public var budgets: [BudgetUse]
    public var utilization: [Utilization]
    public var marginalValues: [MarginalValue]
    public var marginalValuesBySkill: [SkillMarginalValue]
    /// The engine that solved the plan, with its version ("GLPK 5.0").
    public var engine: String = ""
    public var model: ModelSize
    public var stages: [StageSummary]
    public var solveSeconds: Double
    /// Weights per priority when the objective is `weighted`.
    public var weights: [Int: Double]
    /// Hours by which the plan differs from the unlocked commitments (nil
    /// when there are none), and `policies.stability`.
    public var hoursMovedFromCommitments: Double?
    public var stabilityWeight: Double
    /// Overtime used, per person and period (within the policy: not a conflict).
    public var overtime: [OvertimeUse] = []
    /// policies.overtime.premium: what an overtime hour costs, times the rate.
    public var overtimePremiumFactor: Double = 1
    /// What a manager should know that is not a conflict: locked hours that
    /// serve no demand, with the commitments behind them.
    public var warnings: [Diagnostic] = []
    /// How steady and concentrated the plan is.
    public var shape: PlanShape = PlanShape([])
    /// The largest gap of a stage; nil for optimal LPs, and when a stage
    /// stopped without one (0 h staffed against a bound above 0: no
    /// relative gap), since the plan's gap is then not known.
    public var gap: Double? { stagesWithoutGap.isEmpty ? stages.compactMap(\.gap).max() : nil }
    /// The stages that stopped without proving their optimum or a gap
    /// (shaping and compare's closing stage aside: they hold every optimum).
    public var stagesWithoutGap: [String] {
        stages.filter { Plan.lacksGap(name: $0.name, status: $0.status, gap: $0.gap) }.map(\.name)
    }

    /// Whether a stage (by its name, status and gap, as summary.json has
    /// them) stopped without proving its optimum or a gap; the closing
    /// stages hold every optimum, so they never lack one.
    static func lacksGap(name: String, status: String, gap: Double?) -> Bool {
        let proven = [Plan.statusText(.optimal), Plan.statusText(.gapReached)]
        let closing = [StageRun.shapingStageName, StageRun.closestStageName]
        return !proven.contains(status) && gap == nil && !closing.contains(name)
    }
    /// Who and what the plan is about, for exports (names, emails, rates).
    public var people: [Staff]
    public var projects: [Project]
    /// Where the plan came from, so `export --to lp` can rebuild its problem.
    public var source: PlanSource?
    /// Working days, holidays, and usual hours lost per person and period.
    public var calendar = PlanCalendar(workingDays: [], holidays: [], absences: [], defaultHoursPerWeek: 40)
    /// Per demand cell: hours asked and staffed.
    public var demand: [DemandUse] = []
}

/// The dataset a plan was made from: its folder as given, the scenario, and
/// a fingerprint of the files, to notice when they changed since.
public struct PlanSource: Sendable, Hashable, Codable {
    public var dataset: String
    public var scenario: String?
    public var fingerprint: String

    /// `dataset` is kept as given, written the one way: `base`, `./base` and
    /// `base/` gave three plan.json files for one dataset.
    public init(dataset: String, scenario: String?, fingerprint: String) {
        self.dataset = PlanSource.tidy(dataset)
        self.scenario = scenario
        self.fingerprint = fingerprint
    }

    /// A path without `.` parts, doubled or trailing slashes ("." itself stays).
    static func tidy(_ path: String) -> String {
        let absolute = path.hasPrefix("/")
        let parts = path.split(separator: "/").filter { $0 != "." }
        let joined = parts.joined(separator: "/")
        if absolute { return "/" + joined }
        return joined.isEmpty ? "." : joined
    }
}

public struct Assignment: Sendable, Hashable {
    public var staff: Staff.ID
    public var project: Project.ID
    public var skill: String
    public var period: Period
    public var hours: Double
    /// Hours at the person's base rate (the overtime premium is in `CostSummary`).
    public var cost: Double
    /// Of `hours`, how many come from locked commitments.
    public var lockedHours: Double
}

public struct Conflict: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case unmetDemand = "unmet-demand"
        case lockedCommitment = "locked-commitment"
        case budgetOverrun = "budget-overrun"
    }

    public enum Cause: String, Sendable, Hashable, CaseIterable {
        case noQualifiedStaff = "no-qualified-staff"
        case capacity
        case budget
        /// See docs/outputs.md: qualified people have hours left, but a
        /// MIP policy (max_projects_per_person, min_hours_per_assignment) keeps
        /// them off this demand.
        case policy
    }

    public var kind: Kind
    public var project: Project.ID?
    public var staff: Staff.ID?
    public var skill: String?
    /// The period, or nil for a total_hours line (its window is in the message).
    public var period: Period?
    public var hours: Double
    public var cause: Cause?
    public var message: String
    /// The priority of the project, for sorting and the summary.
    public var priority: Int?
    /// For `capacity`: the people qualified and the projects holding their hours.
    public var heldBy: [Holder]

    public struct Holder: Sendable, Hashable {
        public var project: Project.ID
        public var priority: Int
        public var hours: Double
    }
}

public struct PriorityCoverage: Sendable, Hashable {
    public var priority: Int
    public var demanded: Double
    public var staffed: Double
    public var unmet: Double { max(0, demanded - staffed) }
    public var percent: Double { demanded > 0 ? 100 * staffed / demanded : 100 }
}

public struct CostSummary: Sendable, Hashable {
    /// Every planned hour at its person's base rate (the sum of the
    /// assignments' cost column).
    public var base: Double
    /// People paid for their capacity: rate x capacity, worked or not.
    public var fixed: Double = 0
    /// The part of `fixed` paying for capacity the plan leaves unused.
    public var idle: Double = 0
    /// People paid per hour: rate x hours worked.
    public var variable: Double
    /// Overtime: (premium - 1) x rate per hour of someone paid per hour (the
    /// base rate is in `variable`), premium x rate of someone paid for capacity.
    public var overtimePremium: Double
    /// stability x hours moved away from unlocked commitments.
    public var stabilityPenalty: Double
    public var total: Double { fixed + variable + overtimePremium + stabilityPenalty }
}

/// Hours above capacity of one person in one period, within `policies.overtime`.
public struct OvertimeUse: Sendable, Hashable {
    public var staff: Staff.ID
    public var period: Period
    public var capacity: Double
    /// Hours above capacity.
    public var hours: Double
    /// What these hours add to the cost: (premium - 1) x rate each for someone
    /// paid per hour, premium x rate for someone paid for capacity.
    public var premiumCost: Double
}

public struct BudgetUse: Sendable, Hashable {
    public var project: Project.ID
    public var priority: Int
    public var budget: Double?
    /// At base rate, locked hours included.
    public var spent: Double
    /// The budget row binds: no more money for this project.
    public var exhausted: Bool

    /// Spent beyond the budget (by more than half a cent): locked hours alone
    /// cost more than it (a budget-overrun conflict), which reads "over
    /// budget", not "spent in full" (at the limit).
    public static func overrun(spent: Double, budget: Double?) -> Bool { budget.map { spent > $0 + 0.005 } ?? false }
    public var overrun: Bool { Self.overrun(spent: spent, budget: budget) }
}

public struct Utilization: Sendable, Hashable {
    public var staff: Staff.ID
    public var period: Period
    public var capacity: Double
    public var hours: Double
    public var overtime: Double
    public var ratio: Double? { capacity > 0 ? hours / capacity : nil }
}

/// docs/outputs.md: for a person and period, the first stage (in priority order)
/// whose dual on that person's capacity is non-zero, and that dual.
public struct MarginalValue: Sendable, Hashable {
    public var staff: Staff.ID
    public var period: Period
    public var stage: String
    /// d(stage objective) / d(one more hour): staffed hours for a priority
    /// stage; money (negative = saved) for the cost stage.
    public var value: Double
}

/// Marginal values summed over the people who have a skill.
public struct SkillMarginalValue: Sendable, Hashable {
    public var skill: String
    public var period: Period
    public var stage: String
    public var value: Double
    public var people: Int
}

public struct ModelSize: Sendable, Hashable {
    public var rows: Int
    public var columns: Int
    public var nonZeros: Int
}

public struct StageSummary: Sendable, Hashable {
    public var name: String
    public var status: String
    public var objective: Double?
    public var iterations: Int
    public var seconds: Double
    public var gap: Double?
    /// `objective` is the plan handed on's value: the stage found no plan
    /// of its own. plan.json's `stage_optima` leaves it out (null), so that
    /// `export --to lp` holds only what the solver held.
    public var handedOn = false
}
