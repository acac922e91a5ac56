import Foundation
import GLPK
import LinearModel
import Testing

@testable import AllotCore

/// What a stage that a time limit stops reports: its cost counts only the
/// overtime the hours need (`Formulation.tightened`), and it has a gap even
/// when no LP or search gave it a bound (`Stage.knownBound`).
@Suite struct StoppedStageTests {
    /// One week (5 days), overtime up to 25% at premium 1.5. alice, 40 h,
    /// 100 EUR/h, paid per hour; bob, 20 h, 50 EUR/h, paid for capacity.
    /// apollo (priority 1) asks 50 h of swift; hermes (priority 2) asks 20 h
    /// of cobol, which nobody has, so it has no columns.
    static let files = [
        "allot.yaml": manifest(
            "2027-01-04", "2027-01-10", extra: "policies: {overtime: {max_percent: 25, premium: 1.5}}\n"),
        "staff.csv": "id,cost_per_hour,hours_per_week,skills,paid\n"
            + "alice,100,40,swift:3,hours\nbob,50,20,swift:3,capacity\n",
        "projects.csv": "id,priority\napollo,1\nhermes,2\n",
        "demand.csv": "project_id,skill,hours_per_week\napollo,swift,50\nhermes,cobol,20\n",
    ]

    /// alice works 44 h: 4 h above her 40. A priority stage may leave her
    /// overtime column at its upper bound, 25% of 40 = 10 h; tightened, it
    /// is 44 - 40 = 4 h. Cost stage without its constant: 44 h x 100 = 4,400
    /// plus overtime at (1.5 - 1) x 100 = 50 EUR/h: 10 h -> 4,900, 4 h ->
    /// 4,600. bob (paid for capacity) is a constant, 20 x 50 = 1,000; his
    /// 6 h carry no cost, and his overtime (none: 6 < 20) stays 0.
    @Test func overtimeNobodyWorksIsNotCounted() throws {
        try withDataset(Self.files) { d in
            let i = try d.instance()
            let f = Formulation(i)
            let alice = i.staffIndex[Staff.ID("alice")]!, bob = i.staffIndex[Staff.ID("bob")]!
            var x = [Double](repeating: 0, count: f.model.columns.count)
            for j in f.hours.ofPersonPeriod[alice][0] { x[j] = 44 }
            for j in f.hours.ofPersonPeriod[bob][0] { x[j] = 6 }
            let overtime = Dictionary(uniqueKeysWithValues: f.capacity.overtime.map { ($0.staff, $0.column) })
            x[overtime[alice]!] = 10
            x[overtime[bob]!] = 5
            let cost = f.stages.last!
            #expect(cost.kind == .cost)
            #expect(cost.constant == 1_000)
            #expect(cost.value(at: x) == 4_400 + 10 * 50 + 5 * 75)
            let y = f.tightened(x)
            #expect(y[overtime[alice]!] == 4)
            #expect(y[overtime[bob]!] == 0)
            #expect(cost.value(at: y) == 4_600)
        }
    }

    /// A MIP stage's start from the plan before (`StageRun.integral`, what a
    /// cost stage keeps when its LP ran out of time) has the overtime at its
    /// least: with max_projects_per_person 1 the same plan, alice 44 h with
    /// 10 h of overtime, reads 4,600 in the cost stage, not 4,900.
    @Test func aMIPStartCountsOnlyTheOvertimeItsHoursNeed() throws {
        var files = Self.files
        files["allot.yaml"]! += "policies: {max_projects_per_person: 1}\n"
        files["allot.yaml"] = files["allot.yaml"]!.replacingOccurrences(
            of: "policies: {overtime: {max_percent: 25, premium: 1.5}}\npolicies: {max_projects_per_person: 1}\n",
            with: "policies: {overtime: {max_percent: 25, premium: 1.5}, max_projects_per_person: 1}\n")
        try withDataset(files) { d in
            let i = try d.instance()
            let f = Formulation(i)
            #expect(f.isMixedInteger)
            let alice = i.staffIndex[Staff.ID("alice")]!
            var x = [Double](repeating: 0, count: f.model.columns.count)
            for j in f.hours.ofPersonPeriod[alice][0] { x[j] = 44 }
            for j in f.integerColumns { x[j] = 1 }
            let overtime = f.capacity.overtime.first { $0.staff == alice }!.column
            x[overtime] = 10
            let settings = StagedSolver.Settings(solver: GLPKSolver(), timeLimit: 10)
            let plan = x
            let y = try GLPKSolver().run { session in
                try StageRun(f, settings: settings, session: session).integral(plan)
            }
            #expect(y[overtime] == 4)
            #expect(f.stages.last!.value(at: y) == 4_600)
        }
    }

