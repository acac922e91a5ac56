import Foundation
import GLPK
import Testing

@testable import AllotCore

/// The plan report's "Hiring suggestions (checked)" on HireTests' dataset, whose figures are worked out
/// there: apollo (P1) needs x at level 2+, 10 h/week over the four weeks and nobody has x; hermes (P2)
/// needs z, 5 h/week in W03 and W04; a hire's rate is the median of everyone's, (50 + 70) / 2 = 60.
@Suite struct PlanReportHiresTests {
    /// The dataset's folder, its plan folder (plan.json only, as `allot plan` writes it) and
    /// suggestions.json, as `allot suggest-hires --priority all --max 1 --out` writes it.
    struct Files {
        var dataset: String
        var planFolder: String
        var suggestions: String
        var advice: HiringAdvice
    }

    static func write(_ files: [String: String] = HireTests.files(), planOf other: [String: String]? = nil)
        throws -> Files
    {
        let folder = try PlanFixture.folder(files)
        let dataset = try Dataset.load(from: folder)
        var advice = try HiringAdvice.make(
            dataset, base: try dataset.validate().get(),
            options: HiringAdvice.Options(
                planner: Planner.Options(solver: GLPKSolver()), target: .all, maxSuggestions: 1))
        // As SuggestHiresCommand records it.
        advice.base.source = PlanSource(dataset: folder, scenario: nil, fingerprint: Dataset.fingerprint(of: folder))
        let out = try PlanFixture.folder([:])
        let suggestions = out + "/suggestions.json"
        try advice.json().rendered().write(toFile: suggestions, atomically: true, encoding: .utf8)
        // The plan: of the same folder, or of another dataset's.
        let planned = try other.map { try PlanFixture.folder($0) } ?? folder
        var run = try Planner.plan(
            try Dataset.load(from: planned).validate().get(), options: Planner.Options(solver: GLPKSolver()))
        run.plan.source = PlanSource(dataset: planned, scenario: nil, fingerprint: Dataset.fingerprint(of: planned))
        let planFolder = out + "/plan"
        try FileManager.default.createDirectory(atPath: planFolder, withIntermediateDirectories: true)
        try run.plan.planJSON().rendered().write(toFile: planFolder + "/plan.json", atomically: true, encoding: .utf8)
        return Files(dataset: folder, planFolder: planFolder, suggestions: suggestions, advice: advice)
    }

    /// The section of the page, from its heading to its end.
    static func section(_ html: String) -> String? {
        guard html.contains("<section id=\"hires\">") else { return nil }
        return html.components(separatedBy: "<section id=\"hires\">")[1].components(separatedBy: "</section>")[0]
    }

