import LinearModel

/// A plan to start a MIP stage from (docs/how-it-works.md, "Integer
/// policies"), so that no stage ends without a plan when one is easy to
/// build, and branch and bound prunes with a good incumbent from its first
/// node (GLPK also fixes binaries by reduced cost only once it has one).
///
/// Built with a few LPs on the stage's objective, every binary bounded:
/// 1. The binaries of the priorities held before keep the plan before's
///    values (that plan holds every stage before this one); those of the
///    stage's own priority (every priority for `objective: weighted`) are
///    relaxed to [0, 1]; those of later priorities are 0.
/// 2. Rounded: per person the stage's projects with most hours up to
///    `max_projects_per_person` (after the projects held), then the LP again;
///    a short dive (up to `diveRounds` LPs) fixes `works` = 1 where the LP
///    gives at least half of min(H, D), while that stays feasible; then
///    `works` = 1 where the LP gives at least min(H, D), 0 elsewhere.
///    Dropping hours of the stage's own priority keeps every row and hold
///    satisfied, so the LP with all binaries fixed there is feasible and
///    gives the start. A small branch and bound over the assignments the
///    dive left fractional, from that start, may improve it.
/// 3. The same with the binaries of the priorities held before relaxed
///    too, rounded with held projects first; when that breaks a hold, a
///    small branch and bound over the fractional projects chooses them.
///    Its held fractional assignments are rounded up in halving batches
///    while the LP takes them (rounding them to 0 breaks their hold), and
///    the small branch and bound completes the rest.
/// The cost stage has no priority of its own: its start is the plan before
/// with the best hours for its binaries. The plan before is the start when
/// it is better.
///
/// The LP of step 3 (of step 1 when no binary is held) relaxes every binary
/// the stage can set, so its optimum bounds the stage's: the gap a stage
/// reports when branch and bound stops before it has a bound of its own.
/// (Later priorities' binaries at 0 lose nothing: dropping their hours keeps
/// every row and hold.)
extension StageRun {
    struct MIPStart {
        var values: [Double]
        var objective: Double
        var source: String
    }

    /// The stage's LP relaxation as the start solved it: its optimum (a
    /// bound on the stage), its optimal basis and how long it took.
    struct Relaxation {
        var bound: Double
        var basis: Basis
        var seconds: Double
    }

    /// The start for stage `k` (nil when the time ran out first), and the
    /// optimum of the LP relaxation when it was solved (a bound on the
    /// stage) with its optimal basis, from which the search's root LP starts.
    /// The first start, the one always feasible, may use all the time left
    /// (`remaining`), so that the stage does not end on the plan before,
    /// without an hour of its own priority, because an earlier stage spent
    /// its share; the second keeps to the stage's `share`.
    mutating func mipStart(_ k: Int, share: Double, remaining: Double) throws -> (
        start: MIPStart?, relaxation: Relaxation?
    ) {
        let stage = f.stages[k]
        func objective(_ x: [Double]) -> Double { stage.value(at: x) }
        func better(_ a: Double, than b: Double) -> Bool { stage.sense == .maximize ? a > b : a < b }
        let before = haveValues ? integral(values) : nil
        var best = before.map { MIPStart(values: $0, objective: objective($0), source: f.stages[k - 1].name) }
        /// Keeps `x` (binaries rounded) when it beats the best start so far.
        func offer(_ x: [Double], source: String) {
            let x = integral(x)
            let z = objective(x)
            if best.map({ better(z, than: $0.objective) }) ?? true {
                best = MIPStart(values: x, objective: z, source: source)
            }
        }
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
        defer { try? freeIntegers() }
        // The cost stage has no priority of its own: its LP has every binary fixed.
        if case .cost = stage.kind {
            guard try relaxedLP(own: own, held: held, before: before, relaxHeld: false, timeLimit: remaining) != nil
            else { return (best, nil) }
            offer(try problem.columnValues(), source: "plan before, hours re-optimised")
            return (best, nil)
        }
        // Twice: with the binaries of the priorities held before fixed at the
        // plan before's values (always feasible), then relaxed too, so that
        // another person may take a held project and free someone for this
        // stage's (feasible when the rounding keeps the holds met; held
        // projects count 10x their hours in it). The better start is kept.
        // On acme-mip (bench/block-policies.md) the second took priority 3
        // from 3,287.7 h to 5,349.2 h.
        let anyHeld = binaries.contains { held($0.priority) }
        var relaxation: Relaxation?
        for relaxHeld in [false, true] where !relaxHeld || anyHeld {
            let limit = relaxHeld ? share : remaining
            let left = limit - seconds(ContinuousClock.now - clock)
            let solving = ContinuousClock.now
            guard left > 0,
                let z = try relaxedLP(own: own, held: held, before: before, relaxHeld: relaxHeld, timeLimit: left)
            else { continue }
            if relaxHeld || !anyHeld {
                relaxation = Relaxation(
                    bound: z, basis: try problem.basis(), seconds: seconds(ContinuousClock.now - solving))
            }
            let rest = limit - seconds(ContinuousClock.now - clock)
            if let x = try rounded(
                own: own, held: held, relaxHeld: relaxHeld, sense: stage.sense, timeLimit: rest,
                smallMIPLimit: Self.smallMIPShare * share, offset: stage.constant)
            {
                offer(x, source: relaxHeld ? "rounded LP relaxation, held projects free" : "rounded LP relaxation")
            }
        }
        return (best, relaxation)
    }

