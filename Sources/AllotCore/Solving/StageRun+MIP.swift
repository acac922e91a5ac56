import LinearModel

extension StageRun {
    /// One MIP stage by branch and bound. One limit is shared by the stages:
    /// once it has a plan, a stage stops at an even share of what is left, so
    /// a hard first stage cannot starve the rest (time it does not use passes
    /// on); without a plan yet it may use all that is left.
    func branchAndBound(_ k: Int, remaining: Double, started: Double) throws -> SolveResult {
        let name = f.stages[k].name
        let report = settings.progress
        let m = settings.mip
        let left = f.stages[k...].filter { !$0.objective.isEmpty }.count
        let share = remaining / Double(max(1, left))
        return try problem.solveMIP(
            MIPOptions(
                timeLimit: remaining, gap: settings.mipGap, presolve: m.presolve, gomoryCuts: m.cuts, mirCuts: m.cuts,
                coverCuts: m.coverCuts, cliqueCuts: m.cuts, feasibilityPump: m.feasibilityPump,
                progress: { @Sendable p in
                    report?(
                        StagedSolver.ProgressEvent(
                            kind: .search, stage: name, elapsed: started + p.elapsed,
                            incumbent: p.incumbent, bound: p.bound, gap: p.gap))
                    return p.incumbent != nil && p.elapsed >= share
                }, progressInterval: 0.25))
    }

    /// Turns the binaries continuous and fixes them at their (rounded) values:
    /// what is left is an LP, for duals and the closing stage.
    func fixIntegers() throws {
        try problem.setKinds(f.integerColumns.map { ($0, .continuous) })
        try problem.setColumnBounds(
            f.integerColumns.map { j in
                let v = values[j].rounded()
                return BoundChange(index: j, lower: v, upper: v)
            })
    }

    /// Capacity duals of a MIP plan, per stage, from the LP with its integers
    /// fixed (docs/solver-notes.md): each stage's objective with the holds
    /// before it active and its own and later ones free (rows are never
    /// deleted). Every hold is active again at the end.
    mutating func mipDuals() throws {
        let timeLimit = self.timeLimit - elapsed
        guard timeLimit > 0 else { return }
        var lowerOf: [Int: Double] = [:]
        for (k, h) in held { lowerOf[k] = f.stages[k].heldLowerBound(at: h.optimum) }
        // The basis left by branch and bound belongs to the root relaxation;
        // with the integers now fixed, start from the solver's advised basis.
        try problem.resetBasis()
        for (k, stage) in f.stages.enumerated() where stages[k].objective != nil {
            try problem.setRowBounds(
                held.sorted { $0.key < $1.key }.map { j, h in
                    j < k
                        ? BoundChange(index: h.row, lower: lowerOf[j] ?? -.infinity, upper: .infinity)
                        : BoundChange(index: h.row, lower: -.infinity, upper: .infinity)
                })
            try setObjective(of: stage)
            let r = try problem.solveSimplex(SimplexOptions(method: .dualThenPrimal, timeLimit: max(0.001, timeLimit)))
            guard r.termination == .optimal else { continue }
            let duals = try problem.rowDuals()
            for row in capacityRows where abs(duals[row]) > 1e-9 { stages[k].capacityDuals[row] = duals[row] }
        }
        try problem.setRowBounds(
            held.map { j, h in
                BoundChange(index: h.row, lower: lowerOf[j] ?? -.infinity, upper: .infinity)
            })
    }
}
