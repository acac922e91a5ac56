/// The plan report as one self-contained HTML page (docs/report.md).
extension PlanReport {
    public func html() -> String {
        let s = summary
        let title = (s.name ?? "Plan") + (s.scenario.map { " · scenario \($0)" } ?? "")
        var page = HTMLPage(title: title + " · allot report")
        page.raw("<header>\n")
        page.element("h1", title)
        let first = periods.first?.start.description ?? "", last = periods.last?.end.description ?? ""
        page.raw("\n")
        page.element(
            "p",
            "\(periods.count) periods from \(first) to \(last) · objective \(s.objective.rawValue) · "
                + (s.solver.engine.map { "solved with \($0) · " } ?? "")
                + "\(heatmap.rowCount) people · \(projects.count) projects", "class=\"sub\"")
        page.raw(
            "\n<nav><a href=\"#headline\">Headline</a><a href=\"#heatmap\">Utilization</a>"
                + "<a href=\"#free\">Who is free</a><a href=\"#projects\">Projects</a>"
                + "<a href=\"#conflicts\">Conflicts</a>"
                + (hires == nil ? "" : "<a href=\"#hires\">Hiring suggestions</a>")
                + "<a href=\"#shape\">Plan shape</a></nav>\n</header>\n")
        headline(&page)
        heatmapSection(&page)
        freeSection(&page)
        projectSections(&page)
        conflictSection(&page)
        if let hires { hiresSection(&page, hires) }
        shapeSection(&page)
        return page.finish()
    }

    // MARK: - Headline

