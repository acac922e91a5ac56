import Foundation
import GLPK
import Testing

@testable import AllotCore

/// Printed cost parts add up to the printed total: each figure is rounded
/// once, from the same numbers (`roundedParts`, the largest remainder method).
/// The numbers below are ones where rounding every part on its own fails.
@Suite struct CostRoundingTests {
    @Test func partsSumToTheTotalWhereNaiveRoundingDoesNot() {
        // 3,782,471.6 + 143,193.7 = 3,925,665.3 -> 3,925,665. Naive: 3,782,472 + 143,194 = 3,925,666.
        // Floors 3,782,471 + 143,193 = 3,925,664: one unit short, to the larger remainder (.7).
        let a = roundedParts([3_782_471.6, 143_193.7])
        #expect(a.parts == [3_782_471, 143_194])
        #expect(a.total == 3_925_665)
        // 1000.3 + 200.4 + 300.45 = 1501.15 -> 1501; naive 1000 + 200 + 300 = 1500 falls short.
        let b = roundedParts([1000.3, 200.4, 300.45])
        #expect(b.parts == [1000, 200, 301])
        #expect(b.total == 1501)
        // Cents: 10.007 + 20.006 + 30.008 = 60.021 -> 60.02; naive 10.01 + 20.01 + 30.01 = 60.03.
        // Floors 1000 + 2000 + 3000 cents, two cents short: to .8 (30.008) and .7 (10.007).
        let c = roundedParts([10.007, 20.006, 30.008], decimals: 2)
        #expect(c.parts.map { format($0) } == ["10.01", "20", "30.01"])
        #expect(format(c.total) == "60.02")
        // Ties go to the earlier part; whole numbers stay as they are.
        #expect(roundedParts([0.5, 0.5]).parts == [1, 0])
        #expect(roundedParts([12, 30, 0]).parts == [12, 30, 0])
    }

