import CLP
import Foundation
import GLPK
import Testing

@testable import AllotCore

/// Seeded random portfolios (leave, holidays, part-timers, employment
/// windows, both demand kinds, budgets, locked and unlocked commitments,
/// overtime, overtime limited to some priorities, people paid for hours or
/// for capacity, max_projects_per_person, min_hours_per_assignment,
/// stability, week and month periods, shaping on) planned end to end. Every plan must
/// satisfy the constraints of docs/how-it-works.md, explain every unmet hour, and reach the
/// optimum that glpsol finds on models/allocation.mod, stage by stage.
@Suite struct RandomPortfolioTests {
    struct Generator {
        var state: UInt64

        mutating func next() -> UInt64 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return state >> 33
        }

        mutating func int(_ range: ClosedRange<Int>) -> Int { range.lowerBound + Int(next() % UInt64(range.count)) }
        mutating func chance(_ percent: Int) -> Bool { int(0...99) < percent }
        mutating func pick<T>(_ items: [T]) -> T { items[int(0...items.count - 1)] }
    }

    /// A dataset folder's files for one seed.
    static func files(seed: UInt64) -> [String: String] {
        var g = Generator(state: seed &* 2654435761 &+ 1)
        let month = g.chance(25)
        let start = Day(year: 2027, month: 1, day: g.int(1...20))!
        let end = start.advanced(by: month ? g.int(40...100) : g.int(10...40))
        let skills = ["swift", "sql", "qa", "ops", "ux"].prefix(g.int(2...5)).map { $0 }
        let overtime = g.chance(40) ? g.pick([5, 10, 20]) : 0
        var manifest = "horizon: {start: \(start), end: \(end), period: \(month ? "month" : "week")}\n"
        // overtime.priorities (SPEC v2 semantics): overtime only for the priorities listed.
        let allowed = overtime > 0 && g.chance(30) ? ", priorities: [\(g.pick(["1", "1, 2", "2"]))]" : ""
        var policies = "overtime: {max_percent: \(overtime), premium: \(g.pick(["1", "1.25", "1.5", "2"]))\(allowed)}"
        if g.chance(25) { policies += ", max_projects_per_person: \(g.int(1...2))" }
        if g.chance(25) { policies += ", min_hours_per_assignment: \(g.int(2...16))" }
        if g.chance(30) { policies += ", stability: \(g.int(1...30))" }
        manifest += "policies: {\(policies)}\n"
        // mip_gap 0: both routes prove each MIP stage optimal, so they can be compared exactly.
        manifest += "solver: {time_limit_s: 60, mip_gap: 0}\n"
        var staff = "id,cost_per_hour,hours_per_week,skills,start,end,paid\n"
        let people = g.int(2...6)
        for s in 0..<people {
            var mine: [String] = []
            for k in skills where g.chance(50) { mine.append("\(k):\(g.int(1...5))") }
            if mine.isEmpty { mine.append("\(g.pick(skills)):\(g.int(1...5))") }
            let hours = g.chance(30) ? String(g.pick([16, 20, 24, 32])) : ""
            let from = g.chance(15) ? start.advanced(by: g.int(0...10)).description : ""
            let to = g.chance(15) ? end.advanced(by: -g.int(0...10)).description : ""
            let paid = g.chance(40) ? "capacity" : g.pick(["hours", ""])
            staff += "p\(s),\(g.int(40...140)),\(hours),\(mine.joined(separator: ";")),\(from),\(to),\(paid)\n"
        }
        var projects = "id,priority,start,end,budget\n"
        let projectCount = g.int(1...4)
        for p in 0..<projectCount {
            let budget = g.chance(40) ? String(g.int(500...20000)) : ""
            projects += "j\(p),\(g.int(1...3)),,,\(budget)\n"
        }
        var demand = "project_id,skill,min_level,hours_per_week,total_hours,start,end\n"
        for _ in 0..<g.int(1...7) {
            let project = "j\(g.int(0...projectCount - 1))"
            let skill = g.chance(8) ? "cobol" : g.pick(skills)
            let level = g.chance(40) ? String(g.int(1...4)) : ""
            let windowStart = g.chance(30) ? start.advanced(by: g.int(0...7)).description : ""
            let windowEnd = g.chance(30) ? end.advanced(by: -g.int(0...7)).description : ""
            if g.chance(60) {
                demand += "\(project),\(skill),\(level),\(g.int(4...40)),,\(windowStart),\(windowEnd)\n"
            } else {
                demand += "\(project),\(skill),\(level),,\(g.int(5...200)),\(windowStart),\(windowEnd)\n"
            }
        }
        var leave = "staff_id,start,end,hours_per_week\n"
        for _ in 0..<g.int(0...3) {
            let first = start.advanced(by: g.int(0...20))
            leave +=
                "p\(g.int(0...people - 1)),\(first),\(first.advanced(by: g.int(0...9))),\(g.chance(30) ? String(g.int(5...20)) : "")\n"
        }
        var holidays = "date,name\n"
        for _ in 0..<g.int(0...2) { holidays += "\(start.advanced(by: g.int(0...25))),holiday\n" }
        var commitments = "staff_id,project_id,skill,start,end,hours_per_week,locked\n"
        for _ in 0..<g.int(0...3) {
            let first = start.advanced(by: g.int(0...10))
            commitments +=
                "p\(g.int(0...people - 1)),j\(g.int(0...projectCount - 1)),\(g.pick(skills)),\(first),\(first.advanced(by: g.int(0...20))),\(g.int(4...50)),\(g.chance(60))\n"
        }
        return [
            "allot.yaml": manifest, "staff.csv": staff, "projects.csv": projects, "demand.csv": demand,
            "leave.csv": leave, "holidays.csv": holidays, "commitments.csv": commitments,
        ]
    }

    static let seeds: [UInt64] = Array(1...200)

    @Test(arguments: seeds)
    func planIsFeasibleExplainedAndOptimal(seed: UInt64) throws {
        let path = try PlanFixture.folder(Self.files(seed: seed))
        // ALLOT_KEEP_RANDOM=1 keeps the folders for a look.
        defer {
            if ProcessInfo.processInfo.environment["ALLOT_KEEP_RANDOM"] == nil {
                try? FileManager.default.removeItem(atPath: path)
            } else {
                print("seed \(seed): \(path)")
            }
        }
        let portfolio: Portfolio
        switch try Dataset.load(from: path).validate() {
        case .success(let p): portfolio = p
        case .failure(let e):
            // Random dates can make a window miss the horizon: then validation must say so.
            #expect(!e.errors.isEmpty)
            return
        }
        // Both engines (`--engine glpk|clp`): each plan is checked, and each agrees with glpsol.
        let runs = [
            ("GLPK", try Planner.plan(portfolio, options: Planner.Options(solver: GLPKSolver()))),
            ("CLP", try Planner.plan(portfolio, options: Planner.Options(solver: CLPSolver()))),
        ]
        for (engine, run) in runs {
            try Self.check(run, seed: seed, engine: engine)
        }
        let run = runs[0].1, instance = run.instance
        // The independent route: glpsol on the MathProg model, stage by stage.
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/glpsol") else {
            Issue.record("glpsol is not installed (apt-get install glpk-utils)")
            return
        }
        let data = path + "/instance.dat"
        // glpsol's shaping is checked on every 4th seed by
        // GlpsolShapingTests; here it is off (four solves fewer).
        try MathProgData.text(instance, formulation: run.formulation)
            .replacingOccurrences(of: "\nparam shaping := 1;\n", with: "\nparam shaping := 0;\n")
            .write(toFile: data, atomically: true, encoding: .utf8)
        let glpsol = try Self.run(data)
        let (staffed, cost) = (glpsol.staffed, glpsol.cost)
        for (engine, run) in runs {
            for c in run.plan.coverage {
                #expect(
                    abs(c.staffed - (staffed[c.priority] ?? -1)) < 1e-3 * max(1, c.staffed),
                    "seed \(seed) \(engine) priority \(c.priority): allot \(c.staffed), glpsol \(staffed[c.priority] ?? -1)"
                )
            }
            // With the integer policies the glpsol route holds each optimum within
            // 1e-6 (models/solve-stages.sh): its cost may then be lower by about
            // rate x 1e-6 x staffed hours, so the cost agrees within 1e-5.
            let costTolerance = run.formulation.isMixedInteger ? 1e-5 : 1e-6
            #expect(
                abs(run.plan.cost.total - cost) < 1e-3 + costTolerance * cost,
                "seed \(seed) \(engine): cost allot \(run.plan.cost.total), glpsol \(cost)")
        }
    }

    /// A plan keeps every capacity and budget, and explains every unmet hour.
    static func check(_ run: Planner.Run, seed: UInt64, engine: String) throws {
        let plan = run.plan, instance = run.instance
        #expect(plan.status == .optimal, "seed \(seed) \(engine): \(plan.message ?? "")")

        // Capacity with overtime per person and period.
        var load: [String: Double] = [:]
        for a in plan.assignments { load["\(a.staff)|\(a.period.id)", default: 0] += a.hours }
        for (s, person) in instance.staff.enumerated() {
            for t in instance.periods.indices {
                let used = load["\(person.id)|\(t)"] ?? 0
                #expect(
                    used <= instance.maxHours(s, t) + 1e-5,
                    "seed \(seed) \(engine): \(person.id) in \(t) works \(used) > \(instance.maxHours(s, t))")
            }
        }
        // Budgets: spending at base rate within max(budget, locked cost).
        for (p, project) in instance.projects.enumerated() {
            guard let budget = project.budget else { continue }
            let spent = plan.assignments.filter { $0.project == project.id }.reduce(0) { $0 + $1.cost }
            #expect(
                spent <= max(budget, instance.lockedCost[p]) + 1e-4 * max(1, budget),
                "seed \(seed) \(engine): \(project.id) spends \(spent) of \(budget)")
        }
        // Every unmet hour is in the conflicts, with a cause.
        let unmet = plan.coverage.reduce(0) { $0 + $1.unmet }
        let explained = plan.conflicts(.unmetDemand).reduce(0) { $0 + $1.hours }
        #expect(
            abs(unmet - explained) < 0.005 * Double(max(1, instance.cells.count)),
            "seed \(seed) \(engine): unmet \(unmet), explained \(explained)")
        #expect(plan.conflicts(.unmetDemand).allSatisfy { $0.cause != nil })

    }

    /// What models/solve-stages.sh prints.
    struct Glpsol {
        var staffed: [Int: Double] = [:], cost = -1.0
        var shapedStaffed: [Int: Double] = [:], shapedCost = -1.0
        /// Per concentration round, then for the steadiness LP: the LP's
        /// objective at the plan it starts from, and its optimum.
        var concentration: [(before: Double, after: Double)] = []
        var steadiness: (before: Double, after: Double)?
        /// The sliver LP when the steady plan has slivers: how many, and
        /// its objective at the steady plan and its optimum.
        var slivers: (count: Int, before: Double, after: Double)?
        /// "cost" and "shaped": runs per pair, most runs, projects per
        /// person, most projects, people per cell, % of rows under 4 h.
        var shape: [String: [Double]] = [:]
        /// The shaped plan's rows: person, project, skill, period, hours.
        var rows: [(staff: String, project: String, skill: String, period: String, hours: Double)] = []
    }

    static func run(_ data: String) throws -> Glpsol {
        var g = Glpsol()
        for line in try runScript(data).split(separator: "\n") {
            let f = line.split(separator: " ")
            let cells = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            switch (f.first, f.count) {
            case ("STAFFED", 3): g.staffed[Int(f[1])!] = Double(f[2])!
            case ("COST", 2): g.cost = Double(f[1])!
            case ("SHAPED", 4) where f[1] == "STAFFED": g.shapedStaffed[Int(f[2])!] = Double(f[3])!
            case ("SHAPED", 3) where f[1] == "COST": g.shapedCost = Double(f[2])!
            case ("CONCENTRATION", 4): g.concentration.append((Double(f[2])!, Double(f[3])!))
            case ("STEADINESS", 3): g.steadiness = (Double(f[1])!, Double(f[2])!)
            case ("SLIVERS", 4): g.slivers = (Int(f[1])!, Double(f[2])!, Double(f[3])!)
            case ("SHAPE", 8): g.shape[String(f[1])] = f[2...].map { Double($0)! }
            default:
                if cells.count == 6, cells[0] == "ROW" {
                    g.rows.append((cells[1], cells[2], cells[3], cells[4], Double(cells[5])!))
                }
            }
        }
        return g
    }

    static func runScript(_ data: String) throws -> String {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [root.appendingPathComponent("models/solve-stages.sh").path, data]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = Pipe()
        try process.run()
        let out = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return out
    }
}