    func headline(_ page: inout HTMLPage) {
        let s = summary
        let currency = s.currency
        page.raw("<section id=\"headline\">\n<h2>Headline</h2>\n<div class=\"cards\">\n")
        // Status and proof.
        page.raw("<div class=\"card\" id=\"status\"><h3>Status</h3>")
        let optimal = s.status == .optimal
        page.element("div", s.status.rawValue, "class=\"big \(optimal ? "status-optimal" : "status-other")\"")
        if optimal {
            let proof =
                s.gap.map { $0 > 0 ? "optimal within a proven gap of \(HTMLPage.gapPercent($0))" : "proven optimal" }
                ?? "proven optimal (every stage an LP solved to optimality)"
            page.element("p", proof)
        } else {
            if let gap = s.gap {
                page.element("p", "proven gap: \(HTMLPage.gapPercent(gap))")
            } else if s.status == .feasible {
                // As the terminal's Gap line: which stages have none, and the others' largest.
                let without = s.solver.stages.filter { Plan.lacksGap(name: $0.name, status: $0.status, gap: $0.gap) }
                    .map(\.name)
                let largest = s.solver.stages.compactMap(\.gap).max().map {
                    "; the other stages' largest is \(HTMLPage.gapPercent($0))"
                }
                if !without.isEmpty {
                    page.element(
                        "p", "gap not known: none proven for \(without.joined(separator: ", "))" + (largest ?? ""))
                }
            }
            if let m = s.message { page.element("p", m) }
        }
        page.raw("</div>\n")
        // Coverage per priority.
        page.raw("<div class=\"card\" id=\"coverage\"><h3>Coverage per priority</h3><table>")
        page.raw(
            "<tr><th>priority</th><th class=\"n\">demanded h</th><th class=\"n\">staffed h</th>"
                + "<th class=\"n\">unmet h</th><th>coverage</th></tr>")
        for p in s.priorities {
            let share = p.demanded > 0 ? p.staffed / p.demanded : 1
            page.raw("<tr><th>P\(p.priority)</th>")
            page.raw(
                "<td class=\"n\">\(HTMLPage.hours(p.demanded))</td><td class=\"n\">\(HTMLPage.hours(p.staffed))</td>")
            page.raw("<td class=\"n\">\(HTMLPage.hours(p.unmet))</td>")
            page.raw(
                "<td class=\"n\"><span class=\"bar\"><span style=\"width:"
                    + "\(format(100 * min(1, share), decimals: 1))%\">"
                    + "</span></span>\(format(p.coveragePercent, decimals: 1))%</td></tr>")
        }
        page.raw("</table></div>\n")
        // Cost split.
        let c = s.cost
        page.raw("<div class=\"card\" id=\"cost\"><h3>Cost</h3>")
        page.element("div", "\(HTMLPage.money(c.total)) \(currency)", "class=\"big\"")
        let parts: [(String, Double, String)] = [
            ("fixed: capacity paid, worked", c.fixed - c.idle, "#2f6fb5"),
            ("idle: capacity paid, not worked", c.idle, "#9fb9d8"),
            ("variable: paid per hour worked", c.variable, "#3f9a5b"),
            ("overtime premium", c.overtimePremium, "#c2410c"),
            ("stability penalty", c.stabilityPenalty, "#7a5aa6"),
        ]
        page.raw(costBar(parts, total: c.total))
        page.raw("<table>")
        // The fixed line shows even at 0 when someone is paid for capacity
        // (their capacity is all idle); without such people it says nothing.
        for (label, value, colour) in parts where value >= 0.005 || (label.hasPrefix("fixed") && c.fixed > 0) {
            page.raw("<tr><td><span class=\"key\" style=\"display:inline-block;width:12px;height:12px;background:")
            page.raw("\(colour);margin-right:6px\"></span>")
            page.put(label)
            page.raw("</td><td class=\"n\">\(HTMLPage.money(value))</td></tr>")
        }
        page.raw("</table>")
        // With nobody paid for capacity the base-rate figure is the variable
        // part itself: the note said the same number was not in the total.
        if c.fixed > 0 {
            page.element(
                "p",
                "fixed in all \(HTMLPage.money(c.fixed)) (idle \(HTMLPage.money(c.idle))); every planned hour at its "
                    + "base rate, budgets' measure: \(HTMLPage.money(c.base)) (not added to the total)",
                "class=\"note\"")
        }
        page.raw("</div>\n")
        // Work and load.
        let t = heatmap.total
        page.raw("<div class=\"card\" id=\"load\"><h3>Work</h3>")
        page.element("div", t.load.map(HTMLPage.percent) ?? "-", "class=\"big\"")
        page.element(
            "p", "of available hours planned: \(HTMLPage.hours(t.hours)) h of \(HTMLPage.hours(t.capacity)) h")
        page.element(
            "p",
            "\(formatGrouped(Double(s.totals.assignments))) assignments, "
                + "\(formatGrouped(Double(s.totals.conflicts))) conflicts")
        if s.overtime.hours > 0 {
            page.element(
                "p",
                "overtime \(HTMLPage.hours(s.overtime.hours)) h by \(s.overtime.people) people at "
                    + "\(format(s.overtime.premium, decimals: 2))x: "
                    + "\(HTMLPage.money(s.overtime.premiumCost)) \(currency)"
            )
        }
        let exhausted = s.budgets.filter(\.exhausted)
        let over = exhausted.filter { BudgetUse.overrun(spent: $0.spent, budget: $0.budget) }.map(\.project.rawValue)
        let full = exhausted.map(\.project.rawValue).filter { !over.contains($0) }
        if !full.isEmpty { page.element("p", "budgets spent in full: " + full.joined(separator: ", ")) }
        if !over.isEmpty { page.element("p", "over budget: " + over.joined(separator: ", ")) }
        page.raw("</div>\n</div>\n</section>\n")
    }

    /// A horizontal stacked bar of the cost parts (each part's number is in
    /// the table beside it, so the colours are not the only signal).
    func costBar(_ parts: [(String, Double, String)], total: Double) -> String {
        let width = 320.0
        var x = 0.0
        var svg = "<svg width=\"320\" height=\"16\" viewBox=\"0 0 320 16\" role=\"img\" aria-label=\"cost split\">"
        for (label, value, colour) in parts where value > 0 && total > 0 {
            let w = width * value / total
            svg += "<rect x=\"\(format(x, decimals: 1))\" y=\"0\" width=\"\(format(w, decimals: 1))\" height=\"16\" "
            svg += "fill=\"\(colour)\"><title>\(HTMLPage.escape(label))</title></rect>"
            x += w
        }
        return svg + "</svg>"
    }

