import Foundation
import LinearModel

extension StageRun {
    /// The most rows for which a search that has a start makes MIR cuts
    /// (docs/solver-notes.md §7.2).
    static let mirCutRows = 5_000
    /// The part of its share after which a search that started from a plan
    /// and has not bettered it stops (bench/NOTES.md, "Block policies (session 11)").
    static let searchStall = 0.25

    /// One MIP stage by branch and bound, started from the better of the
    /// plan before and the rounded LP relaxation (StageRun+MIPStart.swift).
    /// One limit is shared by the stages: once it has a plan, a stage stops
    /// at an even share of what is left, so a hard first stage cannot starve
    /// the rest (time it does not use passes on); without a plan yet it may
    /// use all that is left. `--progress` gets a line per better plan.
    mutating func branchAndBound(_ k: Int, remaining: Double, started: Double) throws -> SolveResult {
        let name = f.stages[k].name
        let constant = f.stages[k].constant
        let report = settings.progress
        let m = settings.mip
        let left = f.stages[k...].filter { !$0.objective.isEmpty }.count
        let share = remaining / Double(max(1, left))
        let clock = ContinuousClock.now
        let (start, relaxed) = try mipStart(k, share: share, remaining: remaining)
        let relaxation = relaxed?.bound
        // The search's root LP is that relaxation with the later priorities'
        // binaries free too (they add nothing to the stage): from its optimal
        // basis it takes a few iterations instead of re-solving (4,068
        // iterations, 3.3 s, in acme-mip's priority 3).
        if let relaxed { try? problem.setBasis(relaxed.basis) }
        let prepared = seconds(ContinuousClock.now - clock)
        if let start {
            report?(
                StagedSolver.ProgressEvent(
                    kind: .improved, stage: name, elapsed: started + prepared,
                    incumbent: start.objective + constant, source: start.source))
        }
        let searching = started + prepared
        let watch = SearchWatch(last: start.map { $0.objective })
        var result = try problem.solveMIP(
            MIPOptions(
                // With a plan in hand the stage keeps to its share.
                timeLimit: max(0.001, (start == nil ? remaining : share) - prepared), gap: settings.mipGap,
                presolve: m.presolve,
                // GLPK makes its MIR cuts in one step that checks no time
                // limit, and that step grows with the rows: 8.2 s at the
                // root of acme-mip's 17,159 rows, in a search given 5.9 s.
                // With a plan in hand, a large model searches without them.
                gomoryCuts: m.cuts, mirCuts: m.cuts && (start == nil || problem.rowCount <= Self.mirCutRows),
                coverCuts: m.coverCuts, cliqueCuts: m.cuts,
                // With a start the pump adds nothing: it runs at the root
                // without a callback and ignores the time limit (tens of
                // seconds on acme with the block policies).
                feasibilityPump: m.feasibilityPump && start == nil,
                progress: { @Sendable p in
                    if let (kind, incumbent) = watch.event(p) {
                        report?(
                            StagedSolver.ProgressEvent(
                                kind: kind, stage: name, elapsed: searching + p.elapsed,
                                incumbent: incumbent.map { $0 + constant }, bound: p.bound.map { $0 + constant },
                                gap: p.gap))
                    }
                    // From a start, a search that has found nothing better
                    // for a quarter of the share stops, and the rest of the
                    // share passes on to the stages after it (the last
                    // stage has none to pass it to: it keeps searching).
                    guard p.incumbent != nil else { return false }
                    return prepared + p.elapsed >= share
                        || (start != nil && left > 1 && watch.unchanged(at: p.elapsed) >= Self.searchStall * share)
                }, progressInterval: 0.25, start: start?.values, rootEstimate: relaxed?.seconds,
                // The gap of the objective the stage reports (with its constant).
                gapOffset: constant))
        result.seconds += prepared
        // The start's LP relaxation bounds the stage too, and so does the
        // bound that takes no solve (the only one when the time ran out
        // before any LP did): the tightest bound.
        for other in [relaxation, f.stages[k].knownBound].compactMap({ $0 }) {
            let b = result.bound ?? other
            result.bound = f.stages[k].sense == .maximize ? min(b, other) : max(b, other)
        }
        // Stopped before the search took its start, or no better than it:
        // the start is the plan. It needs no polish (its hours come from an
        // LP with every binary fixed); polishing it from the basis an
        // interrupted search left took 15 s of a 7.6 s share on acme-mip.
        // A search that calls the stage infeasible although its start meets
        // every row (within 1e-7, checked before it was offered) is misled
        // by tolerances, not by the model. On tiny with one project per
        // person and 1 h blocks an LP put 8.8e-7 h on hours whose binaries
        // were 0, priority 2 was held at 20.00000088 h, priority 3's search
        // found no plan above that, and the run ended with exit 70;
        // `integral` now removes such hours before a stage is held. Should
        // it happen still, the start stands, and the plan says the stage is
        // not proven (unless its relaxation's bound proves it).
        let misled = result.termination == .infeasible
        let keepsStart =
            start.map { start in
                guard let z = result.objective, result.hasSolution else {
                    return [.timeLimit, .stopped, .iterationLimit, .infeasible].contains(result.termination)
                }
                return abs(z - start.objective) <= 1e-9 * max(1, abs(start.objective))
            } ?? false
        if let start, keepsStart {
            if !result.hasSolution { result.solution = .feasible }
            if result.termination == .infeasible { result.termination = .stopped }
            result.objective = start.objective
            stagePlan = start.values
        } else if result.hasSolution {
            // Within the time left, or 5% of the limit past it when the
            // search used its share to the end; a plan that cannot be
            // polished in that gives way to the start, which is exact.
            let left = max(remaining - seconds(ContinuousClock.now - clock), 0.05 * timeLimit)
            let x = try stagePlan ?? problem.columnValues()
            var (polished, ended) = try polish(x, by: left, stage: k)
            // No plan with the binaries rounded, and not for want of time: a
            // binary GLPK took as 0 within its tolerance carries hours an
            // earlier stage's hold needs (an optimum of 4.2e-6 h that a
            // priority took from the hold slack of another). Those binaries
            // on, the LP is exact again (the cost stage kept its start, 44
            // EUR dearer, and said the time limit stopped it after 0.1 s).
            if polished == nil, ended == .infeasible {
                let more = max(remaining - seconds(ContinuousClock.now - clock), 0.05 * timeLimit)
                (polished, ended) = try polish(x, by: more, stage: k, onWhereHours: true)
            }
            // Still none: the holds carry such noise themselves (priority 2
            // held at 0.10000273 h, 2.7e-6 h taken from priority 1's slack,
            // which only a binary at 0 could give back). The holds loosened
            // by the noise they allow in all, the LP with the binaries
            // rounded is tried once more (the cost stage kept its start, 15%
            // above the optimum).
            if polished == nil, ended == .infeasible, !held.isEmpty {
                try loosenHolds()
                let more = max(remaining - seconds(ContinuousClock.now - clock), 0.05 * timeLimit)
                (polished, ended) = try polish(x, by: more, stage: k)
            }
            if let polished {
                result.objective = polished.objective
                stagePlan = polished.values
            } else if let start {
                result.termination = ended == .infeasible ? .stopped : .timeLimit
                result.solution = .feasible
                result.objective = start.objective
                stagePlan = start.values
                if ended == .infeasible { unpolished.append(name) }
            }
        }
        // The relative gap of the plan to the bound, when there is one.
        if result.hasSolution, result.termination != .optimal, let z = result.objective {
            result.gap = f.stages[k].gap(at: z, bound: result.bound)
            // A start within the gap asked for is solved, whatever stopped the search.
            if let gap = result.gap, gap <= settings.mipGap { result.termination = .gapReached }
        }
        if misled, keepsStart, result.termination != .gapReached { unproven.append(name) }
        return result
    }

