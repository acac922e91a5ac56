import Foundation
import Testing

/// What users and scripts do to a command line: full disks, closed streams, negative numbers, empty names,
/// a folder where a file is expected. Each gets a one-line answer and a documented exit code, never a crash.
@Suite(.serialized) struct HostileInputTests {
    /// Runs allot through sh, so the redirections (`>/dev/full`, `>&-`) are the shell's.
    static func shell(_ script: String) throws -> CLITests.Outcome {
        try CLITests.run("/bin/sh", ["-c", script, CLITests.binary])
    }

    /// objective weighted with 9 priorities (more than its weights keep
    /// apart) exits 65 with one line at the `objective:` value (line 2,
    /// `objective: ` is 11 characters, so column 12), for validate, plan and
    /// compare (validate used to call the dataset valid); `--objective
    /// weighted` names the option; lexicographic plans the same dataset.
    @Test func weightedWithTooManyPrioritiesExits65() throws {
        let dir = try CLITests.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let files = [
            "allot.yaml": "horizon: {start: 2027-01-04, end: 2027-01-10, period: week}\nobjective: weighted\n",
            "staff.csv": "id,cost_per_hour,skills\nalice,100,swift:3\n",
            "projects.csv": "id,priority\n" + (1...9).map { "p\($0),\($0)\n" }.joined(),
            "demand.csv": "project_id,skill,hours_per_week\n" + (1...9).map { "p\($0),swift,10\n" }.joined(),
        ]
        for (name, text) in files { try text.write(toFile: dir + "/" + name, atomically: true, encoding: .utf8) }
        let line =
            "allot.yaml:2:12: error: found objective weighted with 9 priorities in the demand, expected at most 8 "
            + "priorities for weighted"
        for command in ["plan", "compare"] {
            let r = try CLITests.allot(command, dir, "--out", dir + "/out-" + command)
            #expect(r.status == 65, "\(command)")
            #expect(r.stderr.hasPrefix(dir + "/" + line), "\(command): \(r.stderr)")
        }
        let validate = try CLITests.allot("validate", dir)
        #expect(validate.status == 65)
        #expect(validate.stdout.hasPrefix(dir + "/" + line), "\(validate.stdout)")
        #expect(try CLITests.allot("plan", dir, "--objective", "lexicographic", "--out", dir + "/lex").status == 0)
        try "horizon: {start: 2027-01-04, end: 2027-01-10, period: week}\n".write(
            toFile: dir + "/allot.yaml", atomically: true, encoding: .utf8)
        #expect(try CLITests.allot("validate", dir).status == 0)
        let option = try CLITests.allot("plan", dir, "--objective", "weighted", "--out", dir + "/w")
        #expect(option.status == 65)
        #expect(option.stderr.hasPrefix("error: --objective weighted: the demand has 9 priorities"), "\(option.stderr)")
        // Weighted with 8 priorities plans; a scenario adding p9 at priority 9
        // refuses, at the base's objective: line (2), naming the scenario.
        try
            (files["allot.yaml"]! + "scenarios:\n  - name: ninth\n    changes:\n"
            + "      - {op: add, table: projects, row: {id: p9, priority: 9}}\n"
            + "      - {op: add, table: demand, row: {project_id: p9, skill: swift, hours_per_week: 10}}\n").write(
                toFile: dir + "/allot.yaml", atomically: true, encoding: .utf8)
        try ("id,priority\n" + (1...8).map { "p\($0),\($0)\n" }.joined()).write(
            toFile: dir + "/projects.csv", atomically: true, encoding: .utf8)
        try ("project_id,skill,hours_per_week\n" + (1...8).map { "p\($0),swift,10\n" }.joined()).write(
            toFile: dir + "/demand.csv", atomically: true, encoding: .utf8)
        #expect(try CLITests.allot("plan", dir, "--out", dir + "/eight").status == 0)
        let ninth = try CLITests.allot("plan", dir, "--scenario", "ninth", "--out", dir + "/ninth")
        #expect(ninth.status == 65)
        #expect(
            ninth.stderr.hasPrefix(
                dir + "/allot.yaml:2:12: error: found objective weighted with 9 priorities in the demand "
                    + "(with scenario \"ninth\")"), "\(ninth.stderr)")
        let scenarioValidate = try CLITests.allot("validate", dir)
        #expect(scenarioValidate.status == 65)
        #expect(scenarioValidate.stdout.contains("(with scenario \"ninth\")"), "\(scenarioValidate.stdout)")
    }

    /// A name with an escape sequence (`\e]0;PWNED\a` would retitle the
    /// terminal) reaches the terminal without its control characters.
    @Test func controlCharactersInANameNeverReachTheTerminal() throws {
        let dir = try CLITests.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let tiny = CLITests.root.appendingPathComponent("datasets/tiny").path
        for file in try FileManager.default.contentsOfDirectory(atPath: tiny) where file.hasSuffix(".csv") {
            try FileManager.default.copyItem(atPath: tiny + "/" + file, toPath: dir + "/" + file)
        }
        let manifest = try String(contentsOfFile: tiny + "/allot.yaml", encoding: .utf8)
            .split(separator: "\n").filter { !$0.hasPrefix("name:") }.joined(separator: "\n")
        try ("name: \"\\e]0;PWNED\\a evil\"\n" + manifest).write(
            toFile: dir + "/allot.yaml", atomically: true, encoding: .utf8)
        let r = try CLITests.allot("plan", dir, "--out", dir + "/p")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.hasPrefix("]0;PWNED evil"))
        #expect(!r.stdout.unicodeScalars.contains { $0 == "\u{1B}" || $0 == "\u{07}" })
        // The solver exports' header comments drop them too (an ESC or a line
        // break made the LP and MPS files unreadable to glpsol), and a colour
        // code in an argument reaches a pipe as "?[31m".
        try ("name: \"Tab\\there ESC\\e[31m two\\nlines *\\\\ end\"\n" + manifest).write(
            toFile: dir + "/allot.yaml", atomically: true, encoding: .utf8)
        #expect(try CLITests.allot("plan", dir, "--out", dir + "/p").status == 0)
        for format in ["lp", "mps", "mathprog"] {
            let export = try CLITests.allot("export", dir + "/p", "--to", format, "--include-cost")
            #expect(export.status == 0, "\(format): \(export.stderr)")
            let header = export.stdout.split(separator: "\n").prefix(3).joined(separator: "\n")
            #expect(header.contains("Tab here ESC[31m two lines"), "\(format): \(header)")
            #expect(!export.stdout.unicodeScalars.contains { $0 == "\u{1B}" || $0 == "\t" }, "\(format)")
        }
        let lp = try CLITests.allot("export", dir + "/p", "--to", "lp", "--include-cost", "--out", dir + "/p.lp")
        #expect(lp.status == 0)
        let glpsol = try CLITests.run("/usr/bin/glpsol", ["--lp", dir + "/p.lp", "-o", dir + "/p.sol"])
        #expect(glpsol.status == 0 && glpsol.stdout.contains("OPTIMAL"), "\(glpsol.stdout)")
        let person = try CLITests.allot("export", dir + "/p", "--to", "ical", "--person", "x\u{1B}[31mRED")
        #expect(person.status == 65 && person.stderr.contains("x?[31mRED"), "\(person.stderr)")
    }

    /// A plan folder is replaced as a whole: two runs at once into one --out
    /// (tiny and acme) leave one run's four files, never a mix: the summary's
    /// name and assignment count match assignments.csv's rows. Temporaries of
    /// a killed run are cleaned up, and a folder with files allot did not
    /// write is refused (73) and left as it is. Nothing else is left beside
    /// the folder: the lock file goes with the run that took it last.
    @Test func aPlanFolderIsReplacedAsAWhole() throws {
        let dir = try CLITests.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let out = dir + "/plan"
        for round in 0..<3 {
            let both = try Self.shell(
                "\"$0\" plan datasets/tiny --out \(out) >/dev/null & \"$0\" plan datasets/acme --out \(out) >/dev/null & "
                    + "\"$0\" plan datasets/tiny --out \(out) >/dev/null; wait"
            )
            #expect(both.status == 0, "round \(round): \(both.stderr)")
            let summary =
                try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/summary.json")))
                as? [String: Any]
            let rows =
                try String(contentsOfFile: out + "/assignments.csv", encoding: .utf8)
                .split(separator: "\n").count - 1
            let totals = summary?["totals"] as? [String: Any]
            #expect(totals?["assignments"] as? Int == rows, "round \(round): summary and assignments.csv differ")
            let plan = try String(contentsOfFile: out + "/plan.json", encoding: .utf8)
            #expect(plan.contains("\"name\": \"\(summary?["name"] as? String ?? "?")\""), "round \(round)")
            #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["plan"], "round \(round)")
        }
        // A killed run's lock file goes with the next run.
        _ = FileManager.default.createFile(atPath: dir + "/.plan.allot-lock", contents: Data())
        #expect(try CLITests.allot("report", out).status == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["plan"])
        // A killed run's temporaries go.
        try FileManager.default.createDirectory(
            atPath: dir + "/.plan.allot-new-99999", withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: dir + "/.plan.allot-old-99999", contents: Data())
        _ = FileManager.default.createFile(atPath: dir + "/.plan.99999.tmp", contents: Data())
        // The user's own hidden .tmp entries beside it are not allot's: they stay.
        try FileManager.default.createDirectory(atPath: dir + "/.plans.tmp", withIntermediateDirectories: true)
        try "keep me".write(toFile: dir + "/.plans.tmp/notes.txt", atomically: true, encoding: .utf8)
        _ = FileManager.default.createFile(atPath: dir + "/.plan.backup.tmp", contents: Data())
        #expect(try CLITests.allot("plan", "datasets/tiny", "--out", out).status == 0)
        let left = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0 != "plan" }
        #expect(left.sorted() == [".plan.backup.tmp", ".plans.tmp"], "\(left)")
        #expect(FileManager.default.fileExists(atPath: dir + "/.plans.tmp/notes.txt"))
        for entry in left { try FileManager.default.removeItem(atPath: dir + "/" + entry) }
        #expect(
            Set(try FileManager.default.contentsOfDirectory(atPath: out))
                == ["assignments.csv", "conflicts.csv", "summary.json", "plan.json"])
        // A folder of someone's own files is not replaced.
        try FileManager.default.createDirectory(atPath: dir + "/mine", withIntermediateDirectories: true)
        try "keep me".write(toFile: dir + "/mine/notes.txt", atomically: true, encoding: .utf8)
        let refused = try CLITests.allot("plan", "datasets/tiny", "--out", dir + "/mine")
        #expect(refused.status == 73)
        #expect(refused.stderr.contains("holds files allot did not write (notes.txt)"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir + "/mine") == ["notes.txt"])
    }

    /// `plan` shows validation warnings on stderr too: a staff skill with a
    /// typo (`securty`, which no demand asks for) is named with a suggestion.
    @Test func planShowsValidationWarnings() throws {
        let dir = try CLITests.folder(
            holding: CLITests.oneWeek(staff: "alice,100,security:3;securty:5\n", skill: "security"))
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let r = try CLITests.allot("plan", dir, "--out", dir + "/p")
        #expect(r.status == 0)
        #expect(r.stderr.contains("staff.csv:2:") && r.stderr.contains("\"securty\""))
        #expect(r.stderr.contains("did you mean \"security\""))
    }

    /// A model past --max-columns is refused before it is built, with the
    /// estimate: acme has 7,997 columns in all, of which 6,932 hours columns
    /// (the rest are overtime and locked columns).
    @Test func aModelPastTheColumnLimitIsRefused() throws {
        let r = try CLITests.allot(
            "plan", "datasets/acme", "--max-columns", "1000", "--out", "/tmp/allot-never-written")
        #expect(r.status == 65)
        // Under 20,000 columns GLPK holds every column: 6,932 x 1,130 bytes = 7.8 MB, "8 MB".
        #expect(r.stderr.hasPrefix("error: the model would have about 6,932 hours columns (about 8 MB of memory)"))
        #expect(!FileManager.default.fileExists(atPath: "/tmp/allot-never-written"))
    }

    @Test func aFullStdoutExits74WithOneLine() throws {
        let r = try Self.shell("\"$0\" validate datasets/acme >/dev/full")
        #expect(r.status == 74)
        #expect(r.stderr == "error: cannot write to standard output: No space left on device\n")
    }

    /// Help and version too: `allot --help >/dev/full` exited 0 with nothing written.
    @Test(arguments: ["--help", "plan --help", "help plan", "--version"])
    func helpToAFullStdoutExits74(words: String) throws {
        let r = try Self.shell("\"$0\" \(words) >/dev/full")
        #expect(r.status == 74)
        #expect(r.stderr == "error: cannot write to standard output: No space left on device\n")
    }

    @Test func aClosedStdoutExits74WithOneLine() throws {
        let r = try Self.shell("\"$0\" validate datasets/acme >&-")
        #expect(r.status == 74)
        #expect(r.stderr == "error: cannot write to standard output: Bad file descriptor\n")
    }

    @Test func brokenStdoutAndStderrExit74Silently() throws {
        let full = try Self.shell("\"$0\" validate datasets/acme >/dev/full 2>/dev/full; echo \"rc $?\"")
        #expect(full.stdout == "rc 74\n")
        let closed = try Self.shell("\"$0\" validate datasets/acme >&- 2>&-; echo \"rc $?\"")
        #expect(closed.stdout == "rc 74\n")
        // An error message to a full stderr: still 74, not 66.
        let missing = try Self.shell("\"$0\" validate /nonexistent/dataset 2>/dev/full; echo \"rc $?\"")
        #expect(missing.stdout == "rc 74\n")
    }

    /// With stdout closed, the first file plan opens would get descriptor 1 and receive the summary. The
    /// plan files stay whole and the run still fails with 74.
    @Test func aClosedStdoutNeverWritesIntoThePlanFiles() throws {
        let dir = try CLITests.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let closed = try Self.shell("\"$0\" plan datasets/tiny --out '\(dir)/closed' >&-")
        #expect(closed.status == 74)
        #expect(try CLITests.allot("plan", "datasets/tiny", "--out", dir + "/open").status == 0)
        for file in ["assignments.csv", "conflicts.csv", "summary.json", "plan.json"] {
            let a = FileManager.default.contents(atPath: "\(dir)/closed/\(file)")
            #expect(a != nil && a == FileManager.default.contents(atPath: "\(dir)/open/\(file)"), "\(file)")
        }
    }

    @Test func negativeNumbersSayWhatIsWrong() throws {
        let time = try CLITests.allot("plan", "datasets/tiny", "--time-limit", "-1", "--out", "/tmp/never")
        #expect(time.status == 64)
        #expect(time.stderr.hasPrefix("error: --time-limit must be from 0.01 to 604,800 seconds (7 days), found -1\n"))
        let zero = try CLITests.allot("compare", "datasets/tiny", "--time-limit", "0", "--out", "/tmp/never")
        #expect(zero.status == 64)
        #expect(zero.stderr.hasPrefix("error: --time-limit must be from 0.01 to 604,800 seconds (7 days), found 0\n"))
        // The range of solver.time_limit_s: 1e-9 s wrote an empty plan, 1,000,000 s was taken.
        for t in ["1e-9", "1000000"] {
            let r = try CLITests.allot("plan", "datasets/tiny", "--time-limit", t, "--out", "/tmp/never")
            #expect(r.status == 64, "\(t)")
        }
        let jobs = try CLITests.allot("compare", "datasets/tiny", "--jobs", "-3", "--out", "/tmp/never")
        #expect(jobs.status == 64)
        #expect(jobs.stderr.hasPrefix("error: --jobs must be at least 1, found -3\n"))
    }

    @Test func anEmptyOutSaysTheNameIsEmpty() throws {
        let plan = try CLITests.allot("plan", "datasets/tiny", "--out", "")
        #expect(plan.status == 64)
        #expect(plan.stderr.hasPrefix("error: --out '' is empty: give a folder name, e.g. --out plan\n"))
        let compare = try CLITests.allot("compare", "datasets/tiny", "--out", "")
        #expect(compare.status == 64)
        #expect(compare.stderr.hasPrefix("error: --out '' is empty: give a folder name, e.g. --out compare\n"))
        let export = try CLITests.allot("export", "plan", "--to", "jsonl", "--out", "")
        #expect(export.status == 64)
        #expect(export.stderr.hasPrefix("error: --out '' is empty: give a file or folder name"))
    }

    /// `--out newdir/` for a one-file export used to write a file named newdir.
    @Test func aFolderWhereAFileIsExpectedIsAUsageError() throws {
        let dir = try CLITests.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(try CLITests.allot("plan", "datasets/tiny", "--out", dir + "/plan").status == 0)
        let slash = try CLITests.allot("export", dir + "/plan", "--to", "jira-csv", "--out", dir + "/newdir/")
        #expect(slash.status == 64)
        #expect(
            slash.stderr.hasPrefix(
                "error: --out \(dir)/newdir/ is a folder, but --to jira-csv writes one file: "
                    + "give a file name, e.g. --out \(dir)/newdir/jira.csv\n"))
        #expect(!FileManager.default.fileExists(atPath: dir + "/newdir"))
        // An existing folder without the slash: the same answer, and the folder is left alone.
        let folder = try CLITests.allot("export", dir + "/plan", "--to", "jsonl", "--out", dir + "/plan")
        #expect(folder.status == 64)
        #expect(folder.stderr.contains("is a folder, but --to jsonl writes one file"))
        // Calendars go into a folder: the slash is welcome there.
        let calendars = try CLITests.allot("export", dir + "/plan", "--to", "ical", "--out", dir + "/calendars/")
        #expect(calendars.status == 0, "\(calendars.stderr)")
        #expect(calendars.stderr == "wrote 3 calendars into \(dir)/calendars/\n")
    }
}

