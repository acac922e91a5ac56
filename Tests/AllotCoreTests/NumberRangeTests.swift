import Foundation
import Testing

@testable import AllotCore

/// Numbers that validation used to accept and the solver could not take
/// (exit 70, "invalid scale factor", costs printed as 7.19e+16, 0 h staffed
/// and "optimal"): each now refused at file:line:column with the value as
/// written and the range from `DatasetLimits`; the extremes of every range
/// still solve.
@Suite struct NumberRangeTests {
    struct Case: Sendable, CustomStringConvertible {
        var file: String
        /// The value as written; its position is found by searching the file text.
        var value: String
        var range: ValueRange
        /// staff, projects and demand rows, or manifest lines, with `value` in place.
        var staff = "alice,100,40,swift:3\n"
        var projects = "apollo,1,\n"
        var demand = "apollo,swift,10,\n"
        var manifest = ""

        var description: String { "\(range.field) \(value)" }
    }

    static let cases: [Case] = [
        Case(file: "staff.csv", value: "1e308", range: DatasetLimits.costPerHour, staff: "alice,1e308,40,swift:3\n"),
        Case(file: "staff.csv", value: "1e15", range: DatasetLimits.costPerHour, staff: "alice,1e15,40,swift:3\n"),
        Case(file: "staff.csv", value: "1e-300", range: DatasetLimits.costPerHour, staff: "alice,1e-300,40,swift:3\n"),
        Case(file: "staff.csv", value: "1e9", range: DatasetLimits.staffHoursPerWeek, staff: "alice,100,1e9,swift:3\n"),
        Case(file: "projects.csv", value: "1e15", range: DatasetLimits.priority, projects: "apollo,1e15,\n"),
        Case(file: "projects.csv", value: "1e30", range: DatasetLimits.budget, projects: "apollo,1,1e30\n"),
        Case(file: "demand.csv", value: "1e300", range: DatasetLimits.totalHours, demand: "apollo,swift,,1e300\n"),
        Case(
            file: "allot.yaml", value: "1e-20", range: DatasetLimits.minHoursPerAssignment,
            manifest: "policies: {min_hours_per_assignment: 1e-20}\n"),
        Case(
            file: "allot.yaml", value: "1e-50", range: DatasetLimits.minHoursPerAssignment,
            manifest: "policies: {min_hours_per_assignment: 1e-50}\n"),
        Case(
            file: "allot.yaml", value: "1e308", range: DatasetLimits.stability,
            manifest: "policies: {stability: 1e308}\n"),
        Case(
            file: "allot.yaml", value: "1e-300", range: DatasetLimits.overtimePremium,
            manifest: "policies: {overtime: {max_percent: 10, premium: 1e-300}}\n"),
        Case(
            file: "allot.yaml", value: "1e9", range: DatasetLimits.overtimeMaxPercent,
            manifest: "policies: {overtime: {max_percent: 1e9}}\n"),
        Case(
            file: "allot.yaml", value: "1e9", range: DatasetLimits.defaultHoursPerWeek,
            manifest: "defaults: {hours_per_week: 1e9}\n"),
        Case(
            file: "allot.yaml", value: "1e-300", range: DatasetLimits.timeLimit,
            manifest: "solver: {time_limit_s: 1e-300}\n"),
        Case(
            file: "allot.yaml", value: "1e9", range: DatasetLimits.timeLimit,
            manifest: "solver: {time_limit_s: 1e9}\n"),
        Case(
            file: "allot.yaml", value: "99999999", range: DatasetLimits.maxProjectsPerPerson,
            manifest: "policies: {max_projects_per_person: 99999999}\n"),
    ]

    static func files(_ c: Case) -> [String: String] {
        [
            "allot.yaml": PlanFixture.oneWeek + c.manifest,
            "staff.csv": "id,cost_per_hour,hours_per_week,skills\n" + c.staff,
            "projects.csv": "id,priority,budget\n" + c.projects,
            "demand.csv": "project_id,skill,hours_per_week,total_hours\n" + c.demand,
        ]
    }

