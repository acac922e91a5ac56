import Foundation
import Testing

@testable import AllotCore

@Suite struct ValidationTests {
    // MARK: - The shipped datasets

    @Test(arguments: ["tiny", "acme"])
    func shippedDatasetsValidate(name: String) throws {
        let folder = packageRoot.appendingPathComponent("datasets").appendingPathComponent(name).path
        let dataset = try Dataset.load(from: folder)
        switch dataset.validate() {
        case .success(let p):
            #expect(!p.staff.isEmpty)
            #expect(!p.projects.isEmpty)
            #expect(!p.demand.isEmpty)
            #expect(p.warnings.allSatisfy { $0.severity == .warning })
        case .failure(let e):
            Issue.record("datasets/\(name) has errors:\n\(e.description)")
        }
    }

    /// The tiny dataset: 3 people, 3 projects, 5 demand lines, 1 leave row, 1 holiday,
    /// no warnings (README.md describes it row by row).
    @Test func tinyDatasetContents() throws {
        let folder = packageRoot.appendingPathComponent("datasets/tiny").path
        guard case .success(let p) = try Dataset.load(from: folder).validate() else {
            Issue.record("datasets/tiny does not validate")
            return
        }
        #expect(p.warnings.isEmpty)
        #expect(p.staff.map(\.id.rawValue) == ["alice", "bob", "carol"])
        #expect(p.staff.map(\.hoursPerWeek) == [nil, 20, nil])
        #expect(p.staff.map(\.costPerHour) == [100, 50, 80])
        #expect(p.staff.first?.skills == ["swift": 4, "sql": 3])
        #expect(p.projects.map(\.priority) == [1, 2, 3])
        #expect(p.projects.map(\.budget) == [nil, nil, 1000])
        #expect(p.demand.count == 5)
        #expect(p.demand.map(\.minLevel) == [3, 1, 3, 1, 1])
        #expect(p.demand.map(\.amount) == [.perWeek(30), .total(12), .perWeek(20), .total(20), .perWeek(20)])
        #expect(p.leave.count == 1)
        #expect(p.leave.first?.hoursPerWeek == 0)
        #expect(p.holidays.map(\.date) == [day("2027-01-06")])
        #expect(p.settings.horizon == DayRange(day("2027-01-04"), day("2027-01-17")))
        #expect(p.settings.period == .week)
        #expect(p.settings.defaultHoursPerWeek == 40)
    }

    // MARK: - A dataset with many planted errors, all reported in one run

    struct Planted: CustomStringConvertible {
        var file: String, line: Int, column: Int
        /// A piece of the `found` text that shows which rule fired.
        var found: String
        var location: String { "\(file):\(line):\(column)" }
        var description: String { "\(location) (\(found))" }
        init(_ file: String, _ line: Int, _ column: Int, _ found: String) {
            (self.file, self.line, self.column, self.found) = (file, line, column, found)
        }
    }

    // Every column below is counted by hand, character by character, in the line as written.
    static let brokenFiles: [String: String] = [
        // horizon.period `fortnight`: line 5, after "  period: " (2 + 7 + 1 = 10 characters) -> col 11.
        "allot.yaml": """
        name: Broken on purpose
        horizon:
          start: 2027-01-04
          end: 2027-03-28
          period: fortnight

        """,
        "staff.csv": """
        id,name,cost_per_hour,hours_per_week,skills,start,end
        alice,Alice,100,40,swift:4;sql:3,,
        bob,Bob,80,,java:3,2027-02-30,
        alice,Alice Again,90,,sql:2,,
        carol,Carol,-5,,qa:2,,
        dave,Dave,70,12x,qa:3,,
        erin,Erin,60,,swift:7,,
        al ice,Al,50,,qa:1,,
        -bob,B,50,,qa:1,,
        frank,Frank,55,,,,
        gina,Gina,75,,pm:3,2027-03-01,2027-02-01

        """,
        "projects.csv": """
        id,name,priority,start,end,budget
        apollo,Apollo,1,,,
        hermes,Hermes,2,,,-100
        zeus,Zeus,,,,
        ares,Ares,3,2027-02-01,2027-03-31,

        """,
        "demand.csv": """
        project_id,skill,min_level,hours_per_week,total_hours,start,end
        apollo,swift,3,20,,,
        apolo,swift,,10,,,
        apollo,sql,,10,40,,
        apollo,swift,,,,,
        apollo,swift,,10,,2027-06-01,2027-06-30
        apollo,cobol,,5,,,
        ares,swift,,10,,2027-03-10,2027-03-05

        """,
        "leave.csv": """
        staff_id,start,end,hours_per_week
        alice,2027-01-11,2027-01-15,
        zoe,2027-01-11,2027-01-15,

        """,
        "holidays.csv": "date,name\n2027-01-06,Epiphany\n",
        // No `skill` column: one error at the header's first cell; the row is dropped silently.
        "commitments.csv": """
        staff_id,project_id,start,end,hours_per_week,locked
        alice,apollo,2027-01-04,2027-01-08,10,true

        """,
    ]