    // MARK: - Heatmap

    /// The class of a cell by its load: na (no capacity), l0 (idle) to l5 (over capacity).
    static func loadClass(_ c: Cell) -> String {
        guard let load = c.load else { return c.hours > 0 ? "l5" : "na" }
        if c.hours < shown { return "l0" }
        if load > 1 + 1e-9 && c.hours - c.capacity >= shown { return "l5" }
        if load >= 1 - 1e-9 || c.capacity - c.hours < shown { return "l4" }
        if load >= 0.8 { return "l3" }
        if load >= 0.5 { return "l2" }
        return "l1"
    }

    static func loadText(_ load: Double?) -> String {
        guard let load else { return "" }
        return format(100 * load, decimals: 0)
    }

    func heatmapSection(_ page: inout HTMLPage) {
        page.raw("<section id=\"heatmap\">\n<h2>Utilization: load per person and period</h2>\n")
        page.element(
            "p",
            "Each cell: planned hours as a percentage of the person's capacity in the period. People are "
                + "grouped by their main skill (highest level). Letters mark what colour also shows.", "class=\"sub\"")
        page.raw("<div class=\"legend\">")
        let keys: [(String, String, String)] = [
            ("l0", "0", "idle"), ("l1", "30", "under 50%"), ("l2", "60", "50-79%"), ("l3", "90", "80-99%"),
            ("l4", "100", "full"), ("l5", "110", "above capacity (overtime), underlined"),
            ("na", "", "no capacity (grey)"),
        ]
        for (cls, text, label) in keys {
            page.raw("<span><span class=\"key \(cls)\">\(text)</span>")
            page.put(label)
            page.raw("</span>")
        }
        for mark in Mark.allCases {
            page.raw("<span><b>\(HTMLPage.escape(mark.symbol))</b> ")
            page.put(mark.meaning)
            page.raw("</span>")
        }
        page.raw("</div>\n")
        let folded = heatmap.rowCount > Self.foldPeopleBeyond
        if folded {
            page.element(
                "p",
                "\(heatmap.rowCount) people: one row per group here; each group's people follow, folded (open "
                    + "a group to see them; print opens none). Past \(Self.foldPeopleBeyond) people the page "
                    + "folds them so that it opens quickly.", "class=\"note\"")
        }
        // Folded, the groups' tables and the summary's share fixed column
        // widths (class "folded"), so that their weeks line up.
        page.raw("<div class=\"scroll\"><table class=\"heat\(folded ? " folded" : "")\" id=\"heat\">\n")
        heatHeader(&page, first: folded ? "group" : "person")
        page.raw("<tbody>\n")
        for group in heatmap.groups {
            groupRow(&page, group, shaded: folded)
            if !folded { personRows(&page, group) }
        }
        page.raw("</tbody>\n<tfoot><tr><th class=\"who\">everyone</th>")
        for t in heatmap.columnTotals { page.raw("<td class=\"c\">\(Self.loadText(t.load))</td>") }
        totalCells(&page, heatmap.total)
        page.raw("</tr></tfoot>\n</table></div>\n")
        if folded {
            for group in heatmap.groups {
                page.raw("<details class=\"people\"><summary>")
                page.put("\(group.skill): \(group.rows.count) \(group.rows.count == 1 ? "person" : "people")")
                page.raw("</summary>\n<div class=\"scroll\"><table class=\"heat folded\">\n")
                heatHeader(&page, first: "person")
                page.raw("<tbody>\n")
                personRows(&page, group)
                groupRow(&page, group)
                page.raw("</tbody></table></div></details>\n")
            }
        }
        page.raw("</section>\n")
    }

    /// Past this many people, the heatmap shows one row per group and folds each group's people
    /// under it (`<details>`): a folded table costs the browser no layout, so tier L (500 people,
    /// 52 weeks) opens in a third of the time (docs/report.md, "Large plans").
    public static let foldPeopleBeyond = 150

