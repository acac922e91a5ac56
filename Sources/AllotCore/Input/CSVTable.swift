/// One CSV file as read: a header and rows of cells, every cell with its
/// line and column. RFC 4180 quoting, LF or CRLF, a leading BOM ignored.
///
/// CSV.swift reads CSV well but does not report positions, and every problem
/// in a dataset must be reported with file:line:column, so reading is done
/// here; writing uses CSV.swift.
public struct CSVTable: Sendable, Hashable {
    public struct Cell: Sendable, Hashable {
        public var text: String
        public var location: SourceLocation

        public init(_ text: String, at location: SourceLocation) {
            self.text = text
            self.location = location
        }
    }

    /// One data row. `location` is where the row starts, `end` just after its
    /// last character (where a missing trailing cell would be).
    public struct Record: Sendable, Hashable {
        public var cells: [Cell]
        public var location: SourceLocation
        public var end: SourceLocation

        public init(cells: [Cell], location: SourceLocation, end: SourceLocation? = nil) {
            self.cells = cells
            self.location = location
            self.end = end ?? location
        }
    }

    public var file: String
    public var header: [Cell]
    public var records: [Record]

    public init(file: String, header: [Cell], records: [Record]) {
        self.file = file
        self.header = header
        self.records = records
    }
}

extension CSVTable {
    /// Parses CSV text. Syntax problems (an unterminated quote, text after a
    /// closing quote) are returned as diagnostics; what could be read is kept.
    public static func parse(
        _ text: String, file: String, tableCells: Int = DatasetLimits.tableCells
    ) -> (CSVTable, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        var rows: [Record] = []
        var scalars = Array(text.unicodeScalars)
        if scalars.first == "\u{FEFF}" { scalars.removeFirst() }
        var i = 0
        var line = 1, column = 1
        let n = scalars.count

        func at(_ l: Int, _ c: Int) -> SourceLocation { SourceLocation(file: file, line: l, column: c) }
        // Cells kept: a row of a million commas, or a table of a hundred
        // million cells, would take gigabytes to hold (DatasetLimits).
        var kept = 0

        while i < n {
            var cells: [Cell] = []
            var dropped = 0
            let rowStart = at(line, column)
            var rowEnd = rowStart
            var endOfRow = false
            // A row with a quote never closed is not kept (see below).
            var broken = false
            while !endOfRow {
                let cellStart = at(line, column)
                var value = String.UnicodeScalarView()
                if i < n && scalars[i] == "\"" {
                    let opening = (i, line, column)
                    // Quoted field: "" is a quote, line breaks are kept.
                    i += 1; column += 1
                    var closed = false
                    while i < n {
                        let s = scalars[i]
                        if s == "\"" {
                            if i + 1 < n && scalars[i + 1] == "\"" {
                                value.append("\""); i += 2; column += 2
                            } else {
                                i += 1; column += 1; closed = true; break
                            }
                        } else if s == "\r" && i + 1 < n && scalars[i + 1] == "\n" {
                            value.append("\n"); i += 2; line += 1; column = 1
                        } else if s == "\n" || s == "\r" {
                            value.append("\n"); i += 1; line += 1; column = 1
                        } else {
                            value.append(s); i += 1; column += 1
                        }
                    }
                    if !closed {
                        diagnostics.append(
                            Diagnostic(
                                .error, at: cellStart, found: "a quote that is never closed",
                                expected: "a closing \" before the end of the file"))
                        // The quote took every line after it: read on from
                        // the line after the quote's, and drop its row, so that
                        // the rows it took are read (they were lost, and every
                        // row naming them was an error of its own).
                        (i, line, column) = opening
                        value = String.UnicodeScalarView()
                        while i < n, scalars[i] != "\n", scalars[i] != "\r" {
                            value.append(scalars[i]); i += 1; column += 1
                        }
                        broken = true
                    }
                    // After the closing quote only a separator or the end of the line may follow.
                    var junk = String.UnicodeScalarView()
                    let junkStart = at(line, column)
                    while i < n, scalars[i] != ",", scalars[i] != "\n", scalars[i] != "\r" {
                        junk.append(scalars[i]); i += 1; column += 1
                    }
                    if !String(junk).allSatisfy(\.isWhitespace) {
                        diagnostics.append(
                            Diagnostic(
                                .error, at: junkStart, found: quoted(String(junk)) + " after a closing quote",
                                expected: "a comma or the end of the line (write \"\" for a quote inside a quoted cell)"
                            ))
                    }
                    if cells.count < DatasetLimits.rowCells {
                        cells.append(Cell(String(value), at: cellStart))
                    } else {
                        dropped += 1
                    }
                } else {
                    while i < n, scalars[i] != ",", scalars[i] != "\n", scalars[i] != "\r" {
                        value.append(scalars[i]); i += 1; column += 1
                    }
                    // Unquoted cells are trimmed: " 40 " means 40.
                    if cells.count < DatasetLimits.rowCells {
                        let raw = String(value)
                        let lead = raw.prefix { $0 == " " || $0 == "\t" }.count
                        cells.append(Cell(raw.trimmedSpaces, at: at(cellStart.line, cellStart.column + lead)))
                    } else {
                        dropped += 1
                    }
                }
                if i < n && scalars[i] == "," {
                    i += 1; column += 1
                } else {
                    endOfRow = true
                    rowEnd = at(line, column)
                    if i < n && scalars[i] == "\r" { i += 1 }
                    if i < n && scalars[i] == "\n" { i += 1 }
                    line += 1; column = 1
                }
            }
            if dropped > 0 {
                let limit = formatGrouped(Double(DatasetLimits.rowCells))
                diagnostics.append(
                    Diagnostic(
                        .error, at: rowStart,
                        found: "a row of \(formatGrouped(Double(cells.count + dropped))) cells",
                        expected: "at most \(limit) cells in a row (the cells past them are not read)"))
            }
            // Blank lines and rows of empty cells (spreadsheet leftovers) are skipped.
            // A broken header stays (the rest of its line as the cell's text),
            // so that the rows are still read against it.
            if (broken && !rows.isEmpty) || cells.allSatisfy({ $0.text.isEmpty }) { continue }
            kept += cells.count
            if kept > tableCells {
                let limit = formatGrouped(Double(tableCells))
                diagnostics.append(
                    Diagnostic(
                        .error, at: rowStart, found: "more than \(limit) cells by this row",
                        expected: "a table of at most \(limit) cells (this row and the rows after it are not read)"))
                break
            }
            rows.append(Record(cells: cells, location: rowStart, end: rowEnd))
        }
        guard let first = rows.first else {
            diagnostics.append(emptyFile(file))
            return (CSVTable(file: file, header: [], records: []), diagnostics)
        }
        return (CSVTable(file: file, header: first.cells, records: Array(rows.dropFirst())), diagnostics)
    }
}

extension CSVTable {
    /// The one problem of a file without a header row.
    static func emptyFile(_ file: String) -> Diagnostic {
        Diagnostic(
            .error, at: SourceLocation(file: file, line: 1, column: 1), found: "an empty file",
            expected: "a header row naming the columns")
    }
}

extension String {
    var trimmedSpaces: String {
        var s = Substring(self)
        while let c = s.first, c == " " || c == "\t" { s.removeFirst() }
        while let c = s.last, c == " " || c == "\t" { s.removeLast() }
        return String(s)
    }
}
