import Foundation
import GLPK
import Testing

@testable import AllotCore

/// The report's content from plan.json, on datasets/tiny, whose plan is worked
/// out by hand in datasets/tiny/README.md (the figures below cite its steps).
@Suite struct PlanReportTests {
    static func tinyFile() throws -> PlanFile {
        let dataset = try Dataset.load(from: packageRoot.appendingPathComponent("datasets/tiny").path)
        let portfolio = try dataset.validate().get()
        let plan = try Planner.plan(portfolio, options: Planner.Options(solver: GLPKSolver())).plan
        // Through the file's bytes, as `allot report` reads it.
        let bytes = Array(plan.planJSON().rendered().utf8)
        return try PlanDocument.decode(bytes, path: "plan.json") {
            try JSONValueDecoder().decode(PlanFile.self, from: $0)
        }
    }

    @Test func planFileCarriesCalendarAndDemand() throws {
        let file = try Self.tinyFile()
        // Holiday Wed 2027-01-06: W01 has 4 working days, W02 5 (README step 1).
        #expect(file.periods?.map(\.workingDays) == [4, 5])
        #expect(file.periods?[0].holidays.map(\.name) == ["Epiphany"])
        // Usual hours: 8 h a day for alice and carol, 4 for bob. The holiday takes one day from
        // everyone in W01 (8, 4, 8 h); carol's leave takes all 5 days of W02 (40 h).
        let absence = (file.absence ?? []).map { "\($0.staff) \($0.period) \($0.holidayHours) \($0.leaveHours)" }
        #expect(
            absence == [
                "alice 2027-W01 8.0 0.0", "bob 2027-W01 4.0 0.0", "carol 2027-W01 8.0 0.0", "carol 2027-W02 0.0 40.0",
            ])
        let bob = file.staff.first { $0.id.rawValue == "bob" }
        #expect(bob?.hoursPerWeek == 20)
        #expect(bob?.skills?.map { "\($0.skill):\($0.level)" } == ["qa:3", "swift:2"])
        // Demand cells: apollo swift 24 + 30, qa 12 total; hermes swift 16 + 20 (8 + 10 staffed),
        // sql 20 total; zeus qa 16 + 20 with 20 staffed in all (README steps 3, 6, 7).
        let demand = file.demand ?? []
        #expect(demand.count == 8)
        let hermesSwift = demand.filter { $0.project.rawValue == "hermes" && $0.skill == "swift" }
        #expect(hermesSwift.map(\.demanded) == [16, 20])
        #expect(hermesSwift.map(\.staffed).map { ($0 * 100).rounded() / 100 } == [8, 10])
        #expect(demand.filter { $0.period == nil }.map { "\($0.project) \($0.skill)" } == ["apollo qa", "hermes sql"])
        // Staffed per priority as in summary.json: 66, 38, 20.
        let staffed = Dictionary(grouping: demand) { d in file.projects.first { $0.id == d.project }!.priority }
            .mapValues { $0.reduce(0) { $0 + $1.staffed } }
        #expect(close(staffed[1]!, 66) && close(staffed[2]!, 38) && close(staffed[3]!, 20))
    }

    @Test func heatmapHasOneCellPerPersonAndPeriodWithTotals() throws {
        let report = try PlanReport(Self.tinyFile())
        let map = report.heatmap
        // Main skills: alice swift 4, bob qa 3, carol sql 4; groups by skill name.
        #expect(map.groups.map(\.skill) == ["qa", "sql", "swift"])
        #expect(map.groups.flatMap(\.rows).map(\.person.id.rawValue) == ["bob", "carol", "alice"])
        #expect(map.groups.flatMap(\.rows).allSatisfy { $0.cells.count == 2 })
        let carol = map.groups[1].rows[0]
        // Carol: 32 h capacity in W01 with 20 h of hermes sql; W02 all leave, no capacity.
        #expect(carol.cells[0].capacity == 32 && close(carol.cells[0].hours, 20))
        #expect(carol.cells[0].marks == [.holiday])
        #expect(carol.cells[1].capacity == 0 && carol.cells[1].load == nil && carol.cells[1].marks == [.leave])
        let alice = map.groups[2].rows[0]
        #expect(close(alice.total.hours, 72) && alice.total.capacity == 72 && close(alice.total.load!, 1))
        // Capacity per period: 32 + 16 + 32 = 80 and 40 + 20 + 0 = 60; 140 in all (README step 2).
        #expect(map.columnTotals.map(\.capacity) == [80, 60])
        #expect(map.total.capacity == 140)
        // Hours: alice 72, bob 12 + 20 = 32, carol 20: 124.
        #expect(close(map.total.hours, 124))
        #expect(close(map.groups[0].total.hours, 32))
    }

    @Test func freeProjectsConflictsAndShape() throws {
        let report = try PlanReport(Self.tinyFile())
        // Carol has 32 - 20 = 12 h idle in W01 (at least a fifth of 32); alice none. Bob's 4 idle hours
        // split between the weeks as the solver likes, so only carol's range is fixed.
        let carol = report.free.filter { $0.person.id.rawValue == "carol" }
        #expect(carol.count == 1 && carol[0].first.rawValue == "2027-W01" && carol[0].periods == 1)
        #expect(close(carol[0].idleHours, 12))
        #expect(!report.free.contains { $0.person.id.rawValue == "alice" })
        // Projects by priority; hermes: 38 of 56 h, alice 18 h (1800) and carol 20 h (1600).
        #expect(report.projects.map(\.id.rawValue) == ["apollo", "hermes", "zeus"])
        let hermes = report.projects[1]
        #expect(close(hermes.staffed, 38) && hermes.demanded == 56)
        #expect(hermes.people.map(\.person.id.rawValue) == ["carol", "alice"])
        #expect(close(hermes.people[1].cost, 1800) && close(hermes.people[0].cost, 1600))
        #expect(hermes.skills.map(\.skill) == ["swift"] && hermes.totalLines.map(\.skill) == ["sql"])
        let swift = hermes.skills[0].cells
        #expect(swift.map { $0?.demanded } == [16, 20])
        #expect(close(swift[0]!.coverage, 0.5) && close(swift[1]!.coverage, 0.5))
        // Zeus: 20 h of bob at 50 = 1000, its whole budget (README step 7).
        let zeus = report.projects[2]
        #expect(zeus.budget == 1000 && zeus.exhausted && close(zeus.burn.last!, 1000))
        // Conflicts as the terminal groups them: hermes swift 18 h (capacity), then zeus qa 16 h (budget).
        #expect(
            report.unmetGroups.map { "\($0.project) \($0.skill) \($0.cause?.rawValue ?? "")" } == [
                "hermes swift capacity", "zeus qa budget",
            ])
        #expect(close(report.unmetGroups[0].hours, 18) && report.unmetGroups[0].rows.count == 2)
        #expect(close(report.unmetGroups[1].hours, 16))
        #expect(hermes.unmet.map(\.skill) == ["swift"])
        // alice: apollo and hermes; bob: apollo and zeus; carol: hermes. One person on 1 project, two on 2.
        #expect(report.shape.projectsPerPerson == [1, 2])
        #expect(report.shape.unassigned == 0)
    }

    @Test func htmlIsDeterministicEscapedAndHasEveryCell() throws {
        var file = try Self.tinyFile()
        file.staff[0].name = "Alice <b>\"&\" 'A'"
        let report = try PlanReport(file)
        let html = report.html()
        #expect(html == report.html())
        #expect(!html.contains("<b>\"&\""))
        #expect(html.contains("Alice &lt;b&gt;&quot;&amp;&quot; &#39;A&#39;"))
        #expect(!html.contains("<script") && !html.contains("http://") && !html.contains("https://"))
        // The header names the engine plan.json names (tiny is planned with GLPK here), and none for a
        // plan.json from before solver.engine.
        #expect(html.contains("objective lexicographic · solved with GLPK \(SolverThread.version) · 3 people"))
        file.summary.solver.engine = nil
        #expect(try PlanReport(file).html().contains("objective lexicographic · 3 people"))
        // One row per person, one cell per period: carol's W01 is 20 of 32 h (62.5% shows as 63), her W02 all leave.
        #expect(html.components(separatedBy: "data-staff=").count - 1 == 3)
        #expect(html.components(separatedBy: "data-hours=").count - 1 == 3 * 2)
        let carol = html.components(separatedBy: "<tr data-staff=\"carol\">")[1].components(separatedBy: "</tr>")[0]
        #expect(carol.contains("data-hours=\"20\" data-capacity=\"32\" title=\"20 of 32 h; holidays 8\">63<b>H</b>"))
        #expect(carol.contains("data-hours=\"0\" data-capacity=\"0\" title=\"0 of 0 h; leave 40\"><b>L</b>"))
    }

    /// What a manager read wrong on the page: shape counts of one ("1
    /// people": carol alone has 1 project, two people have 2), the base-rate
    /// note beside a variable part of the same number (nobody in tiny is paid
    /// for capacity), a coverage cell at 100 with a shortfall left, and a
    /// budget line without its amount.
    @Test func countsOfOneAndCoverageNearlyFull() throws {
        let html = try PlanReport(try Self.tinyFile()).html()
        #expect(html.contains("<td class=\"n\">1 person</td>") && html.contains("<td class=\"n\">2 people</td>"))
        #expect(!html.contains("not added to the total"))
        // zeus's burn chart gives its budget's amount, the chart's scale.
        #expect(html.contains("paint-order=\"stroke\">budget 1,000</text>"))
        // 9.97 of 10 h leaves 0.03 h, a conflicts.csv row: 99, not 100; 0.001 h
        // short is not a row (under 0.005 h): 100.
        #expect(PlanReport.coverageText(staffed: 9.97, demanded: 10) == "99")
        #expect(PlanReport.coverageText(staffed: 9.999, demanded: 10) == "100")
        #expect(PlanReport.coverageText(staffed: 5, demanded: 10) == "50")
        #expect(PlanReport.coverageText(staffed: 0, demanded: 0) == "100")
    }

    /// Past 150 people the heatmap folds: one row per group (here one,
    /// every person's main skill is swift), the people in a `details` with
    /// their own table; both tables carry the class "folded" for the fixed
    /// column widths that line their weeks up. At 150 nothing folds.
    @Test func pastAHundredAndFiftyPeopleTheHeatmapFoldsWithAlignedColumns() throws {
        func html(people: Int) throws -> String {
            let staff = (1...people).map { "p\($0),,,100,,swift:3,,\n" }.joined()
            let plan = try PlanFixture.plan(staff: staff, projects: "apollo,,1,,,\n", demand: "apollo,swift,,40,,,\n")
            return try PlanReport(PlanFile(plan)).html()
        }
        let folded = try html(people: 151)
        #expect(folded.contains("<table class=\"heat folded\" id=\"heat\">"))
        #expect(folded.components(separatedBy: "<details class=\"people\">").count - 1 == 1)
        #expect(folded.components(separatedBy: "<table class=\"heat folded\">").count - 1 == 1)
        let whole = try html(people: 150)
        #expect(whole.contains("<table class=\"heat\" id=\"heat\">") && !whole.contains("heat folded"))
    }

    @Test func planWithoutTheNewFieldsIsRefused() throws {
        var file = try Self.tinyFile()
        file.demand = nil
        #expect(throws: PlanReport.MissingFields.self) { try PlanReport(file) }
    }
}

