import Foundation
import GLPK
import Testing

@testable import AllotCore

/// The policies that need integers, and stability (docs/dataset-format.md, docs/how-it-works.md). One week,
/// 5 working days; a 40 h/week person has 40 h.
@Suite struct PolicyTests {
    static func manifest(_ policies: String) -> String {
        PlanFixture.oneWeek + "policies: {\(policies)}\nsolver: {time_limit_s: 30, mip_gap: 0}\n"
    }

    /// alice (swift 3, 40 h, 100/h); apollo (P1) needs 20 h of swift, hermes
    /// (P2) 10 h. Without a limit alice does both: P2 10, cost 3000. With
    /// max_projects_per_person 1 she stays on apollo: P2 0, cost 2000, and the
    /// unmet hermes hours are a `policy` conflict (she has 20 h left).
    @Test func maxProjectsPerPersonChangesTheOptimum() throws {
        let staff = "alice,,,100,,swift:3,,\n", projects = "apollo,,1,,,\nhermes,,2,,,\n"
        let demand = "apollo,swift,,20,,,\nhermes,swift,,10,,,\n"
        let free = try PlanFixture.plan(
            manifest: Self.manifest("max_projects_per_person: 2"), staff: staff, projects: projects, demand: demand)
        #expect(close(free.staffed(2), 10))
        #expect(close(free.cost.total, 3000))
        let limited = try PlanFixture.plan(
            manifest: Self.manifest("max_projects_per_person: 1"), staff: staff, projects: projects, demand: demand)
        #expect(limited.status == .optimal)
        #expect(close(limited.staffed(1), 20))
        #expect(close(limited.staffed(2), 0))
        #expect(close(limited.cost.total, 2000))
        #expect(limited.conflicts(.unmetDemand).map(\.cause) == [.policy])
        #expect(limited.stages.filter { $0.name != "shaping" }.allSatisfy { $0.gap == 0 })
    }

    /// A project limit that cannot bind (6 projects, 3 exist) leaves the LP's optima. It did not:
    /// priority 3 took 4.2e-6 h from priority 1's hold slack, held; the cost stage's search put
    /// those hours on a binary GLPK took as 0 within its tolerance, the LP with the binaries
    /// rounded had no plan, and the stage kept its start (26,260) saying the time limit stopped it.
    /// By hand, 3 weeks of 40 h, 48 h with 20% overtime: p2 (10/h) gives j2 (P1) 144 h, 1,440 of
    /// its 13,000 budget; p0 (100/h) the 11,560 left, 115.6 h; p5 (110/h) j1 (P1) 120 h.
    /// P1 = 120 + 144 + 115.6 = 379.6; P3 = 0 (only p2 has a:3, and each hour moved costs P1 0.9 h).
    /// Cost: p2 1,440 + 24 x 0.25 x 10 = 1,500; p0 11,560 + its 4.4 h left on j1, 440; p5 the other
    /// 115.6 h of j1, 12,716: 26,216, as without the policy.
    @Test func aProjectLimitThatCannotBindKeepsTheLPsCost() throws {
        let manifest =
            "horizon: {start: 2027-05-17, end: 2027-06-06, period: week}\n"
            + "policies: {overtime: {max_percent: 20, premium: 1.25}, max_projects_per_person: 6}\n"
            + "solver: {mip_gap: 0}\n"
        let plan = try PlanFixture.plan(
            manifest: manifest, staff: "p0,,,100,,a:2;b:5,,\np2,,,10,,a:3;b:1,,\np5,,,110,,a:1,,\n",
            projects: "j1,,1,,,\nj2,,1,,,13000\nj3,,3,,,\n", demand: "j1,a,,40,,,\nj2,b,,100,,,\nj3,a,3,8,,,\n")
        #expect(plan.status == .optimal && plan.message == nil, "\(plan.message ?? "")")
        #expect(close(plan.staffed(1), 379.6) && close(plan.staffed(3), 0))
        #expect(abs(plan.cost.total - 26_216) < 0.01, "\(plan.cost.total)")
        #expect(plan.stages.allSatisfy { $0.status == "optimal" }, "\(plan.stages.map(\.status))")
    }

