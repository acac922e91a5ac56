import Foundation
import GLPK
import Testing

@testable import AllotCore

/// Scenarios on datasets/tiny (hand computation in datasets/tiny/README.md:
/// P1 66/66, P2 38/56, P3 20/36, cost 10,400 = alice 7,200 + carol 1,600 +
/// bob 1,600) with their effect predicted by hand.
@Suite struct ScenarioTests {
    static let tinyManifest = """
        name: Tiny with scenarios
        horizon: {start: 2027-01-04, end: 2027-01-17, period: week}
        policies: {overtime: {max_percent: 0, premium: 1.5}}

        """

    /// tiny's CSVs with the given manifest text (scenarios appended).
    static func tiny(scenarios: String) throws -> Dataset {
        var files: [String: String] = ["allot.yaml": tinyManifest + scenarios]
        let folder = packageRoot.appendingPathComponent("datasets/tiny")
        for name in ["staff.csv", "projects.csv", "demand.csv", "leave.csv", "holidays.csv"] {
            files[name] = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
        }
        return try Dataset.load(from: PlanFixture.folder(files))
    }

    static func plan(_ dataset: Dataset, _ scenario: String) throws -> Plan {
        let changed = try dataset.applying(scenario: scenario).get()
        return try Planner.plan(changed.portfolio, options: Planner.Options(solver: GLPKSolver()), scenario: scenario)
            .plan
    }

    static let scenarios = """
        scenarios:
          - name: hire-dave
            description: a second swift person, cheaper than alice
            changes:
              - {op: add, table: staff, row: {id: dave, cost_per_hour: 90, skills: "swift:4"}}
          - name: zeus-cut
            changes:
              - {op: scale, table: projects, id: zeus, field: budget, factor: 0.5}
          - name: hire-and-cut
            base: hire-dave
            changes:
              - {op: scale, table: projects, id: zeus, field: budget, factor: 0.5}
          - name: alice-leaves
            changes:
              - {op: leave, staff: alice, start: 2027-01-11}
          - name: drop-hermes
            changes:
              - {op: remove, table: projects, id: hermes}
          - name: zeus-first
            changes:
              - {op: set, table: projects, id: zeus, field: priority, value: 1}
              - {op: set, path: policies.overtime.max_percent, value: 25}

        """

    /// hire-dave: dave (swift 4, 40 h/week, 90/h) has 32 h in W01 and 40 in W02.
    /// Swift demand is 24 + 16 = 40 in W01 and 30 + 20 = 50 in W02, within
    /// alice + dave, so hermes' swift is fully staffed: P2 = 36 + 20 = 56.
    /// Zeus stays budget-bound at 1000 / 50 = 20 h. Cost: dave is cheaper, so
    /// he works all 72 h (6,480) and alice the other 18 (1,800); carol's sql
    /// 1,600 and bob's 12 + 20 qa 1,600 are unchanged: 11,480.
    @Test func hiringAPersonStaffsTheCapacityConflict() throws {
        let plan = try Self.plan(try Self.tiny(scenarios: Self.scenarios), "hire-dave")
        #expect(close(plan.staffed(1), 66))
        #expect(close(plan.staffed(2), 56))
        #expect(close(plan.staffed(3), 20))
        #expect(close(plan.cost.total, 11480))
        #expect(close(plan.hours("dave", "apollo") + plan.hours("dave", "hermes"), 72))
    }

    /// zeus-cut: 1000 x 0.5 = 500 buys 10 h of bob: P3 = 10, cost 10,400 - 500 = 9,900.
    /// hire-and-cut chains both: P2 56, P3 10, cost 11,480 - 500 = 10,980.
    @Test func scaleAndChaining() throws {
        let dataset = try Self.tiny(scenarios: Self.scenarios)
        let cut = try Self.plan(dataset, "zeus-cut")
        #expect(close(cut.staffed(3), 10))
        #expect(close(cut.cost.total, 9900))
        let both = try Self.plan(dataset, "hire-and-cut")
        #expect(close(both.staffed(2), 56))
        #expect(close(both.staffed(3), 10))
        #expect(close(both.cost.total, 10980))
    }

