import Foundation
import Spreadsheet
import Testing

@testable import XLSX

/// The libxlsxwriter wrapper: limits checked before any C call, every
/// feature a plan export uses written as Excel expects (read back with
/// Python's own zipfile module, independently of libxlsxwriter), and the
/// same workbook giving the same bytes.
@Suite struct XLSXWriterTests {
    static let created = CalendarDay(year: 2027, month: 1, day: 4)

    static func sample(created: CalendarDay = created) -> Workbook {
        let hours = Sheet(
            name: "Hours",
            rows: [
                [.heading("Who"), .heading("Day"), .heading("Hours"), .heading("Load"), .heading("Count")],
                [
                    .text("=1+1"), .date(CalendarDay(year: 2027, month: 1, day: 4)), .number(7.5, .decimal),
                    .number(0.875, .percent), .number(3, .integer),
                ],
                [.text("Zoë, \"quoted\" & <tagged>"), .empty, .number(-0.25, .decimal)],
            ],
            columnWidths: [24, 12], frozenRows: 1, frozenColumns: 1,
            filter: CellRange(firstRow: 0, firstColumn: 0, lastRow: 2, lastColumn: 4),
            colourScales: [
                ColourScale(
                    range: CellRange(firstRow: 1, firstColumn: 3, lastRow: 2, lastColumn: 3), low: 0,
                    middle: 1, high: 1.2)
            ])
        return Workbook(
            sheets: [hours, Sheet(name: "Notes", rows: [[.text("second sheet")]])],
            properties: .init(title: "Sample", created: created))
    }

    @Test func theSameWorkbookGivesTheSameBytes() throws {
        let a = try XLSXWriter().data(of: Self.sample())
        let b = try XLSXWriter().data(of: Self.sample())
        #expect(a.prefix(2) == [0x50, 0x4B], "an XLSX file is a zip file (PK)")
        #expect(a == b)
        let later = try XLSXWriter().data(of: Self.sample(created: CalendarDay(year: 2027, month: 1, day: 5)))
        #expect(a != later, "the creation date is written into docProps/core.xml")
    }