    /// Policies that cannot bind (3 projects, blocks of 0.01 h), 4 weeks. By hand: j5 (P2) needs
    /// sk0 at level 3, which only p2 (40/h, 16 h a week: 64 h) has. Priority 1: j3's budget of
    /// 2,556 buys at most 2,556 / 40 = 63.9 h (p2 is the cheapest), j4's 100 h (total) p0 or
    /// p1 give: 163.9 h. Priority 2: p2's 0.1 h left. Cost: p2 64 x 40 = 2,560, j4 by p0
    /// 100 x 100 = 10,000: 12,560. Priority 2 was held at 0.10000273 h (2.7e-6 h from
    /// priority 1's slack), which the cost stage could meet only with 1.1e-6 h of p0 on j3 on a
    /// binary at 0; with it at 0 or at 1 (then 0.01 h, over the budget) the LP had no plan,
    /// and the stage kept its start: 14,780, 15% above.
    @Test func holdsCarryingNoiseStillGiveTheOptimum() throws {
        let manifest =
            "horizon: {start: 2027-09-13, end: 2027-10-10, period: week}\n"
            + "policies: {max_projects_per_person: 3, min_hours_per_assignment: 0.01}\nsolver: {mip_gap: 0}\n"
        let plan = try PlanFixture.plan(
            manifest: manifest, staff: "p0,,,100,40,sk0:1,,\np1,,,137,40,sk0:1,,\np2,,,40,16,sk0:3,,\n",
            projects: "j3,,1,,,2556\nj4,,1,,,\nj5,,2,,,\n", demand: "j3,sk0,,100,,,\nj4,sk0,,,100,,\nj5,sk0,3,,40,,\n")
        #expect(plan.status == .optimal && plan.message == nil, "\(plan.message ?? "")")
        #expect(abs(plan.staffed(1) - 163.9) < 1e-4 && abs(plan.staffed(2) - 0.1) < 1e-4)
        #expect(abs(plan.cost.total - 12_560) < 0.01, "\(plan.cost.total)")
    }