/// Control characters from the command line never reach the terminal: an
/// --person with an escape sequence and a bell was echoed as it was.
@Suite struct TerminalControlTests {
    @Test func argumentsAreShownWithoutControlCharacters() throws {
        let out = try CLITests.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: out) }
        #expect(try CLITests.allot("plan", "datasets/tiny", "--out", out + "/plan").status == 0)
        let r = try CLITests.allot("export", out + "/plan", "--to", "ical", "--person", "a\u{1B}]0;title\u{07}b\u{08}")
        #expect(r.status != 0)
        // ESC, BEL and BS each become "?"; the rest of the id is shown.
        #expect(r.stderr.contains("a?]0;title?b?"), "\(r.stderr)")
        #expect(!r.stderr.unicodeScalars.contains { $0.value == 0x07 || $0.value == 0x08 })
    }
}

/// Calendars of ids that differ only in case get distinct file names: on
/// macOS and Windows Ann.ics and ann.ics are one file.
@Suite struct CalendarFileNameTests {
    /// audit asks 50 h of swift in one week; Ann and ann (40 h each) share
    /// it, so both have assignments and both get a calendar.
    @Test func idsDifferingInCaseGetDistinctFiles() throws {
        var files = CLITests.oneWeek(staff: "Ann,50,swift:3\nann,60,swift:3\n", skill: "swift")
        files["demand.csv"] = "project_id,skill,hours_per_week\naudit,swift,50\n"
        let dataset = try CLITests.folder(holding: files)
        let out = try CLITests.temporaryFolder()
        defer {
            try? FileManager.default.removeItem(atPath: dataset)
            try? FileManager.default.removeItem(atPath: out)
        }
        #expect(try CLITests.allot("plan", dataset, "--out", out + "/plan").status == 0)
        #expect(try CLITests.allot("export", out + "/plan", "--to", "ical", "--out", out + "/cal").status == 0)
        // Sorted, "Ann" comes before "ann": the second gets "+2".
        #expect(try FileManager.default.contentsOfDirectory(atPath: out + "/cal").sorted() == ["Ann.ics", "ann+2.ics"])
    }
}

