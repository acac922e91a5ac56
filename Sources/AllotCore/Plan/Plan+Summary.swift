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
        if let moved = hoursMovedFromCommitments, stabilityWeight > 0 {
            lines.append("Stability \(formatGrouped(moved, decimals: 1)) h differ from the unlocked commitments (at \(format(stabilityWeight)) \(currency)/h)")
        }
        if let gap, status == .feasible || gap > 0 {
            lines.append("Gap       \(format(100 * gap, decimals: 3))% (largest proven gap of a stage)")
        }
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
            // Unmet demand grouped by project, skill and cause, worst first
            // within each priority; the CSV keeps every row.
            struct Group { var project: String; var priority: Int; var skill: String; var cause: String
                           var hours = 0.0; var periods = 0; var example: String }
            var groups: [String: Group] = [:]
            var order: [String] = []
            for c in conflicts where c.kind == .unmetDemand {
                let key = "\(c.project?.rawValue ?? "")|\(c.skill ?? "")|\(c.cause?.rawValue ?? "")"
                if groups[key] == nil {
                    order.append(key)
                    groups[key] = Group(project: c.project?.rawValue ?? "", priority: c.priority ?? 0, skill: c.skill ?? "",
                                        cause: c.cause?.rawValue ?? "", example: c.message)
                }
                groups[key]!.hours += c.hours
                groups[key]!.periods += 1
            }
            let top = order.map { groups[$0]! }.sorted { ($0.priority, -$0.hours, $0.project, $0.skill) < ($1.priority, -$1.hours, $1.project, $1.skill) }
            for g in top.prefix(topConflicts) {
                let head = "\(g.project) (P\(g.priority)) \(g.skill): \(format(g.hours, decimals: 1)) h unmet"
                let detail = g.periods > 1 ? " in \(g.periods) periods, e.g. " + g.example : ": " + g.example
                lines.append("  - " + style.red("[\(g.cause)]") + " " + head + detail)
            }
            if top.count > topConflicts {
                lines.append(style.dim("  ... \(top.count - topConflicts) more unmet-demand groups in conflicts.csv"))
            }
            for c in conflicts where c.kind == .lockedCommitment || c.kind == .budgetOverrun {
                lines.append("  - " + style.red("[\(c.kind.rawValue)]") + " " + c.message)
            }
            let over = conflicts.filter { $0.kind == .overAllocation }
            if !over.isEmpty {
                let people = Set(over.compactMap(\.staff)).count
                lines.append("  - " + style.yellow("[over-allocation]") + " overtime used: \(format(over.reduce(0) { $0 + $1.hours }, decimals: 1)) h by \(people) \(people == 1 ? "person" : "people") in \(over.count) person-periods")
            }
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