    /// The stage's plan with its binaries fixed at their rounded values and
    /// the hours re-optimised by one LP: GLPK accepts a binary within 1e-5
    /// of 0 or 1, so a big-M row can let an incumbent carry up to 1e-5 x M
    /// hours that no exact plan has, and a hold at that objective could
    /// leave the next stage infeasible (the random portfolios found one).
    /// The LP's optimum is exact for those binaries: the stage is held there,
    /// measured on its plan without the hours its binaries at 0 forbid
    /// (`integral`).
    ///
    /// `onWhereHours`: a binary is also 1 where any of its hours are above
    /// 0 in `x` (GLPK took it as 0 within its integrality tolerance while
    /// its hours were used). Returns the LP's end too: the plan is nil
    /// unless it is optimal.
    func polish(
        _ x: [Double], by timeLimit: Double, stage k: Int, onWhereHours: Bool = false
    ) throws -> (plan: (values: [Double], objective: Double)?, ended: SolveResult.Termination) {
        defer { try? freeIntegers() }
        var fixed = Dictionary(uniqueKeysWithValues: f.integerColumns.map { ($0, x[$0].rounded()) })
        if onWhereHours {
            let groups =
                (f.projectLimit?.pairs.map { ($0.column, $0.hours) } ?? [])
                + (f.minimumHours?.triples.map { ($0.column, $0.hours) } ?? [])
            for (column, hours) in groups where hours.contains(where: { x[$0] > 0 }) { fixed[column] = 1 }
        }
        try problem.setColumnBounds(
            f.integerColumns.map { j in BoundChange(index: j, lower: fixed[j]!, upper: fixed[j]!) })
        let r = try problem.solveSimplex(SimplexOptions(method: .dualThenPrimal, timeLimit: max(0.001, timeLimit)))
        guard r.termination == .optimal else { return (nil, r.termination) }
        let values = integral(try problem.columnValues())
        return ((values, f.stages[k].value(at: values)), .optimal)
    }

