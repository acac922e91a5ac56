import Foundation
import LinearModel

/// Solves a formulation stage by stage on a solver thread (SPEC §3):
/// each priority in turn is maximised with the optima before it held, then
/// cost is minimised with all of them held. The first stage starts cold with
/// dual simplex; each later stage starts from the previous optimal basis with
/// primal simplex (adding a hold row and changing the objective keep that
/// basis primal feasible, GLPK-NOTES 4.1, 4.3). A model with binaries (the
/// MIP policies) solves each stage by branch and bound; one time limit is
/// shared by all stages, and a stage stopped by it keeps its incumbent.
public enum StagedSolver {
    /// How many leading stages start from the given warm bases. Measured on
    /// acme's budget-cut scenario: the first stage from the base's basis took
    /// 138 iterations instead of ~770 cold; later stages from the base's
    /// bases took 1,844 + 2,818 + 4,040 + 3,329 iterations (2.6 s), against
    /// 1,953 + 647 + 312 + 108 (0.4 s) continuing with primal simplex from the
    /// scenario's own previous stage. So only the first stage is seeded.
    static let warmStages = 1

    public struct Settings: Sendable {
        /// The LP/MIP engine behind the seam.
        public var solver: any LinearSolver
        /// Seconds for all stages together.
        public var timeLimit: Double
        /// Relative gap at which a MIP stage stops.
        public var mipGap: Double
        /// Per stage, a basis of a model of the same shape (a what-if's base
        /// plan). The first `warmStages` stages start from it with dual simplex
        /// (the base's optimum stays dual feasible after bound changes). Nil: cold.
        public var warmStart: [Basis?]?
        /// Record each stage's optimal basis in `Solution.stageBases`.
        public var keepBases: Bool
        /// Hours per assignment (`Formulation.AssignmentGroup.key`) of a
        /// reference plan: a closing stage then holds the last optimum and
        /// picks the optimal plan with the least sum of |hours - reference|.
        public var closeTo: [String: Double]?
        /// Branch-and-bound settings (see bench/mip-settings.sh for why these).
        public var mip: MIPSettings
        /// MIP progress, about twice a second, from inside the search.
        public var progress: (@Sendable (ProgressEvent) -> Void)?
        /// Solve LP stages over a growing subset of the hours columns
        /// (`PartialPricing`); nil solves with every column free. Ignored
        /// for a model with binaries.
        public var partialPricing: PartialPricing.Options?

        public init(solver: any LinearSolver, timeLimit: Double, mipGap: Double = 1e-4, warmStart: [Basis?]? = nil, keepBases: Bool = false,
                    closeTo: [String: Double]? = nil, mip: MIPSettings = MIPSettings(),
                    progress: (@Sendable (ProgressEvent) -> Void)? = nil, partialPricing: PartialPricing.Options? = nil) {
            self.solver = solver
            self.timeLimit = timeLimit
            self.mipGap = mipGap
            self.warmStart = warmStart
            self.keepBases = keepBases
            self.closeTo = closeTo
            self.mip = mip
            self.progress = progress
            self.partialPricing = partialPricing
        }
    }

    /// A snapshot of a running stage, for --progress.
    public struct ProgressEvent: Sendable {
        public enum Kind: String, Sendable { case start, search, end }
        public var kind: Kind
        public var stage: String
        /// Seconds since the solve began (all stages).
        public var elapsed: Double
        /// The best plan so far (MIP search) or the stage's result (end).
        public var incumbent: Double?
        public var bound: Double?
        public var gap: Double?
        public var status: String?
    }

    public static func solve(_ formulation: Formulation, settings: Settings) throws -> Solution {
        try settings.solver.run { session in try solve(formulation, settings: settings, session: session) }
    }