    /// The cause names `min_hours_per_assignment` only for people whose hours left are fewer than
    /// the block it asks there, min(H, D). ann (40 h) with 8 h blocks: a and b (P1) take 10 h each,
    /// and c (P2) asks 4 h, a block of min(8, 4) = 4 h within her 20 h left, so only the limit of 2
    /// projects keeps her off (the cause named both). With a (P1) at 37 h, she has 3 h left for c's
    /// 10 h, whose block is min(8, 10) = 8 h: that policy is why.
    @Test func theBlockIsNamedOnlyWhereItDoesNotFit() throws {
        let manifest = Self.manifest("max_projects_per_person: 2, min_hours_per_assignment: 8")
        let two = try PlanFixture.plan(
            manifest: manifest, staff: "ann,,,100,40,dev:3,,\n", projects: "a,,1,,,\nb,,1,,,\nc,,2,,,\n",
            demand: "a,dev,,10,,,\nb,dev,,10,,,\nc,dev,,4,,,\n")
        #expect(close(two.staffed(1), 20) && close(two.staffed(2), 0))
        let limit = try #require(two.conflicts(.unmetDemand).first)
        #expect(limit.cause == .policy)
        #expect(
            limit.message.contains("policies.max_projects_per_person is 2 and the qualified ann (on a, b) is at it"))
        #expect(!limit.message.contains("min_hours_per_assignment"), "\(limit.message)")
        let block = try PlanFixture.plan(
            manifest: Self.manifest("min_hours_per_assignment: 8"), staff: "ann,,,100,40,dev:3,,\n",
            projects: "a,,1,,,\nc,,2,,,\n", demand: "a,dev,,37,,,\nc,dev,,10,,,\n")
        #expect(close(block.staffed(1), 37) && close(block.staffed(2), 0))
        let fewer = try #require(block.conflicts(.unmetDemand).first)
        #expect(fewer.cause == .policy)
        #expect(
            fewer.message.contains(
                "policies.min_hours_per_assignment asks at least 8h (or the whole demand, when smaller) whenever a "
                    + "person works on a project in a period (ann has hours left, but fewer than that)"),
            "\(fewer.message)")
    }

    /// ann and bob (80 h each) give app's 168 h of go 160 h: both are full, and a limit of 5
    /// projects with one project cannot be why the 8 h are unmet. The cost stage may give up
    /// 1e-8 of the 160 h (1.6e-6 h), which read as bob's hours left, so the cause was `policy`.
    @Test func peopleFullUpToTheHoldToleranceAreBooked() throws {
        let plan = try PlanFixture.plan(
            manifest: Self.manifest("max_projects_per_person: 5"),
            staff: "ann,,,100,80,go:3,,\nbob,,,100,80,go:3,,\n", projects: "app,,1,,,\n", demand: "app,go,,168,,,\n")
        #expect(close(plan.staffed(1), 160))
        let conflicts = plan.conflicts(.unmetDemand)
        #expect(conflicts.map(\.cause) == [.capacity])
        #expect(
            conflicts.first?.message.contains("the qualified ann, bob are fully booked by app (priority 1) 160h")
                == true)
    }

    /// datasets/tiny with one project per person and 1 h blocks ended with
    /// exit 70: an LP with the binaries fixed left 8.8e-7 h on alice's
    /// hermes hours (binary 0), priority 2 was held at 20.00000088 h, and
    /// priority 3's search found no plan above it. By hand: alice alone has
    /// swift 3+, so she stays on apollo (P1): 24 h in 2027-W01 (Epiphany,
    /// 6 January, is a holiday: 30 x 4/5) and 30 h in W02. apollo's qa (12 h) takes bob
    /// or carol; hermes's sql (20 h, priority 2) takes carol, the only other
    /// sql, so bob does apollo's qa and zeus (P3) has nobody left. P1 = 54 +
    /// 12 = 66, P2 = 20, P3 = 0; cost 54 x 100 + 12 x 50 + 20 x 80 = 7,600.
    @Test func oneProjectPerPersonWithBlocksOnTiny() throws {
        let tiny = packageRoot.appendingPathComponent("datasets/tiny").path
        var files: [String: String] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: tiny) {
            files[name] = try String(contentsOfFile: tiny + "/" + name, encoding: .utf8)
        }
        files["allot.yaml"] = files["allot.yaml"]!
            .replacingOccurrences(of: "max_projects_per_person: null", with: "max_projects_per_person: 1")
            .replacingOccurrences(of: "min_hours_per_assignment: null", with: "min_hours_per_assignment: 1")
        let path = try PlanFixture.folder(files)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let portfolio = try Dataset.load(from: path).validate().get()
        let plan = try Planner.plan(portfolio, options: Planner.Options(solver: GLPKSolver())).plan
        #expect(plan.status == .optimal, "\(plan.message ?? "")")
        #expect(close(plan.staffed(1), 66))
        #expect(close(plan.staffed(2), 20))
        #expect(close(plan.staffed(3), 0))
        #expect(abs(plan.cost.total - 7_600) < 0.01)
        // Every MIP stage closes its gap (to 0.000%): the terminal shows no
        // Gap line (it showed "Gap 0%").
        let text = plan.summaryText(style: Plan.Style(color: false), filesIn: nil)
        #expect(!text.contains("Gap"), "\(text)")
    }

    /// Locked hours put a person on a project: bob is locked to hermes (P2,
    /// 8 h); with max 1 project he cannot also take apollo (P1, 30 h), so
    /// apollo gets nothing from him: P1 0 of 30 although bob has 32 h left.
    @Test func lockedHoursCountAsAProject() throws {
        let plan = try PlanFixture.plan(
            manifest: Self.manifest("max_projects_per_person: 1"), staff: "bob,,,50,,swift:3,,\n",
            projects: "apollo,,1,,,\nhermes,,2,,,\n", demand: "apollo,swift,,30,,,\n",
            extra: [
                "commitments.csv":
                    "staff_id,project_id,skill,start,end,hours_per_week,locked\nbob,hermes,swift,2027-01-04,2027-01-10,8,true\n"
            ])
        #expect(close(plan.staffed(1), 0))
        #expect(close(plan.hours("bob", "hermes"), 8))
    }

    /// min_hours_per_assignment 8: hermes (P2) asks 6 h, so its block is
    /// min(8, 6) = 6 h; alice has 40 - 36 = 4 h left after apollo (P1, 36 h),
    /// less than the block -> P2 0, and the cause is the policy (she has hours
    /// left). With a minimum of 3 the block is 3 h and she gives her 4 h:
    /// P2 4, cost (36 + 4) x 100 = 4000.
    @Test func minimumHoursPerAssignment() throws {
        let staff = "alice,,,100,,swift:3,,\n", projects = "apollo,,1,,,\nhermes,,2,,,\n"
        let demand = "apollo,swift,,36,,,\nhermes,swift,,6,,,\n"
        let strict = try PlanFixture.plan(
            manifest: Self.manifest("min_hours_per_assignment: 8"), staff: staff,
            projects: projects, demand: demand)
        #expect(close(strict.staffed(1), 36))
        #expect(close(strict.staffed(2), 0))
        #expect(strict.conflicts(.unmetDemand).first?.cause == .policy)
        let loose = try PlanFixture.plan(
            manifest: Self.manifest("min_hours_per_assignment: 3"), staff: staff,
            projects: projects, demand: demand)
        #expect(close(loose.staffed(2), 4))
        #expect(close(loose.cost.total, 4000))
    }

    /// min hours shape the split: 12 h of qa; bob (50/h) has 10 h (part
    /// time), carol (80/h) 40 h; at least 8 h per assignment. Each person
    /// works 0 or >= 8 h. Both >= 8 would be >= 16 > 12 asked; bob alone
    /// staffs at most 10; so the 12 h (the priority-1 maximum) need carol
    /// alone: 12 x 80 = 960. Without the rule: bob 10 + carol 2 = 500 + 160 = 660.
    @Test func minimumHoursShapeTheSplit() throws {
        let plan = try PlanFixture.plan(
            manifest: Self.manifest("min_hours_per_assignment: 8"),
            staff: "bob,,,50,10,qa:3,,\ncarol,,,80,,qa:3,,\n", projects: "apollo,,1,,,\n",
            demand: "apollo,qa,,12,,,\n")
        #expect(close(plan.staffed(1), 12))
        #expect(close(plan.hours("carol", "apollo"), 12))
        #expect(close(plan.hours("bob", "apollo"), 0))
        #expect(close(plan.cost.total, 960))
        let without = try PlanFixture.plan(
            manifest: Self.manifest("stability: 0"),
            staff: "bob,,,50,10,qa:3,,\ncarol,,,80,,qa:3,,\n", projects: "apollo,,1,,,\n",
            demand: "apollo,qa,,12,,,\n")
        #expect(close(without.cost.total, 660))
    }

    static let commitment = "staff_id,project_id,skill,start,end,hours_per_week,locked\n"

    /// With no unlocked commitment at all, every planned hour differs from
    /// them (SPEC: "the hours by which the plan differs from the unlocked
    /// commitments"): alice (100/h) works apollo's 40 h, stability 10, so
    /// 40 h moved, a penalty of 10 x 40 = 400 and a cost of 4,000 + 400 =
    /// 4,400. The penalty used to be dropped when no commitment was there.
    @Test func stabilityWithoutCommitmentsCountsEveryHour() throws {
        let plan = try PlanFixture.plan(
            manifest: Self.manifest("stability: 10"), staff: "alice,,,100,,swift:3,,\n",
            projects: "apollo,,1,,,\n", demand: "apollo,swift,,40,,,\n")
        #expect(close(plan.hours("alice", "apollo"), 40))
        #expect(close(plan.hoursMovedFromCommitments ?? -1, 40))
        #expect(close(plan.cost.stabilityPenalty, 400))
        #expect(close(plan.cost.total, 4400))
    }

    /// Stability keeps an equal-cost plan identical to the baseline: alice
    /// and bob cost the same; bob is (unlocked) committed to apollo's 40 h.
    /// With stability the plan is bob's 40 h, 0 hours moved, no penalty.
    @Test func stabilityKeepsAnEqualCostPlanOnItsBaseline() throws {
        let plan = try PlanFixture.plan(
            manifest: Self.manifest("stability: 1"),
            staff: "alice,,,100,,swift:3,,\nbob,,,100,,swift:3,,\n", projects: "apollo,,1,,,\n",
            demand: "apollo,swift,,40,,,\n",
            extra: ["commitments.csv": Self.commitment + "bob,apollo,swift,2027-01-04,2027-01-10,40,false\n"])
        #expect(close(plan.hours("bob", "apollo"), 40))
        #expect(close(plan.hours("alice", "apollo"), 0))
        #expect(close(plan.hoursMovedFromCommitments ?? -1, 0))
        #expect(close(plan.cost.stabilityPenalty, 0))
        #expect(close(plan.cost.total, 4000))
    }

    /// Stability against savings: alice (100/h) is committed to apollo's
    /// 40 h; bob costs 60. Moving the work to bob saves 40 x 40 = 1600 and
    /// moves 40 + 40 = 80 hours (alice -40, bob +40).
    /// stability 10: 2400 + 80 x 10 = 3200 < 4000 -> bob works, cost 3200.
    /// stability 30: 2400 + 80 x 30 = 4800 > 4000 -> alice stays, cost 4000.
    @Test func stabilityTradesAgainstCost() throws {
        func plan(_ weight: Int) throws -> Plan {
            try PlanFixture.plan(
                manifest: Self.manifest("stability: \(weight)"),
                staff: "alice,,,100,,swift:3,,\nbob,,,60,,swift:3,,\n", projects: "apollo,,1,,,\n",
                demand: "apollo,swift,,40,,,\n",
                extra: ["commitments.csv": Self.commitment + "alice,apollo,swift,2027-01-04,2027-01-10,40,false\n"])
        }
        let cheap = try plan(10)
        #expect(close(cheap.hours("bob", "apollo"), 40))
        #expect(close(cheap.hoursMovedFromCommitments ?? -1, 80))
        #expect(close(cheap.cost.stabilityPenalty, 800))
        #expect(close(cheap.cost.total, 3200))
        let sticky = try plan(30)
        #expect(close(sticky.hours("alice", "apollo"), 40))
        #expect(close(sticky.cost.total, 4000))
    }

    /// A time-limited MIP returns a plan for every stage, never above an
    /// optimum: datasets/policies without cuts (bench/mip-settings.md: over
    /// 60 s to prove, against 0.3 s with cuts) with a 20 s limit. Priorities
    /// 1 and 2 prove optimal within a second (806 and 654, as glpsol with
    /// cuts: models/solve-stages.sh gives STAFFED 806, 654, 539; COST
    /// 191,448.995). Priority 3 and the cost stage start from plans built
    /// from their LP relaxations; whether the search proves them within
    /// their share depends on the search tree, so either they are optimal
    /// or the plan is feasible with its proven gap and the time limit named.
    @Test func timeLimitedMIPReturnsAPlanForEveryStage() throws {
        let dataset = try Dataset.load(from: packageRoot.appendingPathComponent("datasets/policies").path)
        let portfolio = try dataset.validate().get()
        var noCuts = MIPSettings()
        noCuts.cuts = false
        let plan = try Planner.plan(
            portfolio, options: Planner.Options(solver: GLPKSolver(), timeLimit: 20, mip: noCuts)
        ).plan
        #expect(close(plan.staffed(1), 806))
        #expect(close(plan.staffed(2), 654))
        #expect(plan.staffed(3) > 0)
        #expect(plan.staffed(3) <= 539 + 1e-6)
        if plan.status == .optimal {
            #expect(close(plan.staffed(3), 539))
            #expect(abs(plan.cost.total - 191_448.995) < 0.01)
        } else {
            #expect(plan.status == .feasible)
            #expect((plan.gap ?? 0) > 0)
            #expect(plan.message?.contains("the time limit of 20 s stopped") == true)
        }
        #expect(plan.solveSeconds < 30)
    }

    /// A MIP stage's bound is the tighter of branch and bound's and its
    /// start's LP relaxation (every binary the stage can set relaxed,
    /// StageRun.mipStart), so that a stage stopped before its search has a
    /// bound still reports a gap. A relaxation is a bound only if it never
    /// cuts off a plan: on the random portfolios with integer policies, each
    /// stage's end bound is never worse than the plan the stage holds
    /// (priority stages maximise, the cost stage minimises).
    @Test func mipStageBoundsNeverCutOffThePlan() throws {
        final class Ends: @unchecked Sendable {
            let lock = NSLock()
            var events: [StagedSolver.ProgressEvent] = []
            func add(_ e: StagedSolver.ProgressEvent) {
                lock.lock()
                defer { lock.unlock() }
                if e.kind == .end { events.append(e) }
            }
        }
        var checked = 0
        for seed in RandomPortfolioTests.seeds {
            let path = try PlanFixture.folder(RandomPortfolioTests.files(seed: seed))
            defer { try? FileManager.default.removeItem(atPath: path) }
            guard case .success(let portfolio) = try Dataset.load(from: path).validate(),
                portfolio.settings.maxProjectsPerPerson != nil || portfolio.settings.minHoursPerAssignment != nil
            else { continue }
            let ends = Ends()
            let run = try Planner.plan(
                portfolio, options: Planner.Options(solver: GLPKSolver(), progress: { ends.add($0) }))
            guard run.formulation.isMixedInteger else { continue }
            for e in ends.events {
                guard let z = e.incumbent, let bound = e.bound else { continue }
                let slack = 1e-6 * max(1, abs(z))
                let holds = e.stage == "cost" ? bound <= z + slack : bound >= z - slack
                #expect(holds, "seed \(seed) stage \(e.stage): plan \(z), bound \(bound)")
                checked += 1
            }
        }
        // 229 stage ends had a plan and a bound when this was written.
        #expect(checked >= 150, "only \(checked) stages checked")
    }

    /// Duals of a MIP plan come from the LP with its integers fixed: alice is
    /// the only swift person and apollo is short, so one more hour of hers
    /// would staff one more priority-1 hour (value 1), as in the LP case.
    @Test func mipPlansStillReportMarginalValues() throws {
        let plan = try PlanFixture.plan(
            manifest: Self.manifest("max_projects_per_person: 1"), staff: "alice,,,100,,swift:3,,\n",
            projects: "apollo,,1,,,\n", demand: "apollo,swift,,50,,,\n")
        let mv = plan.marginalValues.first { $0.staff.rawValue == "alice" }
        #expect(mv?.stage == "priority-1")
        #expect(close(mv?.value ?? 0, 1))
    }
}