    /// Step 1: the LP with the stage's own binaries (and with `relaxHeld`
    /// those of the priorities held) relaxed, the rest fixed. Its optimum,
    /// nil when it does not end optimal.
    func relaxedLP(
        own: (Int) -> Bool, held: (Int) -> Bool, before: [Double]?, relaxHeld: Bool, timeLimit: Double
    ) throws -> Double? {
        var bounds: [BoundChange] = []
        for (column, priority) in binaries {
            let lower = f.model.columns[column].lower
            if own(priority) || (relaxHeld && held(priority)) {
                bounds.append(BoundChange(index: column, lower: lower, upper: 1))
            } else {
                let v = held(priority) ? max(lower, before?[column] ?? 0) : lower
                bounds.append(BoundChange(index: column, lower: v, upper: v))
            }
        }
        try problem.setColumnBounds(bounds)
        // From the basis the search before left, primal simplex usually
        // takes 1-4 s on acme-mip, but it stalled for 26-29 s (tens of
        // thousands of degenerate iterations) in some runs: after half its
        // time it starts again from the solver's advised basis with dual
        // simplex (0.4-12 s in the runs where every relaxed LP started so).
        let clock = ContinuousClock.now
        var r = try problem.solveSimplex(SimplexOptions(method: .primal, timeLimit: timeLimit / 2))
        if r.termination == .timeLimit {
            try problem.resetBasis()
            let left = timeLimit - seconds(ContinuousClock.now - clock)
            guard left > 0 else { return nil }
            r = try problem.solveSimplex(SimplexOptions(method: .dualThenPrimal, timeLimit: left))
        }
        return r.termination == .optimal ? r.objective : nil
    }

