import LinearModel

extension StagedSolver {
    public struct Settings: Sendable {
        /// The LP/MIP engine behind the seam.
        public var solver: any LinearSolver
        /// Seconds of the limit already spent before the solve (building the model).
        public var spentBefore: Double
        /// Seconds for the whole run, build included.
        public var timeLimit: Double
        /// Relative gap at which a MIP stage stops.
        public var mipGap: Double
        /// A what-if's base plan, for a model of the same shape: the first
        /// stage starts from its basis with dual simplex (the base's optimum
        /// stays dual feasible after bound changes), and so do later stages
        /// under partial pricing (`StageRun.solveStageLP`). Nil: cold.
        public var warmStart: WarmStart?
        /// Hears of each stage as it ends: its index, its optimal basis (with
        /// `keepBases`) and its simplex iterations (compare's base tells the
        /// scenarios waiting for its bases).
        public var stageSolved: (@Sendable (Int, Basis?, Int) -> Void)?
        /// Record each stage's optimal basis in `Solution.stageBases`.
        public var keepBases: Bool
        /// A reference plan: a closing stage then holds the last optimum and
        /// picks the optimal plan with the least sum of |hours - reference|.
        /// Called once, at that stage (it may wait for the plan: compare's
        /// base); nil from it skips the stage. Without it the plan is shaped.
        public var closeTo: (@Sendable () -> Reference?)?
        /// Branch-and-bound settings (see bench/mip-settings.sh for why these).
        public var mip: MIPSettings
        /// MIP progress, about twice a second, from inside the search.
        public var progress: (@Sendable (ProgressEvent) -> Void)?
        /// Solve LP stages over a growing subset of the hours columns
        /// (`PartialPricing`); nil solves with every column free. Ignored
        /// for a model with binaries.
        public var partialPricing: PartialPricing.Options?

        public init(
            solver: any LinearSolver, timeLimit: Double, spentBefore: Double = 0, mipGap: Double = 1e-4,
            warmStart: WarmStart? = nil,
            keepBases: Bool = false, stageSolved: (@Sendable (Int, Basis?, Int) -> Void)? = nil,
            closeTo: (@Sendable () -> Reference?)? = nil, mip: MIPSettings = MIPSettings(),
            progress: (@Sendable (ProgressEvent) -> Void)? = nil, partialPricing: PartialPricing.Options? = nil
        ) {
            self.solver = solver
            self.spentBefore = spentBefore
            self.timeLimit = timeLimit
            self.mipGap = mipGap
            self.warmStart = warmStart
            self.keepBases = keepBases
            self.stageSolved = stageSolved
            self.closeTo = closeTo
            self.mip = mip
            self.progress = progress
            self.partialPricing = partialPricing
        }
    }

    /// What a what-if's stages take from its base plan, stage by stage.
    public struct WarmStart: Sendable {
        /// The base's optimal basis of a stage and the simplex iterations
        /// the stage took (a later stage gives the basis up past them). It
        /// may wait for the base to end that stage (compare plans the base
        /// beside the scenarios); nil when the base has no such basis.
        public var stage: @Sendable (Int) -> (basis: Basis, iterations: Int)?
        /// The base's basis made a basis of this model (carried over by name
        /// for a model of another shape); nil when it cannot be.
        public var adapt: @Sendable (Basis) -> Basis?
        /// Whether the first stage's objective is the base's: only then is
        /// the base's basis dual feasible for it.
        public var first: Bool

        public init(
            first: Bool, adapt: @escaping @Sendable (Basis) -> Basis? = { $0 },
            stage: @escaping @Sendable (Int) -> (basis: Basis, iterations: Int)?
        ) {
            self.first = first
            self.adapt = adapt
            self.stage = stage
        }

        /// Stage `k`'s basis made this model's, when it fits a problem of
        /// `rows` x `columns`; and the seconds spent waiting for the base.
        func basis(_ k: Int, rows: Int, columns: Int) -> (found: (basis: Basis, iterations: Int)?, waited: Double) {
            let start = ContinuousClock.now
            let ended = stage(k)
            let waited = seconds(ContinuousClock.now - start)
            guard let ended, let basis = adapt(ended.basis), basis.rows.count == rows, basis.columns.count == columns
            else { return (nil, waited) }
            return ((basis, ended.iterations), waited)
        }
    }

    /// The plan a what-if's closing stage stays close to.
    public struct Reference: Sendable {
        /// Hours per assignment (`AssignmentGroup.key`).
        public var hours: [String: Double]
        /// Its non-zero column values by column name: how the closing stage
        /// finds the plan itself in a model of another shape.
        public var columns: [String: Double]

        public init(hours: [String: Double], columns: [String: Double]) {
            self.hours = hours
            self.columns = columns
        }

        init(_ run: Planner.Run) {
            hours = Dictionary(
                run.plan.assignments.map {
                    (AssignmentGroup.key($0.staff.rawValue, $0.project.rawValue, $0.skill, $0.period.name), $0.hours)
                }, uniquingKeysWith: +)
            var byName: [String: Double] = [:]
            for (j, v) in run.solution.values.enumerated() where v != 0 && j < run.formulation.model.columns.count {
                byName[run.formulation.columnName(j)] = v
            }
            columns = byName
        }
    }

    /// A snapshot of a running stage, for --progress.
    public struct ProgressEvent: Sendable {
        /// `build`: the model is being built (before any stage; `status` says how far).
        /// `improved`: a better plan in a MIP stage (its start first).
        public enum Kind: String, Sendable { case build, start, search, improved, end }
        public var kind: Kind
        public var stage: String
        /// Seconds since the solve began (all stages).
        public var elapsed: Double
        /// The best plan so far (MIP search) or the stage's result (end).
        public var incumbent: Double?
        public var bound: Double?
        public var gap: Double?
        public var status: String?
        /// Where an `improved` plan came from, when not from the search itself.
        public var source: String?

        public init(
            kind: Kind, stage: String, elapsed: Double, incumbent: Double? = nil, bound: Double? = nil,
            gap: Double? = nil, status: String? = nil, source: String? = nil
        ) {
            self.kind = kind
            self.stage = stage
            self.elapsed = elapsed
            self.incumbent = incumbent
            self.bound = bound
            self.gap = gap
            self.status = status
            self.source = source
        }
    }
}
