import Foundation
import Testing

@testable import AllotCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Hostile and broken input, as an attacker or an unlucky user writes it: YAML
/// alias bombs, files that are not files, empty and semicolon-separated
/// tables, bad UTF-8. Each test reproduces one attack.
@Suite struct HostileInputTests {
    /// A valid dataset of one person, one project, one demand line.
    static func files(manifest: String = PlanFixture.oneWeek) -> [String: String] {
        [
            "allot.yaml": manifest,
            "staff.csv": "id,cost_per_hour,skills\nalice,100,swift:3\n",
            "projects.csv": "id,priority\napollo,1\n",
            "demand.csv": "project_id,skill,hours_per_week\napollo,swift,10\n",
        ]
    }

    /// The 1-based line and column where `token` first stands in `text`,
    /// found by searching the text, independently of allot.
    static func position(of token: String, in text: String, file: String = "allot.yaml") -> String {
        for (i, line) in text.components(separatedBy: "\n").enumerated() {
            if let r = line.range(of: token) {
                return "\(file):\(i + 1):\(line.distance(from: line.startIndex, to: r.lowerBound) + 1)"
            }
        }
        return "not found: \(token)"
    }

    // MARK: - YAML aliases

    /// "Billion laughs": nine levels of nine aliases expand to 9^9 = 387 million
    /// values (11.8 GB before the bound), under a key allot does not even read.
    /// Refused at the first alias, `*a` on line 4: `  b: &b [` is 9 characters.
    @Test func billionLaughsIsRefusedAtTheFirstAlias() throws {
        var yaml = PlanFixture.oneWeek + "junk:\n  a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        let names = Array("abcdefghi")
        for k in 1..<names.count {
            let uses = Array(repeating: "*\(names[k - 1])", count: 9).joined(separator: ", ")
            yaml += "  \(names[k]): &\(names[k]) [\(uses)]\n"
        }
        #expect(yaml.utf8.count < 700)
        let e = try withDataset(Self.files(manifest: yaml)) { try $0.failure() }
        #expect(e.errors.count == 1)
        #expect(e.errors.first?.location.description == "allot.yaml:4:10")
        #expect(e.errors.first?.found.contains("*a") == true)
        #expect(e.errors.first?.expected.contains("100,000") == true)
    }

