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
