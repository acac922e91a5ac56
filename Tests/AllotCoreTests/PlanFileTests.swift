import CLP
import Foundation
import GLPK
import Testing

@testable import AllotCore

/// plan.json through `PlanFile`: written and read by the same Codable types.
/// A plan of datasets/tiny read back gives the hours worked out by hand in
/// datasets/tiny/README.md; a plan.json with a field removed or of the wrong
/// type is rejected with a message naming the field, never read as 0.
@Suite struct PlanFileTests {
    /// datasets/tiny planned in process, and its folder written to a temporary directory.
    static func tinyPlanFolder() throws -> (plan: Plan, folder: String) {
        let dataset = try Dataset.load(from: packageRoot.appendingPathComponent("datasets/tiny").path)
        var plan = try Planner.plan(try dataset.validate().get(), options: Planner.Options(solver: GLPKSolver())).plan
        plan.source = PlanSource(dataset: "datasets/tiny", scenario: nil, fingerprint: "fnv1a64:0000000000000000")
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("allot-planfile-\(UUID().uuidString)").path
        try plan.write(to: folder)
        return (plan, folder)
    }

    static func bytes(_ path: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else { throw CocoaError(.fileNoSuchFile) }
        return Array(data)
    }

    // MARK: - Round trip

    /// README, "Final stage": alice 24 + 30 h on apollo swift and 8 + 10 h on
    /// hermes swift (W01 + W02), bob 12 h apollo qa in W01 and 20 h zeus qa
    /// (split between the weeks not unique), carol 20 h hermes sql in W01.
    /// Rates 100, 50, 80 EUR/h: costs 5400, 1800, 600, 1000, 1600.
    @Test func tinyPlanReadsBackAsComputedByHand() throws {
        let (_, folder) = try Self.tinyPlanFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let document = try PlanDocument.read(from: folder)

        #expect(document.name == "Tiny hand-checked example")
        #expect(document.currency == "EUR")
        #expect(document.objective == "lexicographic")
        #expect(Set(document.people.keys) == [Staff.ID("alice"), Staff.ID("bob"), Staff.ID("carol")])
        #expect(document.person(Staff.ID("alice")).costPerHour == 100)
        #expect(document.person(Staff.ID("bob")).costPerHour == 50)
        #expect(document.person(Staff.ID("carol")).costPerHour == 80)
        #expect(document.project(Project.ID("zeus")).priority == 3)

        func hours(_ staff: String, _ project: String, _ period: String? = nil) -> Double {
            document.rows.filter { r in
                r.staff == Staff.ID(staff) && r.project == Project.ID(project)
                    && (period == nil || r.period.rawValue == period)
            }.reduce(0) { $0 + $1.hours }
        }
        #expect(close(hours("alice", "apollo", "2027-W01"), 24))
        #expect(close(hours("alice", "apollo", "2027-W02"), 30))
        #expect(close(hours("alice", "hermes", "2027-W01"), 8))
        #expect(close(hours("alice", "hermes", "2027-W02"), 10))
        #expect(close(hours("bob", "apollo", "2027-W01"), 12))
        #expect(close(hours("bob", "apollo", "2027-W02"), 0))
        #expect(close(hours("bob", "zeus"), 20))
        #expect(close(hours("carol", "hermes", "2027-W01"), 20))
        #expect(close(hours("carol", "hermes", "2027-W02"), 0))
        // 54 + 18 + 12 + 20 + 20 = 124 staffed hours, 10400 EUR.
        #expect(close(document.rows.reduce(0) { $0 + $1.hours }, 124))
        #expect(close(document.rows.reduce(0) { $0 + $1.cost }, 10400))
        for r in document.rows {
            let rate = document.person(r.staff).costPerHour
            #expect(close(r.cost, r.hours * rate), "\(r.staff) \(r.project) \(r.period)")
            // W01 is 2027-01-04..01-10, W02 2027-01-11..01-17.
            let expected = r.period.rawValue == "2027-W01" ? ("2027-01-04", "2027-01-10") : ("2027-01-11", "2027-01-17")
            #expect((r.start.description, r.end.description) == expected)
        }
        // Stage optima: P1 66, P2 38, P3 20, cost 10400.
        #expect(document.stageOptima.map(\.name) == ["priority-1", "priority-2", "priority-3", "cost", "shaping"])
        for (stage, expected) in zip(document.stageOptima, [66.0, 38, 20, 10400]) {
            #expect(close(stage.objective ?? -1, expected), "\(stage.name)")
        }
        #expect(
            document.source
                == PlanSource(
                    dataset: "datasets/tiny", scenario: nil,
                    fingerprint: "fnv1a64:0000000000000000"))
    }

    /// The summary read back: demanded 66 / 56 / 36, staffed 66 / 38 / 20,
    /// unmet 0 / 18 / 16; 3 unmet-demand conflicts (hermes swift W01 and W02,
    /// zeus qa); zeus spends its 1000 EUR budget in full.
    @Test func tinySummaryReadsBackAsComputedByHand() throws {
        let (_, folder) = try Self.tinyPlanFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let summary = try JSONValueDecoder().decode(
            PlanFile.Summary.self,
            from: ParsedJSON.parse(try Self.bytes(folder + "/summary.json")))
        #expect(summary.priorities.map(\.priority) == [1, 2, 3])
        #expect(summary.priorities.map(\.demanded) == [66, 56, 36])
        #expect(summary.priorities.map(\.staffed) == [66, 38, 20])
        #expect(summary.priorities.map(\.unmet) == [0, 18, 16])
        // 38 / 56 = 67.857% and 20 / 36 = 55.556%, written with one decimal.
        #expect(summary.priorities.map(\.coveragePercent) == [100, 67.9, 55.6])
        #expect(summary.totals == PlanFile.Totals(demanded: 158, staffed: 124, unmet: 34, assignments: 7, conflicts: 3))
        #expect(summary.cost.total == 10400)
        #expect(
            summary.conflictsByKind.counts
                == [.unmetDemand: 3, .lockedCommitment: 0, .budgetOverrun: 0])
        #expect(summary.budgets.first { $0.project == Project.ID("zeus") }?.exhausted == true)
        #expect(summary.budgets.first { $0.project == Project.ID("zeus") }?.spent == 1000)
    }

    /// Reading plan.json and writing it again gives the same bytes: the
    /// schema mirrors the file key for key, decimal for decimal.
    @Test func planFileWritesBackTheBytesItRead() throws {
        let (_, folder) = try Self.tinyPlanFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for name in ["plan.json", "summary.json"] {
            let bytes = try Self.bytes(folder + "/" + name)
            let document = try ParsedJSON.parse(bytes)
            let again: JSON =
                name == "plan.json"
                ? try JSONValueEncoder().encode(try JSONValueDecoder().decode(PlanFile.self, from: document))
                : try JSONValueEncoder().encode(try JSONValueDecoder().decode(PlanFile.Summary.self, from: document))
            #expect(Array(again.rendered().utf8) == bytes, "\(name)")
        }
    }

    /// `Plan.write` renders each top-level field once, on two threads, and
    /// assembles both JSON files from them: the bytes are those of the whole
    /// values rendered in one piece, and summary.json is plan.json's first fields.
    @Test func filesAssembledFromFieldsAreTheWholeValuesRendered() throws {
        let (plan, folder) = try Self.tinyPlanFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(try Self.bytes(folder + "/plan.json") == Array(plan.planJSON().rendered().utf8))
        #expect(try Self.bytes(folder + "/summary.json") == Array(plan.summaryJSON().rendered().utf8))
        guard case .object(let planFields) = plan.planJSON(), case .object(let summaryFields) = plan.summaryJSON()
        else { Issue.record("not objects"); return }
        #expect(planFields.prefix(summaryFields.count).map(\.0) == summaryFields.map(\.0))
        #expect(planFields.count == summaryFields.count + 10)  // staff ... demand (PlanFile.CodingKeys)
    }

    // MARK: - Rejected files

    /// One change to the tiny plan's plan.json and the start of the message
    /// that must reject it (after "plan.json:LINE:COLUMN: ").
    struct Case: Sendable, CustomTestStringConvertible {
        var path: [JSONStep]
        /// nil removes the key.
        var value: JSON?
        var message: String
        var testDescription: String { message }
    }

    static let cases: [Case] = [
        Case(
            path: [.key("assignments"), .index(3), .key("hours")], value: nil,
            message: "assignments[3]: missing field hours (a number)"),
        Case(
            path: [.key("assignments"), .index(3), .key("hours")], value: .string("12"),
            message: "assignments[3].hours: expected a number, found \"12\""),
        Case(
            path: [.key("assignments"), .index(3), .key("hours")], value: .null,
            message: "assignments[3].hours: expected a number, found null"),
        Case(
            path: [.key("staff"), .index(1), .key("id")], value: nil,
            message: "staff[1]: missing field id (a staff id)"),
        Case(
            path: [.key("staff"), .index(1), .key("id")], value: .int(7),
            message: "staff[1].id: expected a string, found 7"),
        Case(
            path: [.key("staff"), .index(1), .key("id")], value: .string(""),
            message: "staff[1].id: expected a staff id"),
        Case(
            path: [.key("assignments"), .index(0), .key("period_start")], value: nil,
            message: "assignments[0]: missing field period_start (a date YYYY-MM-DD)"),
        Case(
            path: [.key("assignments"), .index(0), .key("period_start")], value: .string("2027-02-30"),
            message: "assignments[0].period_start: expected a date YYYY-MM-DD, found \"2027-02-30\""),
        Case(
            path: [.key("assignments"), .index(0), .key("period_start")], value: .string("2027-01-11"),
            message: "assignments[0].period_start: 2027-01-11 is not in the period 2027-W01"),
        Case(
            path: [.key("staff"), .index(0), .key("cost_per_hour")], value: nil,
            message: "staff[0]: missing field cost_per_hour (a number)"),
        Case(
            path: [.key("staff"), .index(0), .key("cost_per_hour")], value: .string("100"),
            message: "staff[0].cost_per_hour: expected a number, found \"100\""),
        // A row without its ids is rejected, not skipped.
        Case(
            path: [.key("assignments"), .index(2), .key("staff_id")], value: nil,
            message: "assignments[2]: missing field staff_id (a staff id)"),
        Case(
            path: [.key("projects"), .index(0), .key("id")], value: nil,
            message: "projects[0]: missing field id (a project id)"),
        Case(
            path: [.key("assignments"), .index(1), .key("project_id")], value: .string("nope"),
            message: "assignments[1].project_id: nope is not in the plan's projects"),
        Case(
            path: [.key("assignments"), .index(1), .key("period")], value: .string("2027-W54"),
            message: "assignments[1].period: expected a period name"),
        // Hand edits no plan has: negative hours, more locked hours than hours.
        Case(
            path: [.key("assignments"), .index(0), .key("hours")], value: .number(-5, decimals: 0),
            message: "assignments[0].hours: -5 hours, expected 0 or more"),
        Case(
            path: [.key("assignments"), .index(0), .key("locked_hours")], value: .number(1e4, decimals: 0),
            message: "assignments[0].locked_hours: 10000 locked hours, expected 0 to its hours"),
        // Optional values are written as null, never left out.
        Case(path: [.key("name")], value: nil, message: "missing field name (a string)"),
        Case(
            path: [.key("staff"), .index(2), .key("email")], value: nil,
            message: "staff[2]: missing field email (a string)"),
        Case(
            path: [.key("totals"), .key("assignments")], value: .number(7.5, decimals: 1),
            message: "totals.assignments: expected an integer, found 7.5"),
        Case(
            path: [.key("conflicts"), .index(0), .key("kind")], value: .string("late"),
            message: "conflicts[0].kind: expected one of unmet-demand, locked-commitment, budget-overrun"),
        Case(
            path: [.key("conflicts_by_kind"), .key("budget-overrun")], value: nil,
            message: "conflicts_by_kind: missing field budget-overrun (an integer)"),
        Case(path: [.key("status")], value: .bool(true), message: "status: expected a string, found true"),
        Case(
            path: [.key("stage_optima")], value: .object([]),
            message: "stage_optima: expected an array, found an object"),
        // A plan written by v1 (no shape, overtime or paid-capacity figures).
        Case(
            path: [.key("schema_version")], value: .int(1),
            message: "schema_version: this allot reads plans of schema version 2, found 1"),
    ]

    @Test(arguments: cases) func rejected(_ c: Case) throws {
        let (_, folder) = try Self.tinyPlanFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let original = try Self.bytes(folder + "/plan.json")
        let changed = try toJSON(ParsedJSON.parse(original)).replacing(c.path[...], with: c.value).rendered()
        do throws(PlanDocument.ReadError) {
            let document = try PlanDocument.read(Array(changed.utf8), path: "plan.json")
            Issue.record("read \(document.rows.count) rows; expected: \(c.message)")
        } catch {
            #expect(error.description.hasPrefix("plan.json:"), "\(error)")
            #expect(error.description.contains(": " + c.message), "\(error)")
            #expect(error.line != nil && error.column != nil, "\(error)")
        }
    }

    /// The line and column point at the value found, counted here from the text.
    @Test func errorsSayLineAndColumn() throws {
        let (_, folder) = try Self.tinyPlanFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let original = try Self.bytes(folder + "/plan.json")
        let changed = try toJSON(ParsedJSON.parse(original))
            .replacing([.key("assignments"), .index(4), .key("hours")], with: .string("twelve")).rendered()
        // The only "twelve" in the file: its line, and the column of its opening quote.
        let lines = changed.split(separator: "\n", omittingEmptySubsequences: false)
        let line = try #require(lines.firstIndex { $0.contains("\"twelve\"") }) + 1
        let found = try #require(lines[line - 1].range(of: "\"twelve\""))
        let column = found.lowerBound.utf16Offset(in: lines[line - 1]) + 1
        do throws(PlanDocument.ReadError) {
            _ = try PlanDocument.read(Array(changed.utf8), path: "p/plan.json")
            Issue.record("read hours given as \"twelve\"")
        } catch {
            #expect(error.line == line && error.column == column, "\(error)")
            #expect(error.field == "assignments[4].hours")
            let start = "p/plan.json:\(line):\(column): assignments[4].hours: expected a number"
            #expect(error.description.hasPrefix(start), "\(error)")
        }
    }

    @Test func invalidJSONSaysWhere() {
        // Line 3, column 10: the second key lacks its colon, and a quote follows.
        let text = "{\n  \"schema_version\": 1,\n  \"name\" \"x\"\n}\n"
        do throws(PlanDocument.ReadError) {
            _ = try PlanDocument.read(Array(text.utf8), path: "plan.json")
            Issue.record("read a document without a colon")
        } catch {
            #expect(error.line == 3 && error.column == 10, "\(error)")
            #expect(error.reason.hasPrefix("not valid JSON: expected ':' after a key, found '\"'"), "\(error)")
        }
    }

    @Test func aMissingFolderSaysSo() {
        #expect(throws: PlanDocument.ReadError.self) { try PlanDocument.read(from: "/nonexistent/allot-plan") }
    }

    /// plan.json and summary.json name the engine that solved the plan, with
    /// its version, as the first key of `solver`: `--engine` changes the
    /// iterations and may change which of the equally good plans is written,
    /// so a file must say which engine wrote it. datasets/tiny by each engine.
    @Test func theEngineIsNamed() throws {
        let dataset = try Dataset.load(from: packageRoot.appendingPathComponent("datasets/tiny").path)
        let portfolio = try dataset.validate().get()
        var written: [String] = []
        for solver in [GLPKSolver() as any LinearSolver, CLPSolver()] {
            let plan = try Planner.plan(portfolio, options: Planner.Options(solver: solver)).plan
            let folder = FileManager.default.temporaryDirectory
                .appendingPathComponent("allot-engine-\(UUID().uuidString)").path
            defer { try? FileManager.default.removeItem(atPath: folder) }
            try plan.write(to: folder)
            for name in ["plan.json", "summary.json"] {
                let text = String(decoding: try Self.bytes(folder + "/" + name), as: UTF8.self)
                let value = try toJSON(ParsedJSON.parse(Array(text.utf8)))
                guard case .object(let top) = value, let solverField = top.first(where: { $0.0 == "solver" }),
                    case .object(let fields) = solverField.1, let first = fields.first,
                    case .string(let engine) = first.1
                else {
                    Issue.record("\(name): no solver object whose first field is a string")
                    continue
                }
                #expect(first.0 == "engine", "\(name)")
                written.append(engine)
            }
        }
        // GLPK's plan, twice (plan.json, summary.json), then CLP's: GLPK's
        // version from glp_version(), CLP's from the library, which hands
        // integer problems to GLPK.
        #expect(written.count == 4, "\(written)")
        #expect(written.prefix(2).allSatisfy { $0 == "GLPK \(SolverThread.version)" }, "\(written)")
        #expect(
            written.suffix(2).allSatisfy {
                $0.hasPrefix("CLP 1.") && $0.hasSuffix("(GLPK \(SolverThread.version) for integer problems)")
            }, "\(written)")
    }

    /// Keys left out when nil (source, a stage's gap and seconds, weights)
    /// read back as nil; the same keys present read back as written.
    @Test func omittedKeysReadAsNil() throws {
        let (_, folder) = try Self.tinyPlanFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let original = try toJSON(ParsedJSON.parse(Self.bytes(folder + "/plan.json")))
        let withoutSource = original.replacing([.key("source")], with: nil).rendered()
        let document = try PlanDocument.read(Array(withoutSource.utf8), path: "plan.json")
        #expect(document.source == nil)
        let file = try JSONValueDecoder().decode(PlanFile.self, from: ParsedJSON.parse(Array(withoutSource.utf8)))
        #expect(file.summary.solver.stages.allSatisfy { $0.gap == nil && $0.seconds == nil })
        #expect(file.summary.solver.weights == nil && file.summary.solver.solveSeconds == nil)
        #expect(!withoutSource.contains("\"source\""))
        // A plan.json written before solver.engine existed reads, without it.
        let withoutEngine = original.replacing([.key("solver"), .key("engine")], with: nil).rendered()
        #expect(!withoutEngine.contains("\"engine\""))
        let older = try JSONValueDecoder().decode(PlanFile.self, from: ParsedJSON.parse(Array(withoutEngine.utf8)))
        #expect(older.summary.solver.engine == nil)
        #expect(Array(try JSONValueEncoder().encode(file).rendered().utf8) == Array(withoutSource.utf8))
    }
}

