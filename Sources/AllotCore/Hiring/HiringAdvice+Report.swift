/// What `suggest-hires` shows: a table for people, the scenarios to paste into allot.yaml, and
/// suggestions.json (docs/suggest-hires.md).
extension HiringAdvice {
    public static let schemaVersion = 1

    /// The priorities `portfolio`'s demand asks for, in order: what `--priority` may name.
    public static func priorities(askedIn portfolio: Portfolio) -> [Int] {
        let priority = Dictionary(uniqueKeysWithValues: portfolio.projects.map { ($0.id, $0.priority) })
        return Set(portfolio.demand.compactMap { priority[$0.project] }).sorted()
    }

    /// Why there is nothing to suggest (nil when there are suggestions).
    public var emptyReason: String? {
        guard suggestions.isEmpty else { return nil }
        if base.status != .optimal {
            return "the base plan is \(base.status.rawValue), not optimal, so the causes of its unmet hours are "
                + "not proven (give it more time with --time-limit)"
        }
        if priorities.isEmpty {
            var asked = base.coverage
            if case .priority(let p) = target {
                asked = asked.filter { $0.priority == p }
                if asked.isEmpty { return "the dataset has no demand of priority \(p)" }
            }
            let scope = if case .priority(let p) = target { "of priority \(p) " } else { "" }
            return asked.reduce(0, { $0 + $1.unmet }) < HiringAdvice.minimumGain
                ? "every demand hour \(scope)is staffed"
                : "no unmet hours \(scope)are for want of people (they are held back by budgets or "
                    + "policies: see conflicts.csv of `allot plan`)"
        }
        return "no profile staffed more hours when checked"
    }

    /// "of priority 2", "of any priority".
    var scopeText: String {
        switch priorities.count {
        case 0: return "of no priority"
        case 1: return "of priority \(priorities[0])"
        default: return "of priorities " + priorities.map(String.init).joined(separator: ", ")
        }
    }

    var checkedCount: Int { suggestions.count + notSuggested.count }

    /// The scenarios of the suggestions, as items of the `scenarios:` list.
    public var scenariosYAML: String { suggestions.map(\.profile.scenarioYAML).joined() }

    /// The terminal report: the table, the candidates left out and the YAML to paste.
    public func text(dataset: String) -> String {
        var out = "Hiring suggestions for \(name ?? dataset)"
        if !priorities.isEmpty { out += " · from unmet demand \(scopeText)" }
        out += "\n"
        let base = self.base.coverage.map { "P\($0.priority) \(format($0.percent, decimals: 1))%" }
        // A dataset without demand has no priority to name ("Base plan:  staffed").
        let staffed = base.isEmpty ? "no demand" : base.joined(separator: ", ") + " staffed"
        out += "Base plan: \(staffed), cost \(formatGrouped(self.base.cost.total)) "
        out += "\(currency)\n"
        if checkedCount > 0 {
            let more = candidatesFound > checkedCount ? " (of \(candidatesFound) found; see --candidates)" : ""
            out +=
                checkedCount == 1
                ? "1 profile checked\(more), against the base plan.\n"
                : "\(checkedCount) profiles checked\(more), each alone against the base plan: "
                    + "gains of two hires do not add up.\n"
        }
        if let why = emptyReason {
            out += "\nNo hire to suggest: \(why).\n"
        } else {
            out += "\n" + table() + "\n"
        }
        if !notSuggested.isEmpty {
            out += "Not suggested:\n"
            for c in notSuggested {
                out += "  \(c.profile.scenario) (\(c.profile.skill):\(c.profile.level), "
                out += "\(format(c.profile.hoursPerWeek)) h/week): \(c.rejection ?? "")\n"
            }
            out += "\n"
        }
        if !suggestions.isEmpty {
            let names = suggestions.map(\.profile.scenario).joined(separator: ",")
            out +=
                "Paste under scenarios: in \(dataset)/allot.yaml (add that line if it has none; an empty scenarios: [] becomes scenarios:); then\n"
            out += "  allot compare \(shellWord(dataset)) --scenarios \(names)\n"
            out += "shows the same gains and costs:\n\n"
            out += scenariosYAML
        }
        return out
    }