    @Test func randomPartsAlwaysSumAndMoveLessThanOneUnit() {
        var state: UInt64 = 42
        func next() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) / Double(1 << 53)
        }
        for _ in 0..<2000 {
            // Off any grid of half units, where the sum in floating point decides ties.
            let parts = (0..<(1 + Int(next() * 4))).map { _ in next() * 1e6 }
            for decimals in [0, 2] {
                let r = roundedParts(parts, decimals: decimals)
                let unit = decimals == 0 ? 1.0 : 0.01
                let printed = r.parts.map { format($0, decimals: decimals) }
                let sum = r.parts.reduce(0, +)
                #expect(format(sum, decimals: decimals) == format(r.total, decimals: decimals), "\(parts)")
                #expect(format(r.total, decimals: decimals) == format(parts.reduce(0, +), decimals: decimals))
                for (p, q) in zip(parts, r.parts) { #expect(abs(p - q) < unit * 1.000001, "\(parts) \(printed)") }
            }
        }
    }

    /// A planned plan (tiny's week) with cost parts set by hand.
    static func plan(_ cost: CostSummary) throws -> Plan {
        var plan = try PlanFixture.plan(
            staff: "alice,,,100,,swift:3,,\n", projects: "apollo,,1,,,\n", demand: "apollo,swift,,10,,,\n")
        plan.cost = cost
        return plan
    }

    static func costLine(_ plan: Plan) -> String? {
        plan.summaryText(style: Plan.Style(color: false), filesIn: nil).split(separator: "\n")
            .first { $0.hasPrefix("Cost") }.map(String.init)
    }

    /// Counts of a thousand or more carry a thousands separator, as the hours
    /// beside them: 1,200 person-periods of 0.5 h overtime each = 600 h, at a
    /// premium of 1 EUR each = 1,200 EUR.
    @Test func largeCountsAreGrouped() throws {
        var plan = try Self.plan(
            CostSummary(base: 1000, variable: 1000, overtimePremium: 1200, stabilityPenalty: 0))
        plan.overtime = Array(
            repeating: OvertimeUse(
                staff: Staff.ID("alice"), period: plan.periods[0], capacity: 40, hours: 0.5, premiumCost: 1),
            count: 1_200)
        let text = plan.summaryText(style: Plan.Style(color: false), filesIn: nil)
        #expect(text.contains("Overtime  600 h by 1 person in 1,200 person-periods at "), "\(text)")
        #expect(text.contains(" the rate: 1,200 EUR\n"), "\(text)")
    }

    /// The coverage columns line up whichever of demanded and staffed is
    /// wider: alice (12.5 h a week) gives all her week to apollo (P1, 50 h)
    /// before hermes (P2, 8 h): 12.5 of 50 h = 25% and 37.5 h unmet, 0 of 8 h.
    /// Both hour columns are 4 wide ("12.5"); they were as wide as "50".
    @Test func theCoverageColumnsLineUp() throws {
        let plan = try PlanFixture.plan(
            staff: "alice,,,100,12.5,swift:3,,\n", projects: "apollo,,1,,,\nhermes,,2,,,\n",
            demand: "apollo,swift,,50,,,\nhermes,swift,,8,,,\n")
        let lines = plan.summaryText(style: Plan.Style(color: false), filesIn: nil).split(separator: "\n")
            .filter { $0.hasPrefix("  P") }
        #expect(
            lines == [
                "  P1    50 h demanded  12.5 h staffed     25%  37.5 h unmet",
                "  P2     8 h demanded     0 h staffed      0%  8 h unmet",
            ])
        // Staffed and unmet are rounded together: 19.25 + 10.75 of 30 h read
        // 19.3 + 10.8 = 30.1; the tie goes to the first, 19.3 + 10.7 = 30.
        var tie = plan
        tie.coverage = [PriorityCoverage(priority: 1, demanded: 30, staffed: 19.25)]
        let line = tie.summaryText(style: Plan.Style(color: false), filesIn: nil).split(separator: "\n")
            .first { $0.hasPrefix("  P1") }
        #expect(line == "  P1    30 h demanded  19.3 h staffed   64.2%  10.7 h unmet")
    }

    @Test func theTerminalCostLineAddsUp() throws {
        // The issue's line: 3,925,665 EUR (base 3,782,472 + overtime premium 143,194) did not add up.
        let a = try Self.plan(
            CostSummary(base: 3_782_471.6, variable: 3_782_471.6, overtimePremium: 143_193.7, stabilityPenalty: 0))
        #expect(Self.costLine(a) == "Cost      3,925,665 EUR (base 3,782,471 + overtime premium 143,194)")
        // Paid for capacity: fixed 1000.3 (idle 400.2) + variable 200.4 + overtime 300.45 = 1501.15.
        var b = try Self.plan(
            CostSummary(
                base: 500.85, fixed: 1000.3, idle: 400.2, variable: 200.4, overtimePremium: 300.45,
                stabilityPenalty: 0))
        b.overtime = [
            OvertimeUse(staff: Staff.ID("alice"), period: b.periods[0], capacity: 40, hours: 2, premiumCost: 300.45)
        ]
        let text = b.summaryText(style: Plan.Style(color: false), filesIn: nil)
        #expect(Self.costLine(b) == "Cost      1,501 EUR (fixed 1,000 (idle 400) + variable 200 + overtime 301)")
        // The Overtime line prints the same premium as the Cost line.
        #expect(text.contains(" the rate: 301 EUR\n"), "\(text)")
        // A penalty that rounds to 0 is no part: 1e-9 (the holds' tolerance)
        // printed "(base 240 + stability 0)", and so did 0.1 (10 h moved at
        // 0.01). With 0.6 it is 1: 240 + 1 = 241 (240.6 rounds to 241).
        for small in [1e-9, 0.1] {
            let c = try Self.plan(CostSummary(base: 240, variable: 240, overtimePremium: 0, stabilityPenalty: small))
            #expect(Self.costLine(c) == "Cost      240 EUR", "\(small)")
        }
        let d = try Self.plan(CostSummary(base: 240, variable: 240, overtimePremium: 0, stabilityPenalty: 0.6))
        #expect(Self.costLine(d) == "Cost      241 EUR (base 240 + stability 1)")
    }

    @Test func summaryJSONCostAddsUp() throws {
        // 30.007 + 10.006 + 20.008 = 60.021 -> 60.02. Naive: 30.01 + 10.01 + 20.01 = 60.03. Floors 3000 +
        // 1000 + 2000 cents are two short: to the remainders .8 (20.008) and .7 (30.007). No one is paid for
        // capacity, so base is variable and base + overtime + stability adds up too.
        let plan = try Self.plan(
            CostSummary(base: 30.007, variable: 30.007, overtimePremium: 10.006, stabilityPenalty: 20.008))
        guard case .object(let fields) = plan.summaryJSON(), let cost = fields.first(where: { $0.0 == "cost" })
        else {
            Issue.record("summary.json has no cost object")
            return
        }
        #expect(
            cost.1.rendered(pretty: false)
                == #"{"base":30.01,"fixed":0,"idle":0,"variable":30.01,"overtime_premium":10,"#
                + #""stability_penalty":20.01,"total":60.02}"#)
    }

    /// compare: the table's "cost vs base" is the difference of the printed costs, and so is compare.csv's
    /// cost_delta at cents.
    @Test func compareDeltasAreDifferencesOfPrintedCosts() throws {
        let path = try PlanFixture.folder([
            "allot.yaml": PlanFixture.oneWeek,
            "staff.csv": PlanFixture.staffHeader + "alice,,,100,,swift:3,,\n",
            "projects.csv": PlanFixture.projectsHeader + "apollo,,1,,,\n",
            "demand.csv": PlanFixture.demandHeader + "apollo,swift,,10,,,\n",
        ])
        defer { try? FileManager.default.removeItem(atPath: path) }
        guard case .success(let portfolio) = try Dataset.load(from: path).validate() else {
            Issue.record("the fixture should be valid")
            return
        }
        func entry(_ name: String, cost: Double) throws -> Comparison.Entry {
            var run = try Planner.plan(portfolio, options: Planner.Options(solver: GLPKSolver()))
            run.plan.cost = CostSummary(base: cost, variable: cost, overtimePremium: 0, stabilityPenalty: 0)
            return Comparison.Entry(name: name, description: nil, run: run, diff: nil, warmStarted: false)
        }
        // Whole units: 1000.4 -> 1,000 and 1500.6 -> 1,501, so +501 (naive: 500.2 -> +500).
        let table = Comparison(base: try entry("base", cost: 1000.4), scenarios: [try entry("s", cost: 1500.6)])
        let costRows = table.table(style: Plan.Style(color: false)).split(separator: "\n").filter {
            $0.hasPrefix("cost")
        }
        #expect(costRows.count == 2)
        #expect(costRows.first?.hasSuffix("1,501") == true, "\(costRows)")
        #expect(costRows.last?.hasSuffix("+501") == true, "\(costRows)")
        // Cents: 10.004 -> 10 and 10.016 -> 10.02, so 0.02 (naive: 0.012 -> 0.01).
        let cents = Comparison(base: try entry("base", cost: 10.004), scenarios: [try entry("s", cost: 10.016)])
        let row = cents.csv().split(separator: "\n").last.map { $0.split(separator: ",").map(String.init) } ?? []
        let header = cents.csv().split(separator: "\n").first.map { $0.split(separator: ",").map(String.init) } ?? []
        let cost = header.firstIndex(of: "cost"), delta = header.firstIndex(of: "cost_delta")
        #expect(cost.map { row[$0] } == "10.02")
        #expect(delta.map { row[$0] } == "0.02")
    }

    /// suggest-hires's cost delta is a difference of costs in cents: acme's
    /// hire-sap-2027-W24 costs 13.8 h x 122.5 = 1,690.50 EUR more, and two
    /// optimal plans of that cost summed to 4,056,114.9 and to a hair below
    /// it. The raw difference printed "+1,690" for one and "+1,691" for the
    /// other; in cents both are 1,690.5, which rounds half away from zero.
    @Test func aCostDeltaIsTakenInCents() {
        let base = 4_054_424.4
        for plan in [4_056_114.9, 4_056_114.9.nextDown, 4_056_114.9 - 3e-9] {
            #expect(centsDifference(plan, base) == 1690.5)
            #expect(formatGrouped(centsDifference(plan, base)) == "1,691")
        }
        #expect(formatGrouped(4_056_114.9 - 3e-9 - base) == "1,690")
        // A difference of two amounts in cents can itself fall a hair below
        // the half: 4,245,850.14 - 4,182,467.64 = 63,382.499999999534 as
        // doubles. Taken in cents it is 63,382.50 and prints +63,383.
        #expect(cents(4_245_850.14) - cents(4_182_467.64) < 63_382.5)
        #expect(centsDifference(4_245_850.14, 4_182_467.64) == 63_382.5)
        #expect(formatGrouped(centsDifference(4_245_850.14, 4_182_467.64)) == "63,383")
    }
}

