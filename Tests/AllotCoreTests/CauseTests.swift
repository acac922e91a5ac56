import Foundation
import GLPK
import Testing

@testable import AllotCore

/// Why a cell is unmet is read as its own priority's stage saw it
/// (docs/outputs.md, "unmet-demand"): lower priorities came later, and a
/// total_hours window's working days bound a person's hours in it.
@Suite struct CauseTests {
    /// 2027-W09: Monday 2027-03-01 to Sunday 03-07.
    static let week09 = "horizon: {start: 2027-03-01, end: 2027-03-07, period: week}\n"

    /// 2027-03-01 is a Monday: a window of 2027-03-01..02 holds 2 working
    /// days, 2 x 8 = 16 h of alice's 40. apollo (P1) asks 100 h in it: 84 h
    /// unmet. hermes (P2) asks 40 h a week of sql, and alice gives it her
    /// other 24 h: 16 h unmet. apollo's cause is the window (alice still had
    /// 24 h, and hermes came after), not "fully booked by hermes"; hermes's
    /// is alice's time, held by apollo 16 h and hermes itself 24 h.
    @Test func aWindowsWorkingDaysAreTheLimitNotLaterWork() throws {
        let plan = try PlanFixture.plan(
            manifest: Self.week09,
            staff: "alice,,,10,,swift:3;sql:3,,\n", projects: "apollo,,1,,,\nhermes,,2,,,\n",
            demand: "apollo,swift,,,100,2027-03-01,2027-03-02\nhermes,sql,,40,,,\n")
        #expect(close(plan.staffed(1), 16))
        #expect(close(plan.staffed(2), 24))
        let unmet = plan.conflicts(.unmetDemand)
        let apollo = unmet.first { $0.project?.rawValue == "apollo" }
        #expect(close(apollo?.hours ?? 0, 84))
        #expect(apollo?.cause == .capacity)
        #expect(apollo?.heldBy.isEmpty == true)
        #expect(
            apollo?.message
                == "apollo (priority 1) needs 84h more of swift between 2027-03-01 and 2027-03-02: the qualified alice"
                + " already gives it all the hours they can work on the window's working days")
        let hermes = unmet.first { $0.project?.rawValue == "hermes" }
        #expect(hermes?.cause == .capacity)
        #expect(hermes?.heldBy.map { $0.project.rawValue } == ["apollo", "hermes"])
        #expect(zip(hermes?.heldBy ?? [], [16.0, 24]).allSatisfy { close($0.hours, $1) } && hermes?.heldBy.count == 2)
    }

    /// alice (40 h a week) alone; apollo (P1) asks 40 h of sql a week in W02
    /// and W03, hermes (P2) 100 h between Wednesday 2027-01-06 and Friday
    /// 01-22. In W01 the window holds 3 days: alice gives hermes her 24 h
    /// there and still has 16 h, which the window's days cannot take; in W02
    /// and W03 apollo books her 80 h. 100 - 24 = 76 h unmet: apollo holds
    /// her, and the window stops her where she has time left; both are said.
    @Test func aPersonBookedInSomeWeeksAndStoppedByTheWindowInOthers() throws {
        let plan = try PlanFixture.plan(
            manifest: "horizon: {start: 2027-01-04, end: 2027-01-24, period: week}\n",
            staff: "alice,,,100,,sql:3,,\n", projects: "apollo,,1,,,\nhermes,,2,,,\n",
            demand: "apollo,sql,,40,,2027-01-11,2027-01-24\nhermes,sql,,,100,2027-01-06,2027-01-22\n")
        #expect(close(plan.staffed(1), 80))
        #expect(close(plan.staffed(2), 24))
        let hermes = plan.conflicts(.unmetDemand).first { $0.project?.rawValue == "hermes" }
        #expect(hermes?.cause == .capacity)
        #expect(hermes?.heldBy.first?.project.rawValue == "apollo")
        #expect(close(hermes?.heldBy.first?.hours ?? 0, 80))
        #expect(
            hermes?.message.hasSuffix(
                "the qualified alice is fully booked by apollo (priority 1) 80h, hermes (priority 2) 24h;"
                    + " alice already gives it all the hours they can work on the window's working days"
                    + " where they have time left") == true, "\(hermes?.message ?? "")")
    }

    /// A budget of 0.01 EUR at 1,000,000 EUR an hour buys 1e-8 h, less than
    /// a reportable 0.005 h: it is spent, and hermes's 10 h are unmet for
    /// the budget, although alice has 50% overtime left after apollo's 40 h
    /// (the cause said capacity, and the budget "not exhausted").
    @Test func aBudgetThatBuysNoReportableHourIsSpent() throws {
        let plan = try PlanFixture.plan(
            manifest: PlanFixture.oneWeek + "policies: {overtime: {max_percent: 50}}\n",
            staff: "alice,,,1000000,40,swift:4,,\n", projects: "apollo,,1,,,\nhermes,,2,,,0.01\n",
            demand: "apollo,swift,,40,,,\nhermes,swift,,10,,,\n")
        #expect(close(plan.staffed(1), 40))
        #expect(plan.staffed(2) < 0.005)
        let hermes = plan.conflicts(.unmetDemand).first { $0.project?.rawValue == "hermes" }
        #expect(hermes?.cause == .budget)
        #expect(hermes?.message.hasSuffix("the budget of 0.01 EUR is spent") == true, "\(hermes?.message ?? "")")
        #expect(plan.budgets.first { $0.project.rawValue == "hermes" }?.exhausted == true)
    }

    /// With min_hours_per_assignment on, the same window is still the cause:
    /// alice works 16 h >= 4 on apollo, so the policy keeps her off nothing
    /// (without the policy the plan is the same 16 h).
    @Test func aWindowIsNoPolicy() throws {
        let plan = try PlanFixture.plan(
            manifest: Self.week09 + "policies: {min_hours_per_assignment: 4}\n",
            staff: "alice,,,10,,swift:3,,\n", projects: "apollo,,1,,,\n",
            demand: "apollo,swift,,,100,2027-03-01,2027-03-02\n")
        #expect(close(plan.staffed(1), 16))
        #expect(plan.conflicts(.unmetDemand).first?.cause == .capacity)
    }

    /// max_projects_per_person 1; alice (40 h) is locked to hermes (P2) and
    /// zeus (P3) for 5 h each, so she is on two projects; apollo, hermes and
    /// zeus (P1-P3) ask 30 h each. apollo gets nothing: when its stage ran
    /// alice had 30 h left, and the limit kept her off it (`policy`), not
    /// hermes's and zeus's hours, which came later. hermes gets 30 h (5
    /// locked + 25), zeus 10 (5 locked + her last 5): 20 h unmet, alice
    /// being booked by hermes 30 h and zeus 10 h.
    @Test func theProjectLimitNotLaterWork() throws {
        let plan = try PlanFixture.plan(
            manifest: PolicyTests.manifest("max_projects_per_person: 1"),
            staff: "alice,,,10,,swift:3,,\n", projects: "apollo,,1,,,\nhermes,,2,,,\nzeus,,3,,,\n",
            demand: "apollo,swift,,30,,,\nhermes,swift,,30,,,\nzeus,swift,,30,,,\n",
            extra: [
                "commitments.csv": LockedDemandTests.commitments
                    + "alice,hermes,swift,2027-01-04,2027-01-10,5,true\nalice,zeus,swift,2027-01-04,2027-01-10,5,true\n"
            ])
        #expect(close(plan.staffed(1), 0))
        #expect(close(plan.staffed(2), 30))
        #expect(close(plan.staffed(3), 10))
        let apollo = plan.conflicts(.unmetDemand).first { $0.project?.rawValue == "apollo" }
        #expect(apollo?.cause == .policy)
        #expect(apollo?.message.contains("the qualified alice (on hermes, zeus) is at it") == true)
        let zeus = plan.conflicts(.unmetDemand).first { $0.project?.rawValue == "zeus" }
        #expect(zeus?.cause == .capacity)
        #expect(zip(zeus?.heldBy ?? [], [30.0, 10]).allSatisfy { close($0.hours, $1) } && zeus?.heldBy.count == 2)
    }
}