    @Test(arguments: cases)
    func outOfRangeIsRefusedWhereItStands(c: Case) throws {
        let files = Self.files(c)
        let e = try withDataset(files) { try $0.failure() }
        #expect(e.errors.count == 1, "\(e)")
        let d = try #require(e.errors.first)
        // The value's own place, searched in its line (past the "1" of line 1's dates for the manifest).
        let text = files[c.file]!
        let lines = text.components(separatedBy: "\n")
        let line = try #require(lines.indices.last { lines[$0].contains(c.value) })
        let found = try #require(lines[line].range(of: c.value))
        let column = lines[line].distance(from: lines[line].startIndex, to: found.lowerBound) + 1
        #expect(d.location.description == "\(c.file):\(line + 1):\(column)")
        #expect(d.found == "\(c.range.field) \"\(c.value)\"", "the value as written, never rounded")
        #expect(d.expected.hasPrefix(c.range.text))
    }

    /// Ranges say themselves in words a user can act on.
    @Test func rangeTexts() {
        #expect(DatasetLimits.costPerHour.text == "0, or a number from 0.01 to 1,000,000")
        #expect(DatasetLimits.overtimePremium.text == "a number from 1 to 10")
        #expect(DatasetLimits.priority.text == "a whole number from 1 to 10,000")
        #expect(DatasetLimits.budget.text == "0, or a number from 0.01 to 1,000,000,000,000")
        // Six decimals printed 1e-9 as 0: "0, or a number from 0 to 1", which refuses 5e-10 with a range holding it.
        #expect(DatasetLimits.mipGap.text == "0, or a number from 1e-9 to 1")
    }

    /// Every range is listed once, and every field name is a real column or manifest key.
    @Test func everyRangeIsListedOnce() {
        let keys = DatasetLimits.all.map { "\($0.file) \($0.field)" }
        #expect(Set(keys).count == keys.count)
        for r in DatasetLimits.all where r.file.hasSuffix(".csv") {
            let table = Table.allCases.first { $0.fileName == r.file }
            let column = r.field.split(separator: " ").first.map(String.init) ?? r.field
            #expect(table?.columns.contains(column) == true, "\(r.file) \(r.field)")
        }
    }

    /// The extremes of the ranges solve exactly. One week (5 days): alice at
    /// 1,000,000/h and bob at 0.01/h, 40 h each, overtime up to 100 % at
    /// premium 10; apollo (P1) asks 60 h, hermes (P2) 1,000,000 h in total;
    /// budgets 1e12 do not bind.
    /// Capacity with overtime: 2 x 80 = 160 h, all of it staffed (60 + 100).
    /// Cost: bob 40 x 0.01 + 40 x 0.01 x 10 = 0.4 + 4 = 4.4;
    ///       alice 40 x 1e6 + 40 x 1e6 x 10 = 4e7 + 4e8 = 4.4e8;
    /// stability 1,000,000 with no commitment: every one of the 160 planned
    /// hours differs from them, 1.6e8; total 440,000,004.4 + 160,000,000 =
    /// 600,000,004.4. Every hour of capacity is used, so the cost does
    /// not depend on who serves which project. Each priority stage is held to
    /// `Formulation.holdTolerance` (1e-8) of its hours: 160 h x 1e-8 = 1.6e-6 h
    /// may go unstaffed, worth at most 1.6e-6 x (1e7 + 1e6) (alice's overtime
    /// hour and its stability penalty) = 17.6.
    @Test func extremesOfTheRangesSolve() throws {
        let manifest =
            PlanFixture.oneWeek
            + "policies: {overtime: {max_percent: 100, premium: 10}, stability: 1000000}\n"
            + "solver: {time_limit_s: 604800, mip_gap: 0}\n"
        let plan = try PlanFixture.plan(
            manifest: manifest,
            staff: "alice,,,1000000,40,swift:3,,\nbob,,,0.01,40,swift:3,,\n",
            projects: "apollo,,1,,,1000000000000\nhermes,,2,,,1000000000000\n",
            demand: "apollo,swift,,60,,,\nhermes,swift,,,1000000,,\n")
        #expect(plan.status == .optimal)
        #expect(close(plan.staffed(1), 60))
        #expect(close(plan.staffed(2), 100))
        #expect(close(plan.unmet(2), 999_900))
        #expect(abs(plan.cost.total - 600_000_004.4) <= 17.6, "cost \(plan.cost.total)")
    }

    /// Every shipped dataset stays inside the ranges.
    @Test(arguments: ["tiny", "acme", "policies"])
    func shippedDatasetsAreInRange(name: String) throws {
        let dataset = try Dataset.load(from: packageRoot.appendingPathComponent("datasets/\(name)").path)
        guard case .success = dataset.validate() else {
            Issue.record("datasets/\(name) is no longer valid")
            return
        }
    }
}