    func heatHeader(_ page: inout HTMLPage, first: String) {
        page.raw("<thead><tr><th class=\"who\">\(first)</th>")
        for p in periods {
            let label = String(p.period.rawValue.split(separator: "-").last ?? "")
            page.raw(
                "<th data-period=\"\(p.period.rawValue)\" "
                    + "\(HTMLPage.attribute("title", "\(p.period.rawValue): \(p.start) to \(p.end)"))>")
            page.put(label)
            page.raw("</th>")
        }
        page.raw(
            "<th class=\"n\">hours</th><th class=\"n\">capacity</th><th class=\"n\">load</th></tr></thead>\n")
    }

    /// A group's totals; `shaded` (the folded page's table of groups) colours its cells by load as a
    /// person's, otherwise the row is grey between the people's rows.
    func groupRow(_ page: inout HTMLPage, _ group: Heatmap.Group, shaded: Bool = false) {
        page.raw("<tr class=\"group\(shaded ? " shaded" : "")\"><th class=\"who\">")
        page.put("\(group.skill) (\(group.rows.count))")
        page.raw("</th>")
        for t in group.columnTotals {
            let shade =
                shaded ? " " + Self.loadClass(Cell(capacity: t.capacity, hours: t.hours, overtime: t.overtime)) : ""
            page.raw("<td class=\"c\(shade)\">\(Self.loadText(t.load))</td>")
        }
        totalCells(&page, group.total)
        page.raw("</tr>\n")
    }

    func personRows(_ page: inout HTMLPage, _ group: Heatmap.Group) {
        for row in group.rows {
            page.raw("<tr \(HTMLPage.attribute("data-staff", row.person.id.rawValue))>")
            page.raw("<th class=\"who\" \(HTMLPage.attribute("title", skillText(row.person)))>")
            page.put(row.person.displayName)
            page.raw("</th>")
            for c in row.cells { cell(&page, c) }
            totalCells(&page, row.total)
            page.raw("</tr>\n")
        }
    }

    func totalCells(_ page: inout HTMLPage, _ t: Totals) {
        page.raw("<td class=\"n\">\(HTMLPage.hours(t.hours))</td><td class=\"n\">\(HTMLPage.hours(t.capacity))</td>")
        page.raw("<td class=\"n\">\(t.load.map(HTMLPage.percent) ?? "-")</td>")
    }

    /// One cell: its load and marks as text, its hours and capacity as data (the person is the row's
    /// `data-staff`, the period the column's), the hours behind it on hover. Kept short: a 500-person,
    /// 52-week plan has 26,000 of them.
    func cell(_ page: inout HTMLPage, _ c: Cell) {
        var tip = "\(HTMLPage.hours(c.hours)) of \(HTMLPage.hours(c.capacity)) h"
        if c.overtime >= Self.shown { tip += "; overtime \(HTMLPage.hours(c.overtime))" }
        if c.holidayHours >= Self.shown { tip += "; holidays \(HTMLPage.hours(c.holidayHours))" }
        if c.leaveHours >= Self.shown { tip += "; leave \(HTMLPage.hours(c.leaveHours))" }
        if c.notEmployedHours >= Self.shown { tip += "; not employed \(HTMLPage.hours(c.notEmployedHours))" }
        if c.lockedNotKept >= Self.shown { tip += "; locked not kept \(HTMLPage.hours(c.lockedNotKept))" }
        let marks = c.marks.map(\.symbol).joined()
        page.raw(
            "<td class=\"c \(Self.loadClass(c))\" data-hours=\"\(format(c.hours))\" "
                + "data-capacity=\"\(format(c.capacity))\" title=\"\(tip)\">")
        page.raw(Self.loadText(c.load))
        if !marks.isEmpty { page.raw("<b>\(HTMLPage.escape(marks))</b>") }
        page.raw("</td>")
    }

    func skillText(_ person: PlanFile.Person) -> String {
        (person.skills ?? []).map { "\($0.skill) \($0.level)" }.joined(separator: ", ")
    }

    // MARK: - Who is free