/// Marginal values of a MIP plan come from its LP with the integers fixed,
/// re-solved stage by stage with each stage's own objective.
@Suite struct MIPDualTests {
    /// alice (swift 3, 40 h, 100/h) serves apollo (P1, 20 h) and hermes (P2,
    /// 30 h); min_hours_per_assignment 1 makes the model a MIP. The plan:
    /// P1 20, P2 20 (40 - 20), so both works[...] binaries are 1.
    /// With them fixed, the P1 stage maximises apollo's hours alone: 20, its
    /// demand; one more hour of alice staffs no more P1 (her capacity dual is
    /// 0 at either vertex: hermes's column is basic with cost 0, or sits at
    /// its minimum of 1 h with capacity slack). The P2 stage, with P1 held at
    /// 20, maximises hermes's hours: 40 - 20 = 20, capacity binding, and one
    /// more hour of alice gives one more P2 hour: dual 1. So her marginal
    /// value is 1.0 in stage priority-2. (Solving the P1 stage with the cost
    /// stage's coefficients still on hermes's column, 100 per hour, would
    /// move her hours to hermes and report 100 in priority-1.)
    @Test func stageDualsUseOnlyThatStagesObjective() throws {
        let plan = try PlanFixture.plan(
            manifest: PolicyTests.manifest("min_hours_per_assignment: 1"), staff: "alice,,,100,,swift:3,,\n",
            projects: "apollo,,1,,,\nhermes,,2,,,\n", demand: "apollo,swift,,20,,,\nhermes,swift,,30,,,\n")
        #expect(close(plan.staffed(1), 20))
        #expect(close(plan.staffed(2), 20))
        let alice = plan.marginalValues.filter { $0.staff.rawValue == "alice" }
        #expect(alice.count == 1)
        #expect(alice.first?.stage == "priority-2")
        #expect(alice.first.map { close($0.value, 1) } == true)
    }
}

