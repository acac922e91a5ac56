import Foundation
import LinearModel

/// Solves a formulation stage by stage on a solver thread (docs/how-it-works.md):
/// each priority in turn is maximised with the optima before it held, then
/// cost is minimised with all of them held. The first stage starts cold with
/// dual simplex; each later stage starts from the previous optimal basis with
/// primal simplex (adding a hold row and changing the objective keep that
/// basis primal feasible, docs/solver-notes.md §5.1, §5.2). A model with binaries (the
/// MIP policies) solves each stage by branch and bound; one time limit is
/// shared by all stages, and a stage stopped by it keeps its incumbent.
public enum StagedSolver {
    /// Solves `formulation` on a thread of `settings.solver`: every stage in
    /// turn, each held in the stages after it; then, for a MIP, the duals of
    /// the fixed-integer LP; then, when asked, the plan closest to a reference.
    public static func solve(_ formulation: Formulation, settings: Settings) throws -> Solution {
        try settings.solver.run { session in
            var run = try StageRun(formulation, settings: settings, session: session)
            for k in formulation.stages.indices {
                let outcome = try run.solveStage(k)
                run.record(outcome)
                settings.stageSolved?(k, run.bases[k], outcome.iterations)
                if !run.stopped, k + 1 < formulation.stages.count { try run.hold(k) }
            }
            try run.finish()
            return run.solution()
        }
    }
}

/// The state of one staged solve on its solver thread: the loaded problem,
/// what each stage gave, and the values of the last plan found.
struct StageRun {
    let f: Formulation
    let settings: Settings
    let session: any SolverSession
    let problem: any LoadedProblem
    let clock = ContinuousClock.now
    /// Every capacity row, for the marginal values.
    let capacityRows: [Int]
    var pricing: PartialPricing?

    var stages: [Solution.StageOutcome] = []
    var bases: [Basis?]
    /// The raw optimum (without constant) each stage handed on, and its hold row.
    var held: [Int: (optimum: Double, row: Int)] = [:]
    /// Whether the last LP stage reached its optimum from the base's basis.
    var fromBase = false
    /// The base's first basis made this model's (pricing's start asks for it too).
    var firstWarm: (basis: Basis, iterations: Int)?
    var status = Solution.Status.optimal
    var message: String?
    var values: [Double]
    var haveValues = false
    /// The columns of the objective now set, to clear for the next stage.
    var previous: [Int] = []
    /// Shaping within a cost tolerance under partial pricing: each shaping
    /// LP prices the columns left out against its own objective
    /// (`solveShaping`).
    var shapingPrices = false
    /// Set once a stage ends the solve (time limit, infeasible, error).
    var stopped = false
    /// The stage the limit ran out before (the note names it).
    var ranOutBefore: String?
    /// Stages the time limit stopped with a plan.
    var limited: [String] = []
    /// MIP stages whose search found no plan within GLPK's tolerances while
    /// their start met every row: the start stands, not proven optimal.
    var unproven: [String] = []
    /// MIP stages whose plan no LP could make exact with its binaries fixed (a
    /// tolerance effect, not the time): each keeps its start, not proven.
    var unpolished: [String] = []
    /// A MIP stage's plan when it is not the solver's last solution: its
    /// start (a search stopped before it took it) or its polished plan.
    var stagePlan: [Double]?
    /// Whether a hold row keeps the last stage at its optimum already (shaping adds one).
    var lastStageHeld = false

    typealias Settings = StagedSolver.Settings

