import Foundation
import GLPK
import Testing

@testable import AllotCore

/// Total-hours work stays on its window's working days.
@Suite struct WindowTests {
    /// alice works 40 h/week (8 h a day) in 2027-W01 and W02. hermes (P1)
    /// needs 40 h/week in W01 only; apollo (P1) needs 30 h in total between
    /// Monday 2027-01-04 and Tuesday 2027-01-12. W01 holds 40 h: whatever
    /// split she makes there, the W01 work of both lines adds up to 40. In
    /// W02 the window has two working days (Monday and Tuesday): at most
    /// 2 x 8 = 16 h for apollo, though she has 40 h that week. So P1 staffs
    /// 40 + 16 = 56 of 70 h, apollo has exactly 16 h in W02, and 14 h stay
    /// unmet. (With the whole of W02 open, 70 of 70 would be staffed.)
    @Test func aWindowEndingOnATuesdayCapsTheLastWeekAtItsTwoDays() throws {
        let plan = try PlanFixture.plan(
            manifest: PlanFixture.twoWeeks, staff: "alice,,,100,40,swift:3,,\n",
            projects: "apollo,,1,,,\nhermes,,1,,,\n",
            demand: "apollo,swift,,,30,2027-01-04,2027-01-12\nhermes,swift,,40,,2027-01-04,2027-01-10\n")
        #expect(close(plan.staffed(1), 56))
        let w02 = plan.assignments.filter { $0.project.rawValue == "apollo" && $0.period.name == "2027-W02" }
        #expect(close(w02.reduce(0) { $0 + $1.hours }, 16))
        #expect(close(plan.unmet(1), 14))
    }

    /// A window whose only days in a period are a weekend gives that period
    /// nothing: May 2027 begins on a Saturday, so week 2027-W17 (26 April to
    /// 2 May) holds no working day of "any time in May". bob (40 h/week) is
    /// free all month; apollo's 30 h in May land in W18 or later, never W17.
    @Test func aWeekWithOnlyWeekendDaysOfTheWindowGetsNoHours() throws {
        let plan = try PlanFixture.plan(
            manifest: "horizon: {start: 2027-04-26, end: 2027-05-16, period: week}\n",
            staff: "bob,,,100,40,swift:3,,\n", projects: "apollo,,1,,,\n",
            demand: "apollo,swift,,,30,2027-05-01,2027-05-31\n")
        #expect(close(plan.staffed(1), 30))
        #expect(plan.assignments.allSatisfy { $0.period.name != "2027-W17" })
    }

    /// The same with 10% overtime (4 h a week): allowed to priority 1, W01
    /// gives 40 + 4 = 44 h and apollo's two window days in W02 give
    /// 2 x 8 x 1.1 = 17.6 h: P1 61.6. Allowed to priority 2 only, neither
    /// line may use it: 40 + 16 = 56, as without overtime.
    @Test(arguments: [("[1]", 61.6), ("[2]", 56.0)])
    func theWindowLimitAddsOvertimeOnlyWhereThePolicyAllowsIt(priorities: String, staffed: Double) throws {
        let plan = try PlanFixture.plan(
            manifest: PlanFixture.twoWeeks
                + "policies: {overtime: {max_percent: 10, premium: 1.5, priorities: \(priorities)}}\n",
            staff: "alice,,,100,40,swift:3,,\n", projects: "apollo,,1,,,\nhermes,,1,,,\n",
            demand: "apollo,swift,,,30,2027-01-04,2027-01-12\nhermes,swift,,40,,2027-01-04,2027-01-10\n")
        #expect(close(plan.staffed(1), staffed))
    }
}

