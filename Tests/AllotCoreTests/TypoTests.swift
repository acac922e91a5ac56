import Foundation
import Testing

@testable import AllotCore

/// The mistakes a first-time user makes while writing a dataset by hand (found
/// by walking through the docs as a newcomer): each is named where it stands,
/// with the fix, instead of being skipped without a word or answered with an
/// error about something else.
@Suite struct TypoTests {
    static let files = HostileInputTests.files()

    // MARK: - Did you mean

    /// Edits counted by hand: "bne" -> "ben" swaps n and e (1 edit);
    /// "bne" -> "ana" substitutes b and e (2 edits). A swap used to count 2,
    /// so "ana" won the tie alphabetically.
    @Test func aSwapOfNeighboursIsOneEdit() {
        #expect(editDistance("bne", "ben") == 1)
        #expect(editDistance("bne", "ana") == 2)
        #expect(editDistance("hours_per_wek", "hours_per_week") == 1)
        #expect(editDistance("heike.vogle", "heike.vogel") == 1)
        #expect(didYouMean("bne", among: ["ana", "ben"]) == " (did you mean \"ben\"?)")
    }

    /// One edit in a one-letter name is no typo (3 x 1 > 1); neither are two
    /// in a three-letter one ("sql" and "sap"). A name differing only in
    /// case is suggested; the same name is not.
    @Test func shortNamesGetNoGuess() {
        #expect(didYouMean("g", among: ["a", "b"]).isEmpty)
        #expect(didYouMean("sql", among: ["sap"]).isEmpty)
        #expect(didYouMean("Java", among: ["java"]) == " (did you mean \"java\"?)")
        #expect(didYouMean("java", among: ["java"]).isEmpty)
        #expect(didYouMean("sett", among: ["leave", "add", "remove", "set", "scale"]) == " (did you mean \"set\"?)")
    }

    // MARK: - Dates

    /// 2027 is not a leap year (2027 / 4 = 506.75), so February has 28
    /// days; 2028 is (2028 / 4 = 507), 29.
    @Test func aDayThatDoesNotExistIsCalledThat() throws {
        #expect(Validator.dateExpectation("2027-02-30") == "a day that exists (2027-02 has 28 days)")
        #expect(Validator.dateExpectation("2028-02-30") == "a day that exists (2028-02 has 29 days)")
        #expect(Validator.dateExpectation("2027-04-31") == "a day that exists (2027-04 has 30 days)")
        #expect(Validator.dateExpectation("2027-13-01").hasPrefix("a month from 01 to 12"))
        #expect(Validator.dateExpectation("4.1.2027") == "a date written YYYY-MM-DD, e.g. 2027-01-04")
        // In a table: staff.csv line 2 "alice,100,swift:3,2027-02-30": "alice," is
        // columns 1-6, "100," 7-10, "swift:3," 11-18, so start is at column 19.
        var files = Self.files
        files["staff.csv"] = "id,cost_per_hour,skills,start\nalice,100,swift:3,2027-02-30\n"
        let e = try withDataset(files) { try $0.failure() }
        #expect(e.errors.map(\.location.description) == ["staff.csv:2:19"])
        #expect(e.errors.first?.expected == "a day that exists (2027-02 has 28 days)")
    }

    // MARK: - Columns

    /// `cost_per_hr` for `cost_per_hour` (2 edits): the error names the
    /// column to rename, and the demand for swift is not also said to be
    /// unstaffable (alice has swift; her row is only unreadable).
    @Test func aMisspeltRequiredColumnIsNamedWithItsFix() throws {
        var files = Self.files
        files["staff.csv"] = "id,cost_per_hr,skills\nalice,100,swift:3\n"
        let e = try withDataset(files) { try $0.failure() }
        #expect(e.errors.count == 1)
        #expect(e.errors.first?.expected.hasSuffix("; rename \"cost_per_hr\" to cost_per_hour") == true)
        let unknown = e.diagnostics.first { $0.found == "an unknown column \"cost_per_hr\"" }
        #expect(unknown?.expected.contains("(did you mean \"cost_per_hour\"?)") == true)
        #expect(!e.diagnostics.contains { $0.found.contains("nobody in staff.csv has") })
    }

