import LinearModel

extension StageRun {
    /// This closing stage's name: it holds every optimum, so it proves no
    /// gap of its own (`Plan.stagesWithoutGap`).
    static let closestStageName = "closest-to-base"

    /// compare's closing stage: with the last stage held at `optimum`, the
    /// optimal plan with the least sum of |hours - reference hours| over the
    /// plan's rows (`AbsoluteDeviation`, one `closeness[...]` row and one
    /// `above-closeness[...]` column per row with reference hours).
    ///
    /// It is a nicety, so it gets a budget: twice the simplex iterations of
    /// the stages (at least 10,000), counted, not timed, so the files stay the
    /// same on every machine and --jobs. Stopped early it still returns an
    /// optimal plan (every stage is held), only not the closest one. Measured
    /// on bench tier M's 'reprioritise': the stages took 3 s, this LP
    /// unbounded over 100 s. With the integers fixed (MIP) it is an LP.
    mutating func closest(to base: StagedSolver.Reference, optimum z: Double) throws {
        let reference = base.hours
        var outcome = Solution.StageOutcome(
            name: Self.closestStageName, kind: .cost, objective: nil, termination: nil,
            iterations: 0, seconds: 0, gap: nil, capacityDuals: [:])
        settings.progress?(.init(kind: .start, stage: Self.closestStageName, elapsed: elapsed))
        defer {
            stages.append(outcome)
            settings.progress?(
                .init(
                    kind: .end, stage: Self.closestStageName, elapsed: elapsed,
                    status: outcome.termination.map(Plan.statusText)))
        }
        let timeLimit = self.timeLimit - elapsed
        let iterationLimit = max(10_000, 2 * stages.reduce(0) { $0 + $1.iterations })
        let problem = self.problem
        guard timeLimit > 0 else { return }
        let deviation = AbsoluteDeviation(groups: f.assignmentGroups, reference: reference, weight: 1)
        // The reference plan itself, when this model has room for it and it
        // holds every stage: nothing is closer (bench tier L's leave-1 and
        // leave-2 spent 18-21 s of simplex to walk back to it). Only at a
        // distance of 0 up to rounding (any other plan might be closer), and
        // not for a MIP, whose integers and marginal values are fixed already.
        if !f.isMixedInteger, let plan = referencePlan(base.columns, optimum: z) {
            let distance = max(0, deviation.distance(plan))  // a sum of |.|: below 0 only by rounding
            // In key order: the same sum, to the last bit, on every run.
            let hours = reference.keys.sorted().reduce(0.0) { $0 + abs(reference[$1]!) }
            if distance <= 1e-9 * max(1, hours) {
                outcome.termination = .optimal
                outcome.objective = distance
                values = plan
                return
            }
        }
        if !lastStageHeld {
            let holds = closingHolds(raw: z, tolerancePercent: 0).rows
            try problem.addRows(holds.map(\.row), coefficients: holds.map(\.coefficients))
            lastStageHeld = true
        }

        var costs: [Int: Double] = [:]
        for j in f.stages.flatMap({ $0.objective.map(\.column) }) + previous where costs[j] == nil { costs[j] = 0 }
        for (j, c) in deviation.costs { costs[j] = c }
        let rows = deviation.excess.map { LinearProblem.Row(name: "closeness[\($0.name)]", upper: $0.target) }
        let rowCoefficients = deviation.excess.map { e in e.columns.map { (column: $0, value: 1.0) } }
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
        // With partial pricing, the hours columns left out price in as in a stage;
        // the reference plan's own columns, where the closest plan heads, are
        // freed at once (at 0, so the basis stays primal feasible).
        if pricing != nil {
            try pricing!.free(deviation.excess.flatMap(\.columns).filter { $0 < f.hours.count }, in: problem)
        }
        let result = try solveLP(
            method: .primal, timeLimit: timeLimit, iterationLimit: iterationLimit, sense: .minimize,
            largestCost: costs.values.reduce(0) { max($0, abs($1)) })
        outcome.termination = result.termination
        outcome.iterations = result.iterations
        outcome.seconds = result.seconds
        // Primal simplex keeps its basis feasible: stopped by the cap, it is
        // still a plan with every stage held, closer to the reference than before.
        guard result.solution != .none else { return }
        outcome.objective = (result.objective ?? 0) + deviation.constant
        values = Array(try problem.columnValues().prefix(f.model.columns.count))
    }

    /// The reference plan's values on this model's columns (by name), if
    /// every one of them has a column here and together they keep every
    /// row and bound of the model and the optimum of every stage as its hold
    /// row does (priority stages at their held optima, the last stage as
    /// `closingHolds` holds it at `z`); nil
    /// otherwise. Only for an LP (`closest` skips it for a MIP).
    func referencePlan(_ columns: [String: Double], optimum z: Double) -> [Double]? {
        let model = f.model
        var x = [Double](repeating: 0, count: model.columns.count)
        var found = 0
        for j in model.columns.indices {
            guard let v = columns[f.columnName(j)] else { continue }
            x[j] = v
            found += 1
        }
        guard found == columns.count else { return nil }
        func within(_ value: Double, _ lower: Double, _ upper: Double, tolerance: Double) -> Bool {
            value >= lower - tolerance * max(1, abs(lower)) && value <= upper + tolerance * max(1, abs(upper))
        }
        for (j, column) in model.columns.enumerated() where !within(x[j], column.lower, column.upper, tolerance: 1e-9) {
            return nil
        }
        var activity = [Double](repeating: 0, count: model.rows.count)
        for c in model.coefficients { activity[c.row] += c.value * x[c.column] }
        for (i, row) in model.rows.enumerated() where !within(activity[i], row.lower, row.upper, tolerance: 1e-7) {
            return nil
        }
        let holds =
            held.map { f.stages[$0.key].holdRow(at: $0.value.optimum) } + closingHolds(raw: z, tolerancePercent: 0).rows
        for (row, coefficients) in holds {
            let value = coefficients.reduce(0.0) { $0 + $1.value * x[$1.column] }
            guard within(value, row.lower, row.upper, tolerance: 1e-9) else { return nil }
        }
        return x
    }
}
