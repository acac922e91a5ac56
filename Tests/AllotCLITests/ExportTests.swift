import Foundation
import Testing

/// `allot export PLAN_DIR --to FORMAT`: every format read back by an
/// independent reader (Python's csv, json and xml.etree modules and a
/// hand-written RFC 5545 checker: Fixtures/export_check.py), which compares it
/// with assignments.csv and the dataset's own staff.csv / projects.csv, summed
/// by hand in Python. Plus golden files for datasets/tiny, awkward names
/// (Fixtures/awkward), exit codes and the acme plan.
@Suite(.serialized) struct ExportTests {
    static let formats = ["jsonl", "jira-csv", "asana-csv", "mspdi", "ical", "lp", "mps"]
    static let awkward = "Tests/AllotCLITests/Fixtures/awkward"
    static let checker = CLITests.root.appendingPathComponent("Tests/AllotCLITests/Fixtures/export_check.py").path
    static let golden = CLITests.root.appendingPathComponent("Tests/AllotCLITests/Golden/tiny").path

    /// `allot plan DATASET --out DIR/plan`; returns the plan folder.
    static func plan(_ dataset: String, into dir: String) throws -> String {
        let planDir = dir + "/plan"
        let r = try CLITests.allot("plan", dataset, "--out", planDir)
        #expect(r.status == 0, "plan \(dataset): \(r.stderr)")
        return planDir
    }

    /// These tests read rates and costs too (the golden files and the
    /// independent reader check them), so they ask for them from every format
    /// that has them (asana-csv has none, and refuses the option); without
    /// --include-cost none is written (`costsOnlyWhenAsked`).
    static func export(_ planDir: String, _ format: String, _ options: [String] = []) throws -> CLITests.Outcome {
        let cost = format == "asana-csv" ? [] : ["--include-cost"]
        return try CLITests.run(CLITests.binary, ["export", planDir, "--to", format] + cost + options)
    }

    /// Exports are shared more widely than plans: by default no rate or cost
    /// reaches jsonl, jira-csv, mspdi or ical. tiny's rates are 100, 80, 60
    /// EUR/h: none of "cost", "EUR" or "StandardRate" appears.
    @Test func costsOnlyWhenAsked() throws {
        let dir = try CLITests.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let planDir = try Self.plan("datasets/tiny", into: dir)
        for format in ["jsonl", "jira-csv", "mspdi"] {
            let plain = try CLITests.run(CLITests.binary, ["export", planDir, "--to", format])
            #expect(plain.status == 0)
            for word in ["cost", "EUR", "StandardRate"] { #expect(!plain.stdout.contains(word), "\(format): \(word)") }
            let asked = try Self.export(planDir, format)
            #expect(asked.stdout.contains(format == "mspdi" ? "StandardRate" : "cost"), "\(format) --include-cost")
        }
        let ics = try CLITests.run(CLITests.binary, ["export", planDir, "--to", "ical", "--person", "alice"])
        #expect(ics.status == 0 && !ics.stdout.contains("cost") && !ics.stdout.contains("EUR"))
    }

    /// lp, mps and mathprog write every person's hourly rate (tiny's are 100,
    /// 50 and 80 EUR/h: the objective's coefficients, `param rate`), so they
    /// are a usage error (64) without --include-cost, which the message asks
    /// for, and nothing is written; with it they are written.
    @Test func solverFormatsNeedIncludeCost() throws {
        let dir = try CLITests.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let planDir = try Self.plan("datasets/tiny", into: dir)
        for format in ["lp", "mps", "mathprog"] {
            let out = "\(dir)/plain.\(format)"
            let plain = try CLITests.run(CLITests.binary, ["export", planDir, "--to", format, "--out", out])
            #expect(plain.status == 64, "\(format): \(plain.status) \(plain.stderr)")
            #expect(
                plain.stderr.contains("--to \(format) writes every person's hourly rate")
                    && plain.stderr.contains("add --include-cost"), "\(plain.stderr)")
            #expect(!FileManager.default.fileExists(atPath: out), "\(format): nothing is written")
            let asked = try Self.exportFile(planDir, format, to: "\(dir)/asked.\(format)")
            #expect(Self.bytes(asked)?.isEmpty == false, "\(format) --include-cost")
        }
    }

