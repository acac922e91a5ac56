import Foundation
import LinearModel

/// The whole pipeline for one dataset: validate, expand the calendar,
/// formulate, solve in stages, interpret.
public enum Planner {
    public struct Options: Sendable {
        /// The LP/MIP engine (the command line hands in GLPK).
        public var solver: any LinearSolver
        /// Overrides the manifest's objective.
        public var objective: Settings.Objective?
        /// Overrides solver.time_limit_s (seconds, shared by all stages).
        public var timeLimit: Double?

        /// MIP stages report progress here (about twice a second).
        public var progress: (@Sendable (StagedSolver.ProgressEvent) -> Void)?
        /// Branch-and-bound settings for MIP policies.
        public var mip: MIPSettings
        /// Whether LP stages start from a subset of the hours columns, and how.
        public var pricing: Pricing
        public var partialPricing: PartialPricing.Options
        /// The most hours columns a model may have (`ModelTooLargeError`
        /// beyond); `--max-columns` raises it.
        public var maxColumns: Int = Planner.defaultMaxColumns

        public init(
            solver: any LinearSolver, objective: Settings.Objective? = nil, timeLimit: Double? = nil,
            progress: (@Sendable (StagedSolver.ProgressEvent) -> Void)? = nil, mip: MIPSettings = MIPSettings(),
            pricing: Pricing = .automatic, partialPricing: PartialPricing.Options = PartialPricing.Options()
        ) {
            self.solver = solver
            self.objective = objective
            self.timeLimit = timeLimit
            self.progress = progress
            self.mip = mip
            self.pricing = pricing
            self.partialPricing = partialPricing
        }
    }

    /// 3 million hours columns: bench tier XL (2,000 people, 52 weeks, 2.34
    /// million hours columns) peaks at 1,393 MB in its lexicographic plan
    /// with shaping (bench/NOTES.md, session 17), about 600 bytes a column,
    /// so this is about 1.8 GB and most of an hour on 2 cores. Past
    /// it a model is refused before it is built (a three-person horizon of
    /// centuries has 3.1 million).
    public static let defaultMaxColumns = 3_000_000
    /// Bytes per hours column at the peak of a run under partial pricing,
    /// where GLPK holds only the columns it needs (bench tier XL: 1,393 MB
    /// for 2,337,263 hours columns lexicographic, 1,339 MB weighted; 898 MB
    /// after the build).
    public static let bytesPerColumn = 600.0
    /// The same when GLPK holds every column (below 20,000 columns, with
    /// the integer policies, or `--pricing full`): tier XL peaked at 2,642
    /// MB so before the columns left GLPK.
    public static let bytesPerColumnInGLPK = 1_130.0

    /// How LP stages treat the hours columns (`PartialPricing`).
    public enum Pricing: String, Sendable, CaseIterable {
        /// Partial from `partialPricingColumns` hours columns on.
        case automatic
        /// Every column free from the start.
        case full
        /// A subset first, then the columns that price out.
        case partial
    }

    /// Hours columns from which `automatic` pricing solves over a subset
    /// first (measured in bench/RESULTS.md).
    public static let partialPricingColumns = 20_000

    /// Everything a run produced, for the files, the terminal and the exports.
    public struct Run: Sendable {
        public var portfolio: Portfolio
        public var instance: Instance
        public var formulation: Formulation
        public var solution: Solution
        public var plan: Plan
        /// Wall seconds of the calendar and formulation, and of interpreting
        /// the solution (the solve's own time is in `solution`).
        public var buildSeconds: Double = 0
        public var interpretSeconds: Double = 0
        /// Peak resident megabytes of the process at the end of the build,
        /// the solve and the interpretation (for --profile).
        public var peakMegabytes: (build: Double, solve: Double, interpret: Double) = (0, 0, 0)
    }

    /// Applies command-line overrides to a validated portfolio.
    public static func configure(_ portfolio: Portfolio, _ options: Options) -> Portfolio {
        var p = portfolio
        if let o = options.objective {
            p.settings.objective = o
            p.objectiveOrigin = nil
        }
        if let t = options.timeLimit { p.settings.timeLimit = t }
        return p
    }

