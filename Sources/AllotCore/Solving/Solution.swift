import LinearModel

/// What the solver returned for a formulation: final column values and row
/// activities, and per stage its optimum, status and capacity duals.
public struct Solution: Sendable {
    public enum Status: String, Sendable, Hashable {
        /// Every stage proven optimal.
        case optimal
        /// A time limit stopped a stage; the plan is feasible, not proven optimal.
        case feasible
        case infeasible
        case error
    }

    public struct StageOutcome: Sendable {
        public var name: String
        public var kind: Stage.Kind
        /// The stage's optimum including its constant (e.g. locked hours that
        /// serve demand). A stage without a plan of its own (the limit
        /// stopped it before one, or it never started) has the value of the
        /// plan handed on (`handedOn`).
        public var objective: Double?
        /// Whether `objective` is the plan handed on's value, not the stage's own plan.
        public var handedOn = false
        /// A bound the stage proved though it found no plan (a MIP's root
        /// relaxation): its handed-on gap is measured against it.
        public var bound: Double?
        public var termination: SolveResult.Termination?
        public var iterations: Int
        public var seconds: Double
        /// Relative gap, when the stage was stopped early and a bound is known.
        public var gap: Double?
        /// Dual of each capacity row: d(stage objective) / d(capacity).
        public var capacityDuals: [Int: Double]
        /// Whether the stage's optimum was reached from the base plan's
        /// basis of the same stage (a what-if's warm start).
        public var fromBase = false
        /// Whether the stage kept its start because GLPK's tolerances, not the
        /// time, left it without an exact plan of its own (status "not proven").
        public var unproven = false
    }

    public var status: Status
    public var message: String?
    /// The optimal basis of each solved stage (before its hold row was
    /// added): what a scenario of the same shape starts from.
    public var stageBases: [Basis?]
    /// Whether the stages started from a given basis (a warm start).
    public var warmStarted: Bool
    public var values: [Double]
    public var stages: [StageOutcome]
    /// GLPK's captured terminal output (shown with --verbose).
    public var log: String
    public var seconds: Double
    /// Re-solves after freeing columns that priced out (`PartialPricing`).
    public var pricingRounds: Int = 0
    /// The most columns the engine held at once (partial pricing keeps the
    /// others out of it, `ColumnSubset`); nil when it held every column.
    public var mostEngineColumns: Int?
    /// The engine that solved it, with its version (`LinearSolver.name`,
    /// e.g. "GLPK 5.0"): plan.json's `solver.engine`.
    public var engine: String = ""
}
