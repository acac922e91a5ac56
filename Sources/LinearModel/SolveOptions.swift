/// Options for `Problem.solveSimplex`. Defaults follow docs/solver-notes.md §4.2:
/// dual simplex with the long-step ratio test, presolve off so the basis can
/// be reused.
public struct SimplexOptions: Sendable, Equatable {
    public enum Method: Sendable, Equatable { case primal, dual, dualThenPrimal }

    public var method: Method
    /// Long-step ("flip") ratio test instead of Harris' two-pass test.
    public var longStep: Bool
    /// GLPK's LP presolver. Leave off when the basis is reused (docs/solver-notes.md §4.3).
    public var presolve: Bool
    /// Wall-clock limit in seconds; nil = none.
    public var timeLimit: Double?
    /// Simplex iterations at most (deterministic, unlike time); nil = none.
    public var iterationLimit: Int?

    public init(
        method: Method = .dualThenPrimal, longStep: Bool = true, presolve: Bool = false,
        timeLimit: Double? = nil, iterationLimit: Int? = nil
    ) {
        self.method = method
        self.longStep = longStep
        self.presolve = presolve
        self.timeLimit = timeLimit
        self.iterationLimit = iterationLimit
    }
}

/// Options for `Problem.solveMIP`. docs/solver-notes.md §7 recipe: own LP root first,
/// presolve off, MIR/GMI/clique cuts, feasibility pump, a time limit always
/// set and a non-zero gap.
public struct MIPOptions: Sendable {
    /// Wall-clock limit in seconds (required: GLPK's B&B may run forever).
    public var timeLimit: Double
    /// Relative gap at which the search stops, measured on the objective
    /// as the caller reports it: |z - bound| / |z + gapOffset|, the bound
    /// offset the same way (`SolveResult.relativeGap`).
    public var gap: Double
    /// The constant the caller adds to the loaded objective when it reports
    /// it (a stage's locked hours, fixed cost, or the weighted objective's
    /// weighted demand). Measured without it, acme's weighted objective
    /// (about -6e9 loaded, 2.9e7 reported) stopped at a gap of 0.006% that
    /// was 1.25% of the objective reported.
    public var gapOffset = 0.0
    public var presolve: Bool
    public var gomoryCuts: Bool
    public var mirCuts: Bool
    /// Cover cuts race in GLPK's MT1 code when several MIPs run at once
    /// (docs/solver-notes.md §2.4): keep them off unless a single solver thread runs.
    public var coverCuts: Bool
    public var cliqueCuts: Bool
    public var feasibilityPump: Bool
    /// Called about every `progressInterval` seconds from inside the search.
    /// It must only copy values; return true to stop the search.
    public var progress: (@Sendable (MIPProgress) -> Bool)?
    public var progressInterval: Double
    /// A plan to start the search from (one value per column): offered as
    /// the first incumbent when it satisfies every row, bound and kind
    /// within `startTolerance` (relative to 1 + |bound|); ignored otherwise.
    public var start: [Double]?
    public var startTolerance = 1e-7
    /// Seconds a cold solve of the root LP took elsewhere, when the root LP
    /// starts from a basis that makes it quick: the search is not started
    /// when less time than this (or than the root LP itself) is left after
    /// the root, since GLPK's first root steps re-solve the LP without
    /// checking the limit (docs/solver-notes.md §7.3).
    public var rootEstimate: Double?

    public init(
        timeLimit: Double = 60, gap: Double = 1e-4, presolve: Bool = false,
        gomoryCuts: Bool = true, mirCuts: Bool = true, coverCuts: Bool = false,
        cliqueCuts: Bool = true, feasibilityPump: Bool = true,
        progress: (@Sendable (MIPProgress) -> Bool)? = nil, progressInterval: Double = 0.5,
        start: [Double]? = nil, rootEstimate: Double? = nil, gapOffset: Double = 0
    ) {
        self.timeLimit = timeLimit
        self.gap = gap
        self.gapOffset = gapOffset
        self.presolve = presolve
        self.gomoryCuts = gomoryCuts
        self.mirCuts = mirCuts
        self.coverCuts = coverCuts
        self.cliqueCuts = cliqueCuts
        self.feasibilityPump = feasibilityPump
        self.progress = progress
        self.progressInterval = progressInterval
        self.start = start
        self.rootEstimate = rootEstimate
    }
}

/// A snapshot of a running branch-and-bound search.
public struct MIPProgress: Sendable, Equatable {
    public var elapsed: Double
    public var incumbent: Double?
    public var bound: Double?
    public var gap: Double?
    public var activeNodes: Int
    public var totalNodes: Int

    public init(elapsed: Double, incumbent: Double?, bound: Double?, gap: Double?, activeNodes: Int, totalNodes: Int) {
        self.elapsed = elapsed
        self.incumbent = incumbent
        self.bound = bound
        self.gap = gap
        self.activeNodes = activeNodes
        self.totalNodes = totalNodes
    }
}

/// A saved simplex basis: the status of every row and column.
public struct Basis: Sendable, Equatable {
    /// The codes are GLPK's (GLP_BS ... GLP_NS), which other backends map to.
    public enum Status: Int32, Sendable {
        case basic = 1, lower = 2, upper = 3, free = 4, fixed = 5
    }

    public var rows: [Status]
    public var columns: [Status]

    public init(rows: [Status], columns: [Status]) {
        self.rows = rows
        self.columns = columns
    }
}

/// Which solution to read: the simplex (basic) one, interior point, or MIP.
public enum SolutionKind: Sendable, Equatable {
    case basic, interior, mip
}

/// A new bound for one row or column (0-based index).
public struct BoundChange: Sendable, Equatable {
    public var index: Int
    public var lower: Double
    public var upper: Double

    public init(index: Int, lower: Double, upper: Double) {
        self.index = index
        self.lower = lower
        self.upper = upper
    }
}

extension SimplexOptions {
    /// Limits an engine can take: a time limit above 0, an iteration limit of at least 1.
    public func checkLimits() throws(SolverError) {
        if let t = timeLimit, !(t > 0) { throw .invalidArgument("time limit \(t) s, expected > 0") }
        if let n = iterationLimit, n < 1 { throw .invalidArgument("iteration limit \(n), expected >= 1") }
    }

    /// These options for primal simplex with what is left of the time limit
    /// after `seconds`: once dual simplex has proved the dual infeasible, the
    /// primal is infeasible or unbounded, and primal simplex tells which.
    public func primalAfter(_ seconds: Double) -> SimplexOptions {
        var primal = self
        primal.method = .primal
        if let t = primal.timeLimit { primal.timeLimit = max(0.001, t - seconds) }
        return primal
    }
}