    /// The x hire gains P1 4 weeks x 10 h = 40 h and costs 40 x 60 = 2,400, 2,400 / 40 = 60 per gained
    /// hour; nothing else changes. The z hire (P2: 2 weeks x 5 h = 10 h) is ranked after it, with --max 1.
    @Test func sectionShowsTheCheckedGainsCostAndScenario() throws {
        let f = try Self.write()
        let (kind, html) = try Report.html(of: f.planFolder, hires: f.suggestions)
        #expect(kind == .plan)
        let section = try #require(Self.section(html))
        #expect(section.contains("<h2>Hiring suggestions (checked)</h2>"))
        #expect(section.contains("Each was checked alone against the base plan"))
        let row = try #require(
            section.components(separatedBy: "<tr data-scenario=\"hire-x-2027-W01\">").dropFirst().first?
                .components(separatedBy: "</tr>").first)
        let cells = row.components(separatedBy: "<td").dropFirst().map {
            $0.components(separatedBy: ">").dropFirst().joined(separator: ">").components(separatedBy: "</td")[0]
        }
        // scenario, staff id, skill:level, h/week, from, to, rate, paid, P1..P3 gains, cost change, per hour.
        #expect(
            cells == [
                "hire-x-2027-W01", "hire.x.2027-W01", "x:2", "10", "2027-01-04", "2027-01-31", "60",
                "per hour worked", "+40", "0", "0", "+2,400", "60",
            ])
        // The scenario to paste, in a <pre>, its quotes escaped and its lines kept.
        #expect(
            section.contains(
                "  - name: hire-x-2027-W01\n    description: &quot;Suggested hire: x at level 2, 10 h/week from "
                    + "2027-01-04 to 2027-01-31, 60/h, paid per hour&quot;\n    changes:\n"))
        #expect(!section.contains("\"Suggested hire"))
        // The profile checked and not suggested, with its reason.
        let others = try #require(section.components(separatedBy: "id=\"hires-not-suggested\"").dropFirst().first)
        #expect(others.contains("<td>hire-z-2027-W03</td><td>z:1</td><td class=\"n\">5</td>"))
        #expect(others.contains("ranked after the 1 suggested"))
        #expect(!section.contains("hires-base-differs"))
        // Without --hires the page has no such section, and is what it was.
        let plain = try Report.html(of: f.planFolder).html
        #expect(Self.section(plain) == nil && !plain.contains("#hires"))
        #expect(try Report.html(of: f.planFolder, hires: f.suggestions).html == html)
    }

    /// The file read back holds what suggest-hires computed (one schema, written and read).
    @Test func fileReadsBackAsWritten() throws {
        let f = try Self.write()
        let file = try SuggestionsFile.read(from: f.suggestions)
        #expect(file.source?.fingerprint == Dataset.fingerprint(of: f.dataset))
        #expect(file.checkedAlone && file.priorities == [1, 2] && file.candidatesChecked == 2)
        let s = try #require(file.suggestions.first)
        let a = try #require(f.advice.suggestions.first)
        #expect(s.yaml == a.profile.scenarioYAML && s.scenario == a.profile.scenario)
        // Written to 2 decimals.
        #expect(s.gains.count == a.gains.count)
        for (read, made) in zip(s.gains, a.gains) {
            #expect(read.priority == made.priority && abs(read.hours - made.hours) <= 0.005)
        }
        #expect(abs(s.costDelta - a.costDelta) <= 0.005)
        #expect(file.notSuggested.map(\.reason) == ["ranked after the 1 suggested"])
    }

    /// Data in the page is escaped, in the table and in the <pre>.
    @Test func textIsEscaped() throws {
        let f = try Self.write()
        var file = try SuggestionsFile.read(from: f.suggestions)
        file.suggestions[0].yaml = "a <b>&\"x\"\n  'c'\n"
        file.suggestions[0].skill = "<i>"
        let report = try PlanReport.read(from: f.planFolder)
            .adding(hires: file, path: f.suggestions, plan: f.planFolder + "/plan.json")
        let section = try #require(Self.section(report.html()))
        #expect(section.contains(">a &lt;b&gt;&amp;&quot;x&quot;\n  &#39;c&#39;\n</pre>"))
        #expect(section.contains("<td>&lt;i&gt;:2</td>") && !section.contains("<i>"))
    }

    /// Suggestions of another dataset, or of files changed since, or without a source, are refused.
    @Test func anotherDatasetIsRefused() throws {
        var changed = HireTests.files()
        changed["projects.csv"] = "id,name,priority,start,end,budget\napollo,,1,,,\nhermes,,3,,,\nzeus,,2,,,\n"
        let f = try Self.write(planOf: changed)
        #expect {
            try Report.html(of: f.planFolder, hires: f.suggestions)
        } throws: { error in
            let d = (error as? PlanDocument.SourceError)?.description ?? ""
            return d.contains("a report never mixes two") && d.contains(f.suggestions) && d.contains("fingerprint")
        }
        // No source (written before suggest-hires recorded it).
        let same = try Self.write()
        var json = try String(contentsOfFile: same.suggestions, encoding: .utf8)
        let start = try #require(json.range(of: "  \"source\": {"))
        let end = try #require(json.range(of: "},\n", range: start.upperBound..<json.endIndex))
        json.removeSubrange(start.lowerBound..<end.upperBound)
        try json.write(toFile: same.suggestions, atomically: true, encoding: .utf8)
        #expect(try SuggestionsFile.read(from: same.suggestions).source == nil)
        #expect(throws: PlanDocument.SourceError.self) { try Report.html(of: same.planFolder, hires: same.suggestions) }
    }

    /// A plan of a scenario is refused (the suggestions are checked without one); a base plan that
    /// staffed other hours than the page's plan is flagged; no suggestion shows the note.
    @Test func scenarioPlanOtherBaseAndNothingSuggested() throws {
        let f = try Self.write()
        let file = try SuggestionsFile.read(from: f.suggestions)
        var report = try PlanReport.read(from: f.planFolder)
        let plan = f.planFolder + "/plan.json"
        var ofScenario = report
        ofScenario.source?.scenario = "hire-x-2027-W01"
        #expect {
            try ofScenario.adding(hires: file, path: f.suggestions, plan: plan)
        } throws: { error in
            ((error as? PlanDocument.SourceError)?.description ?? "").contains("a plan of scenario hire-x-2027-W01")
        }
        // Nobody has x: the plan staffs 0 h of P1. A base plan with 5 h more is not this plan's.
        var other = file
        let p1 = try #require(other.base.priorities.firstIndex { $0.priority == 1 })
        other.base.priorities[p1].staffed += 5
        report = try report.adding(hires: other, path: f.suggestions, plan: plan)
        let section = try #require(Self.section(report.html()))
        #expect(
            section.contains(
                "id=\"hires-base-differs\">Their base plan staffed other hours than this plan "
                    + "(P1 5 h there, 0 h here)"))
        var none = file
        none.suggestions = []
        none.note = "every demand hour is staffed"
        let empty = try #require(
            Self.section(try report.adding(hires: none, path: f.suggestions, plan: plan).html()))
        #expect(empty.contains("<p>No hire to suggest: every demand hour is staffed.</p>"))
        #expect(!empty.contains("hires-table") && !empty.contains("<pre"))
    }

    /// A value suggest-hires never writes is refused with its line, column and field.
    @Test func impossibleValuesAreRefused() throws {
        let f = try Self.write()
        let json = try String(contentsOfFile: f.suggestions, encoding: .utf8)
        let bad = json.replacingOccurrences(of: "\"hours_per_week\": 10,", with: "\"hours_per_week\": 0,")
        #expect(bad != json)
        #expect {
            try SuggestionsFile.read(Array(bad.utf8), path: "s.json")
        } throws: { error in
            let d = (error as? PlanDocument.ReadError)?.description ?? ""
            return d.hasPrefix("s.json:") && d.contains("suggestions[0].hours_per_week: expected a positive number")
        }
        let version = json.replacingOccurrences(of: "\"schema_version\": 1", with: "\"schema_version\": 2")
        #expect(throws: PlanDocument.ReadError.self) { try SuggestionsFile.read(Array(version.utf8), path: "s.json") }
    }
}
