import Foundation
import GLPK
import Testing

@testable import AllotCore

/// One small case per constraint family and per conflict cause. Horizon: one
/// ISO week 2027-01-04..10 (5 working days) unless said otherwise; a
/// 40 h/week person has 40 / 5 = 8 h per working day.
@Suite struct PlanTests {
    // MARK: - Constraint families

    /// capacity: alice has 40 h; apollo asks 50 h/week -> 40 staffed, 10 unmet
    /// (capacity, held by apollo itself). Cost 40 x 100 = 4000.
    @Test func capacity() throws {
        let plan = try PlanFixture.plan(
            staff: "alice,,,100,,swift:3,,\n",
            projects: "apollo,,1,,,\n",
            demand: "apollo,swift,,50,,,\n")
        #expect(close(plan.staffed(1), 40))
        #expect(close(plan.unmet(1), 10))
        #expect(close(plan.cost.total, 4000))
        let unmet = plan.conflicts(.unmetDemand)
        #expect(unmet.count == 1)
        #expect(unmet.first?.cause == .capacity)
        #expect(close(unmet.first?.hours ?? 0, 10))
        #expect(unmet.first?.heldBy.map(\.project.rawValue) == ["apollo"])
    }

    /// leave: alice is away Wednesday to Friday (3 days at 0 h) -> capacity
    /// 2 days x 8 = 16 h. Demand 40 h/week -> 16 staffed, cost 1600.
    @Test func leave() throws {
        let plan = try PlanFixture.plan(
            staff: "alice,,,100,,swift:3,,\n", projects: "apollo,,1,,,\n",
            demand: "apollo,swift,,40,,,\n",
            extra: ["leave.csv": "staff_id,start,end,hours_per_week\nalice,2027-01-06,2027-01-08,\n"])
        #expect(close(plan.staffed(1), 16))
        #expect(close(plan.cost.total, 1600))
    }

    /// holiday on Wednesday: 4 working days. Capacity 4 x 8 = 32 h. A
    /// total_hours demand of 40 h -> 32 staffed, 8 unmet; an hours_per_week
    /// demand of 40 asks only 40 / 5 x 4 = 32 -> fully staffed.
    @Test func holiday() throws {
        let holidays = ["holidays.csv": "date,name\n2027-01-06,Epiphany\n"]
        let total = try PlanFixture.plan(
            staff: "alice,,,100,,swift:3,,\n", projects: "apollo,,1,,,\n",
            demand: "apollo,swift,,,40,,\n", extra: holidays)
        #expect(close(total.staffed(1), 32))
        #expect(close(total.unmet(1), 8))
        let weekly = try PlanFixture.plan(
            staff: "alice,,,100,,swift:3,,\n", projects: "apollo,,1,,,\n",
            demand: "apollo,swift,,40,,,\n", extra: holidays)
        #expect(close(weekly.coverage.first?.demanded ?? 0, 32))
        #expect(close(weekly.unmet(1), 0))
    }

    /// employment window: alice starts Thursday 2027-01-07 -> 2 days x 8 = 16 h.
    @Test func employmentWindow() throws {
        let plan = try PlanFixture.plan(
            staff: "alice,,,100,,swift:3,2027-01-07,\n", projects: "apollo,,1,,,\n",
            demand: "apollo,swift,,40,,,\n")
        #expect(close(plan.staffed(1), 16))
    }

    /// min level: alice has swift 2, bob swift 4; min_level 3 admits only
    /// bob: 40 of 60 staffed, all by bob; the conflict names bob as qualified.
    @Test func minimumLevel() throws {
        let plan = try PlanFixture.plan(
            staff: "alice,,,50,,swift:2,,\nbob,,,100,,swift:4,,\n", projects: "apollo,,1,,,\n",
            demand: "apollo,swift,3,60,,,\n")
        #expect(close(plan.staffed(1), 40))
        #expect(close(plan.hours("alice", "apollo"), 0))
        #expect(close(plan.hours("bob", "apollo"), 40))
        #expect(plan.conflicts(.unmetDemand).first?.message.contains("qualified bob") == true)
    }

