import LinearModel

/// The closing shaping stage (docs/how-it-works.md, "Shaping"): with every
/// priority held and the last stage's optimum held (cost, within
/// `cost_tolerance_percent`), pick the plan a team can act on.
///
/// 1. Concentration, `concentrationRounds` LPs: minimise the sum over hours
///    columns of x / (1 + hours of its (person, project) pair in the plan so
///    far). A pair with many hours is cheap to add to and a pair with few is
///    dear, so small pairs empty into large ones: the usual reweighted-L1
///    route to few pairs, i.e. few projects per person and few people per
///    project and skill.
/// 2. Pairs the concentration emptied stay empty (their columns fixed at 0).
/// 3. Steadiness, one LP: minimise the total variation of each kept pair's
///    hours (solver and locked) from one period to the next,
///    sum |h[s,p,t] - h[s,p,t-1]|, with one row and two columns per pair and
///    consecutive periods: h[t] - h[t-1] - up + down = 0; plus, per hours
///    column, `rowWeight` / (1 + hours of its plan row so far), which keeps
///    each plan row (person, project, skill, period) whole.
/// 4. Slivers, one LP: the steadiness objective again, with each plan row
///    under 4 h rewarded for every hour up to 4, and no new plan row
///    (`liftSlivers`).
///
/// Each LP starts from the basis the one before left (the plan stays
/// feasible: only the objective changes, or columns at 0 are fixed there),
/// so primal simplex only improves a plan that already holds every stage.
/// With partial pricing, shaping at tolerance 0 works on the last stage's
/// optimal face, every column of it and no other (`openFace`); within a cost
/// tolerance each of its LPs prices the columns left out against its own
/// objective, as a stage does, so that it chooses among every column.
extension StageRun {
    /// This closing stage's name: it holds every optimum, so it proves no
    /// gap of its own (`Plan.stagesWithoutGap`).
    static let shapingStageName = "shaping"

    static let concentrationRounds = 3
    /// Weight of the plan-row term in the steadiness LP (measured on acme,
    /// bench/NOTES.md: 4 gives 1.43 runs, 1.74 people per cell and 5.5%
    /// slivers; 16 gives 1.50, 1.72 and 4.4%; 40 gives 1.55, 1.73 and 4.6%).
    static let rowWeight = 16.0
    /// Worth of an hour that lifts a sliver towards 4 h (step 4).
    static let liftWeight = 5.0

