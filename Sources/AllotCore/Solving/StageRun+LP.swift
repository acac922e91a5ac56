import LinearModel

extension StageRun {
    /// One LP stage: a simplex solve and, with partial pricing, rounds of
    /// freeing the columns that price out and re-solving with primal simplex
    /// until none does (then the optimum holds for every column). Iterations
    /// and seconds are those of all rounds.
    mutating func solveLP(
        method: SimplexOptions.Method, timeLimit: Double, sense: LinearProblem.Sense,
        largestCost: Double
    ) throws -> SolveResult {
        let clock = ContinuousClock.now
        let problem = self.problem
        var result = try problem.solveSimplex(SimplexOptions(method: method, timeLimit: timeLimit))
        guard pricing != nil else { return result }
        var iterations = result.iterations
        while result.termination == .optimal,
            try pricing!.freeImproving(in: problem, sense: sense, largestCost: largestCost) > 0
        {
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
}