    /// total_hours across weeks: two weeks, alice 40 h each; 60 h of effort
    /// anywhere in the window -> all 60 staffed (the split between the weeks
    /// is free), cost 6000; beside it an hours_per_week line of 30 h/week on
    /// priority 1 takes 30 + 30 first, leaving 10 + 10 for the total: 20 of 60.
    @Test func totalHoursAcrossWeeks() throws {
        let alone = try PlanFixture.plan(
            manifest: PlanFixture.twoWeeks, staff: "alice,,,100,,swift:3,,\n",
            projects: "apollo,,1,,,\n", demand: "apollo,swift,,,60,,\n")
        #expect(close(alone.staffed(1), 60))
        #expect(close(alone.cost.total, 6000))
        let shared = try PlanFixture.plan(
            manifest: PlanFixture.twoWeeks, staff: "alice,,,100,,swift:3,,\n",
            projects: "apollo,,1,,,\nhermes,,2,,,\n",
            demand: "apollo,swift,,30,,,\nhermes,swift,,,60,,\n")
        #expect(close(shared.staffed(1), 60))
        #expect(close(shared.staffed(2), 20))
        // The total_hours conflict has no single period.
        #expect(shared.conflicts(.unmetDemand).first?.period == nil)
        #expect(close(shared.conflicts(.unmetDemand).first?.hours ?? 0, 40))
    }

    /// budget: 2500 at 100/h buys 25 of 40 hours; the 15 unmet hours are a
    /// `budget` conflict.
    @Test func budget() throws {
        let plan = try PlanFixture.plan(
            staff: "alice,,,100,,swift:3,,\n", projects: "apollo,,1,,,2500\n",
            demand: "apollo,swift,,40,,,\n")
        #expect(close(plan.staffed(1), 25))
        #expect(close(plan.cost.total, 2500))
        #expect(plan.conflicts(.unmetDemand).map(\.cause) == [.budget])
        #expect(plan.budgets.first?.exhausted == true)
    }

    /// overtime 10 %, premium 1.5: alice (100/h) and bob (60/h), 40 h each,
    /// may work up to 40 x 1.1 = 44 h. Demand 84 -> all staffed with 4
    /// overtime hours; the cheapest overtime is bob's (60 x 1.5 = 90/h all-in
    /// against alice's 150/h), and he has exactly 4 to give.
    /// Base = 40 x 100 + 44 x 60 = 4000 + 2640 = 6640; premium = 4 x 60 x 0.5
    /// = 120; total 6760.
    @Test func overtime() throws {
        let manifest = PlanFixture.oneWeek + "policies: {overtime: {max_percent: 10, premium: 1.5}}\n"
        let plan = try PlanFixture.plan(
            manifest: manifest, staff: "alice,,,100,,swift:3,,\nbob,,,60,,swift:3,,\n",
            projects: "apollo,,1,,,\n", demand: "apollo,swift,,84,,,\n")
        #expect(close(plan.staffed(1), 84))
        #expect(close(plan.hours("alice", "apollo"), 40))
        #expect(close(plan.hours("bob", "apollo"), 44))
        #expect(close(plan.cost.base, 6640))
        #expect(close(plan.cost.overtimePremium, 120))
        #expect(close(plan.cost.total, 6760))
        // Overtime within the policy is a decision, not a conflict: no
        // conflicts at all, and bob's 4 h show in the overtime table.
        #expect(plan.conflicts.isEmpty)
        #expect(plan.overtime.count == 1)
        #expect(plan.overtime.first?.staff.rawValue == "bob")
        #expect(close(plan.overtime.first?.hours ?? 0, 4))
        #expect(close(plan.overtime.first?.premiumCost ?? 0, 120))
    }

    /// Overtime cannot go past max_percent: 85 h with 2 x 44 = 88 possible
    /// puts alice 1 h into overtime beside bob's 4 (hours 41 and 44).
    @Test func overtimeIsCappedPerPerson() throws {
        let manifest = PlanFixture.oneWeek + "policies: {overtime: {max_percent: 10, premium: 1.5}}\n"
        let plan = try PlanFixture.plan(
            manifest: manifest, staff: "alice,,,100,,swift:3,,\nbob,,,60,,swift:3,,\n",
            projects: "apollo,,1,,,\n", demand: "apollo,swift,,85,,,\n")
        #expect(close(plan.hours("alice", "apollo"), 41))
        #expect(close(plan.hours("bob", "apollo"), 44))
        // 41 x 100 + 44 x 60 = 6740 base; (1 x 100 + 4 x 60) x 0.5 = 170 premium.
        #expect(close(plan.cost.total, 6910))
    }