    mutating func shape() throws {
        guard f.shapingEnabled, !stopped, haveValues, let k = f.stages.indices.last,
            let z = stages[k].objective, !f.hours.entries.isEmpty
        else { return }
        let clock = ContinuousClock.now
        var outcome = Solution.StageOutcome(
            name: Self.shapingStageName, kind: .cost, objective: nil, termination: nil,
            iterations: 0, seconds: 0, gap: nil, capacityDuals: [:])
        // --progress shows it as a stage: on bench tier L it takes 7-12 s after the cost stage.
        settings.progress?(.init(kind: .start, stage: Self.shapingStageName, elapsed: elapsed))
        defer {
            outcome.seconds = seconds(ContinuousClock.now - clock)
            stages.append(outcome)
            settings.progress?(
                .init(
                    kind: .end, stage: Self.shapingStageName, elapsed: elapsed,
                    status: outcome.termination.map(Plan.statusText)))
        }
        let stage = f.stages[k]
        let holds = closingHolds(raw: z - stage.constant, tolerancePercent: f.shapingCostTolerancePercent)
        if holds.allowance == 0, pricing != nil, stages[k].termination == .optimal {
            try openFace(of: stage)
        } else if pricing != nil {
            shapingPrices = true
        }
        try problem.addRows(holds.rows.map(\.row), coefficients: holds.rows.map(\.coefficients))
        lastStageHeld = true

        let index = f.shaping
        var x = values
        for _ in 0..<Self.concentrationRounds {
            var pairHours = index.pairs.map(\.lockedTotal)
            for j in f.hours.columns where x[j] > 0 { pairHours[index.pairOfColumn[j]] += x[j] }
            let terms = f.hours.columns.map { j in (column: j, cost: 1 / (1 + pairHours[index.pairOfColumn[j]])) }
            guard let next = try solveShaping(terms, into: &outcome) else {
                // Stopped (the time limit): the last plan reached holds every stage.
                values = Array(x.prefix(f.model.columns.count))
                return
            }
            x = next
        }
        // Pairs left without hours stay without.
        var used = [Bool](repeating: false, count: index.pairs.count)
        for j in f.hours.columns where x[j] > Plan.noise { used[index.pairOfColumn[j]] = true }
        for (p, pair) in index.pairs.enumerated() where pair.lockedTotal > 0 { used[p] = true }
        let emptied = f.hours.columns.filter { !used[index.pairOfColumn[$0]] }
        try problem.setColumnBounds(emptied.map { BoundChange(index: $0, lower: 0, upper: 0) })
        pricing?.keepOut(emptied)
        let variation = steadinessRows(index, used: used)
        let firstRow = try problem.addRows(variation.rows, coefficients: variation.coefficients)
        let firstColumn = try problem.addColumns(
            variation.rows.indices.flatMap { r in
                [
                    LinearProblem.Column(name: "up[\(r)]", lower: 0, upper: .infinity, cost: 0),
                    LinearProblem.Column(name: "down[\(r)]", lower: 0, upper: .infinity, cost: 0),
                ]
            },
            coefficients: variation.rows.indices.flatMap { r in [[(firstRow + r, -1.0)], [(firstRow + r, 1.0)]] })
        // Start feasible: each new row basic with its up or down column
        // carrying today's difference.
        var basis = try problem.basis()
        let activity = variation.coefficients.map { $0.reduce(0.0) { $0 + $1.value * x[$1.column] } }
        for r in variation.rows.indices {
            let difference = activity[r] - variation.rows[r].lower
            basis.rows[firstRow + r] = .fixed
            basis.columns[firstColumn + 2 * r] = difference > 0 ? .basic : .lower
            basis.columns[firstColumn + 2 * r + 1] = difference > 0 ? .lower : .basic
        }
        try problem.setBasis(basis)
        // Total variation, plus rowWeight / (1 + hours of its plan row) on
        // each hours column: without it the steadiest plan spreads a pair
        // thinly over its periods, with more people per cell and more slivers.
        var groupOf = [Int](repeating: 0, count: f.hours.count)
        for g in f.assignmentGroups.indices { for j in f.assignmentGroups.columns(of: g) { groupOf[Int(j)] = g } }
        let rowHours = planRowHours(x, groupOf: groupOf)
        let terms =
            (0..<(2 * variation.rows.count)).map { (column: firstColumn + $0, cost: 1.0) }
            + f.hours.columns.map { (column: $0, cost: Self.rowWeight / (1 + rowHours[groupOf[$0]])) }
        guard let steady = try solveShaping(terms, into: &outcome) else {
            values = Array(x.prefix(f.model.columns.count))
            return
        }
        x = steady
        let steadiness = Array(terms.prefix(2 * variation.rows.count))
        if let lifted = try liftSlivers(steadiness: steadiness, groupOf: groupOf, x: x, into: &outcome) { x = lifted }
        values = Array(x.prefix(f.model.columns.count))
    }

    /// The rows that hold what the last stage reached while a closing stage
    /// (shaping, compare's closest) picks among its plans, at `raw` (its
    /// optimum without the constant), and the cost allowance they give
    /// (`tolerancePercent` of the cost). After a lexicographic solve, the
    /// last stage's hold (the cost's, widened by the allowance; the
    /// priorities' holds are in the model already). After a weighted
    /// solve, each priority's staffed hours and the cost at their values in
    /// the current plan (`Formulation.weightedParts`), as the spec holds
    /// them: the weighted sum held within its relative tolerance gave 59 EUR
    /// of acme's cost away to shaping.
    func closingHolds(raw: Double, tolerancePercent: Double)
        -> (rows: [(row: LinearProblem.Row, coefficients: [(column: Int, value: Double)])], allowance: Double)
    {
        let last = f.stages[f.stages.count - 1]
        guard last.kind == .weighted, !f.weightedParts.isEmpty else {
            let allowance = last.kind == .cost ? tolerancePercent / 100 * abs(raw + last.constant) : 0
            return ([last.holdRow(at: raw, allowance: allowance, normalized: true)], allowance)
        }
        var allowance = 0.0
        let rows = f.weightedParts.map { part in
            let value = part.value(at: values)
            let widen = part.kind == .cost ? tolerancePercent / 100 * abs(value + part.constant) : 0
            if part.kind == .cost { allowance = widen }
            return part.holdRow(at: value, allowance: widen, normalized: true)
        }
        return (rows, allowance)
    }