    /// Step 2, after `relaxedLP` solved: its plan rounded (projects, then a
    /// dive on the assignments, then the rest), and the LP with every binary
    /// fixed. Nil when an LP fails (a rounding of held binaries can break a
    /// hold). Where rounding alone falls short, a small MIP over the binaries
    /// the LP leaves fractional (the others fixed at their rounded values)
    /// decides, within `smallMIPLimit` seconds each: the projects, when
    /// rounding them breaks a hold; the assignments the dive leaves
    /// fractional, from the rounded plan when there is one.
    func rounded(
        own: (Int) -> Bool, held: (Int) -> Bool, relaxHeld: Bool, sense: LinearProblem.Sense, timeLimit: Double,
        smallMIPLimit: Double, offset: Double
    ) throws -> [Double]? {
        let clock = ContinuousClock.now
        func left() -> Double { timeLimit - seconds(ContinuousClock.now - clock) }
        func free(_ priority: Int) -> Bool { own(priority) || (relaxHeld && held(priority)) }
        var x = try problem.columnValues()
        var z: Double?
        func solve(_ changes: [BoundChange]) throws -> Bool {
            try problem.setColumnBounds(changes)
            let limit = left()
            guard limit > 0 else { return false }
            let r = try problem.solveSimplex(SimplexOptions(method: .dualThenPrimal, timeLimit: limit))
            guard r.termination == .optimal else { return false }
            x = try problem.columnValues()
            z = r.objective
            return true
        }
        // Held projects first (x 10): the holds need most of their hours.
        let relaxed = x
        var (pairs, kept) = roundedPairs(x, own: free, weight: { own($0) ? 1 : 10 })
        if !pairs.isEmpty, try !solve(pairs) {
            guard
                let chosen = try projectsByMIP(
                    relaxed, free: free, timeLimit: min(smallMIPLimit, left()), offset: offset)
            else {
                return nil
            }
            (pairs, kept) = chosen
            guard try solve(pairs) else { return nil }
        }
        var fixedOn = Set<Int>()
        for _ in 0..<Self.diveRounds {
            let batch = diveBatch(x, own: free, kept: kept, fixedOn: fixedOn)
            guard !batch.isEmpty else { break }
            if try solve(batch.map { BoundChange(index: $0, lower: 1, upper: 1) }) {
                fixedOn.formUnion(batch)
            } else {
                // Too many at once: free them again, back to the last plan.
                let freed = batch.map(Self.relaxed)
                guard try solve(freed) else { return nil }
                break
            }
        }
        if relaxHeld {
            try roundHeldUp(
                fixedOn: &fixedOn, held: { held($0) && !own($0) }, kept: kept, current: { x }, solve: solve)
        }
        let dived = x
        let rounding = roundedTriples(dived, own: free, kept: kept, fixedOn: fixedOn)
        let start = try solve(rounding) ? (values: x, objective: z ?? 0) : nil
        let open = fractionalTriples(dived, own: free, kept: kept, fixedOn: fixedOn).map(\.column)
        let limit = min(smallMIPLimit, left())
        guard !open.isEmpty, limit > 0 else { return start?.values }
        // The assignments the dive left between 0 and min(H, D): a small MIP.
        try problem.setColumnBounds(open.map(Self.relaxed))
        let r = try problem.solveMIP(smallMIP(timeLimit: limit, start: start?.values, offset: offset))
        func better(_ a: Double?, than s: (values: [Double], objective: Double)?) -> Bool {
            guard let a else { return false }
            guard let s else { return true }
            let margin = 1e-9 * max(1, abs(s.objective))
            return sense == .maximize ? a > s.objective + margin : a < s.objective - margin
        }
        guard r.hasSolution, better(r.objective, than: start) else { return start?.values }
        let y = try problem.columnValues(.mip)
        // Exact hours for those binaries (GLPK accepts a binary within 1e-5
        // of 0 or 1); the start stays when they are no better.
        guard try solve(open.map { Self.fixed($0, on: y[$0] > 0.5) }), better(z, than: start) else {
            return start?.values
        }
        return x
    }

    /// The second start's held assignments that the LP leaves fractional,
    /// rounded up a batch at a time (most hours first, 16 at first), the
    /// batch halved each time the LP cannot take it; one that cannot go up
    /// alone is fixed off. At most `heldUpTries` rounds (1-3 LPs each, all
    /// within the start's time); stops early when an LP fails both ways.
    /// Rounding them down breaks their hold, and the small branch and bound
    /// after it cannot complete 70-90 of them without a start: on acme-mip
    /// priority 3's 69 went down to 43 in 60 rounds, and the completion then
    /// found 5,370.4 h (bench/block-policies.md).
    func roundHeldUp(
        fixedOn: inout Set<Int>, held: (Int) -> Bool, kept: Set<Int>, current: () -> [Double],
        solve: ([BoundChange]) throws -> Bool
    ) throws {
        var size = 16
        for _ in 0..<Self.heldUpTries {
            let x = current()
            let open = fractionalTriples(x, own: held, kept: kept, fixedOn: fixedOn)
                .map { t in (column: t.column, hours: Self.hours(t.hours, in: x)) }
                .sorted { ($0.hours, -$0.column) > ($1.hours, -$1.column) }
            guard !open.isEmpty else { return }
            let batch = open.prefix(size).map(\.column)
            if try solve(batch.map { Self.fixed($0, on: true) }) {
                fixedOn.formUnion(batch)
                continue
            }
            guard try solve(batch.map(Self.relaxed)) else { return }
            if size > 1 {
                size /= 2
                continue
            }
            guard try solve([Self.fixed(batch[0], on: false)]) else {
                _ = try solve([Self.relaxed(batch[0])])
                return
            }
        }
    }

