import LinearModel

extension StageRun {
    /// An LP priority or cost stage. A what-if's stage starts from its
    /// base's optimal basis of the same stage with dual simplex, when the
    /// base has one that fits (`warmBasis`): the first stage always, the
    /// later ones under partial pricing only. That basis is optimal but for
    /// what the scenario changed (its numbers, or a project's priority).
    /// Measured on bench tiers M and L, the later stages took a half to a
    /// third of the iterations of continuing from the scenario's own
    /// previous stage (bench/NOTES.md, speed lever 17); on acme (no partial
    /// pricing) 3.7 times as many, hence the condition. Dual simplex from a
    /// basis that is neither primal nor dual feasible may crawl (primal
    /// simplex from the same bases ran for minutes on tier M's budgets-120),
    /// so a stage gives the base's basis up after as many iterations as the
    /// base's stage took, or when it fails (a basis of other coefficients,
    /// or carried to another shape, may be singular). The stage then starts
    /// again from where it stood, as a stage without a base does.
    mutating func solveStageLP(_ k: Int, method: SimplexOptions.Method, timeLimit: Double) throws -> SolveResult {
        let stage = f.stages[k]
        fromBase = false
        guard k == 0 || pricing != nil, let base = warmBasis(k) else {
            return try solveLP(method: method, timeLimit: timeLimit, sense: stage.sense, largestCost: stage.largestCost)
        }
        let basis = base.basis
        let own = try problem.basis()
        // The first stage's pricing freed the basis's columns from the start.
        if k > 0 {
            let loaded = problem, basic = f.hours.columns.filter { basis.columns[$0] == .basic }
            try pricing?.free(basic, in: loaded)
        }
        try problem.setBasis(basis)
        let warm = try solveLP(
            method: .dualThenPrimal, timeLimit: timeLimit,
            iterationLimit: max(base.iterations, 100), sense: stage.sense,
            largestCost: stage.largestCost)
        if warm.termination == .optimal || warm.termination == .timeLimit {
            fromBase = true
            return warm
        }
        try problem.setBasis(own)
        // A later stage prices anew from the columns its start uses (as
        // `solveStage` does before it): the attempt's columns left out again.
        if k > 0, pricing != nil {
            let loaded = problem, restored = try loaded.basis()
            try pricing!.shrink(in: loaded, basis: restored)
        }
        var result = try solveLP(
            method: method, timeLimit: max(timeLimit - warm.seconds, 0.001), sense: stage.sense,
            largestCost: stage.largestCost)
        result.iterations += warm.iterations
        result.seconds += warm.seconds
        return result
    }

    /// One LP stage: a simplex solve and, with partial pricing, rounds of
    /// freeing the columns that price out and re-solving with primal simplex
    /// until none does (then the optimum holds for every column). Iterations
    /// and seconds are those of all rounds; `iterationLimit` caps them all.
    mutating func solveLP(
        method: SimplexOptions.Method, timeLimit: Double, iterationLimit: Int? = nil, sense: LinearProblem.Sense,
        largestCost: Double
    ) throws -> SolveResult {
        let clock = ContinuousClock.now
        let problem = self.problem
        var result = try problem.solveSimplex(
            SimplexOptions(method: method, timeLimit: timeLimit, iterationLimit: iterationLimit))
        guard pricing != nil else { return result }
        var iterations = result.iterations
        while result.termination == .optimal,
            try pricing!.freeImproving(in: problem, sense: sense, largestCost: largestCost) > 0
        {
            let left = timeLimit - seconds(ContinuousClock.now - clock)
            let iterationsLeft = iterationLimit.map { $0 - iterations }
            guard left > 0, iterationsLeft.map({ $0 > 0 }) ?? true else {
                // The restricted optimum is a plan, not a proven optimum.
                result.termination = left > 0 ? .iterationLimit : .timeLimit
                result.solution = .feasible
                break
            }
            result = try problem.solveSimplex(
                SimplexOptions(method: .primal, timeLimit: left, iterationLimit: iterationsLeft))
            iterations += result.iterations
        }
        result.iterations = iterations
        result.seconds = seconds(ContinuousClock.now - clock)
        return result
    }
}