/// Partial pricing (`PartialPricing`) must reach the optimum of the full LP
/// in every stage: the same seeded portfolios, solved with one hours column
/// per cell and period free at first and one column freed per round, so
/// that most of them go through several pricing rounds.
@Suite struct PartialPricingTests {
    @Test func sameOptimaAsTheFullModel() throws {
        var priced = 0
        for seed in RandomPortfolioTests.seeds.prefix(120) {
            let path = try PlanFixture.folder(RandomPortfolioTests.files(seed: seed))
            defer { try? FileManager.default.removeItem(atPath: path) }
            guard case .success(let portfolio) = try Dataset.load(from: path).validate() else { continue }
            let full = try Planner.plan(portfolio, options: Planner.Options(solver: GLPKSolver(), pricing: .full))
            let partial = try Planner.plan(
                portfolio,
                options: Planner.Options(
                    solver: GLPKSolver(),
                    pricing: .partial, partialPricing: PartialPricing.Options(cheapestPerPeriod: 1, batch: 1)))
            if partial.solution.pricingRounds > 0 { priced += 1 }
            #expect(partial.plan.status == full.plan.status, "seed \(seed)")
            #expect(full.solution.stages.count == partial.solution.stages.count, "seed \(seed)")
            // The stages' optima are unique; shaping's objective is not (it
            // depends on the plan the stages handed it).
            for (a, b) in zip(full.solution.stages, partial.solution.stages) where a.name != "shaping" {
                guard let x = a.objective, let y = b.objective else {
                    #expect(a.objective == nil && b.objective == nil, "seed \(seed) stage \(a.name)")
                    continue
                }
                #expect(abs(x - y) <= 1e-6 * max(1, abs(x)), "seed \(seed) stage \(a.name): full \(x), partial \(y)")
            }
            // The shaped plans (partial pricing shapes over the cost
            // stage's optimal face, StageRun.openFace) keep every
            // priority's staffed hours and the cost.
            #expect(
                abs(full.plan.cost.total - partial.plan.cost.total) <= 1e-3 + 1e-6 * full.plan.cost.total,
                "seed \(seed)")
            for (a, b) in zip(full.plan.coverage, partial.plan.coverage) {
                #expect(
                    a.priority == b.priority && abs(a.staffed - b.staffed) <= 1e-4 + 1e-6 * a.staffed,
                    "seed \(seed) priority \(a.priority): full \(a.staffed) h, partial \(b.staffed) h")
            }
        }
        // Without rounds the test would prove nothing: 42 of the 120 seeds
        // priced when this was written (the others are MIP, or optimal at once).
        #expect(priced >= 30, "only \(priced) seeds needed a pricing round")
    }

    /// Shaping within a cost tolerance prices the columns left out against
    /// each shaping LP's own objective (`StageRun.shapingPrices`), so that it
    /// chooses among every column. acme forced to partial pricing with a
    /// tolerance of 1%: the plan holds every stage's optimum as with every
    /// column free, the cost stays within 1% of the cost stage's optimum, and
    /// shaping priced: the run makes more pricing rounds than the same run at
    /// tolerance 0, whose stages are the same (shaping then works on the cost
    /// stage's optimal face and prices nothing).
    @Test func shapingWithinAToleranceBringsInWhatItNeeds() throws {
        let folder = packageRoot.appendingPathComponent("datasets/acme").path
        guard case .success(var portfolio) = try Dataset.load(from: folder).validate() else {
            Issue.record("datasets/acme does not validate")
            return
        }
        let atZero = try Planner.plan(portfolio, options: Planner.Options(solver: GLPKSolver(), pricing: .partial))
        portfolio.settings.shapingCostTolerancePercent = 1
        let full = try Planner.plan(portfolio, options: Planner.Options(solver: GLPKSolver(), pricing: .full))
        let partial = try Planner.plan(portfolio, options: Planner.Options(solver: GLPKSolver(), pricing: .partial))
        #expect(partial.plan.status == .optimal && partial.solution.stages.last?.name == "shaping")
        #expect(partial.solution.stages.last?.termination == .optimal)
        for (a, b) in zip(full.plan.coverage, partial.plan.coverage) {
            #expect(a.priority == b.priority && abs(a.staffed - b.staffed) <= 1e-4 + 1e-6 * a.staffed)
        }
        let optimum = try #require(partial.solution.stages.first { $0.name == "cost" }?.objective)
        // A hold allows 1e-8 x its right-hand side (docs/how-it-works.md, "Lexicographic stages"): 0.04 EUR here.
        #expect(
            partial.plan.cost.total <= 1.01 * optimum * (1 + 1e-8) + 1e-3,
            "cost \(partial.plan.cost.total), optimum \(optimum)")
        #expect(
            partial.solution.pricingRounds > atZero.solution.pricingRounds,
            "rounds \(partial.solution.pricingRounds) against \(atZero.solution.pricingRounds) at tolerance 0")
    }

    /// A column shaping keeps at 0 (an emptied pair's, a plan row's without
    /// hours in the sliver LP) is never priced in again. datasets/tiny with one
    /// column free per cell and period; the objective maximises the hours of
    /// the columns left out only, so the engine's duals are 0 and each of them
    /// would gain 1 an hour: all are freed, unless kept out.
    @Test func columnsKeptOutAreNotPricedIn() throws {
        let dataset = try Dataset.load(from: packageRoot.appendingPathComponent("datasets/tiny").path)
        let f = try Planner.plan(try dataset.validate().get(), options: Planner.Options(solver: GLPKSolver()))
            .formulation
        let freed = try GLPKSolver().run { session -> (left: Int, all: Int, kept: Int) in
            let pricing = PartialPricing(
                f, cost: [:], warmBasis: nil, options: PartialPricing.Options(cheapestPerPeriod: 1, batch: 1_000))
            let free = pricing.freeFromStart
            let left = f.hours.columns.filter { !free[$0] }
            let problem = try ColumnSubset(session: session, model: f.model, keep: free)
            try problem.setObjective(left.map { ($0, 1.0) })
            try problem.setSense(.maximize)
            _ = try problem.solveSimplex(SimplexOptions(method: .primal))
            var all = pricing, kept = pricing
            kept.keepOut(left)
            return (
                left.count, try all.freeImproving(in: problem, sense: .maximize, largestCost: 1),
                try kept.freeImproving(in: problem, sense: .maximize, largestCost: 1)
            )
        }
        #expect(freed.left > 0 && freed.all == freed.left && freed.kept == 0, "\(freed)")
    }

    /// compare's closest-to-base stage prices the columns left out, as a
    /// stage does: on acme's heike-leaves (her 26 weeks of hours must move
    /// to others), the closest plan to the same base plan with partial
    /// pricing is as close as with every column free. Both closing LPs end optimal (within
    /// their iteration budget), so their optima are the same number.
    @Test func acmeClosestToBaseSameAsTheFullModel() throws {
        let dataset = try Dataset.load(from: packageRoot.appendingPathComponent("datasets/acme").path)
        guard case .success(let prepared) = Comparison.prepare(dataset, names: ["heike-leaves"]) else {
            Issue.record("datasets/acme's heike-leaves does not apply")
            return
        }
        let base = try Planner.plan(prepared.base, options: Planner.Options(solver: GLPKSolver()))
        func closest(_ pricing: Planner.Pricing) throws -> Solution.StageOutcome? {
            let (scenario, portfolio) = prepared.scenarios[0]
            let run = try Planner.plan(
                portfolio, options: Planner.Options(solver: GLPKSolver(), pricing: pricing), scenario: scenario.name,
                closeTo: base)
            return run.solution.stages.last
        }
        let full = try closest(.full), partial = try closest(.partial)
        #expect(full?.name == "closest-to-base" && partial?.name == "closest-to-base")
        #expect(full?.termination == .optimal && partial?.termination == .optimal)
        let x = full?.objective ?? .nan, y = partial?.objective ?? .nan
        #expect(abs(x - y) <= 1e-6 * max(1, abs(x)), "hours moved: full \(x), partial \(y)")
    }

    /// acme (40 people, 26 weeks) with the default subset: both objectives.
    @Test(arguments: [Settings.Objective.lexicographic, .weighted])
    func acmeSameOptima(objective: Settings.Objective) throws {
        let folder = packageRoot.appendingPathComponent("datasets/acme").path
        guard case .success(let portfolio) = try Dataset.load(from: folder).validate() else {
            Issue.record("datasets/acme does not validate")
            return
        }
        let full = try Planner.plan(
            portfolio, options: Planner.Options(solver: GLPKSolver(), objective: objective, pricing: .full))
        let partial = try Planner.plan(
            portfolio, options: Planner.Options(solver: GLPKSolver(), objective: objective, pricing: .partial))
        #expect(partial.solution.pricingRounds > 0)
        #expect(full.plan.status == .optimal && partial.plan.status == .optimal)
        for (a, b) in zip(full.solution.stages, partial.solution.stages) where a.name != "shaping" {
            let x = a.objective ?? .nan, y = b.objective ?? .nan
            #expect(abs(x - y) <= 1e-6 * max(1, abs(x)), "stage \(a.name): full \(x), partial \(y)")
        }
    }
}