    static let heldUpTries = 60

    /// Seconds of a stage's share each small MIP of `rounded` may take. On
    /// acme-mip (bench/block-policies.md) priority 1's took 0.3 s and proved
    /// the stage optimal; priority 3's projects took 6 s.
    static let smallMIPShare = 0.25

    /// A branch and bound meant to finish a plan: no cuts, no pump.
    func smallMIP(timeLimit: Double, start: [Double]?, offset: Double) -> MIPOptions {
        MIPOptions(
            timeLimit: timeLimit, gap: settings.mipGap, presolve: false, gomoryCuts: false, mirCuts: false,
            coverCuts: false, cliqueCuts: false, feasibilityPump: false, start: start, gapOffset: offset)
    }

    /// The projects by a small MIP, when rounding them breaks a hold: those
    /// the LP values `x` put at 0 or 1 fixed there, the rest binary, and the
    /// assignments continuous for it (the dive decides them next). The
    /// bounds and the projects kept; nil when it finds no plan in time.
    func projectsByMIP(_ x: [Double], free: (Int) -> Bool, timeLimit: Double, offset: Double) throws -> (
        bounds: [BoundChange], kept: Set<Int>
    )? {
        guard let limit = f.projectLimit, timeLimit > 0 else { return nil }
        let pairs = limit.pairs.filter { free($0.priority) && !$0.locked }
        try problem.setColumnBounds(
            pairs.map { pair in
                let v = x[pair.column]
                let decided = v <= Plan.noise || v >= 1 - Plan.noise
                return decided
                    ? Self.fixed(pair.column, on: v > 0.5) : Self.relaxed(pair.column)
            })
        let triples = (f.minimumHours?.triples ?? []).map(\.column)
        try problem.setKinds(triples.map { ($0, .continuous) })
        defer { try? problem.setKinds(triples.map { ($0, .integer) }) }
        let r = try problem.solveMIP(smallMIP(timeLimit: timeLimit, start: nil, offset: offset))
        guard r.hasSolution else { return nil }
        let y = try problem.columnValues(.mip)
        return (
            pairs.map { Self.fixed($0.column, on: y[$0.column] > 0.5) },
            Set(limit.pairs.filter { y[$0.column] > 0.5 }.map(\.column))
        )
    }

    /// A binary fixed on or off.
    static func fixed(_ column: Int, on: Bool) -> BoundChange {
        BoundChange(index: column, lower: on ? 1 : 0, upper: on ? 1 : 0)
    }

    /// A binary free again within [0, 1].
    static func relaxed(_ column: Int) -> BoundChange { BoundChange(index: column, lower: 0, upper: 1) }

    /// The hours of `columns` in plan `x`.
    static func hours(_ columns: [Int], in x: [Double]) -> Double { columns.reduce(0.0) { $0 + x[$1] } }

    /// Every binary with the priority of its project, in column order.
    var binaries: [(column: Int, priority: Int)] {
        (f.projectLimit?.pairs.map { ($0.column, $0.priority) } ?? [])
            + (f.minimumHours?.triples.map { ($0.column, $0.priority) } ?? [])
    }

    /// Dive steps: each fixes at 1 the assignments the LP gives at least half
    /// of min(H, D) (and fewer than all), then solves again.
    static let diveRounds = 3

    /// The stage's own projects rounded from the LP values `x`: per person
    /// the ones with most hours, up to `max_projects_per_person` after the
    /// projects already held. Returns the bounds and the projects kept.
    func roundedPairs(_ x: [Double], own: (Int) -> Bool, weight: (Int) -> Double = { _ in 1 }) -> (
        bounds: [BoundChange], kept: Set<Int>
    ) {
        guard let limit = f.projectLimit else { return ([], []) }
        var bounds: [BoundChange] = []
        var kept = Set<Int>()
        var byStaff: [Int: [ProjectLimit.Pair]] = [:]
        for pair in limit.pairs { byStaff[pair.staff, default: []].append(pair) }
        for staff in byStaff.keys.sorted() {
            let pairs = byStaff[staff]!
            let taken = pairs.filter { !own($0.priority) && x[$0.column] > 0.5 }
            for pair in taken { kept.insert(pair.column) }
            let locked = pairs.filter(\.locked).count
            var room = max(limit.limit, locked) - taken.count
            let candidates = pairs.filter { own($0.priority) }.map { pair in
                (
                    pair: pair,
                    hours: pair.locked ? .infinity : weight(pair.priority) * Self.hours(pair.hours, in: x)
                )
            }
            for c in candidates.sorted(by: { ($0.hours, -$0.pair.column) > ($1.hours, -$1.pair.column) }) {
                let keep = c.pair.locked || (room > 0 && c.hours > Plan.noise)
                if keep {
                    kept.insert(c.pair.column)
                    room -= 1
                }
                bounds.append(BoundChange(index: c.pair.column, lower: keep ? 1 : 0, upper: keep ? 1 : 0))
            }
        }
        return (bounds.sorted { $0.index < $1.index }, kept)
    }

