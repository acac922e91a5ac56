import Foundation
import Testing

@testable import AllotCore

/// The export formats behind `PlanExporter`, on the tiny plan read back from
/// its folder. (The exports' contents are checked by independent readers in
/// AllotCLITests/ExportTests.)
@Suite struct PlanExporterTests {
    static func tinyDocument(editing path: [JSONStep] = [], to value: JSON? = nil) throws -> PlanDocument {
        let (_, folder) = try PlanFileTests.tinyPlanFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var bytes = try PlanFileTests.bytes(folder + "/plan.json")
        if !path.isEmpty {
            bytes = Array(try toJSON(ParsedJSON.parse(bytes)).replacing(path[...], with: value).rendered().utf8)
        }
        return try PlanDocument.read(bytes, path: folder + "/plan.json")
    }

    @Test func everyFormatHasItsExporter() {
        for format in ExportFormat.allCases {
            #expect(type(of: format.exporter).exportFormat == format, "\(format)")
        }
        #expect(
            Set(ExportFormat.allCases.map(\.rawValue))
                == ["jsonl", "jira-csv", "asana-csv", "mspdi", "ical", "lp", "mps", "mathprog", "xlsx"])
    }

    /// jsonl: one line per assignment (tiny has 7), in the plan's order.
    @Test func jsonLinesHasOneLinePerAssignment() throws {
        let document = try Self.tinyDocument()
        let text = try #require(JSONLinesExporter().export(document, options: ExportOptions()).text)
        let lines = text.split(separator: "\n")
        #expect(lines.count == 7)
        for (line, row) in zip(lines, document.rows) {
            #expect(line.hasPrefix("{\"staff_id\":\"\(row.staff)\","), "\(line)")
            #expect(line.contains("\"project_id\":\"\(row.project)\""), "\(line)")
        }
    }

    /// ical without a person: a folder with alice.ics, bob.ics, carol.ics
    /// (everyone in tiny has assignments), each the same as that person's file.
    @Test func calendarsAreAFolderOrOneFile() throws {
        let document = try Self.tinyDocument()
        guard case .folder(let folder) = try ICalendarExporter().export(document, options: ExportOptions()) else {
            Issue.record("ical without a person should be a folder")
            return
        }
        #expect(folder.defaultName == "calendars")
        #expect(folder.files.map(\.name) == ["alice.ics", "bob.ics", "carol.ics"])
        for file in folder.files {
            let id = Staff.ID(String(file.name.dropLast(".ics".count)))
            let one = try ICalendarExporter().export(document, options: ExportOptions(person: id))
            #expect(one == .file(file.text), "\(id)")
            // One VEVENT per assignment row of the person: alice 4, bob 2, carol 1 in this plan.
            let events = file.text.components(separatedBy: "BEGIN:VEVENT").count - 1
            #expect(events == document.rows.filter { $0.staff == id }.count)
        }
        #expect(throws: ExportError.self) {
            try ICalendarExporter().export(document, options: ExportOptions(person: Staff.ID("dave")))
        }
    }

    /// Calendar UIDs tell apart ids that hold `-`: joined as they are, project
    /// web + skill x-dev and project web-x + skill dev both gave
    /// allot-ann-web-x-dev-2027-W01, and ann on x-web and ann-x on web both
    /// allot-ann-x-web-dev-2027-W01. With `-` written %2D inside each id (and
    /// `%` %25), by hand:
    @Test(arguments: [
        ("ann", "web", "x-dev", "allot-ann-web-x%2Ddev-2027-W01@allot.invalid"),
        ("ann", "web-x", "dev", "allot-ann-web%2Dx-dev-2027-W01@allot.invalid"),
        ("ann", "x-web", "dev", "allot-ann-x%2Dweb-dev-2027-W01@allot.invalid"),
        ("ann-x", "web", "dev", "allot-ann%2Dx-web-dev-2027-W01@allot.invalid"),
        ("a.b_c", "p", "s", "allot-a.b_c-p-s-2027-W01@allot.invalid"),  // no `-`: as before
    ])
    func calendarUIDsKeepIDsApart(staff: String, project: String, skill: String, uid: String) throws {
        let period = try #require(PeriodName(rawValue: "2027-W01"))
        let monday = try #require(Day(year: 2027, month: 1, day: 4))
        let row = PlanDocument.Row(
            staff: Staff.ID(staff), project: Project.ID(project), skill: skill, period: period, start: monday,
            end: monday.advanced(by: 6), hours: 8, cost: 0, lockedHours: 0)
        #expect(ICalendarExporter.uid(row) == uid)
    }

    /// What no export keeps, by hand: line breaks and tabs become one space;
    /// NUL, ESC, DEL (U+007F), the C1 controls (U+0080 to U+009F) and the
    /// noncharacters U+FFFE and U+FFFF (forbidden in XML) are dropped; other
    /// text (U+2028, U+200B, U+FFFD, emoji) stays.
    @Test func printableDropsControlsAndXMLForbiddenNoncharacters() {
        #expect(printable("a\tb\r\nc") == "a b c")
        #expect(printable("\u{0}N\u{1B}E\u{7F}D\u{80}C\u{9F}1\u{FFFE}X\u{FFFF}Y") == "NEDC1XY")
        #expect(printable("\u{2028}\u{200B}\u{FFFD}😀") == "\u{2028}\u{200B}\u{FFFD}😀")
    }

    /// jsonl drops what every export drops, as the docs say: alice's name
    /// "A<DEL>B<U+0085>C<U+009F>D<TAB>E<LF>F<NUL>G<U+FFFE>" keeps only the
    /// tab and the line feed, which JSON escapes: "ABCD\tE\nFG" as written.
    @Test func jsonLinesDropsDELAndC1Controls() throws {
        let name = "A\u{7F}B\u{85}C\u{9F}D\tE\nF\u{0}G\u{FFFE}"
        let document = try Self.tinyDocument(editing: [.key("staff"), .index(0), .key("name")], to: .string(name))
        let text = try #require(JSONLinesExporter().export(document, options: ExportOptions()).text)
        let alice = text.split(separator: "\n").filter { $0.hasPrefix("{\"staff_id\":\"alice\",") }
        #expect(alice.count == 4)  // alice's 4 rows in tiny
        for line in alice { #expect(line.contains(#""staff_name":"ABCD\tE\nFG","#), "\(line)") }
    }

    /// iCal turns a tab into a space like the other formats (it used to drop
    /// it: "Alice\tArcher" became "AliceArcher"), one space after a space, and
    /// drops DEL, C1 controls and U+FFFF like them.
    @Test func calendarTextTurnsTabsIntoSpaces() throws {
        #expect(ICalendarExporter.icalText("Alice\tArcher") == "Alice Archer")
        #expect(ICalendarExporter.icalText("a \t\tb") == "a b")
        #expect(ICalendarExporter.icalText("x\u{7F}\u{9B}y\u{FFFF}z") == "xyz")
        let document = try Self.tinyDocument(
            editing: [.key("staff"), .index(0), .key("name")], to: .string("Alice\tArcher"))
        let calendar = try ICalendarExporter().calendar(document, person: Staff.ID("alice"))
        #expect(calendar.contains("X-WR-CALNAME:allot: Alice Archer\r\n"), "\(calendar)")
    }

    /// MS Project's StartDate: the first assignment's start (tiny: alice in
    /// 2027-W01, Monday 2027-01-04, at 09:00). Without assignments it was
    /// 1970-01-01; now the horizon's first day, tiny's 2027-01-04 (allot.yaml),
    /// also a Monday. Without periods either (an older plan), no StartDate.
    @Test func projectStartDateWithoutAssignmentsIsTheHorizonStart() throws {
        var document = try Self.tinyDocument()
        let planned = try #require(MSPDIExporter().export(document, options: ExportOptions()).text)
        #expect(planned.contains("  <StartDate>2027-01-04T09:00:00</StartDate>\n"))
        document.rows = []
        let empty = try #require(MSPDIExporter().export(document, options: ExportOptions()).text)
        #expect(empty.contains("  <StartDate>2027-01-04T09:00:00</StartDate>\n"), "\(empty)")
        #expect(!empty.contains("<Task>") && !empty.contains("1970"))
        document.file.periods = nil
        let old = try #require(MSPDIExporter().export(document, options: ExportOptions()).text)
        #expect(!old.contains("StartDate") && !old.contains("1970"), "\(old)")
    }

    /// Jira rejects a Summary of 255 characters or more. apollo renamed to 300
    /// P's: "PPP… – Alice Archer" is 315 characters, cut to 253 P's and "…"
    /// (254); per period the " – 2027-W01" (11) stays: 254 - 11 - 1 = 242 P's.
    /// Jira counts UTF-16 units, so 200 emoji (2 units each) keep 126 (252
    /// units) and "…": 253, as the 127th would make 255. tiny's own
    /// summaries are short and stay whole.
    /// MS Project's schema limits a Name to 512 characters: 700 letters give
    /// 511 and "…"; a name of 255 technologists (👩‍💻, 3 scalars each) is cut
    /// between them, 170 x 3 = 510 scalars and "…" (171 would be 513).
    @Test func msProjectNamesStayWithinTheSchema() {
        let letters = MSPDIExporter.name(String(repeating: "a", count: 700))
        #expect(letters == String(repeating: "a", count: 511) + "…")
        #expect(letters.unicodeScalars.count == 512)
        let coders = MSPDIExporter.name(String(repeating: "👩‍💻", count: 255))
        #expect(coders == String(repeating: "👩‍💻", count: 170) + "…")
        #expect(MSPDIExporter.name("Apollo") == "Apollo")
    }

    @Test func jiraSummariesStayUnder255Characters() throws {
        func summaries(_ name: String, _ granularity: ExportOptions.Granularity) throws -> [String] {
            let document = try Self.tinyDocument(
                editing: [.key("projects"), .index(0), .key("name")], to: .string(name))
            let text = try #require(
                JiraCSVExporter().export(document, options: ExportOptions(granularity: granularity)).text)
            return text.split(separator: "\n").dropFirst().map { String($0.prefix { $0 != "," }) }
        }
        let long = String(repeating: "P", count: 300)
        #expect(try summaries(long, .assignment).first == String(repeating: "P", count: 253) + "…")
        #expect(try summaries(long, .period).first == String(repeating: "P", count: 242) + "… – 2027-W01")
        let emoji = try summaries(String(repeating: "😀", count: 200), .assignment).first ?? ""
        #expect(emoji == String(repeating: "😀", count: 126) + "…" && emoji.utf16.count == 253)
        #expect(try summaries("Apollo mobile app", .assignment).first == "Apollo mobile app – Alice Archer")
    }

    /// Tracker formats match people by email: without bob's, they fail
    /// naming bob, unless assigning by id.
    @Test func trackersNeedEmailsUnlessAssigningByID() throws {
        let document = try Self.tinyDocument(editing: [.key("staff"), .index(1), .key("email")], to: .null)
        for exporter in [JiraCSVExporter() as any PlanExporter, AsanaCSVExporter()] {
            do {
                _ = try exporter.export(document, options: ExportOptions())
                Issue.record("\(type(of: exporter)) exported without bob's email")
            } catch let error as ExportError {
                guard case .missingEmails(let ids) = error else {
                    Issue.record("\(error)")
                    continue
                }
                #expect(ids == [Staff.ID("bob")])
            }
            let byID = try exporter.export(document, options: ExportOptions(assignee: .id)).text ?? ""
            #expect(byID.contains(",bob,"), "\(byID)")
        }
    }
}
