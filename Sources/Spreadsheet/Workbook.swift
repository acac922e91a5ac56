/// A spreadsheet as a plain value: sheets of typed cells, with the few
/// layout features an exported plan needs (frozen header rows, filters,
/// colour scales, column widths). No C here: AllotCore builds a `Workbook`,
/// and a writer (the `XLSX` target, over libxlsxwriter) turns it into a file.
public struct Workbook: Sendable, Equatable {
    public var sheets: [Sheet]
    public var properties: Properties

    public init(sheets: [Sheet], properties: Properties) {
        self.sheets = sheets
        self.properties = properties
    }

    /// The document properties a spreadsheet shows under File > Info.
    public struct Properties: Sendable, Equatable {
        public var title: String
        /// When the document was made. Fixed by the caller, never "now", so the
        /// same content gives the same bytes.
        public var created: CalendarDay

        public init(title: String, created: CalendarDay) {
            self.title = title
            self.created = created
        }
    }

    /// The sheet with this name, if any.
    public subscript(name: String) -> Sheet? { sheets.first { $0.name == name } }
}

/// One worksheet: rows of cells from the top-left corner, row 0 first.
public struct Sheet: Sendable, Equatable {
    /// The tab's name: 1 to 31 characters, none of `[ ] : * ? / \`.
    public var name: String
    public var rows: [[Cell]]
    /// Column widths in characters, from column 0; columns past the end keep
    /// the default width.
    public var columnWidths: [Double]
    /// Rows and columns that stay in view when scrolling (the header rows).
    public var frozenRows: Int
    public var frozenColumns: Int
    /// Filter buttons on a header row over the rows below it.
    public var filter: CellRange?
    /// Cells shaded by value, from green (low) through yellow to red (high).
    public var colourScales: [ColourScale]

    public init(
        name: String, rows: [[Cell]] = [], columnWidths: [Double] = [], frozenRows: Int = 0, frozenColumns: Int = 0,
        filter: CellRange? = nil, colourScales: [ColourScale] = []
    ) {
        self.name = name
        self.rows = rows
        self.columnWidths = columnWidths
        self.frozenRows = frozenRows
        self.frozenColumns = frozenColumns
        self.filter = filter
        self.colourScales = colourScales
    }

    /// The number of columns of the widest row.
    public var width: Int { rows.map(\.count).max() ?? 0 }
}

/// What a cell holds, and how it shows.
public enum Cell: Sendable, Equatable {
    case empty
    /// Text, always stored as text: a leading `=` never makes it a formula.
    case text(String)
    /// A column or row heading: bold text.
    case heading(String)
    case number(Double, NumberStyle)
    /// A date, stored as the spreadsheet's date number and shown `yyyy-mm-dd`.
    case date(CalendarDay)
}

/// How a number shows; the stored value is always the full number.
public enum NumberStyle: String, Sendable, Equatable, CaseIterable {
    /// Whole numbers: `1234`.
    case integer
    /// Hours and other quantities, two decimals: `1,234.50`.
    case decimal
    /// A ratio shown as a percentage: 0.875 shows `87.5%`.
    case percent
}

/// A calendar date without a time or time zone.
public struct CalendarDay: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    public static func < (a: CalendarDay, b: CalendarDay) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    /// `2027-01-04`.
    public var description: String {
        func pad(_ v: Int, _ width: Int) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    /// Whether the month and day exist (no 2027-02-29, no month 13).
    public var isValid: Bool {
        guard (1...12).contains(month), day >= 1 else { return false }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return day <= lengths[month - 1]
    }
}

/// A rectangle of cells, 0-based and inclusive at both ends.
public struct CellRange: Sendable, Equatable {
    public var firstRow: Int
    public var firstColumn: Int
    public var lastRow: Int
    public var lastColumn: Int

    public init(firstRow: Int, firstColumn: Int, lastRow: Int, lastColumn: Int) {
        self.firstRow = firstRow
        self.firstColumn = firstColumn
        self.lastRow = lastRow
        self.lastColumn = lastColumn
    }
}

/// A three-colour scale over a range: `low` and below green, `middle`
/// yellow, `high` and above red, shades in between.
public struct ColourScale: Sendable, Equatable {
    public var range: CellRange
    public var low: Double
    public var middle: Double
    public var high: Double

    public init(range: CellRange, low: Double, middle: Double, high: Double) {
        self.range = range
        self.low = low
        self.middle = middle
        self.high = high
    }
}