    /// A header given twice in other case is quoted as written (`ID` at
    /// column 4, after `id,`), and a header cell left empty is a column
    /// without a name (it read "an unknown column an empty value").
    @Test func headersAreQuotedAsWritten() throws {
        var files = Self.files
        files["staff.csv"] = "id,ID,cost_per_hour,,skills\nalice,a,100,,swift:3\n"
        let e = try withDataset(files) { try $0.failure() }
        let twice = try #require(e.errors.first { $0.found.contains("a second time") })
        #expect(twice.found == "the column \"ID\" a second time")
        #expect(twice.location.column == 4)
        #expect(e.diagnostics.contains { $0.found == "a column without a name" && $0.location.column == 21 })
    }

    /// Eight unknown columns x1..x8 after staff.csv's three: the first five
    /// are warned one by one, the other three in one warning at x6 (column
    /// 40: "id,cost_per_hour,skills," is 24 characters and "x1,".."x5," 15
    /// more, so x6 starts at 24 + 15 + 1).
    @Test func manyUnknownColumnsAreOneWarning() throws {
        var files = Self.files
        let extra = (1...8).map { "x\($0)" }
        files["staff.csv"] =
            "id,cost_per_hour,skills," + extra.joined(separator: ",") + "\nalice,100,swift:3"
            + String(repeating: ",", count: 8) + "\n"
        let warnings = try withDataset(files) { d in try d.load().validate().get().warnings }
        let columns = warnings.filter { $0.found.contains("unknown column") }
        #expect(columns.count == 6, "\(columns)")
        #expect(columns.last?.found == "3 more unknown columns, \"x6\" to \"x8\"")
        #expect(columns.last?.location.column == 40)
    }

    /// `min_lvl` is an unknown column (ignored, as the format says), but the
    /// warning now says which column was meant.
    @Test func aMisspeltOptionalColumnIsWarnedWithTheColumnMeant() throws {
        var files = Self.files
        files["demand.csv"] = "project_id,skill,min_lvl,hours_per_week\napollo,swift,4,10\n"
        let p = try withDataset(files) { try $0.portfolio() }
        let w = p.warnings.first { $0.found == "an unknown column \"min_lvl\"" }
        // "project_id," is columns 1-11, "skill," 12-17: min_lvl at 18.
        #expect(w?.location.description == "demand.csv:1:18")
        #expect(w?.expected.contains("(did you mean \"min_level\"?) (the column is ignored)") == true)
    }

    /// A level of 7 on alice's row no longer also says that the best level
    /// anyone has for swift is bob's 2, below the 4 asked: alice's level is
    /// unread, not absent. kotlin, which nobody has written, is still said.
    @Test func aBrokenSkillLevelRaisesNoWarningAboutThatSkill() throws {
        var files = Self.files
        files["staff.csv"] = "id,cost_per_hour,skills\nalice,100,swift:7\nbob,90,swift:2\n"
        files["demand.csv"] = "project_id,skill,min_level,hours_per_week\napollo,swift,4,10\napollo,kotlin,1,5\n"
        let e = try withDataset(files) { try $0.failure() }
        #expect(e.errors.count == 1)
        // "alice," is columns 1-6, "100," 7-10: skills at 11.
        #expect(e.errors.first?.location.description == "staff.csv:2:11")
        let demand = e.diagnostics.filter { $0.location.file == "demand.csv" }
        // Line 3 "apollo,kotlin,1,5": "apollo," is columns 1-7, kotlin at 8.
        #expect(demand.map(\.location.description) == ["demand.csv:3:8"])
        #expect(demand.first?.found == "the skill \"kotlin\", which nobody in staff.csv has")
        // A skill whose name cannot be read ("swift-4") may be any: no skill warnings at all.
        files["staff.csv"] = "id,cost_per_hour,skills\nalice,100,swift-4\nbob,90,swift:2\n"
        let unread = try withDataset(files) { try $0.failure() }
        #expect(!unread.diagnostics.contains { $0.location.file == "demand.csv" })
    }

    // MARK: - Files