    /// alice-leaves (end defaults to the horizon end, hours to 0): no swift
    /// person at level 3+ in W02, so apollo swift W02 (30 h) and hermes swift
    /// W02 (20 h) are unmet; in W01 alice's 32 h go to apollo's 24 first and
    /// 8 to hermes. P1 = 24 + 12 = 36; P2 = 8 + 20 (sql, carol) = 28.
    @Test func leaveFromAStartDate() throws {
        let plan = try Self.plan(try Self.tiny(scenarios: Self.scenarios), "alice-leaves")
        #expect(close(plan.staffed(1), 36))
        #expect(close(plan.staffed(2), 28))
        let w02 = plan.conflicts(.unmetDemand).filter { $0.skill == "swift" && $0.period?.name == "2027-W02" }
        #expect(w02.count == 2)
        #expect(w02.allSatisfy { $0.cause == .noQualifiedStaff })
    }

    /// A leave without an end lasts to the end of the plan, whatever the
    /// other changes do to the horizon: alice leaves from 2027-01-11 and the
    /// horizon is extended to 2027-01-24, in either order; she works no hour
    /// from W02 on (the end was the horizon's end when the leave ran, and
    /// written first, she came back in W03). A leave from 2027-02-01, after
    /// tiny's horizon (to 2027-01-17), changes nothing; it read as an end
    /// before its start.
    @Test func aLeaveWithoutAnEndLastsToTheEndOfThePlan() throws {
        let dataset = try Self.tiny(
            scenarios: """
                scenarios:
                  - name: leave-then-extend
                    changes:
                      - {op: leave, staff: alice, start: 2027-01-11}
                      - {op: set, path: horizon.end, value: 2027-01-24}
                  - name: extend-then-leave
                    changes:
                      - {op: set, path: horizon.end, value: 2027-01-24}
                      - {op: leave, staff: alice, start: 2027-01-11}
                  - name: after-the-horizon
                    changes:
                      - {op: leave, staff: alice, start: 2027-02-01}

                """)
        let first = try Self.plan(dataset, "leave-then-extend"), second = try Self.plan(dataset, "extend-then-leave")
        for plan in [first, second] {
            let later = plan.assignments.filter { $0.staff.rawValue == "alice" && $0.period.name != "2027-W01" }
            #expect(later.isEmpty, "\(later.map(\.period.name))")
        }
        #expect([1, 2].allSatisfy { close(first.staffed($0), second.staffed($0)) })
        let base = try Planner.plan(try dataset.validate().get(), options: Planner.Options(solver: GLPKSolver())).plan
        let after = try Self.plan(dataset, "after-the-horizon")
        #expect([1, 2].allSatisfy { close(after.staffed($0), base.staffed($0)) })
        #expect(close(after.cost.total, base.cost.total))
    }

    /// The errors of applying tiny's scenario `name` with `changes` (YAML
    /// flow mappings, one a line, the first on line 7 of allot.yaml);
    /// none when it applies.
    static func errors(of changes: String..., named name: String = "s") throws -> [Diagnostic] {
        let list = changes.map { "      - \($0)\n" }.joined()
        let dataset = try tiny(scenarios: "scenarios:\n  - name: \(name)\n    changes:\n" + list)
        guard case .failure(let error) = dataset.applying(scenario: name) else { return [] }
        return error.errors
    }

    /// A problem a scenario causes away from its changes names the scenario:
    /// starting the horizon on 2027-01-11 leaves apollo's qa window (demand.csv
    /// line 3, 2027-01-04 to 08) outside it. It was reported at the CSV line
    /// alone, as if the base dataset were wrong.
    @Test func aProblemTheScenarioCausesNamesIt() throws {
        let dataset = try Self.tiny(
            scenarios: """
                scenarios:
                  - name: second-week
                    changes:
                      - {op: set, path: horizon.start, value: 2027-01-11}

                """)
        #expect(try dataset.validate().get().warnings.isEmpty)
        guard case .failure(let error) = dataset.applying(scenario: "second-week") else {
            Issue.record("the scenario validated")
            return
        }
        let outside = error.diagnostics.filter { $0.location.file == "demand.csv" && $0.location.line == 3 }
        #expect(outside.count == 1)
        #expect(outside.first?.found.hasSuffix("(with scenario \"second-week\")") == true)
        #expect(outside.first?.withoutScenario("second-week").found.hasSuffix("outside the horizon") == true)
    }

