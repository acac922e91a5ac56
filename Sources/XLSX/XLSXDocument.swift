import CXlsxWriter
import Spreadsheet

/// One libxlsxwriter workbook, owned: made by `init`, written and freed by
/// `close()` exactly once (or freed unwritten by `deinit` when an error came
/// first). Worksheet and format pointers belong to the workbook and never
/// leave this type. Every call that returns an `lxw_error` is checked; every
/// string is passed for the length of one call only (the library copies it).
/// Callers check `Workbook.limitProblems()` first, so the library is never
/// asked for anything it refuses.
final class XLSXDocument {
    private var pointer: UnsafeMutablePointer<lxw_workbook>?
    private var formats: [Style: UnsafeMutablePointer<lxw_format>] = [:]

    /// The cell formats a `Cell` uses.
    enum Style: Hashable {
        case heading
        case date
        case number(NumberStyle)

        /// Excel's number format code.
        var code: String? {
            switch self {
            case .heading: return nil
            case .date: return "yyyy-mm-dd"
            case .number(.integer): return "0"
            case .number(.decimal): return "#,##0.00"
            case .number(.percent): return "0.0%"
            }
        }
    }

    /// The colour scale's colours, as the report's heatmap shades load
    /// (white idle as its `.l0`, blue full as its `.l4`): white idle, blue full,
    /// orange above capacity (green to red read idle people as good news
    /// and ran opposite to the report).
    private static let idle: lxw_color_t = 0xFFFFFF
    private static let full: lxw_color_t = 0x3F7FC7
    private static let over: lxw_color_t = 0xE8772E

    /// A workbook that `close()` writes to `path` (nothing is written before).
    init(path: String) throws(XLSXError) {
        // Worksheets are kept in memory (no constant-memory mode), so cells may
        // be written in any order; temporary files go where tmpfile() puts them.
        var options = lxw_workbook_options(constant_memory: 0, tmpdir: nil, use_zip64: 0)
        guard let p = path.withCString({ workbook_new_opt($0, &options) }) else {
            throw .library(
                call: "workbook_new_opt", code: LXW_ERROR_MEMORY_MALLOC_FAILED.rawValue,
                message: "could not allocate a workbook")
        }
        pointer = p
    }

    deinit {
        if let pointer { lxw_workbook_free(pointer) }
    }

    /// Writes the file and frees the workbook (libxlsxwriter frees it on
    /// success and on failure alike).
    func close() throws(XLSXError) {
        let p = try live()
        pointer = nil
        formats = [:]
        try Self.check(workbook_close(p), "workbook_close")
    }

    private func live() throws(XLSXError) -> UnsafeMutablePointer<lxw_workbook> {
        guard let pointer else {
            throw .library(
                call: "XLSXDocument", code: LXW_ERROR_NULL_PARAMETER_IGNORED.rawValue,
                message: "the workbook was already closed")
        }
        return pointer
    }

    /// `s` with only what XML 1.0 allows in text (tab, line feed, carriage
    /// return, U+0020 to U+D7FF, U+E000 to U+FFFD, U+10000 and above): the
    /// workbook's parts are XML, and one forbidden character (NUL, ESC, the
    /// noncharacters U+FFFE and U+FFFF) makes Excel call the file corrupt.
    static func xmlText(_ s: String) -> String {
        func allowed(_ u: Unicode.Scalar) -> Bool {
            u.value >= 0x20 ? u.value != 0xFFFE && u.value != 0xFFFF : u == "\t" || u == "\n" || u == "\r"
        }
        guard !s.unicodeScalars.allSatisfy(allowed) else { return s }
        var out = String.UnicodeScalarView()
        out.append(contentsOf: s.unicodeScalars.filter(allowed))
        return String(out)
    }

    static func check(_ rc: lxw_error, _ call: String) throws(XLSXError) {
        guard rc != LXW_NO_ERROR else { return }
        let message = lxw_strerror(rc).map { String(cString: $0) } ?? "(no message)"
        throw .library(call: call, code: rc.rawValue, message: message)
    }

    // MARK: - Content

    /// Adds the workbook's properties and sheets, in order.
    func add(_ workbook: Workbook) throws(XLSXError) {
        try setProperties(workbook.properties)
        for sheet in workbook.sheets { try add(sheet) }
    }