    /// Step 4, slivers: one LP that raises each plan row under
    /// `PlanShape.sliver` hours towards it. Per such row (without locked
    /// hours) a column `lift` in [0, sliver] with `lift <= the row's hours`,
    /// worth `liftWeight` an hour. The steadiness terms stay, and so does the
    /// plan-row term, a sliver's as if it had 4 h already (16 / 5): an hour
    /// that lifts it gains 5 - 3.2, and an hour beyond 4 h costs at least what
    /// it saves any row it comes from (whose weight is at most 3.2), so a sliver
    /// stops at 4 h. No plan row may start (the hours columns of rows without
    /// hours are fixed at 0): the hours a sliver gains come from rows that
    /// exist. Each demand row is fixed at its activity, so no cell's unmet
    /// hours move (on acme, without that, the same unmet hours spread over
    /// 100 conflict lines instead of 94). On acme: 74 slivers to 67 (4.41% to
    /// 3.995% of the rows), every other figure unchanged. Nil when there is
    /// no sliver or the LP does not end optimal (the steady plan stands).
    /// Measured in bench/NOTES.md, "Shaping (session 8)".
    mutating func liftSlivers(
        steadiness: [(column: Int, cost: Double)], groupOf: [Int], x: [Double],
        into outcome: inout Solution.StageOutcome
    ) throws -> [Double]? {
        let groups = f.assignmentGroups
        let rowHours = planRowHours(x, groupOf: groupOf)
        let slivers = groups.indices.filter {
            groups.locked(of: $0) == 0 && rowHours[$0] > Plan.noise && rowHours[$0] < PlanShape.sliver
        }
        guard !slivers.isEmpty else { return nil }
        let withoutHours = f.hours.columns.filter { rowHours[groupOf[$0]] <= Plan.noise }
        try problem.setColumnBounds(withoutHours.map { BoundChange(index: $0, lower: 0, upper: 0) })
        pricing?.keepOut(withoutHours)
        // Each demand cell keeps its staffed hours, so its unmet hours (and
        // the conflicts that report them) stay as the steady plan has them.
        let activity = try problem.rowActivities()
        try problem.setRowBounds(
            f.demand.rowOf.compactMap { $0 }.map { BoundChange(index: $0, lower: activity[$0], upper: activity[$0]) })
        let first = try problem.addColumns(
            slivers.indices.map {
                LinearProblem.Column(name: "lift[\($0)]", lower: 0, upper: PlanShape.sliver, cost: 0)
            },
            coefficients: slivers.map { _ in [] })
        try problem.addRows(
            slivers.indices.map { LinearProblem.Row(name: "lift[\($0)]", upper: 0) },
            coefficients: slivers.enumerated().map { k, g in
                [(column: first + k, value: 1.0)] + groups.columns(of: g).map { (column: Int($0), value: -1.0) }
            })
        var isSliver = [Bool](repeating: false, count: groups.count)
        for g in slivers { isSliver[g] = true }
        let terms =
            steadiness
            + f.hours.columns.map {
                (
                    column: $0,
                    cost: Self.rowWeight / (1 + (isSliver[groupOf[$0]] ? PlanShape.sliver : rowHours[groupOf[$0]]))
                )
            }
            + slivers.indices.map { (column: first + $0, cost: -Self.liftWeight) }
        return try solveShaping(terms, into: &outcome)
    }

    /// Hours of each plan row (assignment group) in plan `x`: its locked
    /// hours plus its columns' positive values.
    func planRowHours(_ x: [Double], groupOf: [Int]) -> [Double] {
        let groups = f.assignmentGroups
        var hours = groups.indices.map { groups.locked(of: $0) }
        for j in f.hours.columns where x[j] > 0 { hours[groupOf[j]] += x[j] }
        return hours
    }

