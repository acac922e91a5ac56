import Foundation
import GLPK

public typealias GLPKTermination = SolveResult.Termination

/// What the solver returned for a formulation: final column values and row
/// activities, and per stage its optimum, status and capacity duals.
public struct Solution: Sendable {
    public enum Status: String, Sendable, Hashable {
        /// Every stage proven optimal.
        case optimal
        /// A time limit stopped a stage; the plan is feasible, not proven optimal.
        case feasible
        case infeasible
        case error
    }

    public struct StageOutcome: Sendable {
        public var name: String
        public var kind: Formulation.Stage.Kind
        /// The stage's optimum including its constant (e.g. locked hours that
        /// serve demand); nil when the stage was not solved.
        public var objective: Double?
        public var termination: SolveResult.Termination?
        public var iterations: Int
        public var seconds: Double
        /// Relative gap, when the stage was stopped early and a bound is known.
        public var gap: Double?
        /// Dual of each capacity row: d(stage objective) / d(capacity).
        public var capacityDuals: [Int: Double]
    }

    public var status: Status
    public var message: String?
    /// The optimal basis of each solved stage (before its hold row was
    /// added): what a scenario of the same shape starts from.
    public var stageBases: [Basis?]
    /// Whether the stages started from a given basis (a warm start).
    public var warmStarted: Bool
    public var values: [Double]
    public var rowActivities: [Double]
    public var stages: [StageOutcome]
    /// GLPK's captured terminal output (shown with --verbose).
    public var log: String
    public var seconds: Double
}

/// Solves a formulation stage by stage on a solver thread (SPEC §3):
/// each priority in turn is maximised with the optima before it held, then
/// cost is minimised with all of them held. The first stage starts cold with
/// dual simplex; each later stage starts from the previous optimal basis with
/// primal simplex (adding a hold row and changing the objective keep that
/// basis primal feasible, GLPK-NOTES 4.1, 4.3).
public enum StagedSolver {
    /// How many leading stages start from the given warm bases. Measured on
    /// acme's budget-cut scenario: the first stage from the base's basis took
    /// 138 iterations instead of ~770 cold; later stages from the base's
    /// bases took 1,844 + 2,818 + 4,040 + 3,329 iterations (2.6 s), against
    /// 1,953 + 647 + 312 + 108 (0.4 s) continuing with primal simplex from the
    /// scenario's own previous stage. So only the first stage is seeded.
    static let warmStages = 1
    /// - Parameter warmStart: per stage, a basis of a model of the same shape
    ///   (the same rows and columns by name, e.g. the base plan of a what-if
    ///   scenario that only changes bounds and costs). The first `warmStages`
    ///   stages start from it with dual simplex (the base's optimum stays dual
    ///   feasible after bound changes, GLPK-NOTES 4.3). Nil: cold.
    /// - Parameter keepBases: record each stage's optimal basis in `stageBases`.
    /// - Parameter closeTo: hours per assignment (`Formulation.AssignmentGroup.key`)
    ///   of a reference plan. With it, a closing stage holds the last stage's
    ///   optimum and picks, among the optimal plans, one with the least
    ///   sum of |hours - reference hours| per person, project, skill, period.
    public static func solve(_ formulation: Formulation, timeLimit: Double, warmStart: [Basis?]? = nil,
                             keepBases: Bool = false, closeTo: [String: Double]? = nil) throws -> Solution {
        try SolverThread.run { session in
            try solve(formulation, timeLimit: timeLimit, warmStart: warmStart, keepBases: keepBases, closeTo: closeTo,
                      session: session)
        }
    }