    /// locked: alice is locked to hermes (priority 2) for 24 h/week of swift.
    /// Those hours come first: apollo (priority 1) gets the other 16 of its 40.
    /// The locked hours serve hermes' 30 h demand: 24 staffed, 6 unmet.
    /// Cost = 40 x 100 = 4000.
    @Test func lockedCommitmentComesFirst() throws {
        let plan = try PlanFixture.plan(
            staff: "alice,,,100,,swift:3,,\n", projects: "apollo,,1,,,\nhermes,,2,,,\n",
            demand: "apollo,swift,,40,,,\nhermes,swift,,30,,,\n",
            extra: [
                "commitments.csv":
                    "staff_id,project_id,skill,start,end,hours_per_week,locked\nalice,hermes,swift,2027-01-04,2027-01-10,24,true\n"
            ])
        #expect(close(plan.staffed(1), 16))
        #expect(close(plan.staffed(2), 24))
        #expect(close(plan.cost.total, 4000))
        let apollo = plan.conflicts(.unmetDemand).first { $0.project?.rawValue == "apollo" }
        #expect(apollo?.cause == .capacity)
        #expect(apollo?.heldBy.map(\.project.rawValue) == ["apollo", "hermes"])
        #expect(plan.assignments.first { $0.project.rawValue == "hermes" }?.lockedHours == 24)
    }

    /// Which demand line locked hours serve is chosen for the most staffed
    /// hours: alice (20 h, swift 5) is locked 20 h/week to apollo swift, which
    /// has a line at min_level 1 and one at min_level 5 (20 h each). Serving
    /// the level-5 line with her locked hours lets bob (swift 1) staff the
    /// level-1 line: 40 staffed. Cost = 20 x 100 + 20 x 50 = 3000.
    @Test func lockedHoursServeTheLineThatStaffsMost() throws {
        let plan = try PlanFixture.plan(
            staff: "alice,,,100,20,swift:5,,\nbob,,,50,,swift:1,,\n", projects: "apollo,,1,,,\n",
            demand: "apollo,swift,1,20,,,\napollo,swift,5,20,,,\n",
            extra: [
                "commitments.csv":
                    "staff_id,project_id,skill,start,end,hours_per_week,locked\nalice,apollo,swift,2027-01-04,2027-01-10,20,true\n"
            ])
        #expect(close(plan.staffed(1), 40))
        #expect(close(plan.cost.total, 3000))
        #expect(plan.conflicts(.unmetDemand).isEmpty)
    }

    /// locked beyond capacity: 50 h/week locked, 40 h of capacity, no
    /// overtime -> 40 held, a 10 h locked-commitment conflict.
    @Test func lockedBeyondCapacity() throws {
        let plan = try PlanFixture.plan(
            staff: "alice,,,100,,swift:3,,\n", projects: "apollo,,1,,,\n", demand: "",
            extra: [
                "commitments.csv":
                    "staff_id,project_id,skill,start,end,hours_per_week,locked\nalice,apollo,swift,2027-01-04,2027-01-10,50,true\n"
            ])
        #expect(close(plan.hours("alice", "apollo"), 40))
        let locked = plan.conflicts(.lockedCommitment)
        #expect(locked.count == 1)
        #expect(close(locked.first?.hours ?? 0, 10))
    }

    /// locked cost above the budget: 24 h x 100 = 2400 against 1000 -> a
    /// budget-overrun conflict; the budget is taken as 2400, so no further
    /// hours go to hermes (its other 16 h of demand stay unmet, cause budget).
    @Test func lockedCostOverBudget() throws {
        let plan = try PlanFixture.plan(
            staff: "alice,,,100,,swift:3,,\nbob,,,50,,swift:3,,\n", projects: "hermes,,1,,,1000\n",
            demand: "hermes,swift,,40,,,\n",
            extra: [
                "commitments.csv":
                    "staff_id,project_id,skill,start,end,hours_per_week,locked\nalice,hermes,swift,2027-01-04,2027-01-10,24,true\n"
            ])
        #expect(plan.conflicts(.budgetOverrun).count == 1)
        #expect(close(plan.staffed(1), 24))
        #expect(close(plan.hours("bob", "hermes"), 0))
        #expect(plan.conflicts(.unmetDemand).first?.cause == .budget)
    }

