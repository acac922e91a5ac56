import Foundation
import Testing

@testable import AllotCore

@Suite struct CSVTableTests {
    func parse(_ text: String) -> (CSVTable, [Diagnostic]) { CSVTable.parse(text, file: "t.csv") }

    func loc(_ line: Int, _ column: Int) -> AllotCore.SourceLocation {
        AllotCore.SourceLocation(file: "t.csv", line: line, column: column)
    }

    func texts(_ t: CSVTable) -> [[String]] { t.records.map { $0.cells.map(\.text) } }

    @Test func headerAndRows() {
        let (t, d) = parse("id,name\nalice,Alice\nbob,Bob\n")
        #expect(d.isEmpty)
        #expect(t.file == "t.csv")
        #expect(t.header.map(\.text) == ["id", "name"])
        #expect(texts(t) == [["alice", "Alice"], ["bob", "Bob"]])
        // "bob,Bob" is line 3; "Bob" starts after "bob," = column 5.
        #expect(t.records[1].location == loc(3, 1))
        #expect(t.records[1].cells[1].location == loc(3, 5))
        #expect(t.header[1].location == loc(1, 4))  // "id," is 3 characters
    }

    /// The BOM is not part of the first header name, and does not count as a column.
    @Test func byteOrderMarkStripped() {
        let (t, d) = parse("\u{FEFF}id,name\na,b\n")
        #expect(d.isEmpty)
        #expect(t.header.map(\.text) == ["id", "name"])
        #expect(t.header[0].location == loc(1, 1))
        #expect(t.header[1].location == loc(1, 4))
    }

    /// CRLF and LF give the same cells at the same places; a last line without a line break is kept.
    @Test(arguments: ["\n", "\r\n"])
    func lineEndings(eol: String) {
        let (t, d) = parse(["id,n", "a,1", "b,22", "c,3"].joined(separator: eol))
        #expect(d.isEmpty)
        #expect(t.header.map(\.text) == ["id", "n"])
        #expect(texts(t) == [["a", "1"], ["b", "22"], ["c", "3"]])
        #expect(t.records.map(\.location.line) == [2, 3, 4])
        // No "\r" left at the end of a cell.
        #expect(t.records.allSatisfy { $0.cells.allSatisfy { !$0.text.contains("\r") } })
        #expect(t.records[2].cells[1].location == loc(4, 3))
    }

    /// Quoted fields: a comma, doubled quotes, an embedded line break, and the positions after them.
    ///
    ///     line 1: id,note,n
    ///     line 2: a,"x, y",1          "x, y" at col 3; `1` after a(1) ,(2) "x, y"(3-8) ,(9) -> col 10
    ///     line 3: b,"say ""hi""",2    the quoted cell spans cols 3-14 (`"say ""hi"""` is 12 chars),
    ///                                 `,` at 15, `2` at col 16
    ///     line 4: c,"two              the quoted cell starts at line 4 col 3
    ///     line 5: lines",3            `lines"` is 6 chars, `,` at 7, `3` at col 8 of line 5
    ///     line 6: d,after,4           the row after the break starts on line 6; `4` at col 9
    @Test(arguments: ["\n", "\r\n"])
    func quotedFields(eol: String) {
        let text = ["id,note,n", "a,\"x, y\",1", "b,\"say \"\"hi\"\"\",2", "c,\"two", "lines\",3", "d,after,4", ""]
            .joined(separator: eol)
        let (t, d) = parse(text)
        #expect(d.isEmpty)
        #expect(t.records.count == 4)
        guard t.records.count == 4 else { return }
        #expect(t.records[0].cells.map(\.text) == ["a", "x, y", "1"])
        #expect(t.records[0].cells[1].location == loc(2, 3))
        #expect(t.records[0].cells[2].location == loc(2, 10))
        #expect(t.records[1].cells.map(\.text) == ["b", "say \"hi\"", "2"])
        #expect(t.records[1].cells[2].location == loc(3, 16))
        #expect(t.records[2].cells[0].text == "c")
        #expect(t.records[2].cells[1].text.hasPrefix("two"))
        #expect(t.records[2].cells[1].text.hasSuffix("lines"))
        #expect(t.records[2].cells[1].location == loc(4, 3))
        #expect(t.records[2].cells[2].text == "3")
        #expect(t.records[2].cells[2].location == loc(5, 8))
        #expect(t.records[2].location == loc(4, 1))
        #expect(t.records[3].location == loc(6, 1))
        #expect(t.records[3].cells.map(\.text) == ["d", "after", "4"])
        #expect(t.records[3].cells[2].location == loc(6, 9))
    }