/// An --out that cannot be written is refused before the work, not after it.
@Suite struct EarlyOutputCheckTests {
    /// /proc takes no new entries, even for root: plan and compare solved
    /// everything first and then failed naming a lock file; suggest-hires
    /// planned every hire before finding its --out folder missing.
    /// An output option pointed at an input (a file of the dataset, the
    /// plan's plan.json or summary.json, through a link too) exits 73 and
    /// changes nothing; each used to overwrite it and exit 0.
    @Test func anOutputNeverReplacesAnInput() throws {
        let dir = try CLITests.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let ds = dir + "/DS", plan = dir + "/P"
        try FileManager.default.copyItem(atPath: CLITests.root.appendingPathComponent("datasets/tiny").path, toPath: ds)
        #expect(try CLITests.allot("plan", ds, "--out", plan).status == 0)
        try FileManager.default.createSymbolicLink(atPath: dir + "/link.json", withDestinationPath: plan + "/plan.json")
        func bytes() throws -> [String: Data] {
            var all: [String: Data] = [:]
            for folder in [ds, plan] {
                for name in try FileManager.default.contentsOfDirectory(atPath: folder) {
                    all[folder + "/" + name] = FileManager.default.contents(atPath: folder + "/" + name)
                }
            }
            return all
        }
        let before = try bytes()
        let runs: [[String]] = [
            ["plan", ds, "--out", dir + "/P2", "--write-mathprog-data", ds + "/staff.csv"],
            ["suggest-hires", ds, "--out", ds + "/allot.yaml"],
            ["report", plan, "--out", ds + "/demand.csv"],
            ["export", plan, "--to", "jira-csv", "--out", ds + "/projects.csv"],
            ["report", plan, "--out", plan + "/plan.json"],
            ["export", plan, "--to", "jsonl", "--out", plan + "/summary.json"],
            ["export", plan, "--to", "jsonl", "--out", dir + "/link.json"],
        ]
        for arguments in runs {
            let r = try CLITests.run(CLITests.binary, arguments)
            #expect(r.status == 73, "\(arguments): \(r.stderr)")
            #expect(r.stderr.contains("give another path"), "\(arguments): \(r.stderr)")
        }
        #expect(try bytes() == before)
        #expect(!FileManager.default.fileExists(atPath: dir + "/P2"))
        // The report's own file in the plan folder is still allot's to write.
        #expect(try CLITests.allot("report", plan).status == 0)
    }