    // MARK: - Conflict causes and priorities

    /// Priority 1 takes the only qualified person from priority 2, and the
    /// priority-2 conflict names priority 1's project as the holder.
    @Test func priorityOneTakesTheOnlyQualifiedPerson() throws {
        let plan = try PlanFixture.plan(
            staff: "alice,,,100,,swift:3,,\n", projects: "apollo,,1,,,\nhermes,,2,,,\n",
            demand: "apollo,swift,,40,,,\nhermes,swift,,20,,,\n")
        #expect(close(plan.staffed(1), 40))
        #expect(close(plan.staffed(2), 0))
        let hermes = plan.conflicts(.unmetDemand).first { $0.project?.rawValue == "hermes" }
        #expect(hermes?.cause == .capacity)
        #expect(hermes?.heldBy.first?.project.rawValue == "apollo")
        #expect(hermes?.heldBy.first?.priority == 1)
        #expect(hermes?.message.contains("apollo (priority 1) 40h") == true)
    }

    /// Priority is lexicographic, not a weight: hermes (priority 2) asks for
    /// 1000 h, apollo (priority 1) for 8; apollo is still served in full.
    @Test func noPriorityOneHourIsGivenUp() throws {
        let plan = try PlanFixture.plan(
            staff: "alice,,,100,,swift:3,,\n", projects: "apollo,,1,,,\nhermes,,2,,,\n",
            demand: "apollo,swift,,8,,,\nhermes,swift,,,1000,,\n")
        #expect(close(plan.staffed(1), 8))
        #expect(close(plan.staffed(2), 32))
    }

    /// no-qualified-staff: nobody has rust; nobody has swift at level 5;
    /// the only sql person is on leave all week.
    @Test func noQualifiedStaff() throws {
        let plan = try PlanFixture.plan(
            staff: "alice,,,100,,swift:3,,\nbob,,,100,,sql:3,,\n", projects: "apollo,,1,,,\n",
            demand: "apollo,rust,,10,,,\napollo,swift,5,10,,,\napollo,sql,,10,,,\n",
            extra: ["leave.csv": "staff_id,start,end,hours_per_week\nbob,2027-01-04,2027-01-10,0\n"])
        let unmet = plan.conflicts(.unmetDemand)
        #expect(unmet.count == 3)
        #expect(unmet.allSatisfy { $0.cause == .noQualifiedStaff })
        #expect(unmet.contains { $0.message.contains("nobody has rust") })
        #expect(unmet.contains { $0.message.contains("nobody has swift at level 5 or more (best: alice at 3)") })
        #expect(unmet.contains { $0.message.contains("no capacity") })
        #expect(close(plan.staffed(1), 0))
    }

    /// The cost stage: with every priority held, the cheaper of two equally
    /// able people does the work: bob 40 h x 60 = 2400.
    @Test func costStagePicksTheCheaperPerson() throws {
        let plan = try PlanFixture.plan(
            staff: "alice,,,100,,swift:3,,\nbob,,,60,,swift:3,,\n", projects: "apollo,,1,,,\n",
            demand: "apollo,swift,,40,,,\n")
        #expect(close(plan.cost.total, 2400))
        #expect(close(plan.hours("bob", "apollo"), 40))
    }

    /// A dataset with no demand: an empty, optimal plan.
    @Test func noDemand() throws {
        let plan = try PlanFixture.plan(staff: "alice,,,100,,swift:3,,\n", projects: "apollo,,1,,,\n", demand: "")
        #expect(plan.status == .optimal)
        #expect(plan.assignments.isEmpty)
        #expect(plan.conflicts.isEmpty)
        #expect(plan.coverage.isEmpty)
        #expect(plan.cost.total == 0)
    }