/// A what-if's later stages start from the base's basis of the same stage
/// under partial pricing (`StageRun.solveStageLP`), and give it up past the
/// base's iterations. Either way every stage's optimum must be the one a
/// cold start reaches.
@Suite struct WarmLaterStagesTests {
    /// acme, forced to partial pricing: budget-cut (the base's objectives,
    /// budgets 20% smaller) and churn-first (ml-churn moved to priority 1,
    /// so every stage's objective changes: the first stage starts cold and
    /// the later ones from bases of other objectives). When this was written
    /// budget-cut's later stages gave the base's bases up (2,977 iterations
    /// and more) and churn-first's reached their optima from them; the test
    /// asks for both routes, so that each is checked against the cold optima.
    /// heike-leaves and hire-sap-contractor change the model's shape: the
    /// base's bases are carried over by row and column names
    /// (`Formulation.carried`); heike's carried basis is singular (GLPK
    /// refuses it, and the stage starts cold), the contractor's is not.
    @Test func acmeWhatIfsReachTheColdOptima() throws {
        let dataset = try Dataset.load(from: packageRoot.appendingPathComponent("datasets/acme").path)
        let names = ["budget-cut", "churn-first", "heike-leaves", "hire-sap-contractor"]
        guard case .success(let prepared) = Comparison.prepare(dataset, names: names) else {
            Issue.record("datasets/acme's scenarios do not apply")
            return
        }
        func run(warm: Bool, jobs: Int = 1) throws -> Comparison {
            try Comparison.run(
                base: prepared.base, scenarios: prepared.scenarios,
                options: Comparison.Options(
                    planner: Planner.Options(solver: GLPKSolver(), pricing: .partial), jobs: jobs, warmStart: warm))
        }
        let warm = try run(warm: true), cold = try run(warm: false)
        // With 3 jobs the scenarios wait for the base's stages while it
        // solves: the same bases, so the same plans, value for value.
        let beside = try run(warm: true, jobs: 3)
        for (a, b) in zip(warm.scenarios, beside.scenarios) {
            #expect(a.run.solution.values == b.run.solution.values, "\(a.name): plans differ with 3 jobs")
            #expect(a.run.solution.stages.map(\.iterations) == b.run.solution.stages.map(\.iterations))
        }
        var later: [Bool] = []
        for (w, c) in zip(warm.scenarios, cold.scenarios) {
            #expect(w.run.solution.stages.map(\.name) == c.run.solution.stages.map(\.name))
            for (a, b) in zip(w.run.solution.stages, c.run.solution.stages) {
                let x = try #require(a.objective), y = try #require(b.objective)
                #expect(abs(x - y) <= 1e-6 * max(1, abs(x)), "\(w.name) \(a.name): warm \(x), cold \(y)")
            }
            #expect(c.run.solution.stages.allSatisfy { !$0.fromBase })
            if w.name == "budget-cut" || w.name == "churn-first" {
                later += w.run.solution.stages.dropFirst().filter { $0.name != "closest-to-base" }.map(\.fromBase)
            }
        }
        #expect(later.contains(true) && later.contains(false), "later stages from the base: \(later)")
        // The contractor adds rows and columns: the base's first basis
        // carried over by name is a basis of the new model.
        #expect(warm.scenarios[3].run.solution.stages.first?.fromBase == true)
    }

