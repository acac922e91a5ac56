import Spreadsheet

/// The limits of the XLSX format (and of libxlsxwriter), checked in Swift
/// before anything crosses into C, so the library never sees a call it
/// would refuse or print a warning about.
enum XLSXLimits {
    static let rows = 1_048_576
    static let columns = 16_384
    /// Characters (Unicode scalars) in a text cell.
    static let textLength = 32_767
    static let sheetNameLength = 31
    static let forbiddenInSheetName: Set<Character> = ["[", "]", ":", "*", "?", "/", "\\"]
    /// Excel's dates start in 1900; four-digit years only.
    static let years = 1900...9999
    /// Column width in characters.
    static let columnWidth = 0.0...255.0

    /// `B12` for row 11, column 1 (0-based).
    static func cellName(row: Int, column: Int) -> String { columnName(column) + String(row + 1) }

    /// `A`, `B`, ..., `Z`, `AA`, ... for column 0, 1, ...
    static func columnName(_ column: Int) -> String {
        var n = column + 1
        var letters: [Character] = []
        while n > 0 {
            let r = (n - 1) % 26
            letters.append(Character(Unicode.Scalar(UInt8(65 + r))))
            n = (n - 1) / 26
        }
        return String(letters.reversed())
    }
}

extension Workbook {
    /// Every way this workbook breaks the format's limits; empty when it can
    /// be written.
    func limitProblems() -> [String] {
        var problems: [String] = []
        if sheets.isEmpty { problems.append("a workbook needs at least one sheet") }
        var seen: Set<String> = []
        for sheet in sheets {
            problems += sheet.nameProblems()
            // Excel compares sheet names without regard to case.
            if !seen.insert(sheet.name.lowercased()).inserted {
                problems.append("the sheet name \"\(sheet.name)\" is used twice (case is ignored)")
            }
            problems += sheet.contentProblems()
        }
        problems += textProblems(properties.title, at: "the title")
        if !XLSXLimits.years.contains(properties.created.year) || !properties.created.isValid {
            problems.append("the creation date \(properties.created) is not a date in 1900-9999")
        }
        return problems
    }
}

extension Sheet {
    func nameProblems() -> [String] {
        let quoted = "the sheet name \"\(name)\""
        var problems: [String] = []
        if name.isEmpty { problems.append("a sheet has an empty name") }
        if name.unicodeScalars.count > XLSXLimits.sheetNameLength {
            problems.append("\(quoted) is longer than \(XLSXLimits.sheetNameLength) characters")
        }
        if name.contains(where: XLSXLimits.forbiddenInSheetName.contains) {
            problems.append("\(quoted) contains one of [ ] : * ? / \\")
        }
        if name.hasPrefix("'") || name.hasSuffix("'") { problems.append("\(quoted) starts or ends with '") }
        if name.lowercased() == "history" { problems.append("\(quoted) is reserved by Excel") }
        if name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            problems.append("\(quoted) contains a control character")
        }
        return problems
    }

    func contentProblems() -> [String] {
        var problems: [String] = []
        let here = name + "!"
        if rows.count > XLSXLimits.rows {
            problems.append("\(name) has \(rows.count) rows, more than \(XLSXLimits.rows)")
        }
        if width > XLSXLimits.columns {
            problems.append("\(name) has \(width) columns, more than \(XLSXLimits.columns)")
        }
        if columnWidths.count > XLSXLimits.columns {
            problems.append("\(name) gives \(columnWidths.count) column widths, more than \(XLSXLimits.columns)")
        }
        for (c, w) in columnWidths.enumerated() where !XLSXLimits.columnWidth.contains(w) {
            problems.append("\(here)\(XLSXLimits.columnName(c)): the width \(w) is not in 0...255")
        }
        for (r, row) in rows.enumerated() {
            for (c, cell) in row.enumerated() {
                let at = here + XLSXLimits.cellName(row: r, column: c)
                switch cell {
                case .empty: break
                case .text(let s), .heading(let s): problems += textProblems(s, at: at)
                case .number(let v, _):
                    if !v.isFinite { problems.append("\(at): \(v) is not a finite number") }
                case .date(let d):
                    if !XLSXLimits.years.contains(d.year) || !d.isValid {
                        problems.append("\(at): \(d) is not a date in 1900-9999")
                    }
                }
            }
        }
        if !(0..<XLSXLimits.rows).contains(frozenRows) || !(0..<XLSXLimits.columns).contains(frozenColumns) {
            problems.append("\(name): cannot freeze \(frozenRows) rows and \(frozenColumns) columns")
        }
        if let filter { problems += rangeProblems(filter, what: "the filter") }
        for scale in colourScales {
            problems += rangeProblems(scale.range, what: "a colour scale")
            if !(scale.low < scale.middle && scale.middle < scale.high)
                || ![scale.low, scale.middle, scale.high].allSatisfy(\.isFinite)
            {
                problems.append(
                    "\(name): a colour scale needs finite low < middle < high, found "
                        + "\(scale.low), \(scale.middle), \(scale.high)")
            }
        }
        return problems
    }

    func rangeProblems(_ r: CellRange, what: String) -> [String] {
        let fits =
            0 <= r.firstRow && r.firstRow <= r.lastRow && r.lastRow < XLSXLimits.rows
            && 0 <= r.firstColumn && r.firstColumn <= r.lastColumn && r.lastColumn < XLSXLimits.columns
        guard !fits else { return [] }
        return [
            "\(name): \(what) covers rows \(r.firstRow)...\(r.lastRow), columns \(r.firstColumn)...\(r.lastColumn), "
                + "which is not a range of cells"
        ]
    }
}

/// A text cell's limits: at most 32,767 characters, and no NUL (C strings end there).
func textProblems(_ s: String, at place: String) -> [String] {
    var problems: [String] = []
    let count = s.unicodeScalars.count
    if count > XLSXLimits.textLength {
        problems.append("\(place): the text has \(count) characters, more than \(XLSXLimits.textLength)")
    }
    if s.unicodeScalars.contains("\u{0}") { problems.append("\(place): the text contains a NUL character") }
    return problems
}

extension CalendarDay {
    /// Days since 1970-01-01 (Howard Hinnant's days_from_civil).
    var daysSince1970: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }
}
