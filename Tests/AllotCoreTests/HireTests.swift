import Foundation
import GLPK
import Testing

@testable import AllotCore

/// suggest-hires on a dataset small enough to work out by hand.
///
/// Four ISO weeks, 2027-W01 to 2027-W04 (2027-01-04 to 2027-01-31), 5 working days each, no holidays.
/// bob (y:3, 50/h) and carol (y:2, 70/h) are paid per hour; nobody has x or z.
/// apollo (P1) needs x at level 2+, 10 h/week, the whole horizon: 40 h, all unmet (no-qualified-staff).
/// hermes (P2) needs z, 5 h/week, in W03 and W04: 10 h, all unmet. zeus (P3) needs y, 20 h/week: bob
/// staffs it (cheaper), so the base costs 4 x 20 x 50 = 4,000.
/// A hire's rate defaults to the median rate of the staff with the skill, else of everyone:
/// (50 + 70) / 2 = 60.
@Suite struct HireTests {
    static let staff = """
        id,name,email,cost_per_hour,hours_per_week,skills,start,end
        bob,,,50,40,y:3,,
        carol,,,70,40,y:2,,

        """

    static func files(budget: String = "", manifestExtra: String = "") -> [String: String] {
        [
            "allot.yaml": "name: hires\nhorizon: {start: 2027-01-04, end: 2027-01-31, period: week}\n"
                + "policies: {overtime: {max_percent: 0, premium: 1.5}}\n" + manifestExtra,
            "staff.csv": staff,
            "projects.csv": "id,name,priority,start,end,budget\napollo,,1,,,\(budget)\nhermes,,2,,,\nzeus,,3,,,\n",
            "demand.csv": """
            project_id,skill,min_level,hours_per_week,total_hours,start,end
            apollo,x,2,10,,,
            hermes,z,,5,,2027-01-18,2027-01-31
            zeus,y,,20,,,

            """,
        ]
    }

    static func dataset(_ files: [String: String]) throws -> Dataset {
        try Dataset.load(from: PlanFixture.folder(files))
    }

    static func advise(
        _ dataset: Dataset, target: HiringAdvice.Options.Target = .mostImportant,
        sizing: HireProfile.Sizing = .init(priorities: []), jobs: Int = 1
    ) throws -> HiringAdvice {
        try HiringAdvice.make(
            dataset, base: try dataset.validate().get(),
            options: HiringAdvice.Options(
                planner: Planner.Options(solver: GLPKSolver()), target: target, sizing: sizing, jobs: jobs))
    }

    func gain(_ check: HiringAdvice.Check, _ priority: Int) -> Double {
        check.gains.first { $0.priority == priority }?.hours ?? .nan
    }

    /// By default only P1's unmet demand counts: one profile, x at level 2, 10 h/week over the four weeks,
    /// 60/h. With it apollo is fully staffed: P1 gains 4 x 10 = 40 h, nothing else changes, and the cost
    /// rises by 40 x 60 = 2,400: 60 per gained hour.
    @Test func oneHireForTheMostImportantPriority() throws {
        let advice = try Self.advise(try Self.dataset(Self.files()))
        #expect(advice.priorities == [1])
        #expect(close(advice.base.cost.total, 4000))
        try #require(advice.suggestions.count == 1)
        let check = advice.suggestions[0]
        let p = check.profile
        #expect(p.scenario == "hire-x-2027-W01")
        #expect(p.id == "hire.x.2027-W01")
        #expect((p.skill, p.level, p.hoursPerWeek, p.costPerHour, p.paid) == ("x", 2, 10, 60, .hours))
        #expect((p.start, p.end) == (day("2027-01-04"), day("2027-01-31")))
        #expect(close(p.unmetHours, 40))
        #expect(p.projects == [Project.ID("apollo")])
        #expect(p.marginalValue == 0)  // nobody has x: no capacity, no marginal value
        #expect(check.status == .optimal)
        #expect(close(gain(check, 1), 40))
        #expect(close(gain(check, 2), 0))
        #expect(close(gain(check, 3), 0))
        #expect(close(check.costDelta, 2400))
        #expect(close(check.costPerGainedHour ?? .nan, 60))
        #expect(advice.notSuggested.isEmpty)
    }

    /// datasets/policies has 8 h blocks (min_hours_per_assignment 8), and
    /// priority 2 leaves 6 h of ml unmet in 2027-W04. A hire sized to the
    /// unmet rate, 6 h a week, could never be assigned (an assignment asks
    /// min(8, D) and the demand D there is larger), and suggest-hires said no
    /// hire helps. Sized to the block, 8 h, it staffs all 6 h.
    @Test func aHireIsNoSmallerThanTheBlock() throws {
        let dataset = try Dataset.load(from: packageRoot.appendingPathComponent("datasets/policies").path)
        let advice = try Self.advise(dataset)
        #expect(advice.priorities == [2])
        let unmet = advice.base.coverage.first { $0.priority == 2 }?.unmet ?? .nan
        #expect(close(unmet, 6))
        try #require(advice.suggestions.count == 1)
        let check = advice.suggestions[0]
        #expect(check.profile.hoursPerWeek == 8)
        #expect(close(gain(check, 2), unmet))
    }