    func freeSection(_ page: inout HTMLPage) {
        page.raw("<section id=\"free\">\n<h2>Who is free</h2>\n")
        page.element(
            "p",
            "People with at least \(format(100 * Self.freeShare, decimals: 0))% of their capacity unplanned "
                + "(a day a week), over consecutive periods; the most idle hours first.", "class=\"sub\"")
        guard !free.isEmpty else {
            page.element(
                "p",
                heatmap.total.capacity > 0
                    ? "Nobody: every person's capacity is planned to within a day a week."
                    : "Nobody: no one has capacity in the horizon (leave, holidays or employment dates).")
            page.raw("</section>\n")
            return
        }
        page.raw(
            "<table id=\"free-table\"><tr><th>person</th><th>skills (level)</th><th>from</th><th>to</th>"
                + "<th class=\"n\">periods</th><th class=\"n\">idle h</th><th class=\"n\">least idle h / period</th>"
                + "</tr>\n")
        for r in free {
            page.raw("<tr><td>")
            page.put(r.person.displayName)
            page.raw("</td><td>")
            page.put(skillText(r.person))
            page.raw("</td><td>\(r.first.rawValue)</td><td>\(r.last.rawValue)</td><td class=\"n\">\(r.periods)</td>")
            page.raw(
                "<td class=\"n\">\(HTMLPage.hours(r.idleHours))</td>"
                    + "<td class=\"n\">\(HTMLPage.hours(r.leastIdle))</td></tr>\n"
            )
        }
        page.raw("</table>\n</section>\n")
    }

    // MARK: - Projects

    static func coverageClass(_ share: Double) -> String {
        if share >= 1 - 1e-9 { return "k3" }
        if share >= 0.8 { return "k2" }
        if share >= 0.5 { return "k1" }
        return "k0"
    }

    func projectSections(_ page: inout HTMLPage) {
        page.raw("<section id=\"projects\">\n<h2>Projects</h2>\n")
        page.element(
            "p",
            "In priority order. Coverage cells: staffed hours as a percentage of the hours asked in the "
                + "period (hours_per_week lines); total_hours lines are listed below the grid.", "class=\"sub\"")
        page.raw("<table><tr><th>project</th><th>priority</th><th class=\"n\">demanded h</th>")
        page.raw("<th class=\"n\">staffed h</th><th class=\"n\">coverage</th><th class=\"n\">spent</th>")
        page.raw("<th class=\"n\">budget</th></tr>\n")
        for p in projects {
            page.raw("<tr><td><a href=\"#project-\(HTMLPage.escape(p.id.rawValue))\">")
            page.put(p.name)
            page.raw("</a></td><td>P\(p.priority)</td><td class=\"n\">\(HTMLPage.hours(p.demanded))</td>")
            page.raw("<td class=\"n\">\(HTMLPage.hours(p.staffed))</td>")
            page.raw("<td class=\"n\">\(p.coverage.map(HTMLPage.percent) ?? "-")</td>")
            page.raw("<td class=\"n\">\(HTMLPage.money(p.spent))</td>")
            page.raw(
                "<td class=\"n\">\(p.budget.map(HTMLPage.money) ?? "none")\(p.exhausted ? " (spent)" : "")</td></tr>\n")
        }
        page.raw("</table>\n")
        for p in projects { project(&page, p) }
        page.raw("</section>\n")
    }