    /// YAML's merge key adds an anchored mapping's entries that the mapping
    /// does not write itself; the first source of a list wins. It was read as
    /// an unknown key `policies.<<` and the plan ran with 0% overtime.
    @Test func mergeKeysAddTheAnchoredEntries() throws {
        let text = """
            common: &pol {overtime: {max_percent: 20, premium: 1.5}, stability: 5}
            other: &other {stability: 7, max_projects_per_person: 3}
            policies:
              <<: [*pol, *other]
              stability: 0
            """
        guard case .success(let root) = ManifestNode.parse(text, file: "allot.yaml") else {
            Issue.record("the merge did not parse")
            return
        }
        let policies = try #require(root["policies"])
        // stability written in place (0) wins over both sources' (5, 7);
        // overtime from the first source, max_projects_per_person from the second.
        #expect(policies.entries.map(\.key) == ["stability", "overtime", "max_projects_per_person"])
        #expect(policies["stability"].map { if case .scalar(let v, _, _) = $0 { v } else { "" } } == "0")
        #expect(
            policies["overtime"]?["max_percent"].map { if case .scalar(let v, _, _) = $0 { v } else { "" } } == "20")
        #expect(
            policies["max_projects_per_person"].map { if case .scalar(let v, _, _) = $0 { v } else { "" } } == "3")
        // A quoted "<<" is an ordinary key.
        guard case .success(let quoted) = ManifestNode.parse("p:\n  '<<': 1\n", file: "allot.yaml") else { return }
        #expect(quoted["p"]?.entries.map(\.key) == ["<<"])
    }

    /// Holding every private-use character (which the alias search marks aliases
    /// with) does not get a bomb past the bound: `a` is 1,000 values, `b` adds
    /// 10 x 1,000 and `c` 10 x 10,001 (b with its aliases): 110,010 values added.
    @Test func markerCharactersInTheTextDoNotHideAliases() {
        var everyMarker = String.UnicodeScalarView()
        everyMarker.append(contentsOf: (0xE000...0xF8FF).compactMap { Unicode.Scalar(UInt32($0)) })
        let lists =
            "a: &a [" + Array(repeating: "x", count: 999).joined(separator: ", ") + "]\n"
            + "b: &b [" + Array(repeating: "*a", count: 10).joined(separator: ", ") + "]\n"
            + "c: [" + Array(repeating: "*b", count: 10).joined(separator: ", ") + "]\n"
        let text = PlanFixture.oneWeek + "name: \"" + String(everyMarker) + "\"\n" + lists
        guard case .failure(let d) = ManifestNode.parse(text, file: "allot.yaml") else {
            Issue.record("a bomb got through")
            return
        }
        #expect(d.location.description == "allot.yaml:4:8")  // `b: &b [` is 7 characters
    }

    /// The bound is on the values aliases add: an anchored list of 999 items is
    /// 1,000 values, so 100 aliases add 100,000 (allowed) and 101 add 101,000.
    @Test(arguments: [(100, true), (101, false)])
    func aliasExpansionBoundary(aliases: Int, accepted: Bool) throws {
        let anchor = "anchor: &a [" + Array(repeating: "x", count: 999).joined(separator: ", ") + "]\n"
        let uses = "uses: [" + Array(repeating: "*a", count: aliases).joined(separator: ", ") + "]\n"
        let text = PlanFixture.oneWeek + anchor + uses
        switch ManifestNode.parse(text, file: "allot.yaml") {
        case .success:
            #expect(accepted)
        case .failure(let d):
            #expect(!accepted, "refused: \(d)")
            #expect(d.location.description == "allot.yaml:3:8")  // `uses: [` is 7 characters
        }
    }

    /// An alias as a mapping key makes Yams hash the whole aliased tree: refused
    /// at the alias, before the real parse. `? *k` has the alias at column 3.
    @Test func aliasAsAKeyIsRefused() throws {
        let text = PlanFixture.oneWeek + "k: &k [a, b]\n? *k\n: 1\n"
        guard case .failure(let d) = ManifestNode.parse(text, file: "allot.yaml") else {
            Issue.record("an alias key was accepted")
            return
        }
        #expect(d.location.description == "allot.yaml:3:3")
        #expect(d.found.contains("*k"))
    }

    /// A few aliases are fine: two scenarios share one list of changes.
    @Test func sharedChangesThroughAnAlias() throws {
        let manifest =
            PlanFixture.oneWeek + """
                scenarios:
                  - name: cut
                    changes: &cut
                      - {op: set, table: staff, id: alice, field: cost_per_hour, value: 70}
                  - name: cut-again
                    changes: *cut

                """
        let dataset = try TempDataset(Self.files(manifest: manifest))
        defer { dataset.remove() }
        let loaded = try dataset.load()
        for name in ["cut", "cut-again"] {
            let changed = try loaded.applying(scenario: name).get()
            #expect(changed.portfolio.staff.first?.costPerHour == 70, "\(name)")
        }
    }

    /// A `*` inside a plain or quoted scalar is text, not an alias.
    @Test func starsInsideValuesAreText() throws {
        let manifest = PlanFixture.oneWeek + "name: a *star* and 2*3 # *not\ncurrency: \"*EUR\"\n"
        let p = try withDataset(Self.files(manifest: manifest)) { try $0.portfolio() }
        #expect(p.settings.name == "a *star* and 2*3")
        #expect(p.settings.currency == "*EUR")
    }

    // MARK: - Files that are not regular files

    enum Oddity: String, CaseIterable, Sendable {
        case directory, fifo, deviceLink, danglingLink

        /// What the error's `found` says.
        var found: String {
            switch self {
            case .directory: return "a directory"
            case .fifo: return "a FIFO"
            case .deviceLink: return "a device"
            case .danglingLink: return "which does not exist"
            }
        }

        func make(at path: String) throws {
            switch self {
            case .directory: try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
            case .fifo: #expect(mkfifo(path, 0o644) == 0)
            case .deviceLink: try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: "/dev/zero")
            case .danglingLink:
                try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: path + ".missing")
            }
        }
    }

    /// holidays.csv as a directory, a FIFO, a link to /dev/zero or a dangling
    /// link used to give "valid, 0 warnings" (or hang): now one error at 1:1.
    @Test(arguments: Oddity.allCases)
    func optionalTableThatIsNotAFile(oddity: Oddity) throws {
        let e = try withDataset(Self.files()) { d in
            try oddity.make(at: d.path + "/holidays.csv")
            return try d.failure()
        }
        #expect(e.errors.count == 1)
        #expect(e.errors.first?.location.description == "holidays.csv:1:1")
        #expect(e.errors.first?.found.contains(oddity.found) == true, "\(e)")
        #expect(e.errors.first?.expected.contains("no holidays.csv at all") == true)
    }

    /// The manifest as a directory: one error, not "no manifest".
    @Test func manifestThatIsADirectory() throws {
        var files = Self.files()
        files["allot.yaml"] = nil
        let e = try withDataset(files) { d in
            try FileManager.default.createDirectory(atPath: d.path + "/allot.yaml", withIntermediateDirectories: false)
            return try d.failure()
        }
        #expect(e.errors.map(\.location.description) == ["allot.yaml:1:1"])
        #expect(e.errors.first?.found == "a directory")
    }

    /// A link to a regular file is followed.
    @Test func linkToARegularFileIsRead() throws {
        let p = try withDataset(Self.files()) { d in
            try "date\n2027-01-06\n".write(toFile: d.path + "/elsewhere.txt", atomically: true, encoding: .utf8)
            try FileManager.default.createSymbolicLink(
                atPath: d.path + "/holidays.csv",
                withDestinationPath: "elsewhere.txt")
            return try d.portfolio()
        }
        #expect(p.holidays.map(\.date) == [day("2027-01-06")])
    }

    /// A file over the limit is refused from its size, before a byte is read:
    /// a sparse 300 MB leave.csv (300 x 1,048,576 bytes) costs no disk and no time.
    @Test func tableOverTheSizeLimit() throws {
        let e = try withDataset(Self.files()) { d in
            let path = d.path + "/leave.csv"
            #expect(FileManager.default.createFile(atPath: path, contents: nil))
            let handle = try #require(FileHandle(forWritingAtPath: path))
            try handle.truncate(atOffset: 300 * 1_048_576)
            try handle.close()
            return try d.failure()
        }
        #expect(e.errors.map(\.location.description) == ["leave.csv:1:1"])
        #expect(e.errors.first?.found == "a file of 300 MB")
        #expect(e.errors.first?.expected.hasPrefix("leave.csv of at most 256 MB") == true)
    }

    /// A file the user may not read stops loading (exit 66) with the file named.
    /// Root reads everything, so this runs only for other users (as in CI).
    @Test(.enabled(if: geteuid() != 0, "root can read a file with mode 000"))
    func unreadableOptionalTable() throws {
        try withDataset(Self.files()) { d in
            let path = d.path + "/leave.csv"
            let rows = "staff_id,start,end\nalice,2027-01-04,2027-01-08\n"
            try rows.write(toFile: path, atomically: true, encoding: .utf8)
            #expect(chmod(path, 0) == 0)
            defer { chmod(path, 0o644) }
            do {
                _ = try d.load()
                Issue.record("an unreadable leave.csv was ignored")
            } catch let error as DatasetMissing {
                #expect(error.path.hasSuffix("leave.csv"))
                #expect(error.reason.contains("cannot be read"))
            }
        }
    }

    // MARK: - Empty tables

    /// Empty optional files mean "no rows" (they gave four errors).
    @Test func emptyOptionalTablesHaveNoRows() throws {
        var files = Self.files()
        for name in ["leave.csv", "holidays.csv", "commitments.csv"] { files[name] = "" }
        files["holidays.csv"] = "\u{FEFF}\r\n"  // a BOM and a blank line is empty too
        let p = try withDataset(files) { try $0.portfolio() }
        #expect(p.leave.isEmpty && p.holidays.isEmpty && p.commitments.isEmpty)
        #expect(p.warnings.isEmpty)
    }

    /// An empty required table is one error, without missing-column knock-ons.
    @Test func emptyRequiredTableIsOneError() throws {
        var files = Self.files()
        files["demand.csv"] = ""
        let e = try withDataset(files) { try $0.failure() }
        #expect(e.errors.map(\.location.description) == ["demand.csv:1:1"])
        #expect(e.errors.first?.found == "an empty file")
    }

    /// A header-only demand.csv plans nothing: say so.
    @Test func headerOnlyDemandWarns() throws {
        var files = Self.files()
        files["demand.csv"] = "project_id,skill,hours_per_week\n"
        let p = try withDataset(files) { try $0.portfolio() }
        #expect(p.warnings.map(\.location.description) == ["demand.csv:1:1"])
        #expect(p.warnings.first?.found == "no rows in demand.csv: nothing to staff")
    }

    // MARK: - Separators

    /// Excel in much of Europe writes semicolons: one error first, naming the
    /// file and the fix, instead of 25 knock-on errors (leave.csv names alice,
    /// and demand asks for swift, which only the unreadable staff.csv holds).
    @Test(arguments: [";", "\t"])
    func wrongSeparatorIsOneError(separator: String) throws {
        var files = Self.files()
        files["staff.csv"] =
            ["id", "cost_per_hour", "skills"].joined(separator: separator) + "\n"
            + ["alice", "85,5", "swift:3"].joined(separator: separator) + "\n"
        files["leave.csv"] = "staff_id,start,end\nalice,2027-01-04,2027-01-05\n"
        let e = try withDataset(files) { try $0.failure() }
        #expect(e.diagnostics.count == 1, "\(e)")
        #expect(e.errors.first?.location.description == "staff.csv:1:1")
        #expect(e.errors.first?.found.contains(separator == ";" ? "semicolons" : "tabs") == true)
        #expect(e.errors.first?.expected.contains("comma-separated") == true)
    }

    /// A one-cell header is taken for semicolon-separated only when its parts
    /// name a column of the table.
    @Test func separatorNeedsAKnownColumn() {
        let start = AllotCore.SourceLocation(file: "holidays.csv", line: 1, column: 1)
        let header = [CSVTable.Cell("date;when", at: start)]
        #expect(Validator.wrongSeparator(header, .holidays) != nil)  // "date" is a holidays column
        let other = [CSVTable.Cell("a;b", at: start)]
        #expect(Validator.wrongSeparator(other, .holidays) == nil)
    }

    // MARK: - Skills nobody asks for

    /// `securty` and `Java` used to pass silently. Staff line 2
    /// `alice,100,securty:5;Java:3;sql:2`: alice(1-5) ,(6) 100(7-9) ,(10) ->
    /// skills at col 11. `sql` is not a typo of `sap` (2 edits in 3 letters).
    @Test func staffSkillsNobodyAsksForAreWarned() throws {
        var files = Self.files()
        files["staff.csv"] = "id,cost_per_hour,skills\nalice,100,securty:5;Java:3;sql:2\nbob,90,securty:2\n"
        files["demand.csv"] = "project_id,skill,hours_per_week\napollo,security,10\napollo,java,5\napollo,sap,5\n"
        let p = try withDataset(files) { try $0.portfolio() }
        let stray = p.warnings.filter { $0.location.file == "staff.csv" }
        #expect(stray.count == 3)
        #expect(stray.allSatisfy { $0.location.description == "staff.csv:2:11" })
        let java = stray.first { $0.found.contains("\"Java\"") }
        #expect(java?.expected.contains("did you mean \"java\"?") == true)
        let securty = stray.first { $0.found.contains("\"securty\"") }
        #expect(securty?.found.contains("held by 2 people") == true)
        #expect(securty?.expected.contains("did you mean \"security\"?") == true)
        let sql = stray.first { $0.found.contains("\"sql\"") }
        #expect(sql?.expected.contains("did you mean") == false)
    }

    // MARK: - Messages

    /// The first byte that is not UTF-8, at the line and column an editor shows:
    /// overlong forms, surrogates and bytes above F4 used to pass the old check
    /// and be reported on the last line.
    @Test(
        arguments: [
            ([0x61, 0x0A, 0x62, 0x0A, 0x63, 0xC0, 0x80, 0x0A], "t.csv:3:2"),  // overlong NUL after "c"
            // A surrogate, CRLF lines.
            ([0x6F, 0x6B, 0x0D, 0x0A, 0x6F, 0x6B, 0x0D, 0x0A, 0xED, 0xA0, 0x80], "t.csv:3:1"),
            ([0x78, 0x0A, 0xF5, 0x80, 0x80, 0x80, 0x0A, 0x79], "t.csv:2:1"),  // above U+10FFFF
            ([0x61, 0x0A, 0x4D, 0xFC, 0x6C, 0x6C, 0x65, 0x72], "t.csv:2:2"),  // Latin-1 "Müller"
            ([0x61, 0x0D, 0x62, 0x0D, 0xFF], "t.csv:3:1"),  // old Mac line ends
        ] as [([UInt8], String)])
    func badUTF8AtItsLine(bytes: [UInt8], location: String) {
        guard case .failure(let d) = Dataset.decodeText(Data(bytes), file: "t.csv") else {
            Issue.record("accepted bytes that are not UTF-8")
            return
        }
        #expect(d.location.description == location)
    }

    /// A table with a byte that is not UTF-8 is still read, so its other
    /// problems show with the encoding error: a Latin-1 "Müller" on line 2
    /// and a cost_per_hour of "abc" on line 3 (it was the encoding error alone).
    @Test func aBadByteDoesNotHideTheTablesOtherProblems() throws {
        let path = try PlanFixture.folder(Self.files())
        defer { try? FileManager.default.removeItem(atPath: path) }
        let latin1: [UInt8] =
            Array("id,name,cost_per_hour,skills\nmueller,M".utf8) + [0xFC]
            + Array("ller,100,swift:3\nalice,,abc,swift:3\n".utf8)
        try Data(latin1).write(to: URL(fileURLWithPath: path + "/staff.csv"))
        guard case .failure(let e) = try Dataset.load(from: path).validate() else {
            Issue.record("a bad byte was accepted")
            return
        }
        // "mueller,M" is 9 characters: the bad byte at column 10.
        #expect(e.errors.map(\.location.description).sorted() == ["staff.csv:2:10", "staff.csv:3:8"])
    }

    /// A skill name over 64 characters says the limit and the length.
    @Test func longSkillNameSaysTheLimit() throws {
        let long = String(repeating: "s", count: 70)
        var files = Self.files()
        files["staff.csv"] = "id,cost_per_hour,skills\nalice,100,\(long):3\n"
        let e = try withDataset(files) { try $0.failure() }
        let d = e.errors.first { $0.location.file == "staff.csv" }
        #expect(d?.found.contains("(70 characters)") == true)
        #expect(d?.expected.contains("at most 64 characters") == true)
    }
}