    /// Lowers every priority hold by twice the tolerance of all the hours the
    /// priorities ask (`Stage.holdTolerance`): the most the stages' noise can
    /// add up to, 1e-5 h on 540 h, far below what a plan shows (0.01 h).
    /// Kept for the stages after (a polished plan meets only these holds).
    mutating func loosenHolds() throws {
        let asked = f.stages.filter { if case .priority = $0.kind { true } else { false } }
            .reduce(0.0) { $0 + ($1.knownBound ?? 0) }
        let extra = 2 * Stage.holdTolerance * max(1, asked)
        for (k, h) in held { held[k] = (h.optimum - extra, h.row) }
        try problem.setRowBounds(
            held.map { k, h in
                BoundChange(index: h.row, lower: f.stages[k].heldLowerBound(at: h.optimum), upper: .infinity)
            })
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
    /// deleted). Every hold is active again at the end. Each LP gets the
    /// time left when it starts, and the ones after the limit is spent are
    /// skipped: their stages show no marginal values. (Each had the time left
    /// before the first, and a 60 s plan of acme-mip ran 66 s.)
    mutating func mipDuals() throws {
        guard timeLimit - elapsed > 0 else { return }
        var lowerOf: [Int: Double] = [:]
        for (k, h) in held { lowerOf[k] = f.stages[k].heldLowerBound(at: h.optimum) }
        // The basis left by branch and bound belongs to the root relaxation;
        // with the integers now fixed, start from the solver's advised basis.
        try problem.resetBasis()
        for (k, stage) in f.stages.enumerated() where stages[k].objective != nil && !stages[k].handedOn {
            let timeLimit = self.timeLimit - elapsed
            guard timeLimit > 0 else { break }
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

/// What the progress callback of one search has reported: a line for each
/// better plan, and a plain progress line every `interval` seconds.
final class SearchWatch: @unchecked Sendable {
    static let interval = 5.0
    private let lock = NSLock()
    private var last: Double?
    private var lastLine = 0.0
    private var lastBetter = 0.0

    init(last: Double?) { self.last = last }

    /// Seconds since the search last found a better plan (or began).
    func unchanged(at elapsed: Double) -> Double {
        lock.lock()
        defer { lock.unlock() }
        return elapsed - lastBetter
    }

    /// The event to report for this snapshot, if any, and its incumbent.
    func event(_ p: MIPProgress) -> (StagedSolver.ProgressEvent.Kind, Double?)? {
        lock.lock()
        defer { lock.unlock() }
        if let z = p.incumbent, z != last {
            last = z
            lastLine = p.elapsed
            lastBetter = p.elapsed
            return (.improved, z)
        }
        guard p.elapsed - lastLine >= Self.interval else { return nil }
        lastLine = p.elapsed
        return (.search, p.incumbent)
    }
}