    /// The stage's own assignments (min_hours_per_assignment) that the LP
    /// values `x` give from half of min(H, D) to just under it, not fixed yet.
    func diveBatch(_ x: [Double], own: (Int) -> Bool, kept: Set<Int>, fixedOn: Set<Int>) -> [Int] {
        (f.minimumHours?.triples ?? []).filter { t in
            guard own(t.priority), !fixedOn.contains(t.column), pairKept(t, kept) else { return false }
            let hours = Self.hours(t.hours, in: x)
            return hours >= t.least / 2 && hours < t.least - Plan.noise
        }.map(\.column)
    }

    /// The stage's own assignments rounded from `x`: on where the LP gives
    /// at least min(H, D) (or a dive fixed it), off elsewhere.
    func roundedTriples(_ x: [Double], own: (Int) -> Bool, kept: Set<Int>, fixedOn: Set<Int>) -> [BoundChange] {
        (f.minimumHours?.triples ?? []).filter { own($0.priority) }.map { t in
            let hours = Self.hours(t.hours, in: x)
            let on = fixedOn.contains(t.column) || (pairKept(t, kept) && hours >= t.least - Plan.noise)
            return BoundChange(index: t.column, lower: on ? 1 : 0, upper: on ? 1 : 0)
        }
    }

    /// The stage's own assignments that `x` gives more than nothing and less
    /// than min(H, D), with their project kept and not fixed on by the dive.
    func fractionalTriples(_ x: [Double], own: (Int) -> Bool, kept: Set<Int>, fixedOn: Set<Int>)
        -> [MinimumHours.Triple]
    {
        (f.minimumHours?.triples ?? []).filter { t in
            guard own(t.priority), !fixedOn.contains(t.column), pairKept(t, kept) else { return false }
            let hours = Self.hours(t.hours, in: x)
            return hours > Plan.noise && hours < t.least - Plan.noise
        }
    }

    /// Whether the project of an assignment is kept (always, without a project limit).
    func pairKept(_ t: MinimumHours.Triple, _ kept: Set<Int>) -> Bool {
        guard let pair = f.projectLimit?.columnOf[SP(staff: t.key.staff, project: t.key.project)] else { return true }
        return kept.contains(pair)
    }

    /// Every binary back within its own bounds (a locked pair's stays at 1),
    /// after a start or a polish fixed them.
    func freeIntegers() throws {
        try problem.setColumnBounds(
            f.integerColumns.map { BoundChange(index: $0, lower: f.model.columns[$0].lower, upper: 1) })
    }

    /// Binaries rounded to 0 or 1 (the solver leaves them within 1e-9 or
    /// so), and no hours where a binary at 0 forbids them: an LP with the
    /// binaries fixed leaves up to GLPK's feasibility tolerance there (tiny
    /// with one project per person and 1 h blocks put 3.9e-7 + 4.9e-7 h on
    /// alice's project at 0, and priority 2 was held at 20.00000088 h, which
    /// no plan with exact binaries reaches: priority 3's search found none).
    func integral(_ x: [Double]) -> [Double] {
        var x = x
        for j in f.integerColumns { x[j] = x[j].rounded() }
        for pair in f.projectLimit?.pairs ?? [] where x[pair.column] == 0 {
            for j in pair.hours { x[j] = 0 }
        }
        for triple in f.minimumHours?.triples ?? [] where x[triple.column] == 0 {
            for j in triple.hours { x[j] = 0 }
        }
        return f.tightened(x)
    }
}