    func project(_ page: inout HTMLPage, _ p: ProjectSection) {
        let currency = summary.currency
        page.raw("<section class=\"project\" id=\"project-\(HTMLPage.escape(p.id.rawValue))\">\n")
        page.element("h3", "\(p.name) (\(p.id.rawValue)) · priority \(p.priority)")
        var line = "\(HTMLPage.hours(p.staffed)) h staffed of \(HTMLPage.hours(p.demanded)) h demanded"
        if let c = p.coverage { line += " (\(HTMLPage.percent(c)))" }
        if p.unmetHours >= Self.shown { line += "; \(HTMLPage.hours(p.unmetHours)) h unmet" }
        page.element("p", line)
        // Budget burn.
        var burn = "spent \(HTMLPage.money(p.spent)) \(currency)"
        if let b = p.budget {
            burn += " of a budget of \(HTMLPage.money(b))" + (b > 0 ? " (\(HTMLPage.percent(p.spent / b)))" : "")
            if p.exhausted {
                burn +=
                    BudgetUse.overrun(spent: p.spent, budget: b)
                    ? ": over budget by \(HTMLPage.money(p.spent - b)) (locked hours), no money for more hours"
                    : ": spent in full, no money for more hours"
            }
        } else {
            burn += ", no budget"
        }
        page.raw("<div class=\"burn\">")
        page.raw(burnChart(p))
        page.element("p", burn)
        page.raw("</div>\n")
        // Coverage by skill and period.
        if !p.skills.isEmpty {
            page.raw("<div class=\"scroll\"><table class=\"heat cover\"><thead><tr><th class=\"who\">skill</th>")
            for per in periods {
                page.raw("<th>\(HTMLPage.escape(String(per.period.rawValue.split(separator: "-").last ?? "")))</th>")
            }
            page.raw("<th class=\"n\">staffed h</th><th class=\"n\">demanded h</th></tr></thead>\n<tbody>")
            for row in p.skills {
                page.raw("<tr><th class=\"who\">")
                page.put(row.skill)
                page.raw("</th>")
                for (t, c) in row.cells.enumerated() {
                    guard let c else {
                        page.raw("<td class=\"c\"></td>")
                        continue
                    }
                    // To the hundredth, as conflicts.csv: 9.97 of 10 h read "10 of 10".
                    let tip =
                        "\(periods[t].period.rawValue): \(formatGrouped(c.staffed, decimals: 2)) of "
                        + "\(formatGrouped(c.demanded, decimals: 2)) h staffed; \(HTMLPage.hours(c.planned)) h planned"
                    page.raw(
                        "<td class=\"c \(Self.coverageClass(c.coverage))\" \(HTMLPage.attribute("title", tip))>"
                            + "\(Self.coverageText(staffed: c.staffed, demanded: c.demanded))</td>")
                }
                page.raw(
                    "<td class=\"n\">\(HTMLPage.hours(row.staffed))</td>"
                        + "<td class=\"n\">\(HTMLPage.hours(row.demanded))</td></tr>\n"
                )
            }
            page.raw("</tbody></table></div>\n")
        }
        if !p.totalLines.isEmpty {
            page.raw("<ul class=\"msgs\">")
            for d in p.totalLines {
                let share = d.demanded > 0 ? d.staffed / d.demanded : 1
                page.element(
                    "li",
                    "\(d.skill) (level \(d.minLevel)+), \(HTMLPage.hours(d.demanded)) h in all between \(d.start) "
                        + "and \(d.end): \(HTMLPage.hours(d.staffed)) h staffed (\(HTMLPage.percent(share)))")
            }
            page.raw("</ul>\n")
        }
        // People.
        if p.people.isEmpty {
            page.element("p", "Nobody is planned on this project.")
        } else {
            page.raw(
                "<table class=\"people\"><tr><th>person</th><th>skills</th><th class=\"n\">hours</th>"
                    + "<th class=\"n\">cost</th><th>from</th><th>to</th><th class=\"n\">periods</th></tr>\n")
            for person in p.people {
                page.raw("<tr><td>")
                page.put(person.person.displayName)
                page.raw("</td><td>")
                page.put(person.skills.joined(separator: ", "))
                page.raw("</td><td class=\"n\">\(HTMLPage.hours(person.hours))</td>")
                page.raw("<td class=\"n\">\(HTMLPage.money(person.cost))</td><td>\(person.first.rawValue)</td>")
                page.raw("<td>\(person.last.rawValue)</td><td class=\"n\">\(person.periods)</td></tr>\n")
            }
            page.raw("</table>\n")
        }
        // Unmet demand with its explanation.
        for g in p.unmet { group(&page, g, inProject: true) }
        page.raw("</section>\n")
    }

