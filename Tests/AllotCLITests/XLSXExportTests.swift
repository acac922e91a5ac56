import Foundation
import Testing

/// `allot export PLAN_DIR --to xlsx`, read back by an independent reader:
/// openpyxl (which `make test` installs into .build/pyenv) in
/// Fixtures/xlsx_check.py checks every sheet, header, cell type, frozen
/// pane, filter, colour scale and total against the plan folder's own files
/// (summary.json, assignments.csv, conflicts.csv, plan.json).
@Suite(.serialized) struct XLSXExportTests {
    static let python = CLITests.root.appendingPathComponent(".build/pyenv/bin/python").path
    static let checker = CLITests.root.appendingPathComponent("Tests/AllotCLITests/Fixtures/xlsx_check.py").path

    /// openpyxl's answer on one workbook: its "TOTALS ..." line, after
    /// expecting "ok"; nil when openpyxl is missing (recorded as an issue).
    static func check(
        _ planDir: String, _ workbook: String, cost: Bool, sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> String? {
        guard FileManager.default.isExecutableFile(atPath: python) else {
            Issue.record("no openpyxl: run `make testdeps` (python3 -m venv .build/pyenv; pip install openpyxl)")
            return nil
        }
        let r = try CLITests.run(python, [checker, planDir, workbook] + (cost ? ["cost"] : []))
        #expect(
            r.status == 0 && r.stdout.hasSuffix("ok\n"), "\(workbook):\n\(r.stdout)\(r.stderr)",
            sourceLocation: sourceLocation)
        return r.stdout.split(separator: "\n").first { $0.hasPrefix("TOTALS ") }.map(String.init)
    }

    static func export(_ planDir: String, to path: String, cost: Bool) throws -> String {
        let r = try CLITests.run(
            CLITests.binary, ["export", planDir, "--to", "xlsx", "--out", path] + (cost ? ["--include-cost"] : []))
        #expect(r.status == 0, "export --to xlsx: \(r.stderr)")
        #expect(r.stdout.isEmpty, "nothing on stdout with --out")
        return path
    }

    /// tiny, checked by openpyxl, and its totals by hand (datasets/tiny/README.md):
    /// demanded 66 + 56 + 36 = 158 h, staffed 66 + 38 + 20 = 124 h
    /// (alice 54 + 18 = 72, bob 12 + 20 = 32, carol 20), unmet 0 + 18 + 16 = 34 h,
    /// cost 7200 + 1600 + 1000 + 600 = 10400 EUR, with --include-cost only.
    @Test func tinyReadsBackWithHandCheckedTotals() throws {
        let dir = try CLITests.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let planDir = try ExportTests.plan("datasets/tiny", into: dir)
        let plain = try Self.export(planDir, to: dir + "/tiny.xlsx", cost: false)
        let costed = try Self.export(planDir, to: dir + "/tiny-cost.xlsx", cost: true)
        guard let totals = try Self.check(planDir, plain, cost: false) else { return }
        #expect(totals == "TOTALS demanded=158 staffed=124 unmet=34 cost=none")
        #expect(try Self.check(planDir, costed, cost: true) == "TOTALS demanded=158 staffed=124 unmet=34 cost=10400")
        // Each reading is strict about costs: the costed workbook fails the check for a plain one.
        let strict = try CLITests.run(Self.python, [Self.checker, planDir, costed])
        #expect(strict.status != 0 && strict.stdout.contains("without --include-cost"), "\(strict.stdout)")
    }

    /// acme: 1,705 assignments, 95 conflicts, 40 people over 26 weeks,
    /// overtime; policies: the overtime and integer policies.
    @Test(arguments: ["datasets/acme", "datasets/policies"]) func samplesReadBack(dataset: String) throws {
        let dir = try CLITests.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let planDir = try ExportTests.plan(dataset, into: dir)
        _ = try Self.check(planDir, try Self.export(planDir, to: dir + "/plain.xlsx", cost: false), cost: false)
        _ = try Self.check(planDir, try Self.export(planDir, to: dir + "/cost.xlsx", cost: true), cost: true)
    }