    static func solve(_ f: Formulation, timeLimit: Double, warmStart: [Basis?]?, keepBases: Bool,
                      closeTo reference: [String: Double]?, session: SolverSession) throws -> Solution {
        let clock = ContinuousClock.now
        func elapsed() -> Double {
            let d = ContinuousClock.now - clock
            return Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
        }
        let problem = try session.makeProblem(f.model)
        try problem.scale()
        var capacityRowList: [Int] = []
        for row in f.capacityRows { for r in row { if let r { capacityRowList.append(r) } } }

        var stages: [Solution.StageOutcome] = []
        var bases: [Basis?] = Array(repeating: nil, count: f.stages.count)
        var warmed = false
        var status = Solution.Status.optimal
        var message: String?
        var values = [Double](repeating: 0, count: f.model.columns.count)
        var haveValues = false
        var previous: [Int] = []
        var stopped = false
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
            var method: SimplexOptions.Method = k == 0 ? .dualThenPrimal : .primal
            if let warm = warmStart, k < warm.count, k < StagedSolver.warmStages, let basis = warm[k],
               basis.rows.count == problem.rowCount, basis.columns.count == problem.columnCount {
                try problem.setBasis(basis)
                method = .dualThenPrimal
                warmed = true
            }
            let result = try problem.solveSimplex(SimplexOptions(method: method, timeLimit: remaining))
            outcome.termination = result.termination
            outcome.iterations = result.iterations
            outcome.seconds = result.seconds
            switch (result.termination, result.solution) {
            case (.optimal, _):
                outcome.objective = (result.objective ?? 0) + stage.constant
                let duals = try problem.rowDuals()
                for r in capacityRowList where abs(duals[r]) > 1e-9 { outcome.capacityDuals[r] = duals[r] }
                values = try problem.columnValues()
                haveValues = true
                if keepBases { bases[k] = try problem.basis() }
            case (.timeLimit, .feasible), (.iterationLimit, .feasible):
                // A primal-feasible plan: keep it, stop here.
                outcome.objective = (result.objective ?? 0) + stage.constant
                values = try problem.columnValues()
                haveValues = true
                status = .feasible
                message = "the time limit of \(format(timeLimit)) s stopped stage \(stage.name) before it was proven optimal"
                stopped = true
            case (.timeLimit, _), (.iterationLimit, _):
                status = .feasible
                message = "the time limit of \(format(timeLimit)) s stopped stage \(stage.name) before it found a plan"
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
            // Hold this priority's optimum in every later stage.
            if !stopped, case .priority = stage.kind, let z = result.objective, k + 1 < f.stages.count {
                let slack = Formulation.holdTolerance * max(1, abs(z))
                try problem.addRows([LinearProblem.Row(name: "hold[\(stage.name)]", lower: z - slack)],
                                    coefficients: [stage.objective.map { ($0.column, $0.cost) }])
            }
        }
        if let reference, status == .optimal, let last = f.stages.last, let z = stages.last?.objective {
            let outcome = try closest(to: reference, holding: last, optimum: z - last.constant, in: f, problem: problem,
                                      previous: previous, timeLimit: timeLimit - elapsed())
            stages.append(outcome.stage)
            if let v = outcome.values { values = Array(v.prefix(f.model.columns.count)) }
        }
        // Without any solution (stopped in the first stage) the plan is the
        // trivially feasible one: no hours beyond the locked ones.
        if !haveValues { values = [Double](repeating: 0, count: f.model.columns.count) }
        let activities = haveValues ? try problem.rowActivities() : [Double](repeating: 0, count: f.model.rows.count)
        return Solution(status: status, message: message, stageBases: bases, warmStarted: warmed, values: values,
                        rowActivities: Array(activities.prefix(f.model.rows.count)),
                        stages: stages, log: session.takeLog(), seconds: elapsed())
    }

    /// The closing stage: hold `stage` at `optimum`, then minimise the hours
    /// that differ from `reference`. |x - r| = 2 max(0, x - r) - x + r, so one
    /// column e >= x - r and one row per assignment with r > 0 suffice.
    static func closest(to reference: [String: Double], holding stage: Formulation.Stage, optimum z: Double,
                        in f: Formulation, problem: Problem, previous: [Int], timeLimit: Double) throws
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
        let firstRow = try problem.addRows(rows, coefficients: rowCoefficients)
        let firstColumn = try problem.addColumns(
            rows.map { LinearProblem.Column(name: "above-" + $0.name, lower: 0, upper: .infinity, cost: 2) },
            coefficients: rows.indices.map { [(firstRow + $0, -1.0)] })
        try problem.setObjective(costs.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
        try problem.setSense(.minimize)
        _ = firstColumn
        let result = try problem.solveSimplex(SimplexOptions(method: .primal, timeLimit: timeLimit))
        outcome.termination = result.termination
        outcome.iterations = result.iterations
        outcome.seconds = result.seconds
        guard result.termination == .optimal else { return (outcome, nil) }
        outcome.objective = (result.objective ?? 0) + constant
        return (outcome, try problem.columnValues())
    }
}
