/// The compare report as one self-contained HTML page (docs/report.md).
/// Cost changes always stand next to the work staffed: a scenario that
/// costs less because work stopped says so.
extension CompareReport {
    public func html() -> String {
        let title = (name ?? "Comparison") + " · scenarios"
        var page = HTMLPage(title: title + " · allot report")
        page.element("h1", title)
        page.raw("\n")
        page.element(
            "p",
            "The base plan and \(columns.count - 1) scenario\(columns.count == 2 ? "" : "s"), side by side. "
                + "Costs in \(currency); hours are staffed demand hours.", "class=\"sub\"")
        page.raw("<nav>")
        for c in columns.dropFirst() {
            page.raw("<a href=\"#scenario-\(HTMLPage.escape(c.name))\">")
            page.put(c.name)
            page.raw("</a>")
        }
        page.raw("</nav>\n")
        sideBySide(&page)
        for (column, impact) in zip(columns.dropFirst(), impacts) { scenario(&page, column, impact) }
        return page.finish()
    }

    /// What a scenario's cost change comes with, in words.
    /// `shifted`: hours moved between projects (the totals may still match).
    static func verdict(costDelta: Double, staffedDelta: Double, shifted: Bool, currency: String) -> String {
        let cost = HTMLPage.signed(costDelta) + " " + currency
        let hours = HTMLPage.signed(staffedDelta, decimals: 1) + " h staffed"
        let less = staffedDelta <= -0.05, more = staffedDelta >= 0.05
        if costDelta < -0.5 && less {
            return "\(cost) with \(hours): not a saving, the money is work that no longer gets done"
        }
        if costDelta < -0.5 && more { return "\(cost) with \(hours): more work done for less" }
        if costDelta < -0.5 { return "\(cost) with \(hours): the same work for less" }
        if costDelta > 0.5 && more { return "\(cost) with \(hours): more work done, at a price" }
        if costDelta > 0.5 && less { return "\(cost) with \(hours): costs more and does less" }
        if costDelta > 0.5 { return "\(cost) with \(hours): the same work costs more" }
        if less { return "\(cost) with \(hours): less work done" }
        if more { return "\(cost) with \(hours): more work done for the same money" }
        if shifted { return "\(cost) with \(hours): the same work, moved between projects" }
        return "\(cost) with \(hours): no change in cost or work"
    }