    init(_ f: Formulation, settings: Settings, session: any SolverSession) throws {
        self.f = f
        self.settings = settings
        self.session = session
        capacityRows = f.capacity.rows
        bases = Array(repeating: nil, count: f.stages.count)
        values = [Double](repeating: 0, count: f.model.columns.count)
        if let options = settings.partialPricing, !f.isMixedInteger, let last = f.stages.last {
            // The base's first basis, when it fits the model as loaded.
            if let warm = settings.warmStart, warm.first {
                let (found, wait) = warm.basis(0, rows: f.model.rows.count, columns: f.model.columns.count)
                waited += wait
                firstWarm = found
            }
            let pricing = PartialPricing(
                f, cost: Dictionary(last.objective.map { ($0.column, $0.cost) }, uniquingKeysWith: +),
                warmBasis: firstWarm?.basis, options: options)
            // Only the columns free from the start go into the engine; the
            // others join it as pricing frees them (`ColumnSubset`).
            problem = try ColumnSubset(session: session, model: f.model, keep: pricing.freeFromStart)
            self.pricing = pricing
        } else {
            problem = try session.load(f.model, names: false)
        }
        try problem.scale()
    }

    /// Seconds spent waiting for the base's bases or plan, not for the solve.
    var waited = 0.0
    /// Seconds of the limit spent: the build before the solve, then the solve.
    var elapsed: Double { settings.spentBefore + seconds(ContinuousClock.now - clock) - waited }
    var timeLimit: Double { settings.timeLimit }

    /// Solves stage `k` with the stages before it held, and reads its optimum,
    /// capacity duals and plan.
    mutating func solveStage(_ k: Int) throws -> Solution.StageOutcome {
        let stage = f.stages[k]
        var outcome = Solution.StageOutcome(
            name: stage.name, kind: stage.kind, objective: nil, termination: nil,
            iterations: 0, seconds: 0, gap: nil, capacityDuals: [:])
        if stopped { return outcome }
        // A priority with nothing to staff: its optimum is its constant.
        if stage.objective.isEmpty, case .priority = stage.kind {
            outcome.objective = stage.constant
            outcome.termination = .optimal
            return outcome
        }
        let remaining = timeLimit - elapsed
        if remaining <= 0 {
            status = .feasible
            message = "the time limit of \(format(timeLimit)) s ran out before stage \(stage.name)"
            ranOutBefore = stage.name
            stopped = true
            return outcome
        }
        try setObjective(of: stage)
        if k > 0, pricing != nil {
            // Each stage after the first prices anew from the columns the last optimum uses.
            let loaded = problem
            try pricing!.shrink(in: loaded, basis: loaded.basis())
        }
        let method = startingMethod(k)
        let started = elapsed
        settings.progress?(.init(kind: .start, stage: stage.name, elapsed: started))
        let result =
            f.isMixedInteger
            ? try branchAndBound(k, remaining: remaining, started: started)
            : try solveStageLP(k, method: method, timeLimit: remaining)
        settings.progress?(
            .init(
                kind: .end, stage: stage.name, elapsed: elapsed,
                incumbent: result.objective.map { $0 + stage.constant },
                bound: result.bound.map { $0 + stage.constant }, gap: result.gap,
                status: Plan.statusText(result.termination)))
        outcome.termination = result.termination
        outcome.fromBase = fromBase
        outcome.iterations = result.iterations
        outcome.seconds = result.seconds
        try interpret(result, of: k, into: &outcome)
        return outcome
    }

    /// Replaces the objective: the previous stage's coefficients cleared,
    /// this one's set.
    mutating func setObjective(of stage: Stage) throws {
        try problem.setObjective(previous.map { ($0, 0.0) } + stage.objective)
        try problem.setSense(stage.sense)
        previous = stage.objective.map(\.column)
    }

    /// The simplex method for stage `k` from where the problem stands.
    /// First stage: primal simplex for the weighted objective, whose large
    /// weights made dual 2-3x slower than glpsol's primal on the same model
    /// (bench/RESULTS.md, tiers M, L), and for a priority stage under
    /// partial pricing (bench tier M's whole solve 20% faster, L's stages 5%
    /// fewer iterations); dual simplex for a priority stage of a smaller
    /// model, where primal's other optimal vertex shaped acme's plan worse
    /// (bench/NOTES.md, speed lever 13). Later stages continue from the
    /// previous optimal basis with primal simplex: a hold row and a new
    /// objective keep it primal feasible. (`solveStageLP` may start a
    /// what-if's stage from its base's basis instead.)
    func startingMethod(_ k: Int) -> SimplexOptions.Method {
        guard k == 0 else { return .primal }
        return f.stages[0].kind == .weighted || pricing != nil ? .primal : .dualThenPrimal
    }