    /// Every problem of a scenario shows at once: a change that does not
    /// apply (change 1, a mistyped id) no longer hides what validating the
    /// changed dataset finds (change 2, a priority that is not a number).
    @Test func aChangeThatFailsDoesNotHideTheOthers() throws {
        let errors = try Self.errors(
            of: "{op: remove, table: projects, id: apolo}",
            "{op: set, table: projects, id: zeus, field: priority, value: abc}")
        // tinyManifest's 3 lines, then scenarios:, - name:, changes:; the changes on lines 7 and 8.
        #expect(errors.map(\.location.line).sorted() == [7, 8])
        #expect(errors.contains { $0.found.contains("\"apolo\"") })
        #expect(errors.contains { $0.found.hasPrefix("priority \"abc\"") })
    }

    /// Scaling zeus's budget of 1,000 by 1e-10 gives 1e-7, which six
    /// decimals wrote as 0: a budget of 0 without a word. It is written as it
    /// is, and validation refuses it (0, or at least 0.01). A number too small
    /// for a double, 1e-400, is not read as 0 either.
    @Test func aScaleDoesNotRoundAValueToZero() throws {
        let errors = try Self.errors(
            of: "{op: scale, table: projects, id: zeus, field: budget, factor: 1e-10}", named: "tiny-budget")
        #expect(errors.count == 1)
        #expect(errors.first?.found.hasPrefix("budget \"1.0000000000000001e-07\"") == true)
        #expect(Validator.parseNumber("1e-400") == nil)
        #expect(Validator.parseNumber("0e-400") == 0)
        #expect(Validator.parseNumber("0.000") == 0)
    }

