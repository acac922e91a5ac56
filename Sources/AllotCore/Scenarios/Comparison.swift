import Foundation
import LinearModel

/// `compare`: the base plan and a plan per scenario, side by side, with each
/// scenario's assignments diffed against the base (docs/scenarios.md).
public struct Comparison: Sendable {
    public struct Entry: Sendable {
        public var name: String
        public var description: String?
        public var run: Planner.Run
        /// Nil for the base.
        public var diff: AssignmentDiff?
        /// Whether the solve started from the base's optimal bases.
        public var warmStarted: Bool
    }

    public var base: Entry
    public var scenarios: [Entry]

    public var entries: [Entry] { [base] + scenarios }

    public struct Options: Sendable {
        public var planner: Planner.Options
        /// Scenarios solved at once, each on its own solver thread.
        public var jobs: Int
        /// Start same-shape scenarios from the base's optimal bases.
        public var warmStart: Bool

        public init(planner: Planner.Options, jobs: Int = 1, warmStart: Bool = true) {
            self.planner = planner
            self.jobs = jobs
            self.warmStart = warmStart
        }
    }

    /// Applies and validates every scenario named (all when nil) before
    /// solving anything, so every problem is reported at once.
    public static func prepare(_ dataset: Dataset, names: [String]?) -> Result<
        (base: Portfolio, scenarios: [(Scenario, Portfolio)]), DatasetError
    > {
        var problems: [Diagnostic] = []
        var base: Portfolio?
        switch dataset.validate() {
        case .success(let p): base = p
        case .failure(let e): problems += e.diagnostics
        }
        let (declared, declarationProblems) = dataset.scenarios()
        // All scenarios: a broken declaration (no name, not a mapping) fails the
        // comparison as it fails `validate`, instead of being left out.
        if names == nil { problems += declarationProblems.filter { $0.severity == .error } }
        var wanted: [String] = []
        for name in names ?? declared.map(\.name) where !wanted.contains(name) { wanted.append(name) }
        var prepared: [(Scenario, Portfolio)] = []
        for name in wanted {
            switch dataset.applying(scenario: name) {
            case .failure(let e): problems += e.diagnostics
            case .success(let changed):
                guard let scenario = declared.first(where: { $0.name == name }) else { continue }
                prepared.append((scenario, changed.portfolio))
            }
        }
        let errors = problems.filter { $0.severity == .error }
        guard errors.isEmpty, let base else { return .failure(DatasetError(Array(Set(problems)))) }
        return .success((base, prepared))
    }

    /// Plans the base and the scenarios on up to `jobs` threads at once, the
    /// base first. A scenario waits for the base only where it needs it: for
    /// the base's basis of a stage when its model has the base's shape (as
    /// soon as the base ends that stage), and for its plan at the closing
    /// stage; until then it solves beside the base. Results do
    /// not depend on `jobs`: each scenario starts from the same base bases
    /// whatever runs beside it, and waiting spends none of its time limit.
    public static func run(
        base: Portfolio, scenarios: [(Scenario, Portfolio)], options: Options,
        progress: (@Sendable (String) -> Void)? = nil
    ) throws -> Comparison {
        let pending = Planner.PendingRun()
        let results = ResultSlots<Result<Planner.Run, any Error>>(count: scenarios.count)
        let total = scenarios.count
        let done = Counter()
        // Job 0 is the base, started first, so no scenario waits on a base nobody plans.
        parallelFor(count: 1 + scenarios.count, jobs: max(1, options.jobs)) { job in
            guard job > 0 else {
                let outcome = Result {
                    try Planner.plan(
                        base, options: options.planner, warmFrom: nil, keepBases: options.warmStart, closeTo: nil,
                        built: { pending.built($0) },
                        stageSolved: { pending.ended(stage: $0, basis: $1, iterations: $2) })
                }
                pending.finish(outcome)
                if case .success(let run) = outcome {
                    progress?("base: \(run.plan.status.rawValue) in \(format(run.solution.seconds, decimals: 2)) s")
                }
                return
            }
            // A base that failed fails the comparison: the scenarios not started are not planned.
            if pending.hasFailed { return }
            let i = job - 1
            let (scenario, portfolio) = scenarios[i]
            let outcome = Result {
                try Planner.plan(
                    portfolio, options: options.planner, scenario: scenario.name,
                    warmFrom: options.warmStart ? pending : nil, closeTo: pending)
            }
            results.set(i, outcome)
            if let progress {
                let n = done.increment()
                switch outcome {
                case .success(let r):
                    progress(
                        "[\(n)/\(total)] \(scenario.name): \(r.plan.status.rawValue) in \(format(r.solution.seconds, decimals: 2)) s\(r.solution.warmStarted ? " (warm start)" : "")"
                    )
                case .failure(let e):
                    progress("[\(n)/\(total)] \(scenario.name): failed: \(e)")
                }
            }
        }
        let baseRun = try pending.outcome().get()
        var entries: [Entry] = []
        for (i, (scenario, _)) in scenarios.enumerated() {
            let run = try results.get(i)!.get()
            entries.append(
                Entry(
                    name: scenario.name, description: scenario.description, run: run,
                    diff: AssignmentDiff(from: baseRun.plan, to: run.plan), warmStarted: run.solution.warmStarted))
        }
        return Comparison(
            base: Entry(name: "base", description: nil, run: baseRun, diff: nil, warmStarted: false),
            scenarios: entries)
    }
}