    static func solve(_ f: Formulation, settings: Settings, session: any SolverSession) throws -> Solution {
        let clock = ContinuousClock.now
        func elapsed() -> Double { seconds(ContinuousClock.now - clock) }
        let timeLimit = settings.timeLimit
        let problem = try session.load(f.model, names: false)
        try problem.scale()
        var capacityRowList: [Int] = []
        for row in f.capacityRows { for r in row { if let r { capacityRowList.append(r) } } }
        var pricing: PartialPricing?
        if let options = settings.partialPricing, !f.isMixedInteger, let last = f.stages.last {
            let warm = settings.warmStart?.first.flatMap { $0 }
            pricing = PartialPricing(f, cost: Dictionary(last.objective.map { ($0.column, $0.cost) }, uniquingKeysWith: +),
                                     warmBasis: warm?.columns.count == f.model.columns.count ? warm : nil, options: options)
            try pricing?.exclude(in: problem)
        }

        var stages: [Solution.StageOutcome] = []
        var bases: [Basis?] = Array(repeating: nil, count: f.stages.count)
        var holdRows: [Int: Int] = [:] // stage index -> its hold row
        var warmed = false
        var status = Solution.Status.optimal
        var message: String?
        var values = [Double](repeating: 0, count: f.model.columns.count)
        var haveValues = false
        var previous: [Int] = []
        var stopped = false
        var limited: [String] = [] // stages stopped by the time limit with a plan
        for (k, stage) in f.stages.enumerated() {
            var outcome = Solution.StageOutcome(name: stage.name, kind: stage.kind, objective: nil, termination: nil,
                                                iterations: 0, seconds: 0, gap: nil, capacityDuals: [:])
            if stopped {
                stages.append(outcome)
                continue
            }
            // A priority with nothing to staff: its optimum is its constant.
            if stage.objective.isEmpty, case .priority = stage.kind {
                outcome.objective = stage.constant
                outcome.termination = .optimal
                stages.append(outcome)
                continue
            }
            let remaining = timeLimit - elapsed()
            if remaining <= 0 {
                status = .feasible
                message = "the time limit of \(format(timeLimit)) s ran out before stage \(stage.name)"
                stopped = true
                stages.append(outcome)
                continue
            }
            // New objective: clear the previous stage's coefficients, set this one's.
            var costs: [(column: Int, cost: Double)] = previous.map { ($0, 0.0) }
            costs += stage.objective
            try problem.setObjective(costs)
            try problem.setSense(stage.sense)
            previous = stage.objective.map(\.column)
            // First stage cold: dual simplex for a priority stage; primal for the
            // weighted objective, whose large weights made dual 2-3x slower than
            // glpsol's primal on the same model (bench/RESULTS.md, tiers M, L).
            var method: SimplexOptions.Method = k == 0 ? (stage.kind == .weighted ? .primal : .dualThenPrimal) : .primal
            if let warm = settings.warmStart, k < warm.count, k < warmStages, let basis = warm[k],
               basis.rows.count == problem.rowCount, basis.columns.count == problem.columnCount {
                try problem.setBasis(basis)
                method = .dualThenPrimal
                warmed = true
            }
            let result: SolveResult
            let started = elapsed()
            settings.progress?(ProgressEvent(kind: .start, stage: stage.name, elapsed: started))
            if f.isMixedInteger {
                let name = stage.name
                let report = settings.progress
                let m = settings.mip
                // One limit shared by the stages: once it has a plan, a MIP
                // stage stops at an even share of what is left, so a hard first
                // stage cannot starve the rest (time it does not use passes
                // on); without a plan yet it may use all that is left.
                let left = f.stages[k...].filter { !$0.objective.isEmpty }.count
                let share = remaining / Double(max(1, left))
                result = try problem.solveMIP(MIPOptions(
                    timeLimit: remaining, gap: settings.mipGap, presolve: m.presolve, gomoryCuts: m.cuts, mirCuts: m.cuts,
                    coverCuts: m.coverCuts, cliqueCuts: m.cuts, feasibilityPump: m.feasibilityPump,
                    progress: { @Sendable p in
                        report?(ProgressEvent(kind: .search, stage: name, elapsed: started + p.elapsed, incumbent: p.incumbent,
                                              bound: p.bound, gap: p.gap))
                        return p.incumbent != nil && p.elapsed >= share
                    }, progressInterval: 0.25))
            } else {
                result = try solveLP(problem, method: method, timeLimit: remaining, sense: stage.sense,
                                     largestCost: stage.objective.reduce(0) { max($0, abs($1.cost)) }, pricing: &pricing)
            }
            settings.progress?(ProgressEvent(kind: .end, stage: stage.name, elapsed: elapsed(),
                                             incumbent: result.objective.map { $0 + stage.constant },
                                             bound: result.bound.map { $0 + stage.constant }, gap: result.gap,
                                             status: Plan.statusText(result.termination)))
            outcome.termination = result.termination
            outcome.iterations = result.iterations
            outcome.seconds = result.seconds
            switch (result.termination, result.solution) {
            case (.optimal, .optimal), (.optimal, .feasible), (.gapReached, .feasible):
                outcome.objective = (result.objective ?? 0) + stage.constant
                if f.isMixedInteger {
                    // Proven within mip_gap: report the gap GLPK stopped at.
                    outcome.gap = result.gap
                } else {
                    let duals = try problem.rowDuals()
                    for r in capacityRowList where abs(duals[r]) > 1e-9 { outcome.capacityDuals[r] = duals[r] }
                }
                values = try problem.columnValues()
                haveValues = true
                if settings.keepBases && !f.isMixedInteger { bases[k] = try problem.basis() }
            case (.timeLimit, .feasible), (.iterationLimit, .feasible), (.stopped, .feasible):
                // A feasible plan: keep it, with the gap proven so far. A MIP
                // stage stopped by its share hands its incumbent on (held like
                // an optimum); an LP stage means the whole limit is spent.
                outcome.objective = (result.objective ?? 0) + stage.constant
                outcome.gap = result.gap
                values = try problem.columnValues()
                haveValues = true
                status = .feasible
                limited.append(stage.name + (result.gap.map { " (gap \(format(100 * $0, decimals: 3))%)" } ?? ""))
                stopped = !f.isMixedInteger
            case (.timeLimit, _), (.iterationLimit, _), (.stopped, _):
                status = .feasible
                message = "the time limit of \(format(timeLimit)) s stopped stage \(stage.name) before it found a plan; "
                    + (haveValues ? "the plan of the stage before is kept" : "only locked hours are planned")
                stopped = true
            case (.infeasible, _), (.infeasibleOrUnbounded, _):
                status = .infeasible
                message = "stage \(stage.name) is infeasible: \(session.takeLog().suffix(400))"
                stopped = true
            default:
                status = .error
                message = "stage \(stage.name) failed: \(result.termination)"
                stopped = true
            }
            stages.append(outcome)
            // Hold this priority's optimum (or incumbent) in every later stage.
            if !stopped, case .priority = stage.kind, let z = result.objective, k + 1 < f.stages.count {
                let slack = Formulation.holdTolerance * max(1, abs(z))
                holdRows[k] = try problem.addRows([LinearProblem.Row(name: "hold[\(stage.name)]", lower: z - slack)],
                                                  coefficients: [stage.objective.map { ($0.column, $0.cost) }])
            }
        }
        if !limited.isEmpty {
            let stopped = "the time limit of \(format(timeLimit)) s stopped \(limited.count == 1 ? "stage" : "stages") \(limited.joined(separator: ", ")) before proving optimality"
            message = message.map { stopped + "; " + $0 } ?? stopped
        }
        // Without any solution (stopped in the first stage) the plan is the
        // trivially feasible one: no hours beyond the locked ones.
        if !haveValues { values = [Double](repeating: 0, count: f.model.columns.count) }

        if f.isMixedInteger && haveValues {
            // Duals of a MIP plan come from the LP with its integers fixed at
            // their values (GLPK-NOTES 4.10): per stage, the holds before it
            // active, its own and later ones free (rows are never deleted).
            try fixIntegers(f, values: values, in: problem)
            try mipDuals(f, stages: &stages, holdRows: holdRows, capacityRows: capacityRowList, problem: problem,
                         timeLimit: timeLimit - elapsed())
        }
        if let reference = settings.closeTo, status == .optimal, let last = f.stages.last, let z = stages.last?.objective {
            // With the integers fixed (MIP) the closing stage is an LP.
            // The closing stage is a nicety, so it gets a budget: twice the
            // simplex iterations of the stages (at least 10,000), counted, not
            // timed, so the files stay the same on every machine and --jobs.
            // Stopped early it still returns an optimal plan (every stage is
            // held), only not the closest one. Measured on bench tier M's
            // 'reprioritise': the stages took 3 s, this LP unbounded over 100 s.
            let budget = max(10_000, 2 * stages.reduce(0) { $0 + $1.iterations })
            try pricing?.freeAll(in: problem)
            let outcome = try closest(to: reference, holding: last, optimum: z - last.constant, in: f, problem: problem,
                                      previous: f.stages.flatMap { $0.objective.map(\.column) }, timeLimit: timeLimit - elapsed(),
                                      iterationLimit: budget)
            stages.append(outcome.stage)
            if let v = outcome.values { values = Array(v.prefix(f.model.columns.count)) }
        }
        return Solution(status: status, message: message, stageBases: bases, warmStarted: warmed, values: values,
                        stages: stages, log: session.takeLog(), seconds: elapsed(), pricingRounds: pricing?.rounds ?? 0)
    }