    func sideBySide(_ page: inout HTMLPage) {
        page.raw("<section id=\"side-by-side\">\n<h2>Side by side</h2>\n<div class=\"scroll\"><table id=\"compare\">")
        page.raw("<thead><tr><th></th>")
        for c in columns { page.raw("<th class=\"n\">\(HTMLPage.escape(c.name))</th>") }
        page.raw("</tr></thead>\n<tbody>\n")
        // Numbers right-aligned; words (descriptions, verdicts) wrap in a column of their own width.
        func row(_ label: String, _ cells: [String], words: Bool = false) {
            page.raw("<tr><th class=\"label\">")
            page.put(label)
            page.raw("</th>")
            for c in cells { page.raw("<td class=\"\(words ? "words" : "n")\">\(c)</td>") }
            page.raw("</tr>\n")
        }
        let base = columns[0]
        row(
            "description",
            columns.map { HTMLPage.escape($0.description ?? ($0.name == "base" ? "the dataset as it is" : "")) },
            words: true)
        row("status", columns.map { HTMLPage.escape($0.entry.status) })
        let priorities = Array(Set(columns.flatMap { $0.entry.priorities.map(\.priority) })).sorted()
        for p in priorities {
            row(
                "P\(p) coverage",
                columns.map { c in
                    // From the hours, as the terminal does: compare.json's
                    // percentage has 2 decimals, and rounding it again to 1
                    // could differ (90.247 -> 90.25 -> 90.3, not 90.2).
                    c.entry.priorities.first { $0.priority == p }.map {
                        formatPercent($0.demanded > 0 ? 100 * $0.staffed / $0.demanded : 100) + "%"
                    } ?? "-"
                })
        }
        row("hours staffed", columns.map { HTMLPage.hours($0.staffed) })
        row(
            "staffed vs base",
            columns.enumerated().map { i, c in i == 0 ? "" : delta(c.staffed - base.staffed, decimals: 1, goodUp: true)
            })
        row("hours unmet", columns.map { HTMLPage.hours($0.entry.unmetHours) })
        row("cost", columns.map { HTMLPage.money($0.entry.cost) })
        // No colour on the cost change: less money is not good news when work stopped (the next row says which).
        // The difference of the costs as printed above it, as the terminal's
        // table gives it (the rounded cent difference could be 1 off them).
        let costChange = columns.map { $0.entry.cost.rounded() - base.entry.cost.rounded() }
        row(
            "cost vs base",
            columns.indices.map { i in i == 0 ? "" : HTMLPage.escape(HTMLPage.signed(costChange[i])) })
        row(
            "what the change buys",
            columns.enumerated().map { i, c in
                i == 0
                    ? ""
                    : HTMLPage.escape(
                        Self.verdict(
                            costDelta: costChange[i], staffedDelta: c.staffed - base.staffed,
                            shifted: impacts[i - 1].projects.contains { abs($0.staffedDelta) >= 0.005 },
                            currency: currency))
            }, words: true)
        row("  fixed (capacity paid)", columns.map { HTMLPage.money($0.summary.cost.fixed) })
        row("    of which idle", columns.map { HTMLPage.money($0.summary.cost.idle) })
        row("  variable (per hour)", columns.map { HTMLPage.money($0.summary.cost.variable) })
        row("  overtime premium", columns.map { HTMLPage.money($0.summary.cost.overtimePremium) })
        row(
            "cost per staffed hour",
            columns.map { $0.staffed > 0 ? format($0.entry.cost / $0.staffed, decimals: 2) : "-" })
        row(
            "utilization",
            columns.map { c in
                // From the hours, as the terminal does (compare.json's 52.25
                // showed as 52.3% where the terminal says 52.2%).
                let rows = c.summary.utilization
                let capacity = rows.reduce(0.0) { $0 + $1.capacity }
                let hours = rows.reduce(0.0) { $0 + $1.hours }
                return format(capacity > 0 ? 100 * hours / capacity : 0, decimals: 1) + "%"
            })
        row("conflicts", columns.map { formatGrouped(Double($0.entry.conflicts)) })
        // Per kind when more than one kind occurs: a scenario's broken
        // locked commitments (heike-leaves's 11) hid inside the total.
        let kinds = Conflict.Kind.allCases.filter { kind in
            columns.contains { ($0.summary.conflictsByKind.counts[kind] ?? 0) > 0 }
        }
        if kinds.count > 1 {
            for kind in kinds {
                row(
                    "  \(kind.rawValue)",
                    columns.map { formatGrouped(Double($0.summary.conflictsByKind.counts[kind] ?? 0)) })
            }
        }
        row(
            "assignments changed",
            columns.enumerated().map { i, c in
                i == 0 ? "" : formatGrouped(Double(c.entry.diff?.assignmentsChanged ?? 0))
            })
        row(
            "hours moved",
            columns.enumerated().map { i, c in i == 0 ? "" : HTMLPage.hours(c.entry.diff?.hoursMoved ?? 0) })
        page.raw("</tbody></table></div>\n</section>\n")
    }

    /// A signed change, marked up or down in words' stead by its sign and,
    /// for colour, by whether up is good.
    func delta(_ v: Double, decimals: Int, goodUp: Bool) -> String {
        let text = HTMLPage.signed(v, decimals: decimals)
        guard text != "0" else { return "0" }
        let good = (v > 0) == goodUp
        return "<span class=\"\(good ? "up" : "down")\">\(text)</span>"
    }

    /// Broken commitments and overrun budgets listed per scenario, at most.
    static let brokenShown = 20