    /// Plans a portfolio. `warmStart` is the run of a model of the same shape
    /// (a what-if's base): its stage bases seed this run's stages when the
    /// rows and columns match by name; otherwise the solve is cold.
    /// `closeTo`: the run a what-if's closing stage stays close to.
    public static func plan(
        _ portfolio: Portfolio, options: Options, scenario: String? = nil,
        warmStart: Run? = nil, keepBases: Bool = false, closeTo referenceRun: Run? = nil
    ) throws -> Run {
        try plan(
            portfolio, options: options, scenario: scenario, warmFrom: warmStart.map(PendingRun.init),
            keepBases: keepBases, closeTo: referenceRun.map(PendingRun.init))
    }

    /// `plan` with a base that another thread may still be planning (compare
    /// plans the base beside the scenarios): a scenario waits for the base's
    /// model to compare their rows and columns, for the base's basis of a
    /// stage when it starts that stage, and for the base's plan at the
    /// closing stage. Waiting spends none
    /// of the time limit, so the plans do not depend on what runs beside them.
    /// `built` hears of this run's model as soon as it is built, and
    /// `stageSolved` of each stage's basis as soon as the stage ends.
    static func plan(
        _ portfolio: Portfolio, options: Options, scenario: String? = nil, warmFrom: PendingRun?,
        keepBases: Bool = false, closeTo reference: PendingRun?, built: (@Sendable (Formulation) -> Void)? = nil,
        stageSolved: (@Sendable (Int, Basis?, Int) -> Void)? = nil
    ) throws -> Run {
        let portfolio = configure(portfolio, options)
        let clock = ContinuousClock.now
        // Counted before the calendar is expanded: a horizon of centuries is refused at once.
        let estimate = ColumnEstimate.columns(portfolio)
        if estimate > options.maxColumns {
            let partial =
                !portfolio.settings.usesIntegerPolicies && usesPartialPricing(hoursColumns: estimate, options.pricing)
            throw ModelTooLargeError(
                columns: estimate, limit: options.maxColumns,
                bytesPerColumn: partial ? bytesPerColumn : bytesPerColumnInGLPK)
        }
        // Build progress (--progress; on a terminal by default): a large model takes a while to build.
        func building(_ status: String) {
            options.progress?(
                StagedSolver.ProgressEvent(
                    kind: .build, stage: "model", elapsed: seconds(ContinuousClock.now - clock), status: status))
        }
        building("about \(formatGrouped(Double(estimate))) hours columns; building the calendar")
        let instance = Instance(portfolio)
        building("\(instance.periods.count) periods, \(instance.cells.count) demand cells; formulating")
        if let refused = portfolio.weightedObjectiveError(instance, scenario: scenario) { throw refused }
        // A scenario closing on a reference plan is not shaped: no shaping index.
        let formulation = Formulation(instance, shaping: reference == nil)
        built?(formulation)
        let builtAt = ContinuousClock.now
        building("built, \(formatGrouped(Double(formulation.hours.count))) hours columns")
        let builtPeak = peakResidentMegabytes()
        var warm: StagedSolver.WarmStart?
        // The base's basis is dual feasible for the scenario's first stage
        // only if that stage's objective is the same (bounds and costs
        // elsewhere may differ). A changed objective (e.g. a project moved to
        // another priority) made dual simplex from the base's basis crawl:
        // over 90 s against 11 s cold on bench tier M's 'reprioritise'. The
        // later stages give the base's basis up past an iteration limit.
        let partialPricing = usesPartialPricing(formulation, options.pricing)
        let waitStart = ContinuousClock.now
        let baseModel = warmFrom?.formulation()
        let waited = seconds(ContinuousClock.now - waitStart)
        // A MIP keeps no bases (and a MIP scenario starts none from them).
        if let base = warmFrom, let baseModel, !baseModel.isMixedInteger, !formulation.isMixedInteger,
            formulation.stages.map(\.name) == baseModel.stages.map(\.name)
        {
            // The same rows and columns, or another shape (a person who
            // leaves, a new hire): then the base's bases are carried over by
            // row and column names.
            let positions = formulation.hasSameShape(as: baseModel) ? nil : formulation.positions(in: baseModel)
            let first =
                positions.map { formulation.hasSameFirstObjective(as: baseModel, positions: $0) }
                ?? formulation.hasSameFirstObjective(as: baseModel)
            // Each stage waits for the base's stage of the same index, not for the whole base.
            if first || partialPricing {
                let adapt: @Sendable (Basis) -> Basis?
                if let positions {
                    adapt = { [formulation] in formulation.carried($0, positions: positions) }
                } else {
                    adapt = { $0 }
                }
                warm = StagedSolver.WarmStart(first: first, adapt: adapt, stage: { base.stageBasis($0) })
            }
        }
        var closeTo: (@Sendable () -> StagedSolver.Reference?)?
        if let pending = reference {
            closeTo = { @Sendable () -> StagedSolver.Reference? in pending.reference() }
        }
        let solution = try StagedSolver.solve(
            formulation,
            settings: StagedSolver.Settings(
                solver: options.solver, timeLimit: portfolio.settings.timeLimit,
                // The limit counts from the start of the build: building the model spends it too.
                spentBefore: seconds(ContinuousClock.now - clock) - waited, mipGap: portfolio.settings.mipGap,
                warmStart: warm, keepBases: keepBases, stageSolved: stageSolved, closeTo: closeTo, mip: options.mip,
                progress: options.progress,
                partialPricing: partialPricing ? options.partialPricing : nil))
        let solved = ContinuousClock.now
        let solvedPeak = peakResidentMegabytes()
        let plan = Plan(instance: instance, formulation: formulation, solution: solution, scenario: scenario)
        return Run(
            portfolio: portfolio, instance: instance, formulation: formulation, solution: solution, plan: plan,
            buildSeconds: seconds(builtAt - clock), interpretSeconds: seconds(ContinuousClock.now - solved),
            peakMegabytes: (builtPeak, solvedPeak, peakResidentMegabytes()))
    }
}