    /// A dataset where nothing can be staffed: every hour unmet, every one explained.
    @Test func nothingCanBeStaffed() throws {
        let plan = try PlanFixture.plan(
            staff: "alice,,,100,,swift:3,,\n", projects: "apollo,,1,,,\nhermes,,2,,,\n",
            demand: "apollo,rust,,40,,,\nhermes,cobol,,,30,,\n")
        #expect(plan.status == .optimal)
        #expect(plan.assignments.isEmpty)
        #expect(close(plan.unmet(1), 40))
        #expect(close(plan.unmet(2), 30))
        #expect(plan.conflicts(.unmetDemand).count == 2)
    }

    /// Marginal value of capacity: alice's hour would staff one more hour of
    /// priority 1 (apollo is short), so her first non-zero dual is priority-1's, 1.0.
    @Test func marginalValueOfCapacity() throws {
        let plan = try PlanFixture.plan(
            staff: "alice,,,100,,swift:3,,\n", projects: "apollo,,1,,,\n",
            demand: "apollo,swift,,50,,,\n")
        let mv = plan.marginalValues.first { $0.staff.rawValue == "alice" }
        #expect(mv?.stage == "priority-1")
        #expect(close(mv?.value ?? 0, 1))
        #expect(plan.marginalValuesBySkill.first { $0.skill == "swift" }?.people == 1)
    }

    /// weighted: one solve, same answer on this unambiguous case.
    @Test func weightedObjective() throws {
        let plan = try PlanFixture.plan(
            staff: "alice,,,100,,swift:3,,\n", projects: "apollo,,1,,,\nhermes,,2,,,\n",
            demand: "apollo,swift,,40,,,\nhermes,swift,,20,,,\n",
            options: Planner.Options(solver: GLPKSolver(), objective: .weighted))
        #expect(close(plan.staffed(1), 40))
        #expect(plan.stages.map(\.name) == ["weighted", "shaping"])
        // weights: B = 1 + 2 x 1.5 x 100 = 301; priority 1 of 2 -> 3010, priority 2 -> 301.
        #expect(close(plan.weights[1] ?? 0, 3010))
        #expect(close(plan.weights[2] ?? 0, 301))
    }

    /// datasets/tiny, computed by hand in datasets/tiny/README.md:
    /// P1 66 of 66, P2 38 of 56, P3 20 of 36; cost 7200 + 1600 + 1600 = 10400.
    @Test func tinyDatasetMatchesItsHandComputation() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let dataset = try Dataset.load(from: root.appendingPathComponent("datasets/tiny").path)
        let portfolio = try dataset.validate().get()
        let plan = try Planner.plan(portfolio, options: Planner.Options(solver: GLPKSolver())).plan
        #expect(plan.coverage.map(\.demanded) == [66, 56, 36])
        #expect(close(plan.staffed(1), 66))
        #expect(close(plan.staffed(2), 38))
        #expect(close(plan.staffed(3), 20))
        #expect(close(plan.cost.total, 10400))
        let causes = Dictionary(grouping: plan.conflicts(.unmetDemand), by: { $0.project!.rawValue }).mapValues {
            Set($0.map(\.cause))
        }
        #expect(causes["hermes"] == [.capacity])
        #expect(causes["zeus"] == [.budget])
    }
}

/// `objective: weighted` refuses more priorities than its weights keep apart.
@Suite struct WeightedLimitTests {
    /// n projects with priorities 1...n, 10 h each, one 40 h person: with 8
    /// priorities weighted plans (P1..P4 staffed, 40 h); with 9 it refuses.
    static func plan(priorities n: Int) throws -> Plan {
        let projects = (1...n).map { "p\($0),,\($0),,,\n" }.joined()
        let demand = (1...n).map { "p\($0),swift,,10,,,\n" }.joined()
        return try PlanFixture.plan(
            staff: "alice,,,100,40,swift:3,,\n", projects: projects, demand: demand,
            options: Planner.Options(solver: GLPKSolver(), objective: .weighted))
    }

    @Test func eightPrioritiesPlan() throws {
        let plan = try Self.plan(priorities: 8)
        // 40 h for the 4 most important projects of 10 h each.
        #expect((1...4).allSatisfy { close(plan.staffed($0), 10) })
        #expect((5...8).allSatisfy { close(plan.staffed($0), 0) })
    }

    @Test func ninePrioritiesAreRefused() throws {
        #expect(throws: WeightedObjectiveError.self) { try Self.plan(priorities: 9) }
    }
}