/// A step of a path into a JSON document.
enum JSONStep: Sendable {
    case key(String)
    case index(Int)
}

/// A parsed document as a `JSON` value again (numbers at 9 decimals, integers exact).
func toJSON(_ p: ParsedJSON) -> JSON {
    switch p.value {
    case .null: return .null
    case .bool(let b): return .bool(b)
    case .number(let d, let i): return i.map { .int($0) } ?? .number(d, decimals: 9)
    case .string(let s): return .string(s)
    case .array(let items): return .array(items.map(toJSON))
    case .object(let fields): return .object(fields.map { ($0.key, toJSON($0.value)) })
    }
}

extension JSON {
    /// The value with the one at `path` replaced, or its key removed when `new` is nil.
    func replacing(_ path: ArraySlice<JSONStep>, with new: JSON?) -> JSON {
        guard let step = path.first else { return new ?? .null }
        switch (self, step) {
        case (.object(let fields), .key(let key)):
            if path.count == 1, new == nil { return .object(fields.filter { $0.0 != key }) }
            return .object(fields.map { $0.0 == key ? ($0.0, $0.1.replacing(path.dropFirst(), with: new)) : $0 })
        case (.array(var items), .index(let i)):
            items[i] = items[i].replacing(path.dropFirst(), with: new)
            return .array(items)
        default:
            preconditionFailure("no \(step) in \(self.rendered(pretty: false).prefix(60))")
        }
    }
}

/// plan.json names its dataset one way however the path was typed.
@Suite struct PlanSourceTests {
    @Test func theDatasetPathIsWrittenOneWay() {
        // base, ./base, base/ and ./base// gave four different plan.json files.
        for typed in ["base", "./base", "base/", "./base//"] {
            #expect(PlanSource(dataset: typed, scenario: nil, fingerprint: "f").dataset == "base")
        }
        #expect(PlanSource(dataset: ".", scenario: nil, fingerprint: "f").dataset == ".")
        #expect(PlanSource(dataset: "./", scenario: nil, fingerprint: "f").dataset == ".")
        #expect(PlanSource(dataset: "/data//acme/./", scenario: nil, fingerprint: "f").dataset == "/data/acme")
        #expect(PlanSource(dataset: "../acme", scenario: nil, fingerprint: "f").dataset == "../acme")
    }
}