    @Test func embeddedLineBreakWithLF() {
        let (t, _) = parse("id,note\nc,\"two\nlines\"\n")
        #expect(t.records.first?.cells[1].text == "two\nlines")
    }

    /// Quoted cells keep their spaces and may hold an empty value.
    @Test func quotedSpacesKept() {
        let (t, d) = parse("id,note,n\na,\" x \",\"\"\n")
        #expect(d.isEmpty)
        #expect(texts(t) == [["a", " x ", ""]])
    }

    /// An unterminated quote: one error where the quoted cell starts (line 3, col 3:
    /// `b,` is 2 characters). Its row is dropped, and the rows before and
    /// after it are kept: the quote used to take `c,d` and `e,f` into b's
    /// note, so they were lost, and every row naming c was an error too.
    @Test func unterminatedQuote() {
        let (t, d) = parse("id,note\na,ok\nb,\"never closed\nc,d\ne,f\n")
        #expect(d.count == 1)
        #expect(d.first?.severity == .error)
        #expect(d.first?.location == loc(3, 3))
        #expect(texts(t) == [["a", "ok"], ["c", "d"], ["e", "f"]])
        #expect(t.records.map(\.location.line) == [2, 4, 5])
        #expect(d.first?.description.hasPrefix("t.csv:3:3: error: found ") == true)
        // In the header, the row stays (the quote and the rest of its line are
        // the cell's text), and the rows below are read against it.
        let (h, e) = parse("id,\"note\na,ok\n")
        #expect(e.count == 1 && e.first?.location == loc(1, 4))
        #expect(h.header.map(\.text) == ["id", "\"note"])
        #expect(texts(h) == [["a", "ok"]])
    }

    /// Text after a closing quote: `a,"x"y,1` -> a(1) ,(2) "(3) x(4) "(5) y(6): error at line 2 col 6.
    /// The cell after it still has its own place: `,` at 7, `1` at col 8.
    @Test func textAfterClosingQuote() {
        let (t, d) = parse("id,note,n\na,\"x\"y,1\n")
        #expect(d.count == 1)
        #expect(d.first?.severity == .error)
        #expect(d.first?.location == loc(2, 6))
        #expect(t.records.first?.cells.count == 3)
        #expect(t.records.first?.cells[2].text == "1")
        #expect(t.records.first?.cells[2].location == loc(2, 8))
    }

    /// Blank lines, lines of spaces and rows of only commas are skipped; line numbers still count them.
    ///     1 id,n   2 (blank)   3 a,1   4 ,,   5 "   "   6 ,   7 b,2   8 (blank)
    @Test func blankRowsSkipped() {
        let (t, d) = parse("id,n\n\na,1\n,,\n   \n,\nb,2\n\n")
        #expect(d.isEmpty)
        #expect(texts(t) == [["a", "1"], ["b", "2"]])
        #expect(t.records.map(\.location.line) == [3, 7])
    }

    /// Blank lines before the header: the header is the first non-blank row.
    @Test func blankLinesBeforeHeader() {
        let (t, d) = parse("\n\nid,n\na,1\n")
        #expect(d.isEmpty)
        #expect(t.header.map(\.text) == ["id", "n"])
        #expect(t.header.first?.location == loc(3, 1))
        #expect(t.records.first?.location == loc(4, 1))
    }

    /// Unquoted cells are trimmed of spaces and tabs, and located at their first non-space character.
    ///     line 1: `id, n ` -> "n" at col 5 (i d , space n)
    ///     line 2: `  a  ,\t40 ` -> "a" at col 3; `,` at 6, tab at 7, "40" at col 8
    @Test func unquotedCellsTrimmed() {
        let (t, d) = parse("id, n \n  a  ,\t40 \n")
        #expect(d.isEmpty)
        #expect(t.header.map(\.text) == ["id", "n"])
        #expect(t.header[1].location == loc(1, 5))
        #expect(texts(t) == [["a", "40"]])
        #expect(t.records[0].cells[0].location == loc(2, 3))
        #expect(t.records[0].cells[1].location == loc(2, 8))
    }

    /// Columns count characters, not bytes: `Müller,1` -> "ü" is one character (two UTF-8 bytes),
    /// so "1" is at col 8 (M ü l l e r = 6, `,` = 7).
    @Test func columnsCountCharacters() {
        let (t, _) = parse("name,n\nMüller,1\n")
        #expect(t.records.first?.cells[1].location == loc(2, 8))
    }

