import Foundation
import Spreadsheet
import Testing

@testable import AllotCore

/// The xlsx export as a `Workbook` value, before any file: the tiny plan's
/// sheets against the hand computation in datasets/tiny/README.md. (The
/// written file is read back by openpyxl in AllotCLITests/XLSXExportTests.)
@Suite struct XLSXExporterTests {
    static func workbook(cost: Bool) throws -> Workbook {
        try XLSXExporter().workbook(PlanExporterTests.tinyDocument(), includeCost: cost)
    }

    static func headings(_ sheet: Sheet?) -> [String] {
        (sheet?.rows.first ?? []).map { cell in
            if case .heading(let s) = cell { return s }
            return "(not a heading: \(cell))"
        }
    }

    @Test func sheetsInOrderWithFrozenHeaders() throws {
        let book = try Self.workbook(cost: false)
        #expect(
            book.sheets.map(\.name) == ["Summary", "Heatmap", "Assignments", "Projects", "Conflicts", "Free capacity"])
        for sheet in book.sheets {
            #expect(sheet.frozenRows >= 1, "\(sheet.name)")
            #expect(!Self.headings(sheet).contains { $0.hasPrefix("(not") }, "\(sheet.name): \(Self.headings(sheet))")
        }
        // tiny runs 2027-01-04 to 2027-01-17: the workbook is dated its first day, never "now".
        #expect(book.properties.created == CalendarDay(year: 2027, month: 1, day: 4))
        #expect(book.properties.title == "allot plan: Tiny hand-checked example")
    }

    /// tiny has 7 assignment rows; the filter covers the header and all of them.
    @Test func assignmentsHaveAFilterAndCostsOnlyWhenAsked() throws {
        let plain = try Self.workbook(cost: false)["Assignments"]
        let costed = try Self.workbook(cost: true)["Assignments"]
        #expect(plain?.filter == CellRange(firstRow: 0, firstColumn: 0, lastRow: 7, lastColumn: 10))
        #expect(costed?.filter == CellRange(firstRow: 0, firstColumn: 0, lastRow: 7, lastColumn: 12))
        #expect(Array(Self.headings(costed).suffix(2)) == ["Rate (EUR/h)", "Cost (EUR)"])
        for sheet in try Self.workbook(cost: false).sheets {
            for row in sheet.rows {
                for case .text(let s) in row { #expect(!s.contains("EUR"), "\(sheet.name): \(s)") }
                for case .heading(let s) in row {
                    #expect(!s.contains("EUR") && !s.hasPrefix("Cost"), "\(sheet.name): \(s)")
                }
            }
        }
        // Alice's first row: dates are dates, hours are numbers (24 h of apollo swift in 2027-W01).
        let first = try #require(plain?.rows[1])
        #expect(first[0] == .text("alice") && first[2] == .text("apollo") && first[6] == .text("2027-W01"))
        #expect(first[7] == .date(CalendarDay(year: 2027, month: 1, day: 4)))
        #expect(first[8] == .date(CalendarDay(year: 2027, month: 1, day: 10)))
        #expect(first[9] == .number(24, .decimal))
    }

    /// Coverage by priority (README "Expected results"): 66/66, 38/56, 20/36;
    /// total 124 of 158, unmet 34.
    @Test func summaryTotals() throws {
        let rows = try #require(try Self.workbook(cost: true)["Summary"]).rows
        #expect(
            Array(rows[1].prefix(4)) == [
                .number(1, .integer), .number(66, .decimal), .number(66, .decimal), .number(0, .decimal),
            ])
        #expect(
            Array(rows[2].prefix(4)) == [
                .number(2, .integer), .number(56, .decimal), .number(38, .decimal), .number(18, .decimal),
            ])
        #expect(
            Array(rows[3].prefix(4)) == [
                .number(3, .integer), .number(36, .decimal), .number(20, .decimal), .number(16, .decimal),
            ])
        #expect(
            Array(rows[4].prefix(4)) == [
                .heading("Total"), .number(158, .decimal), .number(124, .decimal), .number(34, .decimal),
            ])
        #expect(rows[4][4] == .number(124.0 / 158.0, .percent))
        #expect(rows.contains([.text("Cost: total"), .number(10400, .decimal)]))
        let plain = try #require(try Self.workbook(cost: false)["Summary"]).rows
        #expect(!plain.contains { $0.first == .text("Cost: total") })
    }

    /// Load per person (README: alice 72/72 h, bob 32/36 h, carol 20/32 h);
    /// carol is on leave all of 2027-W02 (capacity 0): no load, an empty cell.
    @Test func heatmapLoads() throws {
        let sheet = try #require(try Self.workbook(cost: false)["Heatmap"])
        #expect(
            Self.headings(sheet) == [
                "Staff ID", "Name", "Main skill", "Hours", "Capacity", "Load", "2027-W01", "2027-W02",
            ])
        #expect(sheet.rows[1][6] == .date(CalendarDay(year: 2027, month: 1, day: 4)))
        #expect(sheet.frozenRows == 2 && sheet.frozenColumns == 2)
        func row(_ id: String) -> [Cell]? { sheet.rows.first { $0.first == .text(id) } }
        #expect(
            Array(try #require(row("alice"))[3...7]) == [
                .number(72, .decimal), .number(72, .decimal), .number(1, .percent), .number(1, .percent),
                .number(1, .percent),
            ])
        #expect(
            Array(try #require(row("bob"))[3...5]) == [
                .number(32, .decimal), .number(36, .decimal), .number(32.0 / 36.0, .percent),
            ])
        // carol: 20 h of 32 in W01 = 62.5 %; nothing in W02.
        #expect(
            Array(try #require(row("carol"))[5...7]) == [.number(0.625, .percent), .number(0.625, .percent), .empty])
        let total = try #require(sheet.rows.last)
        #expect(
            Array(total[3...5]) == [.number(124, .decimal), .number(140, .decimal), .number(124.0 / 140.0, .percent)])
        // One colour scale over the Load column and the period columns, people and total rows.
        #expect(sheet.colourScales.map(\.range) == [CellRange(firstRow: 2, firstColumn: 5, lastRow: 5, lastColumn: 7)])
    }

    @Test func olderPlansAreRefused() throws {
        let old = try PlanExporterTests.tinyDocument(editing: [.key("periods")], to: nil)
        #expect(throws: PlanReport.MissingFields.self) { try XLSXExporter().workbook(old, includeCost: false) }
        do {
            _ = try XLSXExporter().workbook(old, includeCost: false)
        } catch {
            #expect("\(error)".contains("no periods"), "\(error)")
        }
    }
}
