import LinearModel

extension StageRun {
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