    static let plantedErrors: [Planted] = [
        // allot.yaml line 5 `  period: fortnight`: col 11 (see above).
        Planted("allot.yaml", 5, 11, "fortnight"),
        // staff line 3 `bob,Bob,80,,java:3,2027-02-30,`: bob(1-3) ,(4) Bob(5-7) ,(8) 80(9-10) ,(11)
        // empty(12) ,(12) java:3(13-18) ,(19) -> start at col 20. 2027 has no Feb 30.
        Planted("staff.csv", 3, 20, "2027-02-30"),
        // staff line 4: a second `alice`, at the id cell, col 1.
        Planted("staff.csv", 4, 1, "alice"),
        // staff line 5 `carol,Carol,-5,...`: carol(1-5) ,(6) Carol(7-11) ,(12) -> -5 at col 13.
        Planted("staff.csv", 5, 13, "-5"),
        // staff line 6 `dave,Dave,70,12x,...`: dave(1-4) ,(5) Dave(6-9) ,(10) 70(11-12) ,(13) -> 12x at col 14.
        Planted("staff.csv", 6, 14, "12x"),
        // staff line 7 `erin,Erin,60,,swift:7,,`: erin(1-4) ,(5) Erin(6-9) ,(10) 60(11-12) ,(13)
        // empty(14) ,(14) -> swift:7 at col 15. Level 7 is outside 1..5.
        Planted("staff.csv", 7, 15, "swift:7"),
        // staff line 8: id `al ice` (a space) at col 1.
        Planted("staff.csv", 8, 1, "al ice"),
        // staff line 9: id `-bob` (starts with '-') at col 1.
        Planted("staff.csv", 9, 1, "-bob"),
        // staff line 10 `frank,Frank,55,,,,`: frank(1-5) ,(6) Frank(7-11) ,(12) 55(13-14) ,(15)
        // hours empty(16) ,(16) -> empty skills at col 17 (required value missing).
        Planted("staff.csv", 10, 17, "skills"),
        // staff line 11 `gina,Gina,75,,pm:3,2027-03-01,2027-02-01`: gina(1-4) ,(5) Gina(6-9) ,(10)
        // 75(11-12) ,(13) empty(14) ,(14) pm:3(15-18) ,(19) start(20-29) ,(30) -> end at col 31.
        Planted("staff.csv", 11, 31, "2027-02-01"),
        // projects line 3 `hermes,Hermes,2,,,-100`: hermes(1-6) ,(7) Hermes(8-13) ,(14) 2(15) ,(16)
        // start empty(17) ,(17) end empty(18) ,(18) -> -100 at col 19.
        Planted("projects.csv", 3, 19, "-100"),
        // projects line 4 `zeus,Zeus,,,,`: zeus(1-4) ,(5) Zeus(6-9) ,(10) -> empty priority at col 11.
        Planted("projects.csv", 4, 11, "priority"),
        // demand line 3: unknown project `apolo` at col 1.
        Planted("demand.csv", 3, 1, "apolo"),
        // demand line 4 `apollo,sql,,10,40,,`: apollo(1-6) ,(7) sql(8-10) ,(11) empty(12) ,(12)
        // -> hours_per_week 10 at col 13 (both amounts given; reported at hours_per_week).
        Planted("demand.csv", 4, 13, "both"),
        // demand line 5 `apollo,swift,,,,,`: apollo(1-6) ,(7) swift(8-12) ,(13) empty(14) ,(14)
        // -> the empty hours_per_week cell at col 15 (neither amount).
        Planted("demand.csv", 5, 15, "neither"),
        // demand line 6 `apollo,swift,,10,,2027-06-01,2027-06-30`: apollo(1-6) ,(7) swift(8-12) ,(13)
        // empty(14) ,(14) 10(15-16) ,(17) empty(18) ,(18) -> start at col 19. June is after the
        // horizon's end 2027-03-28.
        Planted("demand.csv", 6, 19, "outside the horizon"),
        // demand line 8 `ares,swift,,10,,2027-03-10,2027-03-05`: ares(1-4) ,(5) swift(6-10) ,(11)
        // empty(12) ,(12) 10(13-14) ,(15) empty(16) ,(16) start(17-26) ,(27) -> end at col 28.
        Planted("demand.csv", 8, 28, "2027-03-05"),
        // leave line 3: unknown person `zoe` at col 1.
        Planted("leave.csv", 3, 1, "zoe"),
        // commitments.csv has no `skill` column: at the header's first cell.
        Planted("commitments.csv", 1, 1, "skill"),
    ]