    /// One row per suggestion: the profile, the hours gained per priority, the cost.
    func table() -> String {
        let priorities = base.coverage.map(\.priority)
        let header =
            ["scenario", "skill", "h/week", "from", "to", "\(currency)/h", "paid"]
            + priorities.map { "P\($0) gain" } + ["cost \(currency)", "\(currency) per gained h"]
        var rows: [[String]] = []
        for c in suggestions {
            let p = c.profile
            var row = [
                p.scenario, "\(p.skill):\(p.level)", format(p.hoursPerWeek), "\(p.start)", "\(p.end)",
                format(p.costPerHour), p.paid.rawValue,
            ]
            row += c.gains.map { signed($0.hours, decimals: 1) }
            row += [
                signed(c.costDelta, decimals: 0), c.costPerGainedHour.map { formatGrouped($0, decimals: 2) } ?? "-",
            ]
            rows.append(row)
        }
        let widths = header.indices.map { i in ([header[i]] + rows.map { $0[i] }).map(\.count).max()! }
        // Text columns (the first 5 and paid) to the left, numbers to the right.
        let left: Set<Int> = [0, 1, 3, 4, 6]
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { i, c in
                let pad = String(repeating: " ", count: widths[i] - c.count)
                return left.contains(i) ? c + pad : pad + c
            }.joined(separator: "  ").trimmingTrailingSpaces() + "\n"
        }
        return ([header] + rows).map(line).joined()
    }

    func signed(_ v: Double, decimals: Int) -> String {
        let text = formatGrouped(abs(v), decimals: decimals)
        return text == "0" ? "0" : (v > 0 ? "+" : "-") + text
    }

    /// suggestions.json (`SuggestionsFile`).
    public func json() -> JSON {
        JSONValueEncoder.file(SuggestionsFile(self), "suggestions.json")
    }
}

extension SuggestionsFile {
    /// The file `advice` is written as.
    init(_ advice: HiringAdvice) {
        let base = advice.base
        self.init(
            schemaVersion: HiringAdvice.schemaVersion, name: advice.name, currency: advice.currency,
            // The dataset planned, so `allot report --hires` can refuse a plan of another dataset.
            source: base.source.map { Source(dataset: $0.dataset, fingerprint: $0.fingerprint) },
            priorities: advice.priorities, checkedAlone: true,
            base: Base(
                status: base.status, cost: base.cost.total,
                priorities: base.coverage.map {
                    PriorityHours(priority: $0.priority, demanded: $0.demanded, staffed: $0.staffed, unmet: $0.unmet)
                }),
            candidatesFound: advice.candidatesFound, candidatesChecked: advice.checkedCount,
            suggestions: advice.suggestions.map(Check.init), notSuggested: advice.notSuggested.map(Check.init),
            note: advice.emptyReason)
    }
}

extension SuggestionsFile.Check {
    init(_ c: HiringAdvice.Check) {
        let p = c.profile
        self.init(
            scenario: p.scenario, staffId: p.id, skill: p.skill, level: p.level, hoursPerWeek: p.hoursPerWeek,
            start: p.start, end: p.end, costPerHour: p.costPerHour, paid: p.paid,
            sizedFrom: SuggestionsFile.SizedFrom(
                firstPeriod: p.firstPeriod, lastPeriod: p.lastPeriod, unmetHours: p.unmetHours,
                marginalValue: p.marginalValue, projects: p.projects.map(\.rawValue)),
            status: c.status, gains: c.gains.map { SuggestionsFile.Gain(priority: $0.priority, hours: $0.hours) },
            gainedHours: c.gainedHours, cost: c.cost, costDelta: c.costDelta,
            costPerGainedHour: c.costPerGainedHour, reason: c.rejection, yaml: p.scenarioYAML)
    }
}

extension String {
    fileprivate func trimmingTrailingSpaces() -> String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}