    /// An option the format does not read was ignored (`--to jsonl --person
    /// alice` exported everyone, exit 0); now it is a usage error (64) naming
    /// the formats that read it, and nothing is written. Which formats read
    /// what, from each exporter's code: granularity jira-csv; assignee
    /// jira-csv and asana-csv; person ical; dataset lp, mps and mathprog;
    /// include-cost every format but asana-csv (whose description has no cost).
    @Test(arguments: [
        (["--to", "jsonl", "--person", "alice"], "--person is read only by --to ical, not by --to jsonl"),
        (
            ["--to", "asana-csv", "--granularity", "period"],
            "--granularity is read only by --to jira-csv, not by --to asana-csv"
        ),
        (
            ["--to", "asana-csv", "--include-cost"],
            "--include-cost is read only by --to jsonl, jira-csv, mspdi, ical, lp, mps, mathprog and xlsx, "
                + "not by --to asana-csv"
        ),
        (
            ["--to", "mspdi", "--assignee", "email"],
            "--assignee is read only by --to jira-csv and asana-csv, not by --to mspdi"
        ),
        (
            ["--to", "ical", "--dataset", "datasets/tiny"],
            "--dataset is read only by --to lp, mps and mathprog, not by --to ical"
        ),
    ])
    func optionsTheFormatDoesNotReadAreUsageErrors(arguments: [String], message: String) throws {
        let dir = try CLITests.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let planDir = try Self.plan("datasets/tiny", into: dir)
        let r = try CLITests.run(CLITests.binary, ["export", planDir] + arguments + ["--out", dir + "/out"])
        #expect(r.status == 64, "\(arguments): \(r.status) \(r.stderr)")
        #expect(r.stderr.hasPrefix("error: \(message): leave it out\n"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/out"), "nothing is written")
    }

    /// Exports to `--out file` (a folder for ical without --person), checks the
    /// exit status, and returns the path.
    @discardableResult
    static func exportFile(
        _ planDir: String, _ format: String, _ options: [String] = [], to path: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> String {
        let r = try export(planDir, format, options + ["--out", path])
        #expect(r.status == 0, "export --to \(format) \(options): \(r.stderr)", sourceLocation: sourceLocation)
        return path
    }

    /// Runs the independent reader on one export; it prints every problem it finds.
    static func check(
        _ format: String, dataset: String, plan: String, output: String, _ options: [String] = [],
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let r = try CLITests.run("/usr/bin/env", ["python3", checker, format, dataset, plan, output] + options)
        #expect(
            r.status == 0, "\(dataset) \(format) \(options):\n\(r.stdout)\(r.stderr)", sourceLocation: sourceLocation)
    }

    static func bytes(_ path: String) -> Data? { FileManager.default.contents(atPath: path) }