/// Locked hours beyond the demand they can serve are named in a warning.
@Suite struct LockedBeyondDemandTests {
    /// bob is locked to hermes for 16 h of swift in 2027-W01 (line 2 of
    /// commitments.csv); hermes asks 10 h of swift that week: 16 - 10 = 6 h
    /// serve nothing. He is also locked to zeus for 8 h of sql (line 3), and
    /// zeus asks no sql: all 8 h serve nothing.
    @Test func theWarningNamesTheCommitmentAndTheHours() throws {
        let plan = try PlanFixture.plan(
            staff: "bob,,,50,,swift:3;sql:3,,\n", projects: "hermes,,1,,,\nzeus,,2,,,\n",
            demand: "hermes,swift,,10,,,\n",
            extra: [
                "commitments.csv": "staff_id,project_id,skill,start,end,hours_per_week,locked\n"
                    + "bob,hermes,swift,2027-01-04,2027-01-10,16,true\nbob,zeus,sql,2027-01-04,2027-01-10,8,true\n"
            ])
        #expect(plan.warnings.count == 2)
        // Each points at its commitment's line, as validation's findings do.
        #expect(
            plan.warnings.map { "\($0.location.file):\($0.location.line): \($0.found)" } == [
                "commitments.csv:2: 6h of the locked hours of bob on hermes (swift) in 2027-W01 "
                    + "that serve no demand: hermes asks less swift then",
                "commitments.csv:3: 8h of the locked hours of bob on zeus (sql) in 2027-W01 "
                    + "that serve no demand: zeus asks less sql then",
            ])
        #expect(plan.warnings.allSatisfy { $0.severity == .warning })
        #expect(close(plan.staffed(1), 10))
    }

    /// One warning per commitment, its hours summed over the periods. bob
    /// is locked to hermes for 16 h of swift a week over four weeks
    /// (2027-W01 to W04). hermes asks 10 h in W01 and W02, 16 h in W03 and
    /// 12 h in W04: 6 + 6 + 0 + 4 = 16 h serve nothing, in three of the four
    /// weeks. Asking 10 h in W03 too gives 6 x 3 + 4 = 22 h over all four.
    @Test(arguments: [
        ("16", "16h of the locked hours of bob on hermes (swift) in 3 periods from 2027-W01 to 2027-W04"),
        ("10", "22h of the locked hours of bob on hermes (swift) from 2027-W01 to 2027-W04"),
    ])
    func aLongCommitmentIsOneWarning(thirdWeek: String, expected: String) throws {
        let plan = try PlanFixture.plan(
            manifest: "horizon: {start: 2027-01-04, end: 2027-01-31, period: week}\n",
            staff: "bob,,,50,,swift:3,,\n", projects: "hermes,,1,,,\n",
            demand: "hermes,swift,,10,,2027-01-04,2027-01-17\nhermes,swift,,\(thirdWeek),,2027-01-18,2027-01-24\n"
                + "hermes,swift,,12,,2027-01-25,2027-01-31\n",
            extra: [
                "commitments.csv": "staff_id,project_id,skill,start,end,hours_per_week,locked\n"
                    + "bob,hermes,swift,2027-01-04,2027-01-31,16,true\n"
            ])
        #expect(
            plan.warnings.map { "\($0.location.file):\($0.location.line): \($0.found)" } == [
                "commitments.csv:2: \(expected) that serve no demand: hermes asks less swift then"
            ])
    }
}

extension LockedBeyondDemandTests {
    /// A total_hours line takes its hours once, not once a week: hermes
    /// asks 10 h of swift over 2027-W01 and W02, and bob is locked to it
    /// for 8 h in each week. 8 + 8 = 16 h of locked hours against 10 h
    /// asked: 6 h serve nothing, the second week's (the first week's 8 go
    /// first). Each week's pool alone asks 10 >= 8, so nothing was warned.
    @Test func aTotalHoursLineCountsOnce() throws {
        let plan = try PlanFixture.plan(
            manifest: PlanFixture.twoWeeks,
            staff: "bob,,,50,,swift:3,,\n", projects: "hermes,,1,,,\n",
            demand: "hermes,swift,,,10,,\n",
            extra: [
                "commitments.csv": "staff_id,project_id,skill,start,end,hours_per_week,locked\n"
                    + "bob,hermes,swift,2027-01-04,2027-01-17,8,true\n"
            ])
        #expect(
            plan.warnings.map { "\($0.location.file):\($0.location.line): \($0.found)" } == [
                "commitments.csv:2: 6h of the locked hours of bob on hermes (swift) in 2027-W02 "
                    + "that serve no demand: hermes asks less swift then"
            ])
        #expect(close(plan.staffed(1), 10))
    }
}

