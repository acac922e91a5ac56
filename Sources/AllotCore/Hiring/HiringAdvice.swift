/// `suggest-hires` (docs/suggest-hires.md): placeholder hires made from the base plan's unmet demand,
/// each checked by planning the dataset with that one hire added, as the what-if scenario it prints,
/// along the path `compare` takes. A profile that staffs no more hours is not suggested.
public struct HiringAdvice: Sendable {
    public var name: String?
    public var currency: String
    /// The priorities asked for, and those whose unmet demand the profiles were made from.
    public var target: Options.Target
    public var priorities: [Int]
    /// The base plan: its status, hours per priority and cost.
    public var base: Plan
    /// Candidates made before `maxCandidates` cut the list.
    public var candidatesFound: Int
    /// Profiles that gained, best first, at most `maxSuggestions`.
    public var suggestions: [Check]
    /// Every other candidate checked, with why it is not suggested, in the order checked.
    public var notSuggested: [Check]

    /// One candidate planned alone against the base.
    public struct Check: Sendable {
        public var profile: HireProfile
        public var status: Solution.Status
        /// Staffed hours with the hire minus without, per priority of the base (most important first).
        public var gains: [(priority: Int, hours: Double)]
        /// The plan's total cost with the hire, and minus the base's.
        public var cost: Double
        public var costDelta: Double
        /// Why the profile is not suggested (nil when it is, or was cut only by `maxSuggestions`).
        public var rejection: String?

        public var gainedHours: Double { gains.reduce(0) { $0 + $1.hours } }
        /// Cost delta per gained hour (nil without a gain).
        public var costPerGainedHour: Double? {
            gainedHours >= HiringAdvice.minimumGain ? costDelta / gainedHours : nil
        }

        /// True when the first priority whose staffed hours changed gained: the plan is better in the
        /// planner's own (lexicographic) order.
        public var improves: Bool {
            for g in gains where abs(g.hours) >= HiringAdvice.minimumGain { return g.hours > 0 }
            return false
        }
    }

    /// Hours below this are no gain (conflicts are reported from 0.01 h).
    public static let minimumGain = 0.01

    public struct Options: Sendable {
        public enum Target: Sendable, Hashable {
            /// The most important priority with unmet hours a hire could staff.
            case mostImportant
            case priority(Int)
            case all
        }

        public var planner: Planner.Options
        public var target: Target
        public var sizing: HireProfile.Sizing
        public var maxSuggestions: Int
        /// Candidates checked at most (the largest unmet demand first).
        public var maxCandidates: Int
        /// Candidates planned at once, each on its own solver thread.
        public var jobs: Int

        public init(
            planner: Planner.Options, target: Target = .mostImportant,
            sizing: HireProfile.Sizing = .init(priorities: []),
            maxSuggestions: Int = 3, maxCandidates: Int = 8, jobs: Int = 1
        ) {
            self.planner = planner
            self.target = target
            self.sizing = sizing
            self.maxSuggestions = maxSuggestions
            self.maxCandidates = maxCandidates
            self.jobs = jobs
        }
    }
}

