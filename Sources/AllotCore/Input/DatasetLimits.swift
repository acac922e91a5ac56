import Foundation

/// The range every number of a dataset must lie in, and the other limits of
/// what allot reads. One table, so the documentation can list it: every value
/// inside these ranges gives a model GLPK solves to its tolerances (costs and
/// hours stay far below the 2^53 where doubles stop counting cents, and no
/// coefficient is so small that scaling turns it into noise).
public struct ValueRange: Sendable, Hashable {
    /// Where the value is written: `staff.csv` or `allot.yaml`.
    public var file: String
    /// The column or dotted manifest key.
    public var field: String
    public var min: Double
    public var max: Double
    /// Values other than 0 must be at least this (so 1e-300 is not read as a
    /// meaningful cost); nil when any value in the range will do.
    public var smallestNonZero: Double?
    /// Whole numbers only.
    public var isInteger: Bool
    /// What the number counts, for the documentation: "EUR per hour", "hours".
    public var unit: String

    public init(
        _ file: String, _ field: String, _ min: Double, _ max: Double, smallestNonZero: Double? = nil,
        isInteger: Bool = false, unit: String
    ) {
        self.file = file
        self.field = field
        self.min = min
        self.max = max
        self.smallestNonZero = smallestNonZero
        self.isInteger = isInteger
        self.unit = unit
    }

    public func contains(_ value: Double) -> Bool {
        guard value.isFinite, value >= min, value <= max else { return false }
        if isInteger && value.rounded() != value { return false }
        if let smallestNonZero, value != 0, abs(value) < smallestNonZero { return false }
        return true
    }

    /// "0, or a number from 0.01 to 1,000,000", for messages and docs.
    public var text: String {
        let kind = isInteger ? "a whole number" : "a number"
        guard let smallestNonZero else { return "\(kind) from \(Self.show(min)) to \(Self.show(max))" }
        return "\(Self.show(min)), or \(kind) from \(Self.show(smallestNonZero)) to \(Self.show(max))"
    }

    /// 1,000,000 grouped, 0.01 as is, and a power of ten too small for six
    /// decimals as 1e-9 (six decimals would print it as 0).
    static func show(_ v: Double) -> String {
        if abs(v) >= 1000 { return formatGrouped(v) }
        if v != 0, abs(v) < 1e-6 {
            let exponent = Int(log10(abs(v)).rounded())
            if Double("1e\(exponent)") == abs(v) { return (v < 0 ? "-" : "") + "1e\(exponent)" }
        }
        return format(v, decimals: 6)
    }
}

/// Every limit on what a dataset may hold (see `ValueRange`).
public enum DatasetLimits {
    static let staff = "staff.csv", projects = "projects.csv", demand = "demand.csv", leave = "leave.csv"
    static let commitments = "commitments.csv", manifest = "allot.yaml"

    /// A week has 168 hours.
    public static let hoursPerWeek = 168.0

    public static let costPerHour = ValueRange(
        staff, "cost_per_hour", 0, 1_000_000, smallestNonZero: 0.01,
        unit: "currency per hour")
    public static let staffHoursPerWeek = ValueRange(
        staff, "hours_per_week", 0, hoursPerWeek, smallestNonZero: 0.01,
        unit: "hours per week")
    public static let skillLevel = ValueRange(staff, "skills (level)", 1, 5, isInteger: true, unit: "level")
    public static let priority = ValueRange(projects, "priority", 1, 10_000, isInteger: true, unit: "rank, 1 = first")
    public static let budget = ValueRange(projects, "budget", 0, 1e12, smallestNonZero: 0.01, unit: "currency")
    public static let minLevel = ValueRange(demand, "min_level", 1, 5, isInteger: true, unit: "level")
    public static let demandHoursPerWeek = ValueRange(
        demand, "hours_per_week", 0, hoursPerWeek, smallestNonZero: 0.01,
        unit: "hours per week")
    public static let totalHours = ValueRange(demand, "total_hours", 0, 1_000_000, smallestNonZero: 0.01, unit: "hours")
    public static let leaveHoursPerWeek = ValueRange(
        leave, "hours_per_week", 0, hoursPerWeek, smallestNonZero: 0.01,
        unit: "hours per week")
    public static let commitmentHoursPerWeek = ValueRange(
        commitments, "hours_per_week", 0, hoursPerWeek,
        smallestNonZero: 0.01, unit: "hours per week")
    public static let defaultHoursPerWeek = ValueRange(
        manifest, "defaults.hours_per_week", 0, hoursPerWeek,
        smallestNonZero: 0.01, unit: "hours per week")
    public static let overtimeMaxPercent = ValueRange(
        manifest, "policies.overtime.max_percent", 0, 100,
        smallestNonZero: 0.01, unit: "percent of capacity")
    public static let overtimePremium = ValueRange(
        manifest, "policies.overtime.premium", 1, 10,
        unit: "factor on the hourly cost")
    public static let maxProjectsPerPerson = ValueRange(
        manifest, "policies.max_projects_per_person", 1, 10_000,
        isInteger: true, unit: "projects")
    /// A month period holds at most 23 working days: 23 x 168 / 5 = 772.8 hours; 5 x 168 is above it.
    public static let minHoursPerAssignment = ValueRange(
        manifest, "policies.min_hours_per_assignment", 0,
        5 * hoursPerWeek, smallestNonZero: 0.01,
        unit: "hours per period")
    public static let stability = ValueRange(
        manifest, "policies.stability", 0, 1_000_000, smallestNonZero: 0.01,
        unit: "currency per hour moved")
    /// GLPK takes its time limit in whole milliseconds in a C int; a week is 604,800,000 ms.
    public static let shapingCostTolerance = ValueRange(
        manifest, "shaping.cost_tolerance_percent", 0, 100,
        unit: "percent")
    public static let timeLimit = ValueRange(manifest, "solver.time_limit_s", 0.01, 604_800, unit: "seconds")
    public static let mipGap = ValueRange(
        manifest, "solver.mip_gap", 0, 1, smallestNonZero: 1e-9,
        unit: "relative gap")

    /// Every range, in the order the documentation lists them.
    public static let all: [ValueRange] = [
        costPerHour, staffHoursPerWeek, skillLevel, priority, budget, minLevel, demandHoursPerWeek, totalHours,
        leaveHoursPerWeek, commitmentHoursPerWeek, defaultHoursPerWeek, overtimeMaxPercent, overtimePremium,
        maxProjectsPerPerson, minHoursPerAssignment, stability, shapingCostTolerance, timeLimit, mipGap,
    ]

    /// Ids (staff, projects, scenarios) and skill names: at most this many characters.
    public static let nameLength = 64
    /// A CSV table larger than this is refused before it is read.
    public static let tableBytes = 256 * 1024 * 1024
    /// A CSV row keeps at most this many cells: the tables have a dozen
    /// columns, and a row of 100 million commas took 9 GB to hold.
    public static let rowCells = 1_000
    /// A CSV table keeps at most this many cells in all (about 60 bytes each
    /// once read): the rest of a larger table is not read, with one error.
    public static let tableCells = 5_000_000
    /// allot.yaml larger than this is refused before it is read.
    public static let manifestBytes = 16 * 1024 * 1024
    /// YAML aliases may add at most this many values to allot.yaml when they
    /// are expanded ("billion laughs" stops here).
    public static let aliasExpansion = 100_000
}