    /// Cumulative spending per period against the budget line.
    func burnChart(_ p: ProjectSection) -> String {
        let w = 360.0, h = 70.0, left = 4.0, top = 6.0, bottom = 14.0
        let peak = max(p.budget ?? 0, p.burn.last ?? 0, 1)
        let n = max(p.burn.count, 1)
        func x(_ t: Int) -> Double { left + (w - 2 * left) * Double(t + 1) / Double(n) }
        func y(_ v: Double) -> Double { top + (h - top - bottom) * (1 - v / (peak * 1.05)) }
        var svg = "<svg width=\"360\" height=\"70\" viewBox=\"0 0 360 70\" role=\"img\" "
        svg += "aria-label=\"cumulative spending against the budget\">"
        svg += "<line x1=\"\(left)\" y1=\"\(format(y(0), decimals: 1))\" x2=\"\(w - left)\" "
        svg += "y2=\"\(format(y(0), decimals: 1))\" stroke=\"#9aa3ad\" stroke-width=\"1\"/>"
        if let b = p.budget {
            svg += "<line x1=\"\(left)\" y1=\"\(format(y(b), decimals: 1))\" x2=\"\(w - left)\" "
            svg +=
                "y2=\"\(format(y(b), decimals: 1))\" stroke=\"#9a1c00\" stroke-dasharray=\"5 3\" stroke-width=\"1.5\"/>"
            // The amount gives the chart its scale; a white halo keeps the
            // label off the dashed line it sits on.
            svg += "<text x=\"\(left + 2)\" y=\"\(format(max(9, y(b) - 4), decimals: 1))\" stroke=\"#fff\" "
            svg += "stroke-width=\"3\" paint-order=\"stroke\">budget \(HTMLPage.money(b))</text>"
        }
        var points = "\(left),\(format(y(0), decimals: 1))"
        for (t, v) in p.burn.enumerated() { points += " \(format(x(t), decimals: 1)),\(format(y(v), decimals: 1))" }
        svg += "<polyline points=\"\(points)\" fill=\"none\" stroke=\"#1f5fa8\" stroke-width=\"2\"/>"
        if let f = periods.first, let l = periods.last {
            svg += "<text x=\"\(left)\" y=\"\(h - 2)\">\(f.period.rawValue)</text>"
            svg += "<text x=\"\(w - left)\" y=\"\(h - 2)\" text-anchor=\"end\">\(l.period.rawValue)</text>"
        }
        return svg + "</svg>"
    }

    // MARK: - Conflicts