extension Planner {
    /// A run that one thread plans and others wait for: its model once built,
    /// then the run (nil when planning it failed).
    final class PendingRun: @unchecked Sendable {
        private let condition = NSCondition()
        private var model: Formulation??
        private var result: Result<Run, any Error>?
        /// What a closing stage needs of the run, made once for every scenario.
        private var closing: StagedSolver.Reference?
        /// The stages ended so far, and the optimal basis and iterations of each.
        private var stagesEnded = 0
        private var stageBases: [Int: (basis: Basis, iterations: Int)] = [:]

        init() {}

        /// A run that is already done.
        convenience init(_ run: Run) {
            self.init()
            finish(.success(run))
        }

        func built(_ formulation: Formulation) {
            condition.lock()
            if model == nil { model = .some(formulation) }
            condition.broadcast()
            condition.unlock()
        }

        /// Stage `k` has ended (stages end in order).
        func ended(stage k: Int, basis: Basis?, iterations: Int) {
            condition.lock()
            if let basis { stageBases[k] = (basis, iterations) }
            stagesEnded = max(stagesEnded, k + 1)
            condition.broadcast()
            condition.unlock()
        }

        /// Waits for stage `k` to end (or the run); its optimal basis and
        /// iterations, nil when it has none (not kept, not solved, a MIP).
        func stageBasis(_ k: Int) -> (basis: Basis, iterations: Int)? {
            condition.lock()
            defer { condition.unlock() }
            while stagesEnded <= k && result == nil { condition.wait() }
            if let ended = stageBases[k] { return ended }
            guard case .success(let run)? = result, k < run.solution.stageBases.count,
                let basis = run.solution.stageBases[k]
            else { return nil }
            return (basis, run.solution.stages[k].iterations)
        }

        func finish(_ outcome: Result<Run, any Error>) {
            condition.lock()
            result = outcome
            if model == nil { model = .some(try? outcome.get().formulation) }
            condition.broadcast()
            condition.unlock()
        }

        /// Waits for the model; nil when planning failed before building it.
        func formulation() -> Formulation? {
            condition.lock()
            defer { condition.unlock() }
            while model == nil { condition.wait() }
            return model!
        }

        /// Waits for the run; nil when planning it failed.
        func run() -> Run? { try? outcome().get() }

        /// The run as a closing stage's reference; waits for the run, nil
        /// when planning it failed.
        func reference() -> StagedSolver.Reference? {
            guard let run = run() else { return nil }
            condition.lock()
            defer { condition.unlock() }
            if closing == nil { closing = StagedSolver.Reference(run) }
            return closing
        }

        /// Whether planning it has failed already (does not wait).
        var hasFailed: Bool {
            condition.lock()
            defer { condition.unlock() }
            if case .failure = result { return true }
            return false
        }

        func outcome() -> Result<Run, any Error> {
            condition.lock()
            defer { condition.unlock() }
            while result == nil { condition.wait() }
            return result!
        }
    }

    static func usesPartialPricing(_ f: Formulation, _ pricing: Pricing) -> Bool {
        usesPartialPricing(hoursColumns: f.hours.count, pricing)
    }