/// The compare report: losing a person is not a saving.
@Suite struct CompareReportTests {
    /// tiny compared with `scenarios` (allot.yaml text), and its report.
    static func compared(_ scenarios: String) throws -> (Comparison, CompareReport) {
        let dataset = try ScenarioTests.tiny(scenarios: scenarios)
        let prepared = try Comparison.prepare(dataset, names: nil).get()
        let comparison = try Comparison.run(
            base: prepared.base, scenarios: prepared.scenarios,
            options: Comparison.Options(planner: Planner.Options(solver: GLPKSolver())))
        let file = ComparisonFile(comparison)
        let report = CompareReport(
            file, base: PlanFile(comparison.base.run.plan),
            scenarios: zip(file.scenarios, comparison.scenarios).map { ($0, PlanFile($1.run.plan)) })
        return (comparison, report)
    }

    /// "cost vs base" is the difference of the costs printed above it, as
    /// in the terminal's table: 1,000.4 and 1,500.6 print as 1,000 and
    /// 1,501, so +501 (the rounded cent difference, 500.2, printed +500).
    @Test func theCostChangeIsTheDifferenceOfThePrintedCosts() throws {
        var (_, report) = try Self.compared(
            "scenarios:\n  - name: same\n    changes: []\n")
        report.columns[0].entry.cost = 1_000.4
        report.columns[1].entry.cost = 1_500.6
        report.columns[1].entry.costDelta = 500.2
        let html = report.html()
        #expect(html.contains("<td class=\"n\">1,000</td>") || html.contains(">1,000<"), "no base cost")
        let row = try #require(html.components(separatedBy: "cost vs base").dropFirst().first)
        let cells = row.components(separatedBy: "</tr>")[0]
        #expect(cells.contains("+501") && !cells.contains("+500"), "\(cells)")
        // The row below it says the same amount.
        let buys = try #require(html.components(separatedBy: "what the change buys").dropFirst().first)
        #expect(buys.components(separatedBy: "</tr>")[0].contains("+501 EUR"), "\(buys.prefix(300))")
        // Less money with more hours staffed is more work for less (it said "the same work for less").
        #expect(
            CompareReport.verdict(costDelta: -80_641, staffedDelta: 6_828.3, shifted: true, currency: "EUR")
                == "\u{2212}80,641 EUR with +6,828.3 h staffed: more work done for less")
    }

    /// tiny with bob locked to zeus for 60 h a week in 2027-W01, which has a
    /// holiday: 60 x 4/5 = 48 h asked of his 20 x 4/5 = 16. The comparison's
    /// table gets a locked-commitment row (1 in that scenario, 0 in the
    /// others), compare.csv its column, and the report lists the commitment,
    /// from the change on allot.yaml's line 10 (tiny's 3 lines, then 7 of
    /// scenarios). At 66 columns the scenarios come in two blocks beside the
    /// base (label 31 + base 9 + 12 + 12 = 64; zeus-cut's 10 more would be
    /// 74), every line within 66; without a width, one block.
    @Test func brokenCommitmentsShowAndTheTableFitsTheTerminal() throws {
        let scenarios = """
            scenarios:
              - name: carol-goes
                changes:
                  - {op: remove, table: staff, id: carol}
              - name: bob-locked
                changes:
                  - {op: add, table: commitments, row: {staff_id: bob, project_id: zeus, skill: qa, start: 2027-01-04, end: 2027-01-10, hours_per_week: 60, locked: true}}
              - name: zeus-cut
                changes:
                  - {op: scale, table: projects, id: zeus, field: budget, factor: 0.5}
            """
        let (comparison, report) = try Self.compared(scenarios)
        let wide = comparison.table(style: Plan.Style(color: false)).split(separator: "\n")
        #expect(wide.filter { $0.hasSuffix("zeus-cut") }.count == 1)
        let locked = wide.first { $0.hasPrefix("  locked-commitment") }
        #expect(locked?.split(separator: " ").map(String.init) == ["locked-commitment", "0", "0", "1", "0"])
        let narrow = comparison.table(style: Plan.Style(color: false), width: 66).split(separator: "\n")
        #expect(narrow.allSatisfy { $0.count <= 66 }, "\(narrow.filter { $0.count > 66 })")
        let headers = narrow.filter { $0.hasPrefix("    ") && $0.contains("base") }
        #expect(headers.count == 2)
        #expect(
            Set(headers.flatMap { $0.split(separator: " ").map(String.init) }) == [
                "base", "carol-goes", "bob-locked", "zeus-cut",
            ])
        #expect(
            comparison.csv().split(separator: "\n")[0].contains(
                "warm_start,locked_commitment_conflicts,budget_overrun_conflicts"))
        let html = report.html()
        #expect(
            html.contains(
                "<h3>Commitments and budgets it breaks</h3><ul>\n<li>bob is locked to zeus for 48h in 2027-W01 but can "
                    + "work 16h then; 16h kept (allot.yaml line 10)</li></ul>"))
    }

    /// A removed project's unmet hours fall because its demand is gone, not
    /// because it was staffed: zeus (P3) asks 36 h of qa and its 1,000 EUR
    /// budget buys bob's 20 h at 50 (tiny's README), so 16 h are unmet in the
    /// base; without zeus the change, -16, is shown uncoloured with
    /// "(removed)", and em dashes stand where the scenario has no figures.
    @Test func aRemovedProjectIsNoImprovement() throws {
        let html = try Self.compared(
            "scenarios:\n  - name: no-zeus\n    changes:\n      - {op: remove, table: projects, id: zeus}\n"
        ).1.html()
        let row = html.components(separatedBy: "(zeus)</td>")[1].components(separatedBy: "</tr>")[0]
        #expect(row.contains("P3, removed"))
        #expect(row.contains("<td class=\"n\">—</td>"))
        #expect(row.contains("<td class=\"n\">−16 (removed)</td>"), "\(row)")
    }

    @Test func losingSomeoneReadsAsWorkStoppedNotASaving() throws {
        let scenarios = """
            scenarios:
              - name: carol-goes
                description: Carol leaves the company
                changes:
                  - {op: remove, table: staff, id: carol}
            """
        let report = try Self.compared(scenarios).1
        // Without carol: apollo qa goes to bob (P1 stays 66); hermes has only alice's 18 h left after
        // apollo swift (swift or sql), so P2 falls from 38 to 18; zeus keeps bob's 20 h (its budget).
        // Cost: alice 72 x 100 + bob 32 x 50 = 8,800 against 10,400: -1,600 with -20 h staffed.
        let impact = report.impacts[0]
        #expect(close(impact.staffedDelta, -20))
        #expect(close(impact.costDelta, -1600))
        let hermes = impact.projects.first { $0.id.rawValue == "hermes" }!
        #expect(close(hermes.staffedDelta, -20) && close(hermes.spentDelta, -1600) && close(hermes.unmetDelta, 20))
        #expect(impact.projects.filter(\.changed).map(\.id.rawValue) == ["hermes"])
        // Only carol's hours changed per project (alice keeps 18 h on hermes, bob his 12 + 20).
        #expect(impact.people.map(\.id.rawValue) == ["carol"])
        #expect(close(impact.people[0].baseHours, 20) && impact.people[0].scenarioHours == 0)
        let html = report.html()
        #expect(html.contains("not a saving"))
        #expect(html.contains("Carol leaves the company"))
        #expect(html.contains("id=\"scenario-carol-goes\""))
    }
}
