/// The plan report's "Hiring suggestions (checked)" section: suggestions.json of `allot suggest-hires` on
/// the plan's own dataset (docs/report.md).
extension PlanReport {
    /// The report with `hires` shown. Throws when the suggestions were not made from the files the plan
    /// was made from (another dataset, or the same one changed since), when either file does not say
    /// which files those were, or when the plan is of a scenario (the suggestions are checked against
    /// the dataset without one): a report never mixes two datasets. `path` and `plan` name the files in
    /// the error.
    public func adding(
        hires: SuggestionsFile, path: String, plan: String
    ) throws(PlanDocument.SourceError) -> PlanReport {
        let again =
            "`allot suggest-hires \(source.map { shellWord($0.dataset) } ?? "DATASET") --out \(suggestedOut(path, fallback: "suggestions.json"))`"
        guard let theirs = hires.source else {
            throw PlanDocument.SourceError(
                description: "\(path): no source: the suggestions do not say which dataset they were made from "
                    + "(written by an allot before `report --hires`); write them again with \(again)")
        }
        guard let ours = source else {
            throw PlanDocument.SourceError(
                description: "\(plan): no source: the plan does not say which dataset it was made from; "
                    + "write it again with `allot plan DATASET --out FOLDER`")
        }
        guard theirs.fingerprint == ours.fingerprint else {
            throw PlanDocument.SourceError(
                description: "\(path) was made from \(theirs.dataset) (fingerprint \(theirs.fingerprint)), but "
                    + "\(plan) from \(ours.dataset) (fingerprint \(ours.fingerprint)): another dataset, or the "
                    + "same one changed in between, and a report never mixes two; run \(again) (or plan the "
                    + "dataset again)")
        }
        if let scenario = ours.scenario {
            throw PlanDocument.SourceError(
                description: "\(plan) is a plan of scenario \(scenario), but \(path) was checked against "
                    + "\(theirs.dataset) without scenarios; report on a plan made without --scenario")
        }
        var report = self
        report.hires = hires
        return report
    }

    // MARK: - HTML

    func hiresSection(_ page: inout HTMLPage, _ h: SuggestionsFile) {
        page.raw("<section id=\"hires\">\n<h2>Hiring suggestions (checked)</h2>\n")
        let dataset = source?.dataset ?? "DATASET"
        let scope =
            switch h.priorities.count {
            case 0: ""
            case 1: " for the unmet demand of priority \(h.priorities[0])"
            default: " for the unmet demand of priorities " + h.priorities.map(String.init).joined(separator: ", ")
            }
        page.raw("<p class=\"sub\">Placeholder hires from <code>")
        page.put("allot suggest-hires \(shellWord(dataset))")
        page.raw("</code>")
        var intro = "\(scope). "
        if h.candidatesChecked > 0 {
            let more = h.candidatesFound > h.candidatesChecked ? " of \(h.candidatesFound) found" : ""
            let profiles = h.candidatesChecked == 1 ? "profile" : "profiles"
            intro += "\(h.candidatesChecked) \(profiles) checked\(more). "
        }
        intro +=
            "Each was checked alone against the base plan: the dataset planned with that one hire added, as "
            + "allot compare plans a scenario. The gains of two hires do not add up."
        page.put(intro)
        page.raw("</p>\n")
        let baseText = h.base.priorities.map { "P\($0.priority) \(HTMLPage.hours($0.staffed)) h" }
        page.element(
            "p",
            "Their base plan: \(h.base.status.rawValue), \(baseText.joined(separator: ", ")) staffed, cost "
                + "\(HTMLPage.money(h.base.cost)) \(h.currency).")
        if let differs = baseDifference(h) {
            page.element("p", differs, "class=\"down\" id=\"hires-base-differs\"")
        }
        if h.suggestions.isEmpty {
            page.element("p", "No hire to suggest: \(h.note ?? "no profile staffed more hours when checked").")
        } else {
            suggestionTable(&page, h)
            let names = h.suggestions.map(\.scenario).joined(separator: ",")
            page.raw("<p>")
            page.put(
                "Paste a scenario under scenarios: in \(dataset)/allot.yaml (add that line if it has none;"
                    + " an empty scenarios: [] becomes scenarios:); then ")
            page.raw("<code>")
            page.put("allot compare \(shellWord(dataset)) --scenarios \(names)")
            page.raw("</code> shows the same gains and costs.</p>\n")
            for c in h.suggestions {
                page.element("h3", c.scenario)
                page.raw(
                    "\n<pre class=\"yaml\" style=\"background:#f4f6f8;border:1px solid #d6dbe1;padding:6px 8px;"
                        + "overflow-x:auto;font-size:12px\">")
                page.raw(HTMLPage.escapeKeepingLines(c.yaml))
                page.raw("</pre>\n")
            }
        }
        if !h.notSuggested.isEmpty {
            page.raw("<h3>Checked, not suggested</h3>\n<table id=\"hires-not-suggested\"><tr><th>scenario</th>")
            page.raw("<th>skill:level</th><th class=\"n\">h/week</th><th>from</th><th>to</th><th>reason</th></tr>\n")
            for c in h.notSuggested {
                page.raw("<tr><td>")
                page.put(c.scenario)
                page.raw("</td><td>")
                page.put("\(c.skill):\(c.level)")
                page.raw("</td><td class=\"n\">\(HTMLPage.escape(format(c.hoursPerWeek)))</td>")
                page.raw("<td>\(c.start)</td><td>\(c.end)</td><td class=\"words\">")
                page.put(c.reason ?? "")
                page.raw("</td></tr>\n")
            }
            page.raw("</table>\n")
        }
        page.raw("</section>\n")
    }