    @Test func anUnwritableOutIsRefusedBeforeSolving() throws {
        let plan = try CLITests.allot("plan", "datasets/acme", "--out", "/proc/allot-never")
        #expect(plan.status == 73)
        #expect(plan.stderr.contains("nothing can be created in /proc"), "\(plan.stderr)")
        #expect(!plan.stderr.contains("lock"))
        let hires = try CLITests.allot("suggest-hires", "datasets/acme", "--out", "/tmp/allot-no-such-folder/x.json")
        #expect(hires.status == 73)
        #expect(hires.stderr.contains("the folder /tmp/allot-no-such-folder does not exist"), "\(hires.stderr)")
        // Neither got as far as a plan: acme takes about a second to plan.
        #expect(!plan.stdout.contains("Coverage") && !hires.stdout.contains("Hiring suggestions"))
    }
}

/// compare says when it compares nothing.
@Suite struct CompareNothingTests {
    @Test func noScenarioIsSaid() throws {
        let out = try CLITests.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: out) }
        // --scenarios "" compared the base alone, with exit 0 and no word.
        let empty = try CLITests.allot("compare", "datasets/acme", "--scenarios", "", "--out", out + "/a")
        #expect(empty.status == 64)
        #expect(empty.stderr.contains("--scenarios names no scenario"))
        // tiny declares none: the base alone, said on stderr.
        let tiny = try CLITests.allot("compare", "datasets/tiny", "--out", out + "/b")
        #expect(tiny.status == 0)
        #expect(tiny.stderr.contains("declares no scenarios, so compare shows the base plan alone"))
    }
}