    private func setProperties(_ properties: Workbook.Properties) throws(XLSXError) {
        let p = try live()
        // A creation time of 0 means "now" to libxlsxwriter: the same day one
        // second later keeps the file the same from run to run.
        let seconds = properties.created.daysSince1970 * 86_400
        var fields = lxw_doc_properties()
        fields.created = time_t(seconds == 0 ? 1 : seconds)
        let rc = Self.xmlText(properties.title).withCString { title in
            "allot".withCString { author in
                // The library copies every field before it returns.
                fields.title = UnsafeMutablePointer(mutating: title)
                fields.author = UnsafeMutablePointer(mutating: author)
                defer {
                    fields.title = nil
                    fields.author = nil
                }
                return workbook_set_properties(p, &fields)
            }
        }
        try Self.check(rc, "workbook_set_properties")
    }

    private func add(_ sheet: Sheet) throws(XLSXError) {
        let p = try live()
        guard let ws = sheet.name.withCString({ workbook_add_worksheet(p, $0) }) else {
            throw .library(
                call: "workbook_add_worksheet", code: LXW_ERROR_MEMORY_MALLOC_FAILED.rawValue,
                message: "could not add the sheet \(sheet.name)")
        }
        for (c, width) in sheet.columnWidths.enumerated() {
            try Self.check(
                worksheet_set_column(ws, lxw_col_t(c), lxw_col_t(c), width, nil), "worksheet_set_column")
        }
        for (r, row) in sheet.rows.enumerated() {
            for (c, cell) in row.enumerated() { try write(cell, to: ws, row: lxw_row_t(r), column: lxw_col_t(c)) }
        }
        if sheet.frozenRows > 0 || sheet.frozenColumns > 0 {
            worksheet_freeze_panes(ws, lxw_row_t(sheet.frozenRows), lxw_col_t(sheet.frozenColumns))
        }
        if let f = sheet.filter {
            let rc = worksheet_autofilter(
                ws, lxw_row_t(f.firstRow), lxw_col_t(f.firstColumn), lxw_row_t(f.lastRow), lxw_col_t(f.lastColumn))
            try Self.check(rc, "worksheet_autofilter")
        }
        for scale in sheet.colourScales { try add(scale, to: ws) }
    }

    private func write(
        _ cell: Cell, to ws: UnsafeMutablePointer<lxw_worksheet>, row: lxw_row_t, column: lxw_col_t
    ) throws(XLSXError) {
        switch cell {
        case .empty:
            return
        case .text(let s):
            try Self.check(
                Self.xmlText(s).withCString { worksheet_write_string(ws, row, column, $0, nil) },
                "worksheet_write_string")
        case .heading(let s):
            let format = try format(.heading)
            try Self.check(
                Self.xmlText(s).withCString { worksheet_write_string(ws, row, column, $0, format) },
                "worksheet_write_string")
        case .number(let v, let style):
            try Self.check(
                worksheet_write_number(ws, row, column, v, try format(.number(style))), "worksheet_write_number")
        case .date(let d):
            var datetime = lxw_datetime(
                year: Int32(d.year), month: Int32(d.month), day: Int32(d.day), hour: 0, min: 0, sec: 0)
            try Self.check(
                worksheet_write_datetime(ws, row, column, &datetime, try format(.date)), "worksheet_write_datetime")
        }
    }

    private func add(_ scale: ColourScale, to ws: UnsafeMutablePointer<lxw_worksheet>) throws(XLSXError) {
        var rule = lxw_conditional_format()
        let number = UInt8(LXW_CONDITIONAL_RULE_TYPE_NUMBER.rawValue)
        rule.type = UInt8(LXW_CONDITIONAL_3_COLOR_SCALE.rawValue)
        rule.min_rule_type = number
        rule.min_value = scale.low
        rule.min_color = Self.idle
        rule.mid_rule_type = number
        rule.mid_value = scale.middle
        rule.mid_color = Self.full
        rule.max_rule_type = number
        rule.max_value = scale.high
        rule.max_color = Self.over
        let r = scale.range
        let rc = worksheet_conditional_format_range(
            ws, lxw_row_t(r.firstRow), lxw_col_t(r.firstColumn), lxw_row_t(r.lastRow), lxw_col_t(r.lastColumn), &rule)
        try Self.check(rc, "worksheet_conditional_format_range")
    }

    /// The workbook's format for a style, made on first use.
    private func format(_ style: Style) throws(XLSXError) -> UnsafeMutablePointer<lxw_format> {
        if let made = formats[style] { return made }
        guard let f = workbook_add_format(try live()) else {
            throw .library(
                call: "workbook_add_format", code: LXW_ERROR_MEMORY_MALLOC_FAILED.rawValue,
                message: "could not add a cell format")
        }
        if style == .heading {
            format_set_bold(f)
            format_set_bottom(f, UInt8(LXW_BORDER_THIN.rawValue))
        }
        if let code = style.code { code.withCString { format_set_num_format(f, $0) } }
        formats[style] = f
        return f
    }
}