    /// One LP stage: a simplex solve and, with partial pricing, rounds of
    /// freeing the columns that price out and re-solving with primal simplex
    /// until none does (then the optimum holds for every column). Iterations
    /// and seconds are those of all rounds.
    static func solveLP(_ problem: any LoadedProblem, method: SimplexOptions.Method, timeLimit: Double, sense: LinearProblem.Sense,
                        largestCost: Double, pricing: inout PartialPricing?) throws -> SolveResult {
        let clock = ContinuousClock.now
        var result = try problem.solveSimplex(SimplexOptions(method: method, timeLimit: timeLimit))
        guard pricing != nil else { return result }
        var iterations = result.iterations
        while result.termination == .optimal,
              try pricing!.freeImproving(in: problem, sense: sense, largestCost: largestCost) > 0 {
            let left = timeLimit - seconds(ContinuousClock.now - clock)
            guard left > 0 else {
                // The restricted optimum is a plan, not a proven optimum.
                result.termination = .timeLimit
                result.solution = .feasible
                break
            }
            result = try problem.solveSimplex(SimplexOptions(method: .primal, timeLimit: left))
            iterations += result.iterations
        }
        result.iterations = iterations
        result.seconds = seconds(ContinuousClock.now - clock)
        return result
    }

    /// Turns the binaries continuous and fixes them at their (rounded) values.
    static func fixIntegers(_ f: Formulation, values: [Double], in problem: any LoadedProblem) throws {
        try problem.setKinds(f.integerColumns.map { ($0, .continuous) })
        try problem.setColumnBounds(f.integerColumns.map { j in
            let v = values[j].rounded()
            return BoundChange(index: j, lower: v, upper: v)
        })
    }