    @Test func brokenDatasetReportsEveryPlantedError() throws {
        let e = try withDataset(Self.brokenFiles) { try $0.failure() }
        let errors = e.errors
        let planted = Self.plantedErrors

        // Nothing dropped, nothing extra: the same locations, one error each.
        #expect(errors.count == planted.count, "errors:\n\(errors.map(\.description).joined(separator: "\n"))")
        #expect(errors.map(\.location.description).sorted() == planted.map(\.location).sorted())

        // Each planted error is reported at its exact place, by the rule it was planted for.
        for p in planted {
            let here = errors.filter {
                $0.location.file == p.file && $0.location.line == p.line && $0.location.column == p.column
            }
            #expect(here.count == 1, "expected one error at \(p.location)")
            #expect(
                here.contains { $0.found.contains(p.found) },
                "at \(p.location): \(here.map(\.found)) should mention \(p.found)")
        }

        // The demanded skill nobody has is a warning, not an error: demand line 7
        // `apollo,cobol,,5,,,`: apollo(1-6) ,(7) -> cobol at col 8.
        // Bob's `java` (staff line 3 `bob,Bob,80,,java:3,...`: bob(1-3) ,(4) Bob(5-7) ,(8) 80(9-10)
        // ,(11) empty ,(12) -> skills at col 13) is a skill no demand line asks for: a warning too.
        let warnings = e.diagnostics.filter { $0.severity == .warning }
        #expect(warnings.map(\.location.description) == ["demand.csv:7:8", "staff.csv:3:13"])
        #expect(warnings.first?.found.contains("cobol") == true)
        #expect(!errors.contains { $0.found.contains("cobol") })