/// min_hours_per_assignment H asks min(H, D), D being the demand a person
/// may serve on that project in that period.
@Suite struct MinimumBlockTests {
    /// apollo (P1) needs 4.8 h of swift in the week (hours_per_week 4.8 over
    /// 5 working days); H = 8. Asking 8 h would keep everyone off it (no
    /// cell asks 8 h, so works = 1 is infeasible) and leave 4.8 h unmet.
    /// With min(8, 4.8) = 4.8, alice does all of it in one piece: P1 4.8 of
    /// 4.8, cost 4.8 x 100 = 480.
    @Test func aDemandSmallerThanTheBlockIsStaffedInOnePiece() throws {
        let plan = try PlanFixture.plan(
            manifest: PolicyTests.manifest("min_hours_per_assignment: 8"), staff: "alice,,,100,,swift:3,,\n",
            projects: "apollo,,1,,,\n", demand: "apollo,swift,,4.8,,,\n")
        #expect(close(plan.staffed(1), 4.8))
        #expect(close(plan.cost.total, 480))
        #expect(plan.assignments.count == 1)
    }

    /// Two people, apollo needs 12 h; H = 8: a single 12 h block (D = 12 > 8,
    /// so the block stays 8) by one person, or two blocks of at least 8 h,
    /// which 12 h cannot fill (8 + 8 > 12). So exactly one person works on
    /// it: 12 h, never split 6 + 6.
    @Test func aLargerDemandKeepsTheFullBlock() throws {
        let plan = try PlanFixture.plan(
            manifest: PolicyTests.manifest("min_hours_per_assignment: 8"),
            staff: "alice,,,100,,swift:3,,\nbob,,,100,,swift:3,,\n",
            projects: "apollo,,1,,,\n", demand: "apollo,swift,,12,,,\n")
        #expect(close(plan.staffed(1), 12))
        #expect(plan.assignments.count == 1)
    }
}