    /// A total_hours line's unmet hours spread over its window's working
    /// days: 100 h of go at level 4 (nobody has it) between Wednesday
    /// 2027-01-20 and Friday 2027-02-05, 3 + 5 + 5 = 13 working days, so
    /// 100 / 13 = 7.69 h a day: W03 23.08 h in 3 days, W04 and W05 38.46 h
    /// each, a rate of 38.46 h a week everywhere: a 39 h hire covers it all.
    /// Spread over the whole weeks (15 days) it was 34 h and gained 88.4 h.
    @Test func aWindowsShareIsSpreadOverItsWorkingDays() throws {
        let files = [
            "allot.yaml": "name: window\nhorizon: {start: 2027-01-04, end: 2027-02-28, period: week}\n",
            "staff.csv": "id,cost_per_hour,hours_per_week,skills\nann,100,20,go:3\n",
            "projects.csv": "id,priority\napollo,1\n",
            "demand.csv": "project_id,skill,min_level,total_hours,start,end\napollo,go,4,100,2027-01-20,2027-02-05\n",
        ]
        let advice = try Self.advise(try Self.dataset(files))
        try #require(advice.suggestions.count == 1)
        let check = advice.suggestions[0]
        #expect(check.profile.hoursPerWeek == 39)
        #expect(close(gain(check, 1), 100))
    }

    /// The YAML printed, pasted under scenarios: in a copy of the dataset and compared (Comparison.prepare
    /// and run, what `allot compare` calls), gives the same gain and cost: P1 +40 h, +2,400.
    @Test func thePrintedScenarioReproducesTheGainInCompare() throws {
        let advice = try Self.advise(try Self.dataset(Self.files()), target: .all)
        try #require(advice.suggestions.count == 2)
        var files = Self.files()
        files["allot.yaml"]! += "scenarios:\n" + advice.scenariosYAML
        let pasted = try Self.dataset(files)
        let names = advice.suggestions.map(\.profile.scenario)
        guard case .success(let prepared) = Comparison.prepare(pasted, names: names) else {
            Issue.record("the printed scenarios do not apply")
            return
        }
        let comparison = try Comparison.run(
            base: prepared.base, scenarios: prepared.scenarios,
            options: Comparison.Options(planner: Planner.Options(solver: GLPKSolver()), jobs: 1))
        let base = comparison.base.run.plan
        for (check, entry) in zip(advice.suggestions, comparison.scenarios) {
            #expect(entry.name == check.profile.scenario)
            for g in check.gains {
                #expect(close(entry.run.plan.staffed(g.priority) - base.staffed(g.priority), g.hours))
            }
            #expect(close(entry.run.plan.cost.total - base.cost.total, check.costDelta))
        }
        // And by hand: x first (it gains P1 hours), then z: hermes' 2 x 5 = 10 h of P2 at 60/h = 600.
        #expect(close(comparison.scenarios[0].run.plan.staffed(1) - base.staffed(1), 40))
        #expect(close(comparison.scenarios[1].run.plan.staffed(2) - base.staffed(2), 10))
        #expect(close(comparison.scenarios[1].run.plan.cost.total - base.cost.total, 600))
    }

    /// --priority all: z's profile covers hermes' window only, W03 and W04 (2027-01-18 to 2027-01-31), 5 h/week.
    /// Ranked after x, whose gain is of priority 1.
    @Test func allPrioritiesRankTheMostImportantGainFirst() throws {
        let advice = try Self.advise(try Self.dataset(Self.files()), target: .all)
        #expect(advice.priorities == [1, 2])
        #expect(advice.suggestions.map(\.profile.skill) == ["x", "z"])
        let z = advice.suggestions[1]
        #expect((z.profile.start, z.profile.end, z.profile.hoursPerWeek) == (day("2027-01-18"), day("2027-01-31"), 5))
        #expect(z.profile.scenario == "hire-z-2027-W03")
        #expect(close(gain(z, 1), 0))
        #expect(close(gain(z, 2), 10))
        #expect(close(z.costDelta, 600))
        let only2 = try Self.advise(try Self.dataset(Self.files()), target: .priority(2))
        #expect(only2.suggestions.map(\.profile.skill) == ["z"])
    }