/// Replacing an output file keeps what the user set up around it.
@Suite struct OutputFileTests {
    /// A link is followed (the file it names gets the new text, the link
    /// stays a link), and a file of mode 600 stays 600 (a cost export became
    /// readable by everyone, 644).
    @Test func aLinkIsFollowedAndPermissionsKept() throws {
        let dir = try PlanFixture.folder([:])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "old".write(toFile: dir + "/real.txt", atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: dir + "/link.txt", withDestinationPath: "real.txt")
        try OutputFile.write("new", to: dir + "/link.txt")
        #expect(try String(contentsOfFile: dir + "/real.txt", encoding: .utf8) == "new")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: dir + "/link.txt") == "real.txt")
        try "secret".write(toFile: dir + "/cost.jsonl", atomically: true, encoding: .utf8)
        #expect(chmod(dir + "/cost.jsonl", 0o600) == 0)
        try OutputFile.write("more", to: dir + "/cost.jsonl")
        let mode = try FileManager.default.attributesOfItem(atPath: dir + "/cost.jsonl")[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }

    /// A run killed between writing its copy and renaming it left `.NAME.PID.tmp`, a whole
    /// export, and they piled up: the next write removes those of processes that are gone
    /// and that were last changed 10 minutes ago or more (a run on another machine sharing
    /// the folder has process ids this one cannot see); it keeps a live process's (1's), a
    /// fresh one, and anything not of that shape.
    @Test func aKilledRunsCopyIsRemoved() throws {
        let dir = try PlanFixture.folder([:])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var gone: Int32 = 4_000_000
        while kill(gone, 0) == 0 || errno != ESRCH { gone += 1 }
        let old = Date(timeIntervalSinceNow: -11 * 60)
        for name in [
            ".out.jsonl.\(gone).tmp", ".out.jsonl.1.tmp", ".out.jsonl.12ab.tmp", ".out.jsonl.+\(gone).tmp",
            ".other.jsonl.\(gone).tmp",
        ] {
            try "old copy".write(toFile: dir + "/" + name, atomically: false, encoding: .utf8)
            try FileManager.default.setAttributes([.modificationDate: old], ofItemAtPath: dir + "/" + name)
        }
        try "fresh copy".write(toFile: dir + "/.out.jsonl.\(gone + 1).tmp", atomically: false, encoding: .utf8)
        try OutputFile.write("new", to: dir + "/out.jsonl")
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: dir).sorted()
                == [
                    ".other.jsonl.\(gone).tmp", ".out.jsonl.+\(gone).tmp", ".out.jsonl.1.tmp", ".out.jsonl.12ab.tmp",
                    ".out.jsonl.\(gone + 1).tmp", "out.jsonl",
                ])
    }

    /// Foundation's `resolvingSymlinksInPath` named an ancestor for a path of about 1,024 bytes,
    /// so every write below one failed ("Is a directory"); `resolvedPath` keeps the whole path.
    @Test func aPathOfAThousandBytesIsWritten() throws {
        let dir = try PlanFixture.folder([:])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var base = dir
        while base.utf8.count + 201 < 1_000 { base += "/" + String(repeating: "a", count: 200) }
        // Folders of 1,022 to 1,026 bytes: at 1,024 Foundation gave the folder for the file.
        for length in 1_022...1_026 {
            let deep = base + "/" + String(repeating: "b", count: length - base.utf8.count - 1)
            #expect(deep.utf8.count == length)
            try FileManager.default.createDirectory(atPath: deep, withIntermediateDirectories: true)
            #expect(resolvedPath(deep + "/x.txt") == resolvedPath(base) + deep.dropFirst(base.count) + "/x.txt")
            try OutputFile.write("deep", to: deep + "/x.txt")
            #expect(try String(contentsOfFile: deep + "/x.txt", encoding: .utf8) == "deep", "\(length)")
        }
        // A link on the way is resolved, what does not exist yet is kept as written, and `..`
        // goes up from what is reached, past what does not exist (it stayed in the folder).
        try FileManager.default.createSymbolicLink(atPath: dir + "/short", withDestinationPath: base)
        let real = resolvedPath(dir)
        #expect(resolvedPath(dir + "/short/new/../y") == resolvedPath(base) + "/y")
        #expect(
            resolvedPath(dir + "/short/new/../../y") == (resolvedPath(base) as NSString).deletingLastPathComponent
                + "/y")
        #expect(resolvedPath(dir + "/missing/../../x") == (real as NSString).deletingLastPathComponent + "/x")
        #expect(resolvedPath(dir + "/new/../short/x") == resolvedPath(base) + "/x")
        #expect(resolvedPath("/") == "/" && resolvedPath("/..") == "/")
    }

    /// A file name with no room for `.NAME.PID.tmp` (13 bytes more, within 255) is refused
    /// before any work, as is a folder name with no room for `.NAME.allot-new-PID` (19 more).
    @Test func namesWithoutRoomForTheTemporaryAreRefusedFirst() throws {
        let dir = try PlanFixture.folder([:])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(throws: Never.self) { try OutputFile.checkFolder(of: dir + "/" + String(repeating: "f", count: 242)) }
        #expect {
            try OutputFile.checkFolder(of: dir + "/" + String(repeating: "f", count: 243))
        } throws: { ($0 as? OutputFile.WriteError)?.reason.contains("at most 242 bytes") == true }
        #expect(throws: Never.self) {
            try OutputFolder.check(dir + "/" + String(repeating: "d", count: 236), replaceable: { _ in true })
        }
        #expect {
            try OutputFolder.check(dir + "/" + String(repeating: "d", count: 237), replaceable: { _ in true })
        } throws: { ($0 as? OutputFile.WriteError)?.reason.contains("at most 236 bytes") == true }
        // A path: 4,095 less 19 for `.NAME.allot-new-PID`, 81 for a scenario's
        // `/SCENARIO/assignments.csv` and 13 for its temporary name: 3,982 bytes.
        var path = resolvedPath(dir)
        while path.utf8.count + 201 < 3_982 { path += "/" + String(repeating: "p", count: 200) }
        let fits = path + "/" + String(repeating: "q", count: 3_982 - path.utf8.count - 1)
        #expect(fits.utf8.count == 3_982)
        #expect(throws: Never.self) { try OutputFolder.check(fits, replaceable: { _ in true }) }
        #expect {
            try OutputFolder.check(fits + "q", replaceable: { _ in true })
        } throws: { ($0 as? OutputFile.WriteError)?.reason.contains("at most 3,982 bytes") == true }
        // A link to nothing: refused before the solve (it failed after, "Not a directory").
        try FileManager.default.createSymbolicLink(atPath: dir + "/dangling", withDestinationPath: "nowhere")
        #expect {
            try OutputFolder.check(dir + "/dangling", replaceable: { _ in true })
        } throws: {
            ($0 as? OutputFile.WriteError)?.reason.contains("a symbolic link to nowhere, which does not exist") == true
        }
    }
}

