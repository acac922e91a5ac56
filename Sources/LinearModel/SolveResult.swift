/// The outcome of one solver call: why the solver stopped, kept apart from
/// whether a usable solution exists (as GLPK.jl's MathOptInterface wrapper
/// does). A return code of 0 is not optimality (docs/solver-notes.md §6.1).
public struct SolveResult: Sendable, Equatable {
    public enum Termination: Sendable, Equatable {
        case optimal
        /// The MIP search stopped at the relative gap asked for.
        case gapReached
        case infeasible
        case unbounded
        /// Infeasible or unbounded; the interior-point method cannot tell which.
        case infeasibleOrUnbounded
        case timeLimit
        case iterationLimit
        case stopped
        /// The solver failed numerically or was given an invalid start.
        case failed(code: Int, reason: String)
    }

    /// Is there a solution to read?
    public enum Solution: Sendable, Equatable {
        case optimal
        /// Feasible but not proven optimal (a time limit hit during a MIP search).
        case feasible
        case none
    }

    public enum Method: Sendable, Equatable { case simplex, interior, mip }

    public var method: Method
    public var termination: Termination
    public var solution: Solution
    /// The objective of the solution, when there is one.
    public var objective: Double?
    /// Best proven bound (MIP), when known.
    public var bound: Double?
    /// Relative gap |incumbent - bound| / |incumbent| (MIP), when known
    /// (`SolveResult.relativeGap`).
    public var gap: Double?
    public var iterations: Int
    public var seconds: Double
    /// MIP: whether the search took the start it was given as an incumbent.
    public var startAccepted = false

    public var hasSolution: Bool { solution != .none }

    /// |z - bound| / |z|, GLPK's measure; nil when the objective is 0 and
    /// the bound is not (a priority stage that staffs nothing): relative to 0
    /// it is not a number (it printed 481,600,000,000,000% for 0 h against a
    /// bound of 4,816 h).
    /// With an `offset`, both are measured as reported: z + offset against
    /// bound + offset (`MIPOptions.gapOffset`).
    public static func relativeGap(_ z: Double, bound: Double, offset: Double = 0) -> Double? {
        let (z, bound) = (z + offset, bound + offset)
        let tiny = 1e-9 * max(1, abs(bound))
        if abs(z) <= tiny { return abs(bound) <= tiny ? 0 : nil }
        return abs(z - bound) / abs(z)
    }

    public init(
        method: Method, termination: Termination, solution: Solution, objective: Double?, bound: Double?,
        gap: Double?, iterations: Int, seconds: Double
    ) {
        self.method = method
        self.termination = termination
        self.solution = solution
        self.objective = objective
        self.bound = bound
        self.gap = gap
        self.iterations = iterations
        self.seconds = seconds
    }
}