    /// A scenario's leave over carol's leave.csv row (2027-01-11 .. 15 at 0 h):
    /// at another rate (20 h/week) the lower applies, and the warning sits on
    /// the change in allot.yaml, names the scenario and the row it overlaps;
    /// at the same rate (carol leaves for good, 0 h) the overlap changes
    /// nothing and draws no warning.
    @Test func scenarioLeaveOverlapIsWarnedAtTheChange() throws {
        let dataset = try Self.tiny(
            scenarios: """
                scenarios:
                  - name: carol-part-time
                    changes:
                      - {op: leave, staff: carol, start: 2027-01-04, hours_per_week: 20}
                  - name: carol-leaves
                    changes:
                      - {op: leave, staff: carol, start: 2027-01-06}

                """)
        #expect(try dataset.validate().get().warnings.isEmpty)
        let partTime = try dataset.applying(scenario: "carol-part-time").get().portfolio.warnings
        #expect(partTime.count == 1)
        #expect(partTime.first?.location.file == "allot.yaml")
        // tinyManifest's 3 lines, then scenarios:, - name:, changes: and the change on line 7.
        #expect(partTime.first?.location.line == 7)
        #expect(
            partTime.first?.found
                == "leave of carol overlapping the leave at leave.csv:2 (from scenario \"carol-part-time\", change 1 (leave))"
        )
        #expect(try dataset.applying(scenario: "carol-leaves").get().portfolio.warnings.isEmpty)
    }

    /// A row a scenario adds with an id the table has: the error is at the
    /// change in allot.yaml (line 7) and names where the id first is, in
    /// staff.csv (line 3, bob); "first on line 3" read as allot.yaml's line 3.
    @Test func anAddedIDTakenNamesTheTableItIsIn() throws {
        let dataset = try Self.tiny(
            scenarios: """
                scenarios:
                  - name: bob-again
                    changes:
                      - {op: add, table: staff, row: {id: bob, cost_per_hour: 90, skills: "swift:4"}}

                """)
        guard case .failure(let e) = dataset.applying(scenario: "bob-again") else {
            Issue.record("the scenario applies")
            return
        }
        #expect(e.diagnostics.map { "\($0.location.file):\($0.location.line)" } == ["allot.yaml:7"])
        #expect(e.diagnostics.first?.found.hasPrefix("the id \"bob\" again (first at staff.csv:3)") == true)
    }

    /// drop-hermes takes hermes' two demand lines with it: P2 disappears and
    /// alice's swift goes to apollo only (54 h).
    @Test func removeTakesReferringRows() throws {
        let dataset = try Self.tiny(scenarios: Self.scenarios)
        let portfolio = try dataset.applying(scenario: "drop-hermes").get().portfolio
        #expect(!portfolio.projects.contains { $0.id.rawValue == "hermes" })
        #expect(!portfolio.demand.contains { $0.project.rawValue == "hermes" })
        let plan = try Planner.plan(portfolio, options: Planner.Options(solver: GLPKSolver())).plan
        #expect(plan.coverage.map(\.priority) == [1, 3])
    }

    /// zeus-first: zeus becomes priority 1 beside apollo, and the manifest
    /// path set turns overtime to 25 %. Both land in the portfolio.
    @Test func setOnARowAndOnTheManifest() throws {
        let portfolio = try Self.tiny(scenarios: Self.scenarios).applying(scenario: "zeus-first").get().portfolio
        #expect(portfolio.projects.first { $0.id.rawValue == "zeus" }?.priority == 1)
        #expect(portfolio.settings.overtimeMaxPercent == 25)
        // The base is untouched: scenarios are pure functions of the dataset.
        let base = try Self.tiny(scenarios: Self.scenarios).validate().get()
        #expect(base.projects.first { $0.id.rawValue == "zeus" }?.priority == 3)
    }

    /// `value: null` empties a setting or a cell, so its default applies:
    /// zeus's budget of 1,000 goes, and the overtime limit of tiny's manifest
    /// falls back to the default (0%, none). `~` and an empty value do the same.
    @Test func setToNullRestoresTheDefault() throws {
        let dataset = try Self.tiny(
            scenarios: """
                scenarios:
                  - name: no-budget
                    changes:
                      - {op: set, table: projects, id: zeus, field: budget, value: null}
                      - {op: set, path: policies.overtime, value: ~}
                  - name: empty
                    changes:
                      - {op: set, table: projects, id: zeus, field: budget, value: }

                """)
        let portfolio = try dataset.applying(scenario: "no-budget").get().portfolio
        #expect(portfolio.projects.first { $0.id.rawValue == "zeus" }?.budget == nil)
        #expect(portfolio.settings.overtimeMaxPercent == 0)
        let empty = try dataset.applying(scenario: "empty").get().portfolio
        #expect(empty.projects.first { $0.id.rawValue == "zeus" }?.budget == nil)
    }

    /// Emptying a required setting is the change's doing: the error names
    /// the scenario and the change, at the change's line (tinyManifest's
    /// lines, then scenarios:, - name:, changes:, then the change), not only
    /// the scenario at the base manifest's `horizon:`.
    @Test func emptyingARequiredSettingNamesTheChange() throws {
        let errors = try Self.errors(of: "{op: set, path: horizon.end, value: ~}", named: "open-end")
        #expect(errors.count == 1)
        #expect(
            errors.first?.found == "no horizon.end (from scenario \"open-end\", change 1 (set))", "\(errors)")
        #expect(errors.first?.location.line == Self.tinyManifest.split(separator: "\n").count + 4)
    }

    /// A table-wide set of a required field to null breaks tiny's three
    /// projects the same way, at the same place: one error, not three.
    @Test func oneChangeBreakingEveryRowIsOneError() throws {
        let errors = try Self.errors(of: "{op: set, table: projects, field: priority, value: null}")
        #expect(errors.count == 1)
        #expect(errors.first?.found.hasPrefix("an empty priority") == true, "\(errors)")
    }

    /// A set change with path: and table:/field: did only the path, without
    /// a word; it is an error naming both.
    @Test func setWithPathAndTableIsRefused() throws {
        let errors = try Self.errors(
            of: "{op: set, path: policies.overtime.max_percent, table: staff, field: cost_per_hour, value: 20}",
            named: "both")
        #expect(errors.count == 1)
        #expect(
            errors.first?.found
                == "both path: and table:/field:/id: in one set change in scenario \"both\", change 1 (set)")
    }

    /// compare keeps each scenario as close to the base as its optimum
    /// allows: zeus-cut must take zeus from 20 h to 10 h (budget 1000 -> 500
    /// at bob's 50/h), so at least 10 hours move; the closest plan moves
    /// exactly those and nothing else. Staffed hours and cost are those of
    /// the scenario alone (P3 10, cost 9,900). The same with partial pricing
    /// from one column per cell and period: the closest-to-base stage then
    /// prices the other columns in, and must find the same closest plans.
    @Test(arguments: [Planner.Pricing.automatic, .partial])
    func compareMovesOnlyWhatTheScenarioForces(pricing: Planner.Pricing) throws {
        let dataset = try Self.tiny(scenarios: Self.scenarios)
        guard case .success(let prepared) = Comparison.prepare(dataset, names: ["zeus-cut", "hire-dave"]) else {
            Issue.record("scenarios do not apply")
            return
        }
        let comparison = try Comparison.run(
            base: prepared.base, scenarios: prepared.scenarios,
            options: Comparison.Options(
                planner: Planner.Options(
                    solver: GLPKSolver(), pricing: pricing,
                    partialPricing: PartialPricing.Options(cheapestPerPeriod: 1, batch: 1)),
                jobs: 2))
        let cut = comparison.scenarios[0]
        #expect(cut.name == "zeus-cut")
        #expect(close(cut.diff!.hoursMoved, 10))
        #expect(cut.diff!.changes.allSatisfy { $0.project == "zeus" && $0.staff == "bob" })
        #expect(close(cut.run.plan.staffed(3), 10))
        #expect(close(cut.run.plan.cost.total, 9900))
        #expect(cut.run.plan.stages.last?.name == "closest-to-base")
        // hire-dave: dave takes 72 swift hours; alice keeps 18 of her 72 and
        // hermes gains 18: |-54| (alice) + 72 (dave) = 126 hours move at least,
        // spread over apollo and hermes; qa, sql and zeus stay as they were.
        let hire = comparison.scenarios[1]
        #expect(close(hire.run.plan.cost.total, 11480))
        #expect(close(hire.diff!.hoursMoved, 126))
        #expect(hire.diff!.changes.allSatisfy { $0.skill == "swift" })
    }

    /// A scenario the base plan already solves: apollo gets a budget of
    /// 1,000,000 EUR, far above anything its 66 h can cost (alice at 100 EUR/h:
    /// at most 6,600), so every stage optimum is the base's and the base plan
    /// keeps every row. The closing stage takes the base plan itself, with no
    /// simplex iteration, at distance 0, and nothing moves. zeus-cut, which
    /// forces 10 h to move, still solves the closing LP.
    @Test(arguments: [Planner.Pricing.automatic, .partial])
    func aScenarioTheBasePlanSolvesMovesNothing(pricing: Planner.Pricing) throws {
        let dataset = try Self.tiny(
            scenarios: Self.scenarios + """
                  - name: apollo-budget
                    changes:
                      - {op: set, table: projects, id: apollo, field: budget, value: 1000000}

                """)
        guard case .success(let prepared) = Comparison.prepare(dataset, names: ["apollo-budget", "zeus-cut"]) else {
            Issue.record("scenarios do not apply")
            return
        }
        let comparison = try Comparison.run(
            base: prepared.base, scenarios: prepared.scenarios,
            options: Comparison.Options(planner: Planner.Options(solver: GLPKSolver(), pricing: pricing), jobs: 1))
        let same = comparison.scenarios[0]
        #expect(same.name == "apollo-budget")
        let closing = try #require(same.run.plan.stages.last)
        #expect(closing.name == "closest-to-base")
        #expect(closing.iterations == 0)
        #expect(closing.objective == 0)
        #expect(same.diff!.changes.isEmpty)
        #expect(close(same.run.plan.cost.total, 10400))
        let cut = comparison.scenarios[1]
        #expect(cut.run.plan.stages.last?.iterations ?? 0 > 0)
        #expect(close(cut.diff!.hoursMoved, 10))
    }

    /// The base plans beside the scenarios: when it fails, compare fails with
    /// the base's error, and no scenario waits for it forever (tiny's model
    /// has more hours columns than a limit of 1).
    @Test(arguments: [1, 3]) func aBaseThatFailsFailsTheComparison(jobs: Int) throws {
        let dataset = try Self.tiny(scenarios: Self.scenarios)
        guard case .success(let prepared) = Comparison.prepare(dataset, names: ["zeus-cut", "hire-dave"]) else {
            Issue.record("scenarios do not apply")
            return
        }
        var planner = Planner.Options(solver: GLPKSolver())
        planner.maxColumns = 1
        #expect(throws: ModelTooLargeError.self) {
            try Comparison.run(
                base: prepared.base, scenarios: prepared.scenarios,
                options: Comparison.Options(planner: planner, jobs: jobs))
        }
    }

    // MARK: - Invalid scenarios, reported at their line in allot.yaml

    /// tinyManifest has 3 lines and a blank one, so "scenarios:" is line 5 and
    /// the first scenario starts on line 6.
    static let broken = """
        scenarios:
          - name: bad-base
            base: nope
            changes: []
          - name: loop-a
            base: loop-b
          - name: loop-b
            base: loop-a
          - name: bad-id
            changes:
              - {op: set, table: projects, id: hermse, field: priority, value: 1}
          - name: bad-field
            changes:
              - {op: set, table: projects, id: zeus, field: colour, value: red}
          - name: bad-type
            changes:
              - {op: set, table: projects, id: zeus, field: priority, value: high}
          - name: bad-level
            changes:
              - {op: set, table: staff, id: bob, field: skills, value: "qa:9"}
          - name: bad-op
            changes:
              - {op: rename, table: staff}
          - name: bad-path
            changes:
              - {op: set, path: policies.overtime.maximum, value: 5}
          - name: no-op
            changes:
              - {op: set, table: projects, id: zeus, field: priority, value: 2}
              - {table: staff, id: bobby-no-op}

        """

    /// Where `token` first stands in the manifest text (1-based line and
    /// column), found by searching the text, independently of allot.
    static func at(_ token: String) -> String {
        let text = tinyManifest + broken
        for (i, line) in text.components(separatedBy: "\n").enumerated() {
            if let r = line.range(of: token) {
                return "allot.yaml:\(i + 1):\(line.distance(from: line.startIndex, to: r.lowerBound) + 1)"
            }
        }
        return "not found: \(token)"
    }

    static func problems(_ scenario: String) throws -> [Diagnostic] {
        switch try tiny(scenarios: broken).applying(scenario: scenario) {
        case .success: return []
        case .failure(let e): return e.errors
        }
    }

    @Test func unknownBase() throws {
        let p = try Self.problems("bad-base")
        #expect(p.map(\.location.description) == [Self.at("nope")])
        #expect(p.first?.found.contains("base \"nope\"") == true)
    }

    @Test func cycleOfBases() throws {
        let p = try Self.problems("loop-a")
        #expect(p.count == 1)
        #expect(p.first?.found.contains("a cycle of bases") == true)
    }

    @Test func unknownID() throws {
        let p = try Self.problems("bad-id")
        #expect(p.map(\.location.description) == [Self.at("hermse")])
        #expect(p.first?.expected.contains("did you mean \"hermes\"") == true)
        #expect(p.first?.found.contains("scenario \"bad-id\", change 1 (set)") == true)
    }

    @Test func unknownField() throws {
        let p = try Self.problems("bad-field")
        #expect(p.map(\.location.description) == [Self.at("colour")])
        #expect(p.first?.found.contains("unknown field \"colour\"") == true)
    }

    /// The wrong type is caught by validating the changed dataset, and the
    /// error points at the value in allot.yaml and names the change.
    @Test func wrongTypeInvalidatesTheDataset() throws {
        let p = try Self.problems("bad-type")
        #expect(p.map(\.location.description) == [Self.at("high")])
        #expect(p.first?.found.contains("priority \"high\"") == true)
        #expect(p.first?.found.contains("scenario \"bad-type\", change 1 (set)") == true)
    }

    @Test func changeThatMakesTheDatasetInvalid() throws {
        let p = try Self.problems("bad-level")
        #expect(p.count == 1)
        #expect(p.first?.location.description == Self.at("\"qa:9\""))
        #expect(p.first?.found.contains("skill level \"9\"") == true)
    }

    @Test func unknownOpAndPath() throws {
        #expect(try Self.problems("bad-op").first?.location.description == Self.at("rename"))
        let path = try Self.problems("bad-path")
        #expect(path.first?.location.description == Self.at("policies.overtime.maximum"))
        #expect(path.first?.found.contains("unknown \"maximum\"") == true)
    }

    /// A change without `op:` names its scenario and its place in the list,
    /// on the line of that change.
    @Test func changeWithoutOpNamesScenarioAndChange() throws {
        let p = try Self.problems("no-op")
        #expect(p.count == 1)
        #expect(p.first?.found == "scenario \"no-op\", change 2 without op:")
        let line = Self.at("bobby-no-op").split(separator: ":").prefix(2).joined(separator: ":")
        #expect(p.first?.location.description.hasPrefix(line + ":") == true, "\(p.first?.location.description ?? "")")
    }

    @Test func unknownScenarioName() throws {
        let p = try Self.tiny(scenarios: Self.scenarios).applying(scenario: "nobody")
        guard case .failure(let e) = p else { Issue.record("accepted an unknown scenario"); return }
        #expect(e.errors.first?.expected.contains("hire-dave") == true)
    }
}
