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

    public func summaryText(style: Style, filesIn folder: String?, topConflicts: Int = 5) -> String {
        var lines: [String] = []
        let unit = periods.count == 1 ? "period" : (periods.first?.name.contains("-W") == true ? "weeks" : "months")
        var title = [name ?? "plan"]
        if let scenario { title.append("scenario \(scenario)") }
        title.append("\(periods.count) \(unit) from \(periods.first?.start.description ?? "?") to \(periods.last?.end.description ?? "?")")
        title.append(objective.rawValue)
        let statusText = status == .optimal ? style.green("optimal") : style.yellow(status.rawValue)
        lines.append(style.bold(title.joined(separator: " · ")) + " · " + statusText)
        if let message { lines.append(style.yellow("  note: " + message)) }
        lines.append("")

        lines.append(style.bold("Coverage by priority"))
        if coverage.isEmpty { lines.append("  no demand in the horizon") }
        let width = coverage.map { formatGrouped($0.demanded, decimals: 1).count }.max() ?? 1
        for c in coverage {
            let demanded = formatGrouped(c.demanded, decimals: 1)
            let pct = format(c.percent, decimals: 1) + "%"
            let unmet = c.unmet >= Plan.reportable ? style.red("\(formatGrouped(c.unmet, decimals: 1)) h unmet") : style.green("fully staffed")
            lines.append("  P\(c.priority)  " + String(repeating: " ", count: width - demanded.count) + demanded
                         + " h demanded  " + pad(formatGrouped(c.staffed, decimals: 1), width) + " h staffed  " + pad(pct, 6) + "  " + unmet)
        }
        lines.append("")
        var costLine = "Cost      \(formatGrouped(cost.total)) \(currency)"
        if cost.overtimePremium > 0 || cost.stabilityPenalty > 0 {
            var parts = ["base \(formatGrouped(cost.base))"]
            if cost.overtimePremium > 0 { parts.append("overtime premium \(formatGrouped(cost.overtimePremium))") }
            if cost.stabilityPenalty > 0 { parts.append("stability \(formatGrouped(cost.stabilityPenalty))") }
            costLine += " (" + parts.joined(separator: " + ") + ")"
        }
        lines.append(costLine)
        let capped = budgets.filter { $0.budget != nil }
        let exhausted = capped.filter(\.exhausted)
        var budgetLine = "Budgets   "
        if capped.isEmpty {
            budgetLine += "none set"
        } else {
            budgetLine += exhausted.map { b in style.yellow("\(b.project) spent in full (\(formatGrouped(b.spent)) of \(formatGrouped(b.budget!)))") }
                .joined(separator: "; ")
            let within = capped.count - exhausted.count
            if within > 0 { budgetLine += (exhausted.isEmpty ? "" : "; ") + "\(within) within budget" }
            let open = budgets.count - capped.count
            if open > 0 { budgetLine += "; \(open) without a budget" }
        }
        lines.append(budgetLine)
        let used = utilization.filter { $0.capacity > 0 }
        if !used.isEmpty {
            let mean = used.reduce(0.0) { $0 + $1.hours } / used.reduce(0.0) { $0 + $1.capacity } * 100
            lines.append("Load      \(format(mean, decimals: 1))% of available hours planned, \(assignments.count) assignments")
        }
        lines.append("")

        let counts = Conflict.Kind.allCases.map { k in (k, conflicts.filter { $0.kind == k }.count) }.filter { $0.1 > 0 }
        if conflicts.isEmpty {
            lines.append(style.bold("Conflicts") + "  " + style.green("none: every demand hour is staffed"))
        } else {
            lines.append(style.bold("Conflicts") + "  " + counts.map { "\($0.1) \($0.0.rawValue)" }.joined(separator: ", "))
            let top = conflicts.sorted { a, b in
                (a.priority ?? Int.max, -a.hours) < (b.priority ?? Int.max, -b.hours)
            }.prefix(topConflicts)
            for c in top {
                let tag = c.cause.map { "[\($0.rawValue)]" } ?? "[\(c.kind.rawValue)]"
                lines.append("  - " + style.red(tag) + " " + c.message)
            }
            if conflicts.count > topConflicts { lines.append(style.dim("  ... and \(conflicts.count - topConflicts) more in conflicts.csv")) }
        }
        if let folder {
            lines.append("")
            lines.append("Files     \(folder)/: assignments.csv, conflicts.csv, summary.json, plan.json")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func pad(_ s: String, _ width: Int) -> String {
        s.count >= width ? s : String(repeating: " ", count: width - s.count) + s
    }
}