    /// Reads members of the zip with Python's zipfile (not libxlsxwriter) and
    /// checks the XML Excel reads.
    @Test func featuresReadBackFromTheZip() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("allot-xlsx-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("sample.xlsx")
        try Data(try XLSXWriter().data(of: Self.sample())).write(to: file)
        func member(_ name: String) throws -> String {
            let script =
                "import sys, zipfile; sys.stdout.write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]).decode())"
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["python3", "-c", script, file.path, name]
            let out = Pipe()
            process.standardOutput = out
            try process.run()
            let data = out.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            #expect(process.terminationStatus == 0, "python3 could not read \(name)")
            return String(decoding: data, as: UTF8.self)
        }
        let sheet = try member("xl/worksheets/sheet1.xml")
        // Frozen: one row and one column, so the pane's top-left cell is B2.
        #expect(
            sheet.contains(#"<pane xSplit="1" ySplit="1" topLeftCell="B2" activePane="bottomRight" state="frozen"/>"#))
        #expect(sheet.contains(#"<autoFilter ref="A1:E3"/>"#))
        #expect(sheet.contains(#"<conditionalFormatting sqref="D2:D3">"#) && sheet.contains("<colorScale>"))
        #expect(sheet.contains(#"<cfvo type="num" val="1.2"/>"#))
        #expect(sheet.contains(#"<col min="1" max="1" width="24.7109375" customWidth="1"/>"#))
        // 2027-01-04 is day 46391 of Excel's calendar: 2025-01-01 is 45658,
        // + 365 (2025) + 365 (2026) = 46388 on 2027-01-01, + 3.
        #expect(sheet.contains(try Regex(#"<c r="B2" s="\d+"><v>46391</v></c>"#)))
        #expect(sheet.contains("<v>7.5</v>") && sheet.contains("<v>0.875</v>") && sheet.contains("<v>-0.25</v>"))
        // Text is a shared string, never a formula.
        #expect(!sheet.contains("<f>"))
        let strings = try member("xl/sharedStrings.xml")
        #expect(strings.contains("<t>=1+1</t>"))
        #expect(strings.contains("Zoë, \"quoted\" &amp; &lt;tagged&gt;"))
        let styles = try member("xl/styles.xml")
        for code in [#"formatCode="yyyy-mm-dd""#, ##"formatCode="#,##0.00""##, #"formatCode="0.0%""#] {
            #expect(styles.contains(code), "\(code)")
        }
        let core = try member("docProps/core.xml")
        #expect(core.contains("<dcterms:created xsi:type=\"dcterms:W3CDTF\">2027-01-04T00:00:00Z</dcterms:created>"))
        #expect(core.contains("<dc:title>Sample</dc:title>"))
        let book = try member("xl/workbook.xml")
        #expect(
            book.contains(#"<sheet name="Hours" sheetId="1""#) && book.contains(#"<sheet name="Notes" sheetId="2""#))
    }

    /// Every broken limit is listed, and nothing reaches libxlsxwriter (which
    /// would print warnings or, for an empty sheet name, read before its buffer).
    /// Cell text keeps only what XML 1.0 allows: tab, line feed and carriage
    /// return stay, NUL, ESC and the noncharacters U+FFFE and U+FFFF go;
    /// U+FFFD, U+E000 and U+10000 (the edges of the allowed ranges) stay.
    @Test func cellTextKeepsOnlyWhatXMLAllows() {
        #expect(XLSXDocument.xmlText("a\tb\nc\rd") == "a\tb\nc\rd")
        #expect(XLSXDocument.xmlText("\u{0}N\u{1B}E\u{FFFE}X\u{FFFF}Y") == "NEXY")
        #expect(XLSXDocument.xmlText("\u{FFFD}\u{E000}\u{10000}\u{D7FF}") == "\u{FFFD}\u{E000}\u{10000}\u{D7FF}")
    }

    @Test func limitsAreCheckedBeforeTheLibrary() {
        let long = String(repeating: "x", count: 32_768)
        let bad = Workbook(
            sheets: [
                Sheet(name: "", rows: [[.number(.nan, .decimal)]]),
                Sheet(name: "Plan: 2027/Q1", rows: [[.text(long)], [.text("a\u{0}b")]]),
                Sheet(name: "plan", rows: [[.date(CalendarDay(year: 2027, month: 2, day: 29))]]),
                Sheet(name: "PLAN", columnWidths: [300]),
                Sheet(name: "'quoted'", filter: CellRange(firstRow: 2, firstColumn: 0, lastRow: 1, lastColumn: 0)),
                Sheet(name: "A name longer than thirty-one characters"),
            ],
            properties: .init(title: "Bad", created: CalendarDay(year: 1899, month: 12, day: 31)))
        #expect(throws: XLSXError.self) { try XLSXWriter().data(of: bad) }
        let problems = bad.limitProblems()
        let expected = [
            "a sheet has an empty name",
            "!A1: nan is not a finite number",
            "the sheet name \"Plan: 2027/Q1\" contains one of [ ] : * ? / \\",
            "Plan: 2027/Q1!A1: the text has 32768 characters, more than 32767",
            "Plan: 2027/Q1!A2: the text contains a NUL character",
            "plan!A1: 2027-02-29 is not a date in 1900-9999",
            "the sheet name \"PLAN\" is used twice (case is ignored)",
            "PLAN!A: the width 300.0 is not in 0...255",
            "the sheet name \"'quoted'\" starts or ends with '",
            "'quoted': the filter covers rows 2...1, columns 0...0, which is not a range of cells",
            "the sheet name \"A name longer than thirty-one characters\" is longer than 31 characters",
            "the creation date 1899-12-31 is not a date in 1900-9999",
        ]
        for line in expected { #expect(problems.contains(line), "missing: \(line)\nfound: \(problems)") }
        #expect(problems.count == expected.count, "\(problems)")
        #expect(XLSXLimits.columnName(0) == "A" && XLSXLimits.columnName(25) == "Z")
        #expect(XLSXLimits.columnName(26) == "AA" && XLSXLimits.columnName(16_383) == "XFD")
    }
}