    func scenario(_ page: inout HTMLPage, _ column: Column, _ impact: Impact) {
        page.raw("<section class=\"project\" id=\"scenario-\(HTMLPage.escape(column.name))\">\n")
        page.element("h2", "Scenario \(column.name)")
        if let d = column.description { page.element("p", d) }
        page.element(
            "p",
            Self.verdict(
                costDelta: impact.costDelta, staffedDelta: impact.staffedDelta,
                shifted: impact.projects.contains { abs($0.staffedDelta) >= 0.005 }, currency: currency),
            "class=\"big\" style=\"font-size:16px\"")
        if !impact.broken.isEmpty {
            // What the scenario cannot keep of what was promised: a manager
            // must act on each (the side-by-side table only counts them).
            let shown = impact.broken.prefix(Self.brokenShown)
            page.element("h3", "Commitments and budgets it breaks")
            page.raw("<ul>\n")
            for c in shown { page.element("li", c.message) }
            if impact.broken.count > shown.count {
                page.element("li", "and \(impact.broken.count - shown.count) more in its conflicts.csv")
            }
            page.raw("</ul>\n")
        }
        let changed = impact.projects.filter(\.changed)
        page.element("h3", "Impact per project")
        if changed.isEmpty {
            page.element("p", "No project's hours, spending, priority or budget changed.")
        } else {
            page.raw(
                "<div class=\"scroll\"><table class=\"impact\"><tr><th>project</th><th>priority</th><th class=\"n\">staffed h base</th>"
                    + "<th class=\"n\">scenario</th><th class=\"n\">change</th><th class=\"n\">unmet h change</th>"
                    + "<th class=\"n\">spent base</th><th class=\"n\">scenario</th><th class=\"n\">change</th>"
                    + "<th>budget</th></tr>\n")
            for p in changed {
                page.raw("<tr><td>")
                page.put("\(p.name) (\(p.id.rawValue))")
                page.raw("</td><td>")
                let priority: String
                switch (p.base?.priority, p.scenario?.priority) {
                case (let b?, let s?) where b != s: priority = "P\(b) → P\(s)"
                case (let b?, nil): priority = "P\(b), removed"
                case (nil, let s?): priority = "P\(s), added"
                case (let b?, _): priority = "P\(b)"
                default: priority = ""
                }
                page.put(priority)
                page.raw("</td><td class=\"n\">\(p.base.map { HTMLPage.hours($0.staffed) } ?? "—")</td>")
                page.raw("<td class=\"n\">\(p.scenario.map { HTMLPage.hours($0.staffed) } ?? "—")</td>")
                page.raw("<td class=\"n\">\(delta(p.staffedDelta, decimals: 1, goodUp: true))</td>")
                // A removed project's demand is gone, not staffed: no colour for
                // its fall in unmet hours (it read as a green improvement).
                let unmet =
                    p.scenario == nil
                    ? HTMLPage.escape(HTMLPage.signed(p.unmetDelta, decimals: 1)) + " (removed)"
                    : delta(p.unmetDelta, decimals: 1, goodUp: false)
                page.raw("<td class=\"n\">\(unmet)</td>")
                page.raw("<td class=\"n\">\(p.base.map { HTMLPage.money($0.spent) } ?? "—")</td>")
                page.raw("<td class=\"n\">\(p.scenario.map { HTMLPage.money($0.spent) } ?? "—")</td>")
                page.raw("<td class=\"n\">\(HTMLPage.escape(HTMLPage.signed(p.spentDelta)))</td><td>")
                let budgets = (p.base?.budget, p.scenario?.budget)
                // A project the scenario removes or adds has no budget on
                // that side, which "none" (no limit) would misread.
                if p.base == nil || p.scenario == nil {
                    let kept = p.base ?? p.scenario
                    page.put(kept?.budget.map(HTMLPage.money) ?? "none")
                    page.put(p.scenario == nil ? " (project removed)" : " (project added)")
                } else if budgets.0 != budgets.1 {
                    let before = budgets.0.map(HTMLPage.money) ?? "none"
                    page.put("\(before) → \(budgets.1.map(HTMLPage.money) ?? "none")")
                } else {
                    page.put(budgets.0.map(HTMLPage.money) ?? "none")
                }
                page.raw("</td></tr>\n")
            }
            page.raw("</table></div>\n")
            let same = impact.projects.count - changed.count
            if same > 0 {
                page.element("p", "\(same) other project\(same == 1 ? "" : "s") unchanged.", "class=\"note\"")
            }
        }
        page.element("h3", "People whose assignments changed")
        if impact.people.isEmpty {
            page.element("p", "Nobody's hours changed.")
        } else {
            page.raw(
                "<div class=\"scroll\"><table class=\"people\"><tr><th>person</th><th class=\"n\">hours base</th>"
                    + "<th class=\"n\">scenario</th>"
                    + "<th class=\"n\">change</th><th>per project (base → scenario)</th></tr>\n")
            for person in impact.people {
                page.raw("<tr><td>")
                page.put(person.name)
                page.raw("</td><td class=\"n\">\(HTMLPage.hours(person.baseHours))</td>")
                page.raw("<td class=\"n\">\(HTMLPage.hours(person.scenarioHours))</td>")
                page.raw("<td class=\"n\">\(HTMLPage.escape(HTMLPage.signed(person.delta, decimals: 1)))</td><td>")
                page.put(
                    person.projects.map {
                        "\($0.project.rawValue) \(HTMLPage.hours($0.base)) → \(HTMLPage.hours($0.scenario))"
                    }
                    .joined(separator: "; "))
                page.raw("</td></tr>\n")
            }
            page.raw("</table></div>\n")
        }
        page.raw("</section>\n")
    }
}