    /// Empty cells are kept as empty text: `a,,c` has three cells; the empty one is at col 3.
    @Test func emptyCellsKept() {
        let (t, _) = parse("x,y,z\na,,c\n")
        #expect(texts(t) == [["a", "", "c"]])
        #expect(t.records[0].cells[1].location == loc(2, 3))
        #expect(t.records[0].cells[2].location == loc(2, 4))
    }

    /// An empty file (or one of only a BOM and blank lines) is one error at 1:1.
    @Test(arguments: ["", "\u{FEFF}", "\n\n", ",,\n"])
    func emptyFile(text: String) {
        let (t, d) = parse(text)
        #expect(t.header.isEmpty)
        #expect(t.records.isEmpty)
        #expect(d.count == 1)
        #expect(d.first?.location == loc(1, 1))
        #expect(d.first?.severity == .error)
    }

    // MARK: - Writing (csvText) and number formatting

    /// RFC 4180: commas, quotes and line breaks (LF, CR, CRLF) are quoted,
    /// quotes doubled; other fields as they are; LF row ends.
    @Test func writerQuotesOnlyWhatNeedsIt() {
        let text = csvText(
            header: ["a", "b"],
            rows: [["plain", "x,y"], ["say \"hi\"", "two\nlines"], ["cr\rhere", "crlf\r\nhere"], ["", "é ü"]])
        #expect(text == "a,b\nplain,\"x,y\"\n\"say \"\"hi\"\"\",\"two\nlines\"\n\"cr\rhere\",\"crlf\r\nhere\"\n,é ü\n")
        // And the reader gets the same fields back (it reads every line break as LF).
        let (t, d) = parse(text)
        #expect(d.isEmpty)
        #expect(
            texts(t) == [["plain", "x,y"], ["say \"hi\"", "two\nlines"], ["cr\nhere", "crlf\nhere"], ["", "é ü"]])
    }

    /// A row keeps at most 1,000 cells and a table at most its cell limit,
    /// each with one error: a holidays.csv of one row of 100 million commas
    /// took 9 GB and aborted the process.
    @Test func rowsAndTablesKeepABoundedNumberOfCells() {
        let wide = "a,b\n" + String(repeating: "x,", count: 1_004) + "x\nc,d\n"
        let (t, d) = CSVTable.parse(wide, file: "holidays.csv")
        // 1,004 commas: 1,005 cells, of which 1,000 are kept.
        #expect(t.records.map(\.cells.count) == [1_000, 2])
        #expect(d.map(\.location.description) == ["holidays.csv:2:1"])
        #expect(d.first?.found == "a row of 1,005 cells")
        // A limit of 6 cells: the header (2) and two rows (4) fit, the third row does not.
        let (small, e) = CSVTable.parse("a,b\n1,2\n3,4\n5,6\n7,8\n", file: "staff.csv", tableCells: 6)
        #expect(small.records.count == 2)
        #expect(e.map(\.location.description) == ["staff.csv:4:1"])
        #expect(e.first?.found == "more than 6 cells by this row")
    }

    /// A coverage below 100% never shows as 100%, solver noise aside.
    @Test func percentagesNeverClaimAllWhenSomeIsUnmet() {
        #expect(formatPercent(100 * 1_491.28 / 1_492) == "99.9")  // 99.952%, 0.72 h unmet
        #expect(formatPercent(100 * 65.9999997 / 66) == "100")  // 4.5e-7 points: noise
        #expect(formatPercent(100) == "100")
        #expect(formatPercent(100 * 186 / 356) == "52.2")  // 52.247%
        #expect(formatPercent(99.96, decimals: 2) == "99.96")
        #expect(formatPercent(99.996, decimals: 2) == "99.99")
    }

    @Test func numbersWithoutNoise() {
        #expect(format(1.05) == "1.05")  // 105 hundredths
        #expect(format(1.5) == "1.5")  // trailing zero dropped
        #expect(format(0.005, decimals: 3) == "0.005")  // two leading zeros kept
        #expect(format(-2.10) == "-2.1")
        #expect(format(12) == "12")
        #expect(format(1.999) == "2")  // rounds to 200 hundredths
        #expect(format(0.1 + 0.2) == "0.3")  // 0.30000000000000004
        #expect(format(1234.5678, decimals: 4) == "1234.5678")
        #expect(format(-0.001) == "0")  // rounds to zero, no sign
    }
}