    /// Priority 1 can staff at most apollo's 50 h; priority 2's cell has no
    /// column, so 0 h. The cost is at least its constant, bob's 1,000 EUR
    /// (the bound is without the constant: 0).
    @Test func boundsThatTakeNoSolve() throws {
        try withDataset(Self.files) { d in
            let f = Formulation(try d.instance())
            #expect(f.stages.map(\.name) == ["priority-1", "priority-2", "cost"])
            #expect(f.stages.map(\.knownBound) == [50, 0, 0])
            // A plan staffing 40 of apollo's 50 h: (50 - 40) / 40 = 25%.
            #expect(SolveResult.relativeGap(40, bound: f.stages[0].knownBound!) == 0.25)
        }
    }

    /// `weighted`: two priorities, B = 1 + 2 x (1.5 x 100 + 0) = 301,
    /// weights 3,010 (priority 1) and 301. The objective is the cost plus
    /// the weighted unmet hours; with apollo's 50 h staffed and hermes's
    /// 20 h unmet it is at least 1,000 + 301 x 20 = 7,020, so the bound
    /// without the constant (1,000 + 3,010 x 50 + 301 x 20) is -150,500.
    @Test func weightedBoundCountsTheCellsNobodyCanStaff() throws {
        var files = Self.files
        files["allot.yaml"]! += "objective: weighted\n"
        try withDataset(files) { d in
            let f = Formulation(try d.instance())
            let stage = f.stages[0]
            #expect(stage.kind == .weighted)
            #expect(stage.constant == 1_000 + 3_010 * 50 + 301 * 20)
            #expect(stage.knownBound == -150_500)
        }
    }
}

/// Plans stopped by short time limits, wherever they stop: every stage has
/// an objective (a stage without a plan of its own, the plan handed on's),
/// and a gap unless it is at 0 h; a stage not solved is named in the note;
/// a priority stage's objective is the plan's staffed hours, and a cost
/// stage's the plan's cost.
@Suite struct StoppedPlanTests {
    static func check(_ plan: Plan, _ label: String) {
        guard plan.status == .feasible else { return }
        for stage in plan.stages where stage.name != StageRun.shapingStageName {
            let z = stage.objective
            #expect(z != nil, "\(label): \(stage.name) \(stage.status) has no objective")
            if stage.status == "not solved" {
                #expect(
                    plan.message?.contains(stage.name) == true, "\(label): \(stage.name) not in \(plan.message ?? "")")
                #expect(stage.handedOn, "\(label): \(stage.name)")
            }
            // plan.json's stage_optima holds only what the solver reached.
            let optimum = PlanFile(plan).stageOptima.first { $0.name == stage.name }
            #expect((optimum?.objective == nil) == stage.handedOn, "\(label): \(stage.name) in stage_optima")
            if stage.status != "optimal", stage.status != "gap reached", let z, abs(z) > 1e-6 {
                #expect(stage.gap != nil, "\(label): \(stage.name) \(stage.status) at \(z) has no gap")
            }
            if stage.name == "cost", let z {
                #expect(abs(z - plan.cost.total) <= 0.01 + 1e-8 * abs(z), "\(label): cost stage \(z)")
            }
            // A later stage holds a priority at least where it stopped (it may
            // staff more of it); a stage not solved is the plan's hours exactly.
            if stage.name.hasPrefix("priority-"), let p = Int(stage.name.dropFirst("priority-".count)), let z {
                let staffed = plan.staffed(p)
                #expect(z <= staffed + 0.01, "\(label): \(stage.name) \(z) above the plan's \(staffed)")
                if stage.status == "not solved" { #expect(abs(z - staffed) <= 0.01, "\(label): \(stage.name)") }
            }
        }
    }

    /// acme, LP: the limit stops it in one stage or another.
    @Test(arguments: [0.02, 0.1, 0.3]) func anLPStoppedAnywhere(limit: Double) throws {
        let portfolio = try Dataset.load(from: packageRoot.appendingPathComponent("datasets/acme").path).validate()
            .get()
        let plan = try Planner.plan(portfolio, options: Planner.Options(solver: GLPKSolver(), timeLimit: limit)).plan
        Self.check(plan, "acme \(limit) s")
    }

    /// acme with 3 projects per person and 8 h blocks (bench/acme-mip.sh):
    /// at a few seconds the later stages keep the plan before, which
    /// counted slack overtime in the cost stage's objective.
    @Test func aMIPStoppedEarly() throws {
        var portfolio = try Dataset.load(from: packageRoot.appendingPathComponent("datasets/acme").path)
            .validate().get()
        portfolio.settings.maxProjectsPerPerson = 3
        portfolio.settings.minHoursPerAssignment = 8
        let plan = try Planner.plan(portfolio, options: Planner.Options(solver: GLPKSolver(), timeLimit: 4)).plan
        #expect(plan.status == .feasible)
        Self.check(plan, "acme-mip 4 s")
    }
}
