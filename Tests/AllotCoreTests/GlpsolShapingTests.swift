import Foundation
import GLPK
import Testing

@testable import AllotCore

/// The glpsol route's shaping stage (models/solve-stages.sh) on a plan
/// small enough to shape by hand, against allot's.
@Suite struct GlpsolShapingTests {
    /// Two interchangeable people (same rate, same skill, 40 h a week), one
    /// project asking 40 h of swift in each of 3 weeks (2027-W01..W03).
    ///
    /// Every plan staffs 120 h at 120 x 100 = 12,000: the stages cannot
    /// choose. A vertex of the cost LP gives each week to one person (the
    /// demand row and one capacity row bind), say a has k of the 3 weeks and
    /// b 3 - k. Concentration weights a's hours by 1 / (1 + 40k) and b's by
    /// 1 / (1 + 40(3 - k)); k != 3 - k (3 is odd), so the LP moves every week
    /// to the person with more weeks, and the other pair empties and is fixed
    /// at 0. Steadiness then has nothing to choose: one person works 40 h in
    /// each week. Shape: 1 run per pair, 1 project per person, 1 person per
    /// project, skill and week, no row under 4 h. Which of the two people
    /// gets the work depends on the first vertex, so the plans are compared
    /// up to swapping them.
    @Test func twoInterchangeablePeopleOneProject() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/glpsol") else {
            Issue.record("glpsol is not installed (apt-get install glpk-utils)")
            return
        }
        let path = try PlanFixture.folder([
            "allot.yaml": "horizon: {start: 2027-01-04, end: 2027-01-24, period: week}\n",
            "staff.csv": PlanFixture.staffHeader + "a,,,100,40,swift:3,,\nb,,,100,40,swift:3,,\n",
            "projects.csv": PlanFixture.projectsHeader + "j,,1,,,\n",
            "demand.csv": PlanFixture.demandHeader + "j,swift,,40,,,\n",
        ])
        defer { try? FileManager.default.removeItem(atPath: path) }
        guard case .success(let portfolio) = try Dataset.load(from: path).validate() else {
            Issue.record("the dataset does not validate")
            return
        }
        let run = try Planner.plan(portfolio, options: Planner.Options(solver: GLPKSolver()))
        let data = path + "/instance.dat"
        try MathProgData.text(run.instance, formulation: run.formulation).write(
            toFile: data, atomically: true, encoding: .utf8)
        let g = try RandomPortfolioTests.run(data)

        // Each optimum is held within 1e-8 x 120 h (x 100 per hour for the cost).
        #expect(abs((g.staffed[1] ?? 0) - 120) < 1e-5 && abs((g.shapedStaffed[1] ?? 0) - 120) < 1e-5)
        #expect(abs(g.shapedCost - 12_000) < 1e-3 && abs(run.plan.cost.total - 12_000) < 1e-3)
        // Per route: person -> hours per week.
        let allot = Dictionary(grouping: run.plan.assignments, by: { $0.staff.rawValue }).mapValues {
            $0.sorted { $0.period.id < $1.period.id }.map { "\($0.period.name) " + String(format: "%.2f", $0.hours) }
        }
        let glpsol = Dictionary(grouping: g.rows, by: \.staff).mapValues {
            $0.sorted { $0.period < $1.period }.map { "\($0.period) " + String(format: "%.2f", $0.hours) }
        }
        let one = ["2027-W01 40.00", "2027-W02 40.00", "2027-W03 40.00"]
        #expect(allot.count == 1 && allot.values.first == one, "allot: \(allot)")
        #expect(glpsol.count == 1 && glpsol.values.first == one, "glpsol: \(glpsol)")
        #expect(g.shape["shaped"] == [1, 1, 1, 1, 1, 0], "glpsol's shape: \(g.shape)")
        let shape = PlanShape(run.plan.assignments)
        #expect(shape.runsPerPair == 1 && shape.projectsPerPerson == 1 && shape.peoplePerCell == 1)
        #expect(shape.slivers == 0)
    }
}
