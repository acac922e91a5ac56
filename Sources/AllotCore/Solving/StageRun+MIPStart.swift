import LinearModel

/// A plan to start a MIP stage from (docs/how-it-works.md, "Integer
/// policies"), so that no stage ends without a plan when one is easy to
/// build, and branch and bound prunes with a good incumbent from its first
/// node (GLPK also fixes binaries by reduced cost only once it has one).
///
/// Built with two LPs on the stage's objective, every binary bounded:
/// 1. The binaries of the priorities held before keep the plan before's
///    values (that plan holds every stage before this one); those of the
///    stage's own priority (every priority for `objective: weighted`) are
///    relaxed to [0, 1]; those of later priorities are 0.
/// 2. Rounded: per person the stage's projects with most hours up to
///    `max_projects_per_person` (after the projects held), and `works` = 1
///    where the LP gave at least min(H, D). Dropping the other hours of the
///    stage's own priority keeps every row and hold satisfied, so the LP
///    with all binaries fixed there is feasible and gives the start.
/// The cost stage has no priority of its own: its start is the plan before
/// with the best hours for its binaries. The plan before is the start when
/// it is better.
extension StageRun {
    struct MIPStart {
        var values: [Double]
        var objective: Double
        var source: String
    }

    /// The start for stage `k`, or nil when the time ran out first.
    mutating func mipStart(_ k: Int, timeLimit: Double) throws -> MIPStart? {
        let stage = f.stages[k]
        func objective(_ x: [Double]) -> Double { stage.objective.reduce(0.0) { $0 + $1.cost * x[$1.column] } }
        func better(_ a: Double, than b: Double) -> Bool { stage.sense == .maximize ? a > b : a < b }
        let before = haveValues ? integral(values) : nil
        var best = before.map { MIPStart(values: $0, objective: objective($0), source: f.stages[k - 1].name) }
        let own: (Int) -> Bool =
            switch stage.kind {
            case .priority(let p): { $0 == p }
            case .weighted: { _ in true }
            case .cost: { _ in false }
            }
        let held: (Int) -> Bool =
            switch stage.kind {
            case .priority(let p): { $0 < p }
            case .weighted: { _ in false }
            case .cost: { _ in true }
            }
        let clock = ContinuousClock.now
        defer {
            try? problem.setColumnBounds(
                f.integerColumns.map { BoundChange(index: $0, lower: f.model.columns[$0].lower, upper: 1) })
        }
        // 1. The stage's own binaries relaxed, the rest fixed.
        var bounds: [BoundChange] = []
        for (column, priority) in binaries {
            let lower = f.model.columns[column].lower
            if own(priority) {
                bounds.append(BoundChange(index: column, lower: lower, upper: 1))
            } else {
                let v = held(priority) ? max(lower, before?[column] ?? 0) : lower
                bounds.append(BoundChange(index: column, lower: v, upper: v))
            }
        }
        try problem.setColumnBounds(bounds)
        let relaxed = try problem.solveSimplex(SimplexOptions(method: .primal, timeLimit: timeLimit))
        guard relaxed.termination == .optimal else { return best }
        // The cost stage has nothing to round: its LP has every binary fixed.
        if case .cost = stage.kind {
            let x = integral(try problem.columnValues())
            let z = objective(x)
            if best.map({ better(z, than: $0.objective) }) ?? true {
                best = MIPStart(values: x, objective: z, source: "plan before, hours re-optimised")
            }
            return best
        }
        // 2. Rounded, and the best hours for it.
        let left = timeLimit - seconds(ContinuousClock.now - clock)
        guard left > 0 else { return best }
        try problem.setColumnBounds(rounded(try problem.columnValues(), own: own))
        let fixed = try problem.solveSimplex(SimplexOptions(method: .dualThenPrimal, timeLimit: left))
        guard fixed.termination == .optimal else { return best }
        let x = integral(try problem.columnValues())
        let z = objective(x)
        if best.map({ better(z, than: $0.objective) }) ?? true {
            best = MIPStart(values: x, objective: z, source: "rounded LP relaxation")
        }
        return best
    }

    /// Every binary with the priority of its project, in column order.
    var binaries: [(column: Int, priority: Int)] {
        (f.projectLimit?.pairs.map { ($0.column, $0.priority) } ?? [])
            + (f.minimumHours?.triples.map { ($0.column, $0.priority) } ?? [])
    }

    /// The stage's own binaries rounded from the LP values `x` (the others
    /// are fixed already and stay as they are).
    func rounded(_ x: [Double], own: (Int) -> Bool) -> [BoundChange] {
        var fix: [Int: Double] = [:]
        var kept = Set<Int>()
        if let limit = f.projectLimit {
            var byStaff: [Int: [ProjectLimit.Pair]] = [:]
            for pair in limit.pairs { byStaff[pair.staff, default: []].append(pair) }
            for staff in byStaff.keys.sorted() {
                let pairs = byStaff[staff]!
                let taken = pairs.filter { !own($0.priority) && x[$0.column] > 0.5 }
                for pair in taken { kept.insert(pair.column) }
                let locked = pairs.filter(\.locked).count
                var room = max(limit.limit, locked) - taken.count
                let candidates = pairs.filter { own($0.priority) }.map { pair in
                    (pair: pair, hours: pair.locked ? .infinity : pair.hours.reduce(0.0) { $0 + x[$1] })
                }
                for c in candidates.sorted(by: { ($0.hours, -$0.pair.column) > ($1.hours, -$1.pair.column) }) {
                    let keep = c.pair.locked || (room > 0 && c.hours > Plan.noise)
                    if keep {
                        kept.insert(c.pair.column)
                        room -= 1
                    }
                    fix[c.pair.column] = keep ? 1 : 0
                }
            }
        }
        for t in f.minimumHours?.triples ?? [] where own(t.priority) {
            let hours = t.hours.reduce(0.0) { $0 + x[$1] }
            let pair = f.projectLimit?.columnOf[SP(staff: t.key.staff, project: t.key.project)]
            let pairKept = pair.map { kept.contains($0) } ?? true
            fix[t.column] = pairKept && hours >= t.least - Plan.noise ? 1 : 0
        }
        return fix.keys.sorted().map { BoundChange(index: $0, lower: fix[$0]!, upper: fix[$0]!) }
    }

    /// Binaries rounded to 0 or 1 (the solver leaves them within 1e-9 or so).
    func integral(_ x: [Double]) -> [Double] {
        var x = x
        for j in f.integerColumns { x[j] = x[j].rounded() }
        return x
    }
}