    /// Capacity duals per stage on the fixed-integer LP. The last pass (the
    /// final stage) leaves every hold row active again.
    static func mipDuals(_ f: Formulation, stages: inout [Solution.StageOutcome], holdRows: [Int: Int], capacityRows: [Int],
                         problem: any LoadedProblem, timeLimit: Double) throws {
        guard timeLimit > 0 else { return }
        var lowerOf: [Int: Double] = [:]
        for (k, _) in holdRows {
            guard let z = stages[k].objective else { continue }
            let raw = z - f.stages[k].constant
            lowerOf[k] = raw - Formulation.holdTolerance * max(1, abs(raw))
        }
        // The basis left by branch and bound belongs to the root relaxation;
        // with the integers now fixed, start from GLPK's advised basis.
        try problem.resetBasis()
        var previous: [Int] = []
        for (k, stage) in f.stages.enumerated() where stages[k].objective != nil {
            try problem.setRowBounds(holdRows.sorted { $0.key < $1.key }.map { j, row in
                j < k ? BoundChange(index: row, lower: lowerOf[j] ?? -.infinity, upper: .infinity)
                      : BoundChange(index: row, lower: -.infinity, upper: .infinity)
            })
            try problem.setObjective(previous.map { ($0, 0.0) } + stage.objective)
            try problem.setSense(stage.sense)
            previous = stage.objective.map(\.column)
            let r = try problem.solveSimplex(SimplexOptions(method: .dualThenPrimal, timeLimit: max(0.001, timeLimit)))
            guard r.termination == .optimal else { continue }
            let duals = try problem.rowDuals()
            for row in capacityRows where abs(duals[row]) > 1e-9 { stages[k].capacityDuals[row] = duals[row] }
        }
        // Every hold active again for what follows.
        try problem.setRowBounds(holdRows.map { j, row in BoundChange(index: row, lower: lowerOf[j] ?? -.infinity, upper: .infinity) })
    }