    /// --max-hours-per-week 8, --cost-per-hour 100, --paid capacity: the hire works 8 h/week, all of it
    /// on apollo, so P1 gains 4 x 8 = 32 h. Paid for capacity, the hire costs 100 x 8 x 4 = 3,200 whatever
    /// it works: 100 per gained hour.
    @Test func capRateAndPayAreTheUsers() throws {
        let advice = try Self.advise(
            try Self.dataset(Self.files()),
            sizing: HireProfile.Sizing(priorities: [], maxHoursPerWeek: 8, costPerHour: 100, paid: .capacity))
        try #require(advice.suggestions.count == 1)
        let check = advice.suggestions[0]
        #expect((check.profile.hoursPerWeek, check.profile.costPerHour, check.profile.paid) == (8, 100, .capacity))
        #expect(close(gain(check, 1), 32))
        #expect(close(check.costDelta, 3200))
        #expect(check.profile.scenarioYAML.contains("paid: capacity"))
    }

    /// apollo with a budget of 0: its x hours are unmet because nobody has x (so a profile is made), but
    /// a hire could not be paid either. Checked, the profile staffs nothing, and it is not suggested.
    @Test func aProfileThatGainsNothingIsNotSuggested() throws {
        let advice = try Self.advise(try Self.dataset(Self.files(budget: "0")))
        #expect(advice.priorities == [1])
        #expect(advice.suggestions.isEmpty)
        try #require(advice.notSuggested.count == 1)
        #expect(close(advice.notSuggested[0].gainedHours, 0))
        #expect(advice.notSuggested[0].rejection == "it staffs no more hours")
        #expect(advice.emptyReason == "no profile staffed more hours when checked")
        #expect(advice.text(dataset: "d").contains("No hire to suggest"))
        #expect(!advice.text(dataset: "d").contains("- name:"))
    }

    /// zeus (P3) is fully staffed by bob; there is no priority 7. Neither gets a profile, and the report says why.
    @Test func nothingToHireFor() throws {
        let dataset = try Self.dataset(Self.files())
        let p3 = try Self.advise(dataset, target: .priority(3))
        #expect(p3.priorities.isEmpty && p3.candidatesFound == 0 && p3.suggestions.isEmpty)
        #expect(p3.emptyReason == "every demand hour of priority 3 is staffed")
        let p7 = try Self.advise(dataset, target: .priority(7))
        #expect(p7.emptyReason == "the dataset has no demand of priority 7")
    }

    /// Names avoid the scenarios the manifest declares and the staff ids in use, in any case.
    @Test func namesDoNotClash() throws {
        var files = Self.files(
            manifestExtra: """
                scenarios:
                  - name: Hire-X-2027-W01
                    changes: []

                """)
        files["staff.csv"]! += "hire.x.2027-W01,,,80,40,y:1,,\n"
        let dataset = try Self.dataset(files)
        let advice = try Self.advise(dataset)
        try #require(advice.suggestions.count == 1)
        #expect(advice.suggestions[0].profile.scenario == "hire-x-2027-W01-2")
        #expect(advice.suggestions[0].profile.id == "hire.x.2027-W01-2")
        // The rate now includes the third person: the median of 50, 70 and 80 is 70.
        #expect(advice.suggestions[0].profile.costPerHour == 70)
        #expect(close(advice.suggestions[0].costDelta, 40 * 70))
    }

    /// The median rate: of the staff with the skill at the level or above, else with the skill, else everyone.
    @Test func rates() {
        func person(_ id: String, _ rate: Double, _ skills: [String: Int]) -> Staff {
            Staff(
                id: Staff.ID(id), costPerHour: rate, skills: skills,
                origin: AllotCore.SourceLocation(file: "staff.csv", line: 1, column: 1))
        }
        let staff = [
            person("a", 100, ["sap": 5]), person("b", 80, ["sap": 3]), person("c", 60, ["sap": 2]),
            person("d", 10, ["java": 1]),
        ]
        #expect(HireProfile.rate(skill: "sap", level: 3, staff: staff) == 90)  // (100 + 80) / 2
        #expect(HireProfile.rate(skill: "sap", level: 1, staff: staff) == 80)  // 60, 80, 100
        #expect(HireProfile.rate(skill: "sap", level: 5, staff: staff) == 100)
        #expect(HireProfile.rate(skill: "go", level: 1, staff: staff) == 70)  // everyone: (60 + 80) / 2
    }

    /// Stretches of consecutive periods with unmet hours; a week without working days does not break one.
    @Test func stretches() {
        #expect(
            HireProfile.stretches([0, 5, 5, 0, 0, 3, 0], workingDays: [5, 5, 5, 5, 0, 5, 5]) == [[1, 2], [5]])
        #expect(HireProfile.stretches([4, 0, 4], workingDays: [5, 0, 5]) == [[0, 2]])
    }

    /// The scenario text escapes what YAML would misread.
    @Test func quoting() {
        #expect(yamlQuoted(#"a "b" \c"#) == #""a \"b\" \\c""#)
        #expect(yamlQuoted("tab\there") == #""tab\u0009here""#)
    }
}