    /// The base's optimal basis for stage `k` and its iterations, when the
    /// base has one and it fits the problem as it is now (the same hold rows
    /// added). The wait for the base's stage spends none of the limit.
    mutating func warmBasis(_ k: Int) -> (basis: Basis, iterations: Int)? {
        guard let warm = settings.warmStart, k > 0 || warm.first else { return nil }
        if k == 0, let first = firstWarm { return first }
        let (found, wait) = warm.basis(k, rows: problem.rowCount, columns: problem.columnCount)
        waited += wait
        if k == 0 { firstWarm = found }
        return found
    }

    /// Reads a stage's result: its optimum or incumbent, duals and values,
    /// or why the solve stops here.
    mutating func interpret(_ result: SolveResult, of k: Int, into outcome: inout Solution.StageOutcome) throws {
        let stage = f.stages[k]
        switch (result.termination, result.solution) {
        case (.optimal, .optimal), (.optimal, .feasible), (.gapReached, .feasible):
            outcome.objective = (result.objective ?? 0) + stage.constant
            if f.isMixedInteger {
                // Proven within mip_gap: report the gap the search stopped at.
                outcome.gap = result.gap
            } else {
                let duals = try problem.rowDuals()
                for r in capacityRows where abs(duals[r]) > 1e-9 { outcome.capacityDuals[r] = duals[r] }
            }
            values = try stagePlan ?? problem.columnValues()
            stagePlan = nil
            haveValues = true
            if settings.keepBases && !f.isMixedInteger { bases[k] = try problem.basis() }
        case (.timeLimit, .feasible), (.iterationLimit, .feasible), (.stopped, .feasible):
            // A feasible plan: keep it, with the gap proven so far. A MIP
            // stage stopped by its share hands its incumbent on (held like
            // an optimum); an LP stage means the whole limit is spent.
            // Overtime and moved hours at their least: a cost stopped
            // part-way (or a MIP's plan before) may carry more of them than
            // the hours need, a cost nobody pays.
            values = f.tightened(try stagePlan ?? problem.columnValues())
            stagePlan = nil
            let z = stage.value(at: values)
            outcome.objective = z + stage.constant
            // Against the plan as handed on (its overtime at its least), and
            // the bound the stage proved; an LP stopped part-way has none of
            // its own: the one that takes no solve.
            outcome.gap = stage.gap(at: z, bound: result.bound)
            haveValues = true
            status = .feasible
            let named = stage.name + (outcome.gap.map { " (gap \(format(100 * $0, decimals: 3))%)" } ?? "")
            if unproven.contains(stage.name) {
                unproven[unproven.firstIndex(of: stage.name)!] = named
                outcome.unproven = true
            } else if unpolished.contains(stage.name) {
                unpolished[unpolished.firstIndex(of: stage.name)!] = named
                outcome.unproven = true
            } else {
                limited.append(named)
            }
            stopped = !f.isMixedInteger
        case (.timeLimit, _), (.iterationLimit, _), (.stopped, _):
            outcome.bound = result.bound
            status = .feasible
            message =
                "the time limit of \(format(timeLimit)) s stopped stage \(stage.name) before it found a plan; "
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
    }

    mutating func record(_ outcome: Solution.StageOutcome) {
        stages.append(outcome)
    }

    /// Holds priority stage `k` at its optimum (or incumbent) in every later
    /// stage, by a `hold[...]` row (`Stage.holdRow`).
    mutating func hold(_ k: Int) throws {
        let stage = f.stages[k]
        guard case .priority = stage.kind, let z = stages[k].objective, stages[k].termination != nil,
            !(stage.objective.isEmpty)
        else { return }
        let raw = z - stage.constant
        let (row, coefficients) = stage.holdRow(at: raw)
        held[k] = (raw, try problem.addRows([row], coefficients: [coefficients]))
    }

    /// After the stages: the time-limit message, the MIP duals, the closing stage.
    mutating func finish() throws {
        if !limited.isEmpty {
            let stages = limited.count == 1 ? "stage" : "stages"
            let stopped =
                "the time limit of \(format(timeLimit)) s stopped \(stages) \(limited.joined(separator: ", "))"
                + " before proving optimality"
            message = message.map { stopped + "; " + $0 } ?? stopped
        }
        // An LP stage stopped by the limit ends the solve: the stages after
        // it are named, so the note does not read as if only one stopped.
        let skipped = stages.filter { $0.termination == nil && $0.objective == nil && $0.name != ranOutBefore }
            .map(\.name)
        if !skipped.isEmpty {
            let note =
                "\(skipped.count == 1 ? "stage" : "stages") \(skipped.joined(separator: ", ")) "
                + "not solved"
            message = message.map { $0 + "; " + note } ?? note
        }
        if !unpolished.isEmpty {
            let note =
                "no LP made GLPK's plan for \(unpolished.joined(separator: ", ")) exact with its binaries fixed "
                + "(its tolerances let a binary at 0 carry hours): the start is kept, not proven optimal"
            message = message.map { $0 + "; " + note } ?? note
        }
        if !unproven.isEmpty {
            let note =
                "GLPK's search found no plan for \(unproven.joined(separator: ", ")) within its tolerances, "
                + "though its start meets every constraint: the start is kept, not proven optimal"
            message = message.map { $0 + "; " + note } ?? note
        }
        // Without any solution (stopped in the first stage) the plan is the
        // trivially feasible one: no hours beyond the locked ones, which
        // serve the demand they meet (they had counted as 0 h staffed).
        if !haveValues {
            values = [Double](repeating: 0, count: f.model.columns.count)
            for (j, hours) in f.lockedPools.served { values[j] = hours }
        }
        // A stage without a plan of its own still has the plan handed on:
        // its value there, and the gap against the bound that takes no
        // solve (it had neither, and the plan's gap was not known).
        // Only a plan a time limit stopped: an infeasible or failed solve has none to hand on.
        let unsolved = stages.indices.filter {
            status == .feasible && $0 < f.stages.count && stages[$0].objective == nil
        }
        let handed = unsolved.isEmpty ? [] : f.tightened(values)
        for k in unsolved {
            let stage = f.stages[k], z = stage.value(at: handed)
            stages[k].objective = z + stage.constant
            stages[k].handedOn = true
            stages[k].gap = stage.gap(at: z, bound: stages[k].bound)
        }
        if f.isMixedInteger && haveValues {
            try fixIntegers()
            try mipDuals()
        }
        // A what-if with a reference (compare) stays as close as its optima
        // allow to the base plan, which was shaped: that keeps the base's
        // shape wherever the scenario does not force a change, and shows
        // only the changes it forces. Shaping it on its own first would fix
        // its emptied pairs at 0 and move it away from the base (measured on
        // acme: 976 assignments changed on heike-leaves, against 150 without).
        if settings.closeTo == nil { try shape() }
        if let closeTo = settings.closeTo, status == .optimal, let last = f.stages.last,
            let z = stages.last?.objective
        {
            // The base may still be solving beside this run: the wait spends none of the limit.
            let start = ContinuousClock.now
            let reference = closeTo()
            waited += seconds(ContinuousClock.now - start)
            if let reference { try closest(to: reference, optimum: z - last.constant) }
        }
    }

    func solution() -> Solution {
        Solution(
            status: status, message: message, stageBases: bases, warmStarted: stages.contains(where: \.fromBase),
            values: values,
            stages: stages, log: session.takeLog(), seconds: seconds(ContinuousClock.now - clock) - waited,
            pricingRounds: pricing?.rounds ?? 0, mostEngineColumns: (problem as? ColumnSubset)?.mostEngineColumns,
            engine: settings.solver.name)
    }
}