    /// A group of unmet demand. In the Conflicts section (`inProject` false) with every row's message;
    /// in a project's section with the first message and a link to the rest, so a large plan's page does
    /// not carry each message twice.
    func group(_ page: inout HTMLPage, _ g: ConflictGroup, inProject: Bool) {
        let anchor = "unmet-\(g.project.rawValue)-\(g.skill)-\(g.cause?.rawValue ?? "unexplained")"
        page.raw(inProject ? "<p><span class=\"tag\">" : "<p \(HTMLPage.attribute("id", anchor))><span class=\"tag\">")
        page.put(g.cause?.rawValue ?? "not explained")
        page.raw("</span>")
        let head =
            (inProject ? "" : "\(g.project.rawValue) (P\(g.priority)) ") + "\(g.skill): "
            + "\(formatGrouped(g.hours, decimals: 2)) h unmet" + (g.rows.count > 1 ? " in \(g.rows.count) periods" : "")
        page.element("b", head)
        page.raw("</p>\n<ul class=\"msgs\">")
        for r in inProject ? Array(g.rows.prefix(1)) : g.rows { page.element("li", r.message) }
        if inProject && g.rows.count > 1 {
            page.raw("<li><a \(HTMLPage.attribute("href", "#" + anchor))>")
            page.put("\(g.rows.count - 1) more in Conflicts")
            page.raw("</a></li>")
        }
        page.raw("</ul>\n")
    }

    func conflictSection(_ page: inout HTMLPage) {
        page.raw("<section id=\"conflicts\">\n<h2>Conflicts</h2>\n")
        let counts = Conflict.Kind.allCases.map { (kind: $0, count: summary.conflictsByKind.counts[$0] ?? 0) }
        guard counts.contains(where: { $0.count > 0 }) else {
            page.element("p", "None: every demand hour is staffed and every locked commitment kept.")
            page.raw("</section>\n")
            return
        }
        page.element(
            "p",
            counts.filter { $0.count > 0 }.map { "\($0.count) \($0.kind.rawValue)" }.joined(separator: ", ")
                + ". Unmet demand is grouped per project, skill and cause, by priority then hours, as the terminal "
                + "shows it; every row's explanation follows. Overtime within the policy is not a conflict.",
            "class=\"sub\"")
        for g in unmetGroups { group(&page, g, inProject: false) }
        if !otherConflicts.isEmpty {
            page.raw("<h3>Locked commitments and budgets</h3>\n<ul class=\"msgs\">")
            for c in otherConflicts {
                page.raw("<li><span class=\"tag\">\(HTMLPage.escape(c.kind.rawValue))</span>")
                page.put(c.message)
                page.raw("</li>")
            }
            page.raw("</ul>\n")
        }
        page.raw("</section>\n")
    }

    // MARK: - Shape

    func shapeSection(_ page: inout HTMLPage) {
        let s = shape.summary
        page.raw("<section id=\"shape\">\n<h2>Plan shape</h2>\n")
        page.element(
            "p", "How steady and concentrated the plan is (summary.json's shape), and how it spreads.", "class=\"sub\"")
        page.raw("<table>")
        let rows: [(String, String)] = [
            (
                "runs per person and project (mean; most)",
                "\(format(s.runsPerPersonAndProject, decimals: 2)); \(s.mostRuns)"
            ),
            ("projects per person (mean; most)", "\(format(s.projectsPerPerson, decimals: 2)); \(s.mostProjects)"),
            ("people per project, skill and period (mean)", format(s.peoplePerProjectSkillPeriod, decimals: 2)),
            (
                "assignments under 4 h",
                "\(s.assignmentsUnder4h) (\(format(s.assignmentsUnder4hPercent, decimals: 1))%)"
            ),
            ("people with capacity and no assignment", "\(shape.unassigned)"),
        ]
        for (label, value) in rows {
            page.raw("<tr><th>")
            page.put(label)
            page.raw("</th><td class=\"n\">\(HTMLPage.escape(value))</td></tr>")
        }
        page.raw("</table>\n")
        histogram(
            &page, "People by number of projects", shape.projectsPerPerson, unit: "project", of: ("person", "people"))
        histogram(
            &page, "Person-project pairs by number of runs", shape.runsPerPair, unit: "run", of: ("pair", "pairs"))
        page.raw("<h3>People per project</h3><table>")
        for (project, people) in shape.peoplePerProject {
            page.raw("<tr><td>\(HTMLPage.escape(project.rawValue))</td><td class=\"n\">\(people)</td></tr>")
        }
        page.raw("</table>\n</section>\n")
    }

    /// A coverage cell's whole percentage, never 100 while a reportable
    /// shortfall (0.005 h or more, a conflicts.csv row) remains: 9.97 of 10 h
    /// read 100 beside the cell's unmet-demand conflict.
    static func coverageText(staffed: Double, demanded: Double) -> String {
        guard demanded > 0 else { return "100" }
        let text = format(100 * staffed / demanded, decimals: 0)
        return text == "100" && demanded - staffed >= Plan.reportable ? "99" : text
    }

    func histogram(_ page: inout HTMLPage, _ title: String, _ counts: [Int], unit: String, of: (String, String)) {
        page.element("h3", title)
        guard let most = counts.max(), most > 0 else {
            page.element("p", "No assignments.")
            return
        }
        page.raw("<table>")
        for (i, n) in counts.enumerated() {
            page.raw("<tr><td>\(i + 1) \(unit)\(i == 0 ? "" : "s")</td><td><span class=\"bar\"><span style=\"width:")
            page.raw("\(format(100 * Double(n) / Double(most), decimals: 1))%\"></span></span></td>")
            page.raw("<td class=\"n\">\(n) \(n == 1 ? of.0 : of.1)</td></tr>")
        }
        page.raw("</table>\n")
    }
}