    /// Makes the working LP the last stage's optimal face. Every hours
    /// column that is non-basic at 0 in the optimum with a reduced cost worse
    /// than GLPK's optimality tolerance is fixed at 0: by complementary
    /// slackness no plan at that optimum gives it an hour (only the hold
    /// row's rounding slack, 1e-8 of the optimum, could). Every column that
    /// pricing left out and whose reduced cost is within the tolerance is
    /// freed: it is on the face, and shaping may use it. Used with partial
    /// pricing (models of 20,000 hours columns or more). Fixing the off-face
    /// columns cut shaping from 1.28 to 1.07 s on tier M and from 21.8 to
    /// 12.5 s on L; freeing the on-face ones (needed once each stage prices
    /// anew) left M's busiest person with 15 projects instead of 16 and L's
    /// with 18 instead of 21. On acme (6,932 columns) fixing saved nothing
    /// measurable and led simplex to another, less steady plan (bench/NOTES.md,
    /// "Speed levers" 4 and 5).
    mutating func openFace(of stage: Stage) throws {
        let tolerance = PartialPricing.optimalityTolerance(largestCost: stage.largestCost)
        let d = try problem.reducedCosts()
        let basis = try problem.basis()
        var off: [BoundChange] = []
        var on: [Int] = []
        for j in f.hours.columns where basis.columns[j] != .basic && values[j] == 0 {
            let worse = stage.sense == .minimize ? d[j] : -d[j]
            if worse > tolerance { off.append(BoundChange(index: j, lower: 0, upper: 0)) } else { on.append(j) }
        }
        let loaded = problem
        try pricing?.free(on, in: loaded)
        try problem.setColumnBounds(off)
    }

    /// Sets `terms` as the objective (minimise; earlier terms cleared) and
    /// solves from the current basis. Nil when it does not end optimal.
    mutating func solveShaping(_ terms: [(column: Int, cost: Double)], into outcome: inout Solution.StageOutcome)
        throws -> [Double]?
    {
        try problem.setObjective(previous.map { ($0, 0.0) } + terms)
        try problem.setSense(.minimize)
        previous = terms.map(\.column)
        let left = max(0.001, timeLimit - elapsed)
        let result =
            shapingPrices
            ? try solveLP(
                method: .primal, timeLimit: left, sense: .minimize,
                largestCost: terms.reduce(0) { max($0, abs($1.cost)) })
            : try problem.solveSimplex(SimplexOptions(method: .primal, timeLimit: left))
        outcome.iterations += result.iterations
        outcome.termination = result.termination
        guard result.termination == .optimal else { return nil }
        outcome.objective = result.objective
        return try problem.columnValues()
    }

    /// One row per kept pair and pair of consecutive periods with columns on
    /// either side: sum x[t] - sum x[t-1] - up + down = locked[t-1] - locked[t].
    func steadinessRows(_ index: ShapingIndex, used: [Bool])
        -> (rows: [LinearProblem.Row], coefficients: [[(column: Int, value: Double)]])
    {
        var rows: [LinearProblem.Row] = []
        var coefficients: [[(column: Int, value: Double)]] = []
        let columnsOf = index.columnsByPeriod(f.hours, wanted: used)
        for (p, pair) in index.pairs.enumerated() where used[p] {
            let columns = columnsOf[p]
            let periods = Set(columns.keys).union(pair.locked.keys)
            guard let first = periods.min(), let last = periods.max() else { continue }
            let from = max(1, first), to = min(index.periodCount - 1, last + 1)
            guard from <= to else { continue }
            for t in from...to {
                let now = columns[t] ?? [], before = columns[t - 1] ?? []
                guard !now.isEmpty || !before.isEmpty else { continue }
                let constant = (pair.locked[t - 1] ?? 0) - (pair.locked[t] ?? 0)
                rows.append(LinearProblem.Row(name: "steady[\(p),\(t)]", lower: constant, upper: constant))
                coefficients.append(now.map { ($0, 1.0) } + before.map { ($0, -1.0) })
            }
        }
        return (rows, coefficients)
    }
}