extension HiringAdvice {
    /// Plans the base, makes the candidates, and checks each alone on up to `jobs` threads. Results do not
    /// depend on `jobs`. `base` is `dataset` validated. Throws what the planner throws, and the dataset's
    /// problems when a candidate's scenario does not apply (which names it).
    public static func make(
        _ dataset: Dataset, base: Portfolio, options: Options, progress: (@Sendable (String) -> Void)? = nil
    ) throws -> HiringAdvice {
        // As compare plans its base: keeping the stage bases, the scenarios' warm start.
        let baseRun = try Planner.plan(base, options: options.planner, keepBases: true)
        progress?("base: \(baseRun.plan.status.rawValue) in \(format(baseRun.solution.seconds, decimals: 2)) s")
        var advice = HiringAdvice(
            name: baseRun.plan.name, currency: baseRun.plan.currency, target: options.target, priorities: [],
            base: baseRun.plan,
            candidatesFound: 0, suggestions: [], notSuggested: [])
        // Causes are proven only at an optimum; a stopped stage leaves its unmet hours unexplained.
        guard baseRun.plan.status == .optimal else { return advice }
        let hireable = HireProfile.prioritiesWithHireableDemand(baseRun.plan)
        switch options.target {
        case .mostImportant: advice.priorities = Array(hireable.prefix(1))
        case .priority(let p): advice.priorities = hireable.contains(p) ? [p] : []
        case .all: advice.priorities = hireable
        }
        guard !advice.priorities.isEmpty else { return advice }
        var sizing = options.sizing
        sizing.priorities = Set(advice.priorities)
        let declared = dataset.scenarios().scenarios.map(\.name)
        let all = HireProfile.candidates(baseRun, sizing: sizing, takenScenarios: declared)
        advice.candidatesFound = all.count
        let candidates = Array(all.prefix(max(0, options.maxCandidates)))
        // Each candidate's scenario applied to the dataset exactly as if it were pasted into allot.yaml.
        let portfolios = try candidates.map { profile in
            try dataset.adding(profile).applying(scenario: profile.scenario).get().portfolio
        }
        let slots = ResultSlots<Result<Planner.Run, any Error>>(count: candidates.count)
        let done = Counter()
        parallelFor(count: candidates.count, jobs: max(1, options.jobs)) { i in
            let profile = candidates[i]
            // The call compare makes for each scenario (Comparison.run).
            let outcome = Result {
                try Planner.plan(
                    portfolios[i], options: options.planner, scenario: profile.scenario, warmStart: baseRun,
                    closeTo: baseRun)
            }
            slots.set(i, outcome)
            if let progress {
                let n = done.increment()
                switch outcome {
                case .success(let r):
                    progress(
                        "[\(n)/\(candidates.count)] \(profile.scenario): \(r.plan.status.rawValue) in "
                            + "\(format(r.solution.seconds, decimals: 2)) s")
                case .failure(let e):
                    progress("[\(n)/\(candidates.count)] \(profile.scenario): failed: \(e)")
                }
            }
        }
        var checks: [Check] = []
        for (i, profile) in candidates.enumerated() {
            let plan = try slots.get(i)!.get().plan
            checks.append(check(profile, plan: plan, base: baseRun.plan))
        }
        var gaining = checks.filter { $0.rejection == nil }.sorted(by: isBetter)
        var others = checks.filter { $0.rejection != nil }
        if gaining.count > options.maxSuggestions {
            for var extra in gaining[options.maxSuggestions...] {
                extra.rejection = "ranked after the \(options.maxSuggestions) suggested"
                others.append(extra)
            }
            gaining = Array(gaining.prefix(options.maxSuggestions))
        }
        advice.suggestions = gaining
        advice.notSuggested = others.sorted { a, b in
            candidates.firstIndex(of: a.profile)! < candidates.firstIndex(of: b.profile)!
        }
        return advice
    }

    /// A candidate's plan against the base.
    static func check(_ profile: HireProfile, plan: Plan, base: Plan) -> Check {
        let gains = base.coverage.map { b in
            (priority: b.priority, hours: (plan.coverage.first { $0.priority == b.priority }?.staffed ?? 0) - b.staffed)
        }
        var check = Check(
            profile: profile, status: plan.status, gains: gains, cost: plan.cost.total,
            costDelta: centsDifference(plan.cost.total, base.cost.total), rejection: nil)
        if plan.status != .optimal {
            check.rejection = "its plan is \(plan.status.rawValue), not proven optimal, so its gain is not proven"
        } else if !check.improves {
            check.rejection = "it staffs no more hours"
        }
        return check
    }

    /// Best first: more hours of the most important priority where two differ (by 0.01 h or more), then
    /// the lower cost per gained hour, then the scenario name.
    static func isBetter(_ a: Check, _ b: Check) -> Bool {
        for (x, y) in zip(a.gains, b.gains) where abs(x.hours - y.hours) >= minimumGain { return x.hours > y.hours }
        let (ca, cb) = (a.costPerGainedHour ?? .infinity, b.costPerGainedHour ?? .infinity)
        if abs(ca - cb) >= 0.005 { return ca < cb }
        return a.profile.scenario < b.profile.scenario
    }
}

extension Dataset {
    /// The dataset with the hire's scenario appended to the manifest's `scenarios:` list, as parsed from
    /// the text `suggest-hires` prints (so a user who pastes it gets the same dataset).
    func adding(_ profile: HireProfile) -> Dataset {
        var result = self
        let text = "scenarios:\n" + profile.scenarioYAML
        guard case .success(let parsed) = ManifestNode.parse(text, file: "suggest-hires"),
            case .sequence(let items, _)? = parsed["scenarios"]
        else { preconditionFailure("suggest-hires wrote YAML it cannot read:\n\(text)") }
        guard case .mapping(var entries, let at) = manifest else { return self }
        if let k = entries.firstIndex(where: { $0.key == "scenarios" }) {
            if case .sequence(let old, let listAt) = entries[k].value {
                entries[k].value = .sequence(old + items, listAt)
            } else {
                entries[k].value = .sequence(items, entries[k].value.location)  // null or []
            }
        } else {
            entries.append(ManifestNode.Entry(key: "scenarios", keyLocation: at, value: .sequence(items, at)))
        }
        result.manifest = .mapping(entries, at)
        return result
    }
}