    /// Every file of a folder, by name.
    static func folder(_ path: String) -> [String: Data] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        return Dictionary(uniqueKeysWithValues: names.map { ($0, bytes(path + "/" + $0) ?? Data()) })
    }

    /// The LP row names of `capacity[staff,period]` for the first assignment:
    /// a person with an assignment in a period has a capacity row there.
    /// CPLEX LP (GLPK's writer) spells it with `(`, `)` and `~` for `-`.
    static func capacityRow(_ planDir: String) throws -> (lp: String, mps: String) {
        let csv = try String(contentsOfFile: planDir + "/assignments.csv", encoding: .utf8)
        let first = csv.split(separator: "\n")[1].split(separator: ",", omittingEmptySubsequences: false)
        let name = "\(first[0]),\(first[3])"
        return ("capacity(\(name.replacingOccurrences(of: "-", with: "~")))", "capacity[\(name)]")
    }

    /// Exports every format of one plan and runs the reader on each.
    static func checkEveryFormat(dataset: String, planDir: String, dir: String, emailOptions: [String] = []) throws {
        let rows = try capacityRow(planDir)
        for format in formats {
            let options = ["jira-csv", "asana-csv"].contains(format) ? emailOptions : []
            let checkOptions = options == ["--assignee", "id"] ? ["assignee=id"] : []
            let out = try exportFile(planDir, format, options, to: "\(dir)/export.\(format)")
            switch format {
            case "lp": try check(format, dataset: dataset, plan: planDir, output: out, ["rows=\(rows.lp)"])
            case "mps": try check(format, dataset: dataset, plan: planDir, output: out, ["rows=\(rows.mps)"])
            default: try check(format, dataset: dataset, plan: planDir, output: out, checkOptions)
            }
        }
    }

    // MARK: - datasets/tiny

    @Test func tinyEveryFormatParsesAndMatchesAssignments() throws {
        let dir = try CLITests.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let planDir = try Self.plan("datasets/tiny", into: dir)
        try Self.checkEveryFormat(dataset: "datasets/tiny", planDir: planDir, dir: dir)

        // Other shapes: per-period Jira rows, staff ids as assignees, one person's calendar.
        let period = try Self.exportFile(planDir, "jira-csv", ["--granularity", "period"], to: dir + "/period.csv")
        try Self.check("jira-csv", dataset: "datasets/tiny", plan: planDir, output: period, ["granularity=period"])
        let ids = try Self.exportFile(planDir, "jira-csv", ["--assignee", "id"], to: dir + "/ids.csv")
        try Self.check("jira-csv", dataset: "datasets/tiny", plan: planDir, output: ids, ["assignee=id"])
        let asanaIds = try Self.exportFile(planDir, "asana-csv", ["--assignee", "id"], to: dir + "/asana-ids.csv")
        try Self.check("asana-csv", dataset: "datasets/tiny", plan: planDir, output: asanaIds, ["assignee=id"])
        for person in ["alice", "bob", "carol"] {
            let ics = try Self.exportFile(planDir, "ical", ["--person", person], to: "\(dir)/\(person).ics")
            try Self.check("ical", dataset: "datasets/tiny", plan: planDir, output: ics, ["person=\(person)"])
        }

        // --out defaults to stdout (every format but ical without --person), same bytes as --out FILE.
        for format in Self.formats where format != "ical" {
            let r = try Self.export(planDir, format)
            #expect(r.status == 0, "\(format): \(r.stderr)")
            #expect(
                Data(r.stdout.utf8) == Self.bytes("\(dir)/export.\(format)"),
                "\(format): stdout differs from --out FILE")
        }
        let stdoutIcs = try Self.export(planDir, "ical", ["--person", "alice"])
        #expect(stdoutIcs.status == 0)
        #expect(
            Data(stdoutIcs.stdout.utf8) == Self.bytes(dir + "/alice.ics"),
            "ical --person: stdout differs from --out FILE")
        let dash = try Self.export(planDir, "jsonl", ["--out", "-"])
        #expect(dash.status == 0 && Data(dash.stdout.utf8) == Self.bytes(dir + "/export.jsonl"), "--out - is stdout")

        // ical without --person: one <staff_id>.ics per person, in ./calendars by default.
        let cwd = dir + "/cwd"
        try FileManager.default.createDirectory(atPath: cwd, withIntermediateDirectories: true)
        let r = try CLITests.run(
            "/bin/sh",
            [
                "-c", "cd \"$0\" && exec \"$@\"", cwd, CLITests.binary, "export", planDir, "--to", "ical",
                "--include-cost",
            ])
        #expect(r.status == 0, "\(r.stderr)")
        let defaults = Self.folder(cwd + "/calendars")
        #expect(Set(defaults.keys).isSuperset(of: ["alice.ics", "bob.ics", "carol.ics"]), "\(defaults.keys.sorted())")
        #expect(defaults == Self.folder(dir + "/export.ical"), "./calendars differs from --out DIR")
        #expect(
            defaults["alice.ics"] == Self.bytes(dir + "/alice.ics"),
            "the folder's alice.ics differs from --person alice")
    }

    /// Goldens, generated once by the command and then checked by hand against
    /// datasets/tiny/README.md (`ALLOT_RECORD_GOLDEN=1 swift test --filter
    /// ExportTests` rewrites them; check them again by hand before committing).
    /// Verified by hand in the goldens:
    /// - the plan is README's optimum: 7 rows; alice apollo swift 24 h (W01) + 30 h
    ///   (W02), hermes swift 8 h + 10 h (her 72 h, 7200 EUR); bob apollo qa 12 h in
    ///   W01 (600 EUR) and zeus qa 20 h (1000 EUR = zeus's budget; here all in W02,
    ///   README's example has 4/16, "anything from 0/20 to 4/16" is optimal);
    ///   carol hermes sql 20 h in W01 (1600 EUR). Per project apollo 66 h, hermes
    ///   38 h, zeus 20 h (= P1/P2/P3 staffed 66/38/20); costs sum to 10400 EUR.
    /// - assignments.jsonl: those 7 rows in assignments.csv order, names and emails
    ///   from staff.csv, project names from projects.csv, locked_hours 0 (tiny has
    ///   no commitments), ISO period bounds (W01 01-04..01-10, W02 01-11..01-17).
    /// - jira.csv: 5 (person, project) rows; Original Estimate 194400 = 54 h,
    ///   64800 = 18 h, 43200 = 12 h, 72000 = 20 h (bob zeus), 72000 = 20 h (carol);
    ///   Start/Due = first period start / last period end (alice 01-04..01-17,
    ///   bob apollo and carol W01 01-04..01-10, bob zeus W02 01-11..01-17).
    /// - asana.csv: the same 5 rows and dates as MM/DD/YYYY, Section = project name.
    /// - plan.xml: Task Work apollo PT66H, hermes PT38H, zeus PT20H; StandardRate
    ///   100/50/80 as in staff.csv; each Assignment's Work = the sum of its
    ///   TimephasedData (alice apollo 24 + 30 = 54 h, alice hermes 8 + 10 = 18 h).
    /// - alice.ics: 4 VEVENTs (apollo 24 h, 30 h; hermes 8 h, 10 h), DTSTART the
    ///   period's Monday, DTEND the next Monday (period end + 1 day, exclusive),
    ///   CRLF, folded DESCRIPTION lines of at most 75 octets.
    @Test func tinyGoldenFilesAndDeterminism() throws {
        let dir = try CLITests.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let planDir = try Self.plan("datasets/tiny", into: dir)
        let record = ProcessInfo.processInfo.environment["ALLOT_RECORD_GOLDEN"] == "1"
        let goldens: [(file: String, format: String, options: [String])] = [
            ("assignments.jsonl", "jsonl", []),
            ("jira.csv", "jira-csv", []),
            ("asana.csv", "asana-csv", []),
            ("plan.xml", "mspdi", []),
            ("alice.ics", "ical", ["--person", "alice"]),
        ]
        for golden in goldens {
            let a = try Self.exportFile(planDir, golden.format, golden.options, to: "\(dir)/a-\(golden.file)")
            let b = try Self.exportFile(planDir, golden.format, golden.options, to: "\(dir)/b-\(golden.file)")
            #expect(Self.bytes(a) != nil && Self.bytes(a) == Self.bytes(b), "\(golden.file): two runs differ")
            let path = "\(Self.golden)/\(golden.file)"
            if record || !FileManager.default.fileExists(atPath: path) {
                try FileManager.default.createDirectory(atPath: Self.golden, withIntermediateDirectories: true)
                try Self.bytes(a)?.write(to: URL(fileURLWithPath: path))
                Issue.record("recorded \(path): check it by hand against datasets/tiny/README.md")
                continue
            }
            #expect(
                Self.bytes(a) == Self.bytes(path), "\(golden.file) differs from the golden file (diff \(a) \(path))")
        }
        // A second plan of the same dataset exports the same bytes (plan and export are deterministic).
        try FileManager.default.createDirectory(atPath: dir + "/again", withIntermediateDirectories: true)
        let again = try Self.plan("datasets/tiny", into: dir + "/again")
        for format in ["mspdi", "lp", "mps"] {
            let a = try Self.exportFile(planDir, format, to: "\(dir)/first.\(format)")
            let b = try Self.exportFile(again, format, to: "\(dir)/second.\(format)")
            #expect(Self.bytes(a) != nil && Self.bytes(a) == Self.bytes(b), "\(format): differs between two plans")
        }
        let calendars = [
            try Self.exportFile(planDir, "ical", to: dir + "/cal1"),
            try Self.exportFile(again, "ical", to: dir + "/cal2"),
        ]
        #expect(
            !Self.folder(calendars[0]).isEmpty && Self.folder(calendars[0]) == Self.folder(calendars[1]),
            "ical: UIDs and DTSTAMP must be stable")
    }

    /// lp and mps are the final-stage problem: glpsol (default options, so
    /// with its presolver) re-solves each to the plan's total cost. GLPK's LP
    /// writer drops the objective constant; the export gives it in a comment.
    /// The MPS export read by a second solver: HiGHS (highspy, which
    /// `make test` installs into .build/pyenv) reaches the plan's total cost
    /// on acme, constant included (an objective-row RHS would have been read
    /// with the opposite sign: 3,362,681 instead of 3,925,665 in v1).
    @Test func highsReadsTheMPSExportAsThePlan() throws {
        guard let python = HiGHSRouteTests.python() else { return }
        let dir = try CLITests.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let planDir = try Self.plan("datasets/acme", into: dir)
        let mps = try Self.exportFile(planDir, "mps", to: dir + "/acme.mps")
        let script = """
            import sys, highspy
            h = highspy.Highs(); h.setOptionValue("output_flag", False)
            h.readModel(sys.argv[1]); h.run()
            print("RESULT", h.modelStatusToString(h.getModelStatus()), repr(h.getInfo().objective_function_value))
            """
        let r = try CLITests.run(python, ["-c", script, mps])
        let summary =
            try JSONSerialization.jsonObject(with: Self.bytes(planDir + "/summary.json") ?? Data()) as? [String: Any]
        let cost = ((summary?["cost"] as? [String: Any])?["total"] as? NSNumber)?.doubleValue ?? .nan
        // HiGHS prints its banner first; the result is the line allot's script prints.
        let line = r.stdout.split(separator: "\n").last { $0.hasPrefix("RESULT ") } ?? ""
        let words = line.split(separator: " ")
        #expect(words.count == 3 && words[1] == "Optimal", "\(r.stdout)\(r.stderr)")
        let objective = words.last.flatMap { Double($0.trimmingCharacters(in: .whitespacesAndNewlines)) } ?? .nan
        #expect(abs(objective - cost) < 0.01 + 1e-7 * cost, "HiGHS \(objective), plan \(cost)")
    }

    @Test(
        arguments: [("datasets/tiny", nil), ("datasets/acme", nil), ("datasets/acme", "budget-cut")]
            as [(String, String?)])
    func solverTextsResolveToThePlansCost(dataset: String, scenario: String?) throws {
        guard
            let glpsol = ["/usr/bin/glpsol", "/usr/local/bin/glpsol"].first(where: FileManager.default.isExecutableFile)
        else {
            Issue.record("glpsol is not installed (apt-get install glpk-utils; make test does it)")
            return
        }
        let dir = try CLITests.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let planDir = dir + "/plan"
        let r = try CLITests.run(
            CLITests.binary, ["plan", dataset, "--out", planDir] + (scenario.map { ["--scenario", $0] } ?? []))
        #expect(r.status == 0, "\(r.stderr)")
        let summary =
            try JSONSerialization.jsonObject(with: Self.bytes(planDir + "/summary.json") ?? Data()) as? [String: Any]
        let cost = ((summary?["cost"] as? [String: Any])?["total"] as? NSNumber)?.doubleValue ?? .nan
        for (format, flag) in [("lp", "--lp"), ("mps", "--freemps")] {
            let file = try Self.exportFile(planDir, format, to: "\(dir)/final.\(format)")
            let g = try CLITests.run(glpsol, [flag, file, "-o", "\(dir)/\(format).txt"])
            #expect(
                g.status == 0 && g.stdout.contains("OPTIMAL LP SOLUTION FOUND"),
                "\(dataset) \(scenario ?? "base") \(format): glpsol says \(g.stdout.split(separator: "\n").filter { $0.contains("SOLUTION") }.joined(separator: " / "))"
            )
            // "Objective:  obj = 10400 (MINimum)": the constant is a fixed column, in both formats.
            let solution = (try? String(contentsOfFile: "\(dir)/\(format).txt", encoding: .utf8)) ?? ""
            let objective =
                solution.split(separator: "\n").first { $0.hasPrefix("Objective:") }
                .flatMap { $0.split(separator: "=").last?.split(separator: " ").first }.flatMap { Double($0) } ?? .nan
            #expect(
                abs(objective - cost) < 0.01 + 1e-7 * cost,
                "\(dataset) \(scenario ?? "base") \(format): glpsol \(objective), plan \(cost)")
        }
    }

    /// mathprog is the data `plan --write-mathprog-data` writes, rebuilt from
    /// the dataset (and scenario) without solving; glpsol's stages on it end
    /// at the plan's cost (tiny: 10,400 EUR, README's hand computation).
    @Test(arguments: [("datasets/tiny", nil), ("datasets/acme", "budget-cut")] as [(String, String?)])
    func mathprogIsThePlansInstance(dataset: String, scenario: String?) throws {
        let dir = try CLITests.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let planDir = dir + "/plan"
        let r = try CLITests.run(
            CLITests.binary,
            ["plan", dataset, "--out", planDir, "--write-mathprog-data", dir + "/written.dat"]
                + (scenario.map { ["--scenario", $0] } ?? []))
        #expect(r.status == 0, "\(r.stderr)")
        let exported = try Self.exportFile(planDir, "mathprog", to: dir + "/exported.dat")
        #expect(
            Self.bytes(exported) != nil && Self.bytes(exported) == Self.bytes(dir + "/written.dat"),
            "\(dataset): export differs from --write-mathprog-data")
        guard scenario == nil else { return }
        let stages = try CLITests.run(
            "/bin/bash", [CLITests.root.appendingPathComponent("models/solve-stages.sh").path, exported])
        // Each stage is held to 1e-8 relative, so the cost may end a hair below.
        let cost =
            stages.stdout.split(separator: "\n").first { $0.hasPrefix("COST ") }.flatMap { Double($0.dropFirst(5)) }
            ?? .nan
        #expect(abs(cost - 10_400) < 0.01, "\(stages.stdout)\(stages.stderr)")
    }

    // MARK: - awkward names

    @Test func awkwardNamesSurviveEveryFormat() throws {
        let dir = try CLITests.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let planDir = try Self.plan(Self.awkward, into: dir)
        // ada has no email: jira-csv and asana-csv need --assignee id.
        try Self.checkEveryFormat(
            dataset: Self.awkward, planDir: planDir, dir: dir, emailOptions: ["--assignee", "id"])

        // Direct spot checks of the exact names (beside the Python reader's).
        let jsonl = try String(contentsOfFile: dir + "/export.jsonl", encoding: .utf8)
        let objects = jsonl.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
        let names = Set(objects.compactMap { $0["staff_name"] as? String })
        #expect(
            names == [
                "O'Brien, \"Mac\" Seán", "Ada\nLine-Break", "Zoë Łukasiewicz-Jürgens 日本", "Back\\Slash; Semi; <b>&amp;",
            ])
        #expect(objects.contains { $0["staff_id"] as? String == "ada" && $0["email"] is NSNull }, "ada's email is null")
        #expect(
            Set(objects.compactMap { $0["project_name"] as? String }) == [
                "R&D; <core>, \"phase 1\" & more",
                "Überlange Migration der Abrechnungsplattform – Phase zwei: 請求システム移行 (very long project name)",
            ])
        // The long project name forces folding in zoe's calendar (RFC 5545 §3.1).
        let zoe = Self.bytes(dir + "/export.ical/zoe.ics") ?? Data()
        #expect(zoe.range(of: Data("\r\n ".utf8)) != nil, "zoe.ics has no folded line")
        for person in ["obrien", "ada", "zoe", "back.slash"] {
            let ics = try Self.exportFile(planDir, "ical", ["--person", person], to: "\(dir)/\(person).ics")
            try Self.check("ical", dataset: Self.awkward, plan: planDir, output: ics, ["person=\(person)"])
        }
        let period = try Self.exportFile(
            planDir, "jira-csv", ["--assignee", "id", "--granularity", "period"], to: dir + "/period.csv")
        try Self.check(
            "jira-csv", dataset: Self.awkward, plan: planDir, output: period, ["assignee=id", "granularity=period"])

        // Formats that need emails refuse with 65 and name the person without one.
        for format in ["jira-csv", "asana-csv"] {
            for options in [[], ["--assignee", "email"], ["--out", dir + "/refused.csv"]] {
                let r = try Self.export(planDir, format, options)
                #expect(r.status == 65, "\(format) \(options): \(r.status) \(r.stderr)")
                #expect(r.stderr.contains("ada"), "\(format): stderr must name ada: \(r.stderr)")
                #expect(
                    !r.stderr.contains("obrien") && !r.stderr.contains("zoe"),
                    "\(format): only ada lacks an email: \(r.stderr)")
            }
        }
    }

    /// Two people without an email: stderr lists both.
    @Test func everyPersonWithoutAnEmailIsListed() throws {
        let dir = try CLITests.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let dataset = dir + "/dataset"
        try FileManager.default.copyItem(
            atPath: CLITests.root.appendingPathComponent(Self.awkward).path, toPath: dataset)
        let staff = try String(contentsOfFile: dataset + "/staff.csv", encoding: .utf8)
        try staff.replacingOccurrences(of: ",zoe@awkward.example,", with: ",,").write(
            toFile: dataset + "/staff.csv", atomically: true, encoding: .utf8)
        let planDir = try Self.plan(dataset, into: dir)
        for format in ["jira-csv", "asana-csv"] {
            let r = try Self.export(planDir, format)
            #expect(r.status == 65)
            #expect(r.stderr.contains("ada") && r.stderr.contains("zoe"), "\(format): \(r.stderr)")
        }
        // mspdi, jsonl and ical do not need emails.
        for format in ["jsonl", "mspdi"] { #expect(try Self.export(planDir, format).status == 0, "\(format)") }
    }

    // MARK: - exit codes

    @Test func exportExitCodes() throws {
        let dir = try CLITests.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // 66: no such folder; a folder without plan.json.
        #expect(try Self.export(dir + "/nope", "jsonl").status == 66)
        #expect(try Self.export(dir, "jsonl").status == 66)
        let planDir = try Self.plan("datasets/tiny", into: dir)
        // 64: usage.
        #expect(try Self.export(planDir, "docx").status == 64, "unknown format")
        #expect(try CLITests.allot("export", planDir).status == 64, "--to is required")
        #expect(try CLITests.allot("export").status == 64, "PLAN_DIR is required")
        #expect(try Self.export(planDir, "jira-csv", ["--granularity", "day"]).status == 64, "unknown granularity")
        #expect(try Self.export(planDir, "jira-csv", ["--assignee", "name"]).status == 64, "unknown assignee kind")
        // 73: cannot write (the parent of --out is a file).
        _ = FileManager.default.createFile(atPath: dir + "/file", contents: Data())
        #expect(try Self.export(planDir, "jsonl", ["--out", dir + "/file/x.jsonl"]).status == 73)
        #expect(try Self.export(planDir, "ical", ["--out", dir + "/file/calendars"]).status == 73)
        // help has examples, like every other command.
        let help = try CLITests.allot("export", "--help")
        #expect(help.status == 0 && help.stdout.contains("Examples:"))
    }

    /// A calendar folder is replaced as a whole, so it may hold only calendars
    /// allot wrote, known by their first lines (allot's PRODID), not by the
    /// name ending in .ics: someone's holidays.ics (or a hidden .birthdays.ics)
    /// is refused with 73 and left as it was; allot's own calendars are
    /// replaced, an old one of a person the plan no longer has included.
    @Test func foreignCalendarsInTheFolderAreNotReplaced() throws {
        let dir = try CLITests.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let planDir = try Self.plan("datasets/tiny", into: dir)
        let theirs = Data("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//me//EN\r\nEND:VCALENDAR\r\n".utf8)
        for name in ["holidays.ics", ".birthdays.ics"] {
            let folder = "\(dir)/mine-\(name)"
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try theirs.write(to: URL(fileURLWithPath: "\(folder)/\(name)"))
            let r = try Self.export(planDir, "ical", ["--out", folder])
            #expect(r.status == 73, "\(name): \(r.status) \(r.stderr)")
            #expect(r.stderr.contains("holds files allot did not write (\(name))"), "\(r.stderr)")
            #expect(Self.folder(folder) == [name: theirs], "\(name) must stay, alone and unchanged")
        }

        // allot's own calendars: written, then replaced by a second export. dave.ics, a
        // calendar allot wrote for someone tiny does not have (alice's, renamed), goes.
        let calendars = try Self.exportFile(planDir, "ical", to: dir + "/calendars")
        let first = Self.folder(calendars)
        #expect(Set(first.keys) == ["alice.ics", "bob.ics", "carol.ics"])
        try FileManager.default.copyItem(atPath: calendars + "/alice.ics", toPath: calendars + "/dave.ics")
        try Self.exportFile(planDir, "ical", to: calendars)
        #expect(Self.folder(calendars) == first, "allot's own calendars are replaced as a whole")
    }

    /// Ids with `-` in them keep their calendar events apart. Levels and
    /// capacity leave one plan: only ann has x-dev and dev at level 4, and her
    /// 30 h are exactly web x-dev 10 + web-x dev 12 + x-web dev 8, so ann-x
    /// (dev 2) takes web dev 6. Joined with `-` as they are, ann's web/x-dev
    /// and web-x/dev events shared a UID, and so did ann on x-web and ann-x
    /// on web (both dev).
    @Test func calendarUIDsOfIDsWithDashesDiffer() throws {
        let dir = try CLITests.folder(holding: [
            "allot.yaml": "horizon: {start: 2027-01-04, end: 2027-01-10, period: week}\n",
            "staff.csv": "id,cost_per_hour,hours_per_week,skills\nann,50,30,x-dev:3;dev:5\nann-x,60,40,dev:2\n",
            "projects.csv": "id,priority\nweb,1\nweb-x,1\nx-web,1\n",
            "demand.csv":
                "project_id,skill,hours_per_week,min_level\nweb,x-dev,10,1\nweb-x,dev,12,4\nx-web,dev,8,4\n"
                + "web,dev,6,1\n",
        ])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let planDir = try Self.plan(dir, into: dir)
        let calendars = try Self.exportFile(planDir, "ical", to: dir + "/calendars")
        var uids: [String] = []
        for (_, text) in Self.folder(calendars) {
            uids += String(decoding: text, as: UTF8.self).split(separator: "\r\n").filter { $0.hasPrefix("UID:") }
                .map { String($0.dropFirst(4)) }
        }
        #expect(
            uids.sorted() == [
                "allot-ann%2Dx-web-dev-2027-W01@allot.invalid", "allot-ann-web%2Dx-dev-2027-W01@allot.invalid",
                "allot-ann-web-x%2Ddev-2027-W01@allot.invalid", "allot-ann-x%2Dweb-dev-2027-W01@allot.invalid",
            ])
    }

    /// A valid dataset may hold U+FFFE and U+FFFF (noncharacters) in a name;
    /// XML 1.0 forbids them, so MS Project XML and the workbook's
    /// sharedStrings.xml were malformed. Python's XML parser reads both now,
    /// and the names lose exactly what no export keeps: DEL (U+007F), the C1
    /// control U+009B, U+FFFF, U+FFFE and ESC (U+001B); the line separator
    /// U+2028 and the zero-width space U+200B are text and stay.
    @Test func namesWithXMLForbiddenCharactersGiveWellFormedXML() throws {
        let dir = try CLITests.folder(holding: [
            "allot.yaml": "horizon: {start: 2027-01-04, end: 2027-01-10, period: week}\n",
            "staff.csv": "id,name,cost_per_hour,skills\n"
                + "a,\"A\u{7F}DEL\u{9B}C1\u{2028}LS\u{FFFF}NC\u{FFFE}NC2\u{200B}ZW\",50,dev:3\n",
            "projects.csv": "id,name,priority\nweb,\"\u{1B}[31mRed\u{FFFE}\",1\n",
            "demand.csv": "project_id,skill,hours_per_week\nweb,dev,10\n",
        ])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let planDir = try Self.plan(dir, into: dir)
        let xml = try Self.exportFile(planDir, "mspdi", to: dir + "/plan.xml")
        let workbook = dir + "/plan.xlsx"
        let x = try CLITests.run(CLITests.binary, ["export", planDir, "--to", "xlsx", "--out", workbook])
        #expect(x.status == 0, "\(x.stderr)")
        // Every XML part parsed (a forbidden character is a parse error); the names as JSON.
        let script = """
            import json, sys, zipfile, xml.etree.ElementTree as ET
            ns = "{http://schemas.microsoft.com/project}"
            root = ET.parse(sys.argv[1]).getroot()
            names = [r.find(ns + "Name").text for r in root.iter(ns + "Resource")]
            names += [t.find(ns + "Name").text for t in root.iter(ns + "Task")]
            z = zipfile.ZipFile(sys.argv[2])
            parts = {n: ET.fromstring(z.read(n)) for n in z.namelist() if n.endswith(".xml")}
            t = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}t"
            strings = [e.text for e in parts["xl/sharedStrings.xml"].iter(t)]
            print(json.dumps({"mspdi": names, "xlsx": strings}))
            """
        let r = try CLITests.run("/usr/bin/env", ["python3", "-c", script, xml, workbook])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        let parsed = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: [String]]
        let person = "ADELC1\u{2028}LSNCNC2\u{200B}ZW", project = "[31mRed"
        #expect(parsed?["mspdi"] == [person, project], "\(r.stdout)")
        let strings = Set(parsed?["xlsx"] ?? [])
        #expect(strings.isSuperset(of: [person, project]), "\(r.stdout)")
    }

    /// plan.json keeps the dataset path as given to `allot plan`; a relative
    /// one is relative to where that ran. From another folder, lp/mps/mathprog
    /// find the dataset in the nearest folder holding the plan folder
    /// (checked by fingerprint), so the export is the same bytes as from where
    /// the plan was made; a dataset that moved is missing (66), naming
    /// --dataset DIR, which then works.
    @Test func relativeDatasetPathsResolveFromThePlanFolder() throws {
        let dir = try CLITests.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.copyItem(
            atPath: CLITests.root.appendingPathComponent("datasets/tiny").path, toPath: dir + "/ds")
        func allot(in folder: String, _ arguments: [String]) throws -> CLITests.Outcome {
            try CLITests.run("/bin/sh", ["-c", "cd \"$0\" && exec \"$@\"", folder, CLITests.binary] + arguments)
        }
        // `allot plan ds --out plans/p` in dir; `allot plan . --out plan` in dir/ds.
        #expect(try allot(in: dir, ["plan", "ds", "--out", "plans/p"]).status == 0)
        #expect(try allot(in: dir + "/ds", ["plan", ".", "--out", "plan"]).status == 0)
        let here = try allot(in: dir, ["export", "plans/p", "--to", "mathprog", "--include-cost"])
        #expect(here.status == 0 && !here.stdout.isEmpty, "\(here.stderr)")
        // This test runs in the repository, which has neither ds nor allot.yaml.
        for plan in [dir + "/plans/p", dir + "/ds/plan"] {
            for format in ["mathprog", "lp"] {
                let r = try Self.export(plan, format)
                #expect(r.status == 0, "\(plan) \(format): \(r.stderr)")
                if format == "mathprog" { #expect(r.stdout == here.stdout, "\(plan): another instance") }
            }
        }
        try FileManager.default.moveItem(atPath: dir + "/ds", toPath: dir + "/moved")
        let missing = try Self.export(dir + "/plans/p", "mathprog")
        #expect(missing.status == 66, "\(missing.status) \(missing.stderr)")
        #expect(
            missing.stderr.contains("relative to the folder `allot plan` ran in")
                && missing.stderr.contains("--dataset DIR"), "\(missing.stderr)")
        let given = try Self.export(dir + "/plans/p", "mathprog", ["--dataset", dir + "/moved"])
        #expect(given.status == 0 && given.stdout == here.stdout, "\(given.stderr)")
    }

    // MARK: - acme (the issue's "done when")

    @Test func acmeEveryFormatIsProducedAndParses() throws {
        let dir = try CLITests.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let planDir = try Self.plan("datasets/acme", into: dir)
        try Self.checkEveryFormat(dataset: "datasets/acme", planDir: planDir, dir: dir)
        let period = try Self.exportFile(planDir, "jira-csv", ["--granularity", "period"], to: dir + "/period.csv")
        try Self.check("jira-csv", dataset: "datasets/acme", plan: planDir, output: period, ["granularity=period"])
    }
}