/// policies.overtime.priorities: hours above capacity serve the listed priorities only.
@Suite struct OvertimePriorityTests {
    static func manifest(_ priorities: String) -> String {
        PlanFixture.oneWeek + "policies: {overtime: {max_percent: 20, premium: 1.5\(priorities)}}\n"
    }

    /// alice: 40 h, 20% overtime (8 h) at 1.5 x 100. apollo (P1) needs 4 h,
    /// hermes (P2) 50 h. Any priority may use overtime: P1 4, P2 48 - 4 = 44,
    /// cost 48 x 100 + 8 x 50 = 5,200. With priorities [1], P2's hours stay
    /// within her 40 h of capacity: P2 40, 4 h of overtime serve apollo, cost
    /// 44 x 100 + 4 x 50 = 4,600.
    @Test func overtimeKeptToPriorityOne() throws {
        let staff = "alice,,,100,,swift:3,,\n", projects = "apollo,,1,,,\nhermes,,2,,,\n"
        let demand = "apollo,swift,,4,,,\nhermes,swift,,50,,,\n"
        let open = try PlanFixture.plan(manifest: Self.manifest(""), staff: staff, projects: projects, demand: demand)
        #expect(close(open.staffed(1), 4))
        #expect(close(open.staffed(2), 44))
        #expect(close(open.cost.total, 5200))
        let kept = try PlanFixture.plan(
            manifest: Self.manifest(", priorities: [1]"), staff: staff, projects: projects,
            demand: demand)
        #expect(close(kept.staffed(1), 4))
        #expect(close(kept.staffed(2), 40))
        #expect(close(kept.cost.total, 4600))
    }
}

