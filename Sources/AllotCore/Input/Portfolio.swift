/// A validated dataset in typed form: every number parsed, every reference
/// resolved, every row with the place it came from. Produced only by
/// `Dataset.validate()`.
public struct Portfolio: Sendable {
    public var settings: Settings
    /// In file order.
    public var staff: [Staff]
    public var projects: [Project]
    public var demand: [DemandLine]
    public var leave: [Leave]
    public var holidays: [Holiday]
    public var commitments: [Commitment]
    /// Warnings found while validating (the dataset is usable).
    public var warnings: [Diagnostic]
    /// Where allot.yaml (or a scenario's change) sets `objective:`; nil
    /// when the default applies or `--objective` overrides it.
    public var objectiveOrigin: SourceLocation? = nil
}

/// An id as written in a dataset: `[A-Za-z0-9][A-Za-z0-9._-]*`, at most 64 characters.
public protocol DatasetID: RawRepresentable, Sendable, Hashable, Comparable, CustomStringConvertible
where RawValue == String {}

extension DatasetID {
    public var description: String { rawValue }
    public static func < (a: Self, b: Self) -> Bool { a.rawValue.utf8.lexicographicallyPrecedes(b.rawValue.utf8) }
}

/// A typed id: `Staff.ID` and `Project.ID` cannot be mixed up.
public struct Identifier<Owner>: DatasetID {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ s: String) { rawValue = s }
}

public struct Staff: Sendable, Hashable {
    public typealias ID = Identifier<Staff>

    public var id: ID
    public var name: String?
    public var email: String?
    public var costPerHour: Double
    /// Nil: the manifest's `defaults.hours_per_week`.
    public var hoursPerWeek: Double?
    /// Skill name to level 1...5.
    public var skills: [String: Int]
    /// Employment window, inclusive; nil ends are open.
    public var start: Day?
    public var end: Day?
    public var origin: SourceLocation
    /// How the person is paid: per hour worked (default) or for their capacity.
    public var paid: Paid = .hours

    /// `paid` in staff.csv.
    public enum Paid: String, Sendable, Hashable, CaseIterable {
        /// Paid per hour worked (freelancers, contractors by the hour).
        case hours
        /// Paid for every hour of capacity, worked or not (salaried staff,
        /// contracted hires): rate x capacity in every period; only overtime
        /// adds to it.
        case capacity
    }

    public var displayName: String { name ?? id.rawValue }
}

public struct Project: Sendable, Hashable {
    public typealias ID = Identifier<Project>

    public var id: ID
    public var name: String?
    /// 1 = most important.
    public var priority: Int
    public var start: Day?
    public var end: Day?
    /// Most money the project may spend over the horizon; nil = unlimited.
    public var budget: Double?
    public var origin: SourceLocation

    public var displayName: String { name ?? id.rawValue }
}

public struct DemandLine: Sendable, Hashable {
    public enum Amount: Sendable, Hashable {
        /// Needed every period of the window: hours_per_week / 5 per working day.
        case perWeek(Double)
        /// Effort that may be done in any period overlapping the window.
        case total(Double)
    }

    /// Position in demand.csv, 0-based.
    public var index: Int
    public var project: Project.ID
    public var skill: String
    public var minLevel: Int
    public var amount: Amount
    /// The window as given (nil: the project's date, then the horizon's).
    public var start: Day?
    public var end: Day?
    public var origin: SourceLocation
}

public struct Leave: Sendable, Hashable {
    public var staff: Staff.ID
    public var range: DayRange
    /// Capacity during the leave (0 = absent).
    public var hoursPerWeek: Double
    public var origin: SourceLocation
}

public struct Holiday: Sendable, Hashable {
    public var date: Day
    public var name: String?
    public var origin: SourceLocation
}

public struct Commitment: Sendable, Hashable {
    /// Position in commitments.csv, 0-based.
    public var index: Int
    public var staff: Staff.ID
    public var project: Project.ID
    public var skill: String
    public var range: DayRange
    public var hoursPerWeek: Double
    /// Locked: the plan must hold these hours. Otherwise a baseline for `stability`.
    public var locked: Bool
    public var origin: SourceLocation
}

/// The manifest's settings, with the defaults of docs/dataset-format.md filled in.
public struct Settings: Sendable, Hashable {
    public enum Objective: String, Sendable, Hashable, CaseIterable {
        case lexicographic, weighted
    }

    public var name: String?
    public var horizon: DayRange
    public var period: PeriodKind
    public var currency: String
    public var defaultHoursPerWeek: Double
    /// Extra capacity allowed per person-period, in percent of capacity.
    public var overtimeMaxPercent: Double
    /// Cost factor of an overtime hour (>= 1).
    public var overtimePremium: Double
    /// The priorities hours above capacity may serve; nil: every priority.
    public var overtimePriorities: [Int]? = nil

    /// What an overtime hour adds to the cost, in units of the person's rate:
    /// premium - 1 for someone paid per hour (the base rate is in their pay
    /// for the hour), premium for someone paid for capacity (whose capacity
    /// is paid already).
    public func overtimeCostFactor(_ paid: Staff.Paid) -> Double {
        paid == .capacity ? overtimePremium : overtimePremium - 1
    }
    public var maxProjectsPerPerson: Int?
    public var minHoursPerAssignment: Double?
    /// Whether a MIP policy is on (max_projects_per_person, or
    /// min_hours_per_assignment above 0): the model then has binaries.
    public var usesIntegerPolicies: Bool { maxProjectsPerPerson != nil || (minHoursPerAssignment ?? 0) > 0 }
    /// Cost per hour moved away from unlocked commitments.
    public var stability: Double
    public var objective: Objective
    public var timeLimit: Double
    public var mipGap: Double
    /// The closing shaping stage (docs/how-it-works.md, "Shaping").
    public var shapingEnabled: Bool = true
    /// How far above its optimum the cost may go for a steadier plan, in percent.
    public var shapingCostTolerancePercent: Double = 0
}
