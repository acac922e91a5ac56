/// The terminal summary: what a manager reads in ten seconds.
extension Plan {
    public struct Style: Sendable {
        public var color: Bool
        public init(color: Bool) { self.color = color }

        func bold(_ s: String) -> String { color ? "\u{1B}[1m\(s)\u{1B}[0m" : s }
        func red(_ s: String) -> String { color ? "\u{1B}[31m\(s)\u{1B}[0m" : s }
        func green(_ s: String) -> String { color ? "\u{1B}[32m\(s)\u{1B}[0m" : s }
        func yellow(_ s: String) -> String { color ? "\u{1B}[33m\(s)\u{1B}[0m" : s }
        func dim(_ s: String) -> String { color ? "\u{1B}[2m\(s)\u{1B}[0m" : s }
    }

    /// With a `width` (a terminal's columns), a longer line folds under its
    /// own text: a figure's after its label ("Shape     "), a conflict's
    /// after "  - ".
    public func summaryText(style: Style, filesIn folder: String?, topConflicts: Int = 5, width: Int? = nil)
        -> String
    {
        var lines = titleLines(style) + [""]
        lines += coverageLines(style) + [""]
        lines += figureLines(style) + [""]
        lines += conflictLines(style, top: topConflicts)
        if let folder {
            lines.append("")
            lines.append(
                "Files     \(folder.hasSuffix("/") ? folder : folder + "/"): assignments.csv, conflicts.csv, summary.json, plan.json"
            )
        }
        if let width { lines = lines.flatMap { Self.folded($0, width: width) } }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `line` in lines of at most `width` visible characters (colour codes
    /// take no room), each continuation indented to where the line's text
    /// starts: after a label and its spaces in the first 12 characters
    /// ("Shape     "), after "  - " for a conflict, else by 2. The head keeps
    /// its spacing; the rest folds at spaces. Other indented lines (the
    /// coverage table's rows, "  ... 7 more") stay whole: their spacing is
    /// their layout.
    static func folded(_ line: String, width: Int) -> [String] {
        let colour = /\u{1B}\[[0-9;]*m/
        func visible(_ text: Substring) -> Int { text.replacing(colour, with: "").count }
        let plain = line.replacing(colour, with: "")
        guard plain.count > width, width > 20 else { return [line] }
        var indent = 0
        if plain.hasPrefix("  - ") {
            indent = 4
        } else if plain.hasPrefix(" ") {
            return [line]
        } else if let gap = plain.firstRange(of: /^\S+ {2,}/),
            plain.distance(from: gap.lowerBound, to: gap.upperBound) <= 12
        {
            indent = plain.distance(from: gap.lowerBound, to: gap.upperBound)
        }
        // The head: the first `indent` visible characters, with the colour
        // codes among them.
        var shown = 0
        var cut = line.startIndex
        while shown < indent, cut < line.endIndex {
            if let code = line[cut...].prefixMatch(of: colour) {
                cut = code.range.upperBound
                continue
            }
            shown += 1
            cut = line.index(after: cut)
        }
        return wrapped(
            String(line[cut...]), width: width, indent: String(repeating: " ", count: max(indent, 2)),
            first: String(line[..<cut]), measure: visible)
    }

    /// Name, scenario, horizon, objective and status; the solver's note.
    func titleLines(_ style: Style) -> [String] {
        let unit = periods.count == 1 ? "period" : (periods.first?.name.contains("-W") == true ? "weeks" : "months")
        // Text from the dataset never brings control characters (an escape
        // sequence in a name) to the terminal.
        var title = [printable(name ?? "plan")]
        if let scenario { title.append("scenario \(scenario)") }
        let from = periods.first?.start.description ?? "?", to = periods.last?.end.description ?? "?"
        title.append("\(periods.count) \(unit) from \(from) to \(to)")
        title.append(objective.rawValue)
        let statusText = status == .optimal ? style.green("optimal") : style.yellow(status.rawValue)
        var lines = [style.bold(title.joined(separator: " · ")) + " · " + statusText]
        if let message { lines.append(style.yellow("  note: " + message)) }
        return lines
    }

    /// Demanded, staffed and unmet hours per priority, in aligned columns.
    func coverageLines(_ style: Style) -> [String] {
        var lines = [style.bold("Coverage by priority")]
        if coverage.isEmpty { lines.append("  no demand in the horizon") }
        // Staffed and unmet rounded together, so that they add up to the
        // demand shown (19.25 + 10.75 of 30 h read 19.3 + 10.8).
        let rounded = coverage.map { roundedParts([$0.staffed, $0.demanded - $0.staffed], decimals: 1) }
        let hours = rounded.map { (formatGrouped($0.total, decimals: 1), formatGrouped($0.parts[0], decimals: 1)) }
        // One width for both hour columns, so that "12,408.6 h staffed" lines up with "16,512 h staffed".
        let width = hours.map { max($0.0.count, $0.1.count) }.max() ?? 1
        for (c, ((demanded, staffed), shown)) in zip(coverage, zip(hours, rounded)) {
            let pct = formatPercent(c.percent) + "%"
            let unmet =
                c.unmet >= Plan.reportable
                ? style.red("\(formatGrouped(shown.parts[1], decimals: 1)) h unmet") : style.green("fully staffed")
            lines.append(
                "  P\(c.priority)  " + rightAligned(demanded, width) + " h demanded  "
                    + rightAligned(staffed, width) + " h staffed  "
                    + rightAligned(pct, 6) + "  " + unmet)
        }
        return lines
    }

    /// Cost, stability, gap, budgets and load.
    func figureLines(_ style: Style) -> [String] {
        var lines: [String] = []
        let costParts = printedCost()
        var costLine = "Cost      \(formatGrouped(costParts.total)) \(currency)"
        if let parts = costParts.parts {
            costLine += " (" + parts.joined(separator: " + ") + ")"
        }
        lines.append(costLine)
        if let moved = hoursMovedFromCommitments, stabilityWeight > 0 {
            lines.append(
                "Stability \(formatGrouped(moved, decimals: 1)) h differ from the unlocked commitments"
                    + " (at \(format(stabilityWeight)) \(currency)/h)")
        }
        // A gap that shows as 0% (a search that closed it to 1e-10) is no line.
        if let gap, status == .feasible || format(100 * gap, decimals: 3) != "0" {
            lines.append("Gap       \(format(100 * gap, decimals: 3))% (largest proven gap of a stage)")
        } else if status == .feasible, !stagesWithoutGap.isEmpty {
            // A stage stopped at 0 h against a bound above 0: no relative gap,
            // so the plan's is not known; the others' largest follows.
            let known = stages.compactMap(\.gap).max().map {
                "; the other stages' largest is \(format(100 * $0, decimals: 3))%"
            }
            lines.append(
                "Gap       not known: none proven for \(stagesWithoutGap.joined(separator: ", "))" + (known ?? ""))
        }
        if !overtime.isEmpty {
            let hours = overtime.reduce(0.0) { $0 + $1.hours }
            let people = Set(overtime.map(\.staff)).count
            let premium = format(overtimePremiumFactor)
            lines.append(
                "Overtime  \(formatGrouped(hours, decimals: 1)) h by \(counted(people, "person", "people"))"
                    + " in \(counted(overtime.count, "person-period", "person-periods")) at \(premium)x the rate:"
                    + " \(formatGrouped(costParts.overtime)) \(currency)")
        }
        lines.append(budgetLine(style))
        let used = utilization.filter { $0.capacity > 0 }
        if !used.isEmpty {
            let mean = used.reduce(0.0) { $0 + $1.hours } / used.reduce(0.0) { $0 + $1.capacity } * 100
            lines.append(
                "Load      \(format(mean, decimals: 1))% of available hours planned,"
                    + " \(counted(assignments.count, "assignment", "assignments"))")
        }
        if shape.assignments > 0 {
            // "1 run", "1 person" when an average is exactly one (tiny said "1 runs").
            func count(_ v: Double, _ one: String, _ many: String) -> String {
                let text = format(v, decimals: 2)
                return "\(text) \(text == "1" ? one : many)"
            }
            lines.append(
                "Shape     \(count(shape.runsPerPair, "run", "runs")) per person and project,"
                    + " \(count(shape.projectsPerPerson, "project", "projects")) per person"
                    + " (\(shape.mostProjects) at most), \(count(shape.peoplePerCell, "person", "people")) per"
                    + " project, skill and period, \(format(shape.sliverPercent, decimals: 1))% of assignments"
                    + " under \(format(PlanShape.sliver)) h")
        }
        return lines
    }

    /// The Cost line's figures, rounded once to whole units: the printed parts
    /// add up to the printed total (`roundedParts`). `parts` is nil when the
    /// line shows the total alone. `overtime` is the premium the Overtime line
    /// prints: the same figure as the overtime part.
    func printedCost() -> (total: Double, parts: [String]?, overtime: Double) {
        var named: [(name: String, value: Double)]
        if cost.fixed > 0 {
            named = [("fixed", cost.fixed), ("variable", cost.variable)]
        } else if cost.overtimePremium > 0 || cost.stabilityPenalty > 0 {
            named = [("base", cost.base)]
        } else {
            return (cost.total.rounded(), nil, overtime.reduce(0.0) { $0 + $1.premiumCost })
        }
        let premiumName = cost.fixed > 0 ? "overtime" : "overtime premium"
        if cost.overtimePremium > 0 { named.append((premiumName, cost.overtimePremium)) }
        if cost.stabilityPenalty > 0 { named.append(("stability", cost.stabilityPenalty)) }
        let rounded = roundedParts(named.map(\.value))
        let premiumPart = zip(named, rounded.parts).first { $0.0.name == premiumName }?.1 ?? 0
        // A premium or penalty that rounds to 0 is not printed (a stability
        // penalty of 1e-9, the holds' tolerance, read "stability 0"); the
        // printed parts still add up, a 0 adding nothing.
        var shown = zip(named, rounded.parts).enumerated().filter {
            $0.offset < (cost.fixed > 0 ? 2 : 1) || $0.element.1 != 0
        }
        .map { "\($0.element.0.name) \(formatGrouped($0.element.1))" }
        if cost.fixed > 0 {
            // idle is a share of fixed, not a part of the sum: never printed above it.
            shown[0] += " (idle \(formatGrouped(min(cost.idle.rounded(), rounded.parts[0]))))"
        }
        // Without fixed pay and with nothing beside the base, no parts at all.
        return (rounded.total, shown.count > 1 || cost.fixed > 0 ? shown : nil, premiumPart)
    }

    /// Budgets spent in full named on the terminal's Budgets line.
    static let budgetsShown = 5

    func budgetLine(_ style: Style) -> String {
        let capped = budgets.filter { $0.budget != nil }
        let exhausted = capped.filter(\.exhausted)
        var line = "Budgets   "
        guard !capped.isEmpty else { return line + "none set" }
        // On a large portfolio the budgets spent in full run to dozens (59 on bench tier XL):
        // the first few, then how many more (summary.json lists every one).
        let shown = exhausted.count > Self.budgetsShown + 1 ? Self.budgetsShown : exhausted.count
        line += exhausted.prefix(shown).map { b in
            let state = b.overrun ? "over budget" : "spent in full"
            return style.yellow("\(b.project) \(state) (\(formatGrouped(b.spent)) of \(formatGrouped(b.budget!)))")
        }.joined(separator: "; ")
        if shown < exhausted.count {
            let hiddenOver = exhausted.dropFirst(shown).contains(where: \.overrun)
            line += style.yellow(
                "; \(exhausted.count - shown) more spent in full\(hiddenOver ? " or over budget" : "") "
                    + "(all in summary.json's budgets)")
        }
        let within = capped.count - exhausted.count
        if within > 0 { line += (exhausted.isEmpty ? "" : "; ") + "\(within) within budget" }
        let open = budgets.count - capped.count
        if open > 0 { line += "; \(open) without a budget" }
        return line
    }

    /// Conflict counts; unmet demand grouped by project, skill and cause,
    /// worst first within each priority (the CSV keeps every row); locked
    /// commitments and budget overruns one by one.
    func conflictLines(_ style: Style, top topConflicts: Int) -> [String] {
        guard !conflicts.isEmpty else {
            return [style.bold("Conflicts") + "  " + style.green("none: every demand hour is staffed")]
        }
        let counts = Conflict.Kind.allCases.map { k in (k, conflicts.filter { $0.kind == k }.count) }
            .filter { $0.1 > 0 }
        let top = unmetGroups()
        // The lines below group the unmet rows by project, skill and cause: say so when
        // there are fewer groups than rows ("3 unmet-demand" above 2 lines read as lines lost).
        func grouped(_ kind: Conflict.Kind, _ count: Int) -> String {
            kind == .unmetDemand && top.count != count ? " in \(top.count) group\(top.count == 1 ? "" : "s")" : ""
        }
        var lines = [
            style.bold("Conflicts") + "  "
                + counts.map { "\(formatGrouped(Double($0.1))) \($0.0.rawValue)\(grouped($0.0, $0.1))" }
                .joined(separator: ", ")
        ]
        for g in top.prefix(topConflicts) {
            let head = "\(g.project) (P\(g.priority)) \(g.skill): \(formatGrouped(g.hours, decimals: 2)) h unmet"
            let detail = g.periods > 1 ? " in \(g.periods) periods, e.g. " + g.example : ": " + g.example
            lines.append("  - " + style.red("[\(g.cause.isEmpty ? "not explained" : g.cause)]") + " " + head + detail)
        }
        if top.count > topConflicts {
            lines.append(style.dim("  ... \(top.count - topConflicts) more unmet-demand groups in conflicts.csv"))
        }
        for c in conflicts where c.kind == .lockedCommitment || c.kind == .budgetOverrun {
            lines.append("  - " + style.red("[\(c.kind.rawValue)]") + " " + c.message)
        }
        return lines
    }

    /// Unmet demand per project, skill and cause, in priority order, the most
    /// hours first.
    struct UnmetGroup {
        var project: String, priority: Int, skill: String, cause: String
        var hours = 0.0, periods = 0
        var example: String
    }

    func unmetGroups() -> [UnmetGroup] {
        var groups: [String: UnmetGroup] = [:]
        var order: [String] = []
        for c in conflicts where c.kind == .unmetDemand {
            let key = "\(c.project?.rawValue ?? "")|\(c.skill ?? "")|\(c.cause?.rawValue ?? "")"
            if groups[key] == nil {
                order.append(key)
                groups[key] = UnmetGroup(
                    project: c.project?.rawValue ?? "", priority: c.priority ?? 0,
                    skill: c.skill ?? "", cause: c.cause?.rawValue ?? "", example: c.message)
            }
            groups[key]!.hours += c.hours
            groups[key]!.periods += 1
        }
        return order.map { groups[$0]! }.sorted {
            ($0.priority, -$0.hours, $0.project, $0.skill) < ($1.priority, -$1.hours, $1.project, $1.skill)
        }
    }

    /// `s` right-aligned in `width` characters (never cut).
    private func rightAligned(_ s: String, _ width: Int) -> String {
        s.count >= width ? s : String(repeating: " ", count: width - s.count) + s
    }
}