        // Diagnostics are sorted by file, line and column and print like a compiler's.
        #expect(e.diagnostics == e.diagnostics.sorted())
        let negative = errors.first { $0.location.description == "staff.csv:5:13" }
        #expect(negative?.description.hasPrefix("staff.csv:5:13: error: found ") == true)
        #expect(negative?.description.contains(", expected ") == true)
        #expect(warnings.first?.description.hasPrefix("demand.csv:7:8: warning: found ") == true)
    }

    // MARK: - Single rules

    /// demand.csv without a `skill` column: one error at the header's first cell (1:1), and the
    /// rows give no further errors.
    @Test func missingRequiredColumnInDemand() throws {
        let e = try withDataset([
            "allot.yaml": manifest("2027-01-04", "2027-01-17"),
            "staff.csv": "id,cost_per_hour,skills\nalice,100,swift:3\n",
            "projects.csv": "id,priority\napollo,1\n",
            "demand.csv": "project_id,hours_per_week\napollo,10\n",
        ]) { try $0.failure() }
        #expect(e.errors.map(\.location.description) == ["demand.csv:1:1"])
        #expect(e.errors.first?.found.contains("\"skill\"") == true)
    }

    /// A missing required table is an error at 1:1 of that file.
    @Test func missingRequiredTable() throws {
        let e = try withDataset([
            "allot.yaml": manifest("2027-01-04", "2027-01-17"),
            "staff.csv": "id,cost_per_hour,skills\nalice,100,swift:3\n",
            "projects.csv": "id,priority\napollo,1\n",
        ]) { try $0.failure() }
        #expect(e.errors.map(\.location.description) == ["demand.csv:1:1"])
    }

    /// A row shorter than the header: the missing trailing cell is reported at the column after
    /// the last cell. `hank,Hank,65` with header id,name,cost_per_hour,skills: hank(1-4) ,(5)
    /// Hank(6-9) ,(10) 65(11-12) -> the missing skills cell is reported at col 13.
    @Test func missingTrailingCell() throws {
        let e = try withDataset([
            "allot.yaml": manifest("2027-01-04", "2027-01-17"),
            "staff.csv": "id,name,cost_per_hour,skills\nalice,Alice,100,swift:3\nhank,Hank,65\n",
            "projects.csv": "id,priority\napollo,1\n",
            "demand.csv": "project_id,skill,hours_per_week\napollo,swift,10\n",
        ]) { try $0.failure() }
        #expect(e.errors.count == 1)
        #expect(e.errors.first?.location.description == "staff.csv:3:13")
        #expect(e.errors.first?.found.contains("skills") == true)
    }

    /// A row longer than the header is an error at its first extra cell:
    /// `apollo,1,9` with header id,priority: apollo(1-6) ,(7) 1(8) ,(9) -> 9 at col 10.
    @Test func rowLongerThanHeader() throws {
        let e = try withDataset([
            "allot.yaml": manifest("2027-01-04", "2027-01-17"),
            "staff.csv": "id,cost_per_hour,skills\nalice,100,swift:3\n",
            "projects.csv": "id,priority\napollo,1,9\n",
            "demand.csv": "project_id,skill,hours_per_week\n",
        ]) { try $0.failure() }
        #expect(e.errors.map(\.location.description) == ["projects.csv:2:10"])
    }

    /// Header names are case-insensitive; an unknown column is a warning at its header cell.
    /// `ID,Name,Cost_Per_Hour,Hours_Per_Week,SKILLS,Nickname`: ID(1-2) ,(3) Name(4-7) ,(8)
    /// Cost_Per_Hour(9-21) ,(22) Hours_Per_Week(23-36) ,(37) SKILLS(38-43) ,(44) -> Nickname at col 45.
    @Test func headersCaseInsensitiveAndUnknownColumnWarned() throws {
        let p = try withDataset([
            "allot.yaml": manifest("2027-01-04", "2027-01-17"),
            "staff.csv": "ID,Name,Cost_Per_Hour,Hours_Per_Week,SKILLS,Nickname\nalice,Alice,100,30,swift:3,Al\n",
            "projects.csv": "Id,PRIORITY\napollo,1\n",
            "demand.csv": "PROJECT_ID,Skill,HOURS_per_week\napollo,swift,10\n",
        ]) { try $0.portfolio() }
        #expect(p.staff.count == 1)
        #expect(p.staff.first?.id.rawValue == "alice")
        #expect(p.staff.first?.name == "Alice")
        #expect(p.staff.first?.costPerHour == 100)
        #expect(p.staff.first?.hoursPerWeek == 30)
        #expect(p.staff.first?.skills == ["swift": 3])
        #expect(p.projects.first?.priority == 1)
        #expect(p.demand.first?.amount == .perWeek(10))
        #expect(p.warnings.count == 1)
        #expect(p.warnings.first?.severity == .warning)
        #expect(p.warnings.first?.location.description == "staff.csv:1:45")
        #expect(p.warnings.first?.found.contains("Nickname") == true)
    }

    /// The same column twice (in any case) is an error at the second one:
    /// `id,ID,cost_per_hour,skills`: id(1-2) ,(3) -> ID at col 4.
    @Test func repeatedColumn() throws {
        let e = try withDataset([
            "allot.yaml": manifest("2027-01-04", "2027-01-17"),
            "staff.csv": "id,ID,cost_per_hour,skills\nalice,alice,100,swift:3\n",
            "projects.csv": "id,priority\napollo,1\n",
            "demand.csv": "project_id,skill,hours_per_week\napollo,swift,10\n",
        ]) { try $0.failure() }
        #expect(e.errors.map(\.location.description) == ["staff.csv:1:4"])
    }

    /// An unknown manifest key is a warning at the key: line 3 `objectiv: weighted`, col 1.
    @Test func unknownManifestKeyWarned() throws {
        let p = try withDataset([
            "allot.yaml": manifest("2027-01-04", "2027-01-17", extra: "objectiv: weighted\n"),
            "staff.csv": "id,cost_per_hour,skills\nalice,100,swift:3\n",
            "projects.csv": "id,priority\napollo,1\n",
            "demand.csv": "project_id,skill,hours_per_week\napollo,swift,10\n",
        ]) { try $0.portfolio() }
        #expect(p.warnings.map(\.location.description) == ["allot.yaml:3:1"])
        #expect(p.settings.objective == .lexicographic)  // the misspelt key is ignored
    }

    /// A BOM before the header and CRLF line ends are read like plain LF files.
    @Test func bomAndCRLFInDatasetFiles() throws {
        let p = try withDataset([
            "allot.yaml": "\u{FEFF}" + manifest("2027-01-04", "2027-01-17"),
            "staff.csv": "\u{FEFF}id,cost_per_hour,skills\r\nalice,100,swift:3\r\n",
            "projects.csv": "\u{FEFF}id,priority\r\napollo,1\r\n",
            "demand.csv": "\u{FEFF}project_id,skill,hours_per_week\r\napollo,swift,10\r\n",
        ]) { try $0.portfolio() }
        #expect(p.warnings.isEmpty)
        #expect(p.staff.map(\.id.rawValue) == ["alice"])
        #expect(p.demand.count == 1)
    }

    /// Valid ids: letters, digits, '.', '_', '-', not starting with a punctuation mark.
    @Test(arguments: [
        ("alice", true), ("a.b_c-d", true), ("9lives", true), ("Z", true),
        ("-bob", false), ("al ice", false), (".x", false), ("_x", false), ("", false),
        ("é", false), ("a/b", false), (String(repeating: "a", count: 64), true),
        (String(repeating: "a", count: 65), false),
    ])
    func idRule(id: String, valid: Bool) {
        #expect(Validator.isValidID(id) == valid)
    }

    /// Numbers: plain decimals only.
    @Test(arguments: [("40", 40.0), ("37.5", 37.5), ("0", 0.0), ("-5", -5.0), ("1e2", 100.0)])
    func numbersParsed(text: String, value: Double) {
        #expect(Validator.parseNumber(text) == value)
    }

    @Test(arguments: ["12x", "", "inf", "nan", "0x10", "1,5", "1 000", "forty"])
    func numbersRejected(text: String) {
        #expect(Validator.parseNumber(text) == nil)
    }

    // MARK: - Missing dataset, broken manifest

    @Test func missingFolderThrows() {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("allot-no-such-\(UUID().uuidString)")
            .path
        #expect(throws: DatasetMissing.self) { try Dataset.load(from: path) }
    }

    @Test func missingManifestThrows() throws {
        try withDataset([
            "staff.csv": "id,cost_per_hour,skills\nalice,100,swift:3\n",
            "projects.csv": "id,priority\napollo,1\n",
            "demand.csv": "project_id,skill,hours_per_week\napollo,swift,10\n",
        ]) { d in
            #expect(throws: DatasetMissing.self) { try Dataset.load(from: d.path) }
        }
    }

    @Test func fileInsteadOfFolderThrows() throws {
        try withDataset(["allot.yaml": manifest("2027-01-04", "2027-01-17")]) { d in
            let file = (d.path as NSString).appendingPathComponent("allot.yaml")
            #expect(throws: DatasetMissing.self) { try Dataset.load(from: file) }
        }
    }

    static let validTables: [String: String] = [
        "staff.csv": "id,cost_per_hour,skills\nalice,100,swift:3\n",
        "projects.csv": "id,priority\napollo,1\n",
        // A line with its own window in March, well inside the horizon the manifest meant.
        "demand.csv":
            "project_id,skill,hours_per_week,start,end\napollo,swift,10,,\napollo,swift,5,2027-03-01,2027-03-31\n",
    ]

    /// Whole numbers read alike everywhere: projects.csv took priority 1.0,
    /// while a skill level 3.0 and `max_projects_per_person: 2.0` were
    /// refused. Now all three read as 1, 3 and 2; 2.5 and 3.5 stay errors:
    /// allot.yaml line 4 after `  max_projects_per_person: ` (27 characters,
    /// so column 28), and staff.csv line 3's skills cell after `bob,100,` (column 9).
    @Test func wholeNumbersReadAlikeInEveryColumn() throws {
        var files = Self.validTables
        files["allot.yaml"] =
            "name: x\nhorizon: {start: 2027-01-04, end: 2027-06-27}\npolicies: {max_projects_per_person: 2.0}\n"
        files["staff.csv"] = "id,cost_per_hour,skills\nalice,100,swift:3.0;sql:4e0\n"
        files["projects.csv"] = "id,priority\napollo,1.0\n"
        try withDataset(files) { d in
            let p = try d.portfolio()
            #expect(p.staff.first?.skills == ["swift": 3, "sql": 4])
            #expect(p.settings.maxProjectsPerPerson == 2)
            #expect(p.projects.first?.priority == 1)
        }
        files["allot.yaml"] =
            "name: x\nhorizon: {start: 2027-01-04, end: 2027-06-27}\npolicies:\n  max_projects_per_person: 2.5\n"
        files["staff.csv"] = "id,cost_per_hour,skills\nalice,100,swift:3.0\nbob,100,swift:3.5\n"
        try withDataset(files) { d in
            let e = try d.failure()
            #expect(e.errors.map(\.location.description) == ["allot.yaml:4:28", "staff.csv:3:9"])
        }
    }

    /// A key given twice is reported where it is given again, the line to
    /// fix: `name` on lines 1 and 3 (line 2 between them), and in a nested
    /// mapping `max_percent` on lines 6 and 9 at column 5 (a comment and a
    /// blank line between). Yams points at the first occurrence. In a flow
    /// mapping the first occurrence is all there is to point at (`horizon: {`
    /// is 10 characters, so column 11).
    @Test func aKeyGivenTwiceIsReportedWhereItIsRepeated() throws {
        let horizon = "horizon: {start: 2027-01-04, end: 2027-06-27}\n"
        let cases: [(manifest: String, at: String, found: String)] = [
            ("name: x\n" + horizon + "name: y\n", "allot.yaml:3:1", "the key name given twice (first on line 1)"),
            (
                "name: x\n" + horizon + "policies:\n  overtime:\n    premium: 1.5\n    max_percent: 10\n"
                    + "    # again\n\n    max_percent: 20\n", "allot.yaml:9:5",
                "the key max_percent given twice (first on line 6)"
            ),
            (
                "name: x\nhorizon: {start: 2027-01-04, end: 2027-06-27, start: 2027-01-05}\n", "allot.yaml:2:11",
                "the key start given twice"
            ),
        ]
        for c in cases {
            var files = Self.validTables
            files["allot.yaml"] = c.manifest
            try withDataset(files) { d in
                let e = try d.failure()
                #expect(e.errors.map(\.location.description) == [c.at])
                #expect(e.errors.first?.found == c.found)
            }
        }
    }

    /// `{..., max:}` is not YAML to the reader (a colon in braces wants a
    /// space after it): the error says so, at the colon (line 3, column 29:
    /// `policies: {stability: 1, max` is 28 characters).
    @Test func aColonWithoutASpaceInBracesSaysSo() throws {
        var files = Self.validTables
        files["allot.yaml"] =
            "name: x\nhorizon: {start: 2027-01-04, end: 2027-06-27}\npolicies: {stability: 1, max:}\n"
        try withDataset(files) { d in
            let e = try d.failure()
            #expect(e.errors.map(\.location.description) == ["allot.yaml:3:29"])
            #expect(e.errors.first?.expected.contains("a space after each colon") == true)
        }
    }

    /// A YAML syntax error: one diagnostic, with its line. In
    ///     1 name: x
    ///     2 horizon: {start: 2027-01-04, end: 2027-06-27, period: week}
    ///     3   bad: indentation
    /// the value of `horizon` is complete at the end of line 2, so the indented `bad:` on line 3
    /// fits nowhere: YAML rejects it on line 3.
    @Test func yamlSyntaxErrorIsOneDiagnostic() throws {
        var files = Self.validTables
        files["allot.yaml"] =
            "name: x\nhorizon: {start: 2027-01-04, end: 2027-06-27, period: week}\n  bad: indentation\n"
        try withDataset(files) { d in
            let dataset = try d.load()
            #expect(dataset.readDiagnostics.count == 1)
            #expect(dataset.readDiagnostics.first?.location.file == "allot.yaml")
            #expect(dataset.readDiagnostics.first?.location.line == 3)
            let e = try d.failure()
            // Only the syntax error: no "no horizon" and no complaints measured against a
            // horizon the user never wrote.
            #expect(e.errors.count == 1, "errors:\n\(e.errors.map(\.description).joined(separator: "\n"))")
            #expect(e.errors.first?.location.line == 3)
        }
    }

    /// A horizon whose end is before its start: one error at horizon.end, and no error for the
    /// March demand window (it is not outside the horizon the user wrote; there is no valid horizon
    /// to check it against). `  end: 2027-01-04` -> the value after "  end: " (7 characters) at col 8.
    @Test func badHorizonGivesOneError() throws {
        var files = Self.validTables
        files["allot.yaml"] = "name: x\nhorizon:\n  start: 2027-06-27\n  end: 2027-01-04\n"
        try withDataset(files) { d in
            let e = try d.failure()
            #expect(
                e.errors.map(\.location.description) == ["allot.yaml:4:8"],
                "errors:\n\(e.errors.map(\.description).joined(separator: "\n"))")
        }
    }

    /// A demand line without dates takes its project's: when those lie
    /// outside the horizon, the error says where the dates came from (it
    /// named a demand line that has no dates).
    @Test func aWindowFromTheProjectNamesIt() throws {
        var files = Self.validTables
        files["allot.yaml"] = "name: x\nhorizon: {start: 2027-01-04, end: 2027-06-27}\n"
        files["projects.csv"] = "id,priority,start,end\napollo,1,2026-01-01,2026-06-30\n"
        files["demand.csv"] = "project_id,skill,hours_per_week\napollo,swift,10\n"
        try withDataset(files) { d in
            let e = try d.failure()
            #expect(e.errors.map(\.location.description) == ["demand.csv:2:1"])
            #expect(
                e.errors.first?.found
                    == "a demand window from 2026-01-01 to 2026-06-30 (dates taken from project apollo, "
                    + "projects.csv line 2), outside the horizon")
        }
    }

    /// Overlapping leave at another rate is warned even when a row between
    /// them by start date does not overlap it: 4-15 January at 0 h, 5-6
    /// January at 0 h, 11-12 January at 20 h. Only neighbours were compared,
    /// and the third row (overlapping the first, not the second) went unsaid.
    @Test func leaveOverlapPastARowBetween() throws {
        var files = Self.validTables
        files["allot.yaml"] = "name: x\nhorizon: {start: 2027-01-04, end: 2027-06-27}\n"
        files["leave.csv"] =
            "staff_id,start,end,hours_per_week\nalice,2027-01-04,2027-01-15,0\nalice,2027-01-05,2027-01-06,0\n"
            + "alice,2027-01-11,2027-01-12,20\n"
        try withDataset(files) { d in
            let p = try d.portfolio()
            #expect(p.warnings.map(\.location.description) == ["leave.csv:4:1"])
            #expect(p.warnings.first?.found == "leave of alice overlapping the leave on line 2")
        }
    }

    /// Leave at more hours than the person works is warned at its hours
    /// cell, against the person's own hours or `defaults.hours_per_week`:
    /// bob works 20 h, so leave at 40 h (line 2) would double his capacity;
    /// alice has the default 30 h, so 35 h (line 3) is warned and 30 h
    /// (line 4) and 10 h (line 5) are not. The capacity still follows the row.
    /// Columns: `bob,2027-01-04,2027-01-08,` is 26 characters, so 40 is at
    /// 27; `alice,` is 6, so its 35 is at 6 + 11 + 11 + 1 = 29.
    @Test func leaveAboveTheUsualHoursIsWarned() throws {
        var files = Self.validTables
        files["allot.yaml"] =
            "name: x\nhorizon: {start: 2027-01-04, end: 2027-06-27}\ndefaults: {hours_per_week: 30}\n"
        files["staff.csv"] = "id,cost_per_hour,hours_per_week,skills\nalice,100,,swift:3\nbob,80,20,swift:2\n"
        files["leave.csv"] =
            "staff_id,start,end,hours_per_week\nbob,2027-01-04,2027-01-08,40\nalice,2027-02-01,2027-02-05,35\n"
            + "alice,2027-03-01,2027-03-05,30\nalice,2027-04-05,2027-04-09,10\n"
        try withDataset(files) { d in
            let p = try d.portfolio()
            #expect(p.warnings.map(\.location.description) == ["leave.csv:2:27", "leave.csv:3:29"])
            #expect(p.warnings.first?.found == "leave of bob at 40 h/week, more than the 20 h/week they usually work")
            #expect(p.warnings.first?.expected.hasPrefix("the hours bob still works per week during the leave") == true)
            #expect(p.leave.map(\.hoursPerWeek) == [40, 35, 30, 10])
        }
    }

    /// Year 0000 is refused: its first days are in ISO week-year -1, and
    /// the periods came out named "00-1-W52". `  start: 0000-01-01` -> col 10.
    @Test func yearZeroIsNoDate() throws {
        var files = Self.validTables
        files["allot.yaml"] = "name: x\nhorizon:\n  start: 0000-01-01\n  end: 0000-02-01\n"
        files["demand.csv"] = "project_id,skill,hours_per_week\napollo,swift,10\n"
        try withDataset(files) { d in
            let e = try d.failure()
            #expect(e.errors.first?.location.description == "allot.yaml:3:10")
            #expect(e.errors.first?.expected.hasPrefix("a year from 0001") == true)
        }
    }

    /// An unparsable horizon date: `  start: 2027-02-30` -> col 10 (after "  start: ", 9 characters).
    @Test func unparsableHorizonDate() throws {
        var files = Self.validTables
        files["allot.yaml"] = "name: x\nhorizon:\n  start: 2027-02-30\n  end: 2027-06-27\n"
        try withDataset(files) { d in
            let e = try d.failure()
            #expect(
                e.errors.map(\.location.description) == ["allot.yaml:3:10"],
                "errors:\n\(e.errors.map(\.description).joined(separator: "\n"))")
        }
    }

    /// No horizon at all: an error (the only required key).
    @Test func missingHorizon() throws {
        var files = Self.validTables
        files["allot.yaml"] = "name: x\n"
        try withDataset(files) { d in
            let e = try d.failure()
            #expect(e.errors.count == 1, "errors:\n\(e.errors.map(\.description).joined(separator: "\n"))")
            #expect(e.errors.first?.found.contains("horizon") == true)
        }
    }

    /// `horizon.period: month` is accepted; the default is week.
    @Test func periodKinds() throws {
        var files = Self.validTables
        files["allot.yaml"] = manifest("2027-01-04", "2027-06-27", period: "month")
        let p = try withDataset(files) { try $0.portfolio() }
        #expect(p.settings.period == .month)
        files["allot.yaml"] = "horizon: {start: 2027-01-04, end: 2027-06-27}\n"
        let q = try withDataset(files) { try $0.portfolio() }
        #expect(q.settings.period == .week)
    }
}