/// A folder replaced as a whole: the swap leaves no temporary beside it, and
/// a run killed between the two renames of the fallback leaves the old
/// folder, which the next run puts back instead of deleting it.
@Suite struct OutputFolderSwapTests {
    @Test func theNewFolderTakesThePlaceOfTheOld() throws {
        let dir = try PlanFixture.folder([:])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for run in ["first", "second"] {
            try OutputFolder.replace(dir + "/out", replaceable: { _ in true }) {
                (fresh: String) throws(OutputFile.WriteError) in
                try OutputFile.write(run, to: fresh + "/plan.json")
            }
        }
        #expect(try String(contentsOfFile: dir + "/out/plan.json", encoding: .utf8) == "second")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == ["out"])
    }

    /// A write that fails while the folder is filled (a full disk) names the file as asked
    /// for, not the temporary folder (`.out.allot-new-PID/plan.json`), and says the folder
    /// there was left as it was.
    @Test func aFailedFillNamesTheFolderAskedFor() throws {
        let dir = try PlanFixture.folder([:])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        func failing(_ folder: String) -> OutputFile.WriteError? {
            do {
                try OutputFolder.replace(folder, replaceable: { _ in true }) {
                    (fresh: String) throws(OutputFile.WriteError) in
                    throw OutputFile.WriteError(path: fresh + "/plan.json", reason: "no space left on device")
                }
            } catch { return error }
            return nil
        }
        #expect(
            failing(dir + "/out")?.description
                == "cannot write \(dir)/out/plan.json: no space left on device; nothing was written")
        try OutputFolder.replace(dir + "/out", replaceable: { _ in true }) {
            (fresh: String) throws(OutputFile.WriteError) in try OutputFile.write("kept", to: fresh + "/plan.json")
        }
        #expect(
            failing(dir + "/out/")?.description
                == "cannot write \(dir)/out/plan.json: no space left on device; \(dir)/out was left as it was")
        #expect(try String(contentsOfFile: dir + "/out/plan.json", encoding: .utf8) == "kept")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == ["out"])
    }

    @Test func anOldFolderLeftByAKilledRunGoesBack() throws {
        let dir = try PlanFixture.folder([:])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createDirectory(
            atPath: dir + "/.out.allot-old-4242", withIntermediateDirectories: false)
        try "kept".write(toFile: dir + "/.out.allot-old-4242/plan.json", atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(
            atPath: dir + "/.out.allot-new-4242", withIntermediateDirectories: false)
        OutputFolder.removeStale(in: URL(fileURLWithPath: dir), name: "out")
        #expect(try String(contentsOfFile: dir + "/out/plan.json", encoding: .utf8) == "kept")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == ["out"])
    }
}