    /// The closing stage: hold `stage` at `optimum`, then minimise the hours
    /// that differ from `reference`. |x - r| = 2 max(0, x - r) - x + r, so one
    /// column e >= x - r and one row per assignment with r > 0 suffice.
    static func closest(to reference: [String: Double], holding stage: Formulation.Stage, optimum z: Double,
                        in f: Formulation, problem: any LoadedProblem, previous: [Int], timeLimit: Double, iterationLimit: Int) throws
        -> (stage: Solution.StageOutcome, values: [Double]?) {
        var outcome = Solution.StageOutcome(name: "closest-to-base", kind: .cost, objective: nil, termination: nil,
                                            iterations: 0, seconds: 0, gap: nil, capacityDuals: [:])
        guard timeLimit > 0 else { return (outcome, nil) }
        let slack = Formulation.holdTolerance * max(1, abs(z))
        try problem.addRows([LinearProblem.Row(name: "hold[\(stage.name)]",
                                               lower: stage.sense == .maximize ? z - slack : -.infinity,
                                               upper: stage.sense == .maximize ? .infinity : z + slack)],
                            coefficients: [stage.objective.map { ($0.column, $0.cost) }])
        var costs: [Int: Double] = Dictionary(previous.map { ($0, 0.0) }, uniquingKeysWith: { a, _ in a })
        var constant = 0.0
        var rows: [LinearProblem.Row] = [], rowCoefficients: [[(column: Int, value: Double)]] = []
        var seen = Set<String>()
        for g in f.assignmentGroups {
            seen.insert(g.key)
            let r = (reference[g.key] ?? 0) - g.locked
            if g.columns.isEmpty {
                constant += abs(r)
            } else if r > 1e-9 {
                rows.append(LinearProblem.Row(name: "closeness[\(g.name)]", upper: r))
                rowCoefficients.append(g.columns.map { ($0, 1.0) })
                for j in g.columns { costs[j] = -1 }
                constant += r
            } else {
                for j in g.columns { costs[j] = 1 }
                constant -= r
            }
        }
        for (key, hours) in reference where !seen.contains(key) { constant += hours }
        let current = try problem.columnValues()
        let firstRow = try problem.addRows(rows, coefficients: rowCoefficients)
        let firstColumn = try problem.addColumns(
            rows.map { LinearProblem.Column(name: "above-" + $0.name, lower: 0, upper: .infinity, cost: 2) },
            coefficients: rows.indices.map { [(firstRow + $0, -1.0)] })
        try problem.setObjective(costs.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
        try problem.setSense(.minimize)
        // Start primal feasible: where the plan has more hours than the
        // reference, the row's `above` column is basic (= the excess) and the
        // row sits at its bound; elsewhere the row stays basic. Then every
        // iteration improves a plan that already holds every stage.
        var basis = try problem.basis()
        for (k, row) in rows.enumerated() {
            let hours = rowCoefficients[k].reduce(0.0) { $0 + current[$1.column] }
            if hours > row.upper + 1e-9 {
                basis.rows[firstRow + k] = .upper
                basis.columns[firstColumn + k] = .basic
            }
        }
        try problem.setBasis(basis)
        let result = try problem.solveSimplex(SimplexOptions(method: .primal, timeLimit: timeLimit, iterationLimit: iterationLimit))
        outcome.termination = result.termination
        outcome.iterations = result.iterations
        outcome.seconds = result.seconds
        // Primal simplex keeps its basis feasible: stopped by the cap, it is
        // still a plan with every stage held, closer to the reference than before.
        guard result.solution != .none else { return (outcome, nil) }
        outcome.objective = (result.objective ?? 0) + constant
        return (outcome, try problem.columnValues())
    }
}