    func suggestionTable(_ page: inout HTMLPage, _ h: SuggestionsFile) {
        let currency = HTMLPage.escape(h.currency)
        let priorities = h.base.priorities.map(\.priority)
        page.raw("<table id=\"hires-table\"><tr><th>scenario</th><th>staff id</th><th>skill:level</th>")
        page.raw("<th class=\"n\">h/week</th><th>from</th><th>to</th><th class=\"n\">\(currency)/h</th><th>paid</th>")
        for p in priorities { page.raw("<th class=\"n\">P\(p) gain h</th>") }
        page.raw("<th class=\"n\">cost change \(currency)</th><th class=\"n\">\(currency) per gained h</th></tr>\n")
        for c in h.suggestions {
            page.raw("<tr data-scenario=\"\(HTMLPage.escape(c.scenario))\"><td>")
            page.put(c.scenario)
            page.raw("</td><td>")
            page.put(c.staffId)
            page.raw("</td><td>")
            page.put("\(c.skill):\(c.level)")
            page.raw("</td><td class=\"n\">\(HTMLPage.escape(format(c.hoursPerWeek)))</td>")
            page.raw("<td>\(c.start)</td><td>\(c.end)</td>")
            page.raw("<td class=\"n\">\(HTMLPage.escape(format(c.costPerHour)))</td>")
            page.raw("<td>\(c.paid == .capacity ? "for capacity" : "per hour worked")</td>")
            for p in priorities {
                let hours = c.gains.first { $0.priority == p }?.hours ?? 0
                page.raw("<td class=\"n\">\(HTMLPage.signed(hours, decimals: 1))</td>")
            }
            page.raw("<td class=\"n\">\(HTMLPage.signed(c.costDelta))</td>")
            page.raw("<td class=\"n\">\(c.costPerGainedHour.map { formatGrouped($0, decimals: 2) } ?? "-")</td></tr>\n")
        }
        page.raw("</table>\n")
    }

    /// A warning when the suggestions' base plan staffed other hours than this plan (by 0.01 h or more in
    /// some priority): the same dataset planned with other options (`--objective`, `--time-limit`), so the
    /// gains are against their base, not this plan.
    func baseDifference(_ h: SuggestionsFile) -> String? {
        let differing = summary.priorities.compactMap { p -> String? in
            let theirs = h.base.priorities.first { $0.priority == p.priority }?.staffed ?? 0
            guard abs(theirs - p.staffed) >= HiringAdvice.minimumGain else { return nil }
            return "P\(p.priority) \(HTMLPage.hours(theirs)) h there, \(HTMLPage.hours(p.staffed)) h here"
        }
        guard !differing.isEmpty else { return nil }
        return "Their base plan staffed other hours than this plan (" + differing.joined(separator: "; ")
            + "): the same files planned with other options (--objective, --time-limit), so the gains are "
            + "against their base plan, not this one."
    }
}