/// The Gap line when a stage stopped without a bound: the plan's gap is not known.
@Suite struct UnknownGapTests {
    @Test func aStageWithoutABoundIsNamed() throws {
        var plan = try PlanFixture.plan(
            staff: "alice,,,100,12.5,swift:3,,\n", projects: "apollo,,1,,,\nhermes,,2,,,\n",
            demand: "apollo,swift,,50,,,\nhermes,swift,,8,,,\n")
        plan.status = .feasible
        // acme-mip at 60 s: priority 3 at 5,370.4 h against a bound of
        // 5,996 h, (5,996 - 5,370.4) / 5,370.4 = 0.11649; priority 4 stopped
        // at 0 h against a bound above 0: no relative gap (nil).
        plan.stages = [
            StageSummary(name: "priority-1", status: "optimal", objective: 12_408.6, iterations: 0, seconds: 0, gap: 0),
            StageSummary(
                name: "priority-3", status: "time limit", objective: 5_370.4, iterations: 0, seconds: 0,
                gap: (5_996 - 5_370.4) / 5_370.4),
            StageSummary(name: "priority-4", status: "time limit", objective: 0, iterations: 0, seconds: 0, gap: nil),
            StageSummary(name: "shaping", status: "time limit", objective: nil, iterations: 0, seconds: 0, gap: nil),
        ]
        #expect(plan.gap == nil)
        #expect(plan.stagesWithoutGap == ["priority-4"])
        let text = plan.summaryText(style: Plan.Style(color: false), filesIn: nil)
        #expect(
            text.contains(
                "Gap       not known: none proven for priority-4; the other stages' largest is 11.649%\n"),
            "\(text)")
        // The report's headline says the same (it said nothing of the gap).
        let html = try PlanReport(PlanFile(plan)).html()
        #expect(
            html.contains("gap not known: none proven for priority-4; the other stages&#39; largest is 11.649%"),
            "no gap line in the report")
        // With priority 4 at 1,824.8 h against its bound, the plan's gap is the largest one.
        plan.stages[2].objective = 1_824.8
        plan.stages[2].gap = (3_465.9 - 1_824.8) / 1_824.8  // 0.89933
        #expect(abs(plan.gap! - 1_641.1 / 1_824.8) < 1e-12)
        #expect(plan.summaryText(style: Plan.Style(color: false), filesIn: nil).contains("Gap       89.933% (largest"))
    }
}