    /// Whether LP stages price (`PartialPricing`) with this many hours
    /// columns (a MIP never does, `StageRun`).
    static func usesPartialPricing(hoursColumns: Int, _ pricing: Pricing) -> Bool {
        switch pricing {
        case .automatic: return hoursColumns >= partialPricingColumns
        case .full: return false
        case .partial: return true
        }
    }
}

/// Seconds in a Duration.
public func seconds(_ d: Duration) -> Double {
    Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
}

/// `objective: weighted` with more priorities than its weights can keep apart.
public struct WeightedObjectiveError: Error, Sendable, CustomStringConvertible {
    public var priorities: Int
    /// Where allot.yaml sets the objective; nil when `--objective` did.
    public var origin: SourceLocation?
    /// The scenario planned, when the refusal is its own (the base may plan).
    public var scenario: String? = nil

    public var description: String {
        origin == nil
            ? "--objective weighted: the demand has \(priorities) priorities"
                + (scenario.map { " with scenario \(quoted($0))" } ?? "")
                + ", but its weights can keep at most "
                + "\(Formulation.weightedPriorityLimit) apart (they span 10^(N-1), and the solver would lose the "
                + "lowest ones); plan without --objective weighted (lexicographic is the default), or merge priorities"
            : diagnostic.description
    }

    /// The refusal at the `objective:` line (at allot.yaml:1:1 for an option).
    /// A scenario's is tagged with its name, since its `objective:` line
    /// may be the base's, which plans.
    public var diagnostic: Diagnostic {
        let d = Diagnostic(
            .error, at: origin ?? SourceLocation(file: Dataset.manifestFile, line: 1, column: 1),
            found: "objective weighted with \(priorities) priorities in the demand",
            expected: "at most \(Formulation.weightedPriorityLimit) priorities for weighted (its weights span "
                + "10^(N-1), and the solver would lose the lowest ones): objective: lexicographic (the default), "
                + "or fewer priorities in projects.csv")
        return scenario.map { d.withScenario($0) } ?? d
    }
}

extension Portfolio {
    /// The refusal of `objective: weighted` when the demand has more
    /// priorities than its weights keep apart (`Instance.priorities`, the
    /// priorities of the demand cells); nil otherwise. The instance is built
    /// only when the demand lines' projects have that many priorities.
    public func weightedObjectiveError(_ instance: Instance? = nil, scenario: String? = nil)
        -> WeightedObjectiveError?
    {
        guard settings.objective == .weighted else { return nil }
        let priorityOf = Dictionary(projects.map { ($0.id, $0.priority) }, uniquingKeysWith: { a, _ in a })
        guard Set(demand.compactMap { priorityOf[$0.project] }).count > Formulation.weightedPriorityLimit
        else { return nil }
        let count = (instance ?? Instance(self)).priorities.count
        guard count > Formulation.weightedPriorityLimit else { return nil }
        return WeightedObjectiveError(priorities: count, origin: objectiveOrigin, scenario: scenario)
    }
}

extension Planner {
    /// The hours columns the model would have, counted from the calendar
    /// without building it: per demand cell, the qualified people with
    /// capacity in each of its periods.
    public static func estimatedColumns(_ instance: Instance) -> Int {
        var count = 0
        for cell in instance.cells where cell.requested > 0 {
            for s in instance.skillHolders[cell.skill] ?? [] where instance.isQualified(s, for: cell) {
                for t in cell.periods where instance.capacity[s][t] > 0 { count += 1 }
            }
        }
        return count
    }
}

/// A model past `Planner.Options.maxColumns`, refused before it is built.
public struct ModelTooLargeError: Error, Sendable, CustomStringConvertible {
    public var columns: Int
    public var limit: Int
    /// The memory estimate's bytes per column (`Planner.bytesPerColumn`).
    public var bytesPerColumn: Double = Planner.bytesPerColumn

    public var description: String {
        let megabytes = Double(columns) * bytesPerColumn / 1e6
        let memory =
            megabytes >= 1000
            ? "about \(format(megabytes / 1000, decimals: 1)) GB"
            : megabytes >= 1 ? "about \(format(megabytes, decimals: 0)) MB" : "under 1 MB"
        return "the model would have about \(formatGrouped(Double(columns))) hours columns (\(memory) of "
            + "memory), more than the limit of \(formatGrouped(Double(limit))); "
            + "shorten the horizon, use month periods, split the portfolio, or raise the limit with --max-columns"
    }
}
