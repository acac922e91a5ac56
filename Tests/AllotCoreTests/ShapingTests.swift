import Foundation
import Testing

@testable import AllotCore

/// The closing shaping stage: the same optima, a steadier plan.
@Suite struct ShapingTests {
    static let staff = "alice,,,100,40,swift:3,,\nbob,,,100,40,swift:3,,\n"

    /// alice and bob cost the same (100/h) and have 40 h a week each;
    /// apollo (P1) needs 20 h a week in both weeks. Every split of the 40 h
    /// is optimal (P1 40, cost 4,000), from alice-then-bob to 10 h each every
    /// week. Shaping keeps one person on apollo for both weeks: one
    /// (person, project) pair, one run, one person per cell, two rows of 20 h.
    @Test func equalPeopleGiveOnePersonOneSteadyRun() throws {
        let plan = try PlanFixture.plan(
            manifest: PlanFixture.twoWeeks, staff: Self.staff, projects: "apollo,,1,,,\n",
            demand: "apollo,swift,,20,,,\n")
        #expect(close(plan.staffed(1), 40))
        #expect(close(plan.cost.total, 4000))
        #expect(Set(plan.assignments.map(\.staff)).count == 1)
        #expect(plan.assignments.map(\.hours).allSatisfy { close($0, 20) })
        let shape = PlanShape(plan.assignments)
        #expect(shape.runsPerPair == 1 && shape.projectsPerPerson == 1 && shape.peoplePerCell == 1)
        #expect(shape.slivers == 0)
    }

    /// Off, the same optimum holds (P1 40, cost 4,000): shaping never moves
    /// staffed hours or cost.
    @Test func offKeepsTheOptimum() throws {
        let plan = try PlanFixture.plan(
            manifest: PlanFixture.twoWeeks + "shaping: {enabled: false}\n", staff: Self.staff,
            projects: "apollo,,1,,,\n", demand: "apollo,swift,,20,,,\n")
        #expect(close(plan.staffed(1), 40))
        #expect(close(plan.cost.total, 4000))
    }

    /// PlanShape by hand: alice on apollo in W01 and W03 (two runs) and on
    /// hermes in W02 (one run); bob on apollo in W01 with 3 h (a sliver).
    /// Pairs: (alice, apollo) 2 runs, (alice, hermes) 1, (bob, apollo) 1 ->
    /// 4 / 3 = 1.333 runs. Projects per person: alice 2, bob 1 -> 1.5, most 2.
    /// Cells: apollo swift W01 {alice, bob}, W03 {alice}, hermes swift W02
    /// {alice} -> 4 / 3 people. Slivers: 1 of 4 rows.
    @Test func shapeFiguresByHand() throws {
        let periods = Period.split(DayRange(Day(iso: "2027-01-04")!, Day(iso: "2027-01-24")!), by: .week)
        func row(_ s: String, _ p: String, _ t: Int, _ h: Double) -> Assignment {
            Assignment(
                staff: Staff.ID(s), project: Project.ID(p), skill: "swift", period: periods[t], hours: h,
                cost: 0, lockedHours: 0)
        }
        let shape = PlanShape([
            row("alice", "apollo", 0, 20), row("alice", "apollo", 2, 20),
            row("alice", "hermes", 1, 10), row("bob", "apollo", 0, 3),
        ])
        #expect(close(shape.runsPerPair, 4.0 / 3))
        #expect(shape.mostRuns == 2)
        #expect(close(shape.projectsPerPerson, 1.5))
        #expect(shape.mostProjects == 2)
        #expect(close(shape.peoplePerCell, 4.0 / 3))
        #expect(shape.slivers == 1 && shape.assignments == 4)
        #expect(close(shape.sliverPercent, 25))
    }
}
