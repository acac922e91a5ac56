/// What `suggest-hires` shows: a table for people, the scenarios to paste into allot.yaml, and
/// suggestions.json (docs/suggest-hires.md).
extension HiringAdvice {
    public static let schemaVersion = 1

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
        out += "Base plan: \(base.joined(separator: ", ")) staffed, cost \(formatGrouped(self.base.cost.total)) "
        out += "\(currency)\n"
        if checkedCount > 0 {
            let more = candidatesFound > checkedCount ? " (of \(candidatesFound) found; see --candidates)" : ""
            let profiles = checkedCount == 1 ? "profile" : "profiles"
            out += "\(checkedCount) \(profiles) checked\(more), each alone against the base plan: "
            out += "gains of two hires do not add up.\n"
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
            out += "Paste under scenarios: in \(dataset)/allot.yaml (add that line if it has none); then\n"
            out += "  allot compare \(dataset) --scenarios \(names)\n"
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

    /// suggestions.json.
    public func json() -> JSON {
        .object([
            ("schema_version", .int(HiringAdvice.schemaVersion)),
            ("name", .optional(name)),
            ("currency", .string(currency)),
            // The dataset planned, so `allot report --hires` can refuse a plan of another dataset.
            (
                "source",
                base.source.map {
                    .object([("dataset", .string($0.dataset)), ("fingerprint", .string($0.fingerprint))])
                } ?? .null
            ),
            ("priorities", .array(priorities.map { .int($0) })),
            ("checked_alone", .bool(true)),
            (
                "base",
                .object([
                    ("status", .string(base.status.rawValue)),
                    ("cost", .num(base.cost.total)),
                    (
                        "priorities",
                        .array(
                            base.coverage.map { c in
                                .object([
                                    ("priority", .int(c.priority)), ("demanded", .num(c.demanded)),
                                    ("staffed", .num(c.staffed)), ("unmet", .num(c.unmet)),
                                ])
                            })
                    ),
                ])
            ),
            ("candidates_found", .int(candidatesFound)),
            ("candidates_checked", .int(checkedCount)),
            ("suggestions", .array(suggestions.map(json))),
            ("not_suggested", .array(notSuggested.map(json))),
            ("note", .optional(emptyReason)),
        ])
    }

    func json(_ c: Check) -> JSON {
        let p = c.profile
        return .object([
            ("scenario", .string(p.scenario)),
            ("staff_id", .string(p.id)),
            ("skill", .string(p.skill)),
            ("level", .int(p.level)),
            ("hours_per_week", .num(p.hoursPerWeek)),
            ("start", .string("\(p.start)")),
            ("end", .string("\(p.end)")),
            ("cost_per_hour", .num(p.costPerHour)),
            ("paid", .string(p.paid.rawValue)),
            (
                "sized_from",
                .object([
                    ("first_period", .string(p.firstPeriod)), ("last_period", .string(p.lastPeriod)),
                    ("unmet_hours", .num(p.unmetHours)),
                    ("marginal_value", .num(p.marginalValue, 4)),
                    ("projects", .array(p.projects.map { .string($0.rawValue) })),
                ])
            ),
            ("status", .string(c.status.rawValue)),
            ("gains", .array(c.gains.map { .object([("priority", .int($0.priority)), ("hours", .num($0.hours))]) })),
            ("gained_hours", .num(c.gainedHours)),
            ("cost", .num(c.cost)),
            ("cost_delta", .num(c.costDelta)),
            ("cost_per_gained_hour", .optional(c.costPerGainedHour)),
            ("reason", .optional(c.rejection)),
            ("yaml", .string(p.scenarioYAML)),
        ])
    }
}

extension String {
    fileprivate func trimmingTrailingSpaces() -> String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}
