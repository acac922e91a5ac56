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
        if let o = options.objective { p.settings.objective = o }
        if let t = options.timeLimit { p.settings.timeLimit = t }
        return p
    }

    /// Plans a portfolio. `warmStart` is the run of a model of the same shape
    /// (a what-if's base): its stage bases seed this run's stages when the
    /// rows and columns match by name; otherwise the solve is cold.
    public static func plan(
        _ portfolio: Portfolio, options: Options, scenario: String? = nil,
        warmStart: Run? = nil, keepBases: Bool = false, closeTo reference: Plan? = nil
    ) throws -> Run {
        let portfolio = configure(portfolio, options)
        let clock = ContinuousClock.now
        let instance = Instance(portfolio)
        if portfolio.settings.objective == .weighted, instance.priorities.count > Formulation.weightedPriorityLimit {
            throw WeightedObjectiveError(priorities: instance.priorities.count)
        }
        let formulation = Formulation(instance)
        let built = ContinuousClock.now
        let builtPeak = peakResidentMegabytes()
        var bases: [Basis?]?
        // The base's basis is dual feasible for the scenario only if the first
        // stage's objective is the same (bounds and costs elsewhere may differ).
        // A changed objective (e.g. a project moved to another priority) made
        // dual simplex from the base's basis crawl: over 90 s against 11 s
        // cold on bench tier M's 'reprioritise'.
        if let base = warmStart, formulation.hasSameShape(as: base.formulation),
            formulation.hasSameFirstObjective(as: base.formulation)
        {
            bases = base.solution.stageBases
        }
        let hours = reference.map { plan in
            Dictionary(
                plan.assignments.map {
                    (AssignmentGroup.key($0.staff.rawValue, $0.project.rawValue, $0.skill, $0.period.name), $0.hours)
                }, uniquingKeysWith: +)
        }
        let solution = try StagedSolver.solve(
            formulation,
            settings: StagedSolver.Settings(
                solver: options.solver, timeLimit: portfolio.settings.timeLimit,
                // The limit counts from the start of the build: building the model spends it too.
                spentBefore: seconds(ContinuousClock.now - clock), mipGap: portfolio.settings.mipGap,
                warmStart: bases,
                keepBases: keepBases, closeTo: hours, mip: options.mip, progress: options.progress,
                partialPricing: usesPartialPricing(formulation, options.pricing) ? options.partialPricing : nil))
        let solved = ContinuousClock.now
        let solvedPeak = peakResidentMegabytes()
        let plan = Plan(instance: instance, formulation: formulation, solution: solution, scenario: scenario)
        return Run(
            portfolio: portfolio, instance: instance, formulation: formulation, solution: solution, plan: plan,
            buildSeconds: seconds(built - clock), interpretSeconds: seconds(ContinuousClock.now - solved),
            peakMegabytes: (builtPeak, solvedPeak, peakResidentMegabytes()))
    }
}

extension Planner {
    static func usesPartialPricing(_ f: Formulation, _ pricing: Pricing) -> Bool {
        switch pricing {
        case .automatic: return f.hours.count >= partialPricingColumns
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

    public var description: String {
        "objective weighted: the demand has \(priorities) priorities, but its weights can keep at most "
            + "\(Formulation.weightedPriorityLimit) apart (they span 10^(N-1), and the solver would lose the "
            + "lowest ones); plan with objective: lexicographic (the default), or merge priorities"
    }
}