    /// Names with quotes, commas, markup, non-ASCII letters and line breaks
    /// (Fixtures/awkward), plus names a spreadsheet would run as formulas
    /// (`=HYPERLINK(...)`, `+SUM(...)`) with a BEL and a tab: openpyxl finds
    /// every name as plan.json has it (line breaks and tabs as spaces, BEL
    /// dropped), stored as text, no cell a formula.
    @Test func awkwardAndFormulaLikeNamesStayText() throws {
        let dir = try CLITests.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let dataset = dir + "/hostile"
        try FileManager.default.copyItem(
            atPath: CLITests.root.appendingPathComponent(ExportTests.awkward).path, toPath: dataset)
        let staff = try String(contentsOfFile: dataset + "/staff.csv", encoding: .utf8).replacingOccurrences(
            of: "zoe,Zoë Łukasiewicz-Jürgens 日本",
            with: "zoe,\"=HYPERLINK(\"\"http://evil.example\"\",\"\"Zoë\"\")\u{7}\tTab\"")
        try staff.write(toFile: dataset + "/staff.csv", atomically: true, encoding: .utf8)
        let projects = try String(contentsOfFile: dataset + "/projects.csv", encoding: .utf8).replacingOccurrences(
            of: "rnd,\"R&D;", with: "rnd,\"+SUM(1;2) R&D;")
        try projects.write(toFile: dataset + "/projects.csv", atomically: true, encoding: .utf8)
        for (name, source) in [
            ("awkward", CLITests.root.appendingPathComponent(ExportTests.awkward).path), ("hostile", dataset),
        ] {
            try FileManager.default.createDirectory(atPath: "\(dir)/\(name)-plan", withIntermediateDirectories: true)
            let planDir = try ExportTests.plan(source, into: "\(dir)/\(name)-plan")
            let plan = try String(contentsOfFile: planDir + "/plan.json", encoding: .utf8)
            if name == "hostile" {
                #expect(plan.contains("=HYPERLINK(") && plan.contains("+SUM(1;2)"), "the names reached the plan")
            }
            _ = try Self.check(planDir, try Self.export(planDir, to: "\(dir)/\(name).xlsx", cost: true), cost: true)
        }
    }

    /// The same plan gives the same bytes: twice from one plan folder, once
    /// from a second plan of the same dataset, and through stdout (`--out -`).
    /// libxlsxwriter would date docProps/core.xml "now"; the workbook carries
    /// the first period's start instead.
    @Test func sameBytesEveryTime() throws {
        let dir = try CLITests.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let planDir = try ExportTests.plan("datasets/tiny", into: dir)
        try FileManager.default.createDirectory(atPath: dir + "/again", withIntermediateDirectories: true)
        let again = try ExportTests.plan("datasets/tiny", into: dir + "/again")
        let a = ExportTests.bytes(try Self.export(planDir, to: dir + "/a.xlsx", cost: true))
        let b = ExportTests.bytes(try Self.export(planDir, to: dir + "/b.xlsx", cost: true))
        let c = ExportTests.bytes(try Self.export(again, to: dir + "/c.xlsx", cost: true))
        #expect(a != nil && a == b && b == c)
        #expect(a?.prefix(2) == Data("PK".utf8), "an XLSX file is a zip file")
        let piped = try CLITests.run(
            "/bin/sh",
            [
                "-c", "\"$0\" export \"$1\" --to xlsx --include-cost --out - > \"$2\"", CLITests.binary, planDir,
                dir + "/d.xlsx",
            ])
        #expect(piped.status == 0, "\(piped.stderr)")
        #expect(ExportTests.bytes(dir + "/d.xlsx") == a, "--out - writes the same bytes to a pipe")
    }

    /// A plan written before plan.json had periods, absence and demand cannot
    /// fill the Heatmap, Projects and Free capacity sheets: exit 66, as for
    /// `allot report`, with the missing fields and how to fix it; no file is written.
    @Test func olderPlanIsRefused() throws {
        let dir = try CLITests.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let planDir = try ExportTests.plan("datasets/tiny", into: dir)
        let path = planDir + "/plan.json"
        let data = try #require(ExportTests.bytes(path))
        var json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        json["periods"] = nil
        json["demand"] = nil
        try JSONSerialization.data(withJSONObject: json).write(to: URL(fileURLWithPath: path))
        let r = try CLITests.allot("export", planDir, "--to", "xlsx", "--out", dir + "/old.xlsx")
        #expect(r.status == 66)
        #expect(r.stderr.contains("no periods, demand"), "\(r.stderr)")
        #expect(r.stderr.contains("write the plan again with `allot plan`"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/old.xlsx"))
    }
}