/// A stage the time limit stopped explains nothing.
@Suite struct UnfinishedStageTests {
    /// tiny with a limit that runs out before the first stage: nothing is
    /// staffed, and no unmet hour claims a cause (no one is "fully booked");
    /// each says which stage the limit ran out before (none was started: it
    /// said "stopped stage" of stages that never ran).
    @Test func noCauseFromAStageWithoutAPlan() throws {
        let dataset = try Dataset.load(from: packageRoot.appendingPathComponent("datasets/tiny").path)
        let portfolio = try dataset.validate().get()
        let plan = try Planner.plan(portfolio, options: Planner.Options(solver: GLPKSolver(), timeLimit: 1e-9)).plan
        #expect(plan.status == .feasible)
        // 66 + 56 + 36 = 158 h demanded, none staffed.
        #expect(close(plan.coverage.reduce(0) { $0 + $1.unmet }, 158))
        let unmet = plan.conflicts(.unmetDemand)
        #expect(!unmet.isEmpty && unmet.allSatisfy { $0.cause == nil })
        #expect(
            unmet.allSatisfy {
                $0.message.contains("not explained: the time limit ran out before stage priority-")
                    && $0.message.hasSuffix(" was solved")
            })
    }

    /// Without any stage's plan the locked hours still serve the demand
    /// they meet (they counted as 0 h staffed, and the whole demand as
    /// unmet, while assignments.csv showed them). bob is locked to hermes
    /// for 16 h of swift a week in 2027-W01 and W02. hermes asks 20 h of
    /// swift over both weeks (total_hours): W01's 16 h serve 16 of them,
    /// W02's 16 h the 4 left, and 12 h serve nothing. zeus asks 8 h of sql a
    /// week, which only the solver could staff: 16 h unmet.
    @Test func lockedHoursServeDemandWhenNoStageFoundAPlan() throws {
        let plan = try PlanFixture.plan(
            manifest: PlanFixture.twoWeeks,
            staff: "bob,,,50,,swift:3;sql:3,,\n", projects: "hermes,,1,,,\nzeus,,2,,,\n",
            demand: "hermes,swift,,,20,,\nzeus,sql,,8,,,\n",
            extra: [
                "commitments.csv": "staff_id,project_id,skill,start,end,hours_per_week,locked\n"
                    + "bob,hermes,swift,2027-01-04,2027-01-17,16,true\n"
            ],
            options: Planner.Options(solver: GLPKSolver(), timeLimit: 1e-9))
        #expect(plan.status == .feasible)
        #expect(plan.message?.contains("time limit") == true)
        #expect(close(plan.staffed(1), 20))
        #expect(close(plan.staffed(2), 0))
        #expect(close(plan.coverage.reduce(0) { $0 + $1.unmet }, 16))
        // 2 x 16 = 32 h planned, all locked.
        #expect(close(plan.assignments.reduce(0) { $0 + $1.hours }, 32))
    }
}

/// The relative gap a MIP stage reports, |plan - bound| / |plan|.
@Suite struct RelativeGapTests {
    @Test func aPlanOfNoHoursHasNoGap() {
        // acme with 3 projects and 4 h blocks, under load: priority 4 kept
        // 0 h against a bound of 4,816 h and printed 481,600,000,000,000%.
        #expect(SolveResult.relativeGap(0, bound: 4816) == nil)
        // Nothing staffed against a bound of nothing: solved.
        #expect(SolveResult.relativeGap(0, bound: 0) == 0)
        // (3,465.9 - 1,824.8) / 1,824.8 = 1,641.1 / 1,824.8 = 0.899332...
        #expect(abs(SolveResult.relativeGap(1824.8, bound: 3465.9)! - 1641.1 / 1824.8) < 1e-12)
        // A cost stage: (4,013,267 - 2,972,599) / 4,013,267 = 0.259310...
        #expect(abs(SolveResult.relativeGap(4_013_267, bound: 2_972_599)! - 1_040_668.0 / 4_013_267) < 1e-12)
    }
}