/// compare's progress can be asked for and turned off.
@Suite struct CompareProgressTests {
    @Test func progressOnAndOff() throws {
        let out = try CLITests.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: out) }
        let on = try CLITests.allot("compare", "datasets/acme", "--progress", "--out", out + "/on")
        #expect(on.status == 0)
        #expect(on.stderr.contains("base: optimal"), "\(on.stderr)")
        // --no-progress: a terminal gets none either (the flag could only turn it on).
        let off = try CLITests.allot("compare", "datasets/acme", "--no-progress", "--out", out + "/off")
        #expect(off.status == 0)
        #expect(!off.stderr.contains("base: optimal"))
    }
}

/// A path that cannot be written says why in words, not Foundation's
/// "The operation could not be completed. The file doesn't exist."
@Suite struct WriteErrorWordingTests {
    @Test func initAndReportSayWhy() throws {
        let out = try CLITests.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: out) }
        #expect(try CLITests.allot("plan", "datasets/tiny", "--out", out + "/plan").status == 0)
        for words in [["init", "/proc/allot-never"], ["report", out + "/plan", "--out", "/proc/allot-never.html"]] {
            let r = try CLITests.run(CLITests.binary, words)
            #expect(r.status == 73, "\(words)")
            #expect(r.stderr.contains("a folder on the way does not exist or takes no new files"), "\(r.stderr)")
            #expect(!r.stderr.contains("The operation could not be completed"))
        }
    }
}