    /// holiday.csv beside the dataset is not holidays.csv: a warning at the
    /// file that is there, instead of a plan that quietly has no holidays.
    @Test func aMisnamedOptionalTableIsWarned() throws {
        var files = Self.files
        files["holiday.csv"] = "date,name\n2027-01-06,Epiphany\n"
        let p = try withDataset(files) { try $0.portfolio() }
        #expect(p.holidays.isEmpty)
        let w = p.warnings.first { $0.location.file == "holiday.csv" }
        #expect(w?.found == "the file \"holiday.csv\", which allot does not read")
        #expect(w?.expected == "holidays.csv (rename it; as it is, the dataset has no holidays)")
    }

    /// Files of another kind are no typos of a table: a calendar export
    /// (holidays.ics) and an editor's backup (leave.csv~) get no warning.
    @Test func otherKindsOfFileAreNotTakenForTables() throws {
        var files = Self.files
        files["holidays.ics"] = "BEGIN:VCALENDAR\nEND:VCALENDAR\n"
        files["leave.csv~"] = "staff_id,start,end\n"
        let p = try withDataset(files) { try $0.portfolio() }
        #expect(p.warnings.isEmpty, "\(p.warnings)")
    }

    /// Staff.csv (file names are exact) and allot.yml: the missing file's
    /// error names the one that is there.
    @Test func aMisnamedRequiredFileIsNamedInTheError() throws {
        var files = Self.files
        files["Staff.csv"] = files.removeValue(forKey: "staff.csv")
        let e = try withDataset(files) { try $0.failure() }
        let missing = e.errors.first { $0.found == "no file staff.csv in the dataset" }
        #expect(missing?.expected.hasSuffix("; the folder has \"Staff.csv\": rename it to staff.csv") == true)

        var yml = Self.files
        yml["allot.yml"] = yml.removeValue(forKey: "allot.yaml")
        let d = try TempDataset(yml)
        defer { d.remove() }
        let error = #expect(throws: DatasetMissing.self) { try d.load() }
        #expect(
            error?.reason
                == "no manifest, but the folder has \"allot.yml\": rename it to allot.yaml (file names are exact, lowercase)"
        )
    }

    // MARK: - Scenario changes

    /// `hours_per_wek` in a leave change used to be dropped without a word,
    /// so the leave was at 0 h. Line 3 of the manifest below, the key at
    /// column 63 ("    changes: [{op: leave, staff: alice, start: 2027-01-06, " is 62 characters).
    @Test func anUnknownKeyInAChangeIsWarnedWithTheKeyMeant() throws {
        var files = Self.files
        files["allot.yaml"] =
            PlanFixture.oneWeek + "scenarios:\n  - name: part-time\n"
            + "    changes: [{op: leave, staff: alice, start: 2027-01-06, hours_per_wek: 20}]\n"
            + "  - {name: typo, descripton: x, changes: [{op: sett, table: projects, id: apollo, field: priority, value: 2}]}\n"
        let manifest = files["allot.yaml"]!
        let d = try withDataset(files) { try $0.load() }
        let problems = d.scenarios().problems
        let key = problems.first {
            $0.found == "an unknown key \"hours_per_wek\" in scenario \"part-time\", change 1 (leave)"
        }
        #expect(key?.severity == .warning)
        #expect(key?.location.description == HostileInputTests.position(of: "hours_per_wek", in: manifest))
        #expect(
            key?.expected
                == "one of op, staff, start, end, hours_per_week (did you mean \"hours_per_week\"?) (the key is ignored)"
        )
        let scenarioKey = problems.first { $0.found == "an unknown scenario key \"descripton\" in scenario \"typo\"" }
        #expect(scenarioKey?.expected.contains("(did you mean \"description\"?)") == true)
        let op = problems.first { $0.found == "op \"sett\" in scenario \"typo\", change 1" }
        #expect(op?.expected == "one of leave, add, remove, set, scale (did you mean \"set\"?)")
    }
}

/// What a reader cannot see is written out in a finding's value.
@Suite struct InvisibleCharacterTests {
    @Test func quotedValuesShowInvisibleCharacters() {
        #expect(quoted("alice\u{200B}") == "\"alice\\u{200B}\"")  // zero-width space
        #expect(quoted("50\u{A0}") == "\"50\\u{A0}\"")  // no-break space
        #expect(quoted("\u{FEFF}id") == "\"\\u{FEFF}id\"")  // byte order mark
        #expect(quoted("a b\tc") == "\"a b\\tc\"")
        #expect(quoted("Zoë") == "\"Zoë\"")
    }
}