/// A demand window of weekend days only: a warning when the dataset is read,
/// and the conflict says why (it blamed leave, holidays or employment dates).
@Suite struct WeekendWindowTests {
    /// 2027-01-09 and 10 are a Saturday and a Sunday: bob (40 h a week)
    /// cannot work the 10 h, and they stay unmet.
    @Test func aWeekendOnlyWindowIsWarnedAndExplained() throws {
        let files = [
            "allot.yaml": PlanFixture.oneWeek,
            "staff.csv": PlanFixture.staffHeader + "bob,,,50,,swift:3,,\n",
            "projects.csv": PlanFixture.projectsHeader + "apollo,,1,,,\n",
            "demand.csv": PlanFixture.demandHeader + "apollo,swift,,,10,2027-01-09,2027-01-10\n",
        ]
        let path = try PlanFixture.folder(files)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let portfolio = try Dataset.load(from: path).validate().get()
        // "apollo,swift,,,10," is 18 characters: the start is at column 19.
        #expect(portfolio.warnings.map(\.location.description) == ["demand.csv:2:19"])
        #expect(portfolio.warnings.first?.found.hasSuffix("of weekend days only") == true)
        let plan = try Planner.plan(portfolio, options: Planner.Options(solver: GLPKSolver())).plan
        #expect(close(plan.staffed(1), 0))
        #expect(plan.conflicts(.unmetDemand).first?.message.hasSuffix("(the window holds only weekend days)") == true)
    }
}

/// What the holds let a later stage give up is not a conflict.
@Suite struct HoldNoiseTests {
    /// 120 people of 168 h a week over 2027 (about 1.04 million hours) and
    /// one total of 1,000,000 h: all of it can be staffed. The cost stage
    /// may give up 1e-8 of it (0.01 h), which was reported as a priority-1
    /// conflict, "fully booked", beside spare capacity.
    @Test func holdToleranceIsNoConflict() throws {
        let staff = (0..<120).map { "s\($0),\(50 + $0),x:1,168\n" }.joined()
        let files = [
            "allot.yaml": "horizon: {start: 2027-01-04, end: 2027-12-31, period: month}\n",
            "staff.csv": "id,cost_per_hour,skills,hours_per_week\n" + staff,
            "projects.csv": "id,priority\np,1\n",
            "demand.csv": "project_id,skill,total_hours\np,x,1000000\n",
        ]
        let path = try PlanFixture.folder(files)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let portfolio = try Dataset.load(from: path).validate().get()
        let plan = try Planner.plan(portfolio, options: Planner.Options(solver: GLPKSolver())).plan
        #expect(plan.staffed(1) >= 1_000_000 - 0.02)
        #expect(plan.conflicts.isEmpty, "\(plan.conflicts.map(\.message))")
    }
}

/// A spent budget is a cause only for people whose hours cost something.
@Suite struct ZeroBudgetCauseTests {
    /// vol (unpaid, 40 h) is fully booked by first (priority 1, 40 h);
    /// second (budget 0) asks 10 h more. Its budget is "spent" (0 of 0), but
    /// vol's hours cost nothing: capacity is why, and the conflict says so.
    @Test func aZeroBudgetIsNoCauseForUnpaidHours() throws {
        let plan = try PlanFixture.plan(
            staff: "vol,,,0,,swift:3,,\n", projects: "first,,1,,,\nsecond,,2,,,0\n",
            demand: "first,swift,,40,,,\nsecond,swift,,10,,,\n")
        #expect(close(plan.staffed(1), 40))
        #expect(plan.conflicts(.unmetDemand).map(\.cause) == [.capacity])
    }
}

/// A locked commitment that cannot be kept says what took the hours.
@Suite struct LockedNotHeldTests {
    /// bob (40 h, no overtime) is locked to hermes (priority 1) for 40 h and
    /// to zeus (priority 2) for 8 h in 2027-W01: hermes's 40 h are kept
    /// first, zeus's 8 h not, and the conflict names hermes's 40 h.
    @Test func theConflictNamesTheOtherLockedHours() throws {
        let plan = try PlanFixture.plan(
            manifest: PlanFixture.oneWeek + "policies: {overtime: {max_percent: 0, premium: 1.5}}\n",
            staff: "bob,,,50,,swift:3,,\n", projects: "hermes,,1,,,\nzeus,,2,,,\n",
            demand: "hermes,swift,,40,,,\nzeus,swift,,8,,,\n",
            extra: [
                "commitments.csv": "staff_id,project_id,skill,start,end,hours_per_week,locked\n"
                    + "bob,zeus,swift,2027-01-04,2027-01-10,8,true\nbob,hermes,swift,2027-01-04,2027-01-10,40,true\n"
            ])
        let locked = plan.conflicts.filter { $0.kind == .lockedCommitment }
        #expect(locked.count == 1)
        #expect(
            locked.first?.message
                == "bob is locked to zeus for 8h in 2027-W01 but can work 40h then, of which other locked hours "
                + "take hermes (priority 1) 40h; 0h kept (commitments.csv line 2)")
    }
}
