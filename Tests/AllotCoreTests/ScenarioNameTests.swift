import Foundation
import Testing

@testable import AllotCore

/// Scenario names that broke compare (`base` overwrote the base plan,
/// `compare.csv` failed after a partial write) or that `validate` rejected and
/// compare and plan silently dropped: every path now reports the same error.
/// Also `set path:` with a mapping or list value.
@Suite struct ScenarioNameTests {
    static func dataset(_ scenarios: String) throws -> Dataset {
        try ScenarioTests.tiny(scenarios: "scenarios:\n" + scenarios)
    }

    /// The errors of each route a command takes to a scenario.
    static func routes(_ d: Dataset, _ name: String) -> [String: [Diagnostic]] {
        func errors<T>(_ r: Result<T, DatasetError>) -> [Diagnostic] {
            if case .failure(let e) = r { return e.errors }
            return []
        }
        return [
            "declaration": d.scenarios().problems.filter { $0.severity == .error },
            "applying": errors(d.applying(scenario: name)),
            "compare all": errors(Comparison.prepare(d, names: nil)),
            "compare named": errors(Comparison.prepare(d, names: [name])),
        ]
    }

    @Test(arguments: [
        "base", "Base", "compare.csv", "COMPARE.JSON", "..", "=1+1", "-x",
        String(repeating: "n", count: 65),
    ])
    func rejectedNameFailsEveryRoute(name: String) throws {
        let d = try Self.dataset("  - name: \"\(name)\"\n    changes: []\n")
        let routes = Self.routes(d, name)
        // tinyManifest is 3 lines ending in a newline, so "scenarios:" is line 4 and
        // the name stands on line 5 after `  - name: ` (10 characters).
        let expected = try #require(routes["declaration"]?.first)
        #expect(expected.location.description == "allot.yaml:5:11")
        #expect(expected.found.contains("the scenario name"))
        for (route, errors) in routes {
            #expect(errors.contains(expected), "\(route): \(errors)")
        }
    }

    /// Two names that differ only in case share a folder on macOS: whichever a
    /// command names, it fails like validate.
    @Test func namesDifferingInCase() throws {
        let d = try Self.dataset("  - name: cut\n    changes: []\n  - name: Cut\n    changes: []\n")
        for name in ["cut", "Cut"] {
            let routes = Self.routes(d, name)
            let expected = try #require(routes["declaration"]?.first)
            #expect(expected.location.description == "allot.yaml:7:11")  // the second name
            #expect(expected.found.contains("first on line 5 as \"cut\""))
            for (route, errors) in routes { #expect(errors.contains(expected), "\(name), \(route)") }
        }
    }

    /// A name given twice does not hide the problems of the changes: applying
    /// `cut` reports its unknown project as well as the duplicate (the
    /// change's `id:` value stands on line 6 at column 49).
    @Test func aNameGivenTwiceHidesNoChangeProblem() throws {
        let d = try Self.dataset(
            "  - name: cut\n    changes: [{op: remove, table: projects, id: nope}]\n  - name: Cut\n    changes: []\n")
        guard case .failure(let error) = d.applying(scenario: "cut") else {
            Issue.record("cut applied")
            return
        }
        #expect(error.errors.map(\.location.description) == ["allot.yaml:6:49", "allot.yaml:7:11"], "\(error.errors)")
        #expect(error.errors[0].found.contains("the id \"nope\""))
    }

    /// A scenario without a name cannot be named, but comparing all fails on it.
    @Test func namelessScenarioFailsCompareAll() throws {
        let d = try Self.dataset("  - description: no name\n    changes: []\n  - name: fine\n    changes: []\n")
        guard case .failure(let e) = Comparison.prepare(d, names: nil) else {
            Issue.record("compare left the nameless scenario out")
            return
        }
        #expect(e.errors.map(\.location.description) == ["allot.yaml:5:5"])  // the mapping after `  - `
        #expect(try d.applying(scenario: "fine").get().portfolio.staff.count == 3)
    }

    /// `set` with a mapping value replaces the node (docs/scenarios.md). tiny's manifest has
    /// overtime {max_percent: 0, premium: 1.5}.
    @Test func setPathWithAMapping() throws {
        let d = try Self.dataset(
            """
              - name: overtime
                changes:
                  - {op: set, path: policies.overtime, value: {max_percent: 10, premium: 2}}

            """)
        let settings = try d.applying(scenario: "overtime").get().portfolio.settings
        #expect(settings.overtimeMaxPercent == 10)
        #expect(settings.overtimePremium == 2)
    }

    /// A list where a mapping belongs is an error of the dataset it makes,
    /// naming the change; a mapping as a table cell is refused outright.
    @Test func setWithTheWrongShape() throws {
        let d = try Self.dataset(
            """
              - name: list
                changes:
                  - {op: set, path: policies.overtime, value: [10, 2]}
              - name: cell
                changes:
                  - {op: set, table: projects, id: zeus, field: budget, value: {amount: 5}}

            """)
        let list = Self.routes(d, "list")["applying"] ?? []
        #expect(list.count == 1)
        #expect(list.first?.found.contains("policies.overtime a list") == true)
        #expect(list.first?.found.contains("scenario \"list\", change 1 (set)") == true)
        let cell = Self.routes(d, "cell")["applying"] ?? []
        #expect(cell.count == 1)
        #expect(cell.first?.expected.contains("a mapping or a list may only be set on the manifest") == true)
    }
}