    /// Seeded portfolios under partial pricing (one column per cell and
    /// period free at first, one freed per round): each plan again with
    /// every budget at 80% (same objectives), with its first project one
    /// priority up or down (other objectives, other hold rows: the base's
    /// basis may be singular here), with a third of the people 20% and a
    /// third 40% dearer (other budget coefficients and cost), with its first
    /// person leaving halfway and with a copy of that person hired (models
    /// of another shape: the base's bases carried over by name), warm from
    /// the base and cold.
    @Test func seededWhatIfsReachTheColdOptima() throws {
        let options = Planner.Options(
            solver: GLPKSolver(), pricing: .partial,
            partialPricing: PartialPricing.Options(cheapestPerPeriod: 1, batch: 1))
        var fromBase = 0, carried = 0
        for seed in RandomPortfolioTests.seeds.prefix(120) {
            let path = try PlanFixture.folder(RandomPortfolioTests.files(seed: seed))
            defer { try? FileManager.default.removeItem(atPath: path) }
            guard case .success(let portfolio) = try Dataset.load(from: path).validate(),
                !portfolio.projects.isEmpty
            else { continue }
            let base = try Planner.plan(portfolio, options: options, keepBases: true)
            guard base.plan.status == .optimal, !base.formulation.isMixedInteger else { continue }
            var cut = portfolio, moved = portfolio, rates = portfolio, leaves = portfolio, hired = portfolio
            for i in cut.projects.indices { cut.projects[i].budget = cut.projects[i].budget.map { $0 * 0.8 } }
            moved.projects[0].priority = moved.projects[0].priority == 1 ? 2 : moved.projects[0].priority - 1
            for i in rates.staff.indices { rates.staff[i].costPerHour *= 1 + 0.2 * Double(i % 3) }
            let horizon = portfolio.settings.horizon
            leaves.staff[0].end = Day(ordinal: (horizon.first.ordinal + horizon.last.ordinal) / 2)
            var hire = portfolio.staff[0]
            hire.id = Staff.ID("hire.of.the.test")
            hire.costPerHour += 7
            hired.staff.append(hire)
            let variants = [
                ("budgets", cut), ("priority", moved), ("rates", rates), ("leaves", leaves), ("hired", hired),
            ]
            for (label, variant) in variants {
                let warm = try Planner.plan(variant, options: options, warmStart: base)
                let cold = try Planner.plan(variant, options: options)
                #expect(warm.plan.status == cold.plan.status, "seed \(seed) \(label): \(warm.solution.message ?? "")")
                for (a, b) in zip(warm.solution.stages, cold.solution.stages) where a.name != "shaping" {
                    let x = a.objective ?? .nan, y = b.objective ?? .nan
                    #expect(
                        abs(x - y) <= 1e-6 * max(1, abs(x)), "seed \(seed) \(label) \(a.name): warm \(x), cold \(y)")
                }
                fromBase += warm.solution.stages.dropFirst().filter(\.fromBase).count
                if label == "leaves" || label == "hired" {
                    carried += warm.solution.stages.filter(\.fromBase).count
                }
            }
        }
        #expect(fromBase >= 20, "only \(fromBase) later stages started from the base's basis")
        #expect(carried >= 10, "only \(carried) stages of another shape started from the base's basis")
    }
}
